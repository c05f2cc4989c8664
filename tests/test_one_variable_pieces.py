"""Issue 18, class 3: one-variable inequalities whose sides meet inside the interval and tend
together at its open ends, by pieces (``one_variable_pieces``): Wikipedia's lower bound of
the binary entropy, 4p(1 − p) ≤ H_b(p) on (0, 1) (equal at p = 1/2, both sides tending to 0
at 0 and at 1).

Truth by hand: f = H_b − 4p(1 − p) has f(1/2) = 0, f′(1/2) = 0, f″ = 8 − 1/(p(1 − p) ln 2) ≥ 0
on [1/4, 3/4]; f′ = log₂((1 − p)/p) − 4(1 − 2p) → +∞ at 0 (f rises from its limit 0) and
f is positive in between. Near misses: 4.01p(1 − p) (false at 1/2: 1.0025 > 1), strict <
(equal at 1/2), the interval closed at 1 (H_b(1) has log 0: undefined), (p − 1/2)³ ≥ 0 (f,
f′, f″ vanish at 1/2 but it is negative left of it), a shift by 1/100 (the limit at 0 is
−1/100), p·log(p) + p² ≥ 0 (the limit at 0 is 0 but f falls from it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.domains import parse_domain
from xentproof.prover.one_variable_pieces import prove_by_pieces
from xentproof.result import Verdict

from .helpers import relation_of

SYMBOLS = 'p = "(0, 1)"\nq = "(0, 1]"\n'
HB = "(-p*log(p)/log(2) - (1 - p)*log(1 - p)/log(2))"
HBQ = "(-q*log(q)/log(2) - (1 - q)*log(1 - q)/log(2))"


def test_the_quadratic_lower_bound_of_the_binary_entropy(tmp_path: Path) -> None:
    result = relation_of(tmp_path, SYMBOLS, "4*p*(1 - p)", HB, rel="<=", timeout=20)
    assert result.verdict is Verdict.PROVED
    assert "by pieces" in (result.method or "")


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("401*p*(1 - p)/100", "<=", HB),
        ("4*p*(1 - p)", "<", HB),
        ("4*q*(1 - q)", "<=", HBQ),
        ("(p - 1/2)**3", ">=", "0"),
        ("4*p*(1 - p) + 1/100", "<=", HB),
        ("p*log(p) + p**2", ">=", "0"),
    ],
)
def test_near_misses_are_never_proved(tmp_path: Path, lhs: str, rel: str, rhs: str) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs, rel=rel, timeout=20)
    assert result.verdict is not Verdict.PROVED


P = sympy.Symbol("p", positive=True)
HB_EXPR = -P * sympy.log(P) / sympy.log(2) - (1 - P) * sympy.log(1 - P) / sympy.log(2)


def test_the_method_alone_refuses_the_near_misses() -> None:
    """The method itself, without the refuter before it: every near miss is refused."""
    unit = parse_domain("(0, 1)")
    assert prove_by_pieces(HB_EXPR - 4 * P * (1 - P), False, P, unit) is not None
    misses = [
        HB_EXPR - sympy.Rational(401, 100) * P * (1 - P),
        (P - sympy.Rational(1, 2)) ** 3,
        HB_EXPR - 4 * P * (1 - P) - sympy.Rational(1, 100),
        P * sympy.log(P) + P**2,
    ]
    for value in misses:
        assert prove_by_pieces(value, False, P, unit) is None, value
    assert prove_by_pieces(HB_EXPR - 4 * P * (1 - P), True, P, unit) is None  # strict
