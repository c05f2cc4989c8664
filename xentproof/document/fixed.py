"""The value a ``where:`` directive gives a declared symbol for one display."""

from __future__ import annotations

import sympy

from ..domains import contains
from ..errors import DocumentError, ExpressionError
from ..model import SymbolDecl
from ..syntax.reader import read_constant
from .names import constant_text


def fixed_value(decl: SymbolDecl, latex: str, line: int) -> sympy.Expr:
    """A value a ``where:`` gives a symbol: a constant inside its domain (not one whose
    domain is tied to another symbol: k in {1, ..., C} fixed alone could exceed C)."""
    if decl.domain.is_constrained:
        raise DocumentError(
            f"where: {decl.name} over {decl.domain.text} is tied to another symbol and "
            "cannot be fixed alone",
            line=line,
        )
    try:
        value = read_constant(constant_text(latex))
    except ExpressionError as error:
        raise DocumentError(f"where: {latex.strip()!r}: {error.message}", line=line) from None
    if not contains(decl.domain, value):
        raise DocumentError(
            f"where: {decl.name} = {value} lies outside its domain {decl.domain.text}",
            line=line,
        )
    return value
