"""What a written operation needs (a ``Requirement``), shown on the declared domains or
decided at one point.

A requirement may hold only where a condition does (``when``: the branch of a Piecewise, a
later part of an And), for every index of a sum's range, or near a limit's point. On the
domains it is shown by sufficient arguments only (``shown_on_domains``): the condition
never holds, or the requirement holds on the part of the domains the condition leaves (its
bounds on single symbols; a superset of where it is needed), a range's index written
through a nonnegative integer from its first value (or each value of a short range), and
near a limit's point: everywhere on a side, continuity with the right sign at the point, a
polynomial factor that is not identically zero. At a point (``holds_at``) it is decided
exactly, with every value put in and every index of a concrete range tried; near a limit's
point only when what is left no longer depends on the limit's variable (``a*x ≠ 0`` at
``a = 0`` is ``0 ≠ 0`` for every ``x``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import sympy

from ..definedness import Binder, Near, Range, Requirement, holds_for_number
from ..model import Domain
from ..substitution import put
from .cases import TooManyCases, finite_cases
from .declared import DomainInfo
from .establish import establish
from .limits import limit_value
from .near import negation_of, shown_near
from .range_ends import at_range_ends

MAX_TERMS = 200  # indices of a concrete range tried one by one at a point
MAX_SPELLED = 16  # indices of a concrete range shown one by one on the domains

Facts = tuple[str, ...]


# -- at a point ------------------------------------------------------------------------------


def holds_at(requirement: Requirement, point: Mapping[sympy.Basic, sympy.Expr]) -> bool | None:
    """Whether the requirement holds at ``point`` (exactly): True, False, or None when that
    cannot be decided."""
    r = requirement
    try:
        return _holds(r.expr, r.kind, r.when, r.binders, point)
    except (TypeError, ValueError, ArithmeticError, NotImplementedError, RecursionError):
        return None


def _holds(
    expr: sympy.Basic,
    kind: str,
    when: sympy.Basic,
    binders: Sequence[Binder],
    point: Mapping[sympy.Basic, sympy.Expr],
) -> bool | None:
    if binders:
        first, rest = binders[0], binders[1:]
        if isinstance(first, Range):
            return _holds_on_range(expr, kind, when, first, rest, point)
        # Near a limit's point: decided only where the limit's variable drops out (its
        # value at the point, if it has one there, is another matter).
        point = {k: v for k, v in point.items() if k != first.var}
        value, holds = put(expr, point), put(when, point)
        if first.var in value.free_symbols or first.var in _free(holds) or rest:
            return None
        return _holds(value, kind, holds, (), {})
    holds = put(when, _restricted(point, when))
    if holds is sympy.false:
        return True
    if holds is not sympy.true:
        return None
    return holds_for_number(_evaluated(_put_members_last(expr, point)), kind)


def _put_members_last(expr: sympy.Basic, point: Mapping[sympy.Basic, sympy.Expr]) -> sympy.Basic:
    """The point's values put in, the symbols first and the family members after them: the
    index of ``a[i]`` becomes a number before ``a[1]`` has its value."""
    values = _restricted(point, expr)
    plain = {k: v for k, v in values.items() if not isinstance(k, sympy.Indexed)}
    members = {k: v for k, v in point.items() if isinstance(k, sympy.Indexed)}
    return put(put(expr, plain), members)


def _restricted(
    point: Mapping[sympy.Basic, sympy.Expr], expr: sympy.Basic
) -> dict[sympy.Basic, sympy.Expr]:
    """The values of the point that ``expr`` uses (not a variable it binds)."""
    used = _free(expr)
    return {k: v for k, v in point.items() if k in used}


def _holds_on_range(
    expr: sympy.Basic,
    kind: str,
    when: sympy.Basic,
    binder: Range,
    rest: Sequence[Binder],
    point: Mapping[sympy.Basic, sympy.Expr],
) -> bool | None:
    bounds = _integer_bounds(put(binder.lo, point), put(binder.hi, point))
    if bounds is None:
        return None
    first, last = bounds
    if last - first + 1 > MAX_TERMS:
        return None
    outer = {k: v for k, v in point.items() if k != binder.index}  # the index shadows
    answers = [
        _holds(expr, kind, when, rest, {**outer, binder.index: sympy.Integer(k)})
        for k in range(first, last + 1)
    ]
    if False in answers:
        return False
    return None if None in answers else True


def _integer_bounds(lo: sympy.Basic, hi: sympy.Basic) -> tuple[int, int] | None:
    """⌈lo⌉ and ⌊hi⌋ of two real numbers, or None."""
    try:
        if not (lo.is_extended_real and hi.is_extended_real):
            return None
        first, last = sympy.ceiling(lo), sympy.floor(hi)
        if not (first.is_Integer and last.is_Integer):
            return None
        return int(first), int(last)
    except (TypeError, ValueError):
        return None


def _evaluated(value: sympy.Basic) -> sympy.Basic:
    """A value with its limits carried out (a limit that is a part of a step)."""
    if not isinstance(value, sympy.Basic) or not value.has(sympy.Limit):
        return value
    for limit in value.atoms(sympy.Limit):
        found, _ = limit_value(limit)
        if isinstance(found, str) or found.has(sympy.Limit):
            return value
        value = value.xreplace({limit: found})
    return value


def _free(expr: sympy.Basic) -> set[sympy.Basic]:
    return set(expr.free_symbols) if isinstance(expr, sympy.Basic) else set()


# -- on the declared domains -----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Instance:
    """A requirement with its ranges written out: what is left to show."""

    expr: sympy.Basic
    when: sympy.Basic
    near: tuple[Near, ...]


@dataclasses.dataclass(frozen=True)
class Shown:
    """How a requirement was shown on the domains: the facts used, whether it holds whatever
    its condition (``everywhere``), and whether it is never needed at all (``vacuous``: its
    condition never holds, or its ranges are empty)."""

    facts: Facts
    everywhere: bool
    vacuous: bool


def shown_on_domains(
    requirement: Requirement, infos: Mapping[sympy.Basic, DomainInfo]
) -> Shown | None:
    """How the requirement is shown everywhere it is needed, or None."""
    instances = _instances(requirement)
    if instances is None:
        return None
    return _shown_all(instances, requirement.kind, infos) or _shown_at_ends(requirement, infos)


def _shown_all(
    instances: list[_Instance], kind: str, infos: Mapping[sympy.Basic, DomainInfo]
) -> Shown | None:
    facts: list[str] = []
    everywhere = vacuous = True
    for instance in instances:
        found = _shown_instance(instance, kind, infos)
        if found is None:
            return None
        how, used = found
        facts += used
        everywhere = everywhere and how != "where"
        vacuous = vacuous and how == "vacuous"
    return Shown(tuple(dict.fromkeys(facts)), everywhere, vacuous)


def _shown_at_ends(
    requirement: Requirement, infos: Mapping[sympy.Basic, DomainInfo]
) -> Shown | None:
    """An expression affine in a range's index (``K − i`` for ``i`` in 1..K) is ≥ 0 (> 0) on
    the whole range when it is at both ends, ⌈lo⌉ and ⌊hi⌋: the requirement with the
    innermost such range replaced by its two ends, shown as any other."""
    r = requirement
    if r.kind not in ("positive", "nonnegative") or not r.binders:
        return None
    at = _affine_range(r)
    if at is None:
        return None
    last = r.binders[at]
    assert isinstance(last, Range)
    others = (*r.binders[:at], *r.binders[at + 1 :])
    slope = sympy.diff(r.expr, last.index)
    if slope.has(last.index) or not isinstance(slope, sympy.Expr):
        return None
    ends = (sympy.ceiling(last.lo), sympy.floor(last.hi))
    # needed only where the range is not empty
    when = sympy.And(r.when, sympy.Le(ends[0], ends[1]))
    found = []
    for end in ends:
        instances = _instances(
            Requirement(put(r.expr, {last.index: end}), r.kind, r.origin, when, others)
        )
        shown = None if instances is None else _shown_all(instances, r.kind, infos)
        if shown is None:
            return None
        found.append(shown)
    facts = tuple(dict.fromkeys(f for shown in found for f in shown.facts))
    return Shown(facts, all(f.everywhere for f in found), False)


def _affine_range(r: Requirement) -> int | None:
    """The position of the innermost range whose index the expression uses and no range
    inside it or the condition refers to (``K − k`` for k in 1..K, whatever range of
    another index is written inside it): the range taken to its ends; None if none is."""
    for at in range(len(r.binders) - 1, -1, -1):
        binder = r.binders[at]
        if not isinstance(binder, Range):
            return None
        index = binder.index
        inner = r.binders[at + 1 :]
        if index in _free(r.when) or any(
            index in _free(b.lo) | _free(b.hi) for b in inner if isinstance(b, Range)
        ):
            return None
        if index in _free(r.expr):
            return at
    return None


def _instances(requirement: Requirement) -> list[_Instance] | None:
    """The requirement with every range's index written out: each value of a short concrete
    range, else through a nonnegative integer counted from the first (or back from the
    last) index, else any integer. Limits' neighbourhoods are kept for later."""
    todo: list[tuple[sympy.Basic, sympy.Basic, tuple[Binder, ...], tuple[Near, ...]]] = [
        (requirement.expr, requirement.when, requirement.binders, ())
    ]
    done: list[_Instance] = []
    while todo:
        expr, when, binders, near = todo.pop()
        if not binders:
            done.append(_Instance(expr, when, near))
            continue
        first, rest = binders[0], tuple(binders[1:])
        if isinstance(first, Near):
            todo.append((expr, when, rest, (*near, first)))
            continue
        for value in _index_values(first):
            change = {first.index: value}
            todo.append(
                (
                    put(expr, change),
                    put(when, change),
                    tuple(_binder_put(b, change) for b in rest),
                    near,
                )
            )
        if len(todo) + len(done) > 4 * MAX_SPELLED:
            return None
    return done


def _index_values(binder: Range) -> list[sympy.Expr]:
    lo, hi = binder.lo, binder.hi
    bounds = _integer_bounds(lo, hi) if lo.is_number and hi.is_number else None
    if bounds is not None and bounds[1] - bounds[0] < MAX_SPELLED:
        return [sympy.Integer(k) for k in range(bounds[0], bounds[1] + 1)]
    k = sympy.Dummy("k", integer=True, nonnegative=True)
    if lo.is_number and lo.is_finite:
        return [sympy.ceiling(lo) + k]
    if hi.is_number and hi.is_finite:
        return [sympy.floor(hi) - k]
    return [sympy.Dummy(binder.index.name, integer=True)]


def _binder_put(binder: Binder, change: Mapping[sympy.Basic, sympy.Basic]) -> Binder:
    if isinstance(binder, Range):
        return Range(binder.index, put(binder.lo, change), put(binder.hi, change))
    return Near(binder.var, put(binder.point, change), binder.direction)


def _shown_instance(
    instance: _Instance, kind: str, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, Facts] | None:
    """How one instance is shown ("always", "where" its condition holds, or "vacuous"),
    with the facts used; None if it is not."""
    expr, when = instance.expr, instance.when
    if when is sympy.false:
        return "vacuous", ()
    if not _free(expr) and not _free(when) and when is sympy.true:
        return ("always", ()) if holds_for_number(_evaluated(expr), kind) else None
    found = _established(expr, kind, infos)
    if found is None:  # () is shown, with no facts
        found = at_range_ends(expr, kind, infos, establish)
    if found is not None:
        return "always", found
    if when is not sympy.true:
        if _implied(expr, kind, when):
            return "where", ()
        found = _never(when, infos)
        if found is not None:
            return "vacuous", found
        narrowed = _narrowed(infos, when)
        if narrowed is not None:
            found = _established(expr, kind, narrowed)
            if found is not None:
                return "where", found
    if len(instance.near) == 1:
        near = shown_near(expr, kind, when, instance.near[0], infos)
        if near is not None:
            return "vacuous" if near[0] else "where", near[1]
    return None


def _established(
    expr: sympy.Basic, kind: str, infos: Mapping[sympy.Basic, DomainInfo]
) -> Facts | None:
    if kind == "real" and expr.has(sympy.Limit):
        value = _evaluated(expr)
        if value.has(sympy.Limit):
            return None
        expr = value
    return establish(expr, kind, infos)


# Which comparisons of d with 0 make d of each kind: d > 0 makes it positive, and so on.
_IMPLYING = {
    "positive": {">"},
    "nonnegative": {">", ">="},
    "nonzero": {">", "<", "!="},
}
_FLIPPED = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "!=": "!=", "==": "=="}


def _implied(expr: sympy.Basic, kind: str, when: sympy.Basic) -> bool:
    """Whether a part of ``when`` says outright that ``expr`` is of ``kind`` (the branch
    ``1/x if x ≠ 0`` needs ``x ≠ 0`` only where ``x ≠ 0``)."""
    wanted = _IMPLYING.get(kind, set())
    parts = when.args if isinstance(when, sympy.And) else (when,)
    for part in parts:
        if not isinstance(part, sympy.core.relational.Relational):
            continue
        gap = sympy.expand(part.lhs - part.rhs)
        if sympy.expand(gap - expr) == 0 and part.rel_op in wanted:
            return True
        if sympy.expand(gap + expr) == 0 and _FLIPPED[part.rel_op] in wanted:
            return True
    return False


def _never(when: sympy.Basic, infos: Mapping[sympy.Basic, DomainInfo]) -> Facts | None:
    """Facts showing that ``when`` holds nowhere on the domains, or None."""
    found = _never_by_parts(when, infos)
    return found if found is not None else _never_in_any_case(when, infos)


def _never_by_parts(when: sympy.Basic, infos: Mapping[sympy.Basic, DomainInfo]) -> Facts | None:
    """``_never`` from the parts of ``when``: one part of a conjunction that never holds,
    every part of a disjunction, the negation of a comparison established."""
    if when is sympy.false:
        return ()
    if isinstance(when, sympy.And):
        for part in when.args:
            found = _never(part, infos)
            if found is not None:
                return found
        return None
    if isinstance(when, sympy.Or):
        facts: list[str] = []
        for part in when.args:
            found = _never(part, infos)
            if found is None:
                return None
            facts += found
        return tuple(facts)
    negation = negation_of(when)
    if negation is None:
        return None
    return establish(negation[0], negation[1], infos)


def _never_in_any_case(when: sympy.Basic, infos: Mapping[sympy.Basic, DomainInfo]) -> Facts | None:
    """``when`` shown to hold nowhere by each value of its finite-set symbols in turn
    (y ≠ -1 ∧ y ≠ 1 for y ∈ {-1, 1}); None when it has none or a case is not shown."""
    try:
        cases = finite_cases([when], infos)
    except TooManyCases:
        return None
    if not cases or not cases[0].substitution:
        return None
    facts: list[str] = []
    for case in cases:
        found = _never(put(when, case.substitution), infos)
        if found is None:
            return None
        facts += [*case.labels, *found]
    return tuple(dict.fromkeys(facts))


def _narrowed(
    infos: Mapping[sympy.Basic, DomainInfo], when: sympy.Basic
) -> dict[sympy.Basic, DomainInfo] | None:
    """The domains cut down by the bounds ``when`` puts on single symbols (``x > 0``): a
    superset of where ``when`` holds. None if it puts none."""
    parts = when.args if isinstance(when, sympy.And) else (when,)
    narrowed = dict(infos)
    changed = False
    for part in parts:
        if not isinstance(part, sympy.core.relational.Relational):
            continue
        for symbol, holds in ((part.lhs, part), (part.rhs, part.reversed)):
            info = narrowed.get(symbol)
            bound = holds.rhs
            if info is None or not bound.is_number or not bound.is_extended_real:
                continue
            domain = _cut(info.domain, holds.rel_op, bound)
            if domain is not None:
                narrowed[symbol] = dataclasses.replace(info, domain=domain)
                changed = True
    return narrowed if changed else None


def _cut(domain: Domain, op: str, bound: sympy.Expr) -> Domain | None:
    """``domain`` ∩ {v : v op bound}, or None where that is not simply another domain."""
    if domain.values is not None:
        kept = tuple(
            v
            for v in domain.values
            if sympy.core.relational.Relational(v, bound, op) is not sympy.false
        )
        text = "{" + ", ".join(str(v) for v in kept) + "}"
        return dataclasses.replace(domain, text=text, values=kept)
    lo, hi, lo_open, hi_open = domain.lo, domain.hi, domain.lo_open, domain.hi_open
    if op in (">", ">=") and bool(bound >= lo):
        lo, lo_open = bound, op == ">" or (bound == lo and lo_open)
    elif op in ("<", "<=") and bool(bound <= hi):
        hi, hi_open = bound, op == "<" or (bound == hi and hi_open)
    elif op == "==" and bool(bound >= lo) and bool(bound <= hi):
        return dataclasses.replace(domain, text="{" + str(bound) + "}", values=(bound,))
    else:
        return None
    if bool(lo > hi) or (lo == hi and (lo_open or hi_open)):
        return dataclasses.replace(domain, text="{}", values=())  # the condition never holds
    left, right = "(" if lo_open else "[", ")" if hi_open else "]"
    return dataclasses.replace(
        domain, text=f"{left}{lo}, {hi}{right}", lo=lo, hi=hi, lo_open=lo_open, hi_open=hi_open
    )
