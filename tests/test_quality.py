"""Static checks CI runs with the tests: mypy --strict and ruff on the package."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_mypy_strict_is_clean():
    out = _run("mypy", "--strict", "xindu_plan")
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize("command", [("check",), ("format", "--check")])
def test_ruff_is_clean(command):
    out = _run("ruff", *command, "xindu_plan", "tests", "benchmarks")
    assert out.returncode == 0, out.stdout + out.stderr
