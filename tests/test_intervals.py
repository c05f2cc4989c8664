"""Interval enclosures with exact rational bounds (``prover.intervals``) and the
inequalities they prove; and the reductions of ``prover.separated`` to one variable.

Truth by hand (mpmath checks the enclosures' ends below):
- t − tanh t: derivative tanh² t ≥ 0, value 0 at t = 0, so tanh t ≤ t for t ≥ 0; tanh(−1)
  = −0.76 > −1, so tanh x ≤ x fails on the reals.
- sin t − t + t³/6: third derivative 1 − cos t ≥ 0 and the lower derivatives are 0 at 0;
  sin t ≥ t − t³/7 fails at t = 1 (0.8415 < 0.8571).
- tanh t ≥ t − t³/3 (third derivative 2 − 2(1 − T²)² + 4T²(1 − T²) ≥ 0 with T = tanh t ∈
  [0, 1]); tanh t ≥ t − t³/4 fails at t = 1/2 (0.4621 < 0.46875).
- x³ − x + 2/5 on [0, 2]: its least value is 2/5 − 2/(3√3) = 0.0151 > 0; with 1/3 in place
  of 2/5 it is −0.0516 < 0 at x = 1/√3.
- log(e^x + e^y) − max(x, y) = log(1 + e^{−|x − y|}) ∈ (0, log 2]; e^x + e^y − 2 − x − y
  = (e^x − 1 − x) + (e^y − 1 − y) ≥ 0, and e^x + e^y ≥ 2 + x + 2y fails at x = 0, y = 1.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import mpmath
import pytest
import sympy

from xentproof.domains import parse_domain
from xentproof.prover.intervals import Interval, enclose, prove_one_variable
from xentproof.result import Verdict

from .helpers import relation_of

x = sympy.Symbol("x", real=True)
t = sympy.Symbol("t", positive=True)


def _mp(value: sympy.Expr) -> mpmath.mpf:
    return mpmath.mpf(sympy.Rational(value).p) / sympy.Rational(value).q


@pytest.mark.parametrize(
    ("expr", "lo", "hi", "reference"),
    [
        (sympy.exp(x), 0, 1, mpmath.exp),
        (sympy.log(x), 1, 2, mpmath.log),
        (sympy.tanh(x), -1, 3, mpmath.tanh),
        (sympy.tanh(x), -3, -1, mpmath.tanh),
        (sympy.exp(x), -2, -1, mpmath.exp),
        (sympy.sqrt(x), 2, 3, mpmath.sqrt),
    ],
)
def test_enclosure_of_an_increasing_function_holds_its_exact_range(
    expr: sympy.Expr, lo: int, hi: int, reference: Callable[[mpmath.mpf], mpmath.mpf]
) -> None:
    found = enclose(expr, {x: Interval(sympy.Integer(lo), sympy.Integer(hi))})
    assert found is not None
    with mpmath.workdps(80):
        at_lo, at_hi = reference(mpmath.mpf(lo)), reference(mpmath.mpf(hi))
        assert _mp(found.lo) <= at_lo
        assert _mp(found.hi) >= at_hi
        assert at_lo - _mp(found.lo) < mpmath.mpf(10) ** -40  # tight, not just safe
        assert _mp(found.hi) - at_hi < mpmath.mpf(10) ** -40


@pytest.mark.parametrize(
    ("expr", "lo", "hi"),
    [(sympy.log(x), 0, 1), (1 / x, -1, 1), (sympy.sqrt(x), -1, 1), (sympy.log(x - 1), 0, 2)],
)
def test_no_enclosure_where_the_expression_may_be_undefined(
    expr: sympy.Expr, lo: int, hi: int
) -> None:
    assert enclose(expr, {x: Interval(sympy.Integer(lo), sympy.Integer(hi))}) is None


def test_enclosure_never_evaluates_a_huge_argument() -> None:
    found = enclose(sympy.exp(x), {x: Interval(sympy.Integer(2) ** 64, sympy.oo)})
    assert found is not None and found.hi == sympy.oo and found.lo > 1


POSITIVE = parse_domain("positive")
REAL = parse_domain("real")
UNIT_TWO = parse_domain("[0, 2]")


@pytest.mark.parametrize(
    ("value", "strict", "symbol", "domain"),
    [
        (t - sympy.tanh(t), True, t, POSITIVE),
        (sympy.sin(t) - t + t**3 / 6, False, t, POSITIVE),
        (sympy.tanh(t) - t + t**3 / 3, False, t, POSITIVE),
        (t - sympy.sin(t), True, t, POSITIVE),
        (x**2 - sympy.log(x**2 + 1), False, x, REAL),
        (x**3 - x + sympy.Rational(2, 5), True, x, UNIT_TWO),
    ],
)
def test_one_variable_bounds_are_proved(
    value: sympy.Expr, strict: bool, symbol: sympy.Symbol, domain: object
) -> None:
    assert prove_one_variable(value, strict, symbol, domain) is not None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "strict", "symbol", "domain"),
    [
        (x - sympy.tanh(x), False, x, REAL),  # the domain one step too wide
        (sympy.sin(t) - t + t**3 / 7, False, t, POSITIVE),  # a Taylor coefficient too small
        (sympy.tanh(t) - t + t**3 / 4, False, t, POSITIVE),
        (x**3 - x + sympy.Rational(1, 3), True, x, UNIT_TWO),  # the constant too small
        (sympy.exp(x) - 1 - x, True, x, REAL),  # strict where equality holds (x = 0)
        (x**2 / 2 - sympy.log(x**2 + 1), False, x, REAL),
    ],
)
def test_near_misses_are_not_proved(
    value: sympy.Expr, strict: bool, symbol: sympy.Symbol, domain: object
) -> None:
    assert prove_one_variable(value, strict, symbol, domain) is None  # type: ignore[arg-type]


SYMBOLS = 'x = "real"\ny = "real"\nt = "positive"\n'


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("tanh(t)", "<", "t"),
        ("sin(t)", ">=", "t - t**3/6"),
        ("log(exp(x) + exp(y))", ">", "Max(x, y)"),
        ("log(exp(x) + exp(y))", "<=", "Max(x, y) + log(2)"),
        ("log(exp(x) + exp(y))", ">=", "(x + y)/2 + log(2)"),
        ("exp(x) + exp(y)", ">=", "2 + x + y"),
    ],
)
def test_relations_are_proved(tmp_path: Path, lhs: str, rel: str, rhs: str) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs, rel=rel, timeout=10)
    assert result.verdict is Verdict.PROVED, result.reason


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("tanh(x)", "<=", "x"),
        ("sin(t)", ">=", "t - t**3/7"),
        ("log(exp(x) + exp(y))", "<", "Max(x, y) + log(2)"),
        ("log(exp(x) + exp(y))", "<=", "Max(x, y) + log(2)/2"),
        ("exp(x) + exp(y)", ">=", "2 + x + 2*y"),
        ("exp(x) + exp(y)", ">", "2 + x + y"),
    ],
)
def test_near_miss_relations_are_refuted(tmp_path: Path, lhs: str, rel: str, rhs: str) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs, rel=rel, timeout=10)
    assert result.verdict is Verdict.REFUTED, result.reason
