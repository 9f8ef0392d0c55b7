"""CI (.ci/run) installs everything through pip and builds the book with an empty matplotlib cache."""

from __future__ import annotations

from .conftest import ROOT


def test_ci_installs_nothing_outside_pip_and_starts_matplotlib_from_scratch():
    script = (ROOT / ".ci/run").read_text(encoding="utf-8")
    commands = [line for line in script.splitlines() if not line.lstrip().startswith("#")]
    assert not any("apt-get" in line or "fc-list" in line for line in commands)
    assert any(line.startswith("MPLCONFIGDIR=$(mktemp -d)") for line in commands)
    assert "export MPLCONFIGDIR" in commands
