"""The mathematics of a report's text, typeset as the derivation writes it.

The checker states side conditions, limits and counterexamples as one-line text for every
renderer (``1 − ŷ > 0``, ``lim[s→∞] 1/(1 + exp(−s)) = 1``, ``yhat[1] = 41/125``). The
appendix prints them through the LaTeX printer with the derivation's ``[latex]`` names:
this module reads such text back into derivation-file syntax (names, ``*``, ``**``) and
prints it. The text is read with ``ast`` by the printer, never evaluated; whatever does not
read back exactly (an unknown name, a form the printer does not know) is None, and the
caller falls back to escaped text.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import sympy

from ..errors import XentproofError
from ..model import Derivation, Domain, SymbolDecl
from ..syntax.display import display_name
from ..tex.names import latex_name
from ..tex.printer import expression_latex

_LONGEST = 2000  # characters of a condition read back; longer ones are shown as text
_CHARACTERS = {"−": "-", "·": "*", "^": "**", "∞": "oo", "π": "pi"}
_KNOWN = frozenset(
    [
        "exp",
        "log",
        "sqrt",
        "Abs",
        "sin",
        "cos",
        "tan",
        "sinh",
        "cosh",
        "tanh",
        "atan",
        "asin",
        "acos",
        "asinh",
        "acosh",
        "atanh",
        "erf",
        "sign",
        "factorial",
        "binomial",
        "Max",
        "Min",
        "KroneckerDelta",
        "Piecewise",
        "Eq",
        "Ne",
        "And",
        "Or",
        "Not",
        "Sum",
        "Product",
        "Derivative",
        "Limit",
        "pi",
        "E",
        "oo",
    ]
)
_RELATIONS = {"≠": "\\neq", "≥": "\\ge", "≤": "\\le", ">": ">", "<": "<", "=": "="}
_DOMAIN_WORDS = {
    "real": "\\in \\mathbb{R}",
    "positive": "> 0",
    "negative": "< 0",
    "nonnegative": "\\ge 0",
    "nonpositive": "\\le 0",
    "nonzero": "\\neq 0",
    "integer": "\\in \\mathbb{Z}",
    "positive integer": "\\in \\{1, 2, \\dots\\}",
    "nonnegative integer": "\\in \\{0, 1, \\dots\\}",
    "nonzero integer": "\\in \\mathbb{Z} \\setminus \\{0\\}",
}
_NUMBER_SETS = {"ℤ": "\\mathbb{Z}", "ℝ": "\\mathbb{R}", "ℕ": "\\mathbb{N}", "ℚ": "\\mathbb{Q}"}
# what the printer raises on a text it cannot read back (``a = b = c``: one '=' per equation)
_UNREAD = (SyntaxError, ValueError, AssertionError, RecursionError, TypeError, XentproofError)
_WORD = re.compile(r"[^\W\d][\w\u0300-\u036f]*")
_LIMIT = re.compile(r"^lim\[(?P<var>[^→\]]+)→(?P<point>[^\]⁺⁻]+)(?P<side>[⁺⁻]?)\] (?P<body>.+)$")


class MathText:
    """Reads the report's text about one derivation back as its LaTeX."""

    def __init__(self, derivation: Derivation, *, letters: bool = False) -> None:
        self.derivation = derivation
        names = [*derivation.symbols, *derivation.functions]
        self.names = {n.split("[")[0] for n in names}
        if letters:
            # a condition may name a fresh variable of its own (``ŷ = 1/(1 + u), u > 0``):
            # single latin letters read as themselves (``e`` stays Euler's number)
            self.names |= set("abcdfghijklmnopqrstuvwxyzABCDFGHIJKLMNOPQRSTUVWXYZ")
        # a family's index letters (i in y[i]) stand for themselves in its conditions
        self.names |= {i for d in derivation.symbols.values() for i in d.indices}
        shown: dict[str, set[str]] = {}
        for name in self.names:
            shown.setdefault(display_name(name), set()).add(name)
        # a unicode name that two declared names share is not read back
        self.back = {text: next(iter(n)) for text, n in shown.items() if len(n) == 1}

    def source(self, text: str) -> str | None:
        """Derivation-file syntax for an expression of the report's text, or None."""
        if len(text) > _LONGEST or "{" in text or "|" in text:
            return None
        for char, ascii_text in _CHARACTERS.items():
            text = text.replace(char, ascii_text)
        unknown: list[str] = []

        def name(match: re.Match[str]) -> str:
            word = match.group(0)
            if word in self.names or word in _KNOWN:
                return word
            if word in self.back:
                return self.back[word]
            if word == "e":
                return "E"
            unknown.append(word)
            return word

        text = _WORD.sub(name, text)
        return None if unknown else text

    def expression(self, text: str) -> str | None:
        """The LaTeX of an expression of the report's text, or None."""
        source = self.source(text.strip())
        if source is None:
            return None
        try:
            return expression_latex(source, self.derivation.notation, self.derivation.functions)
        except _UNREAD:
            return None

    def fact(self, text: str) -> str | None:
        """``1 − ŷ > 0`` as ``1 - \\hat{y} > 0``; a limit ``lim[s→∞] f = 1`` too."""
        limit = _LIMIT.match(text.strip())
        if limit is not None:
            return self.limit(limit)
        if " near " in text:  # ŷ > 0 near ŷ = 0⁺: where a limit's body must be defined
            claim, near = text.split(" near ", 1)
            point = re.fullmatch(r"(.+) = ([^=⁺⁻]+)([⁺⁻]?)", near.strip())
            shown = self.fact(claim)
            if point is None or shown is None:
                return None
            name, value = self.expression(point.group(1)), self.expression(point.group(2))
            if name is None or value is None:
                return None
            side = {"⁺": "^{+}", "⁻": "^{-}"}.get(point.group(3), "")
            to = f"{{{value}}}{side}" if side else value
            return f"{shown} \\text{{ as }} {name} \\to {to}"
        parts = _split_relation(text)
        if parts is None:
            return None
        left, relation, right = parts
        left_shown, right_shown = self.expression(left), self.expression(right)
        if left_shown is None or right_shown is None:
            return None
        return f"{left_shown} {_RELATIONS[relation]} {right_shown}"

    def membership(self, text: str) -> str | None:
        """``y ∈ {0, 1}``, ``ŷ ∈ (0, 1)``, ``s real``, ``k positive integer`` as LaTeX."""
        words = _DOMAIN_WORDS.get(text.split(" ", 1)[-1].strip())
        if words is not None:
            name = self.expression(text.split(" ", 1)[0])
            return None if name is None else f"{name} {words}"
        if " ∈ " not in text:
            return None
        name_text, set_text = text.split(" ∈ ", 1)
        name = self.expression(name_text)
        if set_text.strip() in _NUMBER_SETS:
            return None if name is None else f"{name} \\in {_NUMBER_SETS[set_text.strip()]}"
        match = re.fullmatch(r"([\[({])(.*)([\])}])", set_text.strip())
        if name is None or match is None:
            return None
        items = [self.expression(item) for item in split_list(match.group(2))]
        if None in items or not items:
            return None
        opening, closing = match.group(1), match.group(3)
        if opening == "{":
            opening, closing = "\\{", "\\}"
        return f"{name} \\in {opening}{', '.join(i for i in items if i)}{closing}"

    def limit(self, match: re.Match[str]) -> str | None:
        body_and_value = match.group("body")
        if " = " not in body_and_value:
            return None
        body, value = body_and_value.rsplit(" = ", 1)
        side = {"⁺": ", '+'", "⁻": ", '-'"}.get(match.group("side"), "")
        parts = [self.source(p) for p in (body, match.group("var"), match.group("point"))]
        shown_value = self.expression(value)
        if None in parts or shown_value is None:
            return None
        text = f"Limit({parts[0]}, {parts[1]}, {parts[2]}{side})"
        try:
            shown = expression_latex(text, self.derivation.notation, self.derivation.functions)
        except _UNREAD:
            return None
        return f"{shown} = {shown_value}"

    def name(self, text: str) -> str | None:
        """A name of a counterexample's point (``yhat[1]``) as LaTeX."""
        return self.expression(text)

    def domain(self, decl: SymbolDecl) -> str:
        """``\\hat{y} \\in (0, 1)``, ``y^{(i)} \\in \\{0, 1\\}``: a declared symbol (or
        family) and its domain."""
        name = decl.name.split("[")[0]
        written = f"{name}[{', '.join(decl.indices)}]" if decl.indices else name
        shown = self.expression(written) or latex_name(name, self.derivation.notation)
        domain = decl.domain
        if domain.joint is not None and decl.indices:  # the members 1..C tied together
            index = decl.indices[-1]
            size = sympy.latex(sympy.Symbol(domain.bound or ""))
            total = f"\\sum_{{{index}=1}}^{{{size}}} {shown} = 1"
            each = "\\in \\{0, 1\\}" if domain.joint == "one-hot" else "> 0"
            return f"{shown} {each} \\text{{ with }} {total}"
        return f"{shown} \\in {domain_latex(domain)}"


def _split_relation(text: str) -> tuple[str, str, str] | None:
    """``a REL b`` at the relation outside every bracket (None if there is not one)."""
    depth = 0
    for k, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0 and char in _RELATIONS:
            return text[:k].strip(), char, text[k + 1 :].strip()
    return None


def split_list(text: str) -> list[str]:
    """``a, f(b, c), d`` at the commas outside every bracket."""
    parts, depth, start = [], 0, 0
    for k, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:k].strip())
            start = k + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def domain_latex(domain: Domain) -> str:
    """A declared domain as a set: ``\\{0, 1\\}``, ``(0, 1)``, ``\\mathbb{R}``."""
    if domain.values is not None:
        return "\\{" + ", ".join(sympy.latex(v) for v in domain.values) + "\\}"
    lo, hi = domain.lo, domain.hi
    if domain.bound is not None and domain.joint is None:  # {1, ..., C}
        last = sympy.latex(sympy.Symbol(domain.bound))
        return f"\\{{{sympy.latex(lo)}, \\dots, {last}\\}}"
    if domain.integer:
        if lo.is_finite and not hi.is_finite:
            first = lo + 1 if domain.lo_open else lo
            return f"\\{{{sympy.latex(first)}, {sympy.latex(first + 1)}, \\dots\\}}"
        whole = "\\mathbb{Z}"
    elif not lo.is_finite and not hi.is_finite:
        whole = "\\mathbb{R}"
    else:
        left = "(" if domain.lo_open else "["
        right = ")" if domain.hi_open else "]"
        whole = f"{left}{sympy.latex(lo)}, {sympy.latex(hi)}{right}"
    return f"{whole} \\setminus \\{{0\\}}" if domain.nonzero else whole


def number_latex(text: str) -> str:
    """A decimal value to 6 significant digits (``0.397497``), an integer as it is, in
    math mode; None-like text (``nan``, a complex value) is set as escaped text by the
    caller."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return ""
    if not value.is_finite():
        return ""
    if value == value.to_integral_value() and abs(value) < 10**6:
        return str(int(value))
    shown = format(value, ".6g")
    if "e" in shown:
        mantissa, exponent = shown.split("e")
        return f"{mantissa} \\cdot 10^{{{int(exponent)}}}"
    return shown


def exact_latex(text: str) -> str:
    """An exact value given as a short number (``-1``, ``41/125``) as LaTeX: a terminating
    decimal of at most 6 digits as such (``0.328``), another fraction as ``\\frac``; empty
    if the value is not a plain number."""
    match = re.fullmatch(r"(-?)(\d{1,7})(?:/(\d{1,7}))?", text.strip())
    if match is None:
        return ""
    sign, top, bottom = match.group(1), int(match.group(2)), match.group(3)
    if bottom is None:
        return f"{sign}{top}"
    value = Decimal(top) / Decimal(int(bottom))
    shown = format(value.normalize(), "f")
    if Decimal(shown) * int(bottom) == top and len(shown.replace(".", "").lstrip("0")) <= 6:
        return f"{sign}{shown}"
    return f"{sign}\\frac{{{top}}}{{{bottom}}}"
