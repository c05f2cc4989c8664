"""Equalities through exp of both sides (``prover.exp_sides``), and their near misses.

Truth by hand: cosh s = (e^s + e^{−s})/2 = e^s·(1 + e^{−2s})/2 > 0, so log cosh s =
s + log(e^{−2s} + 1) − log 2 for every real s (the form of a framework's docstring); with
log 3 in place of log 2 the sides differ by log(3/2) everywhere, and with e^{+2s} in place
of e^{−2s} they differ at s = 1.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.prover.exp_sides import equal_through_exp
from xentproof.result import Verdict

from .helpers import relation_of

s = sympy.Symbol("s", real=True)


def test_log_cosh_through_exp() -> None:
    lhs = sympy.log(sympy.cosh(s))
    assert equal_through_exp(lhs, s + sympy.log(sympy.exp(-2 * s) + 1) - sympy.log(2))


@pytest.mark.parametrize(
    "rhs",
    [
        s + sympy.log(sympy.exp(-2 * s) + 1) - sympy.log(3),
        s + sympy.log(sympy.exp(2 * s) + 1) - sympy.log(2),
        s,
    ],
)
def test_near_misses_are_not_equal_through_exp(rhs: sympy.Expr) -> None:
    assert equal_through_exp(sympy.log(sympy.cosh(s)), rhs) is None


def test_relation_proved(tmp_path: Path) -> None:
    result = relation_of(
        tmp_path, 's = "real"\n', "log(cosh(s))", "s + log(exp(-2*s) + 1) - log(2)", timeout=10
    )
    assert result.verdict is Verdict.PROVED, result.reason


@pytest.mark.parametrize(
    "rhs", ["s + log(exp(-2*s) + 1) - log(3)", "s + log(exp(2*s) + 1) - log(2)"]
)
def test_near_miss_relations_refuted(tmp_path: Path, rhs: str) -> None:
    result = relation_of(tmp_path, 's = "real"\n', "log(cosh(s))", rhs, timeout=10)
    assert result.verdict is Verdict.REFUTED, result.reason
