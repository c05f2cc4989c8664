"""Facts shown on the whole of the declared domains: that an expression is positive,
nonnegative, nonzero or real there (``establish``), which is how a proof states its side
conditions; and that both sides of a relation are defined there (``defined_on_domains``).

A fact is shown by SymPy's assumptions on the symbols, first as declared, then on every
case of the finite-set symbols and every piece of the intervals (written through positive
symbols), by the sign proofs of ``symbolic``. Answers are kept in a memo: every step is the
right side of one relation and the left of the next, and the same argument of a log is met
again and again along a chain.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..definedness import KIND_TEXT, Requirement, own_requirements, requirements
from ..memo import Memo
from ..notation import math_text
from ..substitution import put
from .box_bounds import bounded_sign
from .cases import TooManyCases, finite_cases, interval_cases
from .constraint_sums import sums_to_one
from .declared import DomainInfo, describe_domains, members_as_symbols
from .positivity import by_extremes, by_log_sign, by_parts, worth_taking_apart
from .range_ends import at_range_ends
from .summand_ranges import index_instances
from .symbolic import prove_sign

__all__ = ["KIND_TEXT", "defined_on_domains", "establish"]

# establish's answers by expression, kind and the domains of what the expression uses.
_ESTABLISHED: Memo[tuple[object, ...], tuple[str, ...] | None] = Memo()


def establish(
    expr: sympy.Expr, kind: str, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, ...] | None:
    """Show that ``expr`` is positive / nonnegative / nonzero / real / an integer on the
    whole domain.

    Returns the domain facts it used, or None when it could not show it.
    """
    used = expr.free_symbols | {a.base for a in expr.atoms(sympy.Indexed)}
    key = (
        expr,
        kind,
        *sorted(((s, infos[s]) for s in used if s in infos), key=lambda i: str(i[0])),
    )
    return _ESTABLISHED.get(key, lambda: _establish(expr, kind, infos))


def _establish(
    expr: sympy.Expr, kind: str, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, ...] | None:
    shown = _as_written(expr, kind, infos)
    return shown if shown is not None else _through_constraints(expr, kind, infos)


def _through_constraints(
    expr: sympy.Expr, kind: str, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, ...] | None:
    """The fact for ``expr`` with its sums of the members of a simplex or one-hot family
    written through the constraint (``constraint_sums``): 1 − Σ_{k=1}^{K−1} θ[k] is θ[K],
    positive, for θ over simplex(K). The two are equal at every point of the declared
    domains (the family's constraint is part of its domain), so the fact carries over;
    the constraint used is named among the facts."""
    joint = {s: i for s, i in infos.items() if i.domain.joint is not None}
    if not joint or not expr.has(sympy.Sum):
        return None
    sizes = {s: i.domain for s, i in infos.items() if isinstance(s, sympy.Symbol)}
    conditions: list[str] = []
    rewritten = sums_to_one(expr, joint, conditions, sizes)
    if rewritten == expr:
        return None
    shown = establish(rewritten, kind, infos)
    return None if shown is None else tuple(dict.fromkeys((*shown, *conditions)))


def _as_written(
    expr: sympy.Expr, kind: str, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, ...] | None:
    if _assumed(expr, kind):
        return tuple(describe_domains([s for s in expr.free_symbols if s in infos], infos))
    if worth_taking_apart(expr, kind):  # a sum of positive terms, a long product
        parts = by_parts(expr, kind, infos, establish)
        if parts is not None:
            return parts
    expr, infos = members_as_symbols(_positive_products(expr, infos), infos)
    used = [s for s in sorted(expr.free_symbols, key=str) if s in infos]
    facts = tuple(describe_domains(used, infos))
    if _assumed(expr, kind):
        return facts
    try:
        finite = finite_cases([expr], infos)
        for thorough in (False, True):
            if all(_everywhere(put(expr, f.substitution), kind, infos, thorough) for f in finite):
                return facts
    except TooManyCases:
        return None
    if bounded_sign(expr, kind, infos):  # k + cos(x)·sin(y) > 0 for k ≥ 2
        return (*facts, f"{math_text(expr)} bounded over the domains")
    if expr.has(sympy.Max, sympy.Min):  # a clip: from the arguments of its Max or Min
        return by_extremes(expr, kind, infos, establish) or by_log_sign(
            expr, kind, infos, establish
        )
    return at_range_ends(expr, kind, infos, establish)  # K − k for k in {1, ..., K}


def _positive_products(expr: sympy.Basic, infos: Mapping[sympy.Basic, DomainInfo]) -> sympy.Basic:
    """A product whose every factor is positive is positive (the empty one is 1): write it as
    a positive symbol."""

    def positive(product: sympy.Product) -> sympy.Basic:
        term = product.function
        if len(product.limits) == 1 and product.limits[0][1].is_integer:
            # the terms run from lo: the index is lo + j for some j ≥ 0 (n! = Π_{t=1}^n t)
            index, lo, _ = product.limits[0]
            term = term.xreplace({index: lo + sympy.Dummy("j", integer=True, nonnegative=True)})
        term, extended = members_as_symbols(term, infos)
        if establish(term, "positive", extended) is not None:
            return sympy.Dummy("product", positive=True)
        return product

    return expr.replace(lambda e: isinstance(e, sympy.Product), positive)


def _assumed(expr: sympy.Expr, kind: str) -> bool:
    """Whether SymPy's assumptions on the symbols say outright that ``expr`` is of ``kind``."""
    if kind == "real":
        return expr.is_real is True
    if kind == "integer":
        return expr.is_integer is True
    if kind == "positive":
        return expr.is_positive is True
    if kind == "nonnegative":
        return expr.is_nonnegative is True
    return expr.is_nonzero is True or expr.is_positive is True or expr.is_negative is True


def _everywhere(
    expr: sympy.Expr, kind: str, infos: Mapping[sympy.Basic, DomainInfo], thorough: bool
) -> bool:
    """Whether ``kind`` is shown on every piece of the intervals ``expr`` uses, as declared
    or written through positive symbols."""
    for reparametrise in (False, True):
        cases = interval_cases([expr], infos, reparametrise=reparametrise)
        if all(_shown_on_case(put(expr, c.substitution), kind, thorough) for c in cases):
            return True
    return False


def _shown_on_case(expr: sympy.Expr, kind: str, thorough: bool) -> bool:
    """Whether ``kind`` is shown for one case: by the assumptions, or by a sign proof."""
    if _assumed(expr, kind):
        return True
    if kind in ("real", "integer"):
        return False
    if kind == "nonzero":
        return bool(
            prove_sign(expr, strict=True, thorough=thorough)
            or prove_sign(-expr, strict=True, thorough=thorough)
        )
    return prove_sign(expr, strict=kind == "positive", thorough=thorough) is not None


def defined_on_domains(
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    check_defined: bool,
) -> list[str] | str:
    """The side condition that both sides are defined on the domains (as one "defined: …"
    entry, or none), or why that could not be shown."""
    defined: list[str] = []
    needed = requirements(lhs) + requirements(rhs) if check_defined else []
    positive = {r.expr for r in needed if r.kind == "positive"}
    # x > 0 already says x ≠ 0 and x ≥ 0: state (and prove) only the strongest.
    needed = [r for r in needed if r.kind == "positive" or r.expr not in positive]
    for requirement in needed:
        shown = f"{math_text(requirement.expr)} {KIND_TEXT[requirement.kind]}"
        if establish(requirement.expr, requirement.kind, infos) is not None:
            defined.append(shown)
            continue
        # A condition on the terms of a sum, needed over its range only.
        where = _over_range(requirement, (lhs, rhs), infos)
        if where is None:
            return (
                f"{math_text(requirement.origin)} needs {shown}, which could not be "
                "shown on the declared domains (declare a narrower domain?)"
            )
        defined.append(f"{math_text(requirement.origin)} real for {where}")
    return [f"defined: {', '.join(dict.fromkeys(defined))}"] if defined else []


def _over_range(
    requirement: Requirement,
    sides: tuple[sympy.Expr, sympy.Expr],
    infos: Mapping[sympy.Basic, DomainInfo],
) -> str | None:
    """A requirement of the terms of a sum shown over the sum's range (where, as text): the
    written operation with the index from the first (or back from the
    last) term of the range, and what it then needs, shown (``c**k`` needs nothing more for
    ``k ≥ 0``)."""
    for instance, where in index_instances(requirement.origin, sides):
        needs = own_requirements(instance)
        if all(establish(n.expr, n.kind, infos) is not None for n in needs):
            return where
    return None
