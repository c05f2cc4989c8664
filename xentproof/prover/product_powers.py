"""A power of a finite product taken into it (issue 18, class 4): (Π_i f(i))^e = Π_i f(i)^e
when every factor is shown nonnegative on the domains (for e > 0) or positive (for any real
e), the rule (a·b)^e = a^e·b^e of the nonnegative reals; an empty product is 1 on both
sides. So √(Π x_i²) = Π |x_i| (√(x²) = |x| for real x), which SymPy's own rewriting leaves
alone. Both sides so rewritten, the relation is proved by the whole cascade; the method
never refutes.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..notation import math_text
from ..result import Verdict
from .declared import DomainInfo, members_as_symbols
from .establish import establish
from .outcome import Attempt, Prover
from .symbolic import Proof

METHOD = "a power of a product taken into it"


def prove_by_product_powers(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> Proof | None:
    """The method and side conditions of a proof after powers of products are taken in, or
    None."""
    notes: list[str] = []

    def take_in(power: sympy.Pow) -> sympy.Expr:
        base, exponent = power.args
        if not isinstance(base, sympy.Product) or exponent.is_real is not True:
            return power
        if len(base.limits) != 1 or exponent.free_symbols & set(base.limits[0][:1]):
            return power
        index, lo, _ = base.limits[0]
        step = sympy.Dummy("j", integer=True, nonnegative=True)
        factor, extended = members_as_symbols(base.function.xreplace({index: lo + step}), infos)
        kind = "nonnegative" if exponent.is_positive else "positive"
        shown = establish(factor, kind, extended)
        if shown is None:
            return power
        notes.append(f"each factor of {math_text(base)} is {kind}")
        notes.extend(shown)
        return sympy.Product(base.function**exponent, *base.limits)

    def rewrite(side: sympy.Expr) -> sympy.Expr:
        return side.replace(
            lambda e: isinstance(e, sympy.Pow) and isinstance(e.args[0], sympy.Product), take_in
        )

    left, right = rewrite(lhs), rewrite(rhs)
    if (left, right) == (lhs, rhs):
        return None
    if left == right and relation in ("=", "<=", ">="):
        return METHOD, tuple(dict.fromkeys(notes))
    inner = prove(relation, left, right, infos, Attempt(stage="powers of products taken in"))
    if inner.verdict is not Verdict.PROVED:
        return None
    return METHOD, tuple(dict.fromkeys([*notes, f"then: {inner.method}", *inner.conditions]))
