"""Limits as steps: carried out by SymPy (Gruntz's algorithm) before the cascade runs.

A limit must approach its point from inside the declared domain: ``yhat -> 0`` with
``yhat`` in (0, 1) is taken from the right; asking for it from the left would leave the
domain, which is reported rather than silently computed.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy

from ..notation import math_text
from .cases import DomainInfo, put


@dataclass
class LimitReport:
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _direction_problem(limit: sympy.Limit, infos: Mapping[sympy.Basic, DomainInfo]) -> str:
    _expr, variable, point, direction = limit.args
    info = infos.get(variable)
    if info is None or info.domain.is_finite:
        return ""
    domain = info.domain
    side = str(direction)
    if point == domain.lo and side != "+":
        return f"{math_text(limit)} approaches {point} from outside {domain.text}: use '+'"
    if point == domain.hi and side != "-":
        return f"{math_text(limit)} approaches {point} from outside {domain.text}: use '-'"
    if point.is_finite and not (bool(point >= domain.lo) and bool(point <= domain.hi)):
        return f"{math_text(limit)}: the point {point} lies outside {domain.text}"
    return ""


# SymPy's value of each limit asked for in this process (or why it has none): the same
# limit is asked for on both sides of a step and again by the next relation of the chain.
# ``limit.doit()`` depends on the limit alone (its symbols carry their assumptions).
_VALUES: dict[sympy.Basic, sympy.Basic | str] = {}
_MAX_VALUES = 4096


def _value(limit: sympy.Limit) -> sympy.Basic | str:
    """SymPy's value of the limit, or the text of the error it raised."""
    if limit in _VALUES:
        return _VALUES[limit]
    value: sympy.Basic | str
    try:
        value = limit.doit()
    except (NotImplementedError, ValueError, TypeError, ZeroDivisionError) as error:
        value = str(error)
    if len(_VALUES) < _MAX_VALUES:
        _VALUES[limit] = value
    return value


def evaluate_limits(
    expr: sympy.Basic, infos: Mapping[sympy.Basic, DomainInfo], report: LimitReport
) -> sympy.Basic:
    """Replace every limit SymPy can compute by its value; note how, or why not."""

    def compute(limit: sympy.Limit) -> sympy.Basic | None:
        value = _value(limit)
        if isinstance(value, str):
            report.problems.append(f"SymPy could not compute {math_text(limit)}: {value}")
            return None
        if value.has(sympy.Limit, sympy.AccumBounds) or value is sympy.nan:
            report.problems.append(f"SymPy could not compute {math_text(limit)}")
            return None
        report.notes.append(f"{math_text(limit)} = {math_text(value)} (SymPy's limit, Gruntz)")
        return value

    def carry_out(limit: sympy.Limit) -> sympy.Basic:
        problem = _direction_problem(limit, infos)
        if problem:
            report.problems.append(problem)
            return limit
        # A limit that depends on a finite-set symbol is computed once per value of it.
        finite = sorted(
            (s for s in limit.free_symbols if s in infos and infos[s].domain.values), key=str
        )
        if not finite:
            value = compute(limit)
            return limit if value is None else value
        branches = []
        for combo in itertools.product(*(infos[s].domain.values or () for s in finite)):
            case = dict(zip(finite, combo, strict=True))
            value = compute(put(limit, case))
            if value is None:
                return limit
            condition = sympy.And(*(sympy.Eq(s, v) for s, v in case.items()))
            branches.append((value, condition))
        return sympy.Piecewise(*branches)

    return expr.replace(lambda e: isinstance(e, sympy.Limit), carry_out)
