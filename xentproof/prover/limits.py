"""The value of a limit of an expression without switching parts (no Piecewise, Abs, Max,
Min), for the limits written as steps (``limit_steps``, one side at a time) and those the
calculus method takes at the ends of an interval (``limit_value``, for both). An exact
argument is used where one applies (analytic at the point, a 0/0 quotient by Taylor
coefficients, powers beating logs, degrees of a rational function, also of t = exp(s));
SymPy's ``limit`` (Gruntz's algorithm) otherwise. Whether the limit exists in the declared
domain, and whether the body is defined beside the point, is ``limit_steps``'s business.
"""

from __future__ import annotations

import sympy

from ..memo import Memo
from ..notation import math_text
from ..substitution import BINDING
from .dominant import dominant_form
from .limit_functions import function_of_limit, through_cancelled_form, through_exp_form
from .rational_limits import continuous_limit

# The value of each limit asked for in this process, and how it was found (or why it has
# none): the same limit is asked for on both sides of a step and again by the next relation
# of the chain. It depends on the limit alone (its symbols carry their assumptions).
_VALUES: Memo[sympy.Basic, tuple[sympy.Basic | str, str]] = Memo()
GRUNTZ = "SymPy's limit, Gruntz"


def limit_value(limit: sympy.Limit) -> tuple[sympy.Basic | str, str]:
    """The value of the limit and how it was found, or the text of the error SymPy raised:
    exactly by the cheap methods below when one applies, by Gruntz's algorithm otherwise."""
    return _VALUES.get(limit, lambda: _find_value(limit))


# The switching parts: constant or smooth on each side of the points where their
# arguments (or the difference of two of them) change sign, and only there. SymPy's limit
# of a Piecewise takes the branch selected at the point itself (its limit from the left of
# {2 if x < 1; x + 3 otherwise} at 1 is 4), so they are resolved on a side first (``near``);
# this module refuses all of them but Abs, which a one-sided limit writes as ±u at once.
SWITCHES = (
    sympy.Piecewise,
    sympy.Abs,
    sympy.Max,
    sympy.Min,
    sympy.sign,
    sympy.Heaviside,
    sympy.DiracDelta,
    sympy.KroneckerDelta,
)
_REFUSED = tuple(s for s in SWITCHES if s is not sympy.Abs)


def _find_value(limit: sympy.Limit) -> tuple[sympy.Basic | str, str]:
    expr, x = limit.args[:2]
    if any(x in node.free_symbols for node in expr.atoms(*_REFUSED)):
        return f"{math_text(expr)} switches (Piecewise, max, min): resolve it on a side", ""
    exact = _exact(limit)
    if exact is not None:
        return exact
    others = expr.free_symbols - {x}
    if others:
        # Gruntz's algorithm expands in series whose leading coefficients it takes to be
        # nonzero: its value holds for generic values of the other symbols only (it gives 0
        # for x²/(x² + a²) at 0, which is 1 at a = 0)
        shown = ", ".join(sorted(math_text(s) for s in others))
        return f"SymPy's limit holds only for generic values of {shown}", GRUNTZ
    try:
        return limit.doit(), GRUNTZ
    except (NotImplementedError, ValueError, TypeError, ZeroDivisionError) as error:
        return str(error), GRUNTZ


def exact_limit(limit: sympy.Limit) -> tuple[sympy.Basic, str] | None:
    """The limit by an argument that holds for every value of the other symbols, or None;
    the fastest exponential taken out first (a case of a split is mostly decided by it)."""
    return _through_dominant(limit) or _exact(limit)


# The exact arguments ask again and again for the same inner limits (a base, an exponent,
# the parts of a sum), and a split asks for each case.
_EXACT: Memo[sympy.Basic, tuple[sympy.Basic, str] | None] = Memo()


def _exact(limit: sympy.Limit) -> tuple[sympy.Basic, str] | None:
    """The limit by an argument that holds for every value of the other symbols, or None."""
    return _EXACT.get(limit, lambda: _first_exact(limit))


def _first_exact(limit: sympy.Limit) -> tuple[sympy.Basic, str] | None:
    return (
        _at_finite_point(limit)
        or _powers_and_logs(limit)
        or _through_exp(limit)
        or _rational_at_infinity(limit)
        or _from_infinity_to_zero(limit)
        or _through_log(limit)
        or _exp_of_limit(limit)
        or _through_dominant(limit)
        or _part_by_part(limit)
        or function_of_limit(limit, _exact)
        or through_exp_form(limit, _exact)
        or through_cancelled_form(limit, _exact)
    )


def _exp_of_limit(limit: sympy.Limit) -> tuple[sympy.Basic, str] | None:
    """exp(E) where E's limit L is found exactly: exp(L), ∞ for L = ∞, 0 for L = −∞ (exp
    is continuous and increasing)."""
    expr, x, point, direction = limit.args
    if not isinstance(expr, sympy.exp) or x not in expr.free_symbols:
        return None
    inner = _exact(sympy.Limit(expr.args[0], x, point, direction))
    if inner is None:
        return None
    return _exp_of(inner, "as exp of a limit")


def _part_by_part(limit: sympy.Limit) -> tuple[sympy.Basic, str] | None:
    """A sum or product whose parts each have a finite limit found exactly: the sum or
    product of those limits (no ∞ meets a 0 or a −∞ here)."""
    expr, x, point, direction = limit.args
    if not isinstance(expr, (sympy.Add, sympy.Mul)):
        return None
    values = []
    for part in expr.args:
        if x not in part.free_symbols:
            if part.is_extended_real is not True or part.is_finite is not True:
                return None
            values.append(part)
            continue
        found = _exact(sympy.Limit(part, x, point, direction))
        if found is None or found[0].is_finite is not True:
            return None
        values.append(found[0])
    value = sympy.Add(*values) if isinstance(expr, sympy.Add) else sympy.Mul(*values)
    return value, "part by part, each part's limit finite"


_DEPTH = [0]  # rewritings by ``dominant_form`` under way (each may ask for inner limits)


def _through_dominant(limit: sympy.Limit) -> tuple[sympy.Basic, str] | None:
    """With s → ∞ (s = x at ∞, x = a ± 1/s at a finite point from one side), the body with
    the fastest exponential of each sum taken out (``dominant``), found exactly."""
    expr, x, point, direction = limit.args
    if _DEPTH[0] >= 1 or not isinstance(x, sympy.Symbol) or x.is_real is not True:
        return None
    if expr.has(*BINDING) or not expr.has(sympy.exp, sympy.Pow):
        return None
    s = sympy.Dummy("s", positive=True)
    if point.is_infinite:
        written: sympy.Expr = s if point == sympy.oo else -s
    elif str(direction) in ("+", "-") and _at_finite_real_point(limit):
        written = point + (1 / s if str(direction) == "+" else -1 / s)
    else:
        return None
    _DEPTH[0] += 1
    try:
        form = dominant_form(expr.xreplace({x: written}), s)
        found = None if form is None else _exact(sympy.Limit(form, s, sympy.oo))
    finally:
        _DEPTH[0] -= 1
    if found is None:
        return None
    value, how = found
    return value, f"the fastest exponential of each sum taken out ({how})"


def _through_log(limit: sympy.Limit) -> tuple[sympy.Basic, str] | None:
    """A power b**e with the variable in its exponent, where b tends to a positive number
    or is positive for every value of the symbols: b > 0 near the point, so b**e =
    exp(e·log(b)) there, and exp is continuous (its limit
    exp(L), ∞ or 0 as e·log(b) tends to L, ∞ or −∞). Each limit found exactly."""
    expr, x, point, direction = limit.args
    if not isinstance(expr, sympy.Pow) or x not in expr.exp.free_symbols:
        return None
    base = _exact(sympy.Limit(expr.base, x, point, direction))
    positive_limit = base is not None and base[0].is_positive is True and base[0].is_finite
    # a base positive for every value (e^{at} + e^{bt} > 0) may also tend to 0 or ∞
    if not positive_limit and expr.base.is_positive is not True:
        return None
    inner = _exact(sympy.Limit(expr.exp * sympy.log(expr.base), x, point, direction))
    if inner is None:
        return None
    return _exp_of(inner, f"as exp({math_text(expr.exp * sympy.log(expr.base))})")


def _exp_of(inner: tuple[sympy.Basic, str], finite: str) -> tuple[sympy.Basic, str] | None:
    """exp of a limit found exactly: ∞ for ∞, 0 for −∞, exp(L) for a finite real L (said
    ``finite``); None otherwise (exp is continuous and increasing)."""
    value, how = inner
    if value == sympy.oo:
        return sympy.oo, f"as exp of a limit ∞ ({how})"
    if value == -sympy.oo:
        return sympy.Integer(0), f"as exp of a limit −∞ ({how})"
    if value.is_finite is not True or value.is_extended_real is not True:
        return None
    return sympy.exp(value), f"{finite} ({how})"


# A limit's expression may hold no bound variable (``BINDING``) for the exact arguments below.


def _at_finite_real_point(limit: sympy.Limit) -> bool:
    """A real variable going to a finite real point."""
    _expr, x, point, _ = limit.args
    return (
        isinstance(x, sympy.Symbol)
        and x.is_real is True
        and point.is_number
        and point.is_finite is True
        and point.is_extended_real is True
    )


def _at_infinity(limit: sympy.Limit) -> bool:
    """A real variable going to ±∞ in an expression without bound variables."""
    expr, s, point, _ = limit.args
    return (
        point in (sympy.oo, -sympy.oo)
        and isinstance(s, sympy.Symbol)
        and s.is_real is True
        and not expr.has(*BINDING)
    )


# Functions analytic at every real point, and the order of derivatives the quotient rule
# below goes to before it leaves a 0/0 form to Gruntz.
_ENTIRE = (sympy.exp, sympy.sin, sympy.cos, sympy.atan, sympy.sinh, sympy.cosh, sympy.tanh)
MAX_ORDER = 4


def _at_finite_point(limit: sympy.Limit) -> tuple[sympy.Basic, str] | None:
    """The limit at a finite point a of an expression analytic there: its value at a. Of a
    quotient n/d of expressions analytic at a with d(a) = 0: n⁽ᵏ⁾(a)/d⁽ᵏ⁾(a) for the first
    k with d⁽ᵏ⁾(a) ≠ 0, when n and its derivatives below k vanish at a (Taylor's theorem:
    both start at (x − a)ᵏ, from either side). None otherwise (an infinite limit, a form
    that is not a quotient, a value SymPy cannot decide is zero)."""
    expr, x, point, _ = limit.args
    if not _at_finite_real_point(limit):
        return None
    value = _analytic_value(expr, x, point)
    if value is not None:
        return value, f"continuous at {math_text(point)}"
    numerator, denominator = sympy.fraction(expr)
    if denominator == 1:
        return None
    for order in range(MAX_ORDER + 1):
        top = _analytic_value(numerator, x, point)
        bottom = _analytic_value(denominator, x, point)
        if top is None or bottom is None:
            return None
        bottom_zero, top_zero = bottom.is_zero, top.is_zero
        if bottom_zero is False:
            quotient = top / bottom
            if order == 0 or not quotient.is_finite:
                return None
            return quotient, f"the quotient's Taylor expansions at {math_text(point)}"
        if bottom_zero is None or top_zero is not True:
            return None  # undecided, or the numerator's lower order: infinite (or none)
        numerator, denominator = sympy.diff(numerator, x), sympy.diff(denominator, x)
    return None


def _analytic_value(
    expr: sympy.Expr, x: sympy.Symbol, point: sympy.Expr, right: bool = False
) -> sympy.Expr | None:
    """expr at x = point when every part of it is analytic there (finite real value), else
    None: sums, products, exp, sin, cos, atan, sinh, cosh, tanh; integer powers of a
    nonzero base; other real powers and logs of a positive one. With ``right`` (x → 0+
    only), also x**c with c > 0, continuous from the right with the value 0 (not analytic:
    no Taylor quotient may use it)."""
    if x not in expr.free_symbols:
        return expr if expr.is_extended_real is True and expr.is_finite is True else None
    if expr == x:
        return point
    if right and isinstance(expr, sympy.Pow) and expr.base == x and point == 0:  # noqa: SIM102
        if x not in expr.exp.free_symbols and expr.exp.is_positive is True:
            return sympy.Integer(0)
    if isinstance(expr, (sympy.Add, sympy.Mul)):
        parts = [_analytic_value(a, x, point, right) for a in expr.args]
        if any(p is None for p in parts):
            return None
        return sympy.Add(*parts) if isinstance(expr, sympy.Add) else sympy.Mul(*parts)
    if isinstance(expr, (*_ENTIRE, sympy.log)):
        inner = _analytic_value(expr.args[0], x, point, right)
        if inner is None or (isinstance(expr, sympy.log) and inner.is_positive is not True):
            return None
        return type(expr)(inner)
    if isinstance(expr, sympy.Pow):
        base = _analytic_value(expr.base, x, point, right)
        exponent = _analytic_value(expr.exp, x, point, right)
        if base is None or exponent is None:
            return None
        if expr.exp.is_Integer:
            if expr.exp.is_negative and base.is_zero is not False:
                return None
        elif base.is_positive is not True:
            return None
        value = base**exponent
        return value if value.is_extended_real is True and value.is_finite is True else None
    return None


def _through_exp(limit: sympy.Limit) -> tuple[sympy.Basic, str] | None:
    """A limit at ±∞ with s written as log(t), t = exp(s) (t → ∞ or t → 0+, a bijection of
    the line onto (0, ∞)): where exp(c·s) becomes t^c and the rest is a rational function
    of t (its logs joined where SymPy may), the degrees (or lowest orders) of numerator and
    denominator settle it exactly, under continuous log, exp and powers (the sigmoid's
    limits cost Gruntz's algorithm a tenth of a second each). None when that does not
    apply."""
    expr, s, point, _ = limit.args
    if not _at_infinity(limit):
        return None
    t = sympy.Dummy("t", positive=True)
    # s = log(t): SymPy writes exp(c·s) as t**c at once, and s itself stays log(t)
    in_t = expr.xreplace({s: sympy.log(t)})
    value = continuous_limit(in_t, t, at_zero=point == -sympy.oo)
    if value is None:
        # log(1 + t) − log(t) as log((1 + t)/t): SymPy joins logs only of positive arguments
        combined = sympy.logcombine(in_t)
        if combined == in_t:
            return None
        value = continuous_limit(combined, t, at_zero=point == -sympy.oo)
    if value is None:
        return None
    end = "∞" if point == sympy.oo else "0+"
    return value, f"through t = exp({math_text(s)}) → {end}"


MAX_TERMS = 24


def _powers_and_logs(limit: sympy.Limit) -> tuple[sympy.Basic, str] | None:
    """A one-sided limit at a finite point a, with u = |x − a| → 0+, of a sum of terms
    c·uᵝ·log(u)ᵏ·h(u), h analytic at 0 and nonzero there (β real, k an integer): a term
    tends to c·h(0) when β = k = 0, to 0 when β > 0 or (β = 0 and k < 0), and to ±∞ when
    β < 0 or (β = 0 and k > 0), with the sign of c·h(0)·(−1)ᵏ: powers of u beat its logs.
    The sum's limit, unless infinities of both signs meet; None when a term is of no such
    form (p·log(p) → 0 and −log(ŷ) → ∞ at 0+ cost Gruntz's algorithm 0.01 s each)."""
    expr, x, point, direction = limit.args
    if str(direction) not in ("+", "-") or not _at_finite_real_point(limit):
        return None
    if expr.has(*BINDING):
        return None
    u = sympy.Dummy("u", positive=True)
    in_u = expr.xreplace({x: point + u if str(direction) == "+" else point - u})
    # expanded first (its terms' own limits); else as written, where a factor that
    # vanishes at 0 (exp(a·u) − 1) keeps its first Taylor coefficient
    found = _sum_of_terms(sympy.Add.make_args(sympy.expand(in_u)), u)
    if found is None and not isinstance(in_u, sympy.Add):
        found = _sum_of_terms((in_u,), u)
    if found is None:
        return None
    side = "above" if str(direction) == "+" else "below"
    return found, f"from {side}, powers of the distance to {math_text(point)} beat its logs"


def _sum_of_terms(terms: tuple[sympy.Expr, ...], u: sympy.Dummy) -> sympy.Expr | None:
    """The limit as u → 0+ of a sum of terms, each of the form of ``_term_limit``."""
    if len(terms) > MAX_TERMS:
        return None
    finite: sympy.Expr = sympy.Integer(0)
    infinite: set[sympy.Expr] = set()
    for term in terms:
        value = _term_limit(term, u)
        if value is None:
            return None
        if value.is_infinite:
            infinite.add(value)
        else:
            finite += value
    if len(infinite) > 1:
        return None
    return infinite.pop() if infinite else finite


def _term_limit(term: sympy.Expr, u: sympy.Dummy) -> sympy.Expr | None:
    """The limit of one term c·uᵝ·log(u)ᵏ·h(u) as u → 0+ (see ``_powers_and_logs``)."""
    value = _analytic_value(term, u, sympy.Integer(0), right=True)
    if value is not None:
        return value
    beta: sympy.Expr = sympy.Integer(0)
    k: sympy.Expr = sympy.Integer(0)
    constant: sympy.Expr = sympy.Integer(1)
    maybe_zero = False  # a factor analytic at 0 whose value there may be 0
    slow = False  # a factor (−log u)^c with any real c
    for factor in sympy.Mul.make_args(term):
        base, exponent = factor.as_base_exp()
        if base == u and exponent.is_extended_real is True and u not in exponent.free_symbols:
            beta += exponent
        elif base == sympy.log(u) and exponent.is_Integer:
            k += exponent
        elif base == -sympy.log(u) and exponent.is_extended_real and u not in exponent.free_symbols:
            slow = True  # (−log u)^c > 0 for u < 1, beaten by every power of u
        else:
            at_zero = _analytic_value(factor, u, sympy.Integer(0), right=True)
            if at_zero is None:
                return None
            if at_zero.is_zero is True:
                vanishing = _vanishing_order(factor, u)
                if vanishing is not None:  # factor = c·uᵐ·(1 + O(u)), c ≠ 0
                    beta += vanishing[0]
                    constant *= vanishing[1]
                    continue
            maybe_zero = maybe_zero or at_zero.is_zero is not False
            constant *= at_zero
    if beta.is_positive or (beta == 0 and k.is_negative and not slow):
        return sympy.Integer(0)  # a bounded factor times one that tends to 0
    if slow and beta.is_negative is not True:
        return None
    if maybe_zero:
        return None
    if beta == 0 and k == 0:
        return constant
    if not (beta.is_negative or (beta == 0 and k.is_positive)):
        return None
    sign = constant * (-1) ** k
    if sign.is_positive:
        return sympy.oo
    if sign.is_negative:
        return -sympy.oo
    return None


def _vanishing_order(factor: sympy.Expr, u: sympy.Dummy) -> tuple[int, sympy.Expr] | None:
    """(m, c) for a factor analytic at 0 that vanishes there: its first Taylor coefficient
    c = f⁽ᵐ⁾(0)/m! shown nonzero for every value of the other symbols; None otherwise."""
    if _analytic_value(factor, u, sympy.Integer(0)) is None:
        return None
    derivative = factor
    for order in range(1, MAX_ORDER + 1):
        derivative = sympy.diff(derivative, u)
        value = _analytic_value(derivative, u, sympy.Integer(0))
        if value is None:
            return None
        if value.is_zero is False:
            return order, value / sympy.factorial(order)
        if value.is_zero is not True:
            return None
    return None


def _from_infinity_to_zero(limit: sympy.Limit) -> tuple[sympy.Basic, str] | None:
    """A limit at ±∞ as one at 0+ of u = 1/|x| or u = exp(−|x|) (bijections of the end of
    the line onto (0, 1)), found by the exact arguments at a finite point (a body analytic
    there, Taylor quotients, powers of u beating its logs): they hold for every value of the
    other symbols, where Gruntz's algorithm takes them generic. None when none applies."""
    expr, x, point, _ = limit.args
    if not _at_infinity(limit):
        return None
    u = sympy.Dummy("u", positive=True)
    sign = 1 if point == sympy.oo else -1
    for written in (sign / u, -sign * sympy.log(u)):
        # exp(c·log(u)) as u**c (SymPy leaves it for a symbolic c)
        body = expr.xreplace({x: written}).rewrite(sympy.Pow)
        for form in dict.fromkeys((body, _roots_together(body), _logs_together(body))):
            at_zero = sympy.Limit(form, u, 0, "+")
            found = _at_finite_point(at_zero) or _powers_and_logs(at_zero)
            if found is not None:
                value, how = found
                return value, f"with {math_text(x)} = {math_text(written)}, u → 0+: {how}"
    return None


def _logs_together(body: sympy.Expr) -> sympy.Expr:
    """Each log's argument over one denominator, cancelled: log((1/u + a)/(1/u + b)) as
    log((1 + a·u)/(1 + b·u)), analytic at 0 (the same function where both are defined)."""
    logs = [g for g in body.atoms(sympy.log) if not g.args[0].atoms(sympy.Function)]
    if not logs:
        return body  # only the logs of rational arguments: cancel is cheap on them
    return body.xreplace({g: sympy.log(sympy.cancel(sympy.together(g.args[0]))) for g in logs})


def _roots_together(body: sympy.Expr) -> sympy.Expr:
    """Each root's radicand over one denominator (√(1/u² + a/u) = √(1 + a·u)/u, u > 0), then
    the whole over one denominator: √(t² + a·t) − t becomes (√(1 + a·u) − 1)/u."""
    if not any(p.exp.is_Rational and not p.exp.is_Integer for p in body.atoms(sympy.Pow)):
        return body
    roots = body.replace(
        lambda e: isinstance(e, sympy.Pow) and e.exp.is_Rational and not e.exp.is_Integer,
        lambda e: sympy.Pow(sympy.together(e.base), e.exp),
    )
    return sympy.together(roots)


def _rational_at_infinity(limit: sympy.Limit) -> tuple[sympy.Basic, str] | None:
    """A limit at ±∞ of a rational function of the variable with numeric coefficients
    (under continuous log, exp and powers): decided by degrees, as ``_through_exp`` does."""
    expr, s, point, _ = limit.args
    if not _at_infinity(limit):
        return None
    t = sympy.Dummy("t", positive=True)
    value = continuous_limit(expr.xreplace({s: t if point == sympy.oo else -t}), t, False)
    if value is None:
        return None
    return value, "by degrees of a rational function"
