"""The shape of the code stays as docs/architecture.md draws it: imports flow one way along the data
flow, no module imports itself back through others, and modules stay small.

Imports are read with `ast`, at any depth (an import inside a function counts too), so neither a
cycle nor a wrong-way import can hide in a function body.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("ontology", "graph", "webapp")

# Each wing and what it may import besides itself, along the data flow:
# records -> store -> network, entity -> insight, export -> cli -> webapp; ontology, the settings and
# the translatable messages under all.
BASE = {"ontology", "graph.config", "graph.messages"}
MAY_IMPORT: dict[str, set[str]] = {
    "ontology": set(),
    "graph.config": {"ontology"},
    "graph.messages": set(),
    "graph.records": BASE,
    "graph.store": BASE | {"graph.records"},
    "graph.network": BASE | {"graph.records", "graph.store"},
    "graph.entity": BASE | {"graph.records", "graph.store"},
    "graph.insight": BASE | {"graph.records", "graph.store", "graph.network", "graph.entity"},
    "graph.export": BASE | {"graph.records", "graph.store", "graph.network", "graph.entity"},
    "graph.cli": BASE | {"graph.records", "graph.store", "graph.network", "graph.entity", "graph.export",
                         "graph.insight"},
    "graph": set(),  # the package's own __init__ imports nothing
    "webapp": BASE | {"graph.records", "graph.store", "graph.network", "graph.entity", "graph.export",
                      "graph.insight", "graph.cli"},
}
MAX_LINES = 400
LONG_REASON = re.compile(r"longer than \d+ lines because", re.IGNORECASE)


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules(root: Path) -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if "node_modules" not in path.parts:
                found[module_name(root, path)] = path
    return found


def _target(name: str, modules: dict[str, Path]) -> str | None:
    """The project module an import names (or the nearest package holding it), else None."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def import_graph(root: Path) -> nx.DiGraph:
    """Project modules as nodes; an edge A -> B where A imports B, with the line of the import."""
    modules = project_modules(root)
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                named = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                # `from graph import config` names the module graph.config
                named = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                         for alias in node.names]
            else:
                continue
            for each in named:
                target = _target(each, modules)
                if target is not None and target != name:
                    graph.add_edge(name, target, line=node.lineno)
    return graph


def wing_of(module: str) -> str:
    return max((wing for wing in MAY_IMPORT if module == wing or module.startswith(wing + ".")), key=len)


def wrong_way_imports(graph: nx.DiGraph) -> list[str]:
    wrong = []
    for source, target, data in graph.edges(data=True):
        here, there = wing_of(source), wing_of(target)
        if here != there and there not in MAY_IMPORT[here]:
            wrong.append(f"{source} (line {data['line']}) imports {target}: {here} may import only "
                         f"{', '.join(sorted(MAY_IMPORT[here])) or 'nothing of the project'}")
    return sorted(wrong)


def import_cycles(graph: nx.DiGraph) -> list[list[str]]:
    return sorted(sorted(cycle) for cycle in nx.simple_cycles(graph))


def test_imports_flow_one_way() -> None:
    assert wrong_way_imports(import_graph(ROOT)) == []


def test_no_module_imports_itself_back() -> None:
    assert import_cycles(import_graph(ROOT)) == []


def test_every_wing_says_what_it_holds_and_may_import() -> None:
    for wing in ("records", "store", "network", "entity", "insight", "export", "cli"):
        doc = ast.get_docstring(ast.parse((ROOT / "graph" / wing / "__init__.py").read_text()))
        assert doc and "May import" in doc, wing


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the project's packages, to plant a fault in."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("node_modules", "static", "templates", "__pycache__"))
    return tmp_path


def test_a_web_import_anywhere_in_the_graph_is_caught(tree: Path) -> None:
    planted = []
    for name, path in project_modules(tree).items():
        if name.startswith(("graph", "ontology")):
            path.write_text(path.read_text() + "\n\ndef _late():\n    import webapp  # noqa\n")
            planted.append(name)
    wrong = wrong_way_imports(import_graph(tree))
    caught = {line.split(" ")[0] for line in wrong if "imports webapp:" in line}
    assert len(planted) > 40 and caught == set(planted)


def test_two_modules_importing_each_other_are_caught(tree: Path) -> None:
    model = tree / "graph" / "network" / "model.py"
    model.write_text(model.read_text() + "\n\ndef _late():\n    from graph.network import select  # noqa\n")
    assert ["graph.network.model", "graph.network.select"] in import_cycles(import_graph(tree))


def test_modules_stay_small_or_say_why() -> None:
    long = []
    for name, path in project_modules(ROOT).items():
        text = path.read_text(encoding="utf-8")
        reason = LONG_REASON.search(ast.get_docstring(ast.parse(text)) or "")
        if len(text.splitlines()) > MAX_LINES and not reason:
            long.append(f"{name}: {len(text.splitlines())} lines")
    assert long == []


def test_architecture_names_only_paths_that_exist() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:graph|ontology|webapp|tests|bench|docs)/[\w./-]*)`", page))
    assert len(named) > 30
    assert sorted(path for path in named if not (ROOT / path).exists()) == []
    wings = {path.rstrip("/") for path in named}
    for module in project_modules(ROOT):
        if module.count(".") == 1 and module.startswith("graph."):
            assert module.replace(".", "/") in wings or module.replace(".", "/") + ".py" in wings, module
