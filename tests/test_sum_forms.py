"""Identities that rearrange finite sums (issue 18, class 4): the normal form of sums
(swapping nested ranges, factors taken out, constants summed, indices renamed, logs of
positive factors taken apart), conditions on the terms of a sum needed over its range only,
induction through the hypothesis for telescoping products, and a term undefined as written
found at a point with family members. Every method has a near miss: a false relation one
edit away that it must not prove. Expected verdicts follow docs/semantics.md §4 (an empty
sum is 0, an empty product 1), checked by hand at the point named in each test."""

from __future__ import annotations

from pathlib import Path

import sympy

from xentproof.domains import parse_domain
from xentproof.prover.declared import DomainInfo
from xentproof.prover.ranges import contract_ranges
from xentproof.prover.sum_forms import sums_in_normal_form
from xentproof.result import Verdict

from .helpers import chain, check_text

SYMBOLS = """
title = "t"
[symbols]
N = "positive integer"
M = "positive integer"
K = "nonnegative integer"
c = "real"
"a[i]" = "real"
"b[j]" = "real"
"A[i, j]" = "real"
"P[i, j]" = "positive"
"x[i]" = "real"
"z[i]" = "real"
"w[i]" = "positive"
"""


def verdict(tmp_path: Path, lhs: str, rhs: str) -> Verdict:
    report = check_text(tmp_path, SYMBOLS + chain(f'"{lhs}"', f'"= {rhs}"'))
    assert not report.errors, report.errors
    (relation,) = report.relations
    return relation.verdict


# -- the normal form, called directly -----------------------------------------------------

N, M = sympy.symbols("N M", integer=True, positive=True)
K = sympy.Symbol("K", integer=True, nonnegative=True)
i, j = sympy.symbols("i j", integer=True)
A = sympy.IndexedBase("A", real=True)
Z = sympy.IndexedBase("z", real=True)
X = sympy.IndexedBase("x", real=True)
INFOS = {
    N: DomainInfo(N, "N", parse_domain("positive integer")),
    M: DomainInfo(M, "M", parse_domain("positive integer")),
    K: DomainInfo(K, "K", parse_domain("nonnegative integer")),
    A: DomainInfo(A, "A", parse_domain("real"), 2),
    Z: DomainInfo(Z, "z", parse_domain("real"), 1),
    X: DomainInfo(X, "x", parse_domain("real"), 1),
}


def same_form(lhs: sympy.Expr, rhs: sympy.Expr) -> bool:
    return sums_in_normal_form(contract_ranges(lhs), contract_ranges(rhs), INFOS) is not None


def test_a_rectangle_is_summed_in_either_order_but_not_with_the_bounds_left_behind() -> None:
    double = sympy.Sum(A[i, j], (j, 1, M), (i, 1, N))
    assert same_form(double, sympy.Sum(A[i, j], (i, 1, N), (j, 1, M)))
    # near miss: the indices moved and the bounds stayed (N = 1, M = 2 tells them apart)
    assert not same_form(double, sympy.Sum(A[i, j], (i, 1, M), (j, 1, N)))
    # near miss: the indices of the family swapped as well
    assert not same_form(double, sympy.Sum(A[j, i], (i, 1, N), (j, 1, M)))


def test_a_triangle_is_j_at_most_i_whichever_index_runs_outside() -> None:
    lower = sympy.Sum(sympy.Sum(A[i, j], (j, 1, i)), (i, 1, N))
    assert same_form(lower, sympy.Sum(sympy.Sum(A[i, j], (i, j, N)), (j, 1, N)))
    # near miss: j <= i turned into i <= j
    assert not same_form(lower, sympy.Sum(sympy.Sum(A[i, j], (i, 1, j)), (j, 1, N)))


def test_softmax_terms_sum_to_one_over_a_non_empty_range_only() -> None:
    softmax = sympy.exp(Z[i]) / sympy.Sum(sympy.exp(Z[j]), (j, 1, N))
    assert same_form(sympy.Sum(softmax, (i, 1, N)), sympy.Integer(1))
    # near miss: over K >= 0 classes the range may be empty (K = 0: the sum is 0, not 1),
    # and the normaliser, undefined there, is not taken out of the sum
    empty_possible = sympy.exp(Z[i]) / sympy.Sum(sympy.exp(Z[j]), (j, 1, K))
    assert not same_form(sympy.Sum(empty_possible, (i, 1, K)), sympy.Integer(1))
    # near miss: one term short
    assert not same_form(sympy.Sum(softmax, (i, 1, N - 1)), sympy.Integer(1))


def test_squared_deviations_are_the_sum_of_squares_less_the_square_of_the_sum_over_n() -> None:
    total = sympy.Sum(X[j], (j, 1, N))
    deviations = sympy.Sum((X[i] - total / N) ** 2, (i, 1, N))
    squares = sympy.Sum(X[i] ** 2, (i, 1, N))
    assert same_form(deviations, squares - total**2 / N)
    assert not same_form(deviations, squares - total**2 / N**2)  # near miss: N squared


def test_a_constant_summed_over_a_range_is_counted_with_the_contract_for_empty_ones() -> None:
    assert same_form(sympy.Sum(3, (i, 1, N)), 3 * N)
    # K - 1 terms, but none at K = 0: the sum is 3*Max(K - 1, 0), not 3*K - 3
    assert not same_form(sympy.Sum(3, (i, 1, K - 1)), 3 * K - 3)
    assert same_form(sympy.Sum(3, (i, 1, K - 1)), 3 * sympy.Max(K - 1, 0))


# -- through the whole checker -------------------------------------------------------------


def test_a_double_sum_of_a_product_factors(tmp_path: Path) -> None:
    lhs = "Sum(Sum(a[i]*b[j], (j, 1, M)), (i, 1, N))"
    assert verdict(tmp_path, lhs, "Sum(a[i], (i, 1, N))*Sum(b[j], (j, 1, M))") is Verdict.PROVED
    # near miss: the diagonal only (N = M = 2, a = b = (1, 1): 4 against 2)
    assert verdict(tmp_path, lhs, "Sum(a[i]*b[i], (i, 1, N))") is Verdict.REFUTED


def test_mutual_information_takes_the_logs_apart_only_for_positive_factors(
    tmp_path: Path,
) -> None:
    rows, columns = "Sum(P[i, l], (l, 1, M))", "Sum(P[l, j], (l, 1, N))"
    lhs = f"Sum(Sum(P[i, j]*log(P[i, j]/({rows}*{columns})), (j, 1, M)), (i, 1, N))"
    rhs = (
        f"-Sum({rows}*log({rows}), (i, 1, N))"
        f" + Sum(Sum(P[i, j]*log(P[i, j]/{columns}), (j, 1, M)), (i, 1, N))"
    )
    assert verdict(tmp_path, lhs, rhs) is Verdict.PROVED
    # near miss: real factors, whose logs may not be taken apart (a = b = -1 at i = 1:
    # log(1) = 0 on the left, log(-1) undefined on the right)
    real = verdict(
        tmp_path, "Sum(log(a[i]*x[i]), (i, 1, N))", "Sum(log(a[i]) + log(x[i]), (i, 1, N))"
    )
    assert real is not Verdict.PROVED


def test_a_condition_on_the_terms_is_needed_over_the_range_only(tmp_path: Path) -> None:
    assert verdict(tmp_path, "Sum(1/(k*(k + 1)), (k, 1, N))", "1 - 1/(N + 1)") is Verdict.PROVED
    assert verdict(tmp_path, "(1 - c)*Sum(c**k, (k, 0, N - 1))", "1 - c**N") is Verdict.PROVED
    # near miss: from k = 0 the first term is 1/0
    assert verdict(tmp_path, "Sum(1/(k*(k + 1)), (k, 0, N))", "1 - 1/(N + 1)") is Verdict.REFUTED
    # near miss: c**(k - 1) at k = 0 needs c != 0, which c = 0 breaks on both sides alike
    negative = verdict(tmp_path, "(1 - c)*Sum(c**(k - 1), (k, 0, N - 1))", "(1 - c**N)/c")
    assert negative is not Verdict.PROVED


def test_an_index_also_used_outside_its_sum_is_not_read_through_the_range(
    tmp_path: Path,
) -> None:
    text = (
        SYMBOLS
        + 'k = "real"\n'
        + chain('"1/k + Sum(1/k, (k, 1, N))"', '"= Sum(1/k, (k, 1, N)) + 1/k"')
    )
    report = check_text(tmp_path, text)
    assert not report.errors, report.errors
    (relation,) = report.relations
    assert relation.verdict is not Verdict.PROVED  # 1/k outside the sum: k = 0 is allowed


def test_a_telescoping_product_is_proved_through_the_hypothesis(tmp_path: Path) -> None:
    assert verdict(tmp_path, "Product(1 + 1/k, (k, 1, N))", "N + 1") is Verdict.PROVED
    assert verdict(tmp_path, "Product(1 - 1/k**2, (k, 2, N + 1))", "(N + 2)/(2*N + 2)") is (
        Verdict.PROVED
    )
    # near misses: the last numerator (N = 1: 2 against 1), and one that agrees at
    # N = 1, 2, 3 and not at N = 4 (5 against 11)
    assert verdict(tmp_path, "Product(1 + 1/k, (k, 1, N))", "N") is Verdict.REFUTED
    off = "N + 1 + (N - 1)*(N - 2)*(N - 3)"
    assert verdict(tmp_path, "Product(1 + 1/k, (k, 1, N))", off) is Verdict.REFUTED


def test_a_term_undefined_as_written_is_found_with_family_members(tmp_path: Path) -> None:
    # a[1] = 0 makes the first term 0/0: the left side is undefined, the right side N
    report = check_text(tmp_path, SYMBOLS + chain('"Sum(a[i]/a[i], (i, 1, N))"', '"= N"'))
    (relation,) = report.relations
    assert relation.verdict is Verdict.REFUTED
    assert relation.counterexample is not None
    point = relation.counterexample.point
    assert any(name.startswith("a[") for name in point)
    assert "a[-4]" not in point  # only the members the relation reads are shown
    assert verdict(tmp_path, "Sum(w[i]/w[i], (i, 1, N))", "N") is Verdict.PROVED
