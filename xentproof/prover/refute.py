"""Refutation: look for a point inside the declared domains where a relation fails.

Candidates come from the fast mpmath evaluator; a candidate becomes a counterexample only
when SymPy's adaptive-precision evaluation (``evalf(strict=True)``, which raises rather
than return digits it cannot guarantee) confirms the difference at the exact point.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import mpmath
import sympy

from ..domains import sample_values
from ..result import Counterexample
from .cases import DomainInfo, put
from .numeric import Undefined, evaluate

FAST_DPS = 30
CONFIRM_DIGITS = 30
CONFIRM_MAX_DIGITS = 600  # evalf's working precision may grow this far to confirm
MAX_POINTS = 60


@dataclass
class Evidence:
    """What the numeric stage saw; filled in as it goes, so a time-out keeps it."""

    agreeing: int = 0
    tried: int = 0
    undefined: int = 0

    def describe(self) -> str:
        if self.tried == 0:
            return "no numeric evidence (the expressions could not be evaluated at sample points)"
        text = f"agrees at {self.agreeing} of {self.tried} sampled points"
        if self.undefined:
            text += f" ({self.undefined} undefined)"
        return text


def rng_for(*parts: str) -> random.Random:
    """A generator seeded by the relation itself, so runs are reproducible."""
    digest = hashlib.sha256("\x00".join(parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def sample_points(
    symbols: Sequence[sympy.Basic],
    infos: Mapping[sympy.Basic, DomainInfo],
    rng: random.Random,
    limit: int = MAX_POINTS,
) -> list[dict[sympy.Basic, sympy.Expr]]:
    """Points inside the domains: every finite-set combination, spread over the others."""
    finite = [s for s in symbols if infos[s].domain.is_finite]
    other = [s for s in symbols if not infos[s].domain.is_finite]
    finite_combos = list(itertools.product(*(infos[s].domain.values or () for s in finite)))
    finite_combos = finite_combos[:limit]
    per_symbol = {s: sample_values(infos[s].domain, rng) for s in other}
    points: list[dict[sympy.Basic, sympy.Expr]] = []
    rounds = max(1, limit // max(1, len(finite_combos)))
    for k in range(rounds):
        for combo in finite_combos:
            point: dict[sympy.Basic, sympy.Expr] = dict(zip(finite, combo, strict=True))
            for j, s in enumerate(other):
                values = per_symbol[s]
                if not values:
                    continue
                # Walk each symbol's samples with a different stride, then at random.
                index = (
                    (k * (2 * j + 1)) % len(values)
                    if k < len(values)
                    else rng.randrange(len(values))
                )
                point[s] = values[index]
            if point not in points:
                points.append(point)
    return points


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


def _confirm(relation: str, lhs: sympy.Expr, rhs: sympy.Expr) -> bool:
    """Confirm with SymPy's strict adaptive-precision evaluation at the exact point.

    ``evalf(strict=True)`` raises when it cannot guarantee its digits, which is what an
    exact zero does; a strict relation (``<``, ``>``) also fails at an exact tie, which
    is then shown exactly.
    """
    difference = lhs - rhs
    try:
        value = difference.evalf(CONFIRM_DIGITS, strict=True, maxn=CONFIRM_MAX_DIGITS)
    except (sympy.core.evalf.PrecisionExhausted, ValueError, TypeError, ZeroDivisionError):
        value = None
    if value is not None and (not value.is_number or value.has(sympy.nan, sympy.zoo, sympy.oo)):
        return False
    if value is None:
        tie = relation in ("<", ">") and sympy.expand(difference) == 0
        return bool(tie)
    re_part, im_part = value.as_real_imag()
    if relation == "=":
        return bool(re_part != 0 or im_part != 0)
    if im_part != 0:
        return False
    if relation in ("<", "<="):
        return bool(re_part > 0)
    return bool(re_part < 0)


def _text(value: sympy.Expr) -> str:
    text = sympy.sstr(value)
    return text if len(text) <= 120 else "…"


def _approx(value: sympy.Expr) -> str:
    try:
        return str(sympy.sstr(value.evalf(20)))
    except (ValueError, TypeError):
        return "?"


def find_counterexample(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    rng: random.Random,
    evidence: Evidence,
) -> Counterexample | None:
    """A confirmed point inside the domains where ``lhs relation rhs`` fails, or None."""
    return Search(relation, lhs, rhs, infos, rng, evidence).run()


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
    ) -> None:
        self.relation, self.lhs, self.rhs = relation, lhs, rhs
        self.infos, self.rng, self.evidence = infos, rng, evidence
        self.found: Counterexample | None = None
        self._exact_answer = _infinite_mismatch(relation, lhs, rhs)
        symbols = sorted((s for s in lhs.free_symbols | rhs.free_symbols if s in infos), key=str)
        bases = sorted(
            {a.base for e in (lhs, rhs) for a in e.atoms(sympy.Indexed) if a.base in infos},
            key=str,
        )
        self._members = _family_members(bases, infos, rng)
        self._points = sample_points(symbols, infos, rng) if self._exact_answer is None else []
        self._next = 0

    @property
    def finished(self) -> bool:
        return self.found is not None or self._next >= len(self._points)

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
        return None

    def _try(self, point: dict[sympy.Basic, sympy.Expr]) -> Counterexample | None:
        relation, lhs, rhs, infos, evidence = (
            self.relation,
            self.lhs,
            self.rhs,
            self.infos,
            self.evidence,
        )
        point |= {member: self.rng.choice(choices) for member, choices in self._members}
        evidence.tried += 1
        a = evaluate(lhs, point, FAST_DPS)
        b = evaluate(rhs, point, FAST_DPS)
        if a is None or b is None or (isinstance(a, Undefined) and isinstance(b, Undefined)):
            evidence.undefined += 1
            return None
        if isinstance(a, Undefined) or isinstance(b, Undefined):
            found = _one_side_undefined(lhs, rhs, a, b, point, infos)
            if found is None:
                evidence.undefined += 1
            return found
        if not fails(relation, a, b, FAST_DPS):
            evidence.agreeing += 1
            return None
        exact_lhs, used_lhs = _exact(lhs, point)
        exact_rhs, used_rhs = _exact(rhs, point)
        if _confirm(relation, exact_lhs, exact_rhs):
            shown = {k: v for k, v in point.items() if not isinstance(k, sympy.Indexed)}
            shown |= {k: point[k] for k in sorted(used_lhs | used_rhs, key=str)}
            return Counterexample(
                point=_shown_point(shown, infos),
                lhs=_text(exact_lhs),
                rhs=_text(exact_rhs),
                lhs_approx=_approx(exact_lhs),
                rhs_approx=_approx(exact_rhs),
            )
        evidence.agreeing += 1
        return None


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
        return Counterexample({}, _text(lhs), _text(rhs), _approx(lhs), _approx(rhs))
    return None


FAMILY_INDICES = range(0, 7)  # y[0] … y[6]: enough for the small sums refutation builds


def _family_members(
    bases: Sequence[sympy.IndexedBase], infos: Mapping[sympy.Basic, DomainInfo], rng: random.Random
) -> list[tuple[sympy.Basic, list[sympy.Expr]]]:
    """Every member y[k] (or p[n, k]) a point may use, with the values its family allows;
    built once per relation, since making SymPy objects is what costs here."""
    members: list[tuple[sympy.Basic, list[sympy.Expr]]] = []
    for base in bases:
        choices = sample_values(infos[base].domain, rng)
        rank = max(1, infos[base].rank)
        for indices in itertools.product(FAMILY_INDICES, repeat=rank):
            members.append((base[indices if rank > 1 else indices[0]], choices))
    return members


def _exact(
    expr: sympy.Expr, point: Mapping[sympy.Basic, sympy.Expr]
) -> tuple[sympy.Expr, set[sympy.Basic]]:
    """The exact value at a point: sums over a now concrete range are expanded, and the
    family members they bring in (y[1], y[2]) take their values too."""
    value = put(expr, point).doit()
    members = {a for a in value.atoms(sympy.Indexed) if a in point}
    return put(value, point), members


def _shown_point(
    point: Mapping[sympy.Basic, sympy.Expr], infos: Mapping[sympy.Basic, DomainInfo]
) -> dict[str, str]:
    shown = {}
    for key, value in point.items():
        name = sympy.sstr(key) if isinstance(key, sympy.Indexed) else infos[key].name
        shown[name] = sympy.sstr(value)
    return shown


def _not_real_at(culprit: sympy.Basic, point: Mapping[sympy.Basic, sympy.Expr]) -> bool:
    """Confirm exactly that ``culprit`` (log, power, tan) is not a real number at ``point``."""

    def sign(value: sympy.Expr) -> int | None:
        value = put(value, point)
        if value == 0:
            return 0
        try:
            approx = value.evalf(CONFIRM_DIGITS, strict=True, maxn=CONFIRM_MAX_DIGITS)
        except (sympy.core.evalf.PrecisionExhausted, ValueError, TypeError):
            # Not decidable at bounded precision: no confirmation (simplify here could run
            # for seconds on a large exact constant).
            return None
        if not approx.is_real:
            return None
        return 1 if approx > 0 else -1

    if isinstance(culprit, sympy.log):
        return sign(culprit.args[0]) in (0, -1)
    if isinstance(culprit, sympy.tan):
        return sign(sympy.cos(culprit.args[0])) == 0
    if isinstance(culprit, sympy.Pow):
        base, exponent = culprit.args
        base_sign = sign(base)
        if base_sign == 0:
            return sign(exponent) in (0, -1)
        return base_sign == -1 and exponent.is_integer is not True
    return False


def _culprit_text(culprit: sympy.Basic, point: Mapping[sympy.Basic, sympy.Expr]) -> str:
    """``log(-1)`` as the reader would write it (SymPy would turn it into ``I*pi``)."""
    args = [sympy.sstr(put(a, point)) for a in culprit.args]
    if isinstance(culprit, sympy.Pow):
        return f"({args[0]})**({args[1]})"
    return f"{type(culprit).__name__}({', '.join(args)})"


def _one_side_undefined(
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    a: object,
    b: object,
    point: Mapping[sympy.Basic, sympy.Expr],
    infos: Mapping[sympy.Basic, DomainInfo],
) -> Counterexample | None:
    """A point where one side is a real number and the other is undefined over the reals."""
    undefined_side, defined_side = (lhs, rhs) if isinstance(a, Undefined) else (rhs, lhs)
    marker = a if isinstance(a, Undefined) else b
    if not isinstance(marker, Undefined):
        return None
    culprit = marker.culprit
    if not _not_real_at(culprit, point):
        return None
    value = put(defined_side, point).doit()
    try:
        approx = value.evalf(CONFIRM_DIGITS, strict=True, maxn=CONFIRM_MAX_DIGITS)
    except (sympy.core.evalf.PrecisionExhausted, ValueError, TypeError):
        approx = sympy.Integer(0) if value == 0 else None
    if approx is None or not approx.is_real:
        return None
    shown = f"undefined over the reals: {_culprit_text(culprit, point)}"
    defined_text, defined_approx = _text(value), _approx(value)
    if undefined_side is lhs:
        return Counterexample(
            _shown_point(point, infos), shown, defined_text, "undefined", defined_approx
        )
    return Counterexample(
        _shown_point(point, infos), defined_text, shown, defined_approx, "undefined"
    )
