"""A limit whose value depends on the sign of a parameter, or on the order of two (issue 18,
class 7): Gruntz's algorithm says "Result depends on the sign of …" or, worse, takes the
leading coefficient nonzero (docs/semantics.md §5). Here the cases are written out, each
through a fresh positive symbol p: a = p, a = 0, a = −p for the sign of a real parameter;
b = a − p, b = a, b = a + p for the order of two real ones (for two positive ones, both
b = a·exp(∓p) and a = b + p / b = a + p, which keep both positive). Each case is decided
by the exact arguments of ``limits`` (which hold for every value of the other symbols),
never by Gruntz's algorithm, and the cases are joined into a Piecewise over the same
conditions. A case left undecided leaves the whole limit undecided.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import sympy

from ..memo import Memo
from ..notation import math_text
from .limits import exact_limit

# Cases: (what the parameter becomes, the condition of the case, the case as text).
Case = tuple[dict[sympy.Basic, sympy.Expr], sympy.Basic, str]

MAX_PARAMETERS = 4  # more would make too many splits to try in the budget
MAX_DEPTH = 1  # splits inside a case of a split (signs first, then orders)
# Cases tried in one split, nested ones included (a count, the same on every machine):
# the three-class softmax as the temperature cools takes 22 and so do three rates
# e^{at} + e^{bt} + e^{ct}; two rates and a constant 12.
MAX_CASES = 32
_CASES_LEFT = [MAX_CASES]

_SPLITS: Memo[sympy.Basic, tuple[sympy.Basic, str] | None] = Memo()


def split_limit(limit: sympy.Limit) -> tuple[sympy.Basic, str] | None:
    """The limit by cases on a parameter's sign or on the order of two parameters, each
    case found exactly; None when no split decides every case (or MAX_CASES are spent)."""

    def find() -> tuple[sympy.Basic, str] | None:
        _CASES_LEFT[0] = MAX_CASES
        return _find_split(limit)

    return _SPLITS.get(limit, find)


def _parameters(limit: sympy.Limit) -> list[sympy.Symbol]:
    expr, x, point = limit.args[:3]
    if point.free_symbols:
        return []  # a case would have to move the point too: not split
    return sorted(
        (s for s in expr.free_symbols - {x} if isinstance(s, sympy.Symbol) and s.is_real),
        key=str,
    )


def _sign_cases(a: sympy.Symbol, p: sympy.Dummy) -> list[Case] | None:
    """a > 0, a = 0, a < 0, as far as a's assumptions leave them open."""
    if a.is_positive or a.is_negative:
        return None  # one case only: nothing to split
    cases: list[Case] = [({a: p}, a > 0, f"{math_text(a)} > 0")]
    cases.append(({a: sympy.Integer(0)}, sympy.Eq(a, 0), f"{math_text(a)} = 0"))
    if not a.is_nonnegative:
        cases.append(({a: -p}, a < 0, f"{math_text(a)} < 0"))
    return cases


def _order_cases(
    a: sympy.Symbol, b: sympy.Symbol, p: sympy.Dummy, through_exp: bool = False
) -> list[Case]:
    """a > b, a = b, a < b, with one written through the other and p: b = a ∓ p; when
    both are positive, ``through_exp`` writes b = a·exp(∓p) (c^t against r^t compare by
    a factor e^{pt}), else the larger is the smaller + p (e^{at} against e^{bt} compare
    by e^{pt}): both keep both positive."""
    shown = math_text(a), math_text(b)
    if a.is_positive and b.is_positive:
        if through_exp:
            below, above = a * sympy.exp(-p), a * sympy.exp(p)
            first: dict[sympy.Basic, sympy.Expr] = {b: below}
        else:
            first, above = {a: b + p}, a + p
    else:
        # the smaller through the larger, in both cases: a split of its own on the larger's
        # sign then decides e^{at} + e^{bt} + 1
        first = {b: a - p}
        return [
            (first, a > b, f"{shown[0]} > {shown[1]}"),
            ({b: a}, sympy.Eq(a, b), f"{shown[0]} = {shown[1]}"),
            ({a: b - p}, a < b, f"{shown[0]} < {shown[1]}"),
        ]
    return [
        (first, a > b, f"{shown[0]} > {shown[1]}"),
        ({b: a}, sympy.Eq(a, b), f"{shown[0]} = {shown[1]}"),
        ({b: above}, a < b, f"{shown[0]} < {shown[1]}"),
    ]


def _splits(
    limit: sympy.Limit, p: sympy.Dummy, signs_first: bool = False
) -> Iterator[tuple[str, list[Case]]]:
    parameters = _parameters(limit)
    if not parameters or len(parameters) > MAX_PARAMETERS:
        return
    signs: list[tuple[str, list[Case] | None]] = [
        (f"the sign of {math_text(a)}", _sign_cases(a, p)) for a in parameters
    ]
    orders: list[tuple[str, list[Case] | None]] = [
        (f"the order of {math_text(a)} and {math_text(b)}", _order_cases(a, b, p, by_exp))
        for a, b in itertools.combinations(parameters, 2)
        for by_exp in ((True, False) if a.is_positive and b.is_positive else (False,))
    ]
    # With two parameters or more, an order decides more often than a sign (the rates of
    # e^{at} + e^{bt}); each split that fails costs every exact argument once per case.
    # Inside a case of a split, the sign of the larger rate decides most (e^{at} + e^{bt}
    # + 1 once a > b), an order the rest (a third rate: e^{a/τ} against e^{c/τ}).
    order = signs + orders if signs_first else orders + signs
    for what, cases in order if len(parameters) > 1 else signs:
        if cases is not None:
            yield what, cases


def _find_split(limit: sympy.Limit, depth: int = 0) -> tuple[sympy.Basic, str] | None:
    p = sympy.Dummy("p", positive=True)
    for what, cases in _splits(limit, p, signs_first=depth > 0):
        found = _decide_cases(limit, cases, p, depth)
        if found is not None:
            value, hows = found
            return value, f"by cases on {what}: {'; '.join(hows)}"
    return None


def _decide_cases(
    limit: sympy.Limit, cases: list[Case], p: sympy.Dummy, depth: int = 0
) -> tuple[sympy.Basic, list[str]] | None:
    """Each case's limit found exactly (or, up to MAX_DEPTH, by a split of its own: the
    sign of the larger of two rates once their order is fixed), joined; None when one of
    them is not found."""
    branches: list[tuple[sympy.Basic, sympy.Basic]] = []
    hows: list[str] = []
    for substitution, condition, shown in cases:
        if _CASES_LEFT[0] <= 0:
            return None
        _CASES_LEFT[0] -= 1
        ((parameter, written),) = substitution.items()
        in_case = sympy.Limit(limit.args[0].xreplace(substitution), *limit.args[1:])
        nested = depth < MAX_DEPTH and _open_rate(in_case)
        # a rate of unknown sign left: no exact argument decides the case, a split may
        found = _find_split(in_case, depth + 1) if nested else None
        if found is None:
            found = exact_limit(in_case)
        if found is None and depth < MAX_DEPTH and not nested:
            found = _find_split(in_case, depth + 1)
        if found is None:
            return None
        value, how = found
        if p in value.free_symbols:
            back = _solve_for_p(parameter, written, p)
            if back is None:
                return None
            value = value.xreplace({p: back})
        if value.has(sympy.nan, sympy.zoo, sympy.AccumBounds, sympy.Limit):
            return None
        branches.append((value, condition))
        hows.append(f"{shown}: {math_text(value)} ({how})")
    values = {v for v, _c in branches}
    if len(values) == 1:
        return values.pop(), hows
    return _joined(branches), hows


def _joined(branches: list[tuple[sympy.Basic, sympy.Basic]]) -> sympy.Piecewise:
    """The cases as one Piecewise: a tie whose value one side shares joins it (a > b and
    a = b as a ≥ b); else the tie comes first (a numeric look at a point decides an
    equality at an exact tie, where it would call a strict order too close to call)."""
    (tie_value, tie), *strict = sorted(branches, key=lambda b: not isinstance(b[1], sympy.Eq))
    for k, (value, condition) in enumerate(strict):
        if value == tie_value and isinstance(condition, (sympy.Gt, sympy.Lt)):
            wider = (sympy.Ge if isinstance(condition, sympy.Gt) else sympy.Le)(*condition.args)
            merged = [*strict[:k], (value, wider), *strict[k + 1 :]]
            *first, (last, _c) = merged
            return sympy.Piecewise(*first, (last, True))
    *first, (last, _c) = [(tie_value, tie), *strict]
    return sympy.Piecewise(*first, (last, True))


def _open_rate(limit: sympy.Limit) -> bool:
    """An exponential whose rate (the coefficient of x at ±∞, of 1/x at 0) has a sign the
    assumptions leave open: exp(a·t) as t → ∞ with a real."""
    expr, x, point = limit.args[:3]
    if point.is_infinite:
        scale: sympy.Expr = x
    elif point == 0:
        scale = 1 / x
    else:
        return False
    for e in expr.atoms(sympy.exp):
        if x not in e.free_symbols:
            continue
        rate = sympy.expand(e.args[0]).coeff(scale)
        if rate != 0 and rate.is_positive is None and rate.is_negative is None:
            return True
    return False


def _solve_for_p(parameter: sympy.Basic, written: sympy.Expr, p: sympy.Dummy) -> sympy.Expr | None:
    """p through the parameters again: a = ±p gives ±a, b = a ∓ p gives ±(a − b), b =
    a·exp(∓p) gives ±log(a/b)."""
    rest = written.xreplace({p: sympy.Integer(0)})
    slope = sympy.diff(written, p).xreplace({p: sympy.Integer(0)})
    if written == rest + slope * p and slope in (1, -1):
        return (parameter - rest) / slope
    if isinstance(written, sympy.Mul) and written.has(sympy.exp):
        factor = written / sympy.exp(slope / rest * p)
        if factor == rest and (slope / rest) in (1, -1):
            return sympy.log(parameter / rest) / (slope / rest)
    return None
