"""Issue 18, class 5: a sum split at a declared index inside its range
(``prover/split_at_index``), and signs of expressions whose sums stand for unknowns of the
sign shown for them (``prover/positivity``).

Truth by hand: Σ_{j=1}^{k+m} z[j] = Σ_{j=1}^{k−1} z[j] + z[k] + Σ_{j=k+1}^{k+m} z[j] since
1 ≤ k ≤ k + m; a softmax entry over k + m + 1 ≥ k + 1 classes is below 1 (the classes
after k are a non-empty sum of positive terms), and −log of one over k + m classes is ≥ 0.
Near misses: the split at k of Σ_{j=1}^{m} (k may exceed m: at k = 2, m = 1 the right side
is z[1] + z[2] + Σ_{j=3}^{1} = z[1] + z[2] ≠ z[1]); the softmax over k + m classes is 1 at
k = 1, m = 0, so "< 1" fails and so does "−log(…) > 0"; a part dropped in the split.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.domains import parse_domain
from xentproof.prover.cascade import prove
from xentproof.prover.declared import DomainInfo
from xentproof.prover.establish import establish
from xentproof.prover.positivity import by_signs_of_sums
from xentproof.prover.split_at_index import prove_by_split_at_index
from xentproof.result import Verdict

from .helpers import check_text

k = sympy.Symbol("k", integer=True, positive=True)
m = sympy.Symbol("m", integer=True, nonnegative=True)
i, j = sympy.symbols("i j", integer=True)
z = sympy.IndexedBase("z")


def _infos() -> dict[sympy.Basic, DomainInfo]:
    return {
        k: DomainInfo(k, "k", parse_domain("positive integer")),
        m: DomainInfo(m, "m", parse_domain("nonnegative integer")),
        z: DomainInfo(z, "z", parse_domain("real")),
    }


def _softmax(classes: sympy.Expr) -> sympy.Expr:
    return sympy.exp(z[k]) / sympy.Sum(sympy.exp(z[i]), (i, 1, classes))


def _split(hi: sympy.Expr) -> sympy.Expr:
    return sympy.Sum(z[j], (j, 1, k - 1)) + z[k] + sympy.Sum(z[j], (j, k + 1, hi))


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        (sympy.Sum(z[j], (j, 1, k + m)), "=", _split(k + m)),
        (_softmax(k + m + 1), "<", sympy.Integer(1)),
        (_softmax(k + m), "<=", sympy.Integer(1)),
        (-sympy.log(_softmax(k + m)), ">=", sympy.Integer(0)),
    ],
)
def test_a_sum_split_at_an_index_inside_its_range(
    lhs: sympy.Expr, rel: str, rhs: sympy.Expr
) -> None:
    found = prove_by_split_at_index(rel, lhs, rhs, _infos(), prove)
    assert found is not None
    assert "split at k" in " ".join(found[1])


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        (sympy.Sum(z[j], (j, 1, m)), "=", _split(m)),  # k may lie past m
        (_softmax(k + m), "<", sympy.Integer(1)),  # one class at k = 1, m = 0
        (-sympy.log(_softmax(k + m)), ">", sympy.Integer(0)),
        (sympy.Sum(z[j], (j, 1, k + m)), "=", _split(k + m) - z[k]),  # z[k] dropped
    ],
)
def test_split_near_misses(lhs: sympy.Expr, rel: str, rhs: sympy.Expr) -> None:
    assert prove_by_split_at_index(rel, lhs, rhs, _infos(), prove) is None


SYMBOLS = """\
k = "positive integer"
m = "nonnegative integer"
"z[i]" = "real"
"""


def test_softmax_cross_entropy_of_a_one_hot_label_is_nonnegative(tmp_path: Path) -> None:
    loss = "-Sum(KroneckerDelta(j, k)*log(exp(z[j])/Sum(exp(z[i]), (i, 1, k + m))), (j, 1, k + m))"
    chains = (
        f'[[chain]]\nname = "ce"\nsteps = ["{loss}", ">= 0"]\n'
        f'[[chain]]\nname = "strict"\nsteps = ["{loss}", {{ rel = ">", expr = "0" }}]\n'
    )
    report = check_text(tmp_path, f'title = "t"\n[symbols]\n{SYMBOLS}\n{chains}')
    assert not report.errors, report.errors
    verdicts = [(r.verdict, r.method or "") for r in report.relations]
    assert verdicts[0][0] is Verdict.PROVED and "split" in verdicts[0][1]
    assert verdicts[1][0] is Verdict.REFUTED


def test_sums_as_unknowns_of_their_sign() -> None:
    """The sign method alone (no refuter): a sum over a range shown non-empty is a positive
    unknown, over a range that may be empty a nonnegative one, and that decides it."""
    before = sympy.Sum(sympy.exp(z[i]), (i, 1, k - 1))
    after = sympy.Sum(sympy.exp(z[i]), (i, k + 1, k + m + 1))
    maybe_empty = sympy.Sum(sympy.exp(z[i]), (i, k + 1, k + m))
    e = sympy.exp(z[k])
    one = sympy.Integer(1)
    assert by_signs_of_sums("<", e / (before + e + after), one, _infos(), establish)
    assert not by_signs_of_sums("<", e / (before + e + maybe_empty), one, _infos(), establish)
    assert by_signs_of_sums("<=", e / (before + e + maybe_empty), one, _infos(), establish)
    ce = -sympy.log(e / (before + e + maybe_empty))
    assert by_signs_of_sums(">=", ce, sympy.Integer(0), _infos(), establish)
    assert not by_signs_of_sums(">", ce, sympy.Integer(0), _infos(), establish)
