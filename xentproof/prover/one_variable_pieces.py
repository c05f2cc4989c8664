"""One-variable inequalities f ≥ 0 on a bounded interval (a, b) whose sides meet at an
interior point and tend together at the open ends, by pieces (issue 18, class 3). That is
the shape of the binary-entropy bounds: 4p(1 − p) ≤ H_b(p) on (0, 1) holds with equality at
p = 1/2, and both sides tend to 0 at 0 and at 1, so no single enclosure or chain of
derivatives from one point shows it. Each piece is shown by a certified method:

- at an interior point c where f(c) = 0 exactly (c the middle of the interval or a quarter
  point): on [c, c + w] and on [c − w, c], the chain of derivatives of ``intervals`` from c
  (f(c) = 0, f′(c) = 0, f″ ≥ 0 there by interval enclosure: Taylor with the sign of the
  remainder);
- at an open end a: f ≥ 0 on (a, a + e^(−S)] when f's limit at a is ≥ 0 and f′ ≥ 0 there (f
  rises from its limit). f and f′ are enclosed through x = a + e^(−s), s ∈ [S, ∞), where
  log(x − a) is −s exactly, so the enclosures stay finite (a log of an interval reaching 0
  has none); the enclosure of f shows f real on the piece, that of f′ its sign. The end b
  the same way, with f′ ≤ 0, through x = b − e^(−s). A closed end is a point of the domain
  as well: f there must be ≥ 0 exactly;
- between them, on closed pieces with rational ends, f ≥ 0 by interval enclosure with
  bisection (``intervals.nonnegative_on``).

The pieces meet or overlap, so they cover (a, b). Non-strict inequalities only (a strict one
fails where f(c) = 0, and at the ends the limit alone would not show f > 0). f must be built
from analytic functions (``smooth``): differentiable wherever it is defined. Nothing is
sampled; the limits are SymPy's exact ones, their signs shown by ``constant_holds``.
"""

from __future__ import annotations

import sympy

from ..model import Domain
from ..notation import math_text
from ..timing import Deadline
from .calculus import constant_holds, smooth
from .intervals import MAX_OPS, Interval, chain_from, enclose, nonnegative_on
from .symbolic import Proof

__all__ = ["prove_by_pieces"]

METHOD = "by pieces: chains of derivatives at the touching point, rising from the ends"
SECONDS = 4.0
END_SCALES = (3, 5, 8)  # S: the end piece is (a, a + e^(−S)]
TOUCH_WIDTHS = (sympy.Rational(1, 4), sympy.Rational(1, 8), sympy.Rational(1, 16))


def prove_by_pieces(
    value: sympy.Expr, strict: bool, symbol: sympy.Symbol, domain: Domain
) -> Proof | None:
    """A proof that ``value`` (in ``symbol`` alone) is ≥ 0 on the symbol's declared bounded
    interval, by the pieces above; None when a piece is not shown."""
    if strict or domain.values is not None or domain.integer or domain.nonzero:
        return None
    a, b = domain.lo, domain.hi
    if not (a.is_Rational and b.is_Rational and bool(a < b)) or value.free_symbols != {symbol}:
        return None
    if not smooth(value) or sympy.count_ops(value) > MAX_OPS:
        return None
    x = sympy.Dummy(symbol.name, real=True)
    f = value.xreplace({symbol: x})
    deadline = Deadline.after(SECONDS)
    try:
        return _by_pieces(f, x, a, b, domain, deadline, symbol)
    except (NotImplementedError, ValueError, TypeError, AttributeError, RecursionError):
        return None
    except sympy.PolynomialError:
        return None


def _by_pieces(
    f: sympy.Expr,
    x: sympy.Symbol,
    a: sympy.Expr,
    b: sympy.Expr,
    domain: Domain,
    deadline: Deadline,
    symbol: sympy.Symbol,
) -> Proof | None:
    notes: list[str] = []
    left = _end(f, x, a, b, domain.lo_open, deadline, notes)
    if left is None:
        return None
    right = _end(f, x, b, a, domain.hi_open, deadline, notes)
    if right is None:
        return None
    middle: list[tuple[sympy.Expr, sympy.Expr]] = []
    touching = _touching(f, x, a, b, deadline, notes)
    if touching is None:
        middle.append((left, right))
    else:
        c, w = touching
        middle += [(left, c - w), (c + w, right)]
    for lo, hi in middle:
        if deadline.passed:
            return None
        if bool(lo < hi) and not nonnegative_on(f, x, lo, hi, False, deadline):
            return None
        if bool(lo < hi):
            notes.append(f"f enclosed at or above 0 on [{math_text(lo)}, {math_text(hi)}]")
    shown = f"{math_text(symbol)} ∈ {domain.text}"
    return METHOD, tuple(dict.fromkeys([*notes, shown]))


def _end(
    f: sympy.Expr,
    x: sympy.Symbol,
    end: sympy.Expr,
    other: sympy.Expr,
    open_end: bool,
    deadline: Deadline,
    notes: list[str],
) -> sympy.Expr | None:
    """f ≥ 0 on the piece from ``end`` to ``end ± e^(−S)`` (towards ``other``): the
    rational point up to which the piece is shown (inside it), or None."""
    toward = 1 if bool(other > end) else -1
    s = sympy.Dummy("s", real=True)
    near = end + toward * sympy.exp(-s)  # x as s runs from S to ∞
    rising = toward * sympy.diff(f, x)  # f′ away from the end: ≥ 0 means f rises from it
    if not open_end:
        at_end = f.xreplace({x: end})
        if at_end.has(sympy.nan, sympy.zoo) or not constant_holds(at_end, False):
            return None
    limit = sympy.limit(f, x, end, "+" if toward == 1 else "-")
    if not constant_holds(limit, False):
        return None
    for scale in END_SCALES:
        if deadline.passed or not bool(sympy.exp(-scale) < abs(other - end)):
            return None
        lo = sympy.Integer(scale)
        if enclose(f.xreplace({x: near}), {s: Interval(lo, sympy.oo)}) is None:
            continue  # f not shown real on the piece
        slope = rising.xreplace({x: near})
        if nonnegative_on(slope, s, lo, sympy.oo, False, deadline):
            reach = sympy.Rational(1, int(sympy.ceiling(sympy.exp(scale))))  # ≤ e^(−S)
            notes.append(
                f"lim f = {math_text(limit)} ≥ 0 at {math_text(end)}, and f "
                f"{'rises' if toward == 1 else 'falls'} within e^(−{scale}) of it "
                f"(f′ enclosed through x = {math_text(near.xreplace({s: sympy.Symbol('s')}))})"
            )
            return end + toward * reach
    return None


def _touching(
    f: sympy.Expr,
    x: sympy.Symbol,
    a: sympy.Expr,
    b: sympy.Expr,
    deadline: Deadline,
    notes: list[str],
) -> tuple[sympy.Expr, sympy.Expr] | None:
    """An interior point c with f(c) = 0 exactly and a width w with f ≥ 0 on [c − w, c + w]
    by chains of derivatives from c; None when there is no such point (or not shown)."""
    length = b - a
    for c in (a + length / 2, a + length / 4, a + 3 * length / 4):
        at_c = f.xreplace({x: c})
        if at_c.has(sympy.nan, sympy.zoo) or not constant_holds(at_c, False):
            continue
        if not constant_holds(-at_c, False):
            continue  # f(c) > 0: not a touching point
        for width in TOUCH_WIDTHS:
            w = width * length
            if deadline.passed:
                return None
            up = chain_from(f, x, c, c + w, deadline)
            down = chain_from(f.xreplace({x: -x}), x, -c, -c + w, deadline)
            if up is not None and down is not None:
                notes.append(f"f({math_text(c)}) = 0; on [{math_text(c - w)}, {math_text(c + w)}]:")
                notes += [*up, *("to the left: " + n for n in down)]
                return c, w
    return None
