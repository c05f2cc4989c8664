"""n! written as Π_{t=1}^{n} t (a derivation file's ``fact``): positive on the domains,
each term t = 1 + j with j >= 0 (prover/establish.py), so the binomial likelihood's
log(n!/(y!(n − y)!)) is defined; the near miss starts the product at 0."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import relation_of
from xentproof.result import Verdict

SYMBOLS = 'n = "positive integer"\ny = "{0, ..., n}"\np = "(0, 1)"'
FACT = 'fact = "a -> Product(t, (t, 1, a))"\nfact0 = "a -> Product(t, (t, 0, a))"'


def test_the_binomial_log_likelihood_is_defined(tmp_path: Path) -> None:
    lhs = "log(fact(n)/(fact(y)*fact(n - y))*p**y*(1 - p)**(n - y))"
    rhs = "log(fact(n)/(fact(y)*fact(n - y))) + y*log(p) + (n - y)*log(1 - p)"
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs, functions=FACT)
    assert result.verdict is Verdict.PROVED


def test_a_product_from_zero_is_not_positive(tmp_path: Path) -> None:
    # near miss: the term t = 0 makes the product 0, and its log undefined
    lhs = "log(fact0(n)*p)"
    rhs = "log(fact0(n)) + log(p)"
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs, functions=FACT)
    assert result.verdict is not Verdict.PROVED
