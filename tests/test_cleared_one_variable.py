"""One variable, a positive denominator cleared (``inequalities._one_variable``):
e^(−h) ≤ 1/(1 + h) for h ≥ 0 is proved through 1 − (1 + h)·e^(−h) ≥ 0; near misses (a
constant off, strict, a denominator of either sign) are not proved by the method."""

from __future__ import annotations

import sympy

from xentproof.domains import parse_domain
from xentproof.prover.inequalities import _one_variable


def test_a_positive_denominator_is_cleared() -> None:
    h = sympy.Symbol("h", nonnegative=True)
    x = sympy.Symbol("x", real=True)
    nonnegative, real = parse_domain("nonnegative"), parse_domain("real")
    assert _one_variable(1 / (1 + h) - sympy.exp(-h), False, h, nonnegative) is not None
    assert _one_variable(1 / (1 + 2 * h) - sympy.exp(-h), False, h, nonnegative) is None
    assert _one_variable(1 / (1 + h) - sympy.exp(-h), True, h, nonnegative) is None  # h = 0
    # 1/x − 1/x² ≥ 0 fails for x < 1; its denominator x² is not positive at 0 anyway
    assert _one_variable(1 / x - 1 / x**2, False, x, real) is None
