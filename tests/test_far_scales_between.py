"""Numeric acceptance and a failure between two far scales.

The sample points of a real symbol stay within about 10^6 of its ends and the far scales
were 10^8, 10^16, 10^32, 10^64: exp(−(log t − 16)²) < 1/2 fails only for t between about
3.9·10^6 and 2·10^7 (around e^16 ≈ 8.9·10^6) and passed with accept = numeric. Every
decade up to 10^16 is now taken. Ground truth from mpmath; near misses stay unobjected."""

from __future__ import annotations

import mpmath
import pytest
import sympy

from xentproof.model import Domain
from xentproof.prover.declared import DomainInfo
from xentproof.prover.far_scales import far_objection

t = sympy.Symbol("t", positive=True)
INFOS = {t: DomainInfo(t, "t", Domain("positive", lo=sympy.Integer(0)))}
BUMP = sympy.exp(-((sympy.log(t) - 16) ** 2))
LOW_BUMP = sympy.exp(-((sympy.log(t) + 16) ** 2))
NARROW = sympy.exp(-((sympy.log(t) - 30) ** 2))  # around e^30 ≈ 1.1·10^13


def test_the_ground_truth_fails_between_the_old_scales() -> None:
    def bump(value: mpmath.mpf, centre: int) -> mpmath.mpf:
        return mpmath.exp(-((mpmath.log(value) - centre) ** 2))

    assert bump(mpmath.mpf(10) ** 7, 16) > 0.5  # the relation fails at 10^7
    for k in (6, 8, 16):  # but holds at the last sample scale and the old far ones
        assert bump(mpmath.mpf(10) ** k, 16) < 0.5
    assert bump(mpmath.mpf(10) ** 13, 30) > 0.5
    assert all(bump(mpmath.mpf(10) ** k, 30) < 0.5 for k in (8, 16, 32))


@pytest.mark.parametrize("lhs", [BUMP, LOW_BUMP, NARROW])
def test_a_failure_between_the_old_far_scales_is_objected_to(lhs: sympy.Expr) -> None:
    assert far_objection("<", lhs, sympy.Rational(1, 2), INFOS)


@pytest.mark.parametrize("rhs", [sympy.Integer(1), sympy.Rational(101, 100)])
def test_near_misses_that_hold_everywhere_raise_no_objection(rhs: sympy.Expr) -> None:
    assert far_objection("<=", BUMP, rhs, INFOS) == ""
