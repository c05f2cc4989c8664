"""The last methods of the cascade, run on each case only after canonical forms failed:
the rewrites and calculus of ``calculus`` on the case as it is, then a sign split of the
Max/Min/Abs it still holds in several variables (``splits``), each part proved by the
cheap methods or by ``calculus``."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sympy

from .calculus import BINDING
from .calculus import prove_case as by_calculus
from .splits import sign_cases
from .symbolic import Proof

Basic = Callable[[str, sympy.Expr, sympy.Expr], "str | None"]


def prove_further(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    basic: Basic,
    meaning: Mapping[sympy.Basic, sympy.Expr] | None = None,
) -> Proof | None:
    """A proof (method, side conditions) of ``lhs REL rhs`` for every value the symbols'
    assumptions allow, or None; ``basic`` is the cascade's cheap proof of one case, and
    ``meaning`` writes symbols of a reparametrised interval in the declared ones (labels)."""
    if lhs.has(*BINDING) or rhs.has(*BINDING):
        return None  # substituting a symbol would also rename a bound variable
    found = by_calculus(relation, lhs, rhs)
    if found is not None:
        return found
    cases = sign_cases([lhs, rhs], meaning=meaning)
    if cases is None or len(cases) < 2:
        return None
    methods: list[str] = []
    conditions: list[str] = []
    for case in cases:
        a, b = case.exprs
        method = basic(relation, a, b)
        if method is None:
            inner = by_calculus(relation, a, b)
            if inner is None:
                return None
            method = inner[0]
            conditions.extend(inner[1])
        methods.append(method)
    labels = "; ".join(" and ".join(c.labels) for c in cases)
    conditions.append(f"sign cases {labels} (a symbol of each difference written through it)")
    return f"sign split, {', '.join(dict.fromkeys(methods))}", tuple(dict.fromkeys(conditions))
