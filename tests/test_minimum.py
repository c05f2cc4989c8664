"""The first-derivative test in one of several variables (``minimum``, issue 18, class 3):
Gibbs, kl_div, Pinsker for two outcomes and Jensen at a midpoint are proved; a near miss
one edit away is never proved (expected verdicts from the written inequalities of analysis;
counterexamples confirmed by the reference evaluator in ``calculus_cases.decide``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.model import Domain
from xentproof.prover.declared import DomainInfo
from xentproof.prover.minimum import prove_by_minimum
from xentproof.result import Verdict

from .calculus_cases import decide

SYMBOLS = (
    'p = "(0, 1)"\nq = "(0, 1)"\nt = "positive"\nr = "positive"\nX = "positive"\nY = "positive"'
)
KL = "p*log(p/q) + (1 - p)*log((1 - p)/(1 - q))"


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs", "verdict"),
    [
        (KL, ">=", "0", Verdict.PROVED),
        (KL, ">", "0", Verdict.REFUTED),  # equality at p = q
        (KL, ">=", "2*(p - q)**2", Verdict.PROVED),  # Pinsker
        (KL, ">=", "3*(p - q)**2", Verdict.REFUTED),
        ("X*log(X/Y) - X + Y", ">=", "0", Verdict.PROVED),
        ("X*log(X/Y) - X + Y/2", ">=", "0", Verdict.REFUTED),
        ("log((t + r)/2)", ">=", "(log(t) + log(r))/2", Verdict.PROVED),
        ("log((t + r)/2)", ">=", "(log(t) + log(r))/2 + 1/100", Verdict.REFUTED),
    ],
)
def test_an_inequality_in_several_variables_by_its_minimum(
    tmp_path: Path, lhs: str, rel: str, rhs: str, verdict: Verdict
) -> None:
    assert decide(tmp_path, SYMBOLS, lhs, rhs, rel).verdict is verdict


def _infos(*symbols: sympy.Symbol) -> dict[sympy.Basic, DomainInfo]:
    unit = Domain(
        lo=sympy.Integer(0), hi=sympy.Integer(1), lo_open=True, hi_open=True, text="(0, 1)"
    )
    return {s: DomainInfo(s, str(s), unit) for s in symbols}


@pytest.mark.parametrize(
    "value",
    [
        # f′ = 2(q − p − 1): its root p + 1 lies outside (0, 1), where f is −1/2 at worst
        lambda p, q: (q - p - 1) ** 2 - sympy.Rational(1, 2),
        # Pinsker with 3: f′ = (q − p)·(1/(q(1 − q)) − 6) changes sign on both sides
        lambda p, q: (
            p * sympy.log(p / q) + (1 - p) * sympy.log((1 - p) / (1 - q)) - 3 * (p - q) ** 2
        ),
        # the minimum at q = p is −1/100
        lambda p, q: (
            p * sympy.log(p / q) + (1 - p) * sympy.log((1 - p) / (1 - q)) - sympy.Rational(1, 100)
        ),
    ],
)
def test_a_false_inequality_has_no_minimum_proof(value: object) -> None:
    p, q = sympy.symbols("p q", positive=True)
    assert callable(value)
    assert prove_by_minimum(value(p, q), False, _infos(p, q)) is None
