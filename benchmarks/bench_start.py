"""Start-up: the quick commands against ``import pandas``, and ``load()`` against plain pandas.

Every measurement is a fresh Python process (imports included); the variants are run
in turn, round after round, so that all see the same machine state. Prints the median
of each and its ratio to its baseline, measured in the same run:

* ``xindu-plan info``, ``verify``, ``cite`` and ``search`` against ``python -c "import pandas"``
  (goal: at most 0.35x);
* ``xindu_plan.load()`` against pandas reading the same CSV files and the two texts (goal: at
  most 1.3x), and ``load(validate=True)`` against the same, measured and documented with no
  goal (it re-derives every table by design: it runs the build), with its two halves measured
  on their own (``load()`` and the pandera schemas; the re-derivation) to show where its time goes.

The package is byte-compiled first, as pip compiles an installed package (pandas is).

    python benchmarks/bench_start.py [--runs 9]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _plain_read() -> str:
    """pandas reading every table and the two texts, paths fixed in advance (no xindu_plan import)."""
    from xindu_plan.base.resources import package_root
    from xindu_plan.base.tables import TABLES

    root = package_root()
    tables = [str(root / t.file) for t in TABLES]
    texts = [str(root / "data/text/article.txt"), *(str(p) for p in (root / "data/source").glob("*.txt"))]
    return (
        "import pandas as pd, pathlib\n"
        f"for p in {tables!r}:\n    pd.read_csv(p)\n"
        f"for p in {texts!r}:\n    pathlib.Path(p).read_text(encoding='utf-8')\n"
    )


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "xindu_plan", *args]


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def _cold(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    pandas = _python("import pandas")
    plain = _python(_plain_read())
    commands = {
        'python -c "import pandas"': pandas,
        "xindu-plan info": _cli("info"),
        "xindu-plan verify": _cli("verify"),
        "xindu-plan cite": _cli("cite"),
        "xindu-plan search 疫情防控": _cli("search", "疫情防控"),
        "pandas reads the same files": plain,
        "xindu_plan.load()": _python("import xindu_plan; xindu_plan.load()"),
        "xindu_plan.load(validate=True)": _python("import xindu_plan; xindu_plan.load(validate=True)"),
        # Where the time of load(validate=True) goes (no goal): its two halves, each on its own.
        "  load() + pandera schemas only": _python(
            "import xindu_plan\n"
            "from xindu_plan.derivation.schemas import pandera_schema\n"
            "from xindu_plan.base.tables import TABLES\n"
            "plan = xindu_plan.load()\n"
            "for t in TABLES:\n    pandera_schema(t.name).validate(plan.tables[t.name], lazy=True)\n"
        ),
        "  re-derivation only (the build)": _python(
            "from xindu_plan.base.resources import package_root\n"
            "from xindu_plan.derivation.build import build_files\n"
            "build_files(package_root())\n"
        ),
    }
    # Compiled as pip compiles an installed package (an editable install is otherwise compiled
    # only when Python may write bytecode, and not at all under PYTHONDONTWRITEBYTECODE):
    # pandas, like every installed library, is measured compiled too.
    import compileall

    import xindu_plan

    compileall.compile_dir(str(Path(xindu_plan.__file__).parent), quiet=1)
    for command in commands.values():  # warm the file cache
        _cold(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(_cold(command))
    median = {name: statistics.median(t) for name, t in times.items()}
    goals = {
        "xindu-plan info": ('python -c "import pandas"', 0.35),
        "xindu-plan verify": ('python -c "import pandas"', 0.35),
        "xindu-plan cite": ('python -c "import pandas"', 0.35),
        "xindu-plan search 疫情防控": ('python -c "import pandas"', 0.35),
        "xindu_plan.load()": ("pandas reads the same files", 1.3),
        "xindu_plan.load(validate=True)": ("pandas reads the same files", None),  # no goal: it runs the build
        "  load() + pandera schemas only": ("pandas reads the same files", None),
        "  re-derivation only (the build)": ("pandas reads the same files", None),
    }
    print(f"median of {args.runs} cold processes each, run in turn")
    for name, seconds in median.items():
        line = f"{name:<32} {seconds * 1000:7.1f} ms"
        if name in goals:
            base, goal = goals[name]
            ratio = seconds / median[base]
            line += f"   {ratio:5.2f}x {base}"
            if goal is not None:
                line += f" (goal: at most {goal}x{'' if ratio <= goal else ', MISSED'})"
        print(line)


if __name__ == "__main__":
    main()
