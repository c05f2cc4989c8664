"""Inequalities in which a variable cancels once the common factor of each log's argument is
taken out (issue 18, class 3): log(e^a + e^{a+u}) < a + u + log 2 is log(1 + e^{−u}) < log 2
after log(e^a·(1 + e^u)) = a + log(1 + e^u), which loses a.

The value V that must be ≥ 0 (> 0) is rewritten by identities alone: each exponent
expanded, exp of a sum split into a product, each log's argument with its common factor
taken out, logs of products of factors SymPy's assumptions show positive expanded
(``separated.normalised``). When that leaves fewer variables than V had, the rewritten
value ≥ 0 (> 0) is proved by the whole cascade, its definedness included; it equals V at
every point where V is defined, which the cascade showed for the written sides. The method
never refutes.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..notation import math_text
from ..result import Verdict
from ..substitution import BINDING
from .declared import DomainInfo
from .inequalities import oriented
from .outcome import Attempt, Prover
from .separated import normalised
from .symbolic import Proof

METHOD = "a variable cancelled once each log's common factor is taken out"
MAX_OPS = 300


def exponents_expanded(expr: sympy.Expr) -> sympy.Expr:
    """Each exp with its exponent expanded (t·(x − s) as t·x − t·s), so that the exp of a
    sum splits into a product and the common factor of a log's argument shows."""
    return expr.replace(
        lambda e: isinstance(e, sympy.exp), lambda e: sympy.exp(sympy.expand(e.args[0]))
    )


def prove_by_common_factor(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> Proof | None:
    """The method and side conditions of a proof of the relation with fewer variables after
    the logs' common factors are taken out, or None."""
    side = oriented(relation, lhs, rhs)
    if side is None:
        return None
    value, strict = side
    if not value.has(sympy.log) or value.has(*BINDING) or value.has(sympy.Indexed):
        return None
    if sympy.count_ops(value) > MAX_OPS:
        return None
    reduced = normalised(exponents_expanded(value))
    if reduced is None or not reduced.free_symbols < value.free_symbols:
        return None
    inner = prove(
        ">" if strict else ">=",
        reduced,
        sympy.Integer(0),
        infos,
        Attempt(stage="a common factor taken out"),
    )
    if inner.verdict is not Verdict.PROVED:
        return None
    lost = ", ".join(
        math_text(s) for s in sorted(value.free_symbols - reduced.free_symbols, key=str)
    )
    note = f"{math_text(reduced)} {'>' if strict else '≥'} 0 (without {lost}) by {inner.method}"
    return METHOD, (note, *inner.conditions)
