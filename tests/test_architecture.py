"""The shape of the code: layers that never import upward, no cycles, short functions,
one declaration per table."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from sino_russia_data import registry

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sino_russia_data"

# The layers, lowest first: a module may import from its own layer or from lower ones.
LAYERS: list[tuple[str, ...]] = [
    ("_version", "paths", "files", "vocabulary", "texts"),
    ("schemas",),
    ("registry",),
    ("checking",),
    ("loaders",),
    ("cross_checks", "publishing", "charts"),
    ("cli", "__init__"),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The package modules ``path`` imports (at module level or inside functions)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if _is_module(f"{base}.{alias.name}") else base)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {f for f in found if f.startswith("sino_russia_data")} - {name}


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def layer_of(module: str) -> int:
    top = module.split(".")[1] if "." in module else "__init__"
    return next(i for i, names in enumerate(LAYERS) if top in names)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: imports_of(path) for name, path in MODULES.items()}


def test_every_module_is_in_a_layer():
    for module in MODULES:
        layer_of(module)


def test_no_module_imports_from_a_higher_layer():
    upward = [
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if target != "sino_russia_data" and layer_of(target) > layer_of(module)
    ]
    assert upward == []


def test_the_import_graph_has_no_cycles():
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(GRAPH.get(node, ())):
            if target == "sino_russia_data":
                continue
            assert state.get(target) != 1, " -> ".join([*trail, node, target])
            if target not in state:
                visit(target, [*trail, node])
        state[node] = 2

    for module in MODULES:
        if module not in state:
            visit(module, [])


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: module_name(p))
def test_no_function_is_longer_than_60_lines(path):
    long = [
        f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > 60
    ]
    assert long == []


def test_every_module_says_what_it_holds():
    for name, path in MODULES.items():
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), name


SOURCE_FILES = [
    p
    for folder in ("sino_russia_data", "tests", "tools", "benchmarks", "notebooks")
    for p in sorted((ROOT / folder).rglob("*"))
    if p.suffix in (".py", ".ipynb") and "__pycache__" not in p.parts
]


@pytest.mark.parametrize("table", registry.tables(), ids=lambda t: t.name)
def test_each_table_is_described_in_exactly_one_source_file(table):
    holding = [
        str(p.relative_to(ROOT))
        for p in SOURCE_FILES
        if table.description in p.read_text(encoding="utf-8")
    ]
    assert holding == [f"sino_russia_data/schemas/{table.name}.py"]
