"""Text in the derivation file's SymPy-like syntax → the reference tree (``tree.py``).

The text is parsed with ``ast.parse(..., mode="eval")`` and walked against an allow-list;
nothing is evaluated. Decimal literals are read exactly from their source text.
"""

from __future__ import annotations

import ast
from fractions import Fraction

from .tree import (
    Apply,
    Big,
    BinOp,
    Call,
    Compare,
    Const,
    Derivative,
    Limit,
    Logic,
    Member,
    Name,
    Neg,
    Node,
    Num,
    Piecewise,
    Truth,
)

BUILTINS: dict[str, tuple[int, int | None]] = {
    "exp": (1, 1),
    "log": (1, 1),
    "sqrt": (1, 1),
    "Abs": (1, 1),
    "sin": (1, 1),
    "cos": (1, 1),
    "tan": (1, 1),
    "sinh": (1, 1),
    "cosh": (1, 1),
    "tanh": (1, 1),
    "atan": (1, 1),
    "asin": (1, 1),
    "acos": (1, 1),
    "asinh": (1, 1),
    "acosh": (1, 1),
    "atanh": (1, 1),
    "erf": (1, 1),
    "sign": (1, 1),
    "factorial": (1, 1),
    "binomial": (2, 2),
    "Max": (2, None),
    "Min": (2, None),
    "KroneckerDelta": (2, 2),
}
CONSTANTS = ("pi", "E", "oo")
_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_COMPARE = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}


class ReferenceSyntaxError(ValueError):
    """Text the reference reader does not accept."""


def parse_expression(text: str) -> Node:
    """Read one expression or condition."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        raise ReferenceSyntaxError(f"not an expression: {text!r} ({error.msg})") from None
    return _Reader(text.strip()).read(tree.body)


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, node: ast.AST, what: str) -> ReferenceSyntaxError:
        segment = ast.get_source_segment(self.source, node) or type(node).__name__
        return ReferenceSyntaxError(f"{what}: {segment!r}")

    def read(self, node: ast.expr) -> Node:
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return Const(node.id) if node.id in CONSTANTS else Name(node.id)
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            return BinOp(_BINARY[type(node.op)], self.read(node.left), self.read(node.right))
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                return Neg(self.read(node.operand))
            if isinstance(node.op, ast.UAdd):
                return self.read(node.operand)
            if isinstance(node.op, ast.Not):
                return Logic("not", (self.read(node.operand),))
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.BoolOp):
            op = "and" if isinstance(node.op, ast.And) else "or"
            return Logic(op, tuple(self.read(v) for v in node.values))
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            return Member(node.value.id, tuple(self.read(p) for p in parts))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
            return self.call(node, node.func.id)
        raise self.fail(node, "not allowed")

    def constant(self, node: ast.Constant) -> Node:
        value = node.value
        if isinstance(value, bool):
            return Truth(value)
        if isinstance(value, int):
            return Num(Fraction(value))
        if isinstance(value, float):
            segment = ast.get_source_segment(self.source, node) or repr(value)
            return Num(Fraction(segment.replace("_", "")))
        raise self.fail(node, "literal not allowed")

    def compare(self, node: ast.Compare) -> Node:
        sides = [self.read(n) for n in (node.left, *node.comparators)]
        parts: list[Node] = []
        for op, left, right in zip(node.ops, sides, sides[1:], strict=False):
            if type(op) not in _COMPARE:
                raise self.fail(node, "comparison not allowed")
            parts.append(Compare(_COMPARE[type(op)], left, right))
        return parts[0] if len(parts) == 1 else Logic("and", tuple(parts))

    def call(self, node: ast.Call, name: str) -> Node:
        args = node.args
        if name in BUILTINS:
            least, most = BUILTINS[name]
            if len(args) < least or (most is not None and len(args) > most):
                raise self.fail(node, f"wrong number of arguments to {name}")
            return Apply(name, tuple(self.read(a) for a in args))
        if name == "Piecewise":
            return Piecewise(tuple(self.piece(a) for a in args))
        if name in ("Sum", "Product"):
            return self.big(node, name)
        if name == "Derivative":
            return self.derivative(node)
        if name == "Limit":
            return self.limit(node)
        if name in ("Eq", "Ne") and len(args) == 2:
            return Compare("==" if name == "Eq" else "!=", self.read(args[0]), self.read(args[1]))
        if name in ("And", "Or"):
            return Logic(name.lower(), tuple(self.read(a) for a in args))
        if name == "Not" and len(args) == 1:
            return Logic("not", (self.read(args[0]),))
        return Call(name, tuple(self.read(a) for a in args))

    def piece(self, arg: ast.expr) -> tuple[Node, Node]:
        if not (isinstance(arg, ast.Tuple) and len(arg.elts) == 2):
            raise self.fail(arg, "a Piecewise piece is (value, condition)")
        return self.read(arg.elts[0]), self.read(arg.elts[1])

    def big(self, node: ast.Call, kind: str) -> Node:
        if len(node.args) < 2:
            raise self.fail(node, f"{kind} needs a range")
        ranges: list[tuple[str, Node, Node]] = []
        for arg in node.args[1:]:
            if not (
                isinstance(arg, ast.Tuple)
                and len(arg.elts) == 3
                and isinstance(arg.elts[0], ast.Name)
            ):
                raise self.fail(arg, "a range is (index, lower, upper)")
            ranges.append((arg.elts[0].id, self.read(arg.elts[1]), self.read(arg.elts[2])))
        return Big(kind, self.read(node.args[0]), tuple(ranges))

    def derivative(self, node: ast.Call) -> Node:
        args = node.args
        member = len(args) in (2, 3) and isinstance(args[1], ast.Subscript)
        if len(args) not in (2, 3) or not (isinstance(args[1], ast.Name) or member):
            raise self.fail(node, "Derivative(expr, x) or Derivative(expr, x, n)")
        order = 1
        if len(args) == 3:
            third = args[2]
            if not (isinstance(third, ast.Constant) and type(third.value) is int):
                raise self.fail(third, "the order of a derivative is a whole number")
            order = third.value
        var = self.read(args[1])
        if not isinstance(var, Name | Member):
            raise self.fail(node, "the variable of a derivative is a symbol or a member y[k]")
        return Derivative(self.read(args[0]), var.name if isinstance(var, Name) else var, order)

    def limit(self, node: ast.Call) -> Node:
        args = node.args
        if len(args) not in (3, 4) or not isinstance(args[1], ast.Name):
            raise self.fail(node, "Limit(expr, x, point) or Limit(expr, x, point, dir)")
        direction = "+-"
        if len(args) == 4:
            fourth = args[3]
            if not (isinstance(fourth, ast.Constant) and fourth.value in ("+", "-", "+-")):
                raise self.fail(fourth, "the direction of a limit is '+', '-' or '+-'")
            direction = str(fourth.value)
        return Limit(self.read(args[0]), args[1].id, self.read(args[2]), direction)
