"""The members of a one-hot or simplex family summed over their whole range are 1 (or 1
minus the few members a range leaves out at its ends): the rewriting that both the
constraints stage (``constraint_use``) and the facts shown on the domains (``establish``)
use. It needs nothing that proves, so that both can import it (a lower layer than either).

In a sum Σ_{j=lo}^{hi} of terms c·y[j + s] (c free of j, y over ``one-hot(C)`` or
``simplex(C)``, j + s its last index), each such term is c times the sum of the members the
range reaches: 1 when it reaches all of 1..C; Σ_{j=1}^{m-1} P[j+1] = 1 − P[1] (Fano's
grouping), Σ_{k=1}^{K-1} θ[k] = 1 − θ[K] when C is at least the number left out on its
declared domain; a range past the last member is left alone. Each use is appended to the
caller's conditions, named.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..domains import describe
from ..model import Domain
from ..notation import math_text
from .declared import DomainInfo

__all__ = ["MAX_LEFT_OUT", "sums_to_one"]


def sums_to_one(
    expr: sympy.Basic,
    constrained: Mapping[sympy.Basic, DomainInfo],
    conditions: list[str],
    sizes: Mapping[sympy.Basic, Domain],
) -> sympy.Expr:
    joint = {b: i for b, i in constrained.items() if i.domain.joint is not None}
    if not joint or not expr.has(sympy.Sum):
        return expr
    names = {i.name: s for s, i in constrained.items()} | {
        str(s): s for s in expr.free_symbols if isinstance(s, sympy.Symbol)
    }

    def rewrite(s: sympy.Sum) -> sympy.Basic:
        if len(s.limits) > 1:  # the innermost range first (SymPy's first limit)
            inner = sympy.Sum(s.function, s.limits[0])
            done = rewrite(inner)
            if done == inner and len(s.limits) == 2:
                return swapped(s.function, s.limits[0], s.limits[1], s)
            return s if done == inner else sympy.Sum(done, *s.limits[1:])
        if isinstance(s.function, sympy.Sum) and len(s.function.limits) == 1:
            return swapped(s.function.function, s.function.limits[0], s.limits[0], s)
        index, lo, hi = s.limits[0]
        kept: list[sympy.Expr] = []
        out: list[sympy.Expr] = []
        for term in sympy.Add.make_args(sympy.expand_mul(s.function)):
            found = _whole_member(term, index, lo, hi, joint, names, sizes)
            if found is None:
                kept.append(term)
                continue
            member, total = found
            info = joint[member.base]
            shown = f"Σ[{index}={lo}..{hi}] {math_text(member)} = {math_text(total)}"
            conditions.append(f"{shown} ({describe(info.name, info.domain)})")
            out.append(term / member * total)
        if not out:
            return s
        if kept:
            out.append(sympy.Sum(sympy.Add(*kept), (index, lo, hi)))
        return sympy.Add(*out)

    def swapped(
        body: sympy.Expr,
        inner: tuple[sympy.Basic, ...],
        outer: tuple[sympy.Basic, ...],
        s: sympy.Sum,
    ) -> sympy.Basic:
        """Σ_outer Σ_inner body over a rectangle (the inner range free of the outer index)
        taken in the other order, where the constraint then applies to the new inner sum
        (Σ_k Σ_i Y[i, k] = Σ_i Σ_k Y[i, k] = Σ_i 1 for a one-hot Y); else ``s``."""
        if outer[0] in inner[1].free_symbols | inner[2].free_symbols:
            return s
        first = sympy.Sum(body, outer)
        done = rewrite(first)
        if done == first:
            return s
        conditions.append("a double sum over a rectangle taken in the other order")
        return sympy.Sum(done, inner)

    return expr.replace(lambda e: isinstance(e, sympy.Sum), rewrite)


MAX_LEFT_OUT = 2  # members of a simplex or one-hot family a range may leave out at each end


def _whole_member(
    term: sympy.Expr,
    index: sympy.Symbol,
    lo: sympy.Expr,
    hi: sympy.Expr,
    joint: Mapping[sympy.Basic, DomainInfo],
    names: Mapping[str, sympy.Basic],
    sizes: Mapping[sympy.Basic, Domain],
) -> tuple[sympy.Indexed, sympy.Expr] | None:
    """The one factor y[.., j + c] of ``term`` (y jointly constrained, its last index j
    shifted by an integer c, the rest of the term and the other indices free of j) and the
    sum of those members over lo..hi: 1 when j + c runs over exactly 1..C; else 1 minus the
    few members left out at each end (Σ_{j=1}^{C−1} y[j + 1] = 1 − y[1]), when the members
    j + c reaches run from 1 + a to C − b, a and b integers in 0..MAX_LEFT_OUT, and C is at
    least a + b on its declared domain (the members left out are distinct members, and the
    range runs over the rest of them, empty only when nothing is left)."""
    factors = sympy.Mul.make_args(term)
    found = [
        f
        for f in factors
        if isinstance(f, sympy.Indexed)
        and f.base in joint
        and (f.indices[-1] - index).is_integer
        and not (f.indices[-1] - index).free_symbols
    ]
    if len(found) != 1:
        return None
    member = found[0]
    shift = member.indices[-1] - index
    bound = joint[member.base].domain.bound or ""
    size = sympy.Integer(int(bound)) if bound.isdigit() else names.get(bound)
    if size is None:
        return None
    rest = term / member
    if index in rest.free_symbols or any(index in i.free_symbols for i in member.indices[:-1]):
        return None
    if isinstance(hi, sympy.Max) and len(hi.args) == 2 and lo - 1 in hi.args:
        # the contract's empty range (``ranges``): Σ_{j=lo}^{max(lo − 1, X)} is Σ_{j=lo}^{X}
        # where X ≥ lo − 1, which the size's bound below shows
        (hi,) = (a for a in hi.args if a != lo - 1)
    below = sympy.expand(lo + shift - 1)  # members 1..below left out
    above = sympy.expand(size - hi - shift)  # members size − above + 1..size left out
    if not (below.is_Integer and above.is_Integer):
        return None
    if not (0 <= below <= MAX_LEFT_OUT and 0 <= above <= MAX_LEFT_OUT):
        return None
    if not _at_least(size, below + above, sizes):
        return None
    head = member.indices[:-1]
    left_out = [member.base[(*head, sympy.Integer(k))] for k in range(1, int(below) + 1)]
    left_out += [member.base[(*head, size - k)] for k in range(int(above))]
    return member, sympy.Integer(1) - sympy.Add(*left_out)


def _at_least(size: sympy.Basic, count: sympy.Integer, sizes: Mapping[sympy.Basic, Domain]) -> bool:
    """Whether ``size`` (a number, or a declared integer) is at least ``count`` everywhere."""
    if isinstance(size, sympy.Integer):
        return bool(size >= count)
    domain = sizes.get(size)
    return bool(
        domain is not None
        and domain.values is None
        and domain.integer
        and domain.lo.is_finite
        and domain.lo >= count
    )
