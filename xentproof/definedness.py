"""Where an expression is defined over the reals.

Derivations are about real functions: ``log(x)`` needs ``x > 0``, ``sqrt(x)`` needs ``x >= 0``,
``1/x`` needs ``x != 0``. SymPy's own functions are complex (``log(-1) = I*pi``), and it drops
``0*log(-1)`` on sight, so a step can look like an identity to SymPy and still be undefined
on part of the declared domain. The checker proves these conditions on the domain before it
trusts a symbolic proof, and reports them as side conditions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import sympy

Kind = Literal["positive", "nonnegative", "nonzero"]


@dataclass(frozen=True)
class Requirement:
    """``expr`` must be positive / nonnegative / nonzero for ``origin`` to be defined."""

    expr: sympy.Expr
    kind: Kind
    origin: sympy.Expr


def requirements(expr: sympy.Basic) -> list[Requirement]:
    """The conditions under which every part of ``expr`` is a real number."""
    found: dict[tuple[sympy.Expr, str], Requirement] = {}

    def add(target: sympy.Expr, kind: Kind, origin: sympy.Expr) -> None:
        # A condition on a summation index holds termwise; ``establish`` checks it through
        # the assumptions of the indexed family.
        if target.is_number:
            return
        found.setdefault((target, kind), Requirement(target, kind, origin))

    def visit(node: sympy.Basic) -> None:
        if isinstance(node, sympy.Piecewise):
            # Each branch only has to be defined where its condition selects it; the case
            # split handles that, so do not demand every branch everywhere.
            return
        for requirement in own_requirements(node):
            add(requirement.expr, requirement.kind, requirement.origin)
        for arg in node.args:
            visit(arg)

    visit(expr)
    return list(found.values())


def own_requirements(node: sympy.Basic) -> list[Requirement]:
    """The conditions the outermost operation of ``node`` needs (not those of its parts)."""
    if isinstance(node, sympy.log):
        return [Requirement(node.args[0], "positive", node)]
    if isinstance(node, sympy.Pow):
        base, exponent = node.args
        if exponent.is_integer:
            if exponent.is_nonnegative is not True:
                return [Requirement(base, "nonzero", node)]
            return []
        if exponent.is_positive:
            # SymPy's x**(1/3) is the principal (complex) root for x < 0, so every
            # non-integer power needs a nonnegative base.
            return [Requirement(base, "nonnegative", node)]
        return [Requirement(base, "positive", node)]
    if isinstance(node, sympy.tan):
        return [Requirement(sympy.cos(node.args[0]), "nonzero", node)]
    return []
