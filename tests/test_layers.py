"""The package's imports go one way: no cycle, and no module imports one of a higher layer
(read → plan → decide → assemble → render; the API over them, the command line over it)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "xentproof"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports() -> dict[str, set[str]]:
    """Each module's imports of the package's modules, lazy and type-only ones included."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                target = node.module or ""
                if node.level:  # relative: from the package, one level up per extra dot
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join([*base, *([node.module] if node.module else [])])
                found |= {target, *(f"{target}.{a.name}" for a in node.names)}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def _reaches(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(graph[module])
    return seen


def test_no_import_cycle() -> None:
    graph = _imports()
    cyclic = sorted(m for m in graph if m != "xentproof" and m in _reaches(graph, m))
    assert cyclic == []


def test_no_module_imports_a_higher_layer() -> None:
    graph = _imports()
    # What each module must never reach, directly or through others.
    forbidden = {
        "xentproof.settings": {"xentproof.api", "xentproof.cli", "xentproof.checker"},
        "xentproof.result": {"xentproof.checker", "xentproof.decide", "xentproof.render"},
        "xentproof.cache": {"xentproof.checker", "xentproof.decide", "xentproof.api"},
        "xentproof.inputs": {"xentproof.checker", "xentproof.decide", "xentproof.api"},
        "xentproof.decide": {"xentproof.checker", "xentproof.workers", "xentproof.api"},
        "xentproof.checker": {"xentproof.workers", "xentproof.api", "xentproof.render"},
        "xentproof.workers": {"xentproof.api", "xentproof.launch", "xentproof.cli"},
        "xentproof.figures": {"xentproof.checker", "xentproof.api", "xentproof.render"},
        "xentproof.prepared": {"xentproof.decide", "xentproof.cited", "xentproof.checker"},
        "xentproof.cited": {"xentproof.decide", "xentproof.checker", "xentproof.api"},
        # the script hands a check to a daemon before it imports anything that parses, nor
        # the cache and the result types (dataclasses that cost the caller milliseconds)
        "xentproof.daemon_link": {
            "xentproof.cache",
            "xentproof.result",
            "xentproof.warm",
            "xentproof.loader",
            "xentproof.prover",
            "xentproof.decide",
            "xentproof.api",
            "xentproof.cli",
        },
        "xentproof.daemon": {"xentproof.cli", "xentproof.api", "xentproof.decide"},
        "xentproof.api": {"xentproof.cli", "xentproof.launch"},
        "xentproof.engine": {"xentproof.api", "xentproof.cli", "xentproof.render"},
        # what a run answered by file records imports: nothing that parses or decides
        "xentproof.scan": {"xentproof.loader", "xentproof.checker", "xentproof.decide"},
        "xentproof.record": {"xentproof.loader", "xentproof.checker", "xentproof.render"},
        "xentproof.warm": {
            "xentproof.loader",
            "xentproof.inputs",
            "xentproof.checker",
            "xentproof.decide",
            "xentproof.engine",
            "xentproof.api",
        },
    }
    for module in [m for m in graph if m.startswith("xentproof.render")]:
        # renderers only format: no prover, no decider, no checker
        forbidden[module] = {"xentproof.prover", "xentproof.decide", "xentproof.checker"}
    reached = {module: _reaches(graph, module) for module in forbidden}
    wrong = {
        module: sorted(m for m in reached[module] if any(m.startswith(f) for f in never))
        for module, never in forbidden.items()
    }
    assert {module: found for module, found in wrong.items() if found} == {}


def test_the_document_reader_is_a_reader() -> None:
    # A document (.tex, .md) is read into the same model as a derivation file: the document
    # reader sits beside the loader, on the reading side, and nothing below it reaches it.
    graph = _imports()
    higher = (
        "xentproof.prover",
        "xentproof.decide",
        "xentproof.checker",
        "xentproof.rules",
        "xentproof.cache",
        "xentproof.inputs",
        "xentproof.workers",
        "xentproof.render",
        "xentproof.api",
        "xentproof.cli",
    )
    document = [m for m in graph if m.startswith("xentproof.document")]
    assert len(document) > 10
    wrong = {m: sorted(r for r in _reaches(graph, m) if r.startswith(higher)) for m in document}
    assert {m: found for m, found in wrong.items() if found} == {}
    below = [
        m for m in graph if m.startswith(("xentproof.loader", "xentproof.tex", "xentproof.syntax"))
    ]
    assert not any(r.startswith("xentproof.document") for m in below for r in _reaches(graph, m))
    # renderers format what they are given; annotate included
    assert "xentproof.document" not in _reaches(graph, "xentproof.render.annotate")
