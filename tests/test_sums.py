"""Relations over sums and products with a symbolic range: termwise over the same range,
the log of a product, one-hot labels by Kronecker deltas, induction on the upper bound,
and indices used outside every sum that binds them."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.prover import sums
from xentproof.result import Verdict

from .helpers import chain, check_text

FAMILIES = """
title = "t"
[symbols]
N = "positive integer"
k = "positive integer"
m = "nonnegative integer"
y = "{-1, 1}"
s = "real"
"y[i]" = "{0, 1}"
"yhat[i]" = "(0, 1)"
"z[i]" = "{-1, 1}"
"s[i]" = "real"
"p[i]" = "(0, 1)"
"""


def one(tmp_path: Path, *steps: str):  # type: ignore[no-untyped-def]
    report = check_text(tmp_path, FAMILIES + chain(*steps))
    assert not report.errors, report.errors
    return report.relations


def test_log_of_a_product_over_n_samples_is_a_sum(tmp_path: Path) -> None:
    first, second = one(
        tmp_path,
        '"-log(Product(yhat[i]**y[i]*(1 - yhat[i])**(1 - y[i]), (i, 1, N)))"',
        '"= -Sum(log(yhat[i]**y[i]*(1 - yhat[i])**(1 - y[i])), (i, 1, N))"',
        '"= -Sum(y[i]*log(yhat[i]) + (1 - y[i])*log(1 - yhat[i]), (i, 1, N))"',
    )
    assert first.verdict is Verdict.PROVED and second.verdict is Verdict.PROVED


def test_sum_with_a_wrong_term_is_refuted_at_a_concrete_n(tmp_path: Path) -> None:
    (r,) = one(
        tmp_path,
        '"Sum(y[i]*log(yhat[i]) + (1 - y[i])*log(1 - yhat[i]), (i, 1, N))"',
        '"= Sum(y[i]*log(yhat[i]) + log(1 - yhat[i]), (i, 1, N))"',
    )
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None
    assert "N" in r.counterexample.point
    assert any(name.startswith("y[") for name in r.counterexample.point)


def test_sum_that_lost_its_per_sample_index_is_refuted(tmp_path: Path) -> None:
    (r,) = one(
        tmp_path,
        '"Sum(log(1 + exp(-z[i]*s[i])), (i, 1, N))"',
        '"= Sum(log(1 + exp(-y*s)), (i, 1, N))"',
    )
    assert r.verdict is Verdict.REFUTED
    point = r.counterexample.point  # type: ignore[union-attr]
    assert int(point["N"]) >= 1 and "s" in point and "y" in point


def test_a_sum_of_a_constant_is_n_copies(tmp_path: Path) -> None:
    (r,) = one(tmp_path, '"Sum(log(1 + exp(-y*s)), (i, 1, N))"', '"= N*log(1 + exp(-y*s))"')
    assert r.verdict is Verdict.PROVED


def test_index_outside_every_sum_is_reported_with_its_line(tmp_path: Path) -> None:
    (r,) = one(
        tmp_path,
        '"-Sum(y[i]*log(yhat[i]) + (1 - y[i])*log(1 - yhat[i]), (i, 1, N))"',
        '"= -Sum(y[i]*log(yhat[i]), (i, 1, N)) + (1 - y[i])*log(1 - yhat[i])"',
    )
    assert r.verdict is Verdict.REFUTED
    assert any("index i" in w and f"line {r.line}" in w for w in r.warnings)


def test_one_hot_product_reduces_to_the_marked_class(tmp_path: Path) -> None:
    relations = one(
        tmp_path,
        '"Product(p[i]**KroneckerDelta(i, k), (i, 1, k + m))"',
        '"= exp(Sum(KroneckerDelta(i, k)*log(p[i]), (i, 1, k + m)))"',
        '"= p[k]"',
    )
    assert [r.verdict for r in relations] == [Verdict.PROVED, Verdict.PROVED]


def test_log_of_a_one_hot_product_is_the_marked_class_by_the_delta(tmp_path: Path) -> None:
    """log Π p_i^δ(i,k) = Σ δ(i,k)·log p_i, and the delta picks the term i = k (k lies in
    1..k + m under the domains): no simplify. With the range starting at 2, k = 1 falls
    outside it and the step is false."""
    (r,) = one(
        tmp_path, '"-log(Product(p[i]**KroneckerDelta(i, k), (i, 1, k + m)))"', '"= -log(p[k])"'
    )
    assert r.verdict is Verdict.PROVED
    assert r.method == "Kronecker delta summed (one term of the sum)"
    (r,) = one(
        tmp_path, '"-log(Product(p[i]**KroneckerDelta(i, k), (i, 2, k + m)))"', '"= -log(p[k])"'
    )
    assert r.verdict is Verdict.REFUTED


def test_one_hot_product_is_not_another_class(tmp_path: Path) -> None:
    (r,) = one(tmp_path, '"Product(p[i]**KroneckerDelta(i, k), (i, 1, k + m))"', '"= p[k + 1]"')
    assert r.verdict is Verdict.REFUTED


INDUCTION = """
title = "t"
[symbols]
N = "positive integer"
"a[i]" = "real"
"""


def test_induction_proves_a_closed_form(tmp_path: Path) -> None:
    report = check_text(tmp_path, INDUCTION + chain('"Sum(i, (i, 1, N))"', '"= N*(N + 1)/2"'))
    (r,) = report.relations
    assert r.verdict is Verdict.PROVED
    assert r.method == "induction on N"
    assert any(c.startswith("base case N = 1") for c in r.conditions)


def test_a_closed_form_goes_to_induction_without_simplify(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Σ i² − N(N + 1)(2N + 1)/6 keeps a part with no sum whatever sum_simplify makes of
    the sum, so termwise is not tried (sum_simplify runs simplify on every summand)."""

    def refused(expr: sympy.Expr) -> sympy.Expr:
        raise AssertionError(f"sum_simplify({expr})")

    monkeypatch.setattr(sums, "sum_simplify", refused)
    text = INDUCTION + chain('"Sum(i**2, (i, 1, N))"', '"= N*(N + 1)*(2*N + 1)/6"')
    (r,) = check_text(tmp_path, text).relations
    assert r.verdict is Verdict.PROVED and r.method == "induction on N"


def test_induction_proves_a_telescoping_sum(tmp_path: Path) -> None:
    report = check_text(
        tmp_path, INDUCTION + chain('"Sum(a[i + 1] - a[i], (i, 1, N))"', '"= a[N + 1] - a[1]"')
    )
    (r,) = report.relations
    assert r.verdict is Verdict.PROVED and r.method == "induction on N"


def test_a_wrong_closed_form_is_refuted_not_induced(tmp_path: Path) -> None:
    report = check_text(tmp_path, INDUCTION + chain('"Sum(i, (i, 1, N))"', '"= N**2/2"'))
    (r,) = report.relations
    assert r.verdict is Verdict.REFUTED
