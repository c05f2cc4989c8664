"""Issue 18, class 1: the refuter neither crashes nor stalls on far-out points, and the
sign of a hyperbolic expression is read from its exponential form.

Truth by hand: tanh x = (e^{2x} − 1)/(e^{2x} + 1), so 1 − tanh x = 2/(e^{2x} + 1) > 0 for
every real x; cosh 0 = 1, so cosh u − 1 > 0 fails at u = 0.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xentproof.result import Verdict

from .helpers import relation_of

SYMBOLS = 'u = "real"\na = "real"\n'


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [("tanh(u/3)", "<", "1"), ("tanh(7*u)", ">", "-1"), ("1 - tanh(u)**2", ">", "0")],
)
def test_tanh_bounds_through_the_exponential_form(
    tmp_path: Path, lhs: str, rel: str, rhs: str
) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs, rel=rel, timeout=5)
    assert result.verdict is Verdict.PROVED, result.reason


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("cosh(u) - 1", ">", "0"),  # u = 0
        ("tanh(u/3)", "<", "1 - exp(-Abs(u))"),  # u = 0: 0 < 0 fails
        ("tanh(u)", "<=", "u"),  # u = −1
    ],
)
def test_near_misses_are_refuted_without_a_crash(
    tmp_path: Path, lhs: str, rel: str, rhs: str
) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs, rel=rel, timeout=5)
    assert result.verdict is Verdict.REFUTED, result.reason
