"""Domains: reading a domain string, the SymPy symbol it implies, sample points, and the
reparametrisations that let SymPy's assumptions see an interval.

SymPy's assumptions can say "positive" but not "in (0, 1)". An interval is therefore
written through a fresh positive symbol ``u`` (``x = lo + (hi - lo)/(1 + u)`` for a bounded
interval, ``x = lo + u`` or ``x = hi - u`` for a half-line), which makes both ``x - lo > 0``
and ``hi - x > 0`` visible to SymPy. Closed ends become cases of their own.
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass

import sympy

from .errors import DomainError, ExpressionError
from .model import Domain
from .syntax.display import display_name
from .syntax.reader import read_constant

_KEYWORDS: dict[str, tuple[str, str, bool, bool, bool]] = {
    # name: (lo, hi, lo_open, hi_open, integer)
    "real": ("-oo", "oo", True, True, False),
    "positive": ("0", "oo", True, True, False),
    "negative": ("-oo", "0", True, True, False),
    "nonnegative": ("0", "oo", False, True, False),
    "nonpositive": ("-oo", "0", True, False, False),
    "integer": ("-oo", "oo", True, True, True),
    "positive integer": ("1", "oo", False, True, True),
    "nonnegative integer": ("0", "oo", False, True, True),
    "negative integer": ("-oo", "-1", True, False, True),
    # the real line and the integers without 0: x ≠ 0, as a divisor needs
    "nonzero": ("-oo", "oo", True, True, False),
    "nonzero integer": ("-oo", "oo", True, True, True),
}
KNOWN_DOMAIN_FORMS = (
    *_KEYWORDS,
    "{a, b, ...}",
    "(a, b)",
    "[a, b]",
    "(a, b]",
    "[a, b)",
    "integer >= n",
    "integer > n",
    "{1, ..., C}",
    "one-hot(C)",
    "simplex(K)",
)
JOINT_FORMS = ("one-hot", "simplex")
_NAME = r"[A-Za-z][A-Za-z0-9_]*"
_INTEGER_FROM = re.compile(r"integer\s*(>=|>)\s*(-?\d{1,6})")
_RANGE = re.compile(r"\{\s*(-?\d{1,6})\s*,\s*(?:\.\.\.|…)\s*,\s*(" + _NAME + r"|\d{1,6})\s*\}")
_JOINT = re.compile(r"((?i:one-hot|simplex))\(\s*(" + _NAME + r"|\d{1,6})\s*\)")
_MAX_FINITE = 64


def _constant(text: str, what: str) -> sympy.Expr:
    try:
        value = read_constant(text.strip())
    except ExpressionError as error:
        raise DomainError(f"{what} {text.strip()!r} is not a number: {error.message}") from None
    if value.is_real is not True and value not in (sympy.oo, -sympy.oo):
        raise DomainError(f"{what} {text.strip()!r} is not a real number")
    return value


def parse_domain(text: str) -> Domain:
    """Read a domain string such as ``"real"``, ``"{0, 1}"``, ``"(0, 1)"`` or ``"[0, oo)"``."""
    if not isinstance(text, str):
        raise DomainError(f'a domain must be a string such as "real" or "(0, 1)", got {text!r}')
    norm = " ".join(text.split())
    key = norm.lower()
    if key in _KEYWORDS:
        lo, hi, lo_open, hi_open, integer = _KEYWORDS[key]
        return Domain(
            text=key,
            lo=read_constant(lo),
            hi=read_constant(hi),
            lo_open=lo_open,
            hi_open=hi_open,
            integer=integer,
            nonzero=key.startswith("nonzero"),
        )
    constrained = _constrained(norm)
    if constrained is not None:
        return constrained
    if norm.startswith("{") and norm.endswith("}"):
        return _finite(norm)
    match = re.fullmatch(r"([\[(])(.*),(.*)([\])])", norm)
    if match:
        return _interval(*match.groups())
    raise DomainError(
        f"domain {text!r} is not understood; expected one of: " + ", ".join(KNOWN_DOMAIN_FORMS)
    )


def _constrained(norm: str) -> Domain | None:
    """``integer >= 2``, ``{1, ..., C}``, ``one-hot(C)``, ``simplex(K)`` (or None). A bound
    written as a number is a plain domain (``{1, ..., 3}`` is ``{1, 2, 3}``); a name is
    checked by the loader, which knows the declared symbols."""
    start = _INTEGER_FROM.fullmatch(norm)
    if start is not None:
        lo = int(start.group(2)) + (1 if start.group(1) == ">" else 0)
        return Domain(text=f"integer >= {lo}", lo=sympy.Integer(lo), lo_open=False, integer=True)
    span = _RANGE.fullmatch(norm)
    if span is not None:
        lo, hi = int(span.group(1)), span.group(2)
        if hi.isdigit():
            if int(hi) < lo or int(hi) - lo >= _MAX_FINITE:
                raise DomainError(f"the range {norm} is empty or longer than {_MAX_FINITE} values")
            return _finite("{" + ", ".join(str(v) for v in range(lo, int(hi) + 1)) + "}")
        text = f"{{{lo}, ..., {hi}}}"
        return Domain(text=text, lo=sympy.Integer(lo), lo_open=False, integer=True, bound=hi)
    joint = _JOINT.fullmatch(norm)
    if joint is None:
        return None
    kind, size = joint.group(1).lower(), joint.group(2)
    if size.isdigit() and int(size) < 1:
        raise DomainError(f"{kind}({size}) needs at least one member")
    if kind == "one-hot":
        values = (sympy.Integer(0), sympy.Integer(1))
        return Domain(text=f"one-hot({size})", values=values, bound=size, joint=kind)
    # Each member of a probability vector lies in (0, 1]: 1 when it is the only one.
    one = sympy.Integer(1)
    return Domain(
        text=f"simplex({size})", lo=sympy.Integer(0), hi=one, hi_open=False, bound=size, joint=kind
    )


def _finite(norm: str) -> Domain:
    inner = norm[1:-1].strip()
    if not inner:
        raise DomainError('a finite domain needs at least one value, e.g. "{0, 1}"')
    parts = inner.split(",")
    if len(parts) > _MAX_FINITE:
        raise DomainError(f"a finite domain may list at most {_MAX_FINITE} values")
    values: list[sympy.Expr] = []
    for part in parts:
        value = _constant(part, "value")
        if not value.is_finite:
            raise DomainError(f"value {part.strip()!r} of a finite domain must be finite")
        if value not in values:
            values.append(value)
    values.sort(key=lambda v: float(v))
    text = "{" + ", ".join(str(v) for v in values) + "}"
    return Domain(text=text, values=tuple(values))


def _interval(left: str, lo_text: str, hi_text: str, right: str) -> Domain:
    lo = _constant(lo_text, "lower bound")
    hi = _constant(hi_text, "upper bound")
    lo_open, hi_open = left == "(", right == ")"
    if (lo is sympy.oo) or (hi == -sympy.oo) or bool(lo >= hi):
        raise DomainError(f"interval {left}{lo_text.strip()}, {hi_text.strip()}{right} is empty")
    if (not lo_open and lo == -sympy.oo) or (not hi_open and hi == sympy.oo):
        raise DomainError("an infinite end of an interval must be open: write (-oo, …) or (…, oo)")
    text = f"{left}{lo}, {hi}{right}"
    return Domain(text=text, lo=lo, hi=hi, lo_open=lo_open, hi_open=hi_open)


def narrow(declared: Domain, assumed: Domain) -> Domain | None:
    """The values of ``declared`` that ``assumed`` keeps (None when there are none): what an
    ``assume`` of a chain leaves of a symbol's domain. Never more than ``declared``."""
    if declared.is_constrained or assumed.is_constrained:
        return None
    if declared.values is not None or assumed.values is not None:
        finite, other = (declared, assumed) if declared.values is not None else (assumed, declared)
        kept = tuple(v for v in finite.values or () if contains(other, v))
        if not kept:
            return None
        return Domain(text="{" + ", ".join(str(v) for v in kept) + "}", values=kept)
    lo, lo_open = max((declared.lo, declared.lo_open), (assumed.lo, assumed.lo_open), key=_low)
    hi, hi_open = min((declared.hi, declared.hi_open), (assumed.hi, assumed.hi_open), key=_high)
    integer, nonzero = declared.integer or assumed.integer, declared.nonzero or assumed.nonzero
    if bool(lo > hi) or (lo == hi and (lo_open or hi_open)):
        return None
    if lo == hi:
        return None if integer and not lo.is_integer else Domain(f"{{{lo}}}", values=(lo,))
    fields = (lo, hi, lo_open, hi_open, integer, nonzero)
    for k in (assumed, declared):
        if fields == (k.lo, k.hi, k.lo_open, k.hi_open, k.integer, k.nonzero):
            return k
    text = f"{'(' if lo_open else '['}{lo}, {hi}{')' if hi_open else ']'}"
    if integer or nonzero:
        text = f"{assumed.text} and {declared.text}"
    result = Domain(text, None, lo, hi, lo_open, hi_open, integer, nonzero)
    return result if sample_values(result, random.Random(0)) else None


def _low(end: tuple[sympy.Expr, bool]) -> tuple[float, bool]:
    """The larger lower end is the tighter one; at equal ends the open one."""
    return float(end[0]), end[1]


def _high(end: tuple[sympy.Expr, bool]) -> tuple[float, bool]:
    """The smaller upper end is the tighter one; at equal ends the open one."""
    return float(end[0]), not end[1]


def assumptions(domain: Domain) -> dict[str, bool]:
    """The SymPy assumptions that hold for every value of the domain."""
    facts: dict[str, bool] = {"real": True}
    if domain.values is not None:
        lo, hi = domain.values[0], domain.values[-1]
        if all(v.is_integer for v in domain.values):
            facts["integer"] = True
        low_strict = high_strict = False  # a finite set contains its extreme values
    else:
        lo, hi = domain.lo, domain.hi
        if domain.integer:
            facts["integer"] = True
        low_strict, high_strict = domain.lo_open, domain.hi_open
    if bool(lo > 0) or (lo == 0 and low_strict):
        facts["positive"] = True
    elif bool(lo >= 0):
        facts["nonnegative"] = True
    if bool(hi < 0) or (hi == 0 and high_strict):
        facts["negative"] = True
    elif bool(hi <= 0):
        facts["nonpositive"] = True
    if domain.nonzero:
        facts["nonzero"] = True
    return facts


def contains(domain: Domain, value: sympy.Expr) -> bool:
    """Whether an exact real number lies in the domain (decided exactly)."""
    if domain.values is not None:
        return any(sympy.simplify(value - v) == 0 for v in domain.values)
    if domain.integer and value.is_integer is not True:
        return False
    if domain.nonzero and value == 0:
        return False
    above, below = _order(domain.lo, value), _order(value, domain.hi)
    if above is None or below is None:  # not two plain rationals: SymPy compares
        above = int(bool(domain.lo > value)) - int(bool(domain.lo < value))
        below = int(bool(value > domain.hi)) - int(bool(value < domain.hi))
    return (above < 0 if domain.lo_open else above <= 0) and (
        below < 0 if domain.hi_open else below <= 0
    )


def _order(a: sympy.Expr, b: sympy.Expr) -> int | None:
    """-1, 0 or 1 as a <, =, > b, for rationals and infinities (the sampled values and
    most domain ends) without building a SymPy relational; None for anything else."""
    if a.is_Rational and b.is_Rational:
        left, right = int(a.p) * int(b.q), int(b.p) * int(a.q)
        return int(left > right) - int(left < right)
    if a is sympy.S.NegativeInfinity or b is sympy.S.Infinity:
        return 0 if a == b else -1
    if a is sympy.S.Infinity or b is sympy.S.NegativeInfinity:
        return 0 if a == b else 1
    return None


def describe(name: str, domain: Domain) -> str:
    """``ŷ ∈ (0, 1)``: a domain as a side condition names it."""
    if domain.text in _KEYWORDS:
        return f"{display_name(name)} {domain.text}"
    if domain.joint is not None:
        return f"{display_name(name)} {domain.text}"
    if domain.text.startswith("integer >= "):
        return f"{display_name(name)} integer ≥ {domain.lo}"
    shown = domain.text.replace("oo", "∞")
    return f"{display_name(name)} ∈ {shown}"


# -- sample points ---------------------------------------------------------------------------

_UNIT_FRACTIONS = (
    sympy.Rational(1, 2),
    sympy.Rational(1, 3),
    sympy.Rational(2, 3),
    sympy.Rational(1, 10),
    sympy.Rational(9, 10),
    sympy.Rational(1, 100),
    sympy.Rational(99, 100),
    sympy.Rational(1, 10**6),
    1 - sympy.Rational(1, 10**6),
    sympy.Rational(3, 7),
)
_OFFSETS = (
    sympy.Integer(1),
    sympy.Rational(1, 2),
    sympy.Integer(2),
    sympy.Rational(1, 1000),
    sympy.Integer(10),
    sympy.Rational(37, 3),
    sympy.Integer(25),
    sympy.Integer(100),
    sympy.Rational(1, 10),
    sympy.Integer(3),
)
_REALS = (
    sympy.Integer(0),
    sympy.Integer(1),
    sympy.Integer(-1),
    sympy.Rational(1, 2),
    sympy.Rational(-1, 2),
    sympy.Integer(2),
    sympy.Integer(-3),
    sympy.Rational(7, 3),
    sympy.Integer(-10),
    sympy.Integer(25),
    sympy.Rational(-37, 3),
    sympy.Rational(1, 100),
    sympy.Integer(100),
    sympy.Integer(-40),
)


def _rational_between(lo: sympy.Expr, hi: sympy.Expr, rng: random.Random) -> sympy.Expr:
    t = sympy.Rational(rng.randint(1, 999), 1000)
    if lo.is_Rational and hi.is_Rational:
        return lo + (hi - lo) * t
    # Irrational ends (e.g. pi): pick a rational strictly inside by rounding.
    return sympy.nsimplify(sympy.N(lo + (hi - lo) * t, 15), rational=True)


def sample_values(domain: Domain, rng: random.Random, extra: int = 6) -> list[sympy.Expr]:
    """Exact values inside the domain, across scales: edges, the middle and far out."""
    if domain.values is not None:
        return list(domain.values)
    lo, hi = domain.lo, domain.hi
    if domain.integer:
        # Integers bound sums and index families: small values refute as well as large
        # ones and keep every instantiated sum short.
        start = lo if lo.is_finite else (hi - 6 if hi.is_finite else sympy.Integer(-3))
        small = [start + k for k in range(7)]
        return [v for v in small if contains(domain, v)]
    if lo.is_finite and hi.is_finite:
        randoms = [_rational_between(lo, hi, rng) for _ in range(extra)]
    elif lo.is_finite:
        randoms = [
            lo + sympy.Rational(rng.randint(1, 10**6), rng.choice((1, 10, 1000)))
            for _ in range(extra)
        ]
    elif hi.is_finite:
        randoms = [
            hi - sympy.Rational(rng.randint(1, 10**6), rng.choice((1, 10, 1000)))
            for _ in range(extra)
        ]
    else:
        randoms = [
            sympy.Rational(rng.randint(-(10**6), 10**6), rng.choice((1, 10, 1000, 10**5)))
            for _ in range(extra)
        ]
    values = list(_fixed_values(domain))
    seen = set(values)
    for value in randoms:
        value = sympy.nsimplify(value) if not value.is_Rational else value
        if value not in seen and contains(domain, value):
            values.append(value)
            seen.add(value)
    return values


@functools.lru_cache(maxsize=512)
def _fixed_values(domain: Domain) -> tuple[sympy.Expr, ...]:
    """The values ``sample_values`` takes in every domain of this shape (closed ends, unit
    fractions of a bounded interval, offsets from one end, or the fixed reals), in order;
    made once per domain, as each relation samples its symbols again."""
    lo, hi = domain.lo, domain.hi
    raw: list[sympy.Expr] = []
    if lo.is_finite and hi.is_finite:
        raw += [lo + (hi - lo) * t for t in _UNIT_FRACTIONS]
    elif lo.is_finite:
        raw += [lo + d for d in _OFFSETS]
    elif hi.is_finite:
        raw += [hi - d for d in _OFFSETS]
    else:
        raw += list(_REALS)
    if not domain.lo_open:
        raw.insert(0, lo)
    if not domain.hi_open:
        raw.insert(0, hi)
    values: list[sympy.Expr] = []
    for value in raw:
        value = sympy.nsimplify(value) if not value.is_Rational else value
        if value not in values and contains(domain, value):
            values.append(value)
    return tuple(values)


# -- reparametrisation -----------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """One piece of a symbol's domain, written so that SymPy's assumptions can see it.

    ``value`` replaces the symbol (an exact point, or an expression in a fresh positive
    symbol); ``condition`` says, for the report, what this piece makes visible.
    """

    value: sympy.Expr
    condition: str


def pieces(
    name: str, symbol: sympy.Symbol, lo: sympy.Expr, hi: sympy.Expr, lo_open: bool, hi_open: bool
) -> list[Piece]:
    """Cover the interval between lo and hi by pieces SymPy can reason about.

    The declared symbol already carries the assumptions of its whole domain (real, positive,
    …), so a half-line starting at 0 and the whole line need no rewriting.
    """
    shown = display_name(name)
    out: list[Piece] = []
    if not lo_open and lo.is_finite:
        out.append(Piece(lo, f"end point {shown} = {lo}"))
    if not hi_open and hi.is_finite:
        out.append(Piece(hi, f"end point {shown} = {hi}"))
    u = sympy.Symbol(f"u_{name}", positive=True)
    if lo.is_infinite and hi.is_infinite:
        out.append(Piece(symbol, ""))
    elif lo.is_finite and hi.is_finite:
        if lo == 0 and hi == 1:
            value = 1 / (1 + u)
            text = f"{shown} = 1/(1 + u), u > 0, so {shown} > 0 and 1 − {shown} > 0"
        else:
            value = lo + (hi - lo) / (1 + u)
            text = f"{shown} = {lo} + ({hi - lo})/(1 + u), u > 0, so {lo} < {shown} < {hi}"
        out.append(Piece(value, text))
    elif lo.is_finite:
        if lo == 0 and symbol.is_positive:
            out.append(Piece(symbol, ""))
        else:
            out.append(Piece(lo + u, f"{shown} = {lo} + u, u > 0, so {shown} > {lo}"))
    else:
        if hi == 0 and symbol.is_negative:
            out.append(Piece(symbol, ""))
        else:
            out.append(Piece(hi - u, f"{shown} = {hi} − u, u > 0, so {shown} < {hi}"))
    return out
