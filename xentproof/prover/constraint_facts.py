"""The ``[constraints]`` used as facts in a proof of an inequality (``constraint_table``
holds them while a relation is decided). For ``lhs REL rhs`` whose value V must be ≥ 0
(> 0 when strict) and a constraint whose value F is ≥ 0 (> 0) on every point:

- elimination: a constraint ``s < E`` (or ``E < s``) with s a declared real symbol of
  domain "real" that E does not use is the substitution s = E − u (s = E + u), u > 0 a
  new symbol (u ≥ 0 for ≤): the points of the constrained set are exactly those of the
  substituted domains, so the substituted relation, proved, proves the relation;
- a bound: V − F ≥ 0 (> 0 when V must be > 0 and F need not be), proved by the whole
  cascade, gives V ≥ F ≥ 0.

Each use is a side condition of the proof ("constraint ordered: a < b, used: b = a + u,
u > 0"). The method never refutes.
"""

from __future__ import annotations

import contextvars
from collections.abc import Mapping

import sympy

from ..domains import parse_domain
from ..model import Constraint
from ..notation import math_text
from ..result import Verdict
from .constraint_table import bearing_on, constraints_in_force, in_force
from .declared import DomainInfo
from .inequalities import oriented
from .outcome import Attempt, Prover

# Uses of constraints inside one another (a bound whose rest needs a second constraint).
MAX_DEPTH = 2
_DEPTH: contextvars.ContextVar[int] = contextvars.ContextVar("constraint_depth", default=0)


def by_constraints(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> tuple[str, tuple[str, ...]] | None:
    """The method and side conditions of a proof that uses a declared constraint, or None
    (an equality by elimination only)."""
    depth = _DEPTH.get()
    if depth >= MAX_DEPTH:
        return None
    side = oriented(relation, lhs, rhs)
    # an equality: elimination only (a bound proves no equality)
    value, strict = side if side is not None else (lhs - rhs, False)
    point = dict.fromkeys(
        value.free_symbols | {m.base for m in value.atoms(sympy.Indexed)}, sympy.Integer(0)
    )
    bearing = bearing_on(point)
    token = _DEPTH.set(depth + 1)
    try:
        for constraint in bearing:
            found = _eliminated(constraint, relation, lhs, rhs, infos, prove)
            if found is None and side is not None:
                found = _bounded(constraint, value, strict, infos, prove)
            if found is not None:
                return found
    finally:
        _DEPTH.reset(token)
    return None


def _fact(constraint: Constraint) -> tuple[sympy.Expr, bool]:
    """The constraint's value F ≥ 0 (> 0 when strict)."""
    rel = constraint.relation
    side = oriented(str(rel.rel_op), rel.lhs, rel.rhs)
    assert side is not None  # the loader reads <, <=, >, >= only
    return side


def _shown(constraint: Constraint) -> str:
    return f"constraint {constraint.name}: {constraint.text}"


def _eliminated(
    constraint: Constraint,
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> tuple[str, tuple[str, ...]] | None:
    fact, strict = _fact(constraint)  # fact = big − small
    rel = constraint.relation
    big, small = (rel.rhs, rel.lhs) if rel.rel_op in ("<", "<=") else (rel.lhs, rel.rhs)
    slack = sympy.Dummy("u", positive=True) if strict else sympy.Dummy("u", nonnegative=True)
    for symbol, value in ((big, small + slack), (small, big - slack)):
        info = infos.get(symbol)
        if not isinstance(symbol, sympy.Symbol) or info is None:
            continue
        domain = info.domain
        unbounded = domain.lo == -sympy.oo and domain.hi == sympy.oo
        if not unbounded or domain.integer or domain.values is not None:
            continue
        other = value - slack if value.has(slack) else value
        if symbol in other.free_symbols or any(
            symbol in _symbols(c) for c in in_force() if c is not constraint
        ):
            continue
        extended = dict(infos)
        del extended[symbol]
        name = f"{info.name}_slack"
        slack_named = (
            sympy.Symbol(name, positive=True) if strict else sympy.Symbol(name, nonnegative=True)
        )
        value = value.xreplace({slack: slack_named})
        extended[slack_named] = DomainInfo(
            slack_named, name, parse_domain("positive" if strict else "nonnegative")
        )
        others = [c for c in in_force() if c is not constraint]
        with constraints_in_force(others):
            inner = prove(
                relation,
                lhs.xreplace({symbol: value}),
                rhs.xreplace({symbol: value}),
                extended,
                Attempt(stage="constraints as facts"),
            )
        if inner.verdict is Verdict.PROVED:
            how = f"{info.name} = {math_text(value)}, {name} {'> 0' if strict else '≥ 0'}"
            return (
                f"{inner.method}, with a declared constraint eliminated",
                (f"{_shown(constraint)}, used: {how}", *inner.conditions),
            )
    del fact
    return None


def _bounded(
    constraint: Constraint,
    value: sympy.Expr,
    strict: bool,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> tuple[str, tuple[str, ...]] | None:
    fact, fact_strict = _fact(constraint)
    rest = value - fact
    relation = ">" if strict and not fact_strict else ">="
    inner = prove(relation, rest, sympy.Integer(0), infos, Attempt(stage="constraints as facts"))
    if inner.verdict is not Verdict.PROVED:
        return None
    return (
        f"{inner.method}, with a declared constraint as a bound",
        (
            f"{_shown(constraint)}, used: the value is {math_text(fact)} "
            f"{'>' if fact_strict else '≥'} 0 plus {math_text(sympy.expand(rest))} "
            f"{'>' if relation == '>' else '≥'} 0",
            *inner.conditions,
        ),
    )


def _symbols(constraint: Constraint) -> set[sympy.Basic]:
    return set(constraint.relation.free_symbols)
