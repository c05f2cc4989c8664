"""What the expression reader knows by name: constants, functions, forms with a syntax of
their own, and the operators and nodes it refuses (with what to write instead)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from typing import Any

import sympy

CONSTANTS: Mapping[str, sympy.Basic] = {"pi": sympy.pi, "E": sympy.E, "oo": sympy.oo}
CONSTANT_TEXT: Mapping[str, str] = {"pi": "π", "E": "e", "oo": "∞"}

# Functions of numbers: name -> (SymPy constructor, least and most number of arguments).
NUMERIC_FUNCTIONS: Mapping[str, tuple[Callable[..., Any], int, int | None]] = {
    "exp": (sympy.exp, 1, 1),
    "log": (sympy.log, 1, 1),
    "sqrt": (sympy.sqrt, 1, 1),
    "Abs": (sympy.Abs, 1, 1),
    "sin": (sympy.sin, 1, 1),
    "cos": (sympy.cos, 1, 1),
    "tan": (sympy.tan, 1, 1),
    "sinh": (sympy.sinh, 1, 1),
    "cosh": (sympy.cosh, 1, 1),
    "tanh": (sympy.tanh, 1, 1),
    "atan": (sympy.atan, 1, 1),
    "asin": (sympy.asin, 1, 1),
    "acos": (sympy.acos, 1, 1),
    "asinh": (sympy.asinh, 1, 1),
    "acosh": (sympy.acosh, 1, 1),
    "atanh": (sympy.atanh, 1, 1),
    "erf": (sympy.erf, 1, 1),
    "sign": (sympy.sign, 1, 1),
    "factorial": (sympy.factorial, 1, 1),
    "binomial": (sympy.binomial, 2, 2),
    "Max": (sympy.Max, 2, None),
    "Min": (sympy.Min, 2, None),
    "KroneckerDelta": (sympy.KroneckerDelta, 2, 2),
}
# Forms with a syntax of their own (tuples, bound indices, a direction, conditions); the
# reader builds them in ``xentproof.syntax.forms``.
SPECIAL_FORM_NAMES: frozenset[str] = frozenset(
    {"Piecewise", "Sum", "Product", "Derivative", "Limit", "Eq", "Ne", "And", "Or", "Not"}
)
CONSTANT_FUNCTIONS: frozenset[str] = frozenset({"sqrt", "exp", "log"})
"""The functions a constant (a domain's end, a ``where`` value) may use."""

RESERVED_NAMES: frozenset[str] = (
    frozenset(CONSTANTS) | frozenset(NUMERIC_FUNCTIONS) | frozenset(SPECIAL_FORM_NAMES)
)
"""Names the reader gives a meaning of its own; declarations should not reuse them."""

# Names people type from habit, with what they mean here.
NAME_HINTS: Mapping[str, str] = {
    "I": "complex numbers are not supported",
    "zoo": "undefined values are not supported",
    "nan": "undefined values are not supported",
    "e": "did you mean 'E'?",
    "inf": "did you mean 'oo'?",
    "infinity": "did you mean 'oo'?",
    "ln": "did you mean 'log'?",
    "abs": "did you mean 'Abs'?",
    "max": "did you mean 'Max'?",
    "min": "did you mean 'Min'?",
    "sum": "did you mean 'Sum'?",
    "arctan": "did you mean 'atan'?",
    "arcsin": "did you mean 'asin'?",
    "arccos": "did you mean 'acos'?",
    "artanh": "did you mean 'atanh'?",
    "arctanh": "did you mean 'atanh'?",
    "sgn": "did you mean 'sign'?",
}

OPERATOR_TEXT: Mapping[type[ast.AST], str] = {
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.Invert: "~",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
}
FORBIDDEN_NODES: Mapping[type[ast.AST], str] = {
    ast.Lambda: "a lambda",
    ast.ListComp: "a comprehension",
    ast.SetComp: "a comprehension",
    ast.DictComp: "a comprehension",
    ast.GeneratorExp: "a generator expression",
    ast.List: "a list",
    ast.Dict: "a dict",
    ast.Set: "a set",
    ast.Tuple: "a tuple outside Sum, Product and Piecewise",
    ast.JoinedStr: "an f-string",
    ast.FormattedValue: "an f-string",
    ast.NamedExpr: "an assignment expression (':=')",
    ast.IfExp: "'a if c else b' (write Piecewise((a, c), (b, True)))",
    ast.Starred: "a starred expression",
    ast.Slice: "a slice",
    ast.Await: "'await'",
    ast.Yield: "'yield'",
    ast.YieldFrom: "'yield'",
}
COMPARISONS: Mapping[type[ast.cmpop], tuple[Callable[..., Any], str]] = {
    ast.Lt: (sympy.Lt, "<"),
    ast.LtE: (sympy.Le, "≤"),
    ast.Gt: (sympy.Gt, ">"),
    ast.GtE: (sympy.Ge, "≥"),
}

# Errors SymPy raises on input it cannot build (e.g. comparing with an undefined value).
SYMPY_ERRORS: tuple[type[BaseException], ...] = (
    TypeError,
    ValueError,
    ArithmeticError,
    NotImplementedError,
    RecursionError,
    MemoryError,
)


def plural(count: int, word: str) -> str:
    if count == 1:
        return word
    return "indices" if word == "index" else word + "s"
