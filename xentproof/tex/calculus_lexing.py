"""The lexer's reading of calculus: ``\\frac{d}{dx}`` and ``\\frac{\\partial f}{\\partial x_k}``
(``tex.leibniz``), ``\\partial_x`` and ``\\nabla_{\\mathbf{w}}``, ``\\frac{df}{dx}`` of a declared
function written without its arguments, and ``\\lim_{x \\to a}`` (its point handed on for the
parser to read apart). A part of ``lexer.Lexer``, which holds the text and the tokens."""

from __future__ import annotations

import abc
import re

from ..errors import ExpressionError
from ..syntax.scope import Scope
from .leibniz import bare_arguments, derivative_variable, leibniz
from .lexing_part import LexingPart
from .names import NameTable, canonical
from .tokens import LimitPoint, Token

_LIMIT = re.compile(r"\\lim\s*_\s*\{(?P<var>[^{}]*?(?:\{[^{}]*\}[^{}]*?)*)\\(?:to|rightarrow)")
_DIRECTION = re.compile(r"\^\s*\{?\s*([+-])\s*\}?\s*$")


class CalculusLexing(LexingPart):
    """Derivatives and limits, for ``lexer.Lexer``."""

    table: NameTable
    scope: Scope

    @abc.abstractmethod
    def group_end(self, k: int) -> int:
        """``k`` is at ``{``: the offset just after its matching ``}``."""

    @abc.abstractmethod
    def _piece(self, k: int) -> int:
        """Split the piece of text at ``k``; return where the next piece starts."""

    def fraction(self, k: int, end: int) -> int:
        """``\\frac`` at ``k``: a derivative (``\\frac{d}{dx}``, ``\\frac{\\partial f}{\\partial
        x_k}``, ``xentproof.tex.leibniz``) as a ``deriv`` token, and the body its numerator
        holds in brackets after it; else the command."""
        groups = self.two_groups(end)
        found = None
        if groups is not None:
            (top_at, top_end), (bottom_at, bottom_end) = groups
            numerator = self.text[top_at + 1 : top_end - 1]
            denominator = self.text[bottom_at + 1 : bottom_end - 1]
            found = leibniz(numerator, denominator, self.table, self.scope, k)
        if found is None or groups is None:
            self.emit("cmd", "\\frac", k, end)
            return end
        (top_at, top_end), (_, bottom_end) = groups
        if not found.body.strip():
            self.emit("deriv", found.variable, k, bottom_end, found.order)
            return bottom_end
        self.emit("deriv", found.variable, k, bottom_end, found.order, closed=True)
        start = top_at + 1 + found.body_start
        self.emit("op", "(", start, start)
        sent = len(self.out)
        j = start
        while j < top_end - 1:
            j = self._piece(j)
        body = self.out[sent:]
        if len(body) == 1 and body[0].kind == "func":  # \frac{df}{dx}: f of one argument, at x
            self.bare_function(body[0], found.variable, k)
            if re.match(r"\s*(?:\(|\\left\s*\(|\\[bB]igg?l?\s*\()", self.text[bottom_end:]):
                raise self.fail(
                    bottom_end,
                    f"ambiguous: \\frac{{d{body[0].extra or body[0].text}}}"
                    f"{{d{found.variable}}}(…) reads as the derivative at a point or as the "
                    f"derivative at {found.variable} times a bracket; write \\cdot for the "
                    "product",
                )
        elif (
            len(body) == 1
            and body[0].kind == "name"
            and body[0].text != found.variable
            and not self.defined(body[0].text)
        ):
            # dy/dx of a declared symbol y: the text means y as a function of x, which
            # nothing declares; read as a constant it would be 0
            raise self.fail(
                k,
                f"d{body[0].extra or body[0].text}/d{found.variable}: "
                f"{body[0].extra or body[0].text} is a declared symbol, no function of "
                f"{found.variable}; declare it as one (let: y(x) = …) and write its argument",
            )
        self.emit("op", ")", top_end - 1, top_end - 1)
        return bottom_end

    def defined(self, name: str) -> bool:
        """Whether a name (or a member ``L[i]``) is defined by the text (``let: L_i = …``):
        its derivative is its body's, not that of a free symbol."""
        base = name.split("[", 1)[0]
        if base in self.scope.symbols:
            return bool(self.scope.symbols[base].assumptions0.get("defined_name"))
        if base in self.scope.families:
            label = self.scope.families[base][0].label
            return bool(label.assumptions0.get("defined_name"))
        return False

    def partial(self, k: int, end: int, word: str = "\\partial") -> int:
        """``\\partial_{x}``, ``\\partial_x``, ``\\partial_{o_j}`` at ``k``: the derivative by
        that variable (a declared symbol or a member), of the term after it;
        ``\\nabla_{\\mathbf{w}}`` of a declared vector, the gradient's component at the
        vector's declared component index (``\\partial_{w_j}``)."""
        if word == "\\nabla" and re.match(r"\s*\^", self.text[end:]):
            raise self.fail(k, "\\nabla^2 (the Hessian) is a matrix: not read")
        script = re.match(r"\s*_\s*(?:\{|(\\[A-Za-z]+|[A-Za-z]))", self.text[end:])
        if script is None:
            why = f"{word} alone: write \\frac{{\\partial}}{{\\partial x}} or {word}_{{x}}"
            raise self.fail(k, why)
        if script.group(1) is not None:
            written, after = script.group(1), end + script.end()
        else:
            opening = end + script.end() - 1
            after = self.group_end(opening)
            written = self.text[opening + 1 : after - 1]
        try:
            variable = derivative_variable(written, self.table, self.scope)
        except ExpressionError as error:
            raise self.fail(k, error.message) from None
        if variable is None:
            raise self.fail(
                k,
                f"{word}_{{{written}}}: {canonical(written)} is not a declared symbol or "
                "a member of a declared family",
            )
        self.emit("deriv", variable, k, after, "1")
        return after

    def bare_function(self, func: Token, variable: str, k: int) -> None:
        """``\\frac{df}{dx}``: a declared function written without its arguments."""
        arguments = bare_arguments(func.text, func.extra, variable, self.scope)
        if isinstance(arguments, str):
            raise self.fail(k, arguments)
        at = func.end
        self.emit("op", "(", at, at)
        for n, argument in enumerate(arguments):
            if n:
                self.emit("op", ",", at, at)
            self.emit("name", argument, at, at, argument)
        self.emit("op", ")", at, at)

    def two_groups(self, k: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """The two brace groups after ``\\frac`` (from ``k``): (start, end) of each."""
        spans: list[tuple[int, int]] = []
        j = k
        for _ in range(2):
            while j < len(self.text) and self.text[j].isspace():
                j += 1
            if j >= len(self.text) or self.text[j] != "{":
                return None
            close = self.group_end(j)
            spans.append((j, close))
            j = close
        return spans[0], spans[1]

    def limit(self, k: int) -> int:
        """``\\lim_{x \\to a}`` at ``k``: one token, carrying its point to be read apart."""
        text = self.text
        lim = _LIMIT.match(text, k)
        if lim is None:
            raise self.fail(k, "write a limit as \\lim_{x \\to a} …")
        close = self.group_end(text.index("{", k))
        inner = text[lim.end() : close - 1]
        var = canonical(lim.group("var"))
        names = self.table.names.get(var, ())
        if len(names) != 1 or names[0] not in self.scope.symbols:
            raise self.fail(k, f"\\lim: {var} is not a declared symbol")
        direction = _DIRECTION.search(inner)
        point = inner[: direction.start()] if direction else inner
        side = direction.group(1) if direction else ""
        self.emit("lim", names[0], k, close, limit=LimitPoint(point, lim.end() + 1, side))
        return close
