"""Inequalities over the integers by induction (``integer_induction``, issue 18, class 3):
2^k ≥ k + 1 and Bernoulli's inequality are proved; near misses one edit away are not
proved by the method and are refuted (counterexamples confirmed by the reference
evaluator in ``calculus_cases.decide``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.domains import parse_domain
from xentproof.prover.cascade import prove
from xentproof.prover.declared import DomainInfo
from xentproof.prover.integer_induction import induction_inequality
from xentproof.result import Verdict

from .calculus_cases import decide

SYMBOLS = 't = "positive"\nk = "positive integer"\nn = "positive integer"'


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs", "verdict"),
    [
        ("2**k", ">=", "k + 1", Verdict.PROVED),
        ("2**k", ">", "k + 1", Verdict.REFUTED),  # equality at k = 1
        ("2**k", ">=", "k**2", Verdict.REFUTED),  # k = 3: 8 < 9
        ("(1 + t)**n", ">=", "1 + n*t", Verdict.PROVED),
        ("(1 + t)**n", ">=", "1 + n*t + t**2", Verdict.REFUTED),  # n = 1
        ("k + 1", "<=", "2**k", Verdict.PROVED),
    ],
)
def test_an_inequality_over_the_integers_by_induction(
    tmp_path: Path, lhs: str, rel: str, rhs: str, verdict: Verdict
) -> None:
    assert decide(tmp_path, SYMBOLS, lhs, rhs, rel).verdict is verdict


def test_a_near_miss_is_not_proved_by_induction() -> None:
    k = sympy.Symbol("k", positive=True, integer=True)
    infos = {k: DomainInfo(k, "k", parse_domain("positive integer"))}
    assert induction_inequality(">=", 2**k, k + 1, infos, prove) is not None
    # the step 2·k² ≥ (k + 1)² fails at k = 1, 2; the base 2 > 2 fails
    assert induction_inequality(">=", 2**k, k**2, infos, prove) is None
    assert induction_inequality(">", 2**k, k + 1, infos, prove) is None
    # no least value: the integers have no base case
    everywhere = {k: DomainInfo(k, "k", parse_domain("integer"))}
    assert induction_inequality(">=", 2**k, k + 1, everywhere, prove) is None


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs", "verdict"),
    [
        ("Product(i, (i, 1, k))", ">=", "2**(k - 1)", Verdict.PROVED),  # a product up to k
        ("Product(i, (i, 1, k))", ">=", "2**k", Verdict.REFUTED),  # k = 1: 1 < 2
        ("k**2", "<=", "2**k + 1", Verdict.PROVED),  # the step from k = 3 on
        ("k**2", "<=", "2**k", Verdict.REFUTED),  # k = 3: 9 > 8
        ("3**k", ">=", "2**k + 1", Verdict.PROVED),  # powers on both sides
        ("3**k", ">", "2**k + 1", Verdict.REFUTED),  # equality at k = 1
        ("Sum(1/i**2, (i, 1, n))", "<=", "2 - 1/n", Verdict.PROVED),  # by differences
        ("Sum(1/i**2, (i, 1, n))", "<=", "2 - 2/n", Verdict.REFUTED),  # n = 1
        ("Sum(1/i, (i, 1, n))", "<=", "2 - 1/n", Verdict.REFUTED),  # base holds, n = 3 fails
    ],
)
def test_more_inequalities_over_the_integers(
    tmp_path: Path, lhs: str, rel: str, rhs: str, verdict: Verdict
) -> None:
    assert decide(tmp_path, SYMBOLS, lhs, rhs, rel).verdict is verdict


def test_near_misses_are_not_proved_by_the_general_induction() -> None:
    k = sympy.Symbol("k", positive=True, integer=True)
    i = sympy.Symbol("i", integer=True)
    infos = {k: DomainInfo(k, "k", parse_domain("positive integer"))}
    assert induction_inequality("<=", k**2, 2**k + 1, infos, prove) is not None
    # 2^k ≥ k² fails at k = 3 (a base case), whatever the step
    assert induction_inequality("<=", k**2, 2**k, infos, prove) is None
    # k! ≥ 2^k fails at the base k = 1
    factorial = sympy.Product(i, (i, 1, k))
    assert induction_inequality(">=", factorial, 2 ** (k - 1), infos, prove) is not None
    assert induction_inequality(">=", factorial, 2**k, infos, prove) is None
    # Σ 1/i ≤ 2 − 1/k: the base holds, the difference 1/(k + 1) − 1/k + 1/(k + 1) does not
    # stay ≥ 0
    harmonic = sympy.Sum(1 / i, (i, 1, k))
    assert induction_inequality("<=", harmonic, 2 - 1 / k, infos, prove) is None
    assert induction_inequality("<=", sympy.Sum(1 / i**2, (i, 1, k)), 2 - 1 / k, infos, prove)
