"""What a document's reading covered: every display of mathematics, and what became of it.

A derivation file (TOML) is all chains; a document (``.tex``, ``.md``) is prose with
displays, and only some displays are chains a checker can read. The document reader
(``xentproof.document``) records every display it found here, so that the report can say
how much of the document was checked and why the rest was not: "N displays, K chains read;
J displays not read". Plain frozen dataclasses of strings and numbers, shared by the model
(what was read) and the results (what is reported); nothing here imports SymPy.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DisplayFate(StrEnum):
    """What became of one display."""

    CHAIN = "chain"  # read: one or more chains of relations, checked
    DEFINITION = "definition"  # read: defines a name for the rest of the document
    EXPRESSION = "expression"  # a single expression without a relation: no chain
    SKIPPED = "skipped"  # the author asked to skip it (``skip``)
    CONTINUED = "continued"  # read: joined to the chain of an earlier display (``continue``)
    PARTLY_READ = "partly read"  # read in part: ``reason`` says which steps are not
    NOT_READ = "not read"  # could not be read: ``reason`` says why


@dataclass(frozen=True)
class DisplayRecord:
    """One display of a document: where it starts, what became of it, and why."""

    line: int
    fate: DisplayFate
    reason: str = ""  # why it was not read, what it defines, or why it was skipped
    latex: str = ""  # the display's first row, shortened, to recognise it by
    defines: tuple[str, ...] = ()  # what the display defines (``g(s)``, ``L``)

    @property
    def read(self) -> bool:
        return self.fate in (DisplayFate.CHAIN, DisplayFate.DEFINITION, DisplayFate.CONTINUED)

    @property
    def unread(self) -> bool:
        """Whether something of the display is not read (all of it, or some steps)."""
        return self.fate in (DisplayFate.NOT_READ, DisplayFate.PARTLY_READ)


@dataclass(frozen=True)
class Coverage:
    """Every display of one document, in order."""

    displays: tuple[DisplayRecord, ...] = ()

    def count(self, fate: DisplayFate) -> int:
        return sum(1 for d in self.displays if d.fate is fate)

    @property
    def not_read(self) -> tuple[DisplayRecord, ...]:
        """The displays not read, and those read only in part."""
        return tuple(d for d in self.displays if d.unread)
