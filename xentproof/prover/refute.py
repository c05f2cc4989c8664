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

from ..domains import contains, sample_values
from ..result import Counterexample
from ..substitution import put
from ..timing import BudgetSpent, Deadline, bounded
from .declared import DomainInfo
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
    seen: set[tuple[tuple[sympy.Basic, sympy.Expr], ...]] = set()
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
            key = tuple(point.items())  # every point lists the symbols in one order
            if key not in seen:
                seen.add(key)
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
    is then shown exactly. Astronomically large values are also evaluated side by side at
    growing precision, as evalf's digits of a huge power need not be right.
    """
    difference = lhs - rhs
    try:
        value = difference.evalf(CONFIRM_DIGITS, strict=True, maxn=CONFIRM_MAX_DIGITS)
    except (sympy.core.evalf.PrecisionExhausted, ValueError, TypeError, ZeroDivisionError):
        value = None
    if value is not None and value.is_zero:
        value = None  # an exact zero (not a computed one): only a tie can fail
    if value is not None and (not value.is_number or value.has(sympy.nan, sympy.zoo, sympy.oo)):
        return False
    if value is None:
        return relation in ("<", ">") and _exactly_zero(difference)
    re_part, im_part = value.as_real_imag()
    if relation != "=" and im_part != 0:
        return False
    if not _genuine(lhs, rhs):
        return False
    if relation == "=":
        return bool(re_part != 0 or im_part != 0)
    if relation in ("<", "<="):
        return bool(re_part > 0)
    return bool(re_part < 0)


HUGE = sympy.Float("1e100")


def _genuine(lhs: sympy.Expr, rhs: sympy.Expr) -> bool:
    """False when a side is astronomically large and the two sides cannot be told apart
    (or a side's leading digits change) between two working precisions."""
    previous: tuple[sympy.Expr, sympy.Expr] | None = None
    for digits in (CONFIRM_DIGITS, 2 * CONFIRM_DIGITS):
        try:
            values = (lhs.evalf(digits), rhs.evalf(digits))
        except (ValueError, TypeError, ZeroDivisionError):
            return False
        sizes = [abs(v) for v in values]
        if not all(size.is_number and size.is_comparable for size in sizes):
            return previous is None  # not a plain number: the strict value decides
        biggest = max(sizes, key=lambda size: sympy.Float(size))
        if previous is None and not bool(biggest > HUGE):
            return True
        tolerance = sympy.Float(10) ** (-(CONFIRM_DIGITS // 2)) * biggest
        if not bool(abs(values[0] - values[1]) > tolerance):
            return False
        if previous is not None and any(
            bool(abs(new - old) > tolerance) for new, old in zip(values, previous, strict=True)
        ):
            return False
        previous = values
    return True


def _exactly_zero(value: sympy.Expr) -> bool:
    """An exact tie, shown exactly: the value is 0 as written, expanded, or by its minimal
    polynomial (for an algebraic number)."""
    if value == 0:
        return True
    try:
        if sympy.expand(value) == 0:
            return True
        if value.free_symbols or not value.is_algebraic_expr() or sympy.count_ops(value) > 40:
            return False
        polynomial = sympy.minimal_polynomial(value, sympy.Dummy("t"))
    except (NotImplementedError, ValueError, TypeError, sympy.polys.polyerrors.PolynomialError):
        return False
    return bool(polynomial.is_Symbol)


def _text(value: sympy.Expr) -> str:
    text = sympy.sstr(value)
    return text if len(text) <= 120 else "…"


def _approx(value: sympy.Expr) -> str:
    try:
        return str(sympy.sstr(value.evalf(20)))
    except (ValueError, TypeError):
        return "?"


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
        self._symbols = symbols
        self._next = 0
        # Points where the sides agreed at low precision, looked at again at higher
        # precision once every sample point has been tried (a difference of 1e-40 hides
        # below FAST_DPS); then the points where the sides meet (see ``critical``).
        self._close: list[dict[sympy.Basic, sympy.Expr]] = []
        self._extra_done = self._exact_answer is not None
        # Points where neither side is real, looked at last (see ``_both_sides_undefined``):
        # a counterexample with real values says more.
        self._undefined: list[tuple[dict[sympy.Basic, sympy.Expr], Undefined, Undefined]] = []

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
            if found is not None:
                return found
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
            found = _both_sides_undefined(self.lhs, self.rhs, a, b, point, self.infos)
            if found is not None:
                self.evidence.undefined -= 1
                return found
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
        if isinstance(a, Undefined) and isinstance(b, Undefined):
            evidence.undefined += 1
            if relation == "=" and len(self._undefined) < MAX_BOTH_UNDEFINED:
                self._undefined.append((point, a, b))
            return None
        if a is None or b is None:
            evidence.undefined += 1
            return None
        if isinstance(a, Undefined) or isinstance(b, Undefined):
            found = _one_side_undefined(lhs, rhs, a, b, point, infos)
            if found is None:
                evidence.undefined += 1
            return found
        if not fails(relation, a, b, FAST_DPS):
            evidence.agreeing += 1
            if len(self._close) < MAX_ESCALATED and close(a, b, FAST_DPS):
                self._close.append(point)
            return None
        found = self._confirmed(point)
        if found is None:
            evidence.agreeing += 1
        return found

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
        if not _confirm(self.relation, exact_lhs, exact_rhs):
            return None
        shown = {k: v for k, v in point.items() if not isinstance(k, sympy.Indexed)}
        shown |= {k: point[k] for k in sorted(used_lhs | used_rhs, key=str)}
        return Counterexample(
            point=_shown_point(shown, self.infos),
            lhs=_text(exact_lhs),
            rhs=_text(exact_rhs),
            lhs_approx=_approx(exact_lhs),
            rhs_approx=_approx(exact_rhs),
        )


MAX_ESCALATED = 4  # close agreements looked at again at higher precision
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
            # 0**(negative) divides by zero; 0**0 is 1 by SymPy's (and the polynomial)
            # convention and undefined by the real-exponent one: no counterexample rests on it.
            return sign(exponent) == -1
        return base_sign == -1 and _not_integer(put(exponent, point))
    return False


def _not_integer(value: sympy.Expr) -> bool:
    """Confirm that an exact real number is not an integer (its value, not its form: log(a)
    is 0 at a = 1)."""
    if value.is_integer is not None or value.is_Rational:
        return value.is_integer is False and value.is_real is True
    try:
        approx = value.evalf(CONFIRM_DIGITS, strict=True, maxn=CONFIRM_MAX_DIGITS)
    except (sympy.core.evalf.PrecisionExhausted, ValueError, TypeError):
        return False
    if not approx.is_Float or abs(approx) > HUGE:
        return False
    gap = abs(approx - sympy.Integer(round(approx)))
    return bool(gap > sympy.Float(10) ** (-(CONFIRM_DIGITS // 2)))


def _culprit_text(culprit: sympy.Basic, point: Mapping[sympy.Basic, sympy.Expr]) -> str:
    """``log(-1)`` as the reader would write it (SymPy would turn it into ``I*pi``)."""
    args = [sympy.sstr(put(a, point)) for a in culprit.args]
    if isinstance(culprit, sympy.Pow):
        return f"({args[0]})**({args[1]})"
    return f"{type(culprit).__name__}({', '.join(args)})"


def _value_at(
    side: sympy.Expr, point: Mapping[sympy.Basic, sympy.Expr]
) -> tuple[sympy.Expr, sympy.Expr | None]:
    """A side's exact value at the point, and its value to CONFIRM_DIGITS digits guaranteed
    by SymPy's strict evaluation (None where that cannot be had; 0 for an exact 0)."""
    value = put(side, point).doit()
    try:
        return value, value.evalf(CONFIRM_DIGITS, strict=True, maxn=CONFIRM_MAX_DIGITS)
    except (sympy.core.evalf.PrecisionExhausted, ValueError, TypeError):
        return value, sympy.Integer(0) if value == 0 else None


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
    value, approx = _value_at(defined_side, point)
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


MAX_BOTH_UNDEFINED = 3  # points per search where both sides are undefined, looked at last


def _both_sides_undefined(
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    a: Undefined,
    b: Undefined,
    point: Mapping[sympy.Basic, sympy.Expr],
    infos: Mapping[sympy.Basic, DomainInfo],
) -> Counterexample | None:
    """A point where neither side is a real number and their principal complex values
    differ (log(x³) = 3·log(x) at x = −1: iπ against 3iπ).

    Over the reals the step says nothing there; in SymPy's complex reading the sides differ:
    either way the claimed equality fails at a point of the domain. Sides that agree as
    complex numbers (log(x) = log(x)) are left alone: that step is only declared over too
    wide a domain, which the definedness check reports.
    """
    if not (_not_real_at(a.culprit, point) and _not_real_at(b.culprit, point)):
        return None
    values = []
    for side in (lhs, rhs):
        value, approx = _value_at(side, point)
        if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or approx is None:
            return None
        if not approx.is_number or approx.has(sympy.zoo, sympy.nan):
            return None
        values.append((value, approx))
    (va, xa), (vb, xb) = values
    gap = abs(sympy.N(xa - xb, CONFIRM_DIGITS))
    scale = max(abs(sympy.N(xa, CONFIRM_DIGITS)), abs(sympy.N(xb, CONFIRM_DIGITS)), 1)
    if not (gap.is_real and gap > scale * sympy.Float(10) ** (-(CONFIRM_DIGITS // 2))):
        return None
    shown = "undefined over the reals: {}; as a complex number {}"
    return Counterexample(
        _shown_point(point, infos),
        shown.format(_culprit_text(a.culprit, point), _text(va)),
        shown.format(_culprit_text(b.culprit, point), _text(vb)),
        _approx(va),
        _approx(vb),
    )


# -- points where the two sides meet ------------------------------------------------------

CRITICAL_SECONDS = 0.4  # for finding them, per relation (the points are then tried as usual)
MAX_DEGREE = 12  # exact real roots of polynomials up to this degree
BASE_POINTS = 2  # values of the other symbols at which one symbol is solved for


def critical_points(
    relation: str,
    difference: sympy.Expr,
    symbols: Sequence[sympy.Basic],
    infos: Mapping[sympy.Basic, DomainInfo],
    samples: Sequence[Mapping[sympy.Basic, sympy.Expr]],
    deadline: Deadline,
    found: list[dict[sympy.Basic, sympy.Expr]],
) -> list[dict[sympy.Basic, sympy.Expr]]:
    """Exact points inside the domains where an inequality is most likely to fail: where
    its sides are equal (a strict one fails there) and where their difference is extreme.

    Sampling rarely lands on such a point (``exp(x) > 1 + x`` fails only at x = 0;
    ``(p + q)/2 > sqrt(p*q)`` only where p = q). Found by setting two symbols equal, and by
    solving for one symbol with the others at sampled values: exactly for polynomials,
    otherwise by bisection and an exact guess at the root (``nsimplify``); every point is
    then tried, and confirmed, like a sample point. Appends them to ``found`` as it goes
    (so that what it found before ``deadline``, or an alarm, stopped it is kept).
    """
    if relation == "=" or difference.has(sympy.Indexed, sympy.Sum, sympy.Product):
        return found
    free = [s for s in symbols if not infos[s].domain.is_finite]
    if not free:
        return found
    bases = [dict(p) for p in samples[: 2 * BASE_POINTS]]
    # Two symbols equal (p = q): the equality case of symmetric inequalities.
    for base in bases:
        for s, t in itertools.permutations(free, 2):
            value = base.get(s)
            if value is not None and contains(infos[t].domain, value):
                found.append({**base, t: value})
    for s in free:
        seen: list[dict[sympy.Basic, sympy.Expr]] = []
        for base in bases:
            others = {k: v for k, v in base.items() if k != s}
            if others in seen:
                continue
            seen.append(others)
            if len(seen) > BASE_POINTS or deadline.passed:
                break
            curve = put(difference, others)
            if curve.free_symbols != {s}:
                continue
            grid = sorted({p[s] for p in samples if s in p}, key=lambda v: sympy.Float(v, 20))
            for target in (
                (curve, sympy.diff(curve, s)) if relation in ("<", ">") else (sympy.diff(curve, s),)
            ):
                for root in _roots_in(target, s, infos[s], grid, deadline):
                    found.append({**others, s: root})
    return found


def _roots_in(
    curve: sympy.Expr,
    s: sympy.Basic,
    info: DomainInfo,
    grid: Sequence[sympy.Expr],
    deadline: Deadline,
) -> list[sympy.Expr]:
    """Exact real numbers in the domain at (or very near) the real zeros of ``curve``."""
    if deadline.passed:
        return []
    numerator, _ = sympy.fraction(sympy.together(curve))
    if numerator.is_polynomial(s):
        try:
            polynomial = sympy.Poly(numerator, s)
            if polynomial.get_domain() in (sympy.ZZ, sympy.QQ):
                if not 1 <= polynomial.degree() <= MAX_DEGREE:
                    return []
                exact = list(dict.fromkeys(polynomial.real_roots()))
                return [r for r in exact if contains(info.domain, r)]
        except (sympy.polys.polyerrors.PolynomialError, NotImplementedError, ValueError):
            pass
    # Bisection between grid values where the sign changes, then an exact guess.
    values = []
    for v in grid:
        y = evaluate(curve, {s: v}, FAST_DPS)
        values.append(y if isinstance(y, mpmath.mpf) else None)
    roots: list[sympy.Expr] = []
    for (lo, y_lo), (hi, y_hi) in itertools.pairwise(zip(grid, values, strict=True)):
        if deadline.passed or len(roots) >= 4:
            break
        if y_lo is None or y_hi is None:
            continue
        if y_lo == 0:
            roots.append(lo)
            continue
        if (y_lo > 0) == (y_hi > 0) or y_hi == 0:
            continue
        root = _bisect(curve, s, lo, hi, y_lo > 0)
        if root is not None:
            roots.extend(g for g in _guesses(root) if contains(info.domain, g))
    return roots


def _bisect(
    curve: sympy.Expr, s: sympy.Basic, lo: sympy.Expr, hi: sympy.Expr, lo_positive: bool
) -> mpmath.mpf | None:
    with mpmath.workdps(FAST_DPS):
        a, b = (
            mpmath.mpf(sympy.Float(lo, FAST_DPS)._mpf_),
            mpmath.mpf(sympy.Float(hi, FAST_DPS)._mpf_),
        )
        for _ in range(80):
            middle = (a + b) / 2
            y = evaluate(curve, {s: sympy.Float(middle, FAST_DPS)}, FAST_DPS)
            if not isinstance(y, mpmath.mpf):
                return None
            if y == 0:
                return middle
            if (y > 0) == lo_positive:
                a = middle
            else:
                b = middle
            if b - a <= mpmath.mpf(10) ** (-(FAST_DPS - 5)) * max(1, abs(a)):
                break
        return (a + b) / 2


def _guesses(root: mpmath.mpf) -> list[sympy.Expr]:
    """Exact numbers at a numeric root: a simple rational, else a closed form."""
    value = sympy.Float(root, FAST_DPS)
    guesses: list[sympy.Expr] = []
    tolerance = 10.0 ** (-12) * max(1.0, abs(float(root)))
    rational = sympy.nsimplify(value, rational=True, tolerance=tolerance)
    if rational.is_Rational and rational.q < 10**6:
        guesses.append(rational)
    else:
        closed = sympy.nsimplify(value, tolerance=tolerance)
        if closed.is_number and not closed.is_Float and abs(closed - value) < tolerance:
            guesses.append(closed)
        guesses.append(sympy.Rational(str(sympy.Float(root, 20))))
    return guesses
