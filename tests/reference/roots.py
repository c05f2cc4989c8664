"""Candidate points where an equation holds, for the sampler.

Points drawn from a domain rarely land on the solution of ``7*x - 5 = 3`` (``x = 8/7``), yet
``E1 <=> E2`` and ``E1 => E2`` fail only at solutions of one of the equations. So for every
equation of such a relation whose sides depend on one unknown only, the difference of its
sides is interpolated exactly (rational arithmetic, five points ``k + 1/7``, away from the
usual poles); when the polynomial of degree at most 2 through the first three points also
passes through the other two, its real roots are candidate values of that unknown: exact
when rational, written with ``sqrt`` when not. A candidate is only a point to try: the
relation is evaluated there by the contract like at any other point.
"""

from __future__ import annotations

from fractions import Fraction
from math import isqrt

from .domains import Declarations
from .evaluate import Evaluator, MissingValue
from .numbers import Undecidable, Undefined, Unsupported
from .relations import Relation
from .tree import Apply, BinOp, Name, Node, Num, walk

NODES = tuple(Fraction(k) + Fraction(1, 7) for k in range(5))


def equation_roots(relation: Relation, name: str) -> list[Node]:
    """Values of ``name`` that solve an equation of ``relation`` (a ``<=>``/``=>`` step)."""
    if not relation.is_equation:
        return []
    found: list[Node] = []
    for side in (relation.lhs, relation.rhs):
        assert isinstance(side, tuple)
        difference = BinOp("-", side[0], side[1])
        if _unknowns(relation.decl, difference) == {name}:
            found += _roots(relation.decl, difference, name)
    return found


def _unknowns(decl: Declarations, node: Node) -> set[str]:
    names = {n.name for n in walk(node) if isinstance(n, Name)}
    return {n for n in names if n in decl.symbols and n not in decl.where}


def _values(decl: Declarations, node: Node, name: str) -> list[Fraction] | None:
    values = []
    for x in NODES:
        try:
            value = Evaluator(decl, {**decl.where, name: Num(x)}).value(node)
        except (Undefined, Undecidable, Unsupported, MissingValue):
            return None
        exact = getattr(value, "exact", None)
        if exact is None:
            return None
        values.append(exact)
    return values


def quadratic(xs: tuple[Fraction, ...], ys: list[Fraction]) -> tuple[Fraction, ...] | None:
    """(a, b, c) with a·x² + b·x + c through every (x, y), from the first three points by
    divided differences; None when the others are not on it."""
    (x0, x1, x2), (f0, f1, f2) = xs[:3], ys[:3]
    d1 = (f1 - f0) / (x1 - x0)
    d2 = ((f2 - f1) / (x2 - x1) - d1) / (x2 - x0)
    a, b, c = d2, d1 - d2 * (x0 + x1), f0 - d1 * x0 + d2 * x0 * x1
    if any(a * x * x + b * x + c != y for x, y in zip(xs[3:], ys[3:], strict=True)):
        return None
    return a, b, c


def _rational_sqrt(q: Fraction) -> Fraction | None:
    top, bottom = isqrt(q.numerator), isqrt(q.denominator)
    return (
        Fraction(top, bottom) if top * top == q.numerator and bottom**2 == q.denominator else None
    )


def _roots(decl: Declarations, difference: Node, name: str) -> list[Node]:
    values = _values(decl, difference, name)
    fit = None if values is None else quadratic(NODES, values)
    if fit is None:
        return []
    a, b, c = fit
    if a == 0:
        return [] if b == 0 else [Num(-c / b)]
    disc = b * b - 4 * a * c
    if disc < 0:
        return []
    root = _rational_sqrt(disc)
    if root is not None:
        return [Num((-b + root) / (2 * a)), Num((-b - root) / (2 * a))]
    sqrt: Node = Apply("sqrt", (Num(disc),))
    return [BinOp("/", BinOp(op, Num(-b), sqrt), Num(2 * a)) for op in ("+", "-")]


__all__ = ["equation_roots", "quadratic"]
