"""Σ_i Σ_k a[i, k]·c[k] = Σ_k c[k]·Σ_i a[i, k]: a double sum over a rectangle whose outer
summand is a factor times the inner sum (the categorical log-likelihood with its counts,
stats.stackexchange 552867); the order is chosen with the factor inside
(prover/sum_forms.py). Near miss: the factor c[i] of the other index."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import relation_of
from xentproof.result import Verdict

SYMBOLS = 'K = "integer >= 2"\nN = "positive integer"\n"a[i, k]" = "real"\n"c[k]" = "real"'
LEFT = "Sum(Sum(a[i, k]*c[k], (k, 1, K)), (i, 1, N))"


@pytest.mark.parametrize(
    "rhs, verdict",
    [
        ("Sum(Sum(a[i, k], (i, 1, N))*c[k], (k, 1, K))", Verdict.PROVED),
        ("Sum(c[k]*Sum(a[j, k], (j, 1, N)), (k, 1, K))", Verdict.PROVED),
        ("Sum(Sum(a[i, k], (i, 1, N))*c[k], (k, 1, K - 1))", Verdict.REFUTED),  # near miss
    ],
)
def test_a_factor_of_the_outer_index_moves_with_the_swap(
    tmp_path: Path, rhs: str, verdict: Verdict
) -> None:
    assert relation_of(tmp_path, SYMBOLS, LEFT, rhs).verdict is verdict


def test_a_factor_of_the_inner_index_does_not_move(tmp_path: Path) -> None:
    # near miss: c[i] is not c[k]; Σ_k (Σ_i a[i, k])·c[i] reads c at a free i
    wrong = "Sum(Sum(a[i, k]*c[i], (i, 1, N)), (k, 1, K))"
    right = "Sum(Sum(a[i, k], (i, 1, N))*c[k], (k, 1, K))"
    assert relation_of(tmp_path, SYMBOLS, wrong, right).verdict is Verdict.REFUTED


def test_a_log_factor_is_taken_out_after_the_swap(tmp_path: Path) -> None:
    # the categorical log-likelihood: Σ_i Σ_k X[i, k] log θ_k = Σ_k N_k log θ_k
    symbols = SYMBOLS + '\n"w[k]" = "positive"'
    left = "Sum(Sum(a[i, k]*log(w[k]), (k, 1, K)), (i, 1, N))"
    right = "Sum(Sum(a[i, k], (i, 1, N))*log(w[k]), (k, 1, K))"
    assert relation_of(tmp_path, symbols, left, right).verdict is Verdict.PROVED
    # near miss: log(w[k]) counted once per sample too few
    wrong = "Sum(Sum(a[i, k], (i, 1, N - 1))*log(w[k]), (k, 1, K))"
    assert relation_of(tmp_path, symbols, left, wrong).verdict is Verdict.REFUTED
