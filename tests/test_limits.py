"""Limits written as steps (one-sided, at infinity, from inside the domain only) and the
exact arguments that find their values before Gruntz's algorithm, checked against it."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
import sympy

from xentproof.prover import limits
from xentproof.result import Verdict

from .helpers import chain, check_text, relation_of

LIMITS = """
title = "t"
[symbols]
s = "real"
yhat = "(0, 1)"
"""


def test_limits_one_sided_and_infinite(tmp_path: Path) -> None:
    report = check_text(
        tmp_path,
        LIMITS
        + chain("\"Limit(-log(yhat), yhat, 0, '+')\"", '"= oo"')
        + chain('"Limit(1/(1 + exp(-s)), s, oo)"', '"= 1"').replace('"c"', '"d"'),
    )
    assert [r.verdict for r in report.relations] == [Verdict.PROVED, Verdict.PROVED]


def test_a_wrong_limit_is_refuted(tmp_path: Path) -> None:
    report = check_text(tmp_path, LIMITS + chain("\"Limit(-log(yhat), yhat, 1, '-')\"", '"= oo"'))
    (r,) = report.relations
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None and Fraction(r.counterexample.lhs) == 0  # no sympify


def test_a_limit_from_outside_the_domain_is_not_proved(tmp_path: Path) -> None:
    report = check_text(tmp_path, LIMITS + chain('"Limit(-log(1 - yhat), yhat, 1)"', '"= oo"'))
    (r,) = report.relations
    assert r.verdict is Verdict.UNPROVED
    assert "outside" in r.reason


# -- limits at ±∞ through t = exp(s) --------------------------------------------------------

_s = sympy.Symbol("s", real=True)


def _sigmoid(z: sympy.Expr) -> sympy.Expr:
    return 1 / (1 + sympy.exp(-z))


@pytest.mark.parametrize(
    "expr",
    [
        _sigmoid(_s) * (1 - _sigmoid(_s)),
        _sigmoid(_s),
        _sigmoid(-_s),
        sympy.log(1 + sympy.exp(-_s)),
        sympy.exp(_s) / (1 + sympy.exp(2 * _s)),
        (sympy.exp(_s) + 3) / (2 * sympy.exp(_s) - 1),
        sympy.sqrt(1 + sympy.exp(-_s)),
        sympy.exp(2 * _s) - sympy.exp(_s),
        -sympy.exp(3 * _s) / (1 + sympy.exp(_s)),
        sympy.exp(_s / 2) - sympy.exp(_s),  # not rational in t: left to Gruntz
        sympy.log(1 + sympy.exp(_s)) - _s,  # s outside exp: left to Gruntz
    ],
)
@pytest.mark.parametrize("point", [sympy.oo, -sympy.oo])
def test_limits_through_exp_agree_with_gruntz(expr: sympy.Expr, point: sympy.Expr) -> None:
    found = limits._through_exp(sympy.Limit(expr, _s, point))
    if found is not None:
        assert found[0] == sympy.limit(expr, _s, point)


def test_the_sigmoid_limit_steps_say_how(tmp_path: Path) -> None:
    functions = 'g = "t -> 1/(1 + exp(-t))"'
    r = relation_of(
        tmp_path, 's = "real"', "Limit(g(s)*(1 - g(s)), s, oo)", "0", functions=functions
    )
    assert r.verdict is Verdict.PROVED
    assert any("t = exp(s) → ∞" in c for c in r.conditions), r.conditions
    r = relation_of(tmp_path, 's = "real"', "Limit(g(s), s, -oo)", "1", functions=functions)
    assert r.verdict is Verdict.REFUTED


_x = sympy.Symbol("x", real=True)

EXACT_LIMITS = [
    (sympy.sin(_x) / _x, 0),
    ((sympy.exp(_x) - 1) / _x, 0),
    ((1 - sympy.cos(_x)) / _x**2, 0),
    ((sympy.exp(_x) - 1 - _x) / _x**2, 0),
    (sympy.log(1 + _x) / _x, 0),
    ((sympy.sqrt(1 + _x) - 1) / _x, 0),
    (sympy.tanh(_x) / sympy.atan(_x), 0),
    (1 - sympy.exp(_x), 0),
    (sympy.log(_x) / (_x - 1), 1),
    (_x**2 - 3 * _x, sympy.oo),
    (_x**2 - 3 * _x, -sympy.oo),
    ((2 * _x**2 + 1) / (1 - _x**2), -sympy.oo),
    (sympy.log(1 + 1 / _x**2), sympy.oo),
    (sympy.log(1 + sympy.exp(_x)) - _x, sympy.oo),  # x as log(t), the logs joined
]
_p = sympy.Symbol("p", positive=True)
_yhat = sympy.Symbol("yhat", positive=True)
# One-sided limits at a finite point of sums of c·uᵝ·log(u)ᵏ·h(u) (u the distance to it).
ONE_SIDED_LIMITS = [
    (_p * sympy.log(_p), _p, 0, "+", 0),
    (-sympy.log(_yhat), _yhat, 0, "+", sympy.oo),
    (_yhat * sympy.log(_yhat) + (1 - _yhat) * sympy.log(1 - _yhat), _yhat, 1, "-", 0),
    (sympy.log(_x) / _x, _x, 0, "+", -sympy.oo),
    (1 / _x - sympy.log(_x), _x, 0, "+", sympy.oo),
    (_x**2 * sympy.log(_x) ** 3, _x, 0, "+", 0),
    (1 / sympy.log(_x), _x, 0, "+", 0),
    (1 / _x, _x, 0, "-", -sympy.oo),
    (sympy.log(2 - _x) * (2 - _x) ** -2, _x, 2, "-", -sympy.oo),
    (sympy.sqrt(_x) * sympy.log(_x) / (1 + _x), _x, 0, "+", 0),
    # sin(x) = x·(1 + O(x)): its first Taylor coefficient stands for it
    (sympy.sin(_x) * sympy.log(_x), _x, 0, "+", 0),
    # part by part: x → 0 and exp(1/x) → 0 from the left
    (sympy.exp(1 / _x) * _x, _x, 0, "-", 0),
]
# Of no such form, or infinities of both signs: left to Gruntz.
ONE_SIDED_GRUNTZ = [
    (sympy.log(_x) + 1 / _x, _x, 0, "+"),
    (_x**_x, _x, 0, "+"),
]


@pytest.mark.parametrize(("expr", "x", "point", "side", "expected"), ONE_SIDED_LIMITS)
def test_powers_beat_logs(
    expr: sympy.Expr, x: sympy.Symbol, point: int, side: str, expected: sympy.Expr
) -> None:
    value, how = limits.limit_value(sympy.Limit(expr, x, point, side))
    assert how != limits.GRUNTZ
    assert value == expected == sympy.limit(expr, x, point, side)


@pytest.mark.parametrize(("expr", "x", "point", "side"), ONE_SIDED_GRUNTZ)
def test_other_one_sided_limits_go_to_gruntz(
    expr: sympy.Expr, x: sympy.Symbol, point: int, side: str
) -> None:
    value, how = limits.limit_value(sympy.Limit(expr, x, point, side))
    assert how == limits.GRUNTZ
    assert value == sympy.limit(expr, x, point, side)


# Not analytic at the point, or a quotient whose limit is infinite (or needs more
# derivatives than the quotient rule takes): left to Gruntz.
GRUNTZ_LIMITS = [
    (_x / sympy.sin(_x) ** 2, 0),
    (sympy.sin(1 / _x) * _x, 0),
    ((_x**3 - sympy.sin(_x) ** 3) / _x**5, 0),
]
# A power with x in its exponent, its base tending to 1 > 0: exp(x·log(1 + 1/x)), exactly.
EXACT_LIMITS += [((1 + 1 / _x) ** _x, sympy.oo), ((1 + 1 / _x) ** _x, -sympy.oo)]
# From above (the default side): x = u > 0, a power of u, or Abs(u) = u.
EXACT_LIMITS += [(1 / _x, 0), (sympy.Abs(_x) / _x, 0)]


@pytest.mark.parametrize(("expr", "point"), EXACT_LIMITS + GRUNTZ_LIMITS)
def test_exact_limits_agree_with_gruntz(expr: sympy.Expr, point: sympy.Expr) -> None:
    value, how = limits.limit_value(sympy.Limit(expr, _x, point))
    assert (how != limits.GRUNTZ) == ((expr, point) in EXACT_LIMITS), how
    assert value == sympy.limit(expr, _x, point)
