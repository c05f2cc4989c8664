"""A counterexample for every symbol the step is written in. A limit carried out may leave
a relation without a symbol its steps hold (lim exp(a/t)/(exp(a/t) + exp(b/t)) = 1/2 for
every a and b): the refuter then compares two constants and names no value of a and b,
and its point {} says nothing a reader (or the reference evaluator) can check. The point is
completed with values inside the domains, where every guard of the step that speaks of those
symbols alone holds exactly if such values are found; None when the domains give none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

import sympy

from ..definedness import Requirement
from ..result import Counterexample
from .declared import DomainInfo
from .exact import shown_point
from .sampling import rng_for, sample_points

MAX_TRIES = 12


def _holds(requirement: Requirement, point: Mapping[sympy.Basic, sympy.Expr]) -> bool:
    value = requirement.expr.xreplace(dict(point))
    if value.free_symbols:
        return False
    if requirement.kind == "positive":
        return value.is_positive is True
    if requirement.kind == "nonnegative":
        return value.is_nonnegative is True
    if requirement.kind == "nonzero":
        return value.is_zero is False
    return False


def completed(
    counterexample: Counterexample,
    written: Iterable[sympy.Basic],
    infos: Mapping[sympy.Basic, DomainInfo],
    guards: Iterable[Requirement],
) -> Counterexample | None:
    """The counterexample with values for the symbols of the written steps it lacks; itself
    when it lacks none; None when their domains give no sample value."""
    named = set(counterexample.point)
    missing = sorted(
        (s for s in written if s in infos and infos[s].name not in named and s.is_Symbol),
        key=str,
    )
    if not missing:
        return counterexample
    # A side is undefined wherever a limit of it does not exist, and a relation fails
    # where a side is undefined (docs/semantics.md §7): any values refute it. Values where
    # the guards on these symbols hold are preferred: there the limits exist, and a
    # reader sees the two values compared.
    concerned = [
        g for g in guards if g.plain and g.expr.free_symbols and g.expr.free_symbols <= set(missing)
    ]
    rng = rng_for("completion", *(str(s) for s in missing))
    points = sample_points(missing, infos, rng, limit=MAX_TRIES)
    chosen = next((p for p in points if all(_holds(g, p) for g in concerned)), None)
    if chosen is None:
        chosen = points[0] if points else None
    if chosen is None:
        return None
    return replace(counterexample, point={**counterexample.point, **shown_point(chosen, infos)})
