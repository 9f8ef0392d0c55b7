"""The wheel: built, installed into a fresh virtual environment, loaded and verified there."""

from __future__ import annotations

import json
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

import xindu_plan

from .conftest import ROOT

pytestmark = pytest.mark.slow

SCRIPT = """
import xindu_plan, pathlib
from xindu_plan.base.tables import TABLES
from xindu_plan.base.resources import package_root
root = package_root()
assert root.name == "_package" and "site-packages" in str(root), root
plan = xindu_plan.load(validate=True)
assert all(len(plan.tables[t.name]) > 0 for t in TABLES)
report = xindu_plan.verify()
assert report.ok, report.failures
from xindu_plan import compare, corpus
assert len(corpus.catalogue()) == 10
result = compare(plan, corpus.document("national-gwr-2021"))
assert len(result.passages) > 0 and set(result.summary["pillar_id"]) == set(plan.sections["section_id"])
print(plan.version, len(report.checks))
"""


def test_wheel_installs_and_loads_every_table(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
    )
    wheel = next(dist.glob("xindu_plan-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "xindu_plan/_package/datapackage.json" in names and "xindu_plan/py.typed" in names
    assert "xindu_plan/corpus/national-gwr-2021.txt" in names
    env = tmp_path / "venv"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # the dependencies come from the test environment; the project itself only from the wheel
    deps = [p for p in site.getsitepackages() if "site-packages" in p]
    Path(purelib, "deps.pth").write_text("\n".join(deps) + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", purelib, str(wheel)], check=True
    )
    out = subprocess.run([str(python), "-c", SCRIPT], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    version, checks = out.stdout.split()
    assert version == xindu_plan.__version__
    resources = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    assert checks == str(len(resources) + 1)  # one check per file and the package-level rules
