"""Steps between equations: ``A <=> B`` keeps the solution set over the declared domains,
``A => B`` keeps every solution (and may gain some).

Refutation solves one equation for one of its symbols at sampled values of the others and
checks the other equation at each root, exactly: a root of A that B loses refutes both
``<=>`` and ``=>``; a root B gains refutes ``<=>``. Proof recognises B as A rearranged
(multiplied by a factor that is nonzero on the domains) or as a function applied to both
sides of A, with the injectivity that an equivalence needs stated as a side condition.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Mapping

import sympy

from ..notation import math_text
from ..result import Counterexample
from .cases import DomainInfo, put
from .refute import CONFIRM_DIGITS, CONFIRM_MAX_DIGITS

Side = Callable[[sympy.Expr], sympy.Expr]
MAX_POINTS = 40  # combinations of the other symbols' values, for each symbol solved for

# f applied to both sides, whether f is injective (where), and what f needs to be defined.
_FUNCTIONS: tuple[tuple[str, Side, str], ...] = (
    ("log", sympy.log, "positive"),
    ("exp", sympy.exp, "real"),
    ("negation", lambda e: -e, "real"),
)


def _holds_exactly(equation: sympy.Eq, point: Mapping[sympy.Basic, sympy.Expr]) -> bool | None:
    """Whether the equation holds at a point, decided exactly where possible."""
    difference = put(equation.lhs - equation.rhs, point)
    difference = difference.doit() if hasattr(difference, "doit") else difference
    if difference.has(sympy.zoo, sympy.nan):
        return False
    if sympy.expand(difference) == 0:
        return True
    try:
        difference.evalf(CONFIRM_DIGITS, strict=True, maxn=CONFIRM_MAX_DIGITS)
    except (sympy.core.evalf.PrecisionExhausted, ValueError, TypeError):
        return None
    # strict evalf succeeded, so the difference is not zero (or not real): it does not hold
    return False


def _roots(
    equation: sympy.Eq,
    variable: sympy.Symbol,
    info: DomainInfo,
    point: Mapping[sympy.Basic, sympy.Expr],
) -> list[sympy.Expr]:
    expr = put(equation.lhs - equation.rhs, point)
    domain = info.domain
    if domain.values is not None:
        zero = sympy.Eq(expr, 0, evaluate=False)
        return [v for v in domain.values if _holds_exactly(zero, {variable: v})]
    interval = sympy.Interval(domain.lo, domain.hi, domain.lo_open, domain.hi_open)
    try:
        found = sympy.solveset(expr, variable, domain=interval)
    except (NotImplementedError, ValueError, TypeError):
        return []
    if not isinstance(found, sympy.FiniteSet):
        return []
    return [r for r in found if r.is_real][:4]


def refute_equation(
    relation: str,
    first: sympy.Eq,
    second: sympy.Eq,
    infos: Mapping[sympy.Basic, DomainInfo],
    rng: random.Random,
    points: int = MAX_POINTS,
) -> Counterexample | None:
    """A root of one equation that the other does not share, inside the domains; the roots
    are found at the first ``points`` combinations of sampled values of the other symbols
    (for each symbol solved for). Fewer points try a prefix of the same ones."""
    symbols = sorted((s for s in first.free_symbols | second.free_symbols if s in infos), key=str)
    directions = [(first, second, "lost")] + (
        [(second, first, "gained")] if relation == "<=>" else []
    )
    from ..domains import sample_values  # local: domains imports the reader

    for source, target, what in directions:
        for variable in [s for s in symbols if s in source.free_symbols]:
            others = [s for s in symbols if s != variable]
            choices = [sample_values(infos[s].domain, rng)[:5] for s in others]
            for combo in itertools.islice(itertools.product(*choices), points):
                point = dict(zip(others, combo, strict=True))
                for root in _roots(source, variable, infos[variable], point):
                    full = {**point, variable: root}
                    if (
                        _holds_exactly(source, full) is True
                        and _holds_exactly(target, full) is False
                    ):
                        shown = {infos[s].name: sympy.sstr(v) for s, v in full.items()}
                        return Counterexample(
                            shown,
                            f"{math_text(source)} holds",
                            f"{math_text(target)} does not: a root is {what}",
                            "true",
                            "false",
                        )
    return None


def _by_solutions(
    source: sympy.Eq,
    target: sympy.Eq,
    prove_zero: Callable[[sympy.Expr, sympy.Expr], tuple[str, ...] | None],
) -> bool:
    """Every real solution of ``source`` (solved for one symbol, completely) solves ``target``."""
    for variable in sorted(source.free_symbols & target.free_symbols, key=str):
        try:
            found = sympy.solveset(source.lhs - source.rhs, variable, domain=sympy.S.Reals)
        except (NotImplementedError, ValueError, TypeError):
            continue
        if not isinstance(found, sympy.FiniteSet) or not found:
            continue
        target_zero = target.lhs - target.rhs
        if all(
            prove_zero(put(target_zero, {variable: root}), sympy.Integer(0)) is not None
            for root in found
        ):
            return True
    return False


def prove_equation(
    relation: str,
    first: sympy.Eq,
    second: sympy.Eq,
    prove_zero: Callable[[sympy.Expr, sympy.Expr], tuple[str, ...] | None],
    establish: Callable[[sympy.Expr, str], tuple[str, ...] | None],
) -> tuple[str, tuple[str, ...]] | None:
    """How B follows from A (and back, for ``<=>``), with its side conditions; or None."""
    a = first.lhs - first.rhs
    b = second.lhs - second.rhs
    same = prove_zero(b, a)
    if same is not None:
        return "the same equation, its sides rewritten", same
    # log or exp of both sides first: a wrong guess fails at the first sample point, where
    # the factor below needs a sign proof that may run to ``simplify`` before it fails.
    found = _applied(first, second, _FUNCTIONS[:2], prove_zero, establish)
    if found is not None:
        return found
    # B is A times a factor k: the same solutions where k is nonzero (and defined).
    factor = sympy.cancel(sympy.together(b / a)) if a != 0 else None
    if factor is not None and not factor.has(sympy.zoo, sympy.nan):
        facts = establish(factor, "nonzero")
        if facts is not None and prove_zero(b, factor * a) is not None:
            return "rearranged (multiplied by a factor ≠ 0)", (
                f"{math_text(factor)} ≠ 0 from {', '.join(facts) or 'its form'}",
            )
    forward = _by_solutions(first, second, prove_zero)
    backward = forward and (relation == "=>" or _by_solutions(second, first, prove_zero))
    if backward:
        return "the solutions of one equation solve the other", ()
    return _applied(first, second, _FUNCTIONS[2:], prove_zero, establish)


def _applied(
    first: sympy.Eq,
    second: sympy.Eq,
    functions: tuple[tuple[str, Side, str], ...],
    prove_zero: Callable[[sympy.Expr, sympy.Expr], tuple[str, ...] | None],
    establish: Callable[[sympy.Expr, str], tuple[str, ...] | None],
) -> tuple[str, tuple[str, ...]] | None:
    """B is f(A.lhs) = f(A.rhs) for one of ``functions``, with what f's injectivity needs."""
    for name, f, needs in functions:
        done = prove_zero(second.lhs - second.rhs, f(first.lhs) - f(first.rhs))
        if done is None:
            continue
        if needs == "positive":
            # log(x) = log(y) with y > 0: x = y gives log x = log y; log x = log y needs
            # x > 0 and gives x = y, as log is injective on the positives.
            for side in (first.rhs, first.lhs):
                facts = establish(side, "positive")
                if facts is not None:
                    return f"{name} applied to both sides", (
                        f"{name} is injective on the positives; {math_text(side)} > 0 from "
                        f"{', '.join(facts) or 'its form'}",
                    )
            continue
        return f"{name} applied to both sides", (f"{name} is injective on the reals",)
    return None
