"""Regression test: SymPy's ``sum_simplify`` raises StopIteration on some sums of
quotients (its ``sum_add`` looks for a Sum among a product's factors and finds none); the
termwise stage gave the relation up with "SymPy failed during sums: termwise:
StopIteration" (the logistic-regression gradient of bench/sources/numerade). It now goes
on to the other stages."""

from __future__ import annotations

import sympy

from xentproof.prover.outcome import Outcome
from xentproof.prover.sums import termwise
from xentproof.result import Verdict


def _difference() -> sympy.Expr:
    i, k = sympy.symbols("i k", integer=True)
    n, d, j = sympy.symbols("n d j", integer=True, positive=True)
    x, theta, y = sympy.IndexedBase("x"), sympy.IndexedBase("theta"), sympy.IndexedBase("y")
    e = sympy.exp(-sympy.Sum(theta[k] * x[i, k], (k, 1, d)))
    p = sympy.Product(sympy.exp(theta[k] * x[i, k]), (k, 1, d))
    tangle = p + 2 + e - 1 / (p + 1) - p / (1 + e) - 2 / (1 + e)
    return (
        -sympy.Sum(x[i, j] / (1 + e), (i, 1, n)) / n
        - sympy.Sum(-x[i, j] / tangle, (i, 1, n)) / n
        - sympy.Sum(-x[i, j] * y[i], (i, 1, n)) / n
        - sympy.Sum(x[i, j] * y[i] / (p + 1), (i, 1, n)) / n
        - sympy.Sum(x[i, j] * y[i] / tangle, (i, 1, n)) / n
    )


def test_a_failure_of_sum_simplify_is_not_the_end_of_the_relation() -> None:
    def unproved(*_: object) -> Outcome:
        return Outcome(Verdict.UNPROVED, "")

    found = termwise("=", _difference(), sympy.Integer(0), {}, unproved)
    assert found is None or found.verdict is not Verdict.PROVED
