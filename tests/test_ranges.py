"""Ranges of sums and products as the contract reads them (docs/semantics.md §4): the
integers from ⌈lo⌉ to ⌊hi⌋, an empty range summing to 0 and multiplying to 1, however far
the upper bound lies below the lower; a closed form holds for every value of its bounds.

Expected verdicts come from the contract; values from explicit loops over Python's
fractions, never from SymPy's summation (which follows Karr's convention and steps from a
lower bound that is not an integer)."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from pathlib import Path

import pytest
import sympy

from xentproof.domains import parse_domain
from xentproof.prover import prove
from xentproof.prover.declared import DomainInfo
from xentproof.prover.ranges import contract_ranges, expand_concrete
from xentproof.prover.sums import induction
from xentproof.prover.symbolic import prove_zero
from xentproof.result import Verdict

from .helpers import relation_of

i, j = sympy.symbols("i j", integer=True)
N = sympy.Symbol("N", integer=True, nonnegative=True)
M = sympy.Symbol("M", integer=True)
t = sympy.Symbol("t", real=True)


def loop_sum(term, lo: Fraction, hi: Fraction) -> Fraction:  # type: ignore[no-untyped-def]
    """Σ term(k) over the integers k from ⌈lo⌉ to ⌊hi⌋, by a plain loop (0 if none)."""
    return sum((term(k) for k in range(math.ceil(lo), math.floor(hi) + 1)), Fraction(0))


def loop_product(term, lo: Fraction, hi: Fraction) -> Fraction:  # type: ignore[no-untyped-def]
    result = Fraction(1)
    for k in range(math.ceil(lo), math.floor(hi) + 1):
        result *= term(k)
    return result


def value(expr: sympy.Expr, point: dict[sympy.Symbol, Fraction]) -> Fraction:
    """SymPy's value of the contract form at a point (what the prover relies on)."""
    exact = contract_ranges(expr).subs({s: sympy.Rational(v) for s, v in point.items()}).doit()
    assert exact.is_Rational, exact
    return Fraction(int(exact.p), int(exact.q))


BOUNDS = [Fraction(n, d) for n in range(-7, 8) for d in (1, 2, 3)]


@pytest.mark.parametrize(
    ("lo", "hi"),
    [(N + 1, N), (N + 2, N), (1, N - 1), (1, N - 2), (N, 2 * N), (1, M), (M, 2 * M), (-M, M)],
)
def test_symbolic_ranges_sum_as_the_contract_reads_them(lo: sympy.Expr, hi: sympy.Expr) -> None:
    first = sympy.Integer(lo) if isinstance(lo, int) else lo
    symbol = N if hi.has(N) or first.has(N) else M
    for k in range(-6 if symbol is M else 0, 8):
        point = {symbol: Fraction(k)}
        at = {symbol: sympy.Integer(k)}
        low, high = Fraction(str(first.subs(at))), Fraction(str(hi.subs(at)))
        expected = loop_sum(lambda n: n * n + 1, low, high)
        assert value(sympy.Sum(i**2 + 1, (i, lo, hi)), point) == expected, (lo, hi, k)
        expected = loop_product(lambda n: Fraction(n + 20, 3), low, high)
        assert value(sympy.Product((i + 20) / 3, (i, lo, hi)), point) == expected, (lo, hi, k)


def test_bounds_that_are_not_integers_run_over_the_integers_between() -> None:
    for lo, hi in itertools.product(BOUNDS[::4], BOUNDS[1::3]):
        expr = sympy.Sum(2 * i + 1, (i, sympy.Rational(lo), sympy.Rational(hi)))
        assert value(expr, {}) == loop_sum(lambda n: 2 * n + 1, lo, hi), (lo, hi)
    for shift in BOUNDS:  # a window of width 1 holds one integer, or two
        expr = sympy.Sum(1, (i, t, t + 1))
        assert value(expr, {t: shift}) == loop_sum(lambda n: 1, shift, shift + 1), shift


def test_a_nested_range_empty_for_the_first_outer_terms() -> None:
    expr = sympy.Sum(i, (i, 2, j), (j, 0, N))  # the inner range is empty for j < 2
    for k in range(6):
        expected = sum((loop_sum(Fraction, Fraction(2), Fraction(n)) for n in range(k + 1)), 0)
        assert value(expr, {N: Fraction(k)}) == expected


def test_ranges_shown_nonempty_keep_their_bounds() -> None:
    # the induction and termwise proofs see N − 1, not max(0, N − 1), where N ≥ 1
    K = sympy.Symbol("K", integer=True, positive=True)
    assert contract_ranges(sympy.Sum(i, (i, 1, K - 1))) == sympy.Sum(i, (i, 1, K - 1))
    assert contract_ranges(sympy.Sum(1, (j, 1, i - 1), (i, 1, N))) == sympy.Sum(
        1, (j, 1, i - 1), (i, 1, N)
    )


def test_an_equation_of_sums_is_not_decided_by_rewriting_it() -> None:
    rewritten = contract_ranges(sympy.Eq(sympy.Sum(1, (i, 5, 2)), 0, evaluate=False))
    assert isinstance(rewritten, sympy.Eq)


# -- verdicts ----------------------------------------------------------------------------------

NONNEGATIVE = 'N = "nonnegative integer"'
INTEGER = 'M = "integer"'


@pytest.mark.parametrize(
    ("symbols", "lhs", "rhs", "verdict"),
    [
        # the cases: true for N ≥ 1, false at N = 0 (the range is empty)
        (NONNEGATIVE, "Sum(3, (i, 1, N - 1))", "3*N - 3", Verdict.REFUTED),
        (NONNEGATIVE, "Sum(3, (i, 1, N - 1))", "3*Max(N - 1, 0)", Verdict.PROVED),
        (INTEGER, "Sum(1, (i, 1, M))", "M", Verdict.REFUTED),
        (INTEGER, "Sum(1, (i, 1, M))", "Max(M, 0)", Verdict.PROVED),
        (NONNEGATIVE, "Product(2, (i, 1, N - 2))", "2**(N - 2)", Verdict.REFUTED),
        # reversed concrete ranges are empty (Karr's −2 and 1/4 are not)
        ("", "Sum(1, (i, 5, 2))", "0", Verdict.PROVED),
        ("", "Sum(1, (i, 5, 2))", "-2", Verdict.REFUTED),
        ("", "Product(2, (i, 5, 2))", "1", Verdict.PROVED),
        ("", "Product(2, (i, 5, 2))", "1/4", Verdict.REFUTED),
        (NONNEGATIVE, "Sum(i, (i, N + 2, N))", "0", Verdict.PROVED),
        (NONNEGATIVE, "Sum(i, (i, N + 2, N))", "-(N + 1)", Verdict.REFUTED),
        (INTEGER, "Sum(i, (i, M, 2*M))", "3*M*(M + 1)/2", Verdict.REFUTED),
        (NONNEGATIVE, "Sum(1, (i, 2, j), (j, 0, N))", "N*(N - 1)/2 - 1", Verdict.REFUTED),
    ],
)
def test_empty_and_reversed_ranges(
    tmp_path: Path, symbols: str, lhs: str, rhs: str, verdict: Verdict
) -> None:
    r = relation_of(tmp_path, symbols, lhs, rhs)
    assert r.verdict is verdict, (r.method, r.reason)


def test_induction_proves_the_first_values_on_their_own(tmp_path: Path) -> None:
    r = relation_of(tmp_path, NONNEGATIVE, "Sum(i, (i, 1, N - 1))", "N*(N - 1)/2")
    assert r.verdict is Verdict.PROVED and r.method == "induction on N"
    assert "case N = 0: summation" in r.conditions
    assert any(c.startswith("base case N = 1") for c in r.conditions)


def test_induction_from_where_the_range_is_nonempty_is_no_proof_below(tmp_path: Path) -> None:
    # N − 2 = Σ 1 for N ≥ 2 only: the increments agree, the first values do not
    r = relation_of(tmp_path, NONNEGATIVE, "Sum(1, (i, 1, N - 2))", "N - 2")
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None and r.counterexample.point["N"] in ("0", "1")
    r = relation_of(tmp_path, NONNEGATIVE, "Sum(1, (i, 1, N - 2))", "Max(N - 2, 0)")
    assert r.verdict is Verdict.PROVED


@pytest.mark.parametrize(
    ("symbols", "lhs", "rhs", "verdict"),
    [
        ('N = "(1, 2)"', "Sum(i, (i, 1, N))", "N*(N + 1)/2", Verdict.REFUTED),
        ('N = "(1, 2)"', "Sum(i, (i, 1, N))", "1", Verdict.PROVED),
        ('N = "(1, 2)"', "Product(2, (i, 1, N))", "2**N", Verdict.REFUTED),
        ('K = "positive integer"', "Sum(1, (i, 1, K/2))", "K/2", Verdict.REFUTED),
        ('K = "positive integer"', "Sum(1, (i, 1, sqrt(K)))", "sqrt(K)", Verdict.REFUTED),
        ('K = "positive integer"', "Sum(1, (i, 1, K + 1/2))", "K", Verdict.PROVED),
        ('K = "positive integer"', "Sum(1, (i, 1/2, K))", "K + 1/2", Verdict.REFUTED),
        ('a = "(0, 1)"', "Sum(1, (i, a, 3))", "4 - a", Verdict.REFUTED),
        ('a = "(0, 1)"', "Sum(1, (i, a, 3))", "3", Verdict.PROVED),
        ('t = "real"', "Sum(1, (i, t, t + 1))", "2", Verdict.REFUTED),
        ('t = "real"', "Sum(1, (i, t, t + 1))", "1", Verdict.REFUTED),
        ("", "Sum(i, (i, 1/2, 5/2))", "3", Verdict.PROVED),
        ("", "Sum(i, (i, 1/2, 5/2))", "9/2", Verdict.REFUTED),
        ("", "Sum(1, (i, 0, pi))", "4", Verdict.PROVED),
        ("", "Sum(1, (i, 1, E))", "E", Verdict.REFUTED),
        ("", "Product(i, (i, 1, 5/2))", "2", Verdict.PROVED),
        ("", "Product(i, (i, 1, 5/2))", "5/2", Verdict.REFUTED),
    ],
)
def test_bounds_that_need_not_be_integers(
    tmp_path: Path, symbols: str, lhs: str, rhs: str, verdict: Verdict
) -> None:
    r = relation_of(tmp_path, symbols, lhs, rhs)
    assert r.verdict is verdict, (r.method, r.reason)


@pytest.mark.parametrize(
    ("symbols", "lhs", "rhs"),
    [
        # each ended as UNPROVED on an exception inside SymPy
        (INTEGER, "Product((i + 1)/i, (i, 1, M))", "M + 1"),  # RecursionError
        (
            'N = "positive integer"\n"a[i]" = "real"',
            "Sum(log(a[i]), (i, 1, N))",
            "log(Product(a[i], (i, 1, N)))",
        ),  # the truth value of a[i] > 0
        ("", "Sum(1/(i - 2), (i, 1, 3))", "0"),  # the truth value of i − 2.0 > 0
    ],
)
def test_points_sympy_cannot_handle_do_not_end_the_search(
    tmp_path: Path, symbols: str, lhs: str, rhs: str
) -> None:
    r = relation_of(tmp_path, symbols, lhs, rhs)
    assert r.verdict is Verdict.REFUTED, r.reason


def test_an_undefined_term_of_a_sum_is_shown_at_its_index(tmp_path: Path) -> None:
    r = relation_of(tmp_path, "", "Sum(1/(i - 2), (i, 1, 3))", "0")
    assert r.counterexample is not None
    assert r.counterexample.lhs == "undefined over the reals: (0)**(-1)"


def test_an_irrational_end_of_an_interval_is_sampled(tmp_path: Path) -> None:
    r = relation_of(tmp_path, 'q = "(0, pi)"', "sin(q)", "0", rel=">")
    assert not r.reason.startswith("SymPy failed"), r.reason
    r = relation_of(tmp_path, 'q = "(0, pi)"', "sin(q)", "1/2", rel=">")
    assert r.verdict is Verdict.REFUTED


@pytest.mark.parametrize(
    ("symbols", "lhs", "rel", "rhs", "verdict"),
    [
        # Σ_{i=1}^{K/2} 1 = ⌊K/2⌋ = K/2 − frac(K/2) ≤ K/2, equal at every even K
        ('K = "positive integer"', "Sum(1, (i, 1, K/2))", "<=", "K/2", Verdict.PROVED),
        ('K = "positive integer"', "Sum(1, (i, 1, K/2))", "<", "K/2", Verdict.REFUTED),
        ('K = "positive integer"', "Sum(1, (i, 1, K/2))", ">=", "K/2", Verdict.REFUTED),
        # a window of width 1 holds at most two integers, two when t is one
        ('t = "real"', "Sum(1, (i, t, t + 1))", "<=", "2", Verdict.PROVED),
        ('t = "real"', "Sum(1, (i, t, t + 1))", "<", "2", Verdict.REFUTED),
        ('M = "integer"', "Sum(1, (i, 1, M))", ">=", "0", Verdict.PROVED),
        ('M = "integer"', "Sum(1, (i, 1, M))", "<=", "M", Verdict.REFUTED),  # 0 > M < 0
    ],
)
def test_inequalities_over_the_integers_a_range_holds(
    tmp_path: Path, symbols: str, lhs: str, rel: str, rhs: str, verdict: Verdict
) -> None:
    r = relation_of(tmp_path, symbols, lhs, rhs, rel=rel)
    assert r.verdict is verdict, (r.method, r.reason)


def test_the_proof_methods_themselves_do_not_prove_karr_closed_forms() -> None:
    # not only refuted: no method of the cascade proves them, sample points or not
    infos = {N: DomainInfo(N, "N", parse_domain("nonnegative integer"))}
    short = contract_ranges(sympy.Sum(1, (i, 1, N - 2)))
    assert induction(short, N - 2, infos, prove) is None
    assert induction(short, sympy.Max(N - 2, 0), infos, prove) is not None
    three = contract_ranges(sympy.Sum(3, (i, 1, N - 1)))
    assert prove_zero(three - (3 * N - 3), thorough=True) is None
    assert prove_zero(three - 3 * sympy.Max(N - 1, 0), thorough=True) is not None
    halves = contract_ranges(sympy.Sum(i, (i, sympy.Rational(1, 2), sympy.Rational(5, 2))))
    assert prove_zero(halves - sympy.Rational(9, 2), thorough=True) is None


def test_a_concrete_nested_range_is_written_out_outermost_first() -> None:
    """SymPy's doit leaves Σ_{i=1}^{3} Σ_{k=1}^{i} y[k] alone (it tries the inner range,
    which is not concrete, first); written out, y[k] is counted once for each i ≥ k."""
    y = sympy.IndexedBase("y")
    k = sympy.Symbol("k", integer=True)
    nested = sympy.Sum(y[k], (k, 1, i), (i, 1, 3))
    assert sympy.expand(expand_concrete(nested) - (3 * y[1] + 2 * y[2] + y[3])) == 0
    # an inner range that reuses the outer index binds its own i: 3 · (1 + 2 + 3)
    assert expand_concrete(sympy.Sum(sympy.Sum(i, (i, 1, 3)), (i, 1, 3))) == 18
    # empty and symbolic ranges
    assert expand_concrete(contract_ranges(sympy.Product(2, (i, 5, 3)))) == 1
    assert expand_concrete(sympy.Sum(i, (i, 1, N))) == sympy.Sum(i, (i, 1, N))


def test_a_counterexample_over_a_nested_range_of_members_is_confirmed(tmp_path: Path) -> None:
    """Σ_{i=1}^{N} Σ_{k=1}^{i} y[k] ≤ N fails at N = 2 with y[1] = y[2] = 1 (3 > 2); the
    search found such points but could not confirm them (the exact value stayed a sum)."""
    symbols = 'N = "nonnegative integer"\n"y[i]" = "{0, 1}"'
    lhs = "Sum(Sum(y[k], (k, 1, i)), (i, 1, N))"
    r = relation_of(tmp_path, symbols, lhs, "N", rel="<=")
    assert r.verdict is Verdict.REFUTED, (r.method, r.reason)
    near = relation_of(tmp_path, symbols, lhs, "N*(N + 1)/2", rel="<=")
    assert near.verdict is not Verdict.REFUTED, near.counterexample
