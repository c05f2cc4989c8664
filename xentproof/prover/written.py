"""Where the steps are defined *as written*.

SymPy simplifies while it builds: ``x*(x + 1)/x`` arrives here as ``x + 1`` and
``exp(log(u))`` as ``u``. The reader records what each written operation needs (a step's
``guards``); this module makes sure of them before anything is proved. A guard the declared
domains show is a side condition of the proof; a point of the domains where one side as
written is undefined and the other is a real number is a counterexample, as it is when
SymPy's own object is undefined there; anything else leaves the relation UNPROVED.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy

from ..definedness import Requirement, requirements
from ..notation import math_text
from ..result import Counterexample, Verdict
from ..substitution import put
from .declared import DomainInfo
from .establish import KIND_TEXT, establish
from .exact import approx_text, exact_text, shown_point
from .numeric import Undefined, evaluate
from .sampling import rng_for, sample_points


@dataclass(frozen=True)
class Written:
    """What the written form adds: conditions to report, or the outcome instead of a proof."""

    conditions: tuple[str, ...] = ()
    verdict: Verdict | None = None
    counterexample: Counterexample | None = None
    reason: str = ""


def _guard_holds(value: sympy.Expr, kind: str) -> bool | None:
    """Whether a guard's expression, at a point, is of its kind: True, False, or None when
    SymPy cannot tell."""
    if kind == "positive":
        return value.is_positive  # type: ignore[no-any-return]
    if kind == "nonnegative":
        return value.is_nonnegative  # type: ignore[no-any-return]
    return value.is_zero is False if value.is_zero is not None else None


def check_written(
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    guards: tuple[Sequence[Requirement], Sequence[Requirement]],
    infos: Mapping[sympy.Basic, DomainInfo],
) -> Written:
    """Check the guards of each side (``guards``: the left's and the right's, unfolded) that
    the built sides ``lhs`` and ``rhs`` do not already require."""
    implied = {(r.expr, r.kind) for r in requirements(lhs) + requirements(rhs)}
    extra = [
        [g for g in side if (g.expr, g.kind) not in implied and not g.expr.is_number]
        for side in guards
    ]
    if not any(extra):
        return Written()
    shown: list[str] = []
    failing: list[Requirement] = []
    for guard in dict.fromkeys(g for side in extra for g in side):
        facts = establish(guard.expr, guard.kind, infos)
        if facts is None:
            failing.append(guard)
        else:
            shown.append(f"{math_text(guard.expr)} {KIND_TEXT[guard.kind]}")
    if not failing:
        return Written(conditions=(f"defined as written: {', '.join(shown)}",))
    found = _point_undefined(lhs, rhs, (extra[0], extra[1]), infos)
    if found is not None:
        return Written(verdict=Verdict.REFUTED, counterexample=found)
    guard = failing[0]
    return Written(
        verdict=Verdict.UNPROVED,
        reason=f"{math_text(guard.origin)} as written needs {math_text(guard.expr)} "
        f"{KIND_TEXT[guard.kind]}, which could not be shown on the declared domains",
    )


def _point_undefined(
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    guards: tuple[Sequence[Requirement], Sequence[Requirement]],
    infos: Mapping[sympy.Basic, DomainInfo],
) -> Counterexample | None:
    """A sample point where exactly one side, as written, is undefined (confirmed exactly)
    and the other is a real number."""
    exprs = [lhs, rhs, *(g.expr for side in guards for g in side)]
    if any(e.has(sympy.Indexed) for e in exprs):
        return None
    symbols = sorted((s for e in exprs for s in e.free_symbols if s in infos), key=lambda s: str(s))
    symbols = list(dict.fromkeys(symbols))
    rng: random.Random = rng_for("written", sympy.srepr(lhs), sympy.srepr(rhs))
    for point in sample_points(symbols, infos, rng):
        broken = []
        for side in guards:
            bad = None
            for guard in side:
                if _guard_holds(put(guard.expr, point), guard.kind) is False:
                    bad = guard
                    break
            broken.append(bad)
        if (broken[0] is None) == (broken[1] is None):
            continue
        undefined_left = broken[0] is not None
        culprit = broken[0] if undefined_left else broken[1]
        assert culprit is not None
        defined_side = rhs if undefined_left else lhs
        number = evaluate(defined_side, point)
        if number is None or isinstance(number, Undefined):
            continue
        value = put(defined_side, point)
        if not value.is_extended_real or value.has(sympy.nan, sympy.zoo):
            continue
        where = put(culprit.expr, point)
        undefined = (
            f"undefined as written: {math_text(culprit.origin)} needs "
            f"{math_text(culprit.expr)} {KIND_TEXT[culprit.kind]}, here {sympy.sstr(where)}"
        )
        shown = shown_point(point, infos)
        if undefined_left:
            return Counterexample(
                shown, undefined, exact_text(value), "undefined", approx_text(value)
            )
        return Counterexample(shown, exact_text(value), undefined, approx_text(value), "undefined")
    return None
