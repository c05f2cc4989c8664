"""The tokens the lexer hands the parser: their kinds, and a limit's point."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TokenKind = Literal[
    "num", "name", "func", "builtin", "e", "op", "cmd", "rel", "deriv", "lim", "unknown",
    "otherwise", "end", "vector",
]  # fmt: skip


@dataclass(frozen=True)
class LimitPoint:
    """Where a ``\\lim`` goes: the LaTeX of its point, the 0-based offset where that LaTeX
    starts in the text, and the side (``"+"``, ``"-"``, or ``""`` for both sides)."""

    latex: str
    offset: int
    direction: str


@dataclass(frozen=True)
class Token:
    """One token. ``text`` is the token's value (a declared name's name, a command, an
    operator); ``extra`` depends on the kind: the LaTeX of a name, the order of a
    derivative, the environment of ``\\begin``, or why an ``unknown`` token cannot be read."""

    kind: TokenKind
    text: str
    col: int  # 1-based column in the LaTeX text
    end: int = 0  # 0-based offset just after the token
    extra: str = ""
    limit: LimitPoint | None = None  # the point of a "lim" token
    closed: bool = False  # a "deriv" whose body is the bracket after it (\\frac{df}{dx})
