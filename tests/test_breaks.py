"""The sample points look where an expression switches (the break point of Max, Min, Abs,
a Piecewise condition, the size of a range) and just beyond it, and at the scale of its
large constants; family members are drawn at random, and all alike every third point."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import sympy

from xentproof.domains import parse_domain
from xentproof.prover.breaks import break_values, switches
from xentproof.prover.declared import DomainInfo
from xentproof.prover.ranges import contract_ranges
from xentproof.prover.sampling import family_members, member, member_values, range_members
from xentproof.result import Verdict

from .helpers import relation_of

x = sympy.Symbol("x", real=True)
N = sympy.Symbol("N", integer=True, positive=True)
y = sympy.Symbol("y")


def info(symbol: sympy.Basic, domain: str) -> DomainInfo:
    return DomainInfo(symbol, str(symbol), parse_domain(domain))


def test_values_at_and_beyond_a_switch_inside_the_domain() -> None:
    infos = {x: info(x, "real"), N: info(N, "positive integer")}
    found = break_values([sympy.Max(x, 10**40), sympy.Sum(1, (y, 1, N - 10))], [x, N], infos)
    assert sympy.Integer(10) ** 40 in found[x]
    assert any(v > 10**40 and (v - 10**40) / 10**40 > sympy.Rational(1, 10**10) for v in found[x])
    assert {10, 11, 12} <= set(found[N])  # the range is empty up to N = 10
    inside = break_values([sympy.Abs(x + 3)], [x], {x: info(x, "(0, 1)")})
    assert inside == {}  # −3 and its neighbours lie outside (0, 1)


@pytest.mark.parametrize(
    ("symbols", "lhs", "rhs", "rel"),
    [
        ('x = "real"', "Max(x, 10**40)", "10**40", "="),  # only beyond 10**40
        ('x = "real"', "Min(x, -10**40)", "-10**40", "="),
        ('x = "real"', "Piecewise((0, x > 10**30), (1, True))", "1", "="),
        ('x = "positive"', "Abs(x - 10**20)", "0", ">"),  # 0 at x = 10**20 only
        ('N = "positive integer"', "Sum(1, (i, 1, N - 10))", "0", "="),  # from N = 11 on
        # a rounded bound: the first term comes at N = 1000 (p = 1000)
        ('N = "positive integer"', "Sum(1, (i, 1, N/1000))", "0", "="),
        ('p = "positive"', "Sum(1, (i, 1, p/1000))", "0", "="),
        ('u = "(0, 1)"', "Sum(1, (i, 1000*u, 3))", "0", "="),  # a term from u = 3/1000 on
        ('p = "positive"', "Sum(1, (i, 1, 1 + p/10**6))", "1", "="),  # 2 terms at p = 10**6
        ('N = "positive integer"', "Product(2, (i, 1, N - 1000))", "1", "="),
        # the inequality fails where the sum's closed form, Max(M + 4, 0), passes 100
        ('M = "integer"', "Sum(1, (i, -M, 3))", "100", "<="),
        ('M = "integer"', "Sum(i, (i, 1, M))", "5000", "<"),
    ],
)
def test_a_step_false_only_beyond_a_break_is_refuted(
    tmp_path: Path, symbols: str, lhs: str, rhs: str, rel: str
) -> None:
    r = relation_of(tmp_path, symbols, lhs, rhs, rel=rel)
    assert r.verdict is Verdict.REFUTED, (r.method, r.reason)


@pytest.mark.parametrize(
    ("symbols", "lhs", "rhs", "rel"),
    [
        ('x = "real"', "Max(x, 10**40)", "10**40", ">="),
        ('N = "positive integer"', "Sum(1, (i, 1, N - 10))", "Max(N - 10, 0)", "="),
        ('N = "positive integer"', "Sum(1, (i, 1, N/1000))", "N/1000", "<="),
        ('M = "integer"', "Sum(1, (i, -M, 3))", "Max(M + 4, 0)", "<="),
        ('M = "integer"', "Sum(1, (i, -M, 3))", "0", ">="),
        ('p = "positive"', "Sum(1, (i, 1, 1 + p/10**6))", "1", ">="),
    ],
)
def test_near_misses_that_hold_are_not_refuted(
    tmp_path: Path, symbols: str, lhs: str, rhs: str, rel: str
) -> None:
    r = relation_of(tmp_path, symbols, lhs, rhs, rel=rel)
    assert r.verdict is not Verdict.REFUTED, r.counterexample


def test_every_third_draw_gives_a_family_one_value() -> None:
    a = sympy.IndexedBase("a")
    infos = {a: DomainInfo(a, "a", parse_domain("real"), 1)}
    members = family_members([a], infos, random.Random(0))
    draws = [member_values(members, random.Random(k), k) for k in range(9)]
    uniform = [len(set(d.values())) == 1 for d in draws]
    assert uniform == [k % 3 == 1 for k in range(9)]
    assert len({next(iter(d.values())) for d, u in zip(draws, uniform, strict=True) if u}) == 3


@pytest.mark.parametrize(
    ("lhs", "rhs", "rel"),
    [
        ("Sum(y[i], (i, 1, N))", "N", "<"),  # fails only where every label is 1
        ("Sum(a[i]**2, (i, 1, N))", "0", ">"),  # fails only where every member is 0
    ],
)
def test_a_sum_false_only_when_all_its_terms_agree_is_refuted(
    tmp_path: Path, lhs: str, rhs: str, rel: str
) -> None:
    symbols = 'N = "positive integer"\n"y[i]" = "{0, 1}"\n"a[i]" = "real"'
    r = relation_of(tmp_path, symbols, lhs, rhs, rel=rel)
    assert r.verdict is Verdict.REFUTED, (r.method, r.reason)
    symbols_near = symbols
    near = {"<": "<=", ">": ">="}[rel]
    r = relation_of(tmp_path, symbols_near, lhs, rhs, rel=near)
    assert r.verdict is not Verdict.REFUTED, r.counterexample


def test_switch_variants_give_the_break_a_solver_can_find() -> None:
    """A floor, a sum of a polynomial and a Max hide their switches from the polynomial
    solver; the variants show them."""
    M = sympy.Symbol("M", integer=True)
    i = sympy.Symbol("i", integer=True)
    rounded = switches(contract_ranges(sympy.Sum(1, (i, 1, N / 1000))))
    assert N / 1000 - 1 in rounded  # where the range gets its first term
    infos = {M: info(M, "integer")}
    difference = contract_ranges(sympy.Sum(1, (i, -M, 3))) - 100
    found = break_values([], [M], infos, difference)
    assert {96, 97} <= set(found[M])  # Σ = M + 4 passes 100 at M = 97
    assert break_values([], [M], infos) == {}


def test_members_a_far_range_reaches_get_values() -> None:
    """Σ_{i=30}^{N} y[i] uses y[30], … at N ≥ 30, beyond the fixed members y[-4] … y[9]."""
    yb = sympy.IndexedBase("y")
    i = sympy.Symbol("i", integer=True)
    infos = {yb: DomainInfo(yb, "y", parse_domain("{0, 1}"), 1)}
    members = family_members([yb], infos, random.Random(0))
    expr = sympy.Sum(yb[i], (i, 30, N))
    extra = range_members([expr], members, {N: sympy.Integer(33)})
    assert [m for m, _ in extra] == [yb[30], yb[31], yb[32], yb[33]]
    assert all(set(values) == {0, 1} for _, values in extra)
    assert range_members([expr], members, {N: sympy.Integer(5)}) == []


def test_a_member_is_made_once_and_is_the_family_indexed() -> None:
    """The members a search uses are made once (``member``) and are what ``y[k]`` makes:
    one index or two, the family's assumptions kept."""
    yb = sympy.IndexedBase("y", real=True)
    pb = sympy.IndexedBase("p", positive=True)
    one, two = sympy.Integer(1), sympy.Integer(2)
    assert member(yb, (one,)) == yb[1] and member(pb, (one, two)) == pb[1, 2]
    assert member(yb, (one,)) is member(yb, (sympy.Integer(1),))
    assert member(yb, (one,)).is_real and member(pb, (one, two)).is_positive
    assert member(yb, (one,)) != member(pb, (one,)) != member(yb, (two,))
    infos = {pb: DomainInfo(pb, "p", parse_domain("(0, 1)"), 2)}
    members = [m for m, _ in family_members([pb], infos, random.Random(0))]
    assert members[:2] == [pb[0, 0], pb[0, 1]] and len(members) == 64


@pytest.mark.parametrize(
    ("lhs", "rhs", "rel"),
    [
        ("Sum(y[i], (i, 30, N))", "0", "="),  # fails from N = 30 on, where some y[i] = 1
        ("Sum(y[i], (i, 1, N))", "Max(N, 12)", "<"),  # where y[1] … y[12] are all 1
    ],
)
def test_a_sum_false_only_over_far_members_is_refuted(
    tmp_path: Path, lhs: str, rhs: str, rel: str
) -> None:
    symbols = 'N = "positive integer"\n"y[i]" = "{0, 1}"'
    r = relation_of(tmp_path, symbols, lhs, rhs, rel=rel)
    assert r.verdict is Verdict.REFUTED, (r.method, r.reason)
    near = relation_of(tmp_path, symbols, lhs, "N", rel="<=")
    assert near.verdict is not Verdict.REFUTED, near.counterexample
