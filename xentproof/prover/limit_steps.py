"""Limits written in a step, carried out before the cascade runs (docs/semantics.md §5).

``Limit(f, x, a)`` without a direction is two-sided: both one-sided limits must exist and
agree. A limit is taken within the declared domain of ``x``: its point must be a limit point
of the domain from every side asked for (none for a finite set, only ±∞ for the integers,
where the limit is that of a sequence), and the body must be defined just beside the point
for every value of the other symbols. Each one-sided limit is found with the Piecewise,
Abs, Max and Min of the body resolved on its side (``near``), never by SymPy's ``limit`` of
a Piecewise, which takes the branch selected at the point itself.

What a limit needs of the other symbols (``log(1 + a·x)/(a·x)`` needs a ≠ 0 near x = 0)
becomes a guard of the step: shown on the domains, or refuted at a point where it fails.
Anything that cannot be shown leaves the relation UNPROVED, with the reason.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy

from ..definedness import Requirement, requirements
from ..domains import describe
from ..model import Domain
from ..notation import math_text
from ..substitution import put
from .beside import (
    approach,
    exact,
    has_switch,
    not_real_parts,
    requirement_near,
    resolve_near,
    same_value,
    small,
)
from .declared import DomainInfo
from .establish import KIND_TEXT
from .limit_cases import split_limit
from .limits import limit_value
from .no_limit import Absent


@dataclass
class LimitReport:
    """How each limit of a side was found (``notes``), why one has no value here
    (``problems``), and what the other symbols must satisfy for them to exist: ``guards``
    (the limit is undefined wherever one fails) and ``needed`` (a proof must show them)."""

    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    guards: list[Requirement] = field(default_factory=list)
    needed: list[Requirement] = field(default_factory=list)
    absent: list[Absent] = field(default_factory=list)


class NoValue(Exception):
    """A limit that has no value here, or whose value could not be found; the message says
    which and why."""


class Differs(NoValue):
    """A two-sided limit whose one-sided limits were found to differ (``no_limit`` may
    confirm that it does not exist)."""

    def __init__(self, message: str, absent: Absent) -> None:
        super().__init__(message)
        self.absent = absent


def _point_problem(limit: sympy.Limit, domain: Domain | None, name: str) -> str:
    """Why the limit's point is not a limit point of the variable's declared domain from
    the side(s) asked for, or ''."""
    _body, _x, point, direction = limit.args
    shown = math_text(limit)
    if domain is None:
        return ""
    declared = describe(name, domain)
    if domain.values is not None:
        return f"{shown} does not exist: {declared}, a finite set, has no limit point"
    if point == sympy.oo or point == -sympy.oo:
        end = domain.hi if point == sympy.oo else domain.lo
        if end != point:
            return f"{shown} does not exist: {declared} is bounded on that side"
        return ""
    if domain.integer:
        return f"{shown} does not exist: {declared} has no limit point but ±∞"
    side = str(direction)
    lo, hi = domain.lo, domain.hi
    # (a − δ, a) lies in the domain for some δ > 0 when lo < a ≤ hi; (a, a + δ) when lo ≤ a < hi
    beside = {
        "-": (sympy.And(sympy.Lt(lo, point), sympy.Le(point, hi)), "left", "+"),
        "+": (sympy.And(sympy.Le(lo, point), sympy.Lt(point, hi)), "right", "-"),
    }
    for asked, (inside, from_where, other) in beside.items():
        if side not in (asked, "+-") or inside is sympy.true:
            continue
        if point == (lo if asked == "-" else hi):
            return f"{shown} approaches {point} from outside {domain.text}: use '{other}'"
        if inside is sympy.false:
            return (
                f"{shown} does not exist: no point of {declared} lies just {from_where} of {point}"
            )
        return (
            f"{shown}: {point} could not be shown to have points of {declared} "
            f"just {from_where} of it"
        )
    return ""


def _number_holds(value: sympy.Expr, kind: str) -> bool:
    if kind == "positive":
        return value.is_positive is True
    if kind == "nonnegative":
        return value.is_nonnegative is True
    return value.is_zero is False


def _defined_beside(
    body: sympy.Expr,
    resolved: sympy.Expr,
    side: tuple[sympy.Dummy, Mapping[sympy.Basic, sympy.Expr], Mapping[sympy.Basic, sympy.Expr]],
    limit: sympy.Limit,
    report: LimitReport,
    where: str,
) -> None:
    """Raise NoValue unless the body is defined for every small u > 0 (its own requirements
    and those of the branches the side selects); what that needs of the other symbols goes
    to the report. ``side`` is u, x written through u, and u written through x."""
    u, substitution, back = side
    if not_real_parts(resolved):
        raise NoValue(f"{math_text(limit)} does not exist: its body is not real {where}")
    needs = {
        Requirement(put(r.expr, substitution), r.kind, r.origin): r for r in requirements(body)
    }
    for r in requirements(resolved):
        needs.setdefault(r, Requirement(put(r.expr, back), r.kind, put(r.origin, back)))
    for need, written in needs.items():
        near = requirement_near(need, u)
        if near.holds is True:
            continue
        wanted = (
            f"{math_text(written.origin)} needs {math_text(written.expr)} {KIND_TEXT[need.kind]}"
        )
        if near.holds is False and exact(need):
            raise NoValue(f"{math_text(limit)} does not exist: {wanted}, which fails {where}")
        condition = near.condition
        if condition is None or u in condition.expr.free_symbols:
            raise NoValue(f"{math_text(limit)}: {wanted}, which could not be shown {where}")
        if condition.expr.is_number:
            if _number_holds(condition.expr, condition.kind):
                continue
            raise NoValue(f"{math_text(limit)}: {wanted}, which could not be shown {where}")
        guard = Requirement(condition.expr, condition.kind, limit)
        (report.guards if exact(need) else report.needed).append(guard)


def _one_side(
    limit: sympy.Limit, x: sympy.Symbol, side: str, report: LimitReport
) -> tuple[sympy.Expr, str]:
    """The limit from one side ('+' or '-'; at ±∞ the only one), and how it was found."""
    body, _x, point, direction = limit.args
    u = small()
    substitution, back = approach(x, point, side, u)
    if point.is_infinite:
        where = "as it grows" if point == sympy.oo else "as it decreases"
    else:
        where = f"{'right' if side == '+' else 'left'} of {math_text(point)}"
    resolved = resolve_near(put(body, substitution), u)
    if resolved is None:
        raise NoValue(
            f"{math_text(limit)}: the conditions of its body could not be decided {where}"
        )
    _defined_beside(body, resolved, (u, substitution, back), limit, report, where)
    if has_switch(body, x):
        value, _how = _value_of(sympy.Limit(resolved, u, 0, "+"))
        how = f"its switches resolved {where}"
    else:
        one_sided = sympy.Limit(body, x, point, direction if point.is_infinite else side)
        value, how = _value_of(one_sided)
    if isinstance(value, str):
        raise NoValue(f"SymPy could not compute {math_text(limit)}: {value}")
    if value.has(sympy.Limit, sympy.AccumBounds, sympy.nan, sympy.zoo) or not_real_parts(value):
        raise NoValue(f"SymPy could not compute {math_text(limit)}")
    branches = value.args if isinstance(value, sympy.Piecewise) else ((value, True),)
    if any(v.is_finite is not True and v.is_infinite is not True for v, _c in branches):
        # ∞·sign(a): SymPy's value for a generic a, none at a = 0 (where the body may
        # well have a limit: a/x² is 0 there)
        raise NoValue(
            f"{math_text(limit)}: SymPy's value {math_text(value)} {where} holds only for "
            "some values of the other symbols"
        )
    return value, how


def _value_of(limit: sympy.Limit) -> tuple[sympy.Basic | str, str]:
    """The limit's value and how it was found; where it depends on the other symbols in a
    way no single argument covers, by cases on a sign or an order (``limit_cases``)."""
    value, how = limit_value(limit)
    if isinstance(value, str) and limit.args[0].free_symbols - {limit.args[1]}:
        split = split_limit(limit)
        if split is not None:
            return split
    return value, how


def _as_real_variable(limit: sympy.Limit, domain: Domain | None) -> tuple[sympy.Limit, str]:
    """An integer variable going to ±∞ is a sequence: its limit is that of the body as a
    function of a real variable when that exists (the body may already have used that the
    variable is an integer; what it became holds at every integer, so the sequence is the
    same)."""
    body, x, point, direction = limit.args
    if domain is None or not domain.integer or not point.is_infinite:
        return limit, ""
    real = (
        sympy.Dummy(str(x), positive=True)
        if point == sympy.oo
        else sympy.Dummy(str(x), negative=True)
    )
    return sympy.Limit(put(body, {x: real}), real, point, direction), " (as a sequence)"


def limit_of(
    limit: sympy.Limit, domain: Domain | None, name: str, report: LimitReport
) -> sympy.Expr:
    """The value of a limit whose point is a limit point of the domain, or NoValue."""
    problem = _point_problem(limit, domain, name)
    if problem:
        raise NoValue(problem)
    limit, sequence = _as_real_variable(limit, domain)
    _body, x, point, direction = limit.args
    if point.is_infinite:
        sides = [str(direction)]
    else:
        sides = ["+", "-"] if str(direction) == "+-" else [str(direction)]
    found = [_one_side(limit, x, side, report) for side in sides]
    value, how = found[0]
    if len(found) == 2:
        other, other_how = found[1]
        same = same_value(value, other)
        if same is False:
            raise Differs(
                f"{math_text(limit)} does not exist: from the right {math_text(value)}, "
                f"from the left {math_text(other)}",
                Absent(limit, value, other),
            )
        if same is None:
            raise NoValue(
                f"{math_text(limit)}: the limits from the right ({math_text(value)}) and the "
                f"left ({math_text(other)}) could not be shown equal"
            )
        how = how if how == other_how else f"from the right {how}; from the left {other_how}"
        how = f"both sides: {how}"
    report.notes.append(f"{math_text(limit)} = {math_text(value)} ({how}{sequence})")
    return value


def evaluate_limits(
    expr: sympy.Basic,
    infos: Mapping[sympy.Basic, DomainInfo],
    declared: Mapping[sympy.Basic, Domain],
    report: LimitReport,
) -> sympy.Basic:
    """Replace every limit by its value; note how, or why it has none. ``declared`` holds
    each variable's declared domain (a chain's ``where`` does not fix the variable of a
    limit); ``infos`` the domains of the other symbols, with the chain's fixed values."""

    def compute(limit: sympy.Limit, into: LimitReport) -> sympy.Basic | None:
        variable = limit.args[1]
        name = infos[variable].name if variable in infos else str(variable)
        try:
            return limit_of(limit, declared.get(variable), name, into)
        except Differs as error:
            into.absent.append(error.absent)
            into.problems.append(str(error))
            return None
        except NoValue as error:
            into.problems.append(str(error))
            return None

    def carry_out(limit: sympy.Limit) -> sympy.Basic:
        # A limit that depends on a finite-set symbol is computed once per value of it.
        finite = sorted(
            (s for s in limit.free_symbols if s in infos and infos[s].domain.values), key=str
        )
        if not finite:
            value = compute(limit, report)
            return limit if value is None else value
        branches = []
        for combo in itertools.product(*(infos[s].domain.values or () for s in finite)):
            case = dict(zip(finite, combo, strict=True))
            in_case = LimitReport()
            value = compute(put(limit, case), in_case)
            report.notes.extend(in_case.notes)
            report.problems.extend(in_case.problems)
            # What a case needs of the other symbols holds only in that case: not stated.
            for guard in (*in_case.guards, *in_case.needed):
                shown = ", ".join(f"{s} = {v}" for s, v in case.items())
                report.problems.append(
                    f"{math_text(guard.origin)} needs {math_text(guard.expr)} "
                    f"{KIND_TEXT[guard.kind]} when {shown}; not shown"
                )
                value = None
            if value is None:
                return limit
            condition = sympy.And(*(sympy.Eq(s, v) for s, v in case.items()))
            branches.append((value, condition))
        return sympy.Piecewise(*branches)

    whole = {expr, *(expr.args if isinstance(expr, sympy.Eq) else ())}

    def carry_out_as_number(limit: sympy.Limit) -> sympy.Basic:
        value = carry_out(limit)
        if limit in whole or value is limit or not _may_be_infinite(value):
            return value
        # ±∞ may be a step, or a side of an equation, and be compared; it is no real
        # number to compute with (docs/semantics.md §1): lim x + 1 is undefined
        report.problems.append(
            f"{math_text(limit)} = {math_text(value)} may be infinite, and an infinite "
            "limit is no number to compute with (only a whole step may be ±∞)"
        )
        return limit

    return expr.replace(lambda e: isinstance(e, sympy.Limit), carry_out_as_number)


def _may_be_infinite(value: sympy.Basic) -> bool:
    branches = value.args if isinstance(value, sympy.Piecewise) else ((value, True),)
    return any(v.is_finite is not True for v, _c in branches)
