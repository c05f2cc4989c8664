"""One case proved by calculus or a sign split: the last methods of the cascade, run on a
case only after canonical forms failed. The rewrites and calculus of ``calculus`` on the
case as it is, then a sign split of the Max/Min/Abs it still holds in several variables
(``splits``), each part proved by the cheap canonical forms or by ``calculus``."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sympy

from ..substitution import BINDING
from .calculus import prove_by_calculus
from .splits import sign_cases
from .symbolic import Proof

# The cascade's cheap proof of one case: ``(relation, lhs, rhs)`` to the name of the
# canonical form that shows it, or None.
CheapProof = Callable[[str, sympy.Expr, sympy.Expr], "str | None"]


def calculus_or_split(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    cheap: CheapProof,
    meaning: Mapping[sympy.Basic, sympy.Expr] | None = None,
) -> Proof | None:
    """A proof (method, side conditions) of ``lhs REL rhs`` for every value the symbols'
    assumptions allow, or None; ``cheap`` is the cascade's cheap proof of one case, and
    ``meaning`` writes symbols of a reparametrised interval in the declared ones (labels)."""
    if lhs.has(*BINDING) or rhs.has(*BINDING):
        return None  # substituting a symbol would also rename a bound variable
    found = prove_by_calculus(relation, lhs, rhs)
    if found is not None:
        return found
    cases = sign_cases([lhs, rhs], meaning=meaning)
    if cases is None or len(cases) < 2:
        return None
    methods: list[str] = []
    conditions: list[str] = []
    for case in cases:
        a, b = case.exprs
        method = cheap(relation, a, b)
        if method is None:
            inner = prove_by_calculus(relation, a, b)
            if inner is None:
                return None
            method = inner[0]
            conditions.extend(inner[1])
        methods.append(method)
    labels = "; ".join(" and ".join(c.labels) for c in cases)
    conditions.append(f"sign cases {labels} (a symbol of each difference written through it)")
    return f"sign split, {', '.join(dict.fromkeys(methods))}", tuple(dict.fromkeys(conditions))
