"""Fail when an executed page of the book wrote to stderr or raised: run after `jupyter-book build`.

Sphinx's -W turns the build's own warnings into errors; this catches what a cell
prints on stderr (a Python warning, a missing glyph, a library's log line), which
Sphinx does not see.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

__all__ = ["problems"]

BUILD = Path(__file__).resolve().parent / "_build" / "jupyter_execute"


def problems(folder: Path = BUILD) -> list[str]:
    """Return one line per stderr or error output in the executed notebooks of ``folder``."""
    found = []
    notebooks = sorted(folder.glob("*.ipynb"))
    if not notebooks:
        return [f"{folder}: no executed pages; build the book first"]
    for path in notebooks:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for number, cell in enumerate(cells, start=1):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error" or output.get("name") == "stderr":
                    text = "".join(output.get("text", output.get("evalue", ""))).strip().splitlines()
                    found.append(f"{path.name} cell {number}: {text[0] if text else output['output_type']}")
    return found


if __name__ == "__main__":
    issues = problems()
    for line in issues:
        print(f"book: {line}", file=sys.stderr)
    if not issues:
        print(f"book: {len(list(BUILD.glob('*.ipynb')))} pages executed without errors or stderr output")
    sys.exit(1 if issues else 0)
