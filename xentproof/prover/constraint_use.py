"""The constraints between symbols used in a proof (docs/semantics.md §2), each named as a
side condition of the result.

- A sum of Kronecker deltas is carried out (Σ_{j=a}^{b} δ(j, k)·g(j) = g(k) for a ≤ k ≤ b,
  else 0), and a condition that a declared range decides is decided (``k`` in
  ``{1, ..., C}`` lies in 1..C): "k ∈ {1, ..., C}".
- The members of a one-hot or simplex family over their whole range sum to 1 (the rewriting
  is ``constraint_sums``, which ``establish`` uses too): in a sum
  Σ_{j=1}^{C} of terms c·y[j] (c free of j, y over ``one-hot(C)`` or ``simplex(C)``, j its
  last index), each such term is c: "Σ_{j=1}^{C} y[j] = 1 (y one-hot(C))". A range that
  leaves out a few members at its ends, its index possibly shifted, is 1 minus them when C
  is at least their number on its declared domain: Σ_{j=1}^{m-1} P[j+1] = 1 − P[1] (Fano's
  grouping), Σ_{j=2}^{C-1} y[j] = 1 − y[1] − y[C]; a range past the last member is left
  alone.

The sides so rewritten are equal to the written ones at every point of the constrained set,
so a proof of the rewritten relation proves the written one under these conditions; the
written sides were shown defined before (the cascade's definedness stage).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import sympy

from ..domains import describe
from ..model import Domain
from ..notation import math_text
from .constraint_sums import sums_to_one
from .declared import DomainInfo, members_as_symbols
from .establish import establish
from .members import binds, carry_out_deltas
from .written_members import members_summed


def use_constraints(
    lhs: sympy.Expr, rhs: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[sympy.Expr, sympy.Expr, list[str], Mapping[sympy.Basic, DomainInfo]] | None:
    """Both sides with the constraints used, the conditions used, and the domains to prove
    them under; None when no constraint applies (cheap: only where a domain is a range up
    to a symbol or a constrained family)."""
    constrained = {s: i for s, i in infos.items() if i.domain.bound is not None}
    if not constrained:  # plain deltas are the sums stage's (it names them its own way)
        return None
    declared = {s: i.domain for s, i in infos.items()}
    sizes = {s: i.domain for s, i in infos.items() if isinstance(s, sympy.Symbol)}
    conditions: list[str] = []
    sides: list[sympy.Expr] = []
    for side in (lhs, rhs):
        done = carry_out_deltas(side, declared)
        if done != side:  # the domains that decided where each delta falls
            deciding = {
                s
                for e in side.atoms(sympy.KroneckerDelta, sympy.Sum)
                for part in ((e.args,) if isinstance(e, sympy.KroneckerDelta) else e.limits)
                for s in sympy.Tuple(*part).free_symbols
            }
            ranges = [describe(i.name, i.domain) for s, i in infos.items() if s in deciding]
            conditions += ["sums of Kronecker deltas carried out", *sorted(ranges)]
        if any(i.domain.joint is not None for i in constrained.values()):
            done = _split_logs(done, infos, conditions)
        done = sums_to_one(done, constrained, conditions, sizes)
        done = members_summed(done, infos, conditions)
        sides.append(_delta_equates(done, conditions))
    before = len(conditions)
    narrowed = _members_below_one(sides, infos, conditions)
    used = [c for c in conditions if not c.startswith("log of ")]
    if not used:  # no constraint used: the cascade goes on with the sides as written
        return None
    if narrowed is not infos:  # the members as symbols of the narrowed domain
        left, extended = members_as_symbols(sides[0], narrowed)
        right, extended = members_as_symbols(sides[1], extended)
        if not (left.has(sympy.Indexed) or right.has(sympy.Indexed)):
            return left, right, list(dict.fromkeys(conditions)), extended
    if sides == [lhs, rhs]:
        return None  # nothing rewritten: the same relation again, the stage would recur
        # inside a sum the narrowed domain is not used: the sides under the declared ones,
        # when another constraint was used
        del conditions[before:]
        if not [c for c in conditions if not c.startswith("log of ")]:
            return None
    return sides[0], sides[1], list(dict.fromkeys(conditions)), infos


def members_below_one(domain: Domain, sizes: Mapping[str, Domain]) -> Domain:
    """The domain of a member of simplex(K) as (0, 1), not (0, 1], when K ≥ 2 (the other
    members are positive and the members sum to 1): a size written as a number from 2, or
    a declared integer whose domain starts at 2 or more; else the domain as it is."""
    if domain.joint != "simplex" or domain.bound is None:
        return domain
    size = domain.bound
    declared = sizes.get(size)
    if size.isdigit():
        at_least_two = int(size) >= 2
    else:
        at_least_two = bool(
            declared is not None and declared.integer and declared.lo.is_finite and declared.lo >= 2
        )
    return replace(domain, hi_open=True) if at_least_two else domain


def _members_below_one(
    sides: list[sympy.Expr], infos: Mapping[sympy.Basic, DomainInfo], conditions: list[str]
) -> Mapping[sympy.Basic, DomainInfo]:
    """The domains with each member of a simplex of at least two members in (0, 1), not
    (0, 1]: the other members are positive and the members sum to 1."""
    narrowed: dict[sympy.Basic, DomainInfo] | None = None
    hidden = sympy.Dummy("sum")  # members inside a sum keep their family's domain there
    outside = [side.xreplace({s: hidden for s in side.atoms(sympy.Sum)}) for side in sides]
    used = {m.base for side in outside for m in side.atoms(sympy.Indexed)}
    sizes = {i.name: i.domain for s, i in infos.items() if isinstance(s, sympy.Symbol)}
    for base in used:
        info = infos.get(base)
        if info is None or info.domain.joint != "simplex":
            continue
        if not members_below_one(info.domain, sizes).hi_open:
            continue
        narrowed = narrowed or dict(infos)
        narrowed[base] = replace(info, domain=replace(info.domain, hi_open=True))
        shown = f"{info.name}[i] < 1 ({describe(info.name, info.domain)}, {info.domain.bound} ≥ 2)"
        conditions.append(shown)
    return infos if narrowed is None else narrowed


def _delta_equates(expr: sympy.Expr, conditions: list[str]) -> sympy.Expr:
    """In a term with a factor KroneckerDelta(a, b) outside every sum (a, b integers), b
    written as a in the rest of the term: the term is 0 unless a = b."""
    if not any(
        isinstance(f, sympy.KroneckerDelta)
        for t in sympy.Add.make_args(expr)
        for f in sympy.Mul.make_args(t)
    ):
        return expr
    terms: list[sympy.Expr] = []
    for term in sympy.Add.make_args(sympy.expand_mul(expr)):
        factors = sympy.Mul.make_args(term)
        delta = next((f for f in factors if isinstance(f, sympy.KroneckerDelta)), None)
        if delta is None or not isinstance(delta.args[1], sympy.Symbol):
            terms.append(term)
            continue
        a, b = delta.args
        unsafe = binds(term, {b} | a.free_symbols)  # a sum binding a or b: no renaming
        if a.is_integer is not True or b.is_integer is not True or unsafe:
            terms.append(term)
            continue
        rest = sympy.Mul(*(f for f in factors if f is not delta))
        terms.append(delta * rest.xreplace({b: a}))
        conditions.append(f"{math_text(delta)} is 0 unless {math_text(a)} = {math_text(b)}")
    return sympy.Add(*terms)


def _split_logs(
    expr: sympy.Basic, infos: Mapping[sympy.Basic, DomainInfo], conditions: list[str]
) -> sympy.Basic:
    """log(a·b/c) as log a + log b − log c where every factor is shown positive on the
    domains (so that a constant factor of a sum's terms comes out: the normaliser of a
    softmax); a log whose factors are not all shown positive is left alone."""
    if not expr.has(sympy.log, sympy.Sum):
        return expr

    def split(e: sympy.log) -> sympy.Basic:
        factors = sympy.Mul.make_args(e.args[0])
        if len(factors) < 2:
            return e
        parts: list[sympy.Expr] = []
        for factor in factors:
            base, power = factor.as_base_exp()
            if power.is_real is not True or establish(base, "positive", infos) is None:
                return e
            parts.append(power * sympy.log(base))
        conditions.append(f"log of {math_text(e.args[0])} split: each factor is positive")
        return sympy.Add(*parts)

    return expr.replace(lambda e: isinstance(e, sympy.log), split)
