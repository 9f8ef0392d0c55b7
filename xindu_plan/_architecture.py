"""The layers of the code, declared once, and every import of the package read from its source.

The folder tree is the architecture: each layer is a folder of ``xindu_plan/``
(the shelves ``corpus`` and ``calibration`` belong to the reading layer; the
command line and the package's own ``__init__`` sit on top). A module may import
its own layer and the layers its layer lists, nothing above and nothing beside.
:func:`imports` reads every ``import`` statement of the source, at module level,
inside functions and under ``TYPE_CHECKING`` alike; :func:`violations` names the
arrows that break the order and :func:`cycles` the modules that import each
other in a circle. ``tests/test_layers.py`` holds both empty, and the book's page
on the code draws :func:`layer_arrows`.

>>> [layer.name for layer in LAYERS]
['base', 'chinese', 'reading', 'dataset', 'derivation', 'analysis', 'interface']
>>> layer_of("xindu_plan.reading.reader.layout"), layer_of("xindu_plan.corpus")
('reading', 'reading')
>>> violations(imports()), cycles(imports())
([], [])
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from xindu_plan._moved import MOVED

__all__ = [
    "LAYERS",
    "PACKAGE",
    "Import",
    "Layer",
    "cycles",
    "imports",
    "layer_arrows",
    "layer_of",
    "violations",
]


@dataclass(frozen=True, slots=True)
class Layer:
    """One layer: the top-level names of ``xindu_plan`` it holds and the layers it may import."""

    name: str
    holds: tuple[str, ...]
    may_import: tuple[str, ...]


_BELOW_DATASET = ("base", "chinese", "reading", "dataset")

#: From the bottom up. ``derivation`` and ``analysis`` stand side by side: neither imports the other.
LAYERS: tuple[Layer, ...] = (
    Layer("base", ("base", "_version"), ()),
    Layer("chinese", ("chinese",), ("base",)),
    Layer("reading", ("reading", "corpus", "calibration"), ("base", "chinese")),
    Layer("dataset", ("dataset",), ("base", "chinese", "reading")),
    Layer("derivation", ("derivation",), _BELOW_DATASET),
    Layer("analysis", ("analysis",), _BELOW_DATASET),
    Layer(
        "interface",
        ("__init__", "__main__", "cli", "_moved", "_architecture"),
        (*_BELOW_DATASET, "derivation", "analysis"),
    ),
)

#: The package folder whose source :func:`imports` reads by default.
PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Import:
    """One import statement: who imports what, where, and how.

    ``where`` is ``"module"`` (at module level), ``"function"`` (inside a function
    or a class body) or ``"type-checking"`` (under ``if TYPE_CHECKING:``).
    """

    source: str
    target: str
    line: int
    where: str

    def __str__(self) -> str:
        return f"{self.source} (line {self.line}, {self.where}) imports {self.target}"


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(["xindu_plan", *parts])


def _lazy(root: Path) -> dict[str, str]:
    """The public names the package's ``__init__`` imports on first use (its ``_LAZY``) → their modules."""
    init = root / "__init__.py"
    if not init.exists():
        return {}
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if any(isinstance(t, ast.Name) and t.id == "_LAZY" for t in targets) and isinstance(value, ast.Dict):
            return {
                key.value: f"xindu_plan{item.value}"
                for key, item in zip(value.keys, value.values, strict=True)
                if isinstance(key, ast.Constant)
                and isinstance(item, ast.Constant)
                and isinstance(key.value, str)
                and isinstance(item.value, str)
            }
    return {}


def _current(target: str) -> str:
    """The module an import path of 1.1 now names (:data:`xindu_plan._moved.MOVED`), else the path itself."""
    parts = target.split(".")
    if len(parts) > 1 and parts[0] == "xindu_plan" and parts[1] in MOVED:
        return ".".join(["xindu_plan", MOVED[parts[1]], *parts[2:]])
    return target


def _resolve(node: ast.ImportFrom, module: str, is_package: bool, lazy: dict[str, str]) -> tuple[list[str], list[str]]:
    """The modules a ``from … import …`` surely imports, and the names that may be modules too."""
    if node.level:
        base = module.split(".")
        if not is_package:
            base = base[:-1]
        base = base[: len(base) - (node.level - 1)]
        origin = ".".join(base + ([node.module] if node.module else []))
    else:
        origin = node.module or ""
    if not origin.startswith("xindu_plan"):
        return [], []
    origin = _current(origin)
    if origin == "xindu_plan":
        # the package's own ``__init__`` runs before any of its modules, so ``from xindu_plan import corpus``
        # is an arrow to the module corpus only; a public name it imports on first use (compare, load …)
        # is an arrow to the module it comes from
        return [lazy[a.name] for a in node.names if a.name in lazy], [
            _current(f"xindu_plan.{a.name}") for a in node.names if a.name not in lazy
        ]
    # ``from xindu_plan.x import y`` imports x, and y when y is a module
    return [origin], [f"{origin}.{alias.name}" for alias in node.names]


def _dynamic(node: ast.Call) -> str | None:
    """The module an ``importlib.import_module("xindu_plan…")`` or ``__import__("xindu_plan…")`` names."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if name in ("import_module", "__import__") and node.args:
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value.startswith("xindu_plan"):
            return _current(first.value)
    return None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(tree: ast.AST, where: str = "module") -> Iterable[tuple[ast.AST, str]]:
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            yield child, "function"
            yield from _walk(child, "function")
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            yield child, where
            for part in child.body:  # the body runs for the type checker only; ``else:`` at run time
                yield part, "type-checking" if where == "module" else where
                yield from _walk(part, "type-checking" if where == "module" else where)
            for part in child.orelse:
                yield part, where
                yield from _walk(part, where)
        else:
            yield child, where
            yield from _walk(child, where)


def imports(root: Path | None = None) -> list[Import]:
    """Return every import of a package module by another, read from the source under ``root``.

    ``root`` is the package folder (default: this package). Only arrows to modules
    that exist under ``root`` count (``from x import name`` of a function is an arrow
    to ``x``).
    """
    root = (root or PACKAGE).resolve()
    files = sorted(root.rglob("*.py"))
    known = {_module_name(path, root) for path in files}
    lazy = _lazy(root)
    found: list[Import] = []
    for path in files:
        module = _module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node, where in _walk(tree):
            maybe: list[str] = []
            if isinstance(node, ast.Import):
                # ``import xindu_plan`` is an arrow to the package's ``__init__`` (the interface)
                sure = [_current(a.name) for a in node.names if a.name.startswith("xindu_plan")]
            elif isinstance(node, ast.ImportFrom):
                sure, maybe = _resolve(node, module, path.name == "__init__.py", lazy)
            elif isinstance(node, ast.Call) and (target := _dynamic(node)) is not None:
                sure = [target]
            else:
                continue
            targets = sure + [t for t in maybe if t in known]
            for target in dict.fromkeys(targets):
                ancestor = module.startswith(f"{target}.") and target != "xindu_plan"
                if target != module and not ancestor:
                    found.append(Import(module, target, node.lineno, where))
    return found


def layer_of(module: str) -> str:
    """Return the layer of a module of the package (``xindu_plan`` itself is the interface).

    Raises:
        ValueError: the module belongs to no declared layer.
    """
    parts = module.split(".")
    if parts[0] != "xindu_plan":
        raise ValueError(f"{module} is not a module of xindu_plan")
    top = parts[1] if len(parts) > 1 else "__init__"
    for layer in LAYERS:
        if top in layer.holds:
            return layer.name
    raise ValueError(f"{module} belongs to no declared layer: add its folder to LAYERS in xindu_plan._architecture")


def violations(found: Iterable[Import]) -> list[Import]:
    """Return the imports that run up or sideways: to a layer the importer's layer may not import."""
    allowed = {layer.name: {layer.name, *layer.may_import} for layer in LAYERS}
    return [arrow for arrow in found if layer_of(arrow.target) not in allowed[layer_of(arrow.source)]]


def cycles(found: Iterable[Import]) -> list[list[str]]:
    """Return the groups of modules that import each other in a circle (strongly connected components)."""
    graph: dict[str, set[str]] = {}
    for arrow in found:
        graph.setdefault(arrow.source, set()).add(arrow.target)
        graph.setdefault(arrow.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm; the package is small enough for recursion
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def layer_arrows(found: Iterable[Import]) -> dict[tuple[str, str], int]:
    """Count the imports from each layer to each other layer."""
    counts: dict[tuple[str, str], int] = {}
    for arrow in found:
        key = (layer_of(arrow.source), layer_of(arrow.target))
        if key[0] != key[1]:
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))
