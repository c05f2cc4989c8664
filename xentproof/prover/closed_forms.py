"""SymPy's closed forms of sums and products over a symbolic bound, checked before use.

SymPy closes Σ_{k=1}^{n+1} k²·C(2, k) to 2 (it is 6 for every n ≥ 1), Σ_{k=0}^{n} (−1)^k
C(n, k) to 0 (1 at n = 0) and Σ_{k=1}^{n+1} k·C(3, k) to a form that is 6 at n = 0 (the sum
is 3). A canonical form that carries out such a sum (``doit``, and ``simplify``, which calls
it) would prove a false step wherever the refuter's sample points miss the values where the
closed form is wrong. So each sum or product whose bounds hold a symbol is compared with its
closed form at several small values of its symbols (those its symbols' assumptions allow:
the bounds' symbols at small integers, the others at a few rationals, 0 and ±1 among them),
the sum written out term by term in exact arithmetic; a closed form that differs at one of
them, or that can be compared at none, is not used (the transform is skipped, never trusted).

The written-out sum follows SymPy's meaning of the node (Karr's convention where the upper
bound is below the lower one minus 1): the check is of SymPy's closed form against SymPy's
own sum; the contract's meaning of a range (docs/semantics.md §4) is put in before.
"""

from __future__ import annotations

import sympy

from ..memo import Memo

# Values tried for a symbol of a bound (the first few its assumptions allow), and for any
# other symbol of the node.
_BOUND_VALUES = tuple(sympy.Integer(v) for v in (0, 1, 2, 3, 4, 5, 6, -1, -2, -3))
_OTHER_VALUES = tuple(
    sympy.Rational(v) for v in ("1", "0", "1/2", "-1", "2", "3", "-1/2", "1/3", "-2", "-3")
)
POINTS = 7
MAX_TERMS = 400  # terms written out at one point, over all the node's ranges
_CLEAR = sympy.Float("1e-20", 30)


def _admissible(symbol: sympy.Symbol, values: tuple[sympy.Rational, ...]) -> list[sympy.Expr]:
    # SymPy's own assumptions only: a family's members carry one of xentproof's ("family")
    # that no number has
    facts = {
        k: v
        for k, v in symbol.assumptions0.items()
        if v is not None and hasattr(sympy.Integer(0), f"is_{k}")
    }
    return [
        c
        for c in values
        if all(getattr(c, f"is_{key}", None) == value for key, value in facts.items())
    ]


def _symbolic_nodes(expr: sympy.Basic) -> list[sympy.Basic]:
    """The sums and products of ``expr`` with a symbol in a bound, outermost first."""
    found: list[sympy.Basic] = []

    def visit(e: sympy.Basic) -> None:
        if isinstance(e, (sympy.Sum, sympy.Product)) and any(
            (lo.free_symbols | hi.free_symbols) for _, lo, hi in e.limits
        ):
            found.append(e)
            return  # its inner sums are checked with it (written out at each point)
        for a in e.args:
            visit(a)

    visit(expr)
    return found


def _bounds_known(node: sympy.Basic) -> bool:
    """Whether every bound of ``node`` is a number once its own outer indices are."""
    indices = {limit[0] for limit in node.limits}
    return all((lo.free_symbols | hi.free_symbols) <= indices for _, lo, hi in node.limits)


class _TooLong(Exception):
    pass


def _written_out(expr: sympy.Basic, karr: bool = True) -> sympy.Basic:
    """Every sum and product with number bounds written out term by term (innermost range
    first, SymPy's convention: Karr's for an upper bound below the lower one minus 1; not
    written out at all, without ``karr``, where the two conventions part)."""

    def write(node: sympy.Basic) -> sympy.Basic:
        *inner, (index, lo, hi) = node.limits  # the last range is the outermost
        if not (lo.is_Integer and hi.is_Integer):
            raise _TooLong  # bounds not numbers, or not integers: not compared
        lo_i, hi_i = int(lo), int(hi)
        reverse = hi_i < lo_i - 1
        if reverse and not karr:
            raise _TooLong
        first, last = (hi_i + 1, lo_i - 1) if reverse else (lo_i, hi_i)
        if last - first + 1 > MAX_TERMS:
            raise _TooLong
        body = type(node)(node.function, *inner) if inner else node.function
        terms = [body.xreplace({index: sympy.Integer(j)}) for j in range(first, last + 1)]
        if inner:
            terms = [write(t) if isinstance(t, type(node)) else t for t in terms]
        if isinstance(node, sympy.Sum):
            total = sympy.Add(*terms)
            return -total if reverse else total
        whole = sympy.Mul(*terms)
        return 1 / whole if reverse else whole

    for _ in range(8):  # nested nodes: each pass writes out the outermost with number bounds
        nodes = [n for n in expr.atoms(sympy.Sum, sympy.Product) if _bounds_known(n)]
        if not nodes:
            return expr
        expr = expr.xreplace({n: write(n) for n in nodes})
    raise _TooLong


def _points(node: sympy.Basic) -> list[dict[sympy.Basic, sympy.Expr]]:
    labels = {i.base.label for i in node.atoms(sympy.Indexed)}
    in_bounds = {
        s
        for n in node.atoms(sympy.Sum, sympy.Product)
        for _, lo, hi in n.limits
        for s in (
            lo.free_symbols | hi.free_symbols | lo.atoms(sympy.Indexed) | hi.atoms(sympy.Indexed)
        )
    }
    # a member of a family in a bound (fact(x[i]) = Π_{t=1}^{x[i]} t) takes values as a
    # symbol of a bound does: without one, such a closed form could be compared nowhere
    members = {
        a
        for n in node.atoms(sympy.Sum, sympy.Product)
        for _, lo, hi in n.limits
        for a in (lo.atoms(sympy.Indexed) | hi.atoms(sympy.Indexed))
        if not a.free_symbols & {limit[0] for limit in n.limits}
    }
    symbols = sorted(
        (s for s in node.free_symbols if isinstance(s, sympy.Symbol) and s not in labels),
        key=str,
    ) + sorted(members, key=str)
    choices = [
        _admissible(s, _BOUND_VALUES if s in in_bounds or s.is_integer else _OTHER_VALUES)
        for s in symbols
    ]
    if not all(choices):
        return []
    return [
        {s: c[(k + n) % len(c)] for n, (s, c) in enumerate(zip(symbols, choices, strict=True))}
        for k in range(POINTS)
    ]


def _compare(
    closed: sympy.Basic, node: sympy.Basic, point: dict[sympy.Basic, sympy.Expr]
) -> bool | None:
    """True where the closed form and the written-out sum agree at ``point``, False where
    they clearly differ, None where they cannot be compared (a value undefined there)."""
    try:
        written = _written_out(node.xreplace(point))
        formed = _written_out(closed.xreplace(point))
    except _TooLong:
        return None
    if any(e.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) for e in (written, formed)):
        return None
    if formed.has(sympy.Sum, sympy.Product) or written.has(sympy.Sum, sympy.Product):
        return None
    difference = sympy.expand(formed - written)
    if difference == 0:
        return True
    if difference.free_symbols:
        difference = sympy.cancel(sympy.together(difference))
        if difference == 0:
            return True
        return None if difference.free_symbols else _number_agrees(difference)
    return _number_agrees(difference)


def _number_agrees(difference: sympy.Expr) -> bool | None:
    if difference.is_Rational:
        return bool(difference == 0)
    value = difference.evalf(30)
    if value.has(sympy.nan, sympy.zoo) or not value.is_number:
        return None
    size = abs(value)
    if not size.is_Float and not size.is_Rational:
        return None
    return not bool(size > _CLEAR)


def closed_form_agrees(node: sympy.Basic, closed: sympy.Basic) -> bool:
    """Whether SymPy's ``closed`` form of the sum or product ``node`` agrees with it
    written out at every point compared, and at one point at least."""
    if closed == node:
        return True
    compared = False
    for point in _points(node):
        try:
            same = _compare(closed, node, point)
        except (ArithmeticError, ValueError, TypeError, AttributeError, RecursionError):
            same = None
        if same is False:
            return False
        compared = compared or same is True
    return compared


_CLOSED: Memo[sympy.Basic, sympy.Basic | None] = Memo()


def _closed_node(node: sympy.Basic) -> sympy.Basic | None:
    closed = node.doit()
    return closed if closed_form_agrees(node, closed) else None


def checked_closed_form(node: sympy.Basic) -> sympy.Basic | None:
    """SymPy's closed form of a sum or product over a symbolic bound, or None where it
    does not agree with the sum written out (``closed_form_agrees``)."""
    return _CLOSED.get(node, lambda: _closed_node(node))


def closed_forms_agree(expr: sympy.Basic) -> bool:
    """Whether SymPy's closed form of every sum and product of ``expr`` over a symbolic
    bound agrees with it written out: a transform that carries out sums (``doit``,
    ``simplify``) is used on ``expr`` only then."""
    return all(checked_closed_form(node) is not None for node in _symbolic_nodes(expr))


def contradicted(value: sympy.Expr, kind: str) -> bool:
    """Whether ``value``, which a canonical form that carries out sums shows to be 0
    (``kind`` "zero"), positive or nonnegative, is clearly not so at one of the check
    points, its sums over symbolic bounds written out (where both conventions of a range
    agree): a closed form SymPy got wrong, or a sum it merged and then closed wrongly."""
    if not _symbolic_nodes(value):
        return False
    for point in _points(value):
        try:
            number = _written_out(value.xreplace(point), karr=False)
        except _TooLong:
            continue
        except (ArithmeticError, ValueError, TypeError, AttributeError, RecursionError):
            continue
        if not isinstance(number, sympy.Expr) or number.free_symbols:
            continue
        if number.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo, sympy.Sum, sympy.Product):
            continue
        try:
            if _violates(sympy.expand(number), kind):
                return True
        except (ArithmeticError, ValueError, TypeError, AttributeError, RecursionError):
            continue
    return False


def _violates(number: sympy.Expr, kind: str) -> bool:
    if number.is_Rational:
        exact = number
    else:
        exact = number.evalf(30)
        if not exact.is_Float or abs(exact) <= _CLEAR:
            return False  # not clearly apart from 0: says nothing
    if kind == "zero":
        return bool(exact != 0)
    if kind == "positive":
        return bool(exact <= 0) if exact.is_Rational else bool(exact < 0)
    return bool(exact < 0)
