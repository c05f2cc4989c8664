"""Lipschitz bounds by the mean value theorem (issue 18, class 3): |f(a) − f(b)| ≤ L·|a − b|
from |f′| ≤ L, as the sigmoid's |σ(x) − σ(u)| ≤ |x − u|/4 and tanh's are proved by hand.

The relation must be ``|E| ≤ L·|a − b|`` (or the same read from the right), non-strict, with
a and b two declared symbols over the same interval (not a finite set, not the integers,
no point taken out), E = f(a) − f(b) for one expression f (the terms of E with a, and those
with b, are f at a and −f at b; other symbols are parameters, the same in both), f built
from smooth functions only, and L free of a and b. Then −L ≤ f′(v) ≤ L at every v of the
interval is proved by the whole cascade (its definedness stage shows f′ defined there, so f
is differentiable on the interval), and the mean value theorem gives f(a) − f(b) =
f′(ξ)·(a − b) for a ξ between a and b, inside the interval because it is one: |f(a) − f(b)|
≤ L·|a − b|. A strict ``<`` is not taken (a = b gives equality). It never refutes.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import permutations

import sympy

from ..model import Domain
from ..notation import math_text
from ..result import Verdict
from ..substitution import BINDING
from .calculus import smooth
from .declared import DomainInfo
from .outcome import Attempt, Prover
from .symbolic import Proof

METHOD = "mean value theorem (|f′| ≤ L on the interval: |f(a) − f(b)| ≤ L·|a − b|)"
MAX_OPS = 200


def prove_lipschitz(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> Proof | None:
    """The method and side conditions of a proof of a Lipschitz bound, or None."""
    if relation == ">=":
        lhs, rhs = rhs, lhs
    elif relation != "<=":
        return None
    if not isinstance(lhs, sympy.Abs) or lhs.has(*BINDING) or rhs.has(*BINDING):
        return None
    difference = lhs.args[0]
    if sympy.count_ops(difference) > MAX_OPS or not smooth(difference):
        return None
    symbols = sorted(difference.free_symbols, key=str)
    for a, b in permutations(symbols, 2):
        found = _split(difference, rhs, a, b, infos)
        if found is None:
            continue
        f, bound = found
        notes: list[str] = []
        slope = sympy.diff(f, a)
        for rel, other in (("<=", bound), (">=", -bound)):
            inner = prove(rel, slope, other, infos, Attempt(stage="a bound of the derivative"))
            if inner.verdict is not Verdict.PROVED:
                return None
            notes.append(
                f"{math_text(slope)} {'≤' if rel == '<=' else '≥'} {math_text(other)} "
                f"for {math_text(a)} ∈ {infos[a].domain.text}: {inner.method}"
            )
            notes.extend(inner.conditions)
        notes.append(
            f"f = {math_text(f)} at {math_text(a)} and {math_text(b)}, which range over "
            f"the same interval {infos[a].domain.text}"
        )
        return METHOD, tuple(dict.fromkeys(notes))
    return None


def _interval(domain: Domain) -> bool:
    return (
        domain.values is None
        and not domain.integer
        and not domain.nonzero
        and (domain.bound is None and domain.joint is None)
    )


def _split(
    difference: sympy.Expr,
    rhs: sympy.Expr,
    a: sympy.Basic,
    b: sympy.Basic,
    infos: Mapping[sympy.Basic, DomainInfo],
) -> tuple[sympy.Expr, sympy.Expr] | None:
    """f and L when ``difference`` is f(a) − f(b) and ``rhs`` is L·|a − b|, else None."""
    if not isinstance(a, sympy.Symbol) or not isinstance(b, sympy.Symbol):
        return None
    info_a, info_b = infos.get(a), infos.get(b)
    if info_a is None or info_b is None or info_a.domain != info_b.domain:
        return None
    if not _interval(info_a.domain):
        return None
    with_a = sympy.Integer(0)
    with_b = sympy.Integer(0)
    for term in sympy.Add.make_args(sympy.expand(difference, deep=False)):
        has_a, has_b = term.has(a), term.has(b)
        if has_a and has_b:
            return None
        if has_a:
            with_a += term
        elif has_b:
            with_b += term
        else:
            return None  # a term in neither: f(a) − f(b) has none
    if with_a == 0 or sympy.expand(with_b + with_a.xreplace({a: b})) != 0:
        return None
    distance = sympy.Abs(a - b)
    bound = sympy.cancel(rhs.xreplace({sympy.Abs(b - a): distance}) / distance)
    if bound.has(a) or bound.has(b) or bound.has(sympy.Abs(a - b)):
        return None
    return with_a, bound
