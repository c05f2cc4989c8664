"""A finite product split into its factors (issue 18, class 4: likelihoods written as
products). Over a range of ``m = hi − lo + 1 ≥ 0`` indices (shown on the domains):

- Π_i (a_i·b_i) = Π_i a_i · Π_i b_i (a finite product of reals, in any order);
- Π_i c = c^m for a factor ``c`` free of the index (an empty range: 1 = c^0);
- Π_i exp(g_i) = exp(Σ_i g_i);
- Π_i c^(e_i) = c^(Σ_i e_i) for a base ``c`` free of the index and shown positive on the
  domains (p^(x_i)·(1 − p)^(1 − x_i) over a Bernoulli sample).

The factors that none of these takes apart stay in one product. Both sides so rewritten,
the relation is proved by the whole cascade (the sides as written keep their own
definedness obligations); the method never refutes.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..notation import math_text
from ..result import Verdict
from .declared import DomainInfo, members_as_symbols
from .establish import establish
from .outcome import Attempt, Prover
from .symbolic import Proof

METHOD = "a product split into its factors"


def prove_by_product_factors(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> Proof | None:
    """The method and side conditions of a proof after the products of both sides are split
    into their factors, or None."""
    notes: list[str] = []

    def split(product: sympy.Product) -> sympy.Expr:
        return split_product(product, infos, notes)

    def rewrite(side: sympy.Expr) -> sympy.Expr:
        return side.replace(lambda e: isinstance(e, sympy.Product), split)

    left, right = rewrite(lhs), rewrite(rhs)
    if (left, right) == (lhs, rhs):
        return None
    if left == right and relation in ("=", "<=", ">="):
        return METHOD, tuple(dict.fromkeys(notes))
    inner = prove(relation, left, right, infos, Attempt(stage="products split into factors"))
    if inner.verdict is not Verdict.PROVED:
        return None
    return METHOD, tuple(dict.fromkeys([*notes, f"then: {inner.method}", *inner.conditions]))


def split_product(
    product: sympy.Product, infos: Mapping[sympy.Basic, DomainInfo], notes: list[str]
) -> sympy.Expr:
    """``product`` written as a product of powers, exponentials of sums and what is left of
    it (``product`` itself where nothing applies)."""
    if len(product.limits) != 1:
        return product
    index, lo, hi = product.limits[0]
    count = sympy.expand(hi - lo + 1)
    if count.is_integer is not True:
        return product
    sure_count = establish(count, "nonnegative", infos)
    if sure_count is None:
        return product
    done: list[sympy.Expr] = []
    sums: list[sympy.Expr] = []  # exponents of exp, summed over the range
    powers: dict[sympy.Expr, list[sympy.Expr]] = {}  # base free of the index: its exponents
    kept: list[sympy.Expr] = []
    for factor in sympy.Mul.make_args(product.function):
        if index not in factor.free_symbols:
            done.append(factor**count)
        elif isinstance(factor, sympy.exp):
            sums.append(factor.args[0])
        elif (
            isinstance(factor, sympy.Pow)
            and index not in factor.base.free_symbols
            and _positive(factor.base, infos, notes)
        ):
            powers.setdefault(factor.base, []).append(factor.exp)
        else:
            kept.append(factor)
    if not (done or sums or powers):
        return product
    notes.append(f"{math_text(count)} ≥ 0 factors in {math_text(product)}")
    notes.extend(sure_count)
    parts = list(done)
    if sums:
        parts.append(sympy.exp(sympy.Sum(sympy.Add(*sums), (index, lo, hi))))
    for base, exponents in powers.items():
        parts.append(base ** sympy.Sum(sympy.Add(*exponents), (index, lo, hi)))
    if kept:
        parts.append(sympy.Product(sympy.Mul(*kept), (index, lo, hi)))
    return sympy.Mul(*parts)


def _positive(base: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo], notes: list[str]) -> bool:
    shown_base, extended = members_as_symbols(base, infos)
    shown = establish(shown_base, "positive", extended)
    if shown is None:
        return False
    notes.append(f"{math_text(base)} > 0")
    notes.extend(shown)
    return True
