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
