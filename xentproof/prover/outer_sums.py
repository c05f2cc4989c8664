"""Two sums over the same outermost range, written the same way on both sides, are equal
when their summands are at every index: Σ_{i=a}^{b} F(i) = Σ_{i=a}^{b} G(i) when F(i) = G(i)
for every integer i. The summands may hold sums of their own (a double sum whose inner
range is split on one side only: Σ_i Σ_{k=1}^{K} f = Σ_i (Σ_{k=1}^{K−1} f + f(K)), the
categorical log-likelihood with its last class separated), which the termwise stage of
``sums`` cannot join: SymPy writes the nested sums of the difference as sums over two
ranges at once.

The index is replaced by a fresh integer symbol (positive when the range starts at a
positive number), so a declared symbol of the same name lends it no domain; the summands
are compared for every such integer, which covers the range. The whole cascade compares
them (``prove``), definedness included.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..result import Verdict
from .declared import DomainInfo
from .outcome import Attempt, Outcome, Prover

__all__ = ["same_outer_range"]


def same_outer_range(
    lhs: sympy.Expr, rhs: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo], prove: Prover
) -> Outcome | None:
    """PROVED when both sides are sums over the same outermost range and their summands are
    proved equal for an arbitrary integer index; None otherwise."""
    if not (isinstance(lhs, sympy.Sum) and isinstance(rhs, sympy.Sum)):
        return None
    outer = lhs.limits[-1]
    if rhs.limits[-1] != outer or len(outer) != 3:
        return None
    index, lo, hi = outer
    if index in lo.free_symbols | hi.free_symbols:
        return None
    inner = [_summand(side) for side in (lhs, rhs)]
    fresh = sympy.Dummy(str(index), integer=True, positive=bool(lo.is_positive))
    left, right = (part.xreplace({index: fresh}) for part in inner)
    found = prove("=", left, right, infos, Attempt())
    if found.verdict is not Verdict.PROVED:
        return None
    conditions = (f"the summands equal for every integer {index}", *found.conditions)
    return Outcome(Verdict.PROVED, "termwise (the same outer range)", conditions)


def _summand(side: sympy.Sum) -> sympy.Expr:
    """The body under the outermost range: the function, with the inner ranges kept."""
    if len(side.limits) == 1:
        return side.function
    return sympy.Sum(side.function, *side.limits[:-1])
