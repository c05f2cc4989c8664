"""The ranges of sums and products: as the contract reads them, and aligned.

The contract (docs/semantics.md §4): ``Sum(f, (i, lo, hi))`` runs ``i`` over the integers
from ⌈lo⌉ to ⌊hi⌋, and a range with ⌊hi⌋ < ⌈lo⌉ is empty (a sum 0, a product 1). SymPy
means something else on two counts: it steps from a lower bound that is not an integer, and
it follows Karr's convention, Σ_{a}^{b} = −Σ_{b+1}^{a−1} when b < a − 1. The two meanings
agree on a range whose bounds are integers and whose size hi − lo + 1 is at least 0.
``contract_ranges`` writes every range in such a form (⌈lo⌉ to max(⌊hi⌋, ⌈lo⌉ − 1), each
part left out where the symbols' assumptions already show it), so that whatever SymPy then
does with the sums (``doit``, ``summation``, ``sum_simplify``, splitting off terms) is
sound for the contract: the prover works on this form only.

Σ_{i=a}^{B+k} f = Σ_{i=a}^{B} f + f(B+1) + … + f(B+k) for a constant k ≥ 1, and likewise
at the lower bound and for products (``align_ranges``). Shown only where B ≥ a − 1 follows
from the symbols' assumptions, and stated as a side condition.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import sympy

from ..notation import math_text
from ..substitution import put

_SERIES = (sympy.Sum, sympy.Product)
# An enclosing range as the ranges inside it see it: its index and its (contract) bounds.
Enclosing = tuple[sympy.Symbol, sympy.Expr, sympy.Expr]
MAX_ENCLOSING = 3  # enclosing indices written through their bounds, to show a size ≥ 0


def contract_ranges(expr: sympy.Basic) -> sympy.Basic:
    """``expr`` with every sum and product over integer bounds whose range has at least 0
    terms, so that SymPy's meaning of it is the contract's: ⌈lo⌉ for a lower bound not
    shown an integer, ⌊hi⌋ for such an upper bound, and max(hi, lo − 1) for an upper bound
    not shown to be at least lo − 1 (given the ranges around it)."""
    if not isinstance(expr, sympy.Basic) or not expr.has(*_SERIES):
        return expr
    return _contract(expr, ())


def _contract(expr: sympy.Basic, enclosing: Sequence[Enclosing]) -> sympy.Basic:
    if not expr.has(*_SERIES):
        return expr
    if not isinstance(expr, _SERIES):
        args = [_contract(a, enclosing) for a in expr.args]
        if all(a is b for a, b in zip(args, expr.args, strict=True)):
            return expr
        if isinstance(expr, sympy.core.relational.Relational):
            # an equation stays one: Eq(Σ_{5}^{4} 1, 0) would evaluate to True
            return expr.func(*args, evaluate=False)
        return expr.func(*args)
    # SymPy lists the innermost range first; the bounds of a range may use the indices of
    # the ranges after it (outside it), never those before it.
    limits: list[tuple[sympy.Symbol, sympy.Expr, sympy.Expr]] = []
    around = list(enclosing)
    for index, lo, hi in reversed(expr.limits):
        lo, hi = _contract(lo, around), _contract(hi, around)
        lo, hi = contract_bounds(lo, hi, around)
        limits.insert(0, (index, lo, hi))
        around.append((index, lo, hi))
    body = _contract(expr.function, around)
    if body == expr.function and all(
        new == old for new, old in zip(limits, expr.limits, strict=True)
    ):
        return expr
    return type(expr)(body, *limits)


def contract_bounds(
    lo: sympy.Expr, hi: sympy.Expr, enclosing: Sequence[Enclosing] = ()
) -> tuple[sympy.Expr, sympy.Expr]:
    """Integer bounds of the same range of integers, with hi ≥ lo − 1 (infinite ends are
    left as they are: series are outside the contract)."""
    if lo.is_infinite or hi.is_infinite:
        return lo, hi
    risky = lo.has(*_SERIES) or hi.has(*_SERIES)  # a closed series SymPy would evaluate
    with sympy.evaluate(not risky):
        # ⌊hi⌋ ≥ ⌈lo⌉ − 1 follows from hi ≥ lo − 1 when one bound is an integer (n ≤ hi
        # gives n ≤ ⌊hi⌋), and from hi ≥ lo in any case (⌊hi⌋ ≥ ⌊lo⌋ ≥ ⌈lo⌉ − 1).
        apart = hi - lo if lo.is_integer or hi.is_integer else hi - lo - 1
        if lo.is_integer is not True:
            lo = sympy.ceiling(lo)
        if hi.is_integer is not True:
            hi = sympy.floor(hi)
        if not (size_nonnegative(apart + 1, enclosing) or size_nonnegative(hi - lo + 1, enclosing)):
            hi = sympy.Max(hi, lo - 1)
    return lo, hi


def size_nonnegative(size: sympy.Expr, enclosing: Sequence[Enclosing] = ()) -> bool:
    """Whether ``size`` (of a range) is ≥ 0 by the assumptions, for every value of the
    enclosing indices inside their ranges (each written as its lower bound plus, or its
    upper bound minus, a nonnegative integer): where an enclosing range is empty, nothing
    inside it is evaluated at all."""
    if size.is_nonnegative is True:
        return True
    used = [e for e in enclosing if e[0] in size.free_symbols][-MAX_ENCLOSING:]
    if not used:
        return False
    steps = [sympy.Dummy("m", integer=True, nonnegative=True) for _ in used]
    for ends in itertools.product((True, False), repeat=len(used)):
        shifted = size
        # the innermost first: its bounds may use the indices of those outside it
        for (index, lo, hi), from_lo, m in reversed(list(zip(used, ends, steps, strict=True))):
            shifted = shifted.subs(index, lo + m if from_lo else hi - m)
        if sympy.expand(shifted).is_nonnegative is True:
            return True
    return False


MAX_TERMS = 8  # terms split off one sum


def _split_top(node: sympy.Sum | sympy.Product, base: sympy.Expr, k: int) -> sympy.Expr:
    index, lo, _ = node.limits[0]
    terms = [node.function.subs(index, base + j) for j in range(1, k + 1)]
    shorter = type(node)(node.function, (index, lo, base))
    return (
        shorter + sympy.Add(*terms) if isinstance(node, sympy.Sum) else shorter * sympy.Mul(*terms)
    )


def _split_bottom(node: sympy.Sum | sympy.Product, base: sympy.Expr, k: int) -> sympy.Expr:
    index, lo, hi = node.limits[0]
    terms = [node.function.subs(index, lo + j) for j in range(k)]
    shorter = type(node)(node.function, (index, base, hi))
    return (
        shorter + sympy.Add(*terms) if isinstance(node, sympy.Sum) else shorter * sympy.Mul(*terms)
    )


def _offset(a: sympy.Expr, b: sympy.Expr) -> int | None:
    k = sympy.expand(a - b)
    return int(k) if k.is_Integer and 0 < k <= MAX_TERMS else None


def align_ranges(expr: sympy.Expr) -> tuple[sympy.Expr, list[str]]:
    """``expr`` with sums (products) over ranges that differ by a few terms at either end
    written over common ranges, the extra terms split off; and the conditions used."""
    conditions: list[str] = []
    for _ in range(3):
        expr, more = _align_once(expr)
        if not more:
            break
        conditions.extend(more)
    return expr, list(dict.fromkeys(conditions))


def _align_once(expr: sympy.Expr) -> tuple[sympy.Expr, list[str]]:
    """Each one-index sum (product) whose upper bound exceeds (lower bound falls short of)
    another's of the same kind by at most MAX_TERMS, cut there and the extra terms split
    off; and the ranges shown to have at least 0 terms."""
    nodes = [n for n in expr.atoms(sympy.Sum, sympy.Product) if len(n.limits) == 1]
    replacements: dict[sympy.Basic, sympy.Expr] = {}
    conditions: list[str] = []
    for node in nodes:
        _, lo, hi = node.limits[0]
        best: tuple[int, sympy.Expr, bool] | None = None
        for other in nodes:
            if type(other) is not type(node) or other == node:
                continue
            _, lo2, hi2 = other.limits[0]
            # The longer range cut where the other ends, if what is left is a range.
            top = _offset(hi, hi2)
            if top and (hi2 - lo + 1).is_nonnegative is True and (best is None or top > best[0]):
                best = (top, hi2, True)
            bottom = _offset(lo2, lo)
            if (
                bottom
                and (hi - lo2 + 1).is_nonnegative is True
                and (best is None or bottom > best[0])
            ):
                best = (bottom, lo2, False)
        if best is not None:
            k, base, top = best
            replacements[node] = (_split_top if top else _split_bottom)(node, base, k)
            index, lo, hi = node.limits[0]
            shorter = (
                f"{math_text(lo)} ≤ {math_text(index)} ≤ {math_text(base)}"
                if top
                else (f"{math_text(base)} ≤ {math_text(index)} ≤ {math_text(hi)}")
            )
            conditions.append(f"the range {shorter} has at least 0 terms (its size is ≥ 0)")
    return (expr.xreplace(replacements) if replacements else expr), conditions


MAX_EXPANDED = 2000  # terms a concrete range is written out to


def expand_concrete(expr: sympy.Basic, budget: list[int] | None = None) -> sympy.Basic:
    """``expr`` (in the contract form) with every sum and product over a range whose bounds
    are integers written out term by term, outermost range first. SymPy's ``doit`` does
    the inner range first and leaves Σ_{i=1}^{2} Σ_{k=1}^{i} y[k] as it is (the inner
    range is not concrete on its own), so a counterexample over it was never confirmed."""
    budget = [MAX_EXPANDED] if budget is None else budget
    if not isinstance(expr, sympy.Basic) or not expr.has(*_SERIES):
        return expr
    if isinstance(expr, _SERIES):
        *rest, (index, lo, hi) = expr.limits
        if not (lo.is_Integer and hi.is_Integer) or hi - lo + 1 > budget[0]:
            return expr
        count = max(0, int(hi - lo + 1))
        budget[0] -= count
        inner = type(expr)(expr.function, *rest) if rest else expr.function
        terms = [
            expand_concrete(put(inner, {index: sympy.Integer(k)}), budget)
            for k in range(int(lo), int(lo) + count)
        ]
        return sympy.Add(*terms) if isinstance(expr, sympy.Sum) else sympy.Mul(*terms)
    args = [expand_concrete(a, budget) for a in expr.args]
    if all(a is b for a, b in zip(args, expr.args, strict=True)):
        return expr
    return expr.func(*args)
