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
from sympy.solvers.solvers import unrad

from ..domains import contains
from ..notation import math_text
from ..result import Counterexample
from ..substitution import put
from ..timing import Deadline, bounded
from .critical import MAX_DEGREE
from .declared import DomainInfo
from .exact import strict_value

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
    at_root = _at_algebraic_root(equation, point)
    if at_root is not None:
        return at_root
    difference = put(equation.lhs - equation.rhs, point)
    difference = difference.doit() if hasattr(difference, "doit") else difference
    if difference.has(sympy.zoo, sympy.nan):
        return False
    if sympy.expand(difference) == 0:
        return True
    if strict_value(difference) is None:
        return None
    # strict evalf succeeded, so the difference is not zero (or not real): it does not hold
    return False


SOLVE_SECONDS = 0.3  # for SymPy's general solveset on one equation that is not polynomial
SOLVE_TOTAL = 1.0  # for all of them in one refutation or proof


def _polynomial(
    expr: sympy.Expr, variable: sympy.Symbol, any_degree: bool = False
) -> sympy.Poly | None:
    """``expr`` as a polynomial in ``variable`` with rational coefficients (its real roots
    are then exact and quick: ``Poly.real_roots``), or None."""
    if not expr.is_polynomial(variable) or expr.free_symbols - {variable}:
        return None
    try:
        polynomial = sympy.Poly(expr, variable)
    except (sympy.polys.polyerrors.PolynomialError, NotImplementedError, ValueError):
        return None
    if polynomial.get_domain() not in (sympy.ZZ, sympy.QQ):
        return None
    if polynomial.degree() > MAX_DEGREE and not any_degree:
        return None
    return polynomial


def _real_roots(polynomial: sympy.Poly) -> list[sympy.Expr]:
    """Every real root once, the rational ones first (they are shown more plainly)."""
    if polynomial.degree() <= 0:
        return []
    roots = list(dict.fromkeys(polynomial.real_roots()))
    return sorted(roots, key=lambda r: not r.is_Rational)


def _at_algebraic_root(equation: sympy.Eq, point: Mapping[sympy.Basic, sympy.Expr]) -> bool | None:
    """Whether a polynomial equation holds where one symbol is a root ``CRootOf(P, k)`` of
    an irreducible P (as ``Poly.real_roots`` gives them): exactly when P divides it. Decided
    by the greatest common divisor, so a P that is not irreducible gives no wrong answer."""
    algebraic = [(s, v) for s, v in point.items() if isinstance(v, sympy.CRootOf)]
    if len(algebraic) != 1 or not isinstance(algebraic[0][0], sympy.Symbol):
        return None
    variable, root = algebraic[0]
    rest = {k: v for k, v in point.items() if k != variable}
    lhs, rhs = put(equation.lhs, rest), put(equation.rhs, rest)
    if not (lhs.is_polynomial(variable) and rhs.is_polynomial(variable)):
        return None
    polynomial = _polynomial(sympy.expand(lhs - rhs), variable, any_degree=True)
    if polynomial is None:
        return None
    if polynomial.is_zero:
        return True
    minimal = sympy.Poly(root.poly.as_expr(variable), variable)
    common = sympy.gcd(polynomial, minimal)
    if common.degree() == minimal.degree():
        return True
    if common.degree() == 0:
        return False
    return None


def _roots(
    equation: sympy.Eq,
    variable: sympy.Symbol,
    info: DomainInfo,
    point: Mapping[sympy.Basic, sympy.Expr],
    deadline: Deadline,
) -> list[tuple[sympy.Expr, bool]]:
    """Candidate roots of the equation in ``variable`` at the other symbols' values, each
    with whether it is known to solve the equation (a root of a polynomial equation);
    the others are checked exactly by the caller."""
    lhs, rhs = put(equation.lhs, point), put(equation.rhs, point)
    expr = lhs - rhs
    domain = info.domain
    if domain.values is not None:
        zero = sympy.Eq(expr, 0, evaluate=False)
        return [(v, True) for v in domain.values if _holds_exactly(zero, {variable: v})]

    def inside(root: sympy.Expr) -> bool:
        return root.is_real is True and contains(domain, root)

    whole = _polynomial(sympy.expand(expr), variable)
    if whole is not None and lhs.is_polynomial(variable) and rhs.is_polynomial(variable):
        return [(r, True) for r in _real_roots(whole) if inside(r)]
    # Polynomial factors of the difference (x·(eˣ − x − 8): its root x = 0), then SymPy's
    # solveset on what is left, briefly; every root is checked in the equation itself.
    found: list[tuple[sympy.Expr, bool]] = []
    rest: list[sympy.Expr] = []
    numerator, _ = sympy.fraction(sympy.together(expr))
    for factor in sympy.Mul.make_args(sympy.factor_terms(numerator)):
        base = factor.base if factor.is_Pow and factor.exp.is_positive else factor
        if variable not in base.free_symbols:
            continue
        polynomial = _polynomial(sympy.expand(base), variable)
        if polynomial is not None:
            found += [(r, False) for r in _real_roots(polynomial) if inside(r)]
        else:
            rest.append(base)
    if len(rest) == 1 and _radical_free(rest[0], variable) is not None:
        # sqrt(x) = x**2 - 3: the roots are among those of the equation squared.
        polynomial = _radical_free(rest[0], variable)
        assert polynomial is not None
        found += [(r, False) for r in _real_roots(polynomial) if inside(r)]
        rest = []
    for factor in rest:
        if deadline.passed:
            break
        interval = sympy.Interval(domain.lo, domain.hi, domain.lo_open, domain.hi_open)
        solved: sympy.Set | None = None
        with bounded(min(SOLVE_SECONDS, deadline.left)):
            solved = sympy.solveset(factor, variable, domain=interval)
        if isinstance(solved, sympy.FiniteSet):
            found += [(r, False) for r in solved if r.is_real][:4]
    return found


def _radical_free(expr: sympy.Expr, variable: sympy.Symbol) -> sympy.Poly | None:
    """A polynomial whose roots include every real root of ``expr`` (SymPy's ``unrad``
    squares radicals away), or None."""
    if not expr.has(sympy.Pow) or expr.free_symbols - {variable}:
        return None
    try:
        freed = unrad(expr, variable)
    except (NotImplementedError, ValueError, TypeError, sympy.polys.polyerrors.PolynomialError):
        return None
    if freed is None or freed[1]:
        return None
    return _polynomial(sympy.expand(freed[0]), variable)


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

    deadline = Deadline.after(SOLVE_TOTAL)
    for source, target, what in directions:
        for variable in [s for s in symbols if s in source.free_symbols]:
            others = [s for s in symbols if s != variable]
            choices = [sample_values(infos[s].domain, rng)[:5] for s in others]
            for combo in itertools.islice(itertools.product(*choices), points):
                point = dict(zip(others, combo, strict=True))
                for root, certain in _roots(source, variable, infos[variable], point, deadline):
                    full = {**point, variable: root}
                    if (certain or _holds_exactly(source, full) is True) and _holds_exactly(
                        target, full
                    ) is False:
                        shown = {infos[s].name: value_text(v) for s, v in full.items()}
                        return Counterexample(
                            shown,
                            f"{math_text(source)} holds",
                            f"{math_text(target)} does not: a root is {what}",
                            "",  # the sides are statements here, with no value to show
                            "",
                        )
    return None


def value_text(value: sympy.Expr) -> str:
    """A root as the report shows it: exactly as SymPy writes it, except an algebraic number
    SymPy can only index (CRootOf(p, k)), shown by its decimal value and what it is."""
    if not isinstance(value, sympy.CRootOf):
        return str(sympy.sstr(value))
    polynomial = value.expr
    order = int(value.index) + 1
    nth = {1: "", 2: "2nd-", 3: "3rd-"}.get(order, f"{order}th-")
    which = f"the {nth}smallest real root" if value.is_real else f"root number {order}"
    return f"{sympy.sstr(value.evalf(15))} ({which} of {math_text(polynomial)} = 0)"


def _by_solutions(
    source: sympy.Eq,
    target: sympy.Eq,
    prove_zero: Callable[[sympy.Expr, sympy.Expr], tuple[str, ...] | None],
) -> bool:
    """Every real solution of ``source`` (solved for one symbol, completely) solves ``target``.

    A polynomial equation in one symbol has its real roots found exactly (none at all makes
    it hold vacuously); any other equation goes to SymPy's solveset, briefly."""
    deadline = Deadline.after(SOLVE_TOTAL)
    for variable in sorted(source.free_symbols & target.free_symbols, key=str):
        difference = source.lhs - source.rhs
        polynomial = _polynomial(sympy.expand(difference), variable)
        found: sympy.Set | None = None
        if polynomial is None:
            # sqrt(x) = x**2 + 1: every solution is a root of the equation squared.
            polynomial = _radical_free(difference, variable)
        if polynomial is not None:
            # The sides need not be polynomials: the roots of the difference include
            # every solution, which is all this direction needs.
            found = sympy.FiniteSet(*_real_roots(polynomial))
            if not found:
                return True
        elif not deadline.passed:
            with bounded(min(SOLVE_SECONDS, deadline.left)):
                found = sympy.solveset(difference, variable, domain=sympy.S.Reals)
        if not isinstance(found, sympy.FiniteSet) or not found:
            continue
        target_zero = target.lhs - target.rhs
        if all(
            _at_algebraic_root(target, {variable: root}) is True
            or (
                not isinstance(root, sympy.CRootOf)
                and prove_zero(put(target_zero, {variable: root}), sympy.Integer(0)) is not None
            )
            for root in found
        ):
            return True
    return False


def _exactly_solvable(equation: sympy.Eq) -> bool:
    """One symbol, and a polynomial difference (or one with radicals squared away)."""
    if len(equation.free_symbols) != 1:
        return False
    (variable,) = equation.free_symbols
    difference = sympy.expand(equation.lhs - equation.rhs)
    return (
        _polynomial(difference, variable) is not None
        or _radical_free(difference, variable) is not None
    )


def _squared(
    first: sympy.Eq,
    second: sympy.Eq,
    prove_zero: Callable[[sympy.Expr, sympy.Expr], tuple[str, ...] | None],
) -> bool:
    """B is A with both sides squared (up to the order of its sides): A ⇒ B."""
    squared = first.lhs**2 - first.rhs**2
    b = second.lhs - second.rhs
    return prove_zero(b, squared) is not None or prove_zero(b, -squared) is not None


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
    if _exactly_solvable(first) and _exactly_solvable(second):
        # Both polynomial (or radicals of one) in one symbol: their real roots are exact
        # and quick, before a factor's sign proof that may run to ``simplify``.
        forward = _by_solutions(first, second, prove_zero)
        if forward and (relation == "=>" or _by_solutions(second, first, prove_zero)):
            return "the solutions of one equation solve the other", ()
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
    if _squared(first, second, prove_zero) and (
        relation == "=>" or _by_solutions(second, first, prove_zero)
    ):
        # A ⇒ B by squaring; B ⇒ A as every real solution of B (if any) solves A.
        return "both sides squared; every solution of the squared equation solves it", ()
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
