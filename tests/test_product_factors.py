"""A finite product split into its factors (prover/product_factors.py): likelihoods written
as products (a Bernoulli and a Gaussian sample), each with a near miss one edit away that
the method must not prove."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import relation_of
from xentproof.result import Verdict

BERNOULLI = 'n = "positive integer"\np = "(0, 1)"\n"x[i]" = "{0, 1}"'
GAUSS = 'n = "positive integer"\nmu = "real"\ns2 = "positive"\n"y[i]" = "real"'
LOOSE = 'm = "integer"\na = "real"\n"x[i]" = "real"\nn = "positive integer"'

LIKELIHOOD = "Product(p**x[i]*(1 - p)**(1 - x[i]), (i, 1, n))"
GAUSSIAN = "Product(1/sqrt(2*pi*s2)*exp(-(y[i] - mu)**2/(2*s2)), (i, 1, n))"


@pytest.mark.parametrize(
    "symbols, lhs, rhs, verdict",
    [
        (
            BERNOULLI,
            LIKELIHOOD,
            "p**Sum(x[i], (i, 1, n))*(1 - p)**(n - Sum(x[i], (i, 1, n)))",
            Verdict.PROVED,
        ),
        (  # near miss: one failure too many
            BERNOULLI,
            LIKELIHOOD,
            "p**Sum(x[i], (i, 1, n))*(1 - p)**(n + 1 - Sum(x[i], (i, 1, n)))",
            Verdict.REFUTED,
        ),
        (
            GAUSS,
            GAUSSIAN,
            "(2*pi*s2)**(-n/2)*exp(-Sum((y[i] - mu)**2, (i, 1, n))/(2*s2))",
            Verdict.PROVED,
        ),
        (  # near miss: the normalising constant not raised to n
            GAUSS,
            GAUSSIAN,
            "(2*pi*s2)**(-1/2)*exp(-Sum((y[i] - mu)**2, (i, 1, n))/(2*s2))",
            Verdict.REFUTED,
        ),
    ],
)
def test_likelihood_products(
    tmp_path: Path, symbols: str, lhs: str, rhs: str, verdict: Verdict
) -> None:
    assert relation_of(tmp_path, symbols, lhs, rhs).verdict is verdict


def test_a_range_that_may_be_empty_is_not_counted_as_its_length(tmp_path: Path) -> None:
    # m = -3: the product is empty (1), 2^m is 1/8
    result = relation_of(
        tmp_path, LOOSE, "Product(2*exp(x[i]), (i, 1, m))", "2**m*exp(Sum(x[i], (i, 1, m)))"
    )
    assert result.verdict is not Verdict.PROVED


def test_a_base_of_unknown_sign_is_not_gathered(tmp_path: Path) -> None:
    # a < 0 with real exponents: the factors a^x[i] are undefined
    result = relation_of(tmp_path, LOOSE, "Product(a**x[i], (i, 1, n))", "a**Sum(x[i], (i, 1, n))")
    assert result.verdict is not Verdict.PROVED
