"""The parser's place in the token list, and what every part of its grammar shares: the
text it produces (``Out``, with the precedence of ``syntax.display.Precedence``), the
look-ahead and the errors that name the column."""

from __future__ import annotations

import abc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..errors import ExpressionError
from ..syntax.bounds import MAX_DEPTH
from ..syntax.scope import Scope
from .names import NameTable
from .tokens import Token


@dataclass(frozen=True)
class Out:
    """Expression text produced, with the loosest binding visible at its top level."""

    text: str
    prec: int
    family: str | None = None  # a bare family name, waiting for its index
    several: bool = False  # "a, b": the indices of a member, not one expression
    vector: Vector | None = None  # a whole vector, read only in an inner product


@dataclass(frozen=True)
class Vector:
    """A vector written whole (``\\mathbf{x}_i``): its member with ``#`` for the component
    (``x[i, #]``), its dimension (expression text), whether it is transposed, and how it is
    written (for messages)."""

    member: str
    dimension: str
    transposed: bool
    written: str
    index: str = ""  # the component index as the family is declared (j of w[j]), to bind


def wrap(out: Out, need: int) -> str:
    return out.text if out.prec >= need else f"({out.text})"


class TokenCursor(abc.ABC):
    """A place in one LaTeX text's tokens. ``offset`` is where that text starts in the
    LaTeX the author wrote (a limit's point is read apart), so that columns are the
    author's."""

    def __init__(self, source: str, scope: Scope, table: NameTable, offset: int) -> None:
        self.source = source
        self.scope = scope
        self.table = table
        self.offset = offset
        self.depth = 0
        self.tokens: list[Token] = []
        self.k = 0
        # the indices of the sums whose body a '+' or '-' ended, at each level (tex.parser)
        self.ended_sums: list[str] = []
        self.warnings: list[str] = []  # where the reading may not be the author's

    # The grammar's entry points, which the commands and calls read their parts with.

    @abc.abstractmethod
    def expr(self) -> Out: ...

    @abc.abstractmethod
    def term(self) -> Out: ...

    @abc.abstractmethod
    def power(self) -> Out: ...

    @abc.abstractmethod
    def script(self) -> tuple[Out, bool]: ...

    @abc.abstractmethod
    def starts_factor(self) -> bool: ...

    @property
    def tok(self) -> Token:
        return self.tokens[self.k]

    def next(self) -> Token:
        t = self.tokens[self.k]
        self.k += 1
        return t

    def fail(self, tok: Token, message: str) -> ExpressionError:
        return ExpressionError(message, column=self.offset + tok.col)

    def is_op(self, text: str) -> bool:
        return self.tok.kind == "op" and self.tok.text == text

    def expect(self, text: str, what: str) -> Token:
        if not self.is_op(text):
            found = self.tok.text or "the end"
            raise self.fail(self.tok, f"expected '{text}' {what}, found '{found}'")
        return self.next()

    @contextmanager
    def nested(self) -> Iterator[None]:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(self.tok, f"the LaTeX is nested deeper than {MAX_DEPTH} levels")
        try:
            yield
        finally:
            self.depth -= 1

    def index_follows(self) -> bool:
        """At ``^``: is it ``^{(…)}``, the index of a family member?"""
        k = self.k
        toks = self.tokens
        return (
            toks[k].text == "^"
            and toks[k + 1].kind == "op"
            and toks[k + 1].text == "{"
            and toks[k + 2].kind == "op"
            and toks[k + 2].text == "("
        )

    def group(self, what: str) -> Out:
        self.expect("{", what)
        inner = self.expr()
        self.expect("}", what)
        return inner
