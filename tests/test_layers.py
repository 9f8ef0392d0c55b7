"""The package's imports run one way: down the declared layers, with no cycle.

Every ``from .x import …`` (and ``from xindu_plan.x import …``) is read from the
source, at module level and inside functions. Imports under ``if TYPE_CHECKING:``
run only for the type checker: they must still point down or sideways, but are
left out of the search for cycles.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "xindu_plan"

#: The layers, lowest first; a module may import from its own layer and those below.
LAYERS: tuple[tuple[str, ...], ...] = (
    # the contract and base helpers
    ("_version", "errors", "tables", "_digest", "_resources", "_values", "_input", "_atomic", "_parallel"),
    # text and numbers, and the one reader of the curation files
    ("offsets", "text", "quotes", "quantities", "curation"),
    # the one reader of plan documents
    ("reader", "mentions", "_shelf"),
    # the published package: its descriptor and the files rendered from it, the build, load and the checks
    (
        "package",
        "citation",
        "codebook",
        "coding",
        "translations",
        "records",
        "search",
        "build",
        "rederive",
        "rules",
        "schemas",
        "plan",
        "integrity",
    ),
    # analysis of a loaded plan
    (
        "indicators",
        "export",
        "comparison",
        "retrieval",
        "corpus",
        "calibration",
        "chance",
        "plan_outcomes",
        "outcomes",
    ),
    # the command line and the public facade
    ("cli", "__main__", "__init__"),
)
LAYER = {name: n for n, layer in enumerate(LAYERS) for name in layer}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        out[parts[0] if parts[-1] != "__init__" or len(parts) > 1 else "__init__"] = path
    return out


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str, path: Path, known: set[str]) -> list[tuple[str, bool]]:
    """The package modules ``name`` imports, each with whether it is for the type checker only."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    depth = len(path.relative_to(PACKAGE).parts) - 1  # 1 inside a subpackage (corpus/__init__.py)
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, typing_only: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, typing_only)
            return
        if isinstance(node, ast.ImportFrom):
            if node.level > depth:  # relative to the top of the package
                targets = [node.module.split(".")[0]] if node.module else [a.name for a in node.names]
            elif node.level:  # inside a subpackage: part of the same module
                targets = []
            elif node.module and node.module.split(".")[0] == "xindu_plan":
                rest = node.module.split(".")[1:]
                targets = [rest[0]] if rest else [a.name for a in node.names]
            else:
                targets = []
            found.extend((t, typing_only) for t in targets if t in known and t != name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "xindu_plan" and len(parts) > 1 and parts[1] in known:
                    found.append((parts[1], typing_only))
        for child in ast.iter_child_nodes(node):
            visit(child, typing_only)

    visit(tree, False)
    return found


MODULES = _modules()
GRAPH = {name: _imports(name, path, set(MODULES)) for name, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[str]:
    """Every cycle of a graph, each once (from its smallest node)."""
    cycles = []
    for start in sorted(graph):
        stack = [(start, (start,))]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph.get(node, ())):
                if nxt == start:
                    cycles.append(" → ".join((*path, start)))
                elif nxt not in path and nxt > start:
                    stack.append((nxt, (*path, nxt)))
    return cycles


def test_the_walk_sees_known_imports():
    # arrows known to exist: at module level, inside a function, under TYPE_CHECKING, from the subpackage
    assert ("package", False) in GRAPH["plan"]
    assert ("curation", False) in GRAPH["reader"]
    assert ("build", False) in GRAPH["rederive"]
    assert ("plan", True) in GRAPH["schemas"]
    assert ("_shelf", False) in GRAPH["corpus"]


def test_the_cycle_search_finds_cycles():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a → b → c → a"]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_every_module_has_a_layer():
    assert sorted(set(MODULES) - set(LAYER)) == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_point_down(name):
    upward = [
        f"{name} (layer {LAYER[name]}) imports {target} (layer {LAYER[target]})"
        for target, _ in GRAPH[name]
        if LAYER[target] > LAYER[name]
    ]
    assert upward == []


def test_no_cycle():
    runtime = {name: {t for t, typing_only in edges if not typing_only} for name, edges in GRAPH.items()}
    assert _cycles(runtime) == []
