"""Where SymPy's rewriting of a binomial coefficient agrees with the contract.

By the contract (docs/semantics.md) C(r, k) is r(r − 1)…(r − k + 1)/k! for an integer
k ≥ 0 and any real r, and 0 for k < 0: C(−1, 0) = 1 and C(−1, −1) = 0. SymPy's own values
agree, but its simplification does not: ``simplify`` (through ``combsimp`` and
``gammasimp``) rewrites C(r, k) as Γ(r + 1)/(Γ(k + 1)·Γ(r − k + 1)) and uses identities of
the nonnegative integers, C(n, n) = 1 and C(n, k) = C(n, n − k), which fail at a negative
integer r. With m an integer, C(m + 1000, m + 1000) = 1 was PROVED (false at m = −1001,
where the sampled integers −3…3 never reach).

So a binomial is left to the symbolic stages only where its bottom is a number (then it is
a polynomial in its top) or its top is shown a nonnegative integer (SymPy's assumptions,
from the declared domains); any other makes the relation one the cascade does not prove.
"""

from __future__ import annotations

import sympy

from ..notation import math_text


def untrusted_binomial(*exprs: sympy.Basic) -> sympy.Basic | None:
    """A binomial coefficient of ``exprs`` that SymPy's rewriting may get wrong, or None."""
    for expr in exprs:
        for node in expr.atoms(sympy.binomial):
            top, bottom = node.args
            if bottom.is_Integer:
                continue
            if top.is_integer is True and top.is_nonnegative is True:
                continue
            return node
    return None


def distrusted_because(node: sympy.Basic) -> str:
    """Why a relation with ``node`` (``untrusted_binomial``) is left unproved."""
    return (
        f"{math_text(node)}: its top is not shown a nonnegative integer, where SymPy's "
        "rewriting of binomials may be wrong (C(−1, −1) = 0, not 1)"
    )
