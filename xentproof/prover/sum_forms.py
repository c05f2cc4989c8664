"""A normal form of finite sums, for the identities that rearrange them.

Two sides are equal when their normal forms expand to the same expression:

- the summand expanded and the sum split term by term (linearity);
- a factor free of the index taken out of a sum (Σ_i c·f(i) = c·Σ_i f(i)), where that
  factor is defined wherever the sum is: the range is non-empty (c is then evaluated by the
  sum itself), or every operation of c is shown defined on the domains (an empty range is
  0 on both sides, c·0 = 0 with c a real number);
- a sum of a constant over a range in the contract form (``contract_ranges``: integer
  bounds, at least 0 terms) is the constant times hi − lo + 1;
- nested sums over a rectangle in a canonical order, and a triangle Σ_{i=a}^{b} Σ_{j=a}^{i}
  as Σ_{j=a}^{b} Σ_{i=j}^{b} (the same pairs a ≤ j ≤ i ≤ b);
- every index renamed by its depth, so that Σ_i f(i) and Σ_j f(j) are the same sum;
- the log of a product of positive factors as the sum of their logs (a sum of positive
  terms over a non-empty range is positive).

Every step rewrites an expression into one with the same value wherever the original is
defined under docs/semantics.md §4 (the ranges arrive in the contract form); the caller has
shown both sides defined. Each step taken is named among the proof's side conditions.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..definedness import requirements
from ..notation import math_text
from .declared import DomainInfo, members_as_symbols
from .establish import establish
from .ranges import size_nonnegative

# The index of a sum at each depth of nesting, one symbol per depth for every expression.
_DEPTH = tuple(sympy.Dummy(f"i{k}", integer=True) for k in range(12))
MAX_OPS = 400  # a summand larger than this (as SymPy counts) is left as it is


class _Normaliser:
    """The normal form of one relation's sides, and the steps it took (for the report)."""

    def __init__(self, infos: Mapping[sympy.Basic, DomainInfo]) -> None:
        self.infos = infos
        self.notes: list[str] = []
        self.enclosing: list[tuple[sympy.Symbol, sympy.Expr, sympy.Expr]] = []

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def form(self, expr: sympy.Basic, depth: int = 0) -> sympy.Basic:
        """``expr`` in normal form; ``depth``: how many sums enclose it."""
        if not expr.has(sympy.Sum, sympy.Product):
            return expr
        if isinstance(expr, sympy.Sum):
            return self._sum(expr, depth)
        if isinstance(expr, sympy.Product):
            return self._renamed(expr, depth)
        args = [self.form(a, depth) for a in expr.args]
        if isinstance(expr, sympy.log):
            return self._log(args[0], depth)
        return expr.func(*args)

    def _renamed(self, node: sympy.Product, depth: int) -> sympy.Basic:
        """A product with one range, its index the one of its depth."""
        if len(node.limits) != 1 or depth >= len(_DEPTH):
            return node
        index, lo, hi = node.limits[0]
        new = _DEPTH[depth]
        function = self.form(node.function.xreplace({index: new}), depth + 1)
        return type(node)(function, (new, self.form(lo, depth), self.form(hi, depth)))

    def _sum(self, node: sympy.Sum, depth: int) -> sympy.Basic:
        # SymPy writes Σ_i Σ_j f as one sum with two ranges, the innermost first.
        *inner, (index, lo, hi) = node.limits
        summand = sympy.Sum(node.function, *inner) if inner else node.function
        if depth >= len(_DEPTH) or sympy.count_ops(node.function) > MAX_OPS:
            return node
        new = _DEPTH[depth]
        lo, hi = self.form(lo, depth), self.form(hi, depth)
        self.enclosing.append((new, lo, hi))
        try:
            function = self.form(summand.xreplace({index: new}), depth + 1)
            nonempty = size_nonnegative(hi - lo, self.enclosing)
            counted = size_nonnegative(hi - lo + 1, self.enclosing)
        finally:
            self.enclosing.pop()
        total: sympy.Expr = sympy.Integer(0)
        for term in sympy.Add.make_args(sympy.expand(function)):
            factor, rest = term.as_independent(new, as_Add=False)
            if factor != 1 and not self._may_take_out(factor, nonempty):
                factor, rest = sympy.Integer(1), term
            if factor != 1:
                self.note(_taken_out(nonempty, lo, hi))
                factor = _lifted(factor, depth)
            if rest == 1 and counted:
                total += factor * (hi - lo + 1)
            else:
                total += factor * self._arranged(rest, (new, lo, hi), depth)
        return total

    def _may_take_out(self, factor: sympy.Expr, nonempty: bool) -> bool:
        if nonempty:
            return True
        needs = requirements(factor)
        return all(_shown(r.expr, r.kind, self.infos) for r in needs)

    def _arranged(
        self, function: sympy.Expr, limits: tuple[sympy.Basic, sympy.Basic, sympy.Basic], depth: int
    ) -> sympy.Expr:
        """Σ function over ``limits``, with a nested sum that is the whole summand put in
        the canonical order of the two ranges."""
        outer = sympy.Sum(function, limits)
        # c·Σ_j g(j) with c free of j is Σ_j c·g(j) (c is defined wherever the summand is,
        # an empty range is 0 on both sides): the order is chosen with c inside, and a sum
        # taken in the other order is put in normal form again (c is then taken out of it)
        factor, function = _one_sum_of(function)
        if not isinstance(function, sympy.Sum):
            return outer
        index, lo, hi = limits
        *deeper, (inner_index, inner_lo, inner_hi) = function.limits
        body = sympy.Sum(function.function, *deeper) if deeper else function.function
        body = factor * body
        if not all(b.is_integer for b in (lo, hi, inner_lo, inner_hi)):
            return outer
        if index in inner_lo.free_symbols | inner_hi.free_symbols:
            if inner_hi == index and inner_lo == lo:
                # Σ_{i=a}^{b} Σ_{j=a}^{i} f = Σ_{j=a}^{b} Σ_{i=j}^{b} f: a ≤ j ≤ i ≤ b
                self.note("a triangular double sum taken in the other order")
                swapped = sympy.Sum(
                    sympy.Sum(body, (index, inner_index, hi)), (inner_index, lo, hi)
                )
                return self.form(_undepth(swapped, depth), depth)
            return outer
        # A rectangle: the order whose normal form comes first.
        swapped = sympy.Sum(sympy.Sum(body, (index, lo, hi)), (inner_index, inner_lo, inner_hi))
        pair = {_DEPTH[depth]: _DEPTH[depth + 1], _DEPTH[depth + 1]: _DEPTH[depth]}
        renamed = swapped.xreplace(pair)  # both indices renamed at once: no capture
        inside = sympy.Sum(sympy.Sum(body, (inner_index, inner_lo, inner_hi)), limits)
        if sympy.default_sort_key(renamed) < sympy.default_sort_key(inside):
            self.note("a double sum over a rectangle taken in the other order")
            if factor == 1 and not _takes_out(body, index):
                return renamed
            return self.form(_undepth(swapped, depth), depth)
        return outer

    def _log(self, argument: sympy.Basic, depth: int) -> sympy.Basic:
        """log of a product of positive factors as the sum of their logs."""
        factors = sympy.Mul.make_args(argument)
        if len(factors) == 1 and not isinstance(argument, sympy.Pow):
            return sympy.log(argument)
        parts: list[sympy.Expr] = []
        for factor in factors:
            base, exponent = factor.as_base_exp()
            if not (exponent.is_number and exponent.is_real) or not self._positive(base):
                return sympy.log(argument)
            parts.append(exponent * sympy.log(base))
        self.note("logs of positive factors taken apart")
        return sympy.Add(*parts)

    def _positive(self, expr: sympy.Expr) -> bool:
        """Whether ``expr`` is shown positive: a sum of positive terms over a non-empty range
        stands for a positive symbol."""

        def positive_sum(node: sympy.Sum) -> sympy.Basic:
            index, lo, hi = node.limits[-1]
            if len(node.limits) == 1 and size_nonnegative(hi - lo):
                term = node.function.xreplace({index: sympy.Dummy("k", integer=True)})
                if _shown(term, "positive", self.infos):
                    return sympy.Dummy("S", positive=True)
            return node

        plain = expr.replace(lambda e: isinstance(e, sympy.Sum), positive_sum)
        if plain.has(sympy.Sum, sympy.Product):
            return False
        return _shown(plain, "positive", self.infos)


def _one_sum_of(function: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """``function`` as c·Σ_j g(j) with c free of j: (c, the sum); else (1, function)."""
    if not isinstance(function, sympy.Mul):
        return sympy.Integer(1), function
    sums = [a for a in function.args if isinstance(a, sympy.Sum)]
    if len(sums) != 1:
        return sympy.Integer(1), function
    (series,) = sums
    factor = sympy.Mul(*(a for a in function.args if a is not series))
    if series.limits[-1][0] in factor.free_symbols:
        return sympy.Integer(1), function
    return factor, series


def _takes_out(body: sympy.Expr, index: sympy.Basic) -> bool:
    """Whether a term of ``body`` has a factor free of ``index`` and of sums (to be taken out
    of the sum over ``index`` once that sum is the inner one)."""
    for term in sympy.Add.make_args(sympy.expand(body)):
        factor, _ = term.as_independent(index, as_Add=False)
        if factor != 1 and not factor.is_number and not factor.has(sympy.Sum, sympy.Product):
            return True
    return False


def _lifted(factor: sympy.Expr, depth: int) -> sympy.Expr:
    """A factor taken out of the sum of ``depth``: the sums inside it are one level less
    deep, their indices renamed accordingly (it is free of the index of ``depth``, so the
    renaming captures nothing)."""
    change = {_DEPTH[k]: _DEPTH[k - 1] for k in range(depth + 1, len(_DEPTH))}
    return factor.xreplace(change)


def _undepth(expr: sympy.Expr, depth: int) -> sympy.Expr:
    """The indices of depth ≥ ``depth`` written back as fresh symbols, so that the
    expression can be put in normal form again from that depth."""
    change = {s: sympy.Dummy(s.name, integer=True) for s in _DEPTH[depth:] if expr.has(s)}
    return expr.xreplace(change)


def _shown(expr: sympy.Expr, kind: str, infos: Mapping[sympy.Basic, DomainInfo]) -> bool:
    term, extended = members_as_symbols(expr, infos)
    return establish(term, kind, extended) is not None


def _taken_out(nonempty: bool, lo: sympy.Basic, hi: sympy.Basic) -> str:
    if nonempty:
        where = f"{math_text(lo)}..{math_text(hi)}"
        return f"factors free of the index taken out of a sum over a non-empty range {where}"
    return "factors free of the index, defined on the domains, taken out of sums"


def sums_in_normal_form(
    lhs: sympy.Expr, rhs: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, tuple[str, ...]] | None:
    """The method and side conditions when both sides have the same normal form."""
    if not (lhs.has(sympy.Sum) or rhs.has(sympy.Sum)):
        return None
    normaliser = _Normaliser(infos)
    try:
        difference = sympy.expand(normaliser.form(lhs) - normaliser.form(rhs))
        if difference != 0 and sympy.count_ops(difference) <= MAX_OPS:
            # Rational functions of the sums: each sum a symbol, then cancel.
            sums = {s: sympy.Dummy("S") for s in difference.atoms(sympy.Sum, sympy.Product)}
            difference = sympy.cancel(sympy.together(difference.xreplace(sums)))
    except (NotImplementedError, ValueError, TypeError, RecursionError):
        return None
    if difference != 0:
        return None
    return "sums in normal form", tuple(normaliser.notes)


def normal_form_of(
    exprs: list[sympy.Expr], infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[list[sympy.Expr], tuple[str, ...]] | None:
    """The normal forms of ``exprs`` (one naming of indices for all), with the steps taken;
    None where SymPy fails on one."""
    normaliser = _Normaliser(infos)
    try:
        forms = [normaliser.form(e) for e in exprs]
    except (NotImplementedError, ValueError, TypeError, RecursionError):
        return None
    return forms, tuple(normaliser.notes)
