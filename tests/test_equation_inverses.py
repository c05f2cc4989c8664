"""Steps between equations (issue 18, class 9): artanh's inverse written as a step (tanh
applied to both sides, tried early where an atanh is written), and a stationarity over N
weighted samples, whose proof met simplify's StopIteration inside a generator (a
RuntimeError that ended the relation UNPROVED). Every proof has a near miss."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.prover.symbolic import _attempt
from xentproof.result import Verdict

from .helpers import relation_of

SYMBOLS = (
    'x = "real"\na = "real"\nh = "(-2, 2)"\nmu = "real"\nN = "positive integer"\n'
    '"o[i]" = "real"\n"w[i]" = "positive"'
)
WEIGHTED = "Sum(w[i]*(o[i] - mu), (i, 1, N)) = 0"


@pytest.mark.parametrize(
    ("lhs", "rhs", "verdict"),
    [
        ("atanh(x) = a", "x = tanh(a)", Verdict.PROVED),
        ("atanh(x) = h", "x = tanh(h)", Verdict.PROVED),
        ("atanh(x) = h", "x = (exp(h) - 1)/(exp(h) + 1)", Verdict.REFUTED),  # tanh(h/2)
        ("atanh(x) = a", "x = tanh(a)/2", Verdict.REFUTED),
        ("atanh(x/2) = a", "x = tanh(a)", Verdict.REFUTED),
        (WEIGHTED, "mu = Sum(w[i]*o[i], (i, 1, N))/Sum(w[i], (i, 1, N))", Verdict.PROVED),
        (WEIGHTED, "mu = Sum(w[i]*o[i], (i, 1, N))/N", Verdict.REFUTED),
    ],
)
def test_an_equation_step(tmp_path: Path, lhs: str, rhs: str, verdict: Verdict) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs, "<=>")
    assert result.verdict is verdict, result.reason


def test_a_transform_raising_stop_iteration_is_skipped() -> None:
    """simplify's sum_add raises StopIteration on some products of sums: inside the
    generator of forms that became a RuntimeError ending the relation; now the transform
    is skipped like any other that SymPy cannot apply."""

    def stops(_e: sympy.Expr) -> sympy.Expr:
        raise StopIteration

    assert _attempt(stops, sympy.Symbol("x")) is None
