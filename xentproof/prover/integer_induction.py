"""Inequalities over the integers by induction (issue 18, class 3): 2^k ≥ k + 1, Bernoulli's
(1 + t)^n ≥ 1 + n·t. For an integer n with a least value n₀ in its domain, and a larger
side B whose next value is a fixed multiple of it, B(n + 1) = r·B(n) with r ≥ 0 free of n
(a power with n in its exponent), against a smaller side S with no power in n:

- base: B(n₀) ≥ S(n₀);
- step: r·S(n) ≥ S(n + 1) for every n of the domain, so B(n + 1) = r·B(n) ≥ r·S(n) ≥
  S(n + 1) (r > 0 keeps a strict relation strict).

Each part is proved by the whole cascade (``prove``); nothing is sampled here.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..notation import math_text
from ..result import Verdict
from .declared import DomainInfo
from .outcome import Attempt, Prover
from .symbolic import Proof


def _in_exponent(expr: sympy.Expr, n: sympy.Symbol) -> bool:
    return any(n in p.exp.free_symbols for p in expr.atoms(sympy.Pow)) or any(
        n in e.free_symbols for e in expr.atoms(sympy.exp)
    )


def _variable(
    big: sympy.Expr, small: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]
) -> sympy.Symbol | None:
    """The integer with a least value that only the larger side raises to a power."""
    for s in sorted(big.free_symbols, key=str):
        info = infos.get(s)
        if not isinstance(s, sympy.Symbol) or info is None:
            continue
        domain = info.domain
        if not domain.integer or domain.values is not None or not domain.lo.is_finite:
            continue
        if _in_exponent(big, s) and not _in_exponent(small, s):
            return s
    return None


def induction_inequality(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> Proof | None:
    """The proof by induction described above, or None."""
    if relation not in ("<", "<=", ">", ">="):
        return None
    big, small = (lhs, rhs) if relation in (">", ">=") else (rhs, lhs)
    strict = relation in ("<", ">")
    n = _variable(big, small, infos)
    if n is None:
        return None
    ratio = sympy.powsimp(big.xreplace({n: n + 1}) / big)
    if n in ratio.free_symbols:
        return None
    start = infos[n].domain.lo
    if not start.is_integer:
        start = sympy.ceiling(start)
    if infos[n].domain.lo_open and start == infos[n].domain.lo:
        start += 1
    rel = ">" if strict else ">="
    parts = (
        ("base", rel, big.xreplace({n: start}), small.xreplace({n: start})),
        ("factor", rel, ratio, sympy.Integer(0)),
        ("step", ">=", sympy.expand(ratio * small), small.xreplace({n: n + 1})),
    )
    conditions: list[str] = []
    for name, how, a, b in parts:
        outcome = prove(how, a, b, infos, Attempt())
        if outcome.verdict is not Verdict.PROVED:
            return None
        conditions.append(f"{name}: {math_text(a)} {how.replace('>=', '≥')} {math_text(b)}")
    head = (
        f"induction on {math_text(n)} from {math_text(start)}: the larger side grows by the "
        f"factor {math_text(ratio)}"
    )
    return f"induction over the integer {math_text(n)}", (head, *conditions)
