"""What a scan of a document finds, in document order: displays of mathematics, directives
(``% xentproof: …``, ``<!-- xentproof: … -->``) and macro definitions. The scanners
(``tex_scan``, ``markdown_scan``) make these; the builder reads them in order."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..tex.macros import Definition


class Lines:
    """Offsets of a text → 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        for k, c in enumerate(text):
            if c == "\n":
                self.starts.append(k + 1)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


@dataclass(frozen=True)
class Display:
    """A display of mathematics: its kind (the environment's name, ``$$``, ``\\[``,
    ``math`` for a fenced block), the line of its opening delimiter, and its body with
    comments blanked (``start`` is the body's offset in the document)."""

    kind: str
    line: int
    start: int
    body: str
    end: int  # offset just past the closing delimiter


@dataclass(frozen=True)
class Directive:
    """``xentproof: TEXT`` in a comment: TEXT (one directive), where it is written."""

    line: int
    offset: int
    text: str


@dataclass(frozen=True)
class MacroEvent:
    """A macro definition, at the place in the document where it takes effect."""

    offset: int
    definition: Definition


@dataclass(frozen=True)
class Unterminated:
    """A display whose closing delimiter never comes: everything after it is its body."""

    kind: str
    line: int
    offset: int


Event = Display | Directive | MacroEvent | Unterminated


@dataclass(frozen=True)
class Scan:
    """What a document holds, in order, and its title when it gives one."""

    events: tuple[Event, ...]
    title: str | None = None
