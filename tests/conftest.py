"""Shared fixtures and the hypothesis profiles (``ci`` by default, ``long`` on demand)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

import xindu_plan
from xindu_plan.base.resources import package_root

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def plan() -> xindu_plan.Plan:
    return xindu_plan.load()


@pytest.fixture()
def package_copy(tmp_path: Path) -> Path:
    """A writable copy of the published package (datapackage.json and data/)."""
    root = package_root()
    shutil.copy(root / "datapackage.json", tmp_path / "datapackage.json")
    shutil.copytree(root / "data", tmp_path / "data")
    return tmp_path


def benchmark(name: str) -> ModuleType:
    """Import a script of ``benchmarks/`` as a module (the evaluations score the code through them)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def rehash(root: Path, file: str) -> None:
    """Re-hash ``file`` in ``root/datapackage.json``, as someone editing the package by hand would."""
    import json

    from xindu_plan.base.digest import sha256

    desc_path = root / "datapackage.json"
    desc = json.loads(desc_path.read_text(encoding="utf-8"))
    for resource in desc["resources"]:
        if resource["path"] == file:
            data = (root / file).read_bytes()
            resource["hash"] = f"sha256:{sha256(data)}"
            resource["bytes"] = len(data)
    desc_path.write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
