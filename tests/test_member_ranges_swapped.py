"""A one-hot member X[i, k] inside Σ_k Σ_i (the label's index outside, the sample's inside)
is defined for k in 1..K: the range of k is taken to its ends whatever range of another
index is written inside it (prover/obligations.py); its near miss runs k to K + 1."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import relation_of
from xentproof.result import Verdict

SYMBOLS = 'K = "integer >= 2"\nN = "positive integer"\n"X[i, k]" = "one-hot(K)"\n"z[k]" = "real"'


def test_a_member_under_an_outer_class_range_is_defined(tmp_path: Path) -> None:
    result = relation_of(
        tmp_path,
        SYMBOLS,
        "Sum(Sum(X[i, k]*z[k], (i, 1, N)), (k, 1, K))",
        "Sum(Sum(X[i, k], (i, 1, N))*z[k], (k, 1, K))",
    )
    assert result.verdict is Verdict.PROVED


def test_a_class_range_past_the_last_class_is_not_proved(tmp_path: Path) -> None:
    result = relation_of(
        tmp_path,
        SYMBOLS,
        "Sum(Sum(X[i, k]*z[k], (i, 1, N)), (k, 1, K + 1))",
        "Sum(Sum(X[i, k], (i, 1, N))*z[k], (k, 1, K + 1))",
    )
    assert result.verdict is not Verdict.PROVED
