"""Derivatives written as steps (docs/semantics.md §6): taken in a real variable only, and
only where the body is differentiable (issue 15, items 4 and 8). Expected verdicts come from
the contract; every counterexample is confirmed by the reference evaluator."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.prover.differentiate import CORNER, OWN, SMOOTH, UNKNOWN, classify
from xentproof.result import Verdict

from .calculus_cases import decide
from .helpers import check_text

REAL = 'x = "real"'


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("Derivative(Abs(x), x)**2", "<=", "1"),
        ("Derivative(Max(x, 0), x)", ">=", "0"),
        ("Derivative(Piecewise((x, x < 0), (x + 1, True)), x)", ">", "0"),
        ("Derivative(Piecewise((0, x < 0), (1, True)), x)", "=", "0"),
        ("Derivative(Piecewise((-x, x < 0), (2*x, True)), x)**2", ">=", "1"),
        ("Derivative(Max(x, x**2), x)", ">=", "-2*Abs(x)"),
        ("Derivative(Max(x, 0)**2, x, 2)", ">=", "0"),  # the first derivative has a corner
        ("Derivative(Abs(x), x, 2)", "=", "0"),
        ("Derivative(sqrt(x**2), x)**2", "=", "1"),
    ],
)
def test_no_derivative_at_a_corner_or_a_jump(tmp_path: Path, lhs: str, rel: str, rhs: str) -> None:
    r = decide(tmp_path, REAL, lhs, rhs, rel)
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None and r.counterexample.point == {"x": "0"}


def test_a_corner_away_from_zero_is_found(tmp_path: Path) -> None:
    r = decide(tmp_path, REAL, "Derivative(Min(x, 1), x)", "1", "<=")
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None and r.counterexample.point == {"x": "1"}


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        ("Derivative(Abs(x)**3, x)", "3*x*Abs(x)"),
        ("Derivative(Abs(x)**3, x, 2)", "6*Abs(x)"),
        ("Derivative(x*Abs(x), x)", "2*Abs(x)"),
        ("Derivative(Max(x, 0)**2, x)", "2*Max(x, 0)"),
        (
            "Derivative(Piecewise((x**2, x < 0), (x**3, True)), x)",
            "Piecewise((2*x, x < 0), (3*x**2, True))",
        ),
    ],
)
def test_a_smooth_switch_keeps_its_derivative(tmp_path: Path, lhs: str, rhs: str) -> None:
    assert decide(tmp_path, REAL, lhs, rhs).verdict is Verdict.PROVED


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        ("Derivative(Abs(x)**3, x)", "3*x**2"),  # false for x < 0
        ("Derivative(Max(x, 0)**2, x)", "2*x"),
        ("Derivative(x*Abs(x), x)", "2*x"),
    ],
)
def test_near_misses_of_smooth_switches_are_refuted(tmp_path: Path, lhs: str, rhs: str) -> None:
    assert decide(tmp_path, REAL, lhs, rhs).verdict is Verdict.REFUTED


def test_a_corner_outside_the_domain_does_not_count(tmp_path: Path) -> None:
    r = decide(tmp_path, 't = "positive"', "Derivative(Abs(t), t)", "1")
    assert r.verdict is Verdict.PROVED


def test_a_function_defined_with_max_has_its_corner(tmp_path: Path) -> None:
    r = decide(tmp_path, REAL, "Derivative(k(x), x)", "0", ">=", functions='k = "t -> Max(t, 0)"')
    assert r.verdict is Verdict.REFUTED


def test_the_body_must_be_defined_around_the_point(tmp_path: Path) -> None:
    r = decide(tmp_path, REAL, "Derivative(log(x), x)", "1/x")
    assert r.verdict is not Verdict.PROVED
    r = decide(tmp_path, 'h = "nonnegative"', "Derivative(sqrt(h), h)", "1/(2*sqrt(h))")
    assert r.verdict is not Verdict.PROVED  # no derivative at h = 0
    r = decide(tmp_path, 'p = "positive"', "Derivative(sqrt(p), p)", "1/(2*sqrt(p))")
    assert r.verdict is Verdict.PROVED


@pytest.mark.parametrize(
    ("symbol", "lhs", "rhs"),
    [
        ('n = "positive integer"', "Derivative(sin(pi*n), n)", "0"),
        ('n = "positive integer"', "Derivative(sin(pi*n), n)", "pi*cos(pi*n)"),
        ('y = "{0, 1}"', "Derivative(y**2, y)", "2*y"),
        ('k = "integer"', "Derivative(k**2, k)", "2*k"),
    ],
)
def test_a_derivative_in_an_integer_or_finite_set_variable_has_no_value(
    tmp_path: Path, symbol: str, lhs: str, rhs: str
) -> None:
    r = decide(tmp_path, symbol, lhs, rhs)
    assert r.verdict is Verdict.UNPROVED
    assert "real variable" in r.reason


def test_the_same_derivative_in_a_real_variable_is_proved(tmp_path: Path) -> None:
    r = decide(tmp_path, REAL, "Derivative(sin(pi*x), x)", "pi*cos(pi*x)")
    assert r.verdict is Verdict.PROVED


def test_a_fixed_variable_is_differentiated_as_declared(tmp_path: Path) -> None:
    text = 'title = "t"\n[symbols]\nx = "real"\nn = "positive integer"\n'
    for name, where, lhs, rhs in [
        ("real", 'x = "3"', "Derivative(x**2, x)", "6"),
        ("integer", 'n = "2"', "Derivative(sin(pi*n), n)", "0"),
    ]:
        text += f'[[chain]]\nname = "{name}"\nwhere = {{ {where} }}\n'
        text += f'steps = ["{lhs}", "= {rhs}"]\n'
    real, integer = check_text(tmp_path, text).relations
    assert real.verdict is Verdict.PROVED
    assert integer.verdict is Verdict.UNPROVED and "real variable" in integer.reason


def test_the_power_rule_holds_at_zero(tmp_path: Path) -> None:
    # SymPy writes the derivative of x**n as n*x**n/x, undefined at x = 0 where the
    # derivative (1 for n = 1) exists; it is not a counterexample
    r = decide(tmp_path, f'{REAL}\nn = "positive integer"', "Derivative(x**n, x)", "n*x**(n - 1)")
    assert r.verdict is Verdict.PROVED
    r = decide(tmp_path, REAL, "Sum(Derivative(x**i, x), (i, 1, 3))", "1 + 2*x + 3*x**2")
    assert r.verdict is not Verdict.REFUTED


_x = sympy.Symbol("x", real=True)


@pytest.mark.parametrize(
    ("g", "expected", "slope"),
    [
        (sympy.Abs(_x), CORNER, None),
        (_x * sympy.Abs(_x), SMOOTH, 0),
        (sympy.Piecewise((_x, _x < 0), (_x + 1, True)), CORNER, None),
        (sympy.Piecewise((_x**2, _x < 0), (_x**3, True)), SMOOTH, 0),
        (sympy.Piecewise((_x**2, _x < 0), (_x**3 + 1, True)), CORNER, None),  # a jump
        (sympy.Piecewise((sympy.sqrt(_x), _x > 0), (0, True)), CORNER, None),  # vertical
        (sympy.Piecewise((sympy.sin(_x) / _x, sympy.Ne(_x, 0)), (1, True)), SMOOTH, 0),
        (sympy.Piecewise((sympy.sin(_x) / _x, sympy.Ne(_x, 0)), (0, True)), CORNER, None),
        (sympy.Max(_x, 0) + sympy.Min(_x, 0), SMOOTH, 1),
    ],
)
def test_classify_a_switch_point(g: sympy.Expr, expected: str, slope: int | None) -> None:
    status, found = classify(g, _x, sympy.Integer(0), OWN)
    assert status == expected
    assert found == slope


def test_a_mixed_derivative_is_taken_in_each_variable(tmp_path: Path) -> None:
    # SymPy writes the derivative in y of a derivative in x as one in x and y
    xy = 'x = "real"\ny = "real"'
    lhs = "Derivative(Derivative(x**2*y**3, x), y)"
    assert decide(tmp_path, xy, lhs, "6*x*y**2").verdict is Verdict.PROVED
    assert decide(tmp_path, xy, lhs, "6*x*y").verdict is Verdict.REFUTED
    r = decide(tmp_path, xy, "Derivative(Derivative(Abs(x)*(y**2 + 1), x), y)", "0", ">=")
    assert r.verdict is Verdict.REFUTED  # no derivative in x at x = 0, for any y
    assert r.counterexample is not None and r.counterexample.point["x"] == "0"
    # a corner only where y ≠ 0 is not shown for every y: not a counterexample at y = 0
    r = decide(tmp_path, xy, "Derivative(Derivative(Abs(x)*y, x), y)**2", "1")
    assert r.verdict is Verdict.UNPROVED


_a = sympy.Symbol("a", real=True)


def test_a_corner_only_for_some_parameters_is_not_certain() -> None:
    # a vertical tangent for a ≠ 0, nothing at all for a = 0
    g = sympy.Piecewise((_a * sympy.sqrt(_x), _x > 0), (0, True))
    assert classify(g, _x, sympy.Integer(0), OWN)[0] == UNKNOWN
    # a corner for every a
    g = sympy.Abs(_x) * (_a**2 + 1)
    assert classify(g, _x, sympy.Integer(0), OWN)[0] == CORNER


@pytest.mark.parametrize(
    ("symbol", "lhs", "rhs"),
    [
        ('v = "[0, 1]"', "Derivative(Abs(v), v)", "1"),  # |v| is read as v on [0, 1]
        ('h = "nonnegative"', "Derivative(sqrt(h**2), h)", "1"),
        ('w = "[-1, 0]"', "Derivative(Max(w, 0), w)", "0"),  # read as 0
    ],
)
def test_no_derivative_is_trusted_at_a_closed_end(
    tmp_path: Path, symbol: str, lhs: str, rhs: str
) -> None:
    # the derivative at the end is that of the formula around it, which has a corner there
    assert decide(tmp_path, symbol, lhs, rhs).verdict is Verdict.UNPROVED
    open_end = symbol.replace("[", "(").replace("]", ")").replace("nonnegative", "positive")
    assert decide(tmp_path, open_end, lhs, rhs).verdict is Verdict.PROVED
