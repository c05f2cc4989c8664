"""A number moved across an inequality (``moved_numbers``): the softmax's true-class
gradient p_k − 1 < 0 (Mohd Vasim's label-smoothing page) is proved as p_k < 1; near misses
(one class, where p_k = 1; a bound moved too far) are not proved, and are refuted."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.domains import parse_domain
from xentproof.prover.cascade import prove
from xentproof.prover.declared import DomainInfo
from xentproof.prover.moved_numbers import applies, moved_across
from xentproof.result import Verdict

from .calculus_cases import decide

SOFTMAX = "exp(zz[k])/Sum(exp(zz[j]), (j, 1, K))"
TWO = 'K = "integer >= 2"\nk = "{1, ..., K}"\n"zz[j]" = "real"'
ONE = 'K = "positive integer"\nk = "{1, ..., K}"\n"zz[j]" = "real"'


@pytest.mark.parametrize(
    ("symbols", "lhs", "rel", "rhs", "verdict"),
    [
        (TWO, f"{SOFTMAX} - 1", "<", "0", Verdict.PROVED),
        (ONE, f"{SOFTMAX} - 1", "<", "0", Verdict.REFUTED),  # K = 1: p_k = 1
        (TWO, f"{SOFTMAX} - 1", "<", "-1/2", Verdict.REFUTED),  # p_k may be near 1
        (TWO, f"{SOFTMAX} + 1", ">", "1", Verdict.PROVED),
    ],
)
def test_softmax_gradient_at_the_true_class(
    tmp_path: Path, symbols: str, lhs: str, rel: str, rhs: str, verdict: Verdict
) -> None:
    assert decide(tmp_path, symbols, lhs, rhs, rel).verdict is verdict


def test_a_near_miss_is_not_proved_by_moving_the_number() -> None:
    x = sympy.Symbol("x", real=True)
    infos = {x: DomainInfo(x, "x", parse_domain("real"))}
    assert applies("<", x**2 - 1, sympy.Integer(0))
    assert not applies("=", x**2 - 1, sympy.Integer(0))
    assert not applies("<", x**2, sympy.Integer(0))  # no number to move
    assert moved_across(">=", x**2 + 1, sympy.Integer(1), infos, prove) is not None
    assert moved_across(">", x**2 + 1, sympy.Integer(1), infos, prove) is None  # x = 0
