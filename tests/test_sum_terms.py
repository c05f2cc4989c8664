"""Inequalities of sums after a rewriting (``prover.sum_terms``): the first term taken out
of a sum over a range shown non-empty, a multiple of the count written as a sum.

Truth by hand: p(1 − p) ≤ 1/4 for every real p ((p − 1/2)² ≥ 0), so
Σ_{i=1}^{N} p_i(1 − p_i) ≤ N/4, with equality at p_i = 1/2, where N/5 is too small.
With c ≥ 1 the range 1..c + m holds k = 1, so Σ e^{o_k} ≥ e^{o_1}; over 1..m (m = 0
allowed) the sum may be empty (0 < e^{o_1}); over 2..c + m it leaves out k = 1 (c = 1,
m = 0: 0 < e^{o_1}). So e^{o_1}/Σ_{k=1}^{c+m} e^{o_k} ≤ 1, with equality at c + m = 1
(not < 1); e^{o_2} over the same sum is no softmax term when c + m = 1 (any ratio).
Likewise log Σ_{k=1}^{c+m} e^{o_k} ≥ o_1 (= at c + m = 1), while ≥ o_1 + log(c + m) fails
where o_1 is the largest (o_1 = 1, o_2 = 0, c + m = 2: 1.31 < 1.69).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xentproof.result import Verdict

from .helpers import relation_of

SYMBOLS = (
    'N = "positive integer"\n"p[i]" = "(0, 1)"\nc = "positive integer"\n'
    'm = "nonnegative integer"\n"o[k]" = "real"\n'
)


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs", "method"),
    [
        ("Sum(p[i]*(1 - p[i]), (i, 1, N))", "<=", "N/4", "count written as a sum"),
        ("Sum(exp(o[k]), (k, 1, c + m))", ">=", "exp(o[1])", "first term of the sum taken out"),
        ("exp(o[1])/Sum(exp(o[k]), (k, 1, c + m))", "<=", "1", "signs with each sum ≥ 0"),
        ("log(Sum(exp(o[k]), (k, 1, c + m)))", ">=", "o[1]", "signs with each sum ≥ 0"),
    ],
)
def test_rewritten_sum_inequalities_are_proved(
    tmp_path: Path, lhs: str, rel: str, rhs: str, method: str
) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs, rel=rel, timeout=20)
    assert result.verdict is Verdict.PROVED, result.reason
    assert method in (result.method or "")


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("Sum(p[i]*(1 - p[i]), (i, 1, N))", "<=", "N/5"),
        ("Sum(exp(o[k]), (k, 1, m))", ">=", "exp(o[1])"),
        ("Sum(exp(o[k]), (k, 2, c + m))", ">=", "exp(o[1])"),
        ("exp(o[1])/Sum(exp(o[k]), (k, 1, c + m))", "<", "1"),  # c = 1, m = 0: equal
        ("exp(o[2])/Sum(exp(o[k]), (k, 1, c + m))", "<=", "1"),  # o[2] outside at c + m = 1
        ("log(Sum(exp(o[k]), (k, 1, c + m)))", ">", "o[1]"),  # c + m = 1: equal
        ("log(Sum(exp(o[k]), (k, 1, c + m)))", ">=", "o[1] + log(c + m)"),  # only at ties
    ],
)
def test_near_misses_are_not_proved(tmp_path: Path, lhs: str, rel: str, rhs: str) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs, rel=rel, timeout=20)
    assert result.verdict is not Verdict.PROVED


PRODUCTS = 'N = "positive integer"\nM = "nonnegative integer"\n"z[i]" = "real"\n'


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("Product(1 + z[i]**2, (i, 1, N))", ">=", "1"),
        ("1", "<=", "Product(1 + z[i]**2, (i, 1, M))"),  # the empty product is 1
    ],
)
def test_products_of_factors_at_least_one(tmp_path: Path, lhs: str, rel: str, rhs: str) -> None:
    # 1 + z² ≥ 1 for every real z
    result = relation_of(tmp_path, PRODUCTS, lhs, rhs, rel=rel, timeout=20)
    assert result.verdict is Verdict.PROVED, result.reason


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("Product(1 + z[i]**2, (i, 1, N))", ">", "1"),  # z = 0: 1 > 1 fails
        ("Product(1 + z[i], (i, 1, N))", ">=", "1"),  # z[1] = -1/2
    ],
)
def test_near_miss_products_are_not_proved(tmp_path: Path, lhs: str, rel: str, rhs: str) -> None:
    result = relation_of(tmp_path, PRODUCTS, lhs, rhs, rel=rel, timeout=20)
    assert result.verdict is not Verdict.PROVED
