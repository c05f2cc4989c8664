"""SymPy's closed forms of sums over a symbolic bound are compared with the sums written out
before a canonical form relies on them (prover/closed_forms.py).

Ground truth: the sums in plain Python integers (math.comb), never SymPy's evaluation."""

from __future__ import annotations

from math import comb
from pathlib import Path

import pytest
import sympy

from xentproof.prover.closed_forms import checked_closed_form, closed_forms_agree
from xentproof.prover.symbolic import prove_zero
from xentproof.result import Verdict

from .helpers import check_text, relation_of

k = sympy.Symbol("k", integer=True)
n = sympy.Symbol("n", integer=True, positive=True)
m = sympy.Symbol("m", integer=True, nonnegative=True)
x = sympy.Symbol("x", real=True)


def test_the_written_sums_differ_from_sympys_closed_forms() -> None:
    # Σ_{k=1}^{n+1} k²·C(2, k) is 6 for every n ≥ 1 (SymPy 1.14 closes it to 2);
    # Σ_{k=0}^{m} (−1)^k C(m, k) is 1 at m = 0 (SymPy: 0)
    assert sum(j**2 * comb(2, j) for j in range(1, 3)) == 6
    assert sum((-1) ** j * comb(0, j) for j in range(0, 1)) == 1
    # Σ_{k=1}^{m+1} k·C(3, k) is 3 at m = 0
    assert sum(j * comb(3, j) for j in range(1, 2)) == 3


@pytest.mark.parametrize(
    ("node", "wrong"),
    [
        (sympy.Sum(k**2 * sympy.binomial(2, k), (k, 1, n + 1)), sympy.Integer(2)),
        (sympy.Sum((-1) ** k * sympy.binomial(m, k), (k, 0, m)), sympy.Integer(0)),
        (
            sympy.Sum(k * sympy.binomial(3, k), (k, 1, m + 1)),
            12 - 6 / (sympy.factorial(1 - m) * sympy.factorial(m + 1)),
        ),
    ],
)
def test_a_wrong_closed_form_is_not_used(node: sympy.Sum, wrong: sympy.Expr) -> None:
    assert checked_closed_form(node) is None
    assert not closed_forms_agree(node - wrong)
    # the canonical forms (doit, simplify) no longer bring the false difference to 0
    assert prove_zero(node - wrong, thorough=True) is None


@pytest.mark.parametrize(
    ("node", "closed"),
    [
        (sympy.Sum(k, (k, 1, n)), n * (n + 1) / 2),
        (sympy.Sum(sympy.binomial(n, k), (k, 0, n)), 2**n),
        (sympy.Sum(1 / (k * (k + 1)), (k, 1, n)), 1 - 1 / (n + 1)),
        (sympy.Sum(x**k, (k, 0, m)), None),
        (sympy.Sum(sympy.Sum(1, (sympy.Symbol("j", integer=True), 1, k)), (k, 1, n)), None),
    ],
)
def test_a_right_closed_form_is_used(node: sympy.Sum, closed: sympy.Expr | None) -> None:
    assert checked_closed_form(node) is not None
    if closed is not None:
        assert prove_zero(node - closed, thorough=False) is not None


def test_the_false_step_is_not_proved(tmp_path: Path) -> None:
    text = (
        'title = "t"\n[symbols]\nn = "positive integer"\n'
        '[[chain]]\nname = "c"\n'
        'steps = ["Sum(k**2*binomial(2, k), (k, 1, n + 1))", "= 2"]\n'
    )
    report = check_text(tmp_path, text)
    assert report.relations[0].verdict is Verdict.REFUTED


def test_the_near_miss_is_proved(tmp_path: Path) -> None:
    text = (
        'title = "t"\n[symbols]\nn = "positive integer"\n'
        '[[chain]]\nname = "c"\n'
        'steps = ["Sum(k**2*binomial(2, k), (k, 1, n + 1))", "= 6"]\n'
    )
    report = check_text(tmp_path, text)
    assert report.relations[0].verdict is not Verdict.REFUTED


def test_the_end_check_stands_without_the_node_check(monkeypatch: pytest.MonkeyPatch) -> None:
    # a closed form that passed the check of its node (or one of sums SymPy merged first)
    # still proves nothing where the difference written out is not 0 at a small point
    import xentproof.prover.symbolic as symbolic

    monkeypatch.setattr(symbolic, "closed_forms_agree", lambda expr: True)
    symbolic._RESULTS.clear()
    node = sympy.Sum(k**2 * sympy.binomial(2, k), (k, 1, n + 1))
    try:
        assert prove_zero(node - 2, thorough=True) is None
        assert prove_zero(sympy.Sum(k, (k, 1, n)) - n * (n + 1) / 2, thorough=False)
    finally:
        symbolic._RESULTS.clear()


def test_a_sign_is_not_shown_against_the_written_sums() -> None:
    from xentproof.prover.closed_forms import contradicted

    node = sympy.Sum(k, (k, 1, n))
    assert contradicted(n - node, "nonnegative")  # 1 − 1 = 0, then 2 − 3 < 0
    assert not contradicted(node - n, "nonnegative")
    assert contradicted(node - n, "positive")  # 0 at n = 1


def test_a_closed_form_over_a_members_bound_is_compared_and_used(tmp_path: Path) -> None:
    # Π_{t=1}^{x[i]} t = x[i]! is compared at small values of the member x[i] (a member
    # carries xentproof's own assumption "family", which no number has, and no value was
    # admitted): the Poisson log-likelihood of bench/sources was UNPROVED
    symbols = 'n = "positive integer"\nlam = "positive"\n"x[i]" = "nonnegative integer"\n'
    functions = 'fact = "a -> Product(t, (t, 1, a))"\n'
    result = relation_of(
        tmp_path,
        symbols,
        "Sum(log(exp(-lam)*lam**x[i]/fact(x[i])), (i, 1, n))",
        "Sum(log(exp(-lam)) + log(lam**x[i]) - log(fact(x[i])), (i, 1, n))",
        functions=functions,
    )
    assert result.verdict is Verdict.PROVED, result.reason
