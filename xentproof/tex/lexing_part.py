"""What a part of ``lexer.Lexer`` (``calculus_lexing``, ``number_lexing``) may use of the
lexer: the text, the tokens so far, and how to add a token or fail at an offset."""

from __future__ import annotations

import abc

from ..errors import ExpressionError
from .tokens import LimitPoint, Token, TokenKind


class LexingPart(abc.ABC):
    """The lexer as its parts see it."""

    text: str
    out: list[Token]

    @abc.abstractmethod
    def fail(self, at: int, message: str) -> ExpressionError:
        """The error at offset ``at``."""

    @abc.abstractmethod
    def emit(
        self,
        kind: TokenKind,
        text: str,
        start: int,
        end: int,
        extra: str = "",
        limit: LimitPoint | None = None,
        *,
        closed: bool = False,
    ) -> None:
        """Add a token."""
