"""A step as LaTeX, in the author's order of terms.

SymPy's own ``latex()`` prints an expression after SymPy has reordered it (``1 - ŷ`` becomes
``- \\hat{y} + 1``). This printer walks the syntax tree of the step's text instead, the text
the safe reader (``xentproof.syntax``) has already accepted, so every node here is one it
allows. Names print through the derivation's ``[latex]`` table (``xentproof.tex.names``).
What it prints, the LaTeX reader reads back to the same expression (tests/test_tex.py).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from ..model import Notation
from ..syntax.display import Precedence
from ..syntax.equation import split_equation
from .member_templates import fill, is_member_template
from .names import latex_name, template_of

# Precedences: syntax.display.Precedence. BIG (\sum, \lim, d/dx) has an operand that runs
# to the end of a product, so a factor after one needs brackets.

_CONSTANTS = {"pi": "\\pi", "E": "e", "oo": "\\infty"}
_FUNCTIONS = {
    "log": "\\log",
    "sin": "\\sin",
    "cos": "\\cos",
    "tan": "\\tan",
    "sinh": "\\sinh",
    "cosh": "\\cosh",
    "tanh": "\\tanh",
    "atan": "\\arctan",
    "asin": "\\arcsin",
    "acos": "\\arccos",
    "atanh": "\\operatorname{artanh}",
    "asinh": "\\operatorname{arsinh}",
    "acosh": "\\operatorname{arcosh}",
    "erf": "\\operatorname{erf}",
    "sign": "\\operatorname{sign}",
    "Max": "\\max",
    "Min": "\\min",
}
# The functions papers write before a fraction without brackets (\log\frac{a}{b}); the
# others keep theirs (\operatorname{erf}(x/\sqrt{2})).
_BEFORE_FRACTION = frozenset({"log", "sin", "cos", "tan", "sinh", "cosh", "tanh", "Max", "Min"})
_COMPARE = {ast.Lt: "<", ast.LtE: "\\le", ast.Gt: ">", ast.GtE: "\\ge"}


# Where a long row may break: before the sign of a sum's term, outside fractions, scripts
# and \left…\right (``expression_pieces``); never part of the LaTeX that is printed.
BREAK = "\x1f"
DEEPER = "\x1e"  # before BREAK, once for each bracket around it
# What makes a bracket's content taller than a line: brackets that grow around it.
_TALL = ("\\frac", "\\sum", "\\prod", "\\lim", "\\begin", "\\left")


@dataclass(frozen=True)
class _Tex:
    text: str
    prec: int
    digit_first: bool = False  # starts with a digit: needs \cdot after another factor


def _flat(text: str) -> str:
    """Text where no row may break (inside a fraction, a script, \\left…\\right)."""
    return text.replace(BREAK, "").replace(DEEPER, "")


def _tall(text: str) -> bool:
    return any(mark in text for mark in _TALL)


def _paren(t: _Tex) -> _Tex:
    """Brackets that grow with what they hold; plain ones (where a row may break) around
    what is one line high."""
    if _tall(t.text):
        return _Tex(f"\\left({_flat(t.text)}\\right)", Precedence.ATOM)
    return _Tex(f"({t.text.replace(BREAK, DEEPER + BREAK)})", Precedence.ATOM)


def _call(head: str, args: str) -> str:
    """``head(args)``: ``\\!`` takes back the thin space TeX puts between an operator (or a
    letter) and \\left( (\\log\\left( would otherwise stand apart from its bracket)."""
    if _tall(args):
        return f"{head}\\!\\left({_flat(args)}\\right)"
    return f"{head}({_flat(args)})"


def _wrap(t: _Tex, need: int) -> _Tex:
    return _paren(t) if t.prec < need else t


def _is_infinite(point: ast.expr) -> bool:
    """``oo`` or ``-oo`` as written: a limit point with one side only."""
    if isinstance(point, ast.UnaryOp) and isinstance(point.op, (ast.USub, ast.UAdd)):
        point = point.operand
    return isinstance(point, ast.Name) and point.id == "oo"


def expression_latex(text: str, notation: Notation, functions: Collection[str] = ()) -> str:
    """The LaTeX of an expression (or an equation ``a = b``) in derivation-file syntax."""
    return "".join(piece for _, piece in expression_pieces(text, notation, functions))


def expression_pieces(
    text: str, notation: Notation, functions: Collection[str] = ()
) -> list[tuple[int, str]]:
    """The LaTeX of ``text`` cut where a long row may break, each piece with the depth of
    the break before it: 0 before the sign of one of its terms or an equation's ``=``, 1
    before the sign of a term inside one pair of plain brackets, and so on (never inside
    fractions, scripts, a function's argument or growing brackets). Joined, the pieces are
    ``expression_latex(text)``."""
    sides = split_equation(text)
    if sides is not None:
        printed = f" {BREAK}= ".join(_Printer(s, notation, functions).top() for s in sides)
    else:
        printed = _Printer(text, notation, functions).top()
    pieces: list[tuple[int, str]] = []
    depth = 0
    for k, part in enumerate(re.split(f"({DEEPER}*){BREAK}", printed)):
        if k % 2:
            depth = len(part)
        elif part:
            pieces.append((depth, part))
    return pieces


class _Printer:
    def __init__(self, text: str, notation: Notation, functions: Collection[str]) -> None:
        self.source = text.strip()
        self.notation = notation
        self.functions = set(functions)

    def top(self) -> str:
        tree = ast.parse(self.source, mode="eval")
        return self.node(tree.body).text

    def segment(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.source, node) or ""

    def node(self, node: ast.expr) -> _Tex:
        method: Callable[[Any], _Tex] | None = getattr(self, type(node).__name__, None)
        if method is None:
            raise ValueError(f"cannot print {type(node).__name__} as LaTeX")
        return method(node)

    # -- leaves ------------------------------------------------------------------------------

    def Constant(self, node: ast.Constant) -> _Tex:
        return _Tex(self.segment(node) or str(node.value), Precedence.ATOM, True)

    def Name(self, node: ast.Name) -> _Tex:
        if node.id in _CONSTANTS:
            return _Tex(_CONSTANTS[node.id], Precedence.ATOM)
        return _Tex(latex_name(node.id, self.notation), Precedence.ATOM)

    def Subscript(self, node: ast.Subscript) -> _Tex:
        assert isinstance(node.value, ast.Name)
        base = latex_name(node.value.id, self.notation)
        parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        index = ",".join(_flat(self.node(p).text) for p in parts)
        if is_member_template(base):  # the index inside: \pi(\mathbf{x}^{(#1)})
            return _Tex(fill(base, [_flat(self.node(p).text) for p in parts]), Precedence.ATOM)
        if self.notation.index == "subscript":
            return _Tex(f"{base}_{{{index}}}", Precedence.ATOM)
        return _Tex(f"{base}^{{({index})}}", Precedence.ATOM)

    # -- operators ---------------------------------------------------------------------------

    def BinOp(self, node: ast.BinOp) -> _Tex:
        op = node.op
        if isinstance(op, ast.Add | ast.Sub):
            left = self.node(node.left)
            right = self.node(node.right)
            sign = "+" if isinstance(op, ast.Add) else "-"
            need = Precedence.BIG if isinstance(op, ast.Add) else Precedence.MUL
            if right.text.startswith("-"):
                need = Precedence.ATOM
            return _Tex(
                f"{_wrap(left, Precedence.ADD).text} {BREAK}{sign} {_wrap(right, need).text}",
                Precedence.ADD,
            )
        if isinstance(op, ast.Div):
            top, bottom = self.node(node.left), self.node(node.right)
            return _Tex(f"\\frac{{{_flat(top.text)}}}{{{_flat(bottom.text)}}}", Precedence.ATOM)
        if isinstance(op, ast.Mult):
            left = self.node(node.left)
            right = self.node(node.right)
            left = _wrap(
                left, Precedence.MUL + 1 if left.prec == Precedence.BIG else Precedence.MUL
            )
            right = _wrap(
                right, Precedence.MUL if right.prec != Precedence.UNARY else Precedence.ATOM
            )
            joint = " \\cdot " if right.digit_first else " "
            return _Tex(f"{left.text}{joint}{right.text}", Precedence.MUL, left.digit_first)
        if isinstance(op, ast.Pow):
            base = self.node(node.left)
            exponent = self.node(node.right)
            if isinstance(node.left, ast.Name) and node.left.id == "E":
                return _Tex(f"e^{{{_flat(exponent.text)}}}", Precedence.POW)
            if base.text.startswith("\\frac") or base.prec < Precedence.ATOM or "^" in base.text:
                base = _paren(base)
            power = f"{_flat(base.text)}^{{{_flat(exponent.text)}}}"
            return _Tex(power, Precedence.POW, base.digit_first)
        raise ValueError(f"cannot print the operator {type(op).__name__} as LaTeX")

    def UnaryOp(self, node: ast.UnaryOp) -> _Tex:
        inner = self.node(node.operand)
        if isinstance(node.op, (ast.USub, ast.UAdd)) and inner.text.startswith(("-", "+")):
            inner = _paren(inner)  # -(-2), not --2
        if isinstance(node.op, ast.USub):
            if inner.prec == Precedence.BIG:
                # -Σ f is -(Σ f), and what follows must not join Σ's operand: still BIG
                return _Tex(f"-{inner.text}", Precedence.BIG)
            return _Tex(f"-{_wrap(inner, Precedence.MUL).text}", Precedence.UNARY)
        if isinstance(node.op, ast.UAdd):
            return _Tex(f"+{_wrap(inner, Precedence.MUL).text}", Precedence.UNARY)
        return _Tex(f"\\neg {_wrap(inner, Precedence.ATOM).text}", Precedence.UNARY)

    def Compare(self, node: ast.Compare) -> _Tex:
        parts = [self.node(node.left).text]
        for op, right in zip(node.ops, node.comparators, strict=True):
            parts.append(_COMPARE.get(type(op), "?"))
            parts.append(self.node(right).text)
        return _Tex(" ".join(parts), Precedence.COMPARE)

    def BoolOp(self, node: ast.BoolOp) -> _Tex:
        joint = " \\wedge " if isinstance(node.op, ast.And) else " \\vee "
        return _Tex(
            joint.join(_wrap(self.node(v), Precedence.ADD).text for v in node.values),
            Precedence.COMPARE,
        )

    # -- calls -------------------------------------------------------------------------------

    def args(self, node: ast.Call) -> list[_Tex]:
        return [self.node(a) for a in node.args]

    def Call(self, node: ast.Call) -> _Tex:
        assert isinstance(node.func, ast.Name)
        name = node.func.id
        special: Callable[[ast.Call], _Tex] | None = getattr(self, f"call_{name}", None)
        if special is not None:
            return special(node)
        args = self.args(node)
        inner = ", ".join(a.text for a in args)
        if name in _FUNCTIONS:
            (first, *more) = node.args
            fraction = isinstance(first, ast.BinOp) and isinstance(first.op, ast.Div)
            if not more and fraction and name in _BEFORE_FRACTION:
                # \log\frac{a}{b}, as papers write it; its operand is read to the end of
                # a product, so a factor beside it needs brackets (BIG)
                return _Tex(f"{_FUNCTIONS[name]}{inner}", Precedence.BIG)
            return _Tex(_call(_FUNCTIONS[name], inner), Precedence.ATOM)
        entry = self.notation.names.get(name)
        template = template_of(entry) if entry is not None else None
        if entry is not None and template is not None:
            filled = entry.strip()
            for k, a in enumerate(args, start=1):
                filled = filled.replace(f"#{k}", _flat(a.text))
            return _Tex(filled, Precedence.ATOM)
        head = latex_name(name, self.notation, function=True)
        return _Tex(_call(head, inner), Precedence.ATOM)

    def call_exp(self, node: ast.Call) -> _Tex:
        return _Tex(f"e^{{{_flat(self.args(node)[0].text)}}}", Precedence.POW)

    def call_sqrt(self, node: ast.Call) -> _Tex:
        return _Tex(f"\\sqrt{{{_flat(self.args(node)[0].text)}}}", Precedence.ATOM)

    def call_Abs(self, node: ast.Call) -> _Tex:
        return _Tex(f"\\left|{_flat(self.args(node)[0].text)}\\right|", Precedence.ATOM)

    def call_factorial(self, node: ast.Call) -> _Tex:
        (n,) = self.args(node)
        return _Tex(f"{_wrap(n, Precedence.ATOM).text}!", Precedence.POW)

    def call_binomial(self, node: ast.Call) -> _Tex:
        r, k = self.args(node)
        return _Tex(f"\\binom{{{_flat(r.text)}}}{{{_flat(k.text)}}}", Precedence.ATOM)

    def call_KroneckerDelta(self, node: ast.Call) -> _Tex:
        i, k = self.args(node)
        return _Tex(f"\\delta_{{{_flat(i.text)},{_flat(k.text)}}}", Precedence.ATOM)

    def call_Eq(self, node: ast.Call) -> _Tex:
        a, b = self.args(node)
        return _Tex(f"{a.text} = {b.text}", Precedence.COMPARE)

    def call_Ne(self, node: ast.Call) -> _Tex:
        a, b = self.args(node)
        return _Tex(f"{a.text} \\neq {b.text}", Precedence.COMPARE)

    def call_Not(self, node: ast.Call) -> _Tex:
        return _Tex(f"\\neg {_paren(self.args(node)[0]).text}", Precedence.UNARY)

    def call_And(self, node: ast.Call) -> _Tex:
        return _Tex(
            " \\wedge ".join(_wrap(a, Precedence.ADD).text for a in self.args(node)),
            Precedence.COMPARE,
        )

    def call_Or(self, node: ast.Call) -> _Tex:
        return _Tex(
            " \\vee ".join(_wrap(a, Precedence.ADD).text for a in self.args(node)),
            Precedence.COMPARE,
        )

    def body(self, node: ast.expr) -> str:
        """The operand of a sum, limit or derivative: bracketed unless it is one product
        (``\\frac{d}{ds} -\\log x`` reads badly)."""
        inner = self.node(node)
        return (
            _paren(inner).text
            if inner.prec < Precedence.MUL or inner.text.startswith("-")
            else inner.text
        )

    def big(self, node: ast.Call, symbol: str) -> _Tex:
        body, *ranges = node.args
        heads = []
        for limits in reversed(ranges):  # Sum(f, (i, …), (n, …)): n is the outer sum
            assert isinstance(limits, ast.Tuple)
            var, lo, hi = (_flat(self.node(e).text) for e in limits.elts)
            heads.append(f"{symbol}_{{{var}={lo}}}^{{{hi}}}")
        return _Tex(f"{' '.join(heads)} {self.body(body)}", Precedence.BIG)

    def call_Sum(self, node: ast.Call) -> _Tex:
        return self.big(node, "\\sum")

    def call_Product(self, node: ast.Call) -> _Tex:
        return self.big(node, "\\prod")

    def call_Derivative(self, node: ast.Call) -> _Tex:
        body, var, *order = node.args
        v = _flat(self.node(var).text)
        n = _flat(self.node(order[0]).text) if order else ""
        higher = bool(n) and n != "1"
        op = f"\\frac{{d^{{{n}}}}}{{d{v}^{{{n}}}}}" if higher else f"\\frac{{d}}{{d{v}}}"
        return _Tex(f"{op} {self.body(body)}", Precedence.BIG)

    def call_Limit(self, node: ast.Call) -> _Tex:
        body, var, point, *direction = node.args
        side = ""
        # '+-' is the two-sided limit, written with no side; at ±oo only one side exists
        written = direction[0].value if direction and isinstance(direction[0], ast.Constant) else ""
        if written in ("+", "-") and not _is_infinite(point):
            side = f"^{{{written}}}"
        to = _flat(self.node(point).text)
        if side:
            to = f"{{{to}}}{side}"
        variable = _flat(self.node(var).text)
        return _Tex(f"\\lim_{{{variable} \\to {to}}} {self.body(body)}", Precedence.BIG)

    def call_Piecewise(self, node: ast.Call) -> _Tex:
        rows = []
        for piece in node.args:
            assert isinstance(piece, ast.Tuple)
            value, condition = piece.elts
            if isinstance(condition, ast.Constant) and condition.value is True:
                cond = "\\text{otherwise}"
            else:
                cond = self.node(condition).text
            rows.append(f"{_flat(self.node(value).text)} & {_flat(cond)}")
        return _Tex("\\begin{cases} " + " \\\\ ".join(rows) + " \\end{cases}", Precedence.ATOM)

    def Tuple(self, node: ast.Tuple) -> _Tex:
        return _Tex(", ".join(self.node(e).text for e in node.elts), Precedence.ATOM)
