"""CI (.ci/run) installs everything through pip and builds the book with an empty matplotlib cache."""

from __future__ import annotations

from .conftest import ROOT


def test_ci_installs_nothing_outside_pip_and_starts_matplotlib_from_scratch():
    script = (ROOT / ".ci/run").read_text(encoding="utf-8")
    commands = [line for line in script.splitlines() if not line.lstrip().startswith("#")]
    assert not any("apt-get" in line or "fc-list" in line for line in commands)
    assert any(line.startswith("MPLCONFIGDIR=$(mktemp -d)") for line in commands)
    assert "export MPLCONFIGDIR" in commands


def test_ci_runs_the_readme_command_first_then_the_slow_tier_and_fails_when_nothing_ran():
    script = (ROOT / ".ci/run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = "$PYTHON -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest\n"
    assert (
        first in script
        and "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest\n" in readme
    )
    assert script.index(first) < script.index(".venv/bin/python -m pytest -m slow\n")
    assert script.count('if [ "$status" -eq 5 ]; then') == 3
