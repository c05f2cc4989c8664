"""An inequality between a side with a number among its terms and a number, with that
number moved across: ``X + c REL d`` as ``X REL d − c`` (the softmax's ``p_k − 1 < 0`` as
``p_k < 1``, which the sums' methods take: a sum split at the index k). Both relations hold
at exactly the same points (adding a number to both sides keeps every order), so a proof of
the second, by the whole cascade, proves the first. It never refutes."""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..notation import math_text
from ..result import Verdict
from .declared import DomainInfo
from .outcome import Attempt, Prover


def applies(relation: str, lhs: sympy.Expr, rhs: sympy.Expr) -> bool:
    """An inequality between a number and an addition with a number among its terms."""
    if relation not in ("<", "<=", ">", ">="):
        return False
    for side, other in ((lhs, rhs), (rhs, lhs)):
        if other.is_number and isinstance(side, sympy.Add) and _number_of(side) != 0:
            return True
    return False


def _number_of(side: sympy.Expr) -> sympy.Expr:
    return sympy.Add(*(t for t in sympy.Add.make_args(side) if t.is_number))


def moved_across(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> tuple[str, tuple[str, ...]] | None:
    """The proof of the relation with the number moved across, or None."""
    if not applies(relation, lhs, rhs):
        return None
    if rhs.is_number and isinstance(lhs, sympy.Add):
        c = _number_of(lhs)
        left, right = lhs - c, rhs - c
    else:
        c = _number_of(rhs)
        left, right = lhs - c, rhs - c
    if left.is_number and right.is_number:
        return None
    inner = prove(relation, left, right, infos, Attempt())
    if inner.verdict is not Verdict.PROVED:
        return None
    shown = f"{math_text(left)} {relation} {math_text(right)}"
    note = f"{math_text(-c)} added to both sides: {shown}, by {inner.method}"
    return inner.method, (note, *inner.conditions)
