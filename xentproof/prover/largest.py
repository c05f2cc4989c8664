"""Inequalities with a Max or Min of n real variables, split by which variable is the
largest (issue 18, class 3: max(x₁, …, xₙ) ≤ log Σ e^{xᵢ} ≤ max(x₁, …, xₙ) + log n, and the
same with a scale t or with Min).

Every Max and Min of the value must have the same arguments x₁, …, xₙ (2 ≤ n ≤ MAX_ARGS),
declared symbols each over the whole real line. With Max alone, case k is "xₖ is the
largest": xⱼ = xₖ − sⱼ for j ≠ k with sⱼ ≥ 0 is a change of variables onto exactly that
part of the domain (xₖ real, each sⱼ ∈ [0, ∞)), and there every Max is xₖ. With Min alone
it is "xₖ is the smallest", xⱼ = xₖ + sⱼ. With both, case σ is the order
x_σ₁ ≥ x_σ₂ ≥ … ≥ x_σₙ, written x_σᵢ₊₁ = x_σᵢ − sᵢ (Max is x_σ₁, Min is x_σₙ). The cases
cover the domain, so the relation holds when it holds in every case.

In each case the value is normalised (exp of a sum split, the common factor of each log's
argument taken out, logs of positive products expanded: ``separated.normalised``), which is
where log(e^{x₁} + e^{x₁−s₂} + …) − x₁ loses x₁, and the case's value ≥ 0 (> 0) with the
new variables declared [0, ∞) is proved by the whole cascade, its definedness included. A
case not proved proves nothing: the method never refutes.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import permutations

import sympy

from ..model import Domain
from ..notation import math_text
from ..result import Verdict
from ..substitution import BINDING, put
from .calculus import smooth
from .cases import TooManyCases, finite_cases
from .common_factor import exponents_expanded
from .declared import DomainInfo
from .establish import establish
from .inequalities import oriented
from .outcome import Attempt, Prover
from .separated import normalised, whole_line
from .symbolic import Proof

METHOD = "split by the largest argument of Max/Min (a shift by nonnegative gaps in each case)"
MAX_ARGS = 4  # arguments of the Max/Min (n! orders when both Max and Min are there)
MAX_OPS = 300
NONNEGATIVE = Domain(text="[0, ∞)", lo=sympy.Integer(0), lo_open=False)


def prove_by_largest(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> Proof | None:
    """The method and side conditions of a proof of ``lhs REL rhs`` case by case on which
    argument of its Max/Min is the largest (smallest), or None."""
    side = oriented(relation, lhs, rhs)
    if side is None:
        return None
    value, strict = side
    if value.has(*BINDING) or value.has(sympy.Indexed) or sympy.count_ops(value) > MAX_OPS:
        return None
    variables = _arguments(value, infos)
    if variables is None:
        return None
    kinds = {type(n) for n in value.atoms(sympy.Max, sympy.Min)}
    notes: list[str] = []
    for label, shift, gaps, pick in _cases(variables, kinds):
        chosen = value.xreplace({n: pick[type(n)] for n in value.atoms(sympy.Max, sympy.Min)})
        reduced = normalised(exponents_expanded(chosen.xreplace(shift)))
        if reduced is None or reduced.has(sympy.Max, sympy.Min):
            return None
        reduced, lowered = _gaps_where_rising(reduced, gaps)
        extended = dict(infos)
        for gap in gaps:
            extended[gap] = DomainInfo(gap, gap.name, NONNEGATIVE)
        inner = prove(
            ">" if strict else ">=",
            reduced,
            sympy.Integer(0),
            extended,
            Attempt(stage="a case of the largest argument"),
        )
        if inner.verdict is not Verdict.PROVED:
            return None
        gaps_text = ", ".join(f"{math_text(g)} ≥ 0" for g in gaps)
        if lowered:
            names = ", ".join(math_text(g) for g in lowered)
            gaps_text += f"; the value rises with {names} (its derivative ≥ 0): least at 0"

        notes.append(
            f"case {label} ({gaps_text}): {math_text(reduced)} {'>' if strict else '≥'} 0 "
            f"by {inner.method}"
        )
        notes.extend(inner.conditions)
    return METHOD, tuple(dict.fromkeys(notes))


def clipped_sign(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
) -> Proof | None:
    """``lhs REL rhs`` with a Max/Min of any arguments (a clip) shown in each finite case by
    the sign of its value (``establish``: a Max or Min bounded by its arguments, a log by
    the side of 1 its argument lies on), or None."""
    side = oriented(relation, lhs, rhs)
    if side is None:
        return None
    value, strict = side
    if value.has(*BINDING) or value.has(sympy.Indexed):
        return None
    notes: list[str] = []
    try:
        finite = finite_cases([value], infos)
    except TooManyCases:
        return None
    for case in finite:
        shown = establish(
            sympy.expand(put(value, case.substitution)),
            "positive" if strict else "nonnegative",
            infos,
        )
        if shown is None:
            return None
        if case.substitution:
            notes.append("case " + ", ".join(case.labels))
        notes.extend(shown)
    return "signs of a clip's arguments", tuple(dict.fromkeys(notes))


def _gaps_where_rising(
    value: sympy.Expr, gaps: list[sympy.Dummy]
) -> tuple[sympy.Expr, list[sympy.Dummy]]:
    """The value with each gap where it rises set to 0, and those gaps: when ∂V/∂s ≥ 0 at
    every point (SymPy's assumptions on the derivative, every symbol with its declared
    sign), V is nondecreasing in s on [0, ∞) (V smooth there, the mean value theorem), so
    V ≥ V at s = 0; each gap in turn, on the value the earlier ones left."""
    lowered: list[sympy.Dummy] = []
    if not smooth(value):
        return value, lowered
    for gap in gaps:
        try:
            rising = sympy.diff(value, gap).is_nonnegative
        except (NotImplementedError, ValueError, TypeError, RecursionError):
            rising = None
        if rising:
            value = value.xreplace({gap: sympy.Integer(0)})
            lowered.append(gap)
    return value, lowered


def _arguments(
    value: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[sympy.Symbol, ...] | None:
    """The arguments shared by every Max and Min of ``value``, each a declared real symbol
    over the whole line, or None."""
    nodes = value.atoms(sympy.Max, sympy.Min)
    if not nodes:
        return None
    argument_sets = {frozenset(n.args) for n in nodes}
    if len(argument_sets) != 1:
        return None
    (arguments,) = argument_sets
    if not 2 <= len(arguments) <= MAX_ARGS:
        return None
    for a in arguments:
        info = infos.get(a)
        if not isinstance(a, sympy.Symbol) or info is None or not whole_line(info.domain):
            return None
    return tuple(sorted(arguments, key=str))


Case = tuple[
    str,
    dict[sympy.Basic, sympy.Expr],
    list[sympy.Dummy],
    dict[type, sympy.Expr],
]


def _gap(x: sympy.Symbol) -> sympy.Dummy:
    return sympy.Dummy(f"s_{x.name}", real=True, nonnegative=True)


def _cases(variables: tuple[sympy.Symbol, ...], kinds: set[type]) -> list[Case]:
    """Each case: its label, the change of variables, the new gap variables (each ≥ 0), and
    what Max and Min are in it."""
    cases: list[Case] = []
    if len(kinds) == 1:
        largest = sympy.Max in kinds
        word = "largest" if largest else "smallest"
        for k, x in enumerate(variables):
            others = [y for j, y in enumerate(variables) if j != k]
            gaps = [_gap(y) for y in others]
            shift: dict[sympy.Basic, sympy.Expr] = {
                y: (x - g if largest else x + g) for y, g in zip(others, gaps, strict=True)
            }
            picked: dict[type, sympy.Expr] = {sympy.Max: x, sympy.Min: x}
            cases.append((f"{math_text(x)} {word}", shift, gaps, picked))
        return cases
    for order in permutations(variables):
        gaps = [_gap(y) for y in order[1:]]
        shift = {}
        current: sympy.Expr = order[0]
        for y, g in zip(order[1:], gaps, strict=True):
            current = current - g
            shift[y] = current
        picked = {sympy.Max: order[0], sympy.Min: order[-1]}
        label = " ≥ ".join(math_text(y) for y in order)
        cases.append((label, shift, gaps, picked))
    return cases
