"""The parse stops at extract, and the stages import one way (issue 13; docs/architecture.md).

Read from the source with ``ast`` (nothing is imported): imports inside functions and under
``TYPE_CHECKING`` count as much as those at the top, since each ties one module to another.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "polemos"
# What a spaCy Doc, Span or Token offers and our records do not: reading one of these in resolve
# means the parse crossed into it.
PARSE_ATTRIBUTES = frozenset({"dep_", "head", "children", "subtree", "lefts", "rights", "ent_type_",
                              "pos_", "tag_", "lemma_", "ent_iob_", "is_sent_start", "sents",
                              "noun_chunks", "ancestors", "char_span"})
PARSE_NAMES = frozenset({"Doc", "Span", "Token"})
# Later stages and the outer shell, which no stage may reach into.
LATER = ("polemos.pipeline", "polemos.store", "polemos.cli", "polemos.api")


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _modules() -> dict[str, ast.Module]:
    return {_name(p): ast.parse(p.read_text(encoding="utf-8"), filename=str(p))
            for p in sorted(PACKAGE.rglob("*.py"))}


def _imported(name: str, tree: ast.Module) -> set[str]:
    """Every module name the module imports, ``from a import b`` giving ``a.b`` when b is a module."""
    modules = _modules()
    is_package = name in modules and (PACKAGE.parent / name.replace(".", "/") / "__init__.py").exists()
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                own = name.split(".")
                keep = len(own) - node.level + (1 if is_package else 0)
                base = ".".join(own[:keep] + ([base] if base else []))
            subs = {f"{base}.{a.name}" for a in node.names} & set(modules)
            found |= subs or {base}
    return found


def _ours(name: str) -> set[str]:
    """The polemos modules a module imports (the longest known prefix of each import)."""
    modules = _modules()
    out = set()
    for imp in _imported(name, modules[name]):
        parts = imp.split(".")
        for k in range(len(parts), 0, -1):
            candidate = ".".join(parts[:k])
            if candidate in modules:
                if candidate != name:
                    out.add(candidate)
                break
    return out


def _in(name: str, stage: str) -> bool:
    return name == stage or name.startswith(stage + ".")


def test_layers_sees_the_stages() -> None:
    names = set(_modules())
    assert {"polemos.extract.article_reading", "polemos.resolve.situate", "polemos.reading",
            "polemos.gazetteer.lookup", "polemos.pipeline"} <= names
    assert sum(_in(n, "polemos.resolve") for n in names) >= 10


def test_layers_resolve_never_touches_spacy_or_the_parse() -> None:
    problems = []
    for name, tree in _modules().items():
        if not _in(name, "polemos.resolve"):
            continue
        spacy = sorted(i for i in _imported(name, tree) if _in(i, "spacy"))
        attributes = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        read = sorted((attributes & PARSE_ATTRIBUTES) | (names & PARSE_NAMES))
        if spacy or read:
            problems.append(f"{name}: imports {spacy}, reads {read}")
    assert problems == []


@pytest.mark.parametrize(("stage", "other"), [("polemos.extract", "polemos.resolve"),
                                              ("polemos.resolve", "polemos.extract")])
def test_layers_stages_import_one_way(stage: str, other: str) -> None:
    problems = []
    for name in _modules():
        if not _in(name, stage):
            continue
        for dep in _ours(name):
            if dep == "polemos" or _in(dep, other) or any(_in(dep, later) for later in LATER):
                problems.append(f"{name} imports {dep}")
    assert problems == []


def test_layers_no_import_cycle() -> None:
    # The package face (polemos/__init__.py) imports the API's modules and is left out: it is
    # the top, and a module reading ``__version__`` from it is not a stage reaching back.
    graph = {name: _ours(name) - {"polemos"} for name in _modules() if name != "polemos"}
    cycles = _cycles(graph)
    assert cycles == []


def test_layers_finds_a_cycle_it_is_shown() -> None:
    # the cycle finder itself, on a graph with one cycle of three and a tail
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)
