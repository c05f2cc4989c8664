"""Interval enclosures decide the sign of a number SymPy's strict evalf gets wrong: the
log of a number within 10^-272 of 1 evaluates to exactly 0 there, and a true KL ≥ 0 at
two almost one-hot distributions was REFUTED, "confirmed at high precision"."""

from __future__ import annotations

import sympy

from xentproof.prover.enclosure import sign_of
from xentproof.prover.exact import strict_value

R = sympy.Rational


def _sm(a: sympy.Expr, b: sympy.Expr, c: sympy.Expr) -> sympy.Expr:
    return sympy.exp(a) / (sympy.exp(a) + sympy.exp(b) + sympy.exp(c))


def _kl_at_the_point() -> sympy.Expr:
    w1, w2, w3 = R(627747, 1000), R(7, 3), sympy.Integer(0)
    z1, z2, z3 = sympy.Integer(793745), R(84501, 250), sympy.Integer(-10)
    return (
        _sm(z1, z2, z3) * sympy.log(_sm(z1, z2, z3) / _sm(w1, w2, w3))
        + _sm(z2, z3, z1) * sympy.log(_sm(z2, z3, z1) / _sm(w2, w3, w1))
        + _sm(z3, z1, z2) * sympy.log(_sm(z3, z1, z2) / _sm(w3, w1, w2))
    )


def test_the_sign_of_a_log_just_above_one() -> None:
    tiny = sympy.Integer(10) ** -300
    assert sign_of(sympy.log(1 + tiny)) == 1
    assert sign_of(sympy.log(1 - tiny)) == -1  # near miss: just below 1
    assert sign_of(sympy.log(1 + tiny) - tiny) == -1  # log(1 + t) < t


def test_kl_at_two_almost_one_hot_distributions_is_not_negative() -> None:
    kl = _kl_at_the_point()
    assert sign_of(kl) == 1  # about 2.7e-272: the first term, which evalf rounds to 0
    value = strict_value(kl)
    assert value is None or value > 0  # never the negative value evalf computes


def test_what_has_no_enclosure_is_left_to_evalf() -> None:
    value = sympy.atan(sympy.Integer(2)) - 1  # no interval atan here
    assert sign_of(value) is None
    assert strict_value(value) is not None


def test_an_exact_zero_stays_undecided() -> None:
    assert sign_of(sympy.log(sympy.exp(sympy.Integer(2)), evaluate=False) - 2) == 0
