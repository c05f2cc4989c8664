"""Derivatives in one member of a family, and the sums of Kronecker deltas they bring.

``Derivative(f, z[k])`` is the derivative of ``f`` as a function of the one real variable
``z[k]``, every other member of ``z`` held constant (docs/semantics.md §6): the members
``z[j]`` and ``z[k]`` are the same variable exactly when ``j = k``, so d z[j]/d z[k] is
KroneckerDelta(j, k) (SymPy's rule for an indexed object). A sum of such deltas is carried
out: Σ_{j=a}^{b} δ(j, e)·g(j) is g(e) when a ≤ e ≤ b and 0 otherwise (e an integer; an
empty range gives 0 either way, as the contract's sums do), and the condition a ≤ e ≤ b is
decided on the declared ranges (k in {1, ..., C} lies in 1..C).

A member derivative is taken only where no switch can hide a corner: a family over an
interval of reals that changes member by member (not one-hot or a simplex, whose members
move together), and no |·|, max, min, Piecewise or sign around a member of the family
(those are left to the scalar derivative's analysis, which a member does not have).
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..domains import describe
from ..model import Domain
from ..notation import math_text
from .solution_sets import NOT_SMOOTH

# what jumps or has no derivative everywhere, and a delta of the family's indices
_SWITCHES = (*NOT_SMOOTH, sympy.KroneckerDelta)


def member_problem(x: sympy.Indexed, f: sympy.Basic, declared: Mapping[sympy.Basic, Domain]) -> str:
    """Why a derivative in the member ``x`` has no value or is not carried out ("" when it
    is): the family is not declared over an interval of reals, its members move together, or
    a switch of ``f`` involves the family."""
    domain = declared.get(x.base)
    name = str(x.base)
    if domain is None:
        return f"a derivative in {math_text(x)} needs {name} declared as a family"
    if domain.joint is not None:
        return (
            f"a derivative in {math_text(x)} has no value: {describe(name, domain)} constrains "
            "its members jointly, so one of them cannot change alone"
        )
    if domain.values is not None or domain.integer:
        return (
            f"a derivative in {math_text(x)} has no value: it is taken in a real variable, and "
            f"{describe(name, domain)} (declare {name} over an interval of reals)"
        )
    for switch in f.atoms(*_SWITCHES):
        if any(m.base == x.base for m in switch.atoms(sympy.Indexed)):
            return (
                f"a derivative in {math_text(x)} through {math_text(switch)} is not carried "
                "out: where a member of the family switches it may have a corner"
            )
    return ""


def member_derivative(
    f: sympy.Expr, x: sympy.Indexed, declared: Mapping[sympy.Basic, Domain]
) -> sympy.Expr:
    """One derivative of ``f`` in the member ``x``, its sums of deltas carried out."""
    return carry_out_deltas(sympy.diff(f, x), declared)


def carry_out_deltas(expr: sympy.Basic, declared: Mapping[sympy.Basic, Domain]) -> sympy.Basic:
    """Every sum of a Kronecker delta in its index carried out, innermost first, and the
    conditions this leaves decided on the declared ranges where they can be."""
    if not expr.has(sympy.KroneckerDelta):
        return expr
    done = expr.replace(
        lambda e: isinstance(e, sympy.Sum) and e.has(sympy.KroneckerDelta),
        lambda e: _delta_sum(e, declared),
    )
    return resolve_ranges(done, declared)


def _delta_sum(s: sympy.Sum, declared: Mapping[sympy.Basic, Domain]) -> sympy.Basic:
    """Σ_{i=a}^{b} of terms, each term with a delta δ(i, e) (e free of i) carried out."""
    if len(s.limits) > 1:  # the innermost range first (SymPy's first limit)
        inner = sympy.Sum(s.function, s.limits[0])
        done = _delta_sum(inner, declared)
        return s if done == inner else sympy.Sum(done, *s.limits[1:])
    index, lo, hi = s.limits[0]
    rest: list[sympy.Expr] = []
    out: list[sympy.Expr] = []
    for term in sympy.Add.make_args(sympy.expand_mul(s.function)):
        delta = _delta_in(term, index)
        if delta is None:
            rest.append(term)
            continue
        a, b = delta.args
        at = b if a == index else a
        if at.is_integer is not True or binds(term, at.free_symbols):
            rest.append(term)  # δ(i, e) is 0 at every i when e is no integer; or e would
            continue  # be captured by a sum of the term that binds one of its symbols
        value = term.subs(delta, 1).xreplace({index: at})
        inside = sympy.And(sympy.Le(lo, at), sympy.Le(at, hi))
        out.append(sympy.Piecewise((value, inside), (0, True)))
    if not out:
        return s
    if rest:
        out.append(sympy.Sum(sympy.Add(*rest), (index, lo, hi)))
    return resolve_ranges(sympy.Add(*out), declared)


def binds(expr: sympy.Basic, symbols: set[sympy.Basic]) -> bool:
    """Whether a sum or product inside ``expr`` binds one of ``symbols`` as its index."""
    return any(
        limit[0] in symbols for big in expr.atoms(sympy.Sum, sympy.Product) for limit in big.limits
    )


def _delta_in(term: sympy.Expr, index: sympy.Symbol) -> sympy.KroneckerDelta | None:
    """A factor δ(i, e) or δ(e, i) of ``term`` with ``e`` free of ``i``."""
    for factor in sympy.Mul.make_args(term):
        if isinstance(factor, sympy.KroneckerDelta):
            a, b = factor.args
            if (a == index and index not in b.free_symbols) or (
                b == index and index not in a.free_symbols
            ):
                return factor
    return None


def resolve_ranges(expr: sympy.Basic, declared: Mapping[sympy.Basic, Domain]) -> sympy.Basic:
    """Each Piecewise condition decided where the declared ranges decide it: each of its
    comparisons with one symbol over a range ``{lo, ..., C}`` is decided with the symbol
    written as lo + w and C as lo + w + v (w, v nonnegative integers), which is every pair
    of the range; a comparison that stays undecided is kept."""
    if not expr.has(sympy.Piecewise):
        return expr
    ranged = {
        s: d
        for s, d in declared.items()
        if isinstance(s, sympy.Symbol) and d.bound is not None and d.joint is None
    }
    bounds = {str(s): s for s in declared if isinstance(s, sympy.Symbol)}

    def decided(rel: sympy.Basic) -> sympy.Basic:
        symbols = [s for s in rel.free_symbols if s in ranged]
        if len(symbols) != 1:
            return rel
        s = symbols[0]
        domain = ranged[s]
        w = sympy.Dummy("w", integer=True, nonnegative=True)
        v = sympy.Dummy("v", integer=True, nonnegative=True)
        put = {s: domain.lo + w}
        bound = bounds.get(domain.bound or "")
        if bound is not None:
            put[bound] = domain.lo + w + v
        value = rel.xreplace(put)
        return value if value in (sympy.true, sympy.false) else rel

    def condition(c: sympy.Basic) -> sympy.Basic:
        return c.replace(lambda e: isinstance(e, sympy.Rel), decided)

    return expr.replace(
        lambda e: isinstance(e, sympy.Piecewise),
        lambda e: sympy.Piecewise(*((value, condition(c)) for value, c in e.args)),
    )
