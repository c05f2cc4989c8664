"""Proofs of a step between two statements, an inequality among them (``statement_step``):
``A => B`` when B holds at every point where A holds, ``A <=> B`` when also A where B.

- **The same comparison, rewritten**: B's value is A's times a factor c > 0 on the
  domains (``B.value = c·A.value``; c = 1 is a term added to or moved across both sides, a
  number c > 0 both sides multiplied by it), with the same comparison (``<`` may give
  ``<=`` for ``=>``), each statement defined where the other holds.
- **A strictly monotone function of both sides** taken off first (of A, of B or both):
  ``exp`` (increasing), ``log`` (increasing where its arguments are positive, which the
  statement needs to be defined), ``tanh``, ``sinh``, ``asinh``, ``atan``, an odd power
  (increasing), a power ``X^p`` with p > 0 (increasing where both bases are shown ≥ 0),
  p < 0 (decreasing where both are shown > 0), and ``exp(u) ≤ c`` as ``u ≤ log c`` for a
  number c > 0, ``log(u) ≤ c`` as ``u ≤ exp(c)``. Each is named with its side condition.
- **One proved with the other in force**: B proved by the whole cascade with A a
  constraint every point satisfies (``constraint_facts``: elimination of a symbol, or
  B's value minus A's shown ≥ 0), B defined wherever A holds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sympy

from ..definedness import Kind, Requirement, requirements
from ..model import Constraint
from ..notation import math_text
from ..result import Verdict
from .constraint_table import constraints_in_force, in_force
from .declared import DomainInfo
from .outcome import Attempt, Prover
from .solution_sets import ESTABLISH_SECONDS, established
from .statements import Statement, covered, defined_where_holds

Facts = tuple[str, ...]
Proof = tuple[str, Facts]
ProveZero = Callable[[sympy.Expr, sympy.Expr], Facts | None]
Infos = Mapping[sympy.Basic, DomainInfo]
MAX_FORMS = 4  # forms of one statement tried (itself and what peeling gives)

_INCREASING = {
    sympy.exp: "exp",
    sympy.tanh: "tanh",
    sympy.sinh: "sinh",
    sympy.asinh: "asinh",
    sympy.atan: "atan",
}
# ``<=`` may weaken ``<`` (and an equation) one way only
_IMPLIED = {("<", "<"), ("<=", "<="), ("=", "="), ("<", "<="), ("=", "<=")}


def prove_statement(
    relation: str, a: Statement, b: Statement, infos: Infos, prove: Prover, zero: ProveZero
) -> Proof | None:
    """How B follows from A (and A from B, for ``<=>``), with its side conditions; or None."""
    found = _rewritten(relation, a, b, infos, zero)
    if found is not None:
        return found
    forward = _in_force(a, b, infos, prove)
    if forward is None:
        return None
    if relation == "=>":
        return forward
    backward = _in_force(b, a, infos, prove)
    if backward is None:
        return None
    return f"{forward[0]}; and back: {backward[0]}", (*forward[1], *backward[1])


# -- the same comparison, rewritten ------------------------------------------------------


def _rewritten(
    relation: str, a: Statement, b: Statement, infos: Infos, zero: ProveZero
) -> Proof | None:
    for a_form, a_how in _forms(a, infos):
        for b_form, b_how in _forms(b, infos):
            found = _scaled(relation, a_form, b_form, infos, zero)
            if found is None:
                continue
            defined = defined_where_holds(a, b, infos)
            if defined is None:
                return None
            if relation == "<=>":
                back = defined_where_holds(b, a, infos)
                if back is None:
                    return None
                defined = (*defined, *back)
            steps = [h for h in (*a_how, *b_how, found[0]) if h] or ["the same comparison"]
            return "the same inequality: " + "; ".join(steps), tuple(
                dict.fromkeys((*found[1], *defined))
            )
    return None


def _scaled(
    relation: str, a: Statement, b: Statement, infos: Infos, zero: ProveZero
) -> Proof | None:
    """B's value is c·(A's value) with c > 0 on the domains, the comparisons matching."""
    pair = (a.op, b.op)
    if (relation == "<=>" and a.op != b.op) or pair not in _IMPLIED:
        return None
    va, vb = a.value, b.value
    if va == 0 or vb == 0:
        return None
    factor = sympy.cancel(sympy.together(vb / va))
    if factor.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or factor.has(sympy.Piecewise):
        return None
    if factor.is_number:
        if not (factor.is_real and factor.is_positive):
            return None
        facts: Facts = ()
    else:
        shown = established(factor, "positive", infos, ESTABLISH_SECONDS)
        if shown is None:
            return None
        facts = shown
        for requirement in requirements(factor):
            more = established(requirement.expr, requirement.kind, infos, ESTABLISH_SECONDS)
            if more is None:
                return None
            facts = (*facts, *more)
    same = zero(vb, factor * va)
    if same is None:
        return None
    if factor == 1:
        how = "" if vb == va else "a term added to both sides or moved across"
    else:
        how = f"both sides multiplied by {math_text(factor)} > 0"
        if facts:
            how += f" (from {', '.join(dict.fromkeys(facts))})"
    return how, same


# -- a strictly monotone function taken off both sides -----------------------------------


def _forms(s: Statement, infos: Infos) -> list[tuple[Statement, list[str]]]:
    """The statement, and what taking a strictly monotone function off both sides gives
    (twice at most), each with the functions named and their side conditions."""
    forms: list[tuple[Statement, list[str]]] = [(s, [])]
    for k in range(2):
        for form, how in list(forms):
            if len(how) != k:
                continue
            peeled = _peeled(form, infos)
            if peeled is not None and len(forms) < MAX_FORMS:
                forms.append((peeled[0], [*how, peeled[1]]))
    return forms


def _peeled(s: Statement, infos: Infos) -> tuple[Statement, str] | None:
    left, right = s.lhs, s.rhs
    if s.op == "=":
        return None
    common = _common(s, infos)
    if common is not None:
        return common
    if type(left) is type(right) and type(left) in _INCREASING:
        name = _INCREASING[type(left)]
        return s.with_sides(
            left.args[0], s.op, right.args[0]
        ), f"{name} (strictly increasing) taken off"
    if isinstance(left, sympy.log) and isinstance(right, sympy.log):
        return (
            s.with_sides(left.args[0], s.op, right.args[0]),
            "log taken off (strictly increasing where its arguments are > 0, which the "
            "statement needs to be defined)",
        )
    if isinstance(left, sympy.Pow) and isinstance(right, sympy.Pow) and left.exp == right.exp:
        return _power(s, left.base, right.base, left.exp, infos)
    for f, g in ((left, right), (right, left)):
        if g.is_number and g.is_real:
            found = _against_number(s, f, g, f is left)
            if found is not None:
                return found
    return None


def _common(s: Statement, infos: Infos) -> tuple[Statement, str] | None:
    """A term both sides add (taken off both), or a factor both sides have, shown > 0 (both
    sides divided by it)."""
    left, right = s.lhs, s.rhs
    if isinstance(left, sympy.Add) and isinstance(right, sympy.Add):
        shared = set(left.args) & set(right.args)
        if shared:
            term = sympy.Add(*shared)
            return s.with_sides(
                left - term, s.op, right - term
            ), f"{math_text(term)} taken off both sides"
    if isinstance(left, sympy.Mul) and isinstance(right, sympy.Mul):
        shared = set(left.args) & set(right.args)
        factor = sympy.Mul(*shared)
        if shared and factor != 1:
            facts = (
                ()
                if factor.is_number and factor.is_positive
                else established(factor, "positive", infos, ESTABLISH_SECONDS)
            )
            if facts is not None:
                why = f" from {', '.join(dict.fromkeys(facts))}" if facts else ""
                return (
                    s.with_sides(_without(left, shared), s.op, _without(right, shared)),
                    f"both sides divided by {math_text(factor)} > 0{why}",
                )
    return None


def _without(product: sympy.Expr, shared: set[sympy.Basic]) -> sympy.Expr:
    return sympy.Mul(*(a for a in product.args if a not in shared))


def _power(
    s: Statement, u: sympy.Expr, v: sympy.Expr, p: sympy.Expr, infos: Infos
) -> tuple[Statement, str] | None:
    if not (p.is_number and p.is_real and p.is_Rational) or p == 0:
        return None
    if p.is_integer and p.is_odd and p > 0:
        return s.with_sides(u, s.op, v), f"the odd power ^{p} (strictly increasing) taken off"
    kind: Kind = "nonnegative" if p > 0 else "positive"
    facts: list[str] = []
    for base in (u, v):
        shown = covered(Requirement(base, kind, base), s, infos)
        if shown is None:
            return None
        facts += shown
    condition = f"{math_text(u)}, {math_text(v)} {'≥ 0' if p > 0 else '> 0'}"
    condition += f" from {', '.join(dict.fromkeys(facts))}" if facts else ""
    if p > 0:
        return s.with_sides(
            u, s.op, v
        ), f"the power ^{p} (increasing on [0, ∞)) taken off, {condition}"
    return (
        s.with_sides(v, s.op, u),
        f"the power ^{p} (decreasing on (0, ∞)) taken off, the comparison turned, {condition}",
    )


def _against_number(
    s: Statement, f: sympy.Expr, c: sympy.Expr, f_left: bool
) -> tuple[Statement, str] | None:
    """``exp(u) ≤ c`` as ``u ≤ log c`` (c > 0), ``log(u) ≤ c`` as ``u ≤ exp(c)``."""
    if isinstance(f, sympy.exp) and c.is_positive:
        inner, other, how = f.args[0], sympy.log(c), f"exp taken off (against {math_text(c)} > 0)"
    elif isinstance(f, sympy.log):
        inner, other = f.args[0], sympy.exp(c)
        how = "log taken off (against a number; its argument > 0 where it is defined)"
    else:
        return None
    if f_left:
        return s.with_sides(inner, s.op, other), how
    return s.with_sides(other, s.op, inner), how


# -- one proved with the other in force ---------------------------------------------------


def _in_force(source: Statement, target: Statement, infos: Infos, prove: Prover) -> Proof | None:
    """``target`` proved by the cascade with ``source`` a constraint in force; ``target``
    defined wherever ``source`` holds."""
    if source.op == "=":
        return None
    defined = defined_where_holds(source, target, infos)
    if defined is None:
        return None
    build = sympy.Lt if source.strict else sympy.Le
    constraint = Constraint(
        "given", source.text(), build(source.lhs, source.rhs, evaluate=False), 0
    )
    with constraints_in_force((*in_force(), constraint)):
        try:
            inner = prove(
                target.op, target.lhs, target.rhs, infos, Attempt(stage="statements: in force")
            )
        except Exception:  # a stage that fails proves nothing
            return None
    if inner.verdict is not Verdict.PROVED:
        return None
    how = f"{target.text()} proved where {source.text()} holds ({inner.method})"
    return how, tuple(dict.fromkeys((*inner.conditions, *defined)))
