"""Finite sums over rectangles, every sum taken outermost: an equality between sides built
from sums, products of sums and integer powers of sums (a quadratic form
Σ_r Σ_s c_r·c_s·Σ_i w_i·x_{i,r}·x_{i,s} against Σ_i w_i·(Σ_r x_{i,r}·c_r)²) is shown by
writing each side as a list of terms Σ_{i₁} … Σ_{i_k} body, each with its own indices:

- a sum of an addition is the addition of the sums, a factor goes into every sum of its
  product (Σ_i a_i · Σ_j b_j = Σ_i Σ_j a_i·b_j), and a power n ≤ MAX_POWER of a sum is the
  product of n copies, each with indices of its own;
- every range must be free of every index (a rectangle: the sums may then be taken in any
  order, and Σ_{i=a}^{b} Σ_{j=a}^{b} f(i, j) = Σ_{i=a}^{b} Σ_{j=a}^{b} f(j, i)).

These are identities of finite sums under docs/semantics.md §4 for every range, empty or
reversed ones included (each step is linearity in one sum). Terms over the same ranges
(the same multiset of (lo, hi)) are compared together: each body is made symmetric under
the permutations of indices over equal ranges (its mean over them, which has the same sum)
and written in shared index symbols, and the bodies of a group must expand to 0. A side
holding a triangle, or too many terms, is left alone; the method
never refutes. A sum inside a function (σ(Σ_l x_{i,l}·θ_l)) or a quotient is a value like
any other of its term's body, compared as written. The caller shows both sides defined.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import sympy

MAX_POWER = 3
MAX_TERMS = 64
MAX_PERMUTATIONS = 24
Limit = tuple[sympy.Dummy, sympy.Expr, sympy.Expr]
Term = tuple[sympy.Expr, tuple[Limit, ...]]
METHOD = "sums over rectangles taken outermost (products of sums as multiple sums)"


def flat_sums_equal(lhs: sympy.Expr, rhs: sympy.Expr) -> tuple[str, tuple[str, ...]] | None:
    """The method and its side condition when ``lhs = rhs`` by the rewriting above, or None."""
    if not any(s.has(sympy.Sum) for s in (lhs, rhs)):
        return None
    if any(s.has(sympy.Product, sympy.Integral, sympy.Limit, sympy.Derivative) for s in (lhs, rhs)):
        return None
    try:
        left, right = _terms(_logs_split(lhs)), _terms(_logs_split(rhs))
        if left is None or right is None or len(left) + len(right) > MAX_TERMS:
            return None
        if not any(limits for _, limits in left + right):
            return None
        left = [_reduced(t) for t in _split_bodies(left)]
        right = [_reduced(t) for t in _split_bodies(right)]
        if len(left) + len(right) > 2 * MAX_TERMS:
            return None
        groups: dict[tuple[tuple[sympy.Expr, sympy.Expr], ...], list[sympy.Expr]] = {}
        for sign, terms in ((1, left), (-1, right)):
            for body, limits in terms:
                key, shared = _canonical(body, limits)
                if shared is None:
                    return None
                groups.setdefault(key, []).append(sign * shared)
        for bodies in groups.values():
            if sympy.expand(sympy.Add(*bodies)) != 0:
                return None
    except (TypeError, ValueError, AttributeError, RecursionError, NotImplementedError):
        return None
    return METHOD, ("the sums' ranges are free of their indices (rectangles)",)


def products_of_sums(lhs: sympy.Expr, rhs: sympy.Expr) -> bool:
    """Whether a side multiplies two sums or raises one to a power (a quadratic form)."""
    for side in (lhs, rhs):
        for node in sympy.preorder_traversal(side):
            power = isinstance(node, sympy.Pow) and node.args[0].has(sympy.Sum)
            if power and node.args[1].is_Integer and node.args[1] >= 2:
                return True
            if (
                isinstance(node, sympy.Mul)
                and sum(isinstance(f, sympy.Sum) for f in node.args) >= 2
            ):
                return True
    return False


def _logs_split(expr: sympy.Expr) -> sympy.Expr:
    """log(exp(u)·R) as u + log(R), log(exp(u)) as u, and log(1/B) as −log(B): where the
    log is defined, its argument is positive, so R = argument/exp(u) and B are, and u is a
    real number."""

    def split(node: sympy.log) -> sympy.Expr:
        argument = node.args[0]
        if isinstance(argument, sympy.Pow) and argument.args[1] == -1:
            return -split(sympy.log(argument.args[0], evaluate=False))  # 1/B > 0: B > 0
        factors = sympy.Mul.make_args(argument)
        exps = [f for f in factors if isinstance(f, sympy.exp)]
        if not exps:
            return node
        rest = [f for f in factors if not isinstance(f, sympy.exp)]
        moved = sympy.Add(*(f.args[0] for f in exps))
        return moved + split(sympy.log(sympy.Mul(*rest), evaluate=False)) if rest else moved

    return expr.replace(lambda e: isinstance(e, sympy.log), split)


def _split_bodies(terms: list[Term]) -> list[Term]:
    """Each body multiplied out (``expand_mul``: no power or exponential expanded), one term
    per addend, each over the same ranges (linearity)."""
    return [
        (addend, limits)
        for body, limits in terms
        for addend in sympy.Add.make_args(sympy.expand_mul(body))
    ]


def _reduced(term: Term) -> Term:
    """A sum whose body is free of its index as the body times the number of terms
    (hi − lo + 1, under docs/semantics.md §4 for every range), and a body with a factor
    δ(d, e) (d the sum's index, e an integer free of the term's indices that SymPy's
    assumptions put in lo..hi) at d = e."""
    body, limits = term
    kept: list[Limit] = []
    bound = {d for d, _, _ in limits}
    for d, lo, hi in limits:
        if not body.has(d):
            body = body * (hi - lo + 1)
            continue
        delta = next(
            (
                f
                for f in sympy.Mul.make_args(body)
                if isinstance(f, sympy.KroneckerDelta) and d in f.args
            ),
            None,
        )
        if delta is not None:
            (e,) = [a for a in delta.args if a != d] or [d]
            inside = (e - lo).is_nonnegative and (hi - e).is_nonnegative
            if e != d and e.is_integer and not (e.free_symbols & bound) and inside:
                rest = sympy.Mul(*(f for f in sympy.Mul.make_args(body) if f != delta))
                if not rest.has(delta):
                    body = rest.xreplace({d: e})
                    continue
        kept.append((d, lo, hi))
    return body, tuple(kept)


def _terms(expr: sympy.Expr) -> list[Term] | None:
    """``expr`` as a list of terms Σ_limits body (bodies with no sum over their indices)."""
    if not expr.has(sympy.Sum):
        return [(expr, ())]
    if isinstance(expr, sympy.Add):
        out: list[Term] = []
        for arg in expr.args:
            part = _terms(arg)
            if part is None:
                return None
            out += part
        return out if len(out) <= MAX_TERMS else None
    if isinstance(expr, sympy.Mul):
        return _product(list(expr.args))
    if isinstance(expr, sympy.Pow):
        base, exponent = expr.args
        if exponent.is_Integer and 1 <= int(exponent) <= MAX_POWER and base.has(sympy.Sum):
            return _product([base] * int(exponent))
        return [(expr, ())]
    if isinstance(expr, sympy.Sum):
        return _sum(expr)
    return [(expr, ())]  # a sum inside a function: a value like any other, compared as is


def _product(factors: Sequence[sympy.Expr]) -> list[Term] | None:
    out: list[Term] = [(sympy.Integer(1), ())]
    for factor in factors:
        part = _terms(factor)  # each copy its own indices (fresh dummies in _sum)
        if part is None:
            return None
        out = [(b1 * b2, l1 + l2) for (b1, l1), (b2, l2) in itertools.product(out, part)]
        if len(out) > MAX_TERMS:
            return None
    return out


def _sum(node: sympy.Sum) -> list[Term] | None:
    body = node.function
    limits: list[Limit] = []
    for index, lo, hi in node.limits:  # innermost first
        fresh = sympy.Dummy(str(index), integer=True)
        body = body.xreplace({index: fresh})
        # the inner limits' ends may hold this index (a triangle): renamed with it
        limits = [(d, a.xreplace({index: fresh}), b.xreplace({index: fresh})) for d, a, b in limits]
        limits.append((fresh, lo, hi))
    inner = _terms(body)
    if inner is None:
        return None
    out: list[Term] = []
    for b, ls in inner:
        every = ls + tuple(limits)
        bound = {d for d, _, _ in every}
        if any((lo.free_symbols | hi.free_symbols) & bound for _, lo, hi in every):
            return None  # not a rectangle
        out.append((b, every))
    return out


def _canonical(
    body: sympy.Expr, limits: tuple[Limit, ...]
) -> tuple[tuple[tuple[sympy.Expr, sympy.Expr], ...], sympy.Expr | None]:
    """The term's ranges in a canonical order, and its body symmetric under the
    permutations of indices over equal ranges, in shared symbols; None when too many."""
    ordered = sorted(
        limits, key=lambda lim: (sympy.default_sort_key(lim[1]), sympy.default_sort_key(lim[2]))
    )
    key = tuple((lo, hi) for _, lo, hi in ordered)
    shared = [sympy.Symbol(f"_k{n}", integer=True) for n in range(len(ordered))]
    slots: dict[tuple[sympy.Expr, sympy.Expr], list[int]] = {}
    for n, (_, lo, hi) in enumerate(ordered):
        slots.setdefault((lo, hi), []).append(n)
    choices = [list(itertools.permutations(group)) for group in slots.values()]
    count = 1
    for c in choices:
        count *= len(c)
    if count > MAX_PERMUTATIONS:
        return key, None
    variants: list[sympy.Expr] = []
    for picks in itertools.product(*choices):
        mapping: dict[sympy.Basic, sympy.Basic] = {}
        for group, pick in zip(slots.values(), picks, strict=True):
            for position, target in zip(group, pick, strict=True):
                mapping[ordered[position][0]] = shared[target]
        variants.append(body.xreplace(mapping))
    return key, sympy.Add(*variants) / count
