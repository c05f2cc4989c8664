"""A step between equations over sums, generalised: each sum of data written as a plain
unknown.

The stationarity of a likelihood over N samples, ``d/db Σ_i (log(1 + e^b) − l_i·b) = 0 ⇔
b = log(Σ l / (N − Σ l))``, holds because ``N·σ(b) − s = 0 ⇔ b = log(s/(N − s))`` holds for
every real ``s``: the derivative of the sum is carried out term by term, the sums put in
their normal form (``sum_forms``: ``Σ_i (σ(b) − l_i) = N·σ(b) − Σ_i l_i``), and each sum
whose terms use nothing but its index and family members becomes an unknown of its own.

Sound because two equations with the same solutions for every value of such an unknown
``s`` have the same solutions where ``s`` takes the sum's value (a statement for all ``s``
holds for one of them). Each such sum must be a real number on the whole of the domains
(else only one side might be undefined there). The guards of the written forms are carried
along, put in the normal form with the same unknowns; the normal form of a side has the
value of the side wherever that is defined, and needs nothing the side does not.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..definedness import Requirement, requirements
from ..domains import parse_domain
from ..notation import math_text
from .declared import DomainInfo
from .establish import defined_on_domains
from .solution_sets import Equation
from .sum_forms import normal_form_of

REAL = parse_domain("real")
# What a derivative of a sum is not carried out through: a kink or a jump.
_NOT_SMOOTH = (sympy.Abs, sympy.sign, sympy.Piecewise, sympy.Heaviside, sympy.Max, sympy.Min)

Generalised = tuple[Equation, Equation, dict[sympy.Basic, DomainInfo], tuple[str, ...]]


def generalised(
    first: Equation, second: Equation, infos: Mapping[sympy.Basic, DomainInfo]
) -> Generalised | None:
    """Both equations with their sums of data as unknowns (and the domains of those), with
    what was done as side conditions; None where no sum is left to generalise."""
    sides = [first.lhs, first.rhs, second.lhs, second.rhs]
    if not any(side.has(sympy.Sum) for side in sides):
        return None
    carried = [_derivatives_carried(side) for side in sides]
    guards = [[_derivatives_carried(g.expr) for g in e.guards] for e in (first, second)]
    found = normal_form_of([*carried, *guards[0], *guards[1]], infos)
    if found is None:
        return None
    forms, notes = found
    unknowns: dict[sympy.Basic, sympy.Symbol] = {}
    extended = dict(infos)
    for form in forms:
        for node in _data_sums(form):
            if node in unknowns:
                continue
            if isinstance(defined_on_domains(node, sympy.Integer(0), infos, True), str):
                return None  # a sum that may be undefined somewhere stays
            symbol = sympy.Dummy(f"S{len(unknowns) + 1}", real=True)
            unknowns[node] = symbol
            extended[symbol] = DomainInfo(symbol, math_text(node), REAL)
    if not unknowns:
        return None
    plain = [f.xreplace(unknowns) for f in forms]
    equations = []
    at = 4
    for k, e in enumerate((first, second)):
        lhs, rhs = plain[2 * k], plain[2 * k + 1]
        written = [
            Requirement(expr, g.kind, g.origin, g.when, g.binders)
            for expr, g in zip(plain[at : at + len(e.guards)], e.guards, strict=True)
        ]
        at += len(e.guards)
        every: dict[tuple[sympy.Expr, str], Requirement] = {}
        for r in (*written, *requirements(lhs), *requirements(rhs)):
            every.setdefault((r.expr, r.kind), r)
        equations.append(Equation(lhs, rhs, tuple(every.values())))
    named = ", ".join(f"{math_text(s)} = {math_text(node)}" for node, s in unknowns.items())
    conditions = (*notes, f"holds for every real value of {named}")
    return equations[0], equations[1], extended, conditions


def _derivatives_carried(expr: sympy.Expr) -> sympy.Expr:
    """Each derivative of a sum carried out term by term (the variable not in its bounds,
    the terms smooth)."""

    def carry(node: sympy.Derivative) -> sympy.Basic:
        inner = node.expr
        if not inner.has(sympy.Sum) or inner.has(*_NOT_SMOOTH):
            return node
        bounds = {s for f in inner.atoms(sympy.Sum) for _, lo, hi in f.limits for s in (lo, hi)}
        if any(v in b.free_symbols for b in bounds for v in node.variables):
            return node
        done = node.doit()
        return node if done.has(sympy.Derivative) else done

    return expr.replace(lambda e: isinstance(e, sympy.Derivative), carry)


def _data_sums(expr: sympy.Basic) -> list[sympy.Sum]:
    """The outermost sums whose terms use nothing but their indices and family members."""
    if isinstance(expr, sympy.Sum):
        members = {s for a in expr.atoms(sympy.Indexed) for s in (a, a.base, a.base.label)}
        bounds = {s for _, lo, hi in expr.limits for b in (lo, hi) for s in b.free_symbols}
        loose = expr.function.free_symbols - members - {limit[0] for limit in expr.limits}
        if not (loose - bounds) and expr.has(sympy.Indexed):
            return [expr]
        return []
    return [node for arg in expr.args for node in _data_sums(arg)]


def inside_function(first: Equation, second: Equation) -> bool:
    """Whether a sum sits inside a function or a power of the sides (``log(Σ l/(N − Σ l))``):
    the methods for the equations as written split sums by linearity and solve for an
    unknown they hold linearly, which cannot see through that; the generalised step can."""

    def nested(expr: sympy.Basic, under: bool) -> bool:
        if isinstance(expr, sympy.Sum):
            return under
        below = under or isinstance(expr, sympy.Function | sympy.Pow)
        return any(nested(arg, below) for arg in expr.args)

    return any(nested(side, False) for e in (first, second) for side in (e.lhs, e.rhs))
