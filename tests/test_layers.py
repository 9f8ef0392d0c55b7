"""The layers of the code: no import runs up or sideways, no circle, no room over 600 lines."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import xindu_plan
from xindu_plan import _architecture
from xindu_plan._architecture import LAYERS, cycles, imports, layer_of, violations
from xindu_plan._moved import MOVED

PACKAGE = Path(xindu_plan.__file__).parent


def test_no_import_runs_up_or_sideways_at_any_depth():
    found = imports()
    assert {arrow.where for arrow in found} == {"module", "function", "type-checking"}  # all three are read
    assert [str(arrow) for arrow in violations(found)] == []


def test_no_modules_import_each_other_in_a_circle():
    assert cycles(imports()) == []


def test_every_module_belongs_to_a_declared_layer_and_every_layer_folder_says_what_it_holds():
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(["xindu_plan", *path.relative_to(PACKAGE).with_suffix("").parts]).removesuffix(".__init__")
        layer_of(module)  # raises for a module outside the declared layers
    folders = [layer.name for layer in LAYERS if (PACKAGE / layer.name).is_dir()]
    assert folders == ["base", "chinese", "reading", "dataset", "derivation", "analysis"]
    for folder in folders:  # the layer's folder says what it holds and what it may import
        doc = importlib.import_module(f"xindu_plan.{folder}").__doc__ or ""
        assert len(doc.split()) > 30 and "import" in doc, folder


def _planted(tmp_path: Path, **plants: str) -> Path:
    """A copy of the package with a function ``_planted`` holding ``code`` appended to each module named
    (``chinese__quotes="from xindu_plan.dataset import plan"``); the copy's folder."""
    root = tmp_path / "xindu_plan"
    shutil.copytree(PACKAGE, root, ignore=shutil.ignore_patterns("__pycache__", "*.txt", "*.csv"))
    for name, code in plants.items():
        module = root.joinpath(*name.split("__")).with_suffix(".py")
        body = "".join(f"    {line}\n" for line in code.splitlines())
        module.write_text(module.read_text(encoding="utf-8") + f"\n\ndef _planted():\n{body}", encoding="utf-8")
    return root


def test_a_planted_upward_import_inside_a_function_is_found(tmp_path):
    root = _planted(tmp_path, chinese__quotes="from xindu_plan.dataset import plan")
    found = violations(imports(root))
    assert [(a.source, a.target, a.where) for a in found] == [  # the layer's package and the module
        ("xindu_plan.chinese.quotes", "xindu_plan.dataset", "function"),
        ("xindu_plan.chinese.quotes", "xindu_plan.dataset.plan", "function"),
    ]


def test_a_planted_sideways_import_and_a_relative_one_are_found(tmp_path):
    root = _planted(tmp_path, derivation__rederive="from ..analysis import chance")
    assert [(a.source, a.target) for a in violations(imports(root))] == [
        ("xindu_plan.derivation.rederive", "xindu_plan.analysis"),
        ("xindu_plan.derivation.rederive", "xindu_plan.analysis.chance"),
    ]


def test_a_planted_circle_is_found(tmp_path):
    root = _planted(
        tmp_path, base__digest="from xindu_plan.base import values", base__values="from xindu_plan.base import digest"
    )
    assert cycles(imports(root)) == [["xindu_plan.base.digest", "xindu_plan.base.values"]]


def test_no_module_over_600_lines():
    long = {
        str(path.relative_to(PACKAGE)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}


def test_loading_a_plan_never_imports_the_build_or_the_analysis():
    code = (
        "import sys, xindu_plan; xindu_plan.load(); "
        "print(sorted(m for m in sys.modules if m.startswith(('xindu_plan.derivation', 'xindu_plan.analysis'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("old", sorted(MOVED))
def test_an_old_import_path_still_works_with_a_warning(old):
    sys.modules.pop(f"xindu_plan.{old}", None)
    with pytest.warns(DeprecationWarning, match=rf"xindu_plan\.{old} is deprecated .* import xindu_plan\.{MOVED[old]}"):
        module = importlib.import_module(f"xindu_plan.{old}")
    assert module is importlib.import_module(f"xindu_plan.{MOVED[old]}")
    sys.modules.pop(f"xindu_plan.{old}", None)


def test_the_public_names_are_unchanged():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # none of the public names goes through an old path
        for name in xindu_plan.__all__:
            getattr(xindu_plan, name)
    assert "Plan" in xindu_plan.__all__ and "compare_many" in xindu_plan.__all__
    assert _architecture.__all__


@pytest.mark.parametrize(
    ("planted", "target"),
    [
        ("from xindu_plan import compare", "xindu_plan.analysis.comparison"),  # a public name, imported on first use
        ("import xindu_plan", "xindu_plan"),  # the interface itself
        ("from xindu_plan.comparison import compare", "xindu_plan.analysis.comparison"),  # a path of 1.1
        ("import importlib; importlib.import_module('xindu_plan.analysis.retrieval')", "xindu_plan.analysis.retrieval"),
        ("__import__('xindu_plan.derivation.build')", "xindu_plan.derivation.build"),
    ],
)
def test_every_way_of_importing_up_is_found(tmp_path, planted, target):
    root = _planted(tmp_path, base__values=planted.replace("; ", "\n"))
    assert target in [a.target for a in violations(imports(root)) if a.source == "xindu_plan.base.values"]


def test_an_import_for_the_type_checker_and_its_else_branch_are_told_apart(tmp_path):
    root = _planted(tmp_path)
    module = root / "base" / "values.py"
    module.write_text(
        module.read_text(encoding="utf-8")
        + "\n\nif TYPE_CHECKING:\n    from xindu_plan.dataset import plan\n"
        + "else:\n    from xindu_plan.chinese import text\n",
        encoding="utf-8",
    )
    where = {a.target: a.where for a in imports(root) if a.source == "xindu_plan.base.values"}
    assert where["xindu_plan.dataset.plan"] == "type-checking" and where["xindu_plan.chinese.text"] == "module"


def test_an_old_import_path_leaves_the_module_as_it_was():
    import importlib.resources
    import importlib.util

    sys.modules.pop("xindu_plan.comparison", None)
    with pytest.warns(DeprecationWarning):
        importlib.import_module("xindu_plan.comparison")
    assert importlib.util.find_spec("xindu_plan.analysis.comparison").name == "xindu_plan.analysis.comparison"
    assert importlib.resources.files("xindu_plan.analysis.comparison").joinpath("report.py").is_file()
    sys.modules.pop("xindu_plan.comparison", None)


def test_an_old_module_reached_as_an_attribute_warns():
    vars(xindu_plan).pop("errors", None)  # as in a fresh process (an earlier import of the old path sets it)
    sys.modules.pop("xindu_plan.errors", None)
    with pytest.warns(DeprecationWarning, match=r"xindu_plan\.errors is deprecated"):
        errors = xindu_plan.errors
    assert errors is importlib.import_module("xindu_plan.base.errors")
