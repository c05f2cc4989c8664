"""Derivatives written in Leibniz's notation and with ``\\partial``, as texts write them.

``\\frac{d}{dx} f(x)``, ``\\frac{\\partial}{\\partial x} …``, ``\\frac{df}{dx}``,
``\\frac{d\\sigma(x)}{dx}``, ``\\frac{\\partial L_i}{\\partial f_k}`` and ``\\partial_{o_j} l``:
the variable is a declared symbol (``x``) or a member of a declared family (``f_k`` is
``f[k]``, its index a declared name or a number), the order a number written on both ``d``s.
What the numerator holds after its ``d`` is the body, and only that: ``\\frac{df}{dx} g`` is
``g`` times the derivative of ``f``, as the fraction typesets it. A ``d`` that is also a
declared name is ambiguous (``\\frac{dy}{dx}``: the derivative of y, or d·y over d·x?) and is
refused. Nothing here evaluates text: the pieces are matched by regular expressions and
looked up in the declared names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ExpressionError
from ..model import VectorName
from ..syntax.scope import Scope
from .names import NameTable, canonical

_DIFFERENTIAL = (
    r"(?P<d>\\partial(?![A-Za-z])|\\mathrm\s*\{\s*d\s*\}|\\operatorname\s*\{\s*d\s*\}|d)"
)
_ORDER = r"(?:\^\s*(?:\{\s*(?P<order>\d+)\s*\}|(?P<digit>\d)))?"
_NUMERATOR = re.compile(rf"^\s*{_DIFFERENTIAL}\s*{_ORDER}(?P<body>.*?)\s*$", re.DOTALL)
_DENOMINATOR = re.compile(
    rf"^\s*{_DIFFERENTIAL}\s*(?P<var>[^{{}}^]+?|\\[A-Za-z]+\s*\{{[^{{}}]*\}}"
    rf"|[A-Za-z]\s*_\s*\{{[^{{}}]*\}}|\\[A-Za-z]+\s*_\s*\{{[^{{}}]*\}})\s*{_ORDER}\s*$",
    re.DOTALL,
)
_MEMBER = re.compile(
    r"^(?P<base>\\[A-Za-z]+(?:\s*\{[^{}]*\})?|[A-Za-z])\s*_\s*"
    r"(?:\{(?P<indices>[^{}]+)\}|(?P<one>[A-Za-z0-9]))$"
)


@dataclass(frozen=True)
class Leibniz:
    """A fraction that is a derivative: its variable (``x`` or ``f[k]``), its order, and
    the body the numerator holds after its ``d`` (``""`` for ``\\frac{d}{dx}``), with the
    offset where that body starts in the fraction's text."""

    variable: str
    order: str
    body: str
    body_start: int


def _order(match: re.Match[str]) -> str:
    return match.group("order") or match.group("digit") or "1"


def leibniz(
    numerator: str, denominator: str, table: NameTable, scope: Scope, at: int
) -> Leibniz | None:
    """The derivative ``\\frac{numerator}{denominator}`` writes, or None when the fraction is
    no derivative (its denominator is no ``dx``). Raises when it is one but cannot be read:
    the variable is no declared symbol or member, the orders differ, or ``d`` is ambiguous."""
    bottom = _DENOMINATOR.match(denominator)
    top = _NUMERATOR.match(numerator)
    if bottom is None or top is None:
        return None
    plain_d = top.group("d") == "d" or bottom.group("d") == "d"
    if plain_d and top.group("body").strip() and "d" in table.names:
        raise ExpressionError(
            f"\\frac{{{numerator.strip()}}}{{{denominator.strip()}}} is ambiguous: d is a "
            "declared name; write the derivative with \\mathrm{d} or \\partial",
            column=at + 1,
        )
    variable = derivative_variable(bottom.group("var"), table, scope)
    if variable is None:
        var = canonical(bottom.group("var"))
        raise ExpressionError(
            f"d{bottom.group('var').strip()}: {var} is not a declared symbol or a member of a "
            "declared family",
            column=at + 1,
        )
    if _order(top) != _order(bottom):
        raise ExpressionError(
            f"the orders of d^{_order(top)} and d{bottom.group('var').strip()}^{_order(bottom)} "
            "differ",
            column=at + 1,
        )
    body = top.group("body")
    return Leibniz(variable, _order(top), body, top.start("body"))


def derivative_variable(latex: str, table: NameTable, scope: Scope) -> str | None:
    """``x`` for a declared symbol written ``latex``; ``f[k]`` for ``f_k``, ``f_{k}`` or
    ``w_{j,k}`` of a declared family (each index a declared symbol or a whole number, as
    many as the family has); else None."""
    vector = table.vectors.get(canonical(latex))
    if vector is not None:
        return _vector_component(canonical(latex), vector, scope)
    names = table.names.get(canonical(latex), ())
    if len(names) == 1 and names[0] in scope.symbols:
        return names[0]
    member = _MEMBER.match(latex.strip())
    if member is None:
        return None
    bases = [n for n in table.names.get(canonical(member.group("base")), ()) if n in scope.families]
    if len(bases) != 1:
        return None
    written = member.group("indices") or member.group("one")
    indices = [canonical(piece) for piece in written.split(",")]
    if len(indices) != scope.families[bases[0]][1]:
        return None
    read: list[str] = []
    for index in indices:
        if re.fullmatch(r"\d+", index):
            read.append(index)
            continue
        found = table.names.get(index, ())
        if len(found) != 1 or found[0] not in scope.symbols or found[0] in scope.families:
            return None
        read.append(found[0])
    return f"{bases[0]}[{', '.join(read)}]"


def _vector_component(written: str, vector: VectorName, scope: Scope) -> str:
    """The derivative by a declared vector (``\\nabla_{\\mathbf{w}} f``,
    ``\\frac{\\partial f}{\\partial \\mathbf{w}}``): a vector, read as its component at the
    vector's component index j, ∂f/∂w_j, when j is declared over the components (the text
    then writes the other side in components of j, or a constant every component equals)."""
    if scope.families.get(vector.family, (None, 0))[1] != 1:
        raise ExpressionError(f"the derivative by {written}, one of a family of vectors: not read")
    if not vector.ranged:
        raise ExpressionError(
            f"the derivative by the vector {written} is read as its component "
            f"{vector.index}: declare {vector.index} over the components before the vector "
            f"(symbols: {vector.index} \\in \\{{1, \\dots, {vector.dimension}\\}})"
        )
    return f"{vector.family}[{vector.index}]"


def bare_arguments(function: str, written: str, variable: str, scope: Scope) -> list[str] | str:
    """The arguments of a declared function written bare in a derivative (``\\frac{df}{dx}``):
    for a function of one argument, the variable (f'(x), as a prime reads); for one of
    several, its own parameters when each is a declared symbol and the variable is one of
    them (``f(x, y) = xy``: ∂f/∂x is ∂/∂x f(x, y)). Else why it is refused."""
    arity = scope.functions[function][1]
    if "[" in variable:
        return f"d{written}: write its arguments: \\frac{{\\partial}}{{\\partial x_k}} {written}(…)"
    if arity == 1:
        return [variable]
    params = [p.name for p in scope.function_needs.get(function, ((), ()))[0]]
    declared = all(p in scope.symbols and p not in scope.families for p in params)
    if len(params) == arity and declared and variable in params:
        return params
    return (
        f"d{written}: {written} takes {arity} arguments; at which? write them: "
        f"\\frac{{\\partial}}{{\\partial x}} {written}(…)"
    )
