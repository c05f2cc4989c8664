"""Regression tests: inequalities and positivity shown by the bounds of each part over the
declared domains (interval arithmetic, ``prover/box_bounds.py``), beside near misses one
edit away that must not be proved. Truth by the written ranges: |sin|, |cos| ≤ 1,
0 < exp(−x²) ≤ 1 with 1 at x = 0, log increasing; each false one fails at the point named."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from tests.helpers import relation_of
from xentproof.prover.intervals import Interval, enclose
from xentproof.result import Verdict

SYMBOLS = 'x = "real"\ny = "real"\nk = "integer >= 2"\n'

TRUE_PAIRS = [
    ("sin(x)**2*exp(-x**2)", "1", "<="),
    ("exp(-x**2)*cos(3*x)", "1", "<="),
    ("sin(x) + sin(3*x)/3", "2", "<"),
    ("cos(3*x)*cosh(x/3)", "cosh(x/3)", "<="),  # (cos(3x) − 1)·cosh(x/3) ≤ 0, factored
    ("log(3 + cos(x)*sin(y))", "log(2)", ">="),  # log taken off both sides
    ("log(2 + cos(x)*sin(y))", "0", ">="),  # the argument ≥ 1 = exp(0)
    ("log(k + cos(x))", "log(k - 1)", ">="),
]

FALSE_PAIRS = [
    ("exp(-x**2)*cos(3*x)", "1", "<"),  # x = 0
    ("sin(x) + sin(2*x)", "3/2", "<"),  # near x = 0.94: 1.76
    ("sin(x)*exp(-x**2)", "-1/3", ">="),  # near x = −0.65: −0.397
    ("log(3 + cos(x)*sin(y))", "log(2)", ">"),  # x = π, y = π/2
    ("log(2 + cos(x)*sin(y))", "0", ">"),  # x = π, y = π/2
    ("log(1 + sin(x))", "log(2)", "<="),  # undefined at x = −π/2
    ("cos(3*x)*cosh(x/3)", "cosh(x/3)", "<"),  # x = 0
]


@pytest.mark.parametrize(
    ("lhs", "rhs", "rel"), TRUE_PAIRS, ids=[f"{a} {r} {b}" for a, b, r in TRUE_PAIRS]
)
def test_bounds_prove(tmp_path: Path, lhs: str, rhs: str, rel: str) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs, rel)
    assert result.verdict is Verdict.PROVED, result.reason


@pytest.mark.parametrize(
    ("lhs", "rhs", "rel"), FALSE_PAIRS, ids=[f"{a} {r} {b}" for a, b, r in FALSE_PAIRS]
)
def test_bounds_near_miss_is_refuted(tmp_path: Path, lhs: str, rhs: str, rel: str) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs, rel)
    assert result.verdict is Verdict.REFUTED, (result.verdict, result.method)


def test_argument_of_a_log_shown_positive_by_its_bounds(tmp_path: Path) -> None:
    result = relation_of(tmp_path, SYMBOLS, "log(3 + sin(x))", "log(3 + sin(x))", "=")
    assert result.verdict is Verdict.PROVED, result.reason


def test_exact_values_are_not_rounded_outwards() -> None:
    x = sympy.Symbol("x", real=True)
    found = enclose(sympy.exp(-(x**2)) * sympy.cos(x), {x: Interval(-sympy.oo, sympy.oo)})
    assert found is not None and found.hi == 1
    found = enclose(sympy.log(1 + x**2), {x: Interval(-sympy.oo, sympy.oo)})
    assert found is not None and found.lo == 0
