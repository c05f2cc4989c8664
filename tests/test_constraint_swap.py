"""Σ_k Σ_i Y[i, k] = N for a one-hot Y (each row's labels sum to 1): the row sum is inside
once the rectangle is taken in the other order (prover/constraint_use.py); the counts of a
categorical sample sum to N (stats.stackexchange 552867). Near misses: a class left out,
one count too many."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import relation_of
from xentproof.result import Verdict

SYMBOLS = 'K = "integer >= 2"\nN = "positive integer"\n"Y[i, k]" = "one-hot(K)"'


@pytest.mark.parametrize(
    "lhs, rhs, verdict",
    [
        ("Sum(Sum(Y[i, k], (i, 1, N)), (k, 1, K))", "N", Verdict.PROVED),
        ("Sum(Sum(Y[i, k], (i, 1, N)), (k, 1, K))", "N + 1", Verdict.REFUTED),
        ("Sum(Sum(Y[i, k], (i, 1, N)), (k, 1, K - 1))", "N", Verdict.REFUTED),
    ],
)
def test_the_counts_of_a_one_hot_sample_sum_to_its_size(
    tmp_path: Path, lhs: str, rhs: str, verdict: Verdict
) -> None:
    assert relation_of(tmp_path, SYMBOLS, lhs, rhs).verdict is verdict
