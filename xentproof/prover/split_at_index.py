"""A sum split at a declared index inside its range (issue 18, class 5): with k an integer
symbol that the relation uses outside the sum's limits (z[k], exp(z[k])) and lo ≤ k ≤ hi
shown on the domains,

    Σ_{i=lo}^{hi} f(i) = Σ_{i=lo}^{k−1} f(i) + f(k) + Σ_{i=k+1}^{hi} f(i),

an identity there (either part may be empty: k − 1 ≥ lo − 1 and k + 1 ≤ hi + 1, where both
the contract's and SymPy's conventions give 0). The relation so rewritten is proved by the
whole cascade; that is how Σ_{j=1}^{k+m} z[j] splits at the class k, and a softmax entry
exp(z[k]) / Σ_{i=1}^{k+m+1} exp(z[i]) < 1 is seen as a part over the whole (the parts after
k are a non-empty sum of positive terms). Each sum is split once (at one index), and a split
inside a split is not tried; the sums of Kronecker deltas are carried out first
(``members.carry_out_deltas``, the ranges decided on the declared domains), and a sum of
deltas left is not split. The method never refutes.
"""

from __future__ import annotations

import contextvars
from collections.abc import Mapping

import sympy

from ..domains import describe
from ..notation import math_text
from ..result import Verdict
from .declared import DomainInfo
from .establish import establish
from .members import carry_out_deltas
from .outcome import Attempt, Prover
from .symbolic import Proof

METHOD = "a sum split at an index inside its range"
MAX_TRIES = 4  # (sum, index) pairs tried
_INSIDE: contextvars.ContextVar[bool] = contextvars.ContextVar("split_at_index", default=False)


def prove_by_split_at_index(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> Proof | None:
    """The method and side conditions of a proof after one sum is split at an index, or
    None."""
    if _INSIDE.get():
        return None
    carried: tuple[str, ...] = ()
    if lhs.has(sympy.KroneckerDelta) or rhs.has(sympy.KroneckerDelta):
        declared = {s: i.domain for s, i in infos.items()}
        left, right = carry_out_deltas(lhs, declared), carry_out_deltas(rhs, declared)
        if (left, right) != (lhs, rhs):
            lhs, rhs = left, right
            deciding = sorted(
                describe(i.name, i.domain)
                for s, i in infos.items()
                if isinstance(s, sympy.Symbol) and i.domain.integer
            )
            carried = ("sums of Kronecker deltas carried out", *deciding)
    sums = sorted(
        {
            s
            for side in (lhs, rhs)
            for s in side.atoms(sympy.Sum)
            if len(s.limits) == 1 and not s.function.has(sympy.KroneckerDelta)
        },
        key=sympy.default_sort_key,
    )
    indices = sorted(
        (
            s
            for s in lhs.free_symbols | rhs.free_symbols
            if isinstance(s, sympy.Symbol) and s in infos and infos[s].domain.integer
        ),
        key=str,
    )
    tries = 0
    for series in sums:
        index, lo, hi = series.limits[0]
        if isinstance(hi, sympy.Max) and len(hi.args) == 2 and lo - 1 in hi.args:
            # the contract's empty range (``ranges``): max(lo − 1, X) is X once k ≤ X is
            # shown with lo ≤ k
            (hi,) = (a for a in hi.args if a != lo - 1)
        hidden = sympy.Dummy("sum")
        outside = {
            *lhs.xreplace({series: hidden}).free_symbols,
            *rhs.xreplace({series: hidden}).free_symbols,
            *series.function.free_symbols,
        }
        for k in indices:
            if k not in outside:
                continue  # k only in the limits: nothing singles out its term
            if tries >= MAX_TRIES or sympy.expand(hi - k) == 0 or sympy.expand(k - lo) == 0:
                continue  # at an end: a term peeled off, which the other stages do
            inside = _inside(k, lo, hi, infos)
            if inside is None:
                continue
            tries += 1
            f = series.function
            split = (
                sympy.Sum(f, (index, lo, k - 1))
                + f.xreplace({index: k})
                + sympy.Sum(f, (index, k + 1, hi))
            )
            token = _INSIDE.set(True)
            try:
                inner = prove(
                    relation,
                    lhs.xreplace({series: split}),
                    rhs.xreplace({series: split}),
                    infos,
                    Attempt(stage="a sum split at an index"),
                )
            finally:
                _INSIDE.reset(token)
            if inner.verdict is Verdict.PROVED:
                shown = (
                    f"Σ[{index}={math_text(lo)}..{math_text(hi)}] {math_text(f)} split at "
                    f"{math_text(k)}: {math_text(lo)} ≤ {math_text(k)} ≤ {math_text(hi)}"
                )
                then = f"then: {inner.method}"
                return METHOD, (*carried, shown, *inside, then, *inner.conditions)
    return None


def _inside(
    k: sympy.Symbol, lo: sympy.Expr, hi: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, ...] | None:
    """The facts that show lo ≤ k ≤ hi on the domains, or None."""
    below = establish(sympy.expand(k - lo), "nonnegative", infos)
    if below is None:
        return None
    above = establish(sympy.expand(hi - k), "nonnegative", infos)
    if above is None:
        return None
    return (*below, *above)
