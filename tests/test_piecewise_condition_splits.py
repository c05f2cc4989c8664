"""Regression tests: a Piecewise whose condition compares expressions of several symbols
(Huber's loss, |a| ≤ δ with δ a declared positive symbol) is split on that comparison,
each case decided; near misses (a factor, a strict/non-strict boundary, a swapped
condition) are never proved. Truth of each relation: the written conventions (Huber's
pieces meet at |a| = δ), checked at the boundary by hand in the comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import relation_of
from xentproof.result import Verdict

SYMBOLS = 'a = "real"\nd = "positive"\n'
HUBER = "Piecewise((a**2/2, Abs(a) <= d), (d*(Abs(a) - d/2), True))"

TRUE_PAIRS = [
    (HUBER, "0", ">="),
    (HUBER, "d*Abs(a)", "<="),
    (HUBER, "a**2/2", "<="),
    # a − d ≤ 0 on the first branch; on the second a − d − 1 < 0 needs a > d: false there,
    # so only the first piece is written with the comparison it needs
    ("Piecewise((a - d, a <= d), (0, True))", "0", "<="),
    ("Piecewise((1, a < d), (a - d + 1, True))", "0", ">"),
]

FALSE_PAIRS = [
    (HUBER, "d*Abs(a)/2", "<="),  # a = 2d: 3d²/2 > d²
    (HUBER, "a**2/2", ">="),  # a = 2d: 3d²/2 < 2d²
    ("Piecewise((a**2/2, Abs(a) >= d), (d*(Abs(a) - d/2), True))", "0", ">="),  # a = 0
    ("Piecewise((1, a < d), (a - d, True))", "0", ">"),  # a = d: the boundary belongs below
    ("Piecewise((a - d, a < d), (1, True))", "0", "<="),  # a ≥ d
    ("Piecewise((a - d, a <= d + 1), (0, True))", "0", "<="),  # a = d + 1/2
]


@pytest.mark.parametrize(
    ("lhs", "rhs", "rel"), TRUE_PAIRS, ids=[f"{a} {r} {b}" for a, b, r in TRUE_PAIRS]
)
def test_piecewise_condition_is_split(tmp_path: Path, lhs: str, rhs: str, rel: str) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs, rel)
    assert result.verdict is Verdict.PROVED, result.reason
    assert "sign split" in result.method


@pytest.mark.parametrize(
    ("lhs", "rhs", "rel"), FALSE_PAIRS, ids=[f"{a} {r} {b}" for a, b, r in FALSE_PAIRS]
)
def test_piecewise_near_miss_is_not_proved(tmp_path: Path, lhs: str, rhs: str, rel: str) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs, rel)
    assert result.verdict is Verdict.REFUTED, (result.verdict, result.method)
