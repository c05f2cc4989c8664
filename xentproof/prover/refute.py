"""Refutation: look for a point inside the declared domains where a relation fails.

Candidates come from the fast mpmath evaluator at the sample points (``sampling``), then
at the points where the two sides meet (``critical``); a candidate becomes a counterexample
only when SymPy's adaptive-precision evaluation (``evalf(strict=True)``, which raises rather
than return digits it cannot guarantee) confirms the difference at the exact point. Points
where a side is undefined over the reals are looked at by ``undefined``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import mpmath
import sympy
from sympy.polys.polyerrors import BasePolynomialError

from ..definedness import Requirement
from ..result import Counterexample
from ..substitution import put
from ..timing import BudgetSpent, bounded
from .breaks import all_switches, break_values, far_counts, on_switches
from .confirm import confirmed
from .constrained import keep_to_constraints
from .critical import CRITICAL_SECONDS, critical_points
from .declared import DomainInfo
from .exact import approx_text, exact_text, shown_point
from .infinite_values import infinite_mismatch
from .numeric import FAST_DPS, Undefined, evaluate
from .obligations import holds_at
from .outcome import Evidence
from .ranges import contract_ranges, expand_concrete
from .sampling import (
    Members,
    family_members,
    member_values,
    range_members,
    sample_points,
    with_members,
)
from .undefined import (
    MAX_BOTH_UNDEFINED,
    both_sides_undefined,
    defined_at_higher_precision,
    one_side_undefined,
)


def fails(
    relation: str, lhs: mpmath.mpf | mpmath.mpc, rhs: mpmath.mpf | mpmath.mpc, dps: int
) -> bool:
    """Whether the relation may fail between two numeric values (a candidate to confirm)."""
    scale = max(mpmath.mpf(1), abs(lhs), abs(rhs))
    tol = mpmath.mpf(10) ** (-(dps // 2)) * scale
    if relation == "=":
        return bool(abs(lhs - rhs) > tol)
    if isinstance(lhs, mpmath.mpc) or isinstance(rhs, mpmath.mpc):
        return False  # an order between non-real values is no counterexample we can state
    gap = rhs - lhs  # "lhs < rhs" holds when gap > 0
    if relation == "<":
        return bool(gap <= tol)
    if relation == "<=":
        return bool(gap < -tol)
    if relation == ">":
        return bool(gap >= -tol)
    return bool(gap > tol)


@dataclass(frozen=True)
class AtPoint:
    """A relation at one point, exactly: its sides, each side's numeric value (an
    ``Undefined`` with its culprit at the point), and the point with the members used."""

    sides: tuple[sympy.Expr, sympy.Expr]
    undefined: tuple[Any, Any]
    point: dict[sympy.Basic, sympy.Expr]


class Search:
    """The search for a counterexample over the sample points, resumable: ``run(k)`` tries
    the points up to the k-th, a later ``run()`` goes on from there with the same points
    (and the same random draws) that one uninterrupted search would have used."""

    def __init__(
        self,
        relation: str,
        lhs: sympy.Expr,
        rhs: sympy.Expr,
        infos: Mapping[sympy.Basic, DomainInfo],
        rng: random.Random,
        evidence: Evidence,
        needs: Sequence[Requirement] = (),
    ) -> None:
        self.relation, self.lhs, self.rhs = relation, lhs, rhs
        # What the sides need where they stand for the written step (a derivative's body
        # defined around the point) and could not be shown on the domains: a
        # counterexample must satisfy each of them, exactly, at its point.
        self.needs = tuple(needs)
        self.infos, self.rng, self.evidence = infos, rng, evidence
        self.found: Counterexample | None = None
        self._exact_answer = _infinite_mismatch(relation, lhs, rhs) or infinite_mismatch(
            relation, lhs, rhs, infos
        )
        symbols = sorted((s for s in lhs.free_symbols | rhs.free_symbols if s in infos), key=str)
        bases = sorted(
            {a.base for e in (lhs, rhs) for a in e.atoms(sympy.Indexed) if a.base in infos},
            key=str,
        )
        self._members = family_members(bases, infos, rng)
        self._draws = 0  # of the members' values
        self._far: dict[tuple[tuple[str, sympy.Expr], ...], Members] = {}
        difference = None if relation == "=" else lhs - rhs
        switched = all_switches([lhs, rhs])
        first = break_values([lhs, rhs], symbols, infos, difference, switched)
        last = far_counts([lhs, rhs], symbols, infos)
        self._points = (
            sample_points(symbols, infos, rng, first=first, last=last)
            if self._exact_answer is None
            else []
        )
        self._points += on_switches(switched, self._points, infos)
        if self._members:
            self._points = with_members(self._points)
        self._symbols = symbols
        self._next = 0
        # Points where the sides agreed at low precision, looked at again at higher
        # precision once every sample point has been tried (a difference of 1e-40 hides
        # below FAST_DPS); then the points where the sides meet (see ``critical``).
        self._close: list[dict[sympy.Basic, sympy.Expr]] = []
        # Points the working precision could not decide (a condition Eq(x**2, 2) at
        # x = sqrt(2), a tie): evaluated exactly once every sample point has been tried.
        self._undecided: list[dict[sympy.Basic, sympy.Expr]] = []
        # The close agreements where the sides are smallest: an absolute difference such as
        # x**2 + 10**-200 against x**2 shows there first.
        self._smallest: list[tuple[Any, int, dict[sympy.Basic, sympy.Expr]]] = []
        self._extra_done = self._exact_answer is not None
        # Points where neither side is real, looked at last (see ``_both_sides_undefined``):
        # a counterexample with real values says more.
        self._undefined: list[tuple[dict[sympy.Basic, sympy.Expr], Undefined, Undefined]] = []
        self._undefined_seconds = 0.0  # spent on points where one side is undefined

    @property
    def finished(self) -> bool:
        return self.found is not None or (self._next >= len(self._points) and self._extra_done)

    def run(self, limit: int | None = None) -> Counterexample | None:
        """Go on trying points, up to the ``limit``-th of them (all when None)."""
        if self._exact_answer is not None:
            self.found = self._exact_answer
        if self.found is not None:
            return self.found
        stop = len(self._points) if limit is None else min(limit, len(self._points))
        while self._next < stop:
            point = self._points[self._next]
            self._next += 1
            self.found = self._try(point)
            if self.found is not None:
                return self.found
        if limit is None and not self._extra_done:
            self._extra_done = True
            self.found = self._extra()
        return self.found

    def _extra(self) -> Counterexample | None:
        """After the sample points: close agreements at higher precision, then the points
        where the two sides meet, each within a small time budget."""
        for point in self._close:
            found = self._confirmed(point, escalated=True)
            if found is not None and self._admissible(point):
                return found
        # A difference below every escalated precision (x**2 + 10**-200 against x**2), and
        # the points no precision decided: SymPy's strict evaluation at the exact point.
        strict = self._exactly_at([point for *_, point in self._smallest] + self._undecided)
        if strict is not None:
            return strict
        candidates: list[dict[sympy.Basic, sympy.Expr]] = []
        try:
            with bounded(CRITICAL_SECONDS) as deadline:
                critical_points(
                    self.relation,
                    self.lhs - self.rhs,
                    self._symbols,
                    self.infos,
                    self._points,
                    deadline,
                    candidates,
                )
        except BudgetSpent:  # the alarm came as the body ended
            pass
        tried: list[dict[sympy.Basic, sympy.Expr]] = []
        for point in candidates:
            if point in self._points or point in tried:
                continue
            tried.append(point)
            found = self._try(point)
            if found is not None:
                return found
        for point, a, b in self._undefined:
            try:
                exact = self._at_point(point, a, b)
                found = both_sides_undefined(
                    *exact.sides, *exact.undefined, exact.point, self.infos
                )
            except POINT_ERRORS:
                continue
            if found is not None and self._admissible(point):
                self.evidence.undefined -= 1
                self.evidence.undefined_points -= 1
                return found
        return None

    def _one_side_undefined(
        self,
        a: mpmath.mpf | Undefined,
        b: mpmath.mpf | Undefined,
        point: dict[sympy.Basic, sympy.Expr],
    ) -> Counterexample | None:
        exact = self._at_point(point, a, b)
        return one_side_undefined(*exact.sides, *exact.undefined, exact.point, self.infos)

    def _one_side_undefined_within(
        self,
        a: mpmath.mpf | Undefined,
        b: mpmath.mpf | Undefined,
        point: dict[sympy.Basic, sympy.Expr],
    ) -> Counterexample | None:
        """``_one_side_undefined`` within what is left of UNDEFINED_SECONDS for the relation,
        at most ONE_UNDEFINED_SECONDS a point: the exact values of both sides may cost
        seconds (a sum's derivative written out at n = 10, d = 13), and a value only its
        size made undefined (1/(1 − σ(10¹²))) is defined there after all."""
        left = UNDEFINED_SECONDS - self._undefined_seconds
        if left <= 0:
            return None
        found: list[Counterexample | None] = []
        started = time.perf_counter()
        with bounded(min(left, ONE_UNDEFINED_SECONDS)):
            found.append(self._one_side_undefined(a, b, point))
        self._undefined_seconds += time.perf_counter() - started
        return found[0] if found else None

    def _at_point(self, point: dict[sympy.Basic, sympy.Expr], a: object, b: object) -> AtPoint:
        """Both sides, and the culprit of each undefined value, as they stand at the point
        (sums over a now concrete range carried out, the family members they bring in
        given their values), and the point with the members they use: what the checks of
        ``undefined`` evaluate exactly."""
        (lhs, used_lhs), (rhs, used_rhs) = _exact(self.lhs, point), _exact(self.rhs, point)
        used = used_lhs | used_rhs
        undefined: list[object] = []
        for value in (a, b):
            if isinstance(value, Undefined):
                culprit, members = _exact_operation(value.culprit, point)
                value = Undefined(culprit)
                used |= members
            undefined.append(value)
        shown = {k: v for k, v in point.items() if not isinstance(k, sympy.Indexed) or k in used}
        return AtPoint((lhs, rhs), (undefined[0], undefined[1]), shown)

    def _try(self, point: dict[sympy.Basic, sympy.Expr]) -> Counterexample | None:
        """The counterexample at one point, if the relation fails there; a point SymPy
        cannot handle (it raises, or recurses without end) is skipped, never the end of
        the search."""
        ranged = keep_to_constraints(point, self.infos, self.rng)
        point = ranged if ranged is not None else point
        point |= member_values(self._members + self._far_members(point), self.rng, self._draws)
        self._draws += 1
        self.evidence.tried += 1
        kept = keep_to_constraints(point, self.infos, self.rng) if ranged is not None else None
        if kept is None:  # no point of the constrained set: nothing to try here
            self.evidence.undefined += 1
            return None
        try:
            found = self._try_point(kept)
        except POINT_ERRORS:
            self.evidence.undefined += 1
            return None
        return found if found is None or self._admissible(kept) else None

    def _admissible(self, point: Mapping[sympy.Basic, sympy.Expr]) -> bool:
        """Whether a counterexample may stand at the point: each of ``needs`` holds there."""
        return all(holds_at(need, point) is True for need in self.needs)

    def disagrees(self, limit: int) -> bool:
        """Whether the sides differ clearly, at the working precision, at one of the first
        ``limit`` points (no exact confirmation, nothing counted, the draws of the search
        left as they were): a cheap look that spares a false step the symbolic work meant
        for the true ones. A point that cannot be evaluated says nothing."""
        rng = random.Random()
        rng.setstate(self.rng.getstate())
        for draw, point in enumerate(self._points[:limit]):
            point = point | member_values(self._members, rng, self._draws + draw)
            a = evaluate(self.lhs, point, FAST_DPS)
            b = evaluate(self.rhs, point, FAST_DPS)
            if a is None or b is None or isinstance(a, Undefined) or isinstance(b, Undefined):
                continue
            if fails(self.relation, a, b, FAST_DPS):
                return True
        return False

    def _far_members(self, point: dict[sympy.Basic, sympy.Expr]) -> Members:
        """The members the ranges reach at this point beyond the usual ones, once per
        point of the symbols (the same point comes back with new member values)."""
        if not self._members:
            return []
        key = tuple(
            sorted((str(k), v) for k, v in point.items() if not isinstance(k, sympy.Indexed))
        )
        if key not in self._far:
            self._far[key] = range_members((self.lhs, self.rhs), self._members, point)
        return self._far[key]

    def _try_point(self, point: dict[sympy.Basic, sympy.Expr]) -> Counterexample | None:
        relation, lhs, rhs, evidence = self.relation, self.lhs, self.rhs, self.evidence
        a = evaluate(lhs, point, FAST_DPS)
        b = evaluate(rhs, point, FAST_DPS)
        dps = FAST_DPS
        if isinstance(a, Undefined) or isinstance(b, Undefined):
            # log(1 − σ(t)) at t = 80 is log(0) to 30 digits: a value only rounding made
            # undefined is defined at a higher precision, long before SymPy's exact value
            # of both sides (seconds for a sum's derivative) is asked whether it is
            a, b, dps = defined_at_higher_precision(lhs, rhs, point, a, b, ESCALATION_DPS)
        if isinstance(a, Undefined) and isinstance(b, Undefined):
            evidence.undefined += 1
            evidence.undefined_points += 1
            if relation == "=" and len(self._undefined) < MAX_BOTH_UNDEFINED:
                self._undefined.append((point, a, b))
            return None
        if a is None or b is None:
            evidence.undefined += 1
            if len(self._undecided) < MAX_ESCALATED:
                self._undecided.append(point)
            return None
        if isinstance(a, Undefined) or isinstance(b, Undefined):
            found = self._one_side_undefined_within(a, b, point)
            if found is None:
                evidence.undefined += 1
                evidence.undefined_points += 1
            return found
        if not fails(relation, a, b, dps):
            evidence.agreeing += 1
            if close(a, b, dps):
                if len(self._close) < MAX_ESCALATED:
                    self._close.append(point)
                self._keep_smallest(max(abs(a), abs(b)), point)
            return None
        found = self._confirmed(point)
        if found is None:
            evidence.agreeing += 1
        return found

    def _exactly_at(self, points: list[dict[sympy.Basic, sympy.Expr]]) -> Counterexample | None:
        """The first of ``points`` where SymPy's strict evaluation confirms a failure, all
        of them within one small time budget."""
        found: list[Counterexample] = []
        with bounded(CRITICAL_SECONDS):
            for point in points:
                try:
                    confirmed = self._confirmed(point)
                except POINT_ERRORS:
                    continue
                if confirmed is not None and self._admissible(point):
                    found.append(confirmed)
                    break
        return found[0] if found else None

    def _keep_smallest(self, scale: Any, point: dict[sympy.Basic, sympy.Expr]) -> None:
        self._smallest.append((scale, self.evidence.tried, point))
        self._smallest.sort(key=lambda entry: entry[:2])
        del self._smallest[MAX_ESCALATED:]

    def _confirmed(
        self, point: dict[sympy.Basic, sympy.Expr], escalated: bool = False
    ) -> Counterexample | None:
        """The counterexample at a candidate point, once confirmed exactly; with
        ``escalated``, the point is a candidate only if growing precision shows a stable
        difference in the failing direction."""
        if escalated and not _stable_failure(self.relation, self.lhs, self.rhs, point):
            return None
        exact_lhs, used_lhs = _exact(self.lhs, point)
        exact_rhs, used_rhs = _exact(self.rhs, point)
        if not confirmed(self.relation, exact_lhs, exact_rhs):
            return None
        shown = {k: v for k, v in point.items() if not isinstance(k, sympy.Indexed)}
        shown |= {k: point[k] for k in sorted(used_lhs | used_rhs, key=str)}
        return Counterexample(
            point=shown_point(shown, self.infos),
            lhs=exact_text(exact_lhs),
            rhs=exact_text(exact_rhs),
            lhs_approx=approx_text(exact_lhs),
            rhs_approx=approx_text(exact_rhs),
        )


MAX_ESCALATED = 4  # close agreements looked at again at higher precision
UNDEFINED_SECONDS = 2.0  # for the exact look at points where one side is undefined
ONE_UNDEFINED_SECONDS = 1.0  # for one such point
ESCALATION_DPS = (2 * FAST_DPS, 4 * FAST_DPS, 8 * FAST_DPS)


def close(a: mpmath.mpf | mpmath.mpc, b: mpmath.mpf | mpmath.mpc, dps: int) -> bool:
    """Whether two values agree to about the working precision (a hidden difference may
    lie below it)."""
    scale = max(mpmath.mpf(1), abs(a), abs(b))
    return bool(abs(a - b) <= mpmath.mpf(10) ** (-(dps // 2)) * scale)


def _stable_failure(
    relation: str, lhs: sympy.Expr, rhs: sympy.Expr, point: Mapping[sympy.Basic, sympy.Expr]
) -> bool:
    """Whether the difference lhs − rhs, evaluated at growing precision, settles on a
    nonzero value (rounding noise shrinks with the precision instead) on the side where
    the relation fails."""
    previous = None
    for dps in ESCALATION_DPS:
        a = evaluate(lhs, point, dps)
        b = evaluate(rhs, point, dps)
        if a is None or b is None or isinstance(a, Undefined) or isinstance(b, Undefined):
            return False
        with mpmath.workdps(dps):
            difference = a - b
            if (
                previous is not None
                and difference != 0
                and abs(difference - previous) <= abs(difference) * mpmath.mpf(10) ** -8
            ):
                if relation == "=":
                    return True
                if isinstance(difference, mpmath.mpc):
                    return False
                return bool(difference > 0) == (relation in ("<", "<="))
        previous = difference
    return False


def _infinite_mismatch(relation: str, lhs: sympy.Expr, rhs: sympy.Expr) -> Counterexample | None:
    """e.g. a limit computed as 0 where the step says oo: exact, nothing to sample."""
    infinite = (sympy.oo, -sympy.oo)
    if (
        relation == "="
        and (lhs in infinite or rhs in infinite)
        and lhs != rhs
        and (
            not (lhs.free_symbols | rhs.free_symbols)
            and lhs.is_extended_real
            and rhs.is_extended_real
        )
    ):
        return Counterexample(
            {}, exact_text(lhs), exact_text(rhs), approx_text(lhs), approx_text(rhs)
        )
    return None


# What SymPy may raise on an exact point it cannot handle (a time limit is no error: it is
# not caught here).
POINT_ERRORS = (
    ArithmeticError,
    ValueError,
    TypeError,
    AttributeError,
    NotImplementedError,
    RecursionError,
    BasePolynomialError,  # PolynomialError, NotAlgebraic, …
)


def _exact(
    expr: sympy.Expr, point: Mapping[sympy.Basic, sympy.Expr]
) -> tuple[sympy.Expr, set[sympy.Basic]]:
    """The exact value at a point: sums over a now concrete range are expanded (by the
    contract: see ``ranges``), and the family members they bring in (y[1], y[2]) take
    their values too."""
    value = expand_concrete(put(contract_ranges(expr), point)).doit()
    # the members the expression names outside sums too (y[k] at k = 1 is y[1]), which the
    # substitution above has already replaced by their values
    symbols = {k: v for k, v in point.items() if not isinstance(k, sympy.Indexed)}
    named = {a.xreplace(symbols) for a in expr.atoms(sympy.Indexed)}
    members = {a for a in (*value.atoms(sympy.Indexed), *named) if a in point}
    return put(value, point), members


def _exact_operation(
    culprit: sympy.Basic, point: Mapping[sympy.Basic, sympy.Expr]
) -> tuple[sympy.Basic, set[sympy.Basic]]:
    """An operation (log, power, tan) with its arguments' exact values at the point, the
    operation itself left unevaluated (log(−1), not SymPy's iπ); and the members used."""
    args = [_exact(arg, point) for arg in culprit.args]
    members = {m for _, used in args for m in used}
    return culprit.func(*(arg for arg, _ in args), evaluate=False), members
