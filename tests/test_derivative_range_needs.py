"""What a derivative of a sum needs of its terms holds over the sum's range only: the
index's range is a fact (issue 18: Σ_{i=1}^{N} 1/i^s was left UNPROVED with "needs i ≠ 0"
although the range binds i ≥ 1).

Truth by hand: d/ds i^{-s} = −log(i)·i^{-s} for i ≥ 1, so d/ds Σ_{i=1}^{N} i^{-s} =
−Σ_{i=1}^{N} log(i)/i^s for every real s. From i = 0 the first term 0^{-s} is undefined
for s ≥ 0 (and the derivative with it), so the same step over 0..N does not hold.
"""

from __future__ import annotations

from pathlib import Path

from xentproof.result import Verdict

from .helpers import relation_of

SYMBOLS = 's = "real"\nN = "positive integer"\nx = "real"\n'


def test_derivative_of_a_sum_of_powers_of_its_index(tmp_path: Path) -> None:
    result = relation_of(
        tmp_path,
        SYMBOLS,
        "Derivative(Sum(1/i**s, (i, 1, N)), s)",
        "-Sum(log(i)/i**s, (i, 1, N))",
        timeout=5,
    )
    assert result.verdict is Verdict.PROVED, result.reason
    assert any("for i = 1..N" in c for c in result.conditions), result.conditions


def test_near_miss_range_from_zero_is_not_proved(tmp_path: Path) -> None:
    result = relation_of(
        tmp_path,
        SYMBOLS,
        "Derivative(Sum(1/i**s, (i, 0, N)), s)",
        "-Sum(log(i)/i**s, (i, 0, N))",
        timeout=5,
    )
    assert result.verdict is not Verdict.PROVED


def test_near_miss_term_with_a_pole_in_the_variable_is_not_proved(tmp_path: Path) -> None:
    result = relation_of(
        tmp_path,
        SYMBOLS,
        "Derivative(Sum(1/(i - x), (i, 1, N)), x)",
        "Sum(1/(i - x)**2, (i, 1, N))",
        timeout=5,
    )
    assert result.verdict is not Verdict.PROVED
