"""The reference evaluator shares nothing with what it judges.

It is the oracle of the fuzz test (``tests/test_fuzz.py``), the labeller of the soundness
corpus (``tests/soundness``) and the benchmark's ground truth (``bench/truth.py``), so it
imports only the standard library and mpmath: no SymPy (whose conventions it must be able to
contradict), no ``xentproof`` (whose verdicts it checks), no ``bench``. It lives in the tests,
not in the package: ``bench`` imports it from here (``bench`` is a development tool beside
the tests, never shipped), and nothing in ``xentproof`` imports ``tests`` or ``bench``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def imported_modules(path: Path) -> set[str]:
    """The absolute modules a file imports (relative imports stay inside its package)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def test_the_evaluator_imports_only_the_standard_library_and_mpmath() -> None:
    allowed = set(sys.stdlib_module_names) | {"mpmath"}
    for path in HERE.glob("*.py"):
        if path.name.startswith("test_"):
            continue
        outside = {m for m in imported_modules(path) if m.split(".")[0] not in allowed}
        assert outside == set(), path.name


def test_the_benchmark_truth_evaluates_with_the_reference_only() -> None:
    """``bench/truth.py`` judges with the reference: it imports neither SymPy nor xentproof
    (the pairs it is given are read by xentproof's loader, but only for their place)."""
    modules = imported_modules(ROOT / "bench" / "truth.py")
    assert {m.split(".")[0] for m in modules} & {"sympy", "xentproof"} == set()
    assert "tests.reference" in modules
    # its cache and worker processes neither (bench/truth_cache.py)
    modules = imported_modules(ROOT / "bench" / "truth_cache.py")
    assert {m.split(".")[0] for m in modules} & {"sympy", "xentproof"} == set()


def test_the_package_imports_neither_the_tests_nor_the_benchmark() -> None:
    for path in (ROOT / "xentproof").rglob("*.py"):
        roots = {m.split(".")[0] for m in imported_modules(path)}
        assert roots & {"tests", "bench"} == set(), path
