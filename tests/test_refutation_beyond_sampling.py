"""Refutation where sampling alone misses: ties at a single point, tiny differences,
functions the fast evaluator lacked, and roots lost or gained by equation steps."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from xentproof.result import Verdict

from .helpers import relation_of

# -- strict inequalities that fail only where the sides are equal ------------------------


@pytest.mark.parametrize(
    ("symbols", "lhs", "rel", "rhs", "where"),
    [
        ('x = "real"', "exp(x)", ">", "1 + x", {"x": "0"}),
        ('x = "real"', "x**2 - 2*x + 1", ">", "0", {"x": "1"}),
        ('x = "real"', "exp(-x**2)", "<", "1", {"x": "0"}),
        ('yhat = "(0, 1)"', "yhat*(1 - yhat)", "<", "1/4", {"yhat": "1/2"}),
    ],
)
def test_strict_inequality_refuted_at_its_tie(
    tmp_path: Path, symbols: str, lhs: str, rel: str, rhs: str, where: dict[str, str]
) -> None:
    r = relation_of(tmp_path, symbols, lhs, rhs, rel)
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None
    assert r.counterexample.point == where


def test_strict_am_gm_refuted_where_the_two_are_equal(tmp_path: Path) -> None:
    r = relation_of(tmp_path, 'p = "positive"\nq = "positive"', "(p + q)/2", "sqrt(p*q)", ">")
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None
    point = r.counterexample.point
    assert point["p"] == point["q"]


def test_non_strict_inequalities_with_a_tie_are_not_refuted(tmp_path: Path) -> None:
    for lhs, rel, rhs in [
        ("exp(x)", ">=", "1 + x"),
        ("x**2 - 2*x + 1", ">=", "0"),
        ("exp(-x**2)", "<=", "1"),
    ]:
        r = relation_of(tmp_path, 'x = "real"', lhs, rhs, rel)
        assert r.verdict is not Verdict.REFUTED, (lhs, rel, rhs)


def test_tie_outside_the_domain_is_no_counterexample(tmp_path: Path) -> None:
    # exp(x) = 1 + x only at x = 0, which (0, oo) leaves out: the strict form holds there.
    r = relation_of(tmp_path, 'x = "positive"', "exp(x)", "1 + x", ">")
    assert r.verdict is not Verdict.REFUTED
    r = relation_of(tmp_path, 'x = "(1, 2)"', "x**2 - 2*x + 1", "0", ">")
    assert r.verdict is not Verdict.REFUTED


# -- tiny differences ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        ("log(1 + exp(-x**2 - 60))", "0"),
        ("Abs(x) + exp(-100)", "Abs(x)"),
        ("x + exp(-200)", "x"),
        # redteam-6: the first close agreements were at x = ±10**200, where 10**-200 is no
        # difference at any precision; the smallest ones are tried exactly
        ("x**2 + 10**(-200)", "x**2"),
        # redteam-6: no working precision decides Eq(x**2, 2) at x = sqrt(2): tried exactly
        ("Piecewise((1, Eq(x**2, 2)), (0, True))", "0"),
        # redteam-6: a piece narrower than the steps taken beyond each switch: its midpoint
        ("Piecewise((0, And(x > 3, x < 3 + 10**(-12))), (x, True))", "x"),
    ],
)
def test_tiny_difference_is_refuted(tmp_path: Path, lhs: str, rhs: str) -> None:
    r = relation_of(tmp_path, 'x = "real"', lhs, rhs)
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None


def test_tiny_strict_gap_in_the_right_direction_is_not_refuted(tmp_path: Path) -> None:
    r = relation_of(tmp_path, 'x = "real"', "x**2", "x**2 + exp(-100)", "<")
    assert r.verdict is not Verdict.REFUTED


# -- functions the fast evaluator lacked -------------------------------------------------


def test_derivative_of_abs_is_not_one(tmp_path: Path) -> None:
    # x ≠ 0: at 0 there is no derivative at all, a counterexample of another kind
    r = relation_of(tmp_path, 'x = "nonzero"', "Derivative(Abs(x), x)", "1")
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None
    assert r.counterexample.point["x"].startswith("-")


def test_derivative_of_max_is_not_one(tmp_path: Path) -> None:
    # SymPy writes it with Heaviside(x), which the fast evaluator now knows (x ≠ 0: at 0
    # there is no derivative at all, a counterexample of another kind).
    r = relation_of(tmp_path, 'x = "nonzero"', "Derivative(Max(x, 0), x)", "1")
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None
    assert r.counterexample.point["x"].startswith("-")


# -- equation steps ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("x*exp(x) = x*(x + 8)", "exp(x) = x + 8"),
        ("x**4 + 3*x = 6*x**2", "x**3 + 3 = 6*x"),
    ],
)
def test_root_lost_by_dividing_by_x_is_found(tmp_path: Path, first: str, second: str) -> None:
    r = relation_of(tmp_path, 'x = "real"', first, second, "<=>")
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None
    assert r.counterexample.point == {"x": "0"}


@pytest.mark.parametrize(
    ("first", "second", "verdict"),
    [
        ("sqrt(x) = x**2 - 3", "x = (x**2 - 3)**2", Verdict.REFUTED),
        ("sqrt(x) = x**2 - 6", "x = (x**2 - 6)**2", Verdict.REFUTED),
        ("sqrt(x) = x - 6", "x = (x - 6)**2", Verdict.REFUTED),
        ("sqrt(x) = x**2 + 6", "x = (x**2 + 6)**2", Verdict.PROVED),
        ("sqrt(x) = x**2 + 1", "x = (x**2 + 1)**2", Verdict.PROVED),
    ],
)
def test_squaring_steps_are_decided_quickly(
    tmp_path: Path, first: str, second: str, verdict: Verdict
) -> None:
    start = time.perf_counter()
    r = relation_of(tmp_path, 'x = "real"', first, second, "<=>", timeout=5.0)
    elapsed = time.perf_counter() - start
    assert r.verdict is verdict, (r.verdict, r.reason)
    assert elapsed < 4.0


# -- both sides undefined over the reals -------------------------------------------------


@pytest.mark.parametrize(
    ("symbols", "lhs", "rhs"),
    [
        ('x = "real"', "log(x**3)", "3*log(x)"),  # iπ against 3iπ at x = −1
        ('x = "real"', "sqrt(x**3)", "x*sqrt(x)"),  # i against −i at x = −1
        ('x = "(-oo, 0)"', "log(x**5)/5", "log(x)"),
    ],
)
def test_a_rule_used_where_both_sides_are_undefined_is_refuted(
    tmp_path: Path, symbols: str, lhs: str, rhs: str
) -> None:
    # Over the reals neither side has a value at the point; as complex numbers they differ,
    # so in no reading does the step hold there.
    r = relation_of(tmp_path, symbols, lhs, rhs)
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None
    assert "undefined over the reals" in r.counterexample.lhs
    assert "undefined over the reals" in r.counterexample.rhs
    assert r.counterexample.lhs_approx != r.counterexample.rhs_approx


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("log(x)", "=", "log(x)"),  # the same where defined, and as complex numbers
        ("2*log(x)", "=", "log(x) + log(x)"),
        ("log(x**3)", "<=", "3*log(x)"),  # complex numbers are not ordered
    ],
)
def test_sides_undefined_alike_are_not_refuted(
    tmp_path: Path, lhs: str, rel: str, rhs: str
) -> None:
    r = relation_of(tmp_path, 'x = "real"', lhs, rhs, rel)
    assert r.verdict is Verdict.UNPROVED
    assert r.counterexample is None


def test_a_counterexample_with_real_values_comes_before_one_without(tmp_path: Path) -> None:
    # log(a) = -log(a) fails at a = -1 only as complex numbers (iπ against −iπ), but at
    # every positive a ≠ 1 with real values: those are the ones to show.
    r = relation_of(tmp_path, 'a = "real"', "log(a)", "-log(a)")
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None
    assert "undefined" not in r.counterexample.lhs + r.counterexample.rhs
