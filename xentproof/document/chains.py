"""A display's rows → the chains they write: each step's LaTeX, the relation before it, the
offset where it is written and where its row ends. See ``rows`` for the rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..tex.macros import Expansion
from .rows import _DEFINED_OVER, _TOKEN, DEFINITIONS, RELATIONS, UNCHECKED, Part, Row

_OPEN = frozenset({"{", "(", "[", "\\{", "\\lbrace", "\\langle"})
_CLOSE = frozenset({"}", ")", "]", "\\}", "\\rbrace", "\\rangle"})
_SIZED_OPEN = frozenset({"\\left", "\\bigl", "\\Bigl", "\\biggl", "\\Biggl"})
_SIZED_CLOSE = frozenset({"\\right", "\\bigr", "\\Bigr", "\\biggr", "\\Biggr"})
_OPERATOR_START = re.compile(r"^(?:\+|-|\\cdot(?![A-Za-z])|\\times(?![A-Za-z])|\\pm|\\mp)")
_OPERATOR_END = re.compile(r"(?:\+|-|\\cdot|\\times|\\pm|\\mp)$")
_BLANKS = re.compile(r"(?:\s|\\[,;:! >]|\\q?quad(?![A-Za-z])|~)+")
_TRAILING = re.compile(r"(?:\s|\\[,;:! ]|\\q?quad(?![A-Za-z])|~|[.,;])+$")


class NotReadable(Exception):
    """Why a display is not read, and where (an offset in the expanded display)."""

    def __init__(self, reason: str, at: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.at = at


@dataclass
class ChainDraft:
    """One chain as a display writes it, before its steps are read."""

    parts: list[Part]
    labels: list[str] = field(default_factory=list)


def meaningful(text: str) -> str:
    """The text without blanks and spacing commands around it."""
    return _BLANKS.sub(" ", text).strip()


def _relations(text: str) -> list[tuple[str | None, int, int]]:
    """The relations at the top level of a row: (token, start, end); token None for a
    definition sign written with something over it (``\\stackrel{\\text{def}}{=}``)."""
    found: list[tuple[str | None, int, int]] = []
    depth = 0
    k = 0
    while k < len(text):
        match = _TOKEN.match(text, k)
        assert match is not None
        token, end = match.group(0), match.end()
        if token in _SIZED_OPEN or token in _SIZED_CLOSE:
            depth = max(0, depth + (1 if token in _SIZED_OPEN else -1))
            delimiter = _TOKEN.match(text, _skip_blanks(text, end))
            end = delimiter.end() if delimiter is not None else end
        elif token in _OPEN or token.startswith("\\begin"):
            depth += 1
            if token.startswith("\\begin"):
                end = _environment_end(text, k)
        elif token in _CLOSE or token.startswith("\\end"):
            depth = max(0, depth - 1)
            if token.startswith("\\end"):
                end = _environment_end(text, k)
        elif depth == 0 and token in ("\\stackrel", "\\overset"):
            over = _DEFINED_OVER.match(text, k)
            if over is not None:
                found.append((None, k, over.end()))
                end = over.end()
        elif depth == 0 and (token in RELATIONS or token in DEFINITIONS or token in UNCHECKED):
            found.append((token, k, end))
        k = end
    return found


def _skip_blanks(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _environment_end(text: str, at: int) -> int:
    found = re.compile(r"\\(?:begin|end)\s*\{[^{}]*\}").match(text, at)
    return found.end() if found else at + 1


def row_parts(row: Row, expansion: Expansion, base: int) -> list[Part]:
    """A row's steps: (relation, LaTeX) pieces, the first with the relation before it when
    the row starts with one. ``base`` is the row's offset in the expanded display."""
    text = row.text
    parts: list[Part] = []
    previous: tuple[str | None, int, int] | None = None
    row_end = expansion.origin(row.end)
    for relation in [*_relations(text), None]:
        start = previous[2] if previous is not None else 0
        stop = relation[1] if relation is not None else len(text)
        latex = _TRAILING.sub("", text[start:stop]) if relation is None else text[start:stop]
        offset = start + len(text[start:stop]) - len(text[start:stop].lstrip())
        part = Part(None, latex.strip(), expansion.origin(base + offset), row_end)
        if previous is not None:
            _relation_of(part, previous, text)
        parts.append(part)
        previous = relation
    return parts


def _relation_of(part: Part, relation: tuple[str | None, int, int], text: str) -> None:
    token = relation[0]
    if token is None or token in DEFINITIONS:
        part.rel, part.defines = "=", True
    elif token in UNCHECKED:
        part.rel, part.unchecked = token, UNCHECKED[token]
    else:
        part.rel = RELATIONS[token]


def display_chains(
    rows: list[Row], expansion: Expansion, *, continuing: bool = False
) -> list[ChainDraft]:
    """The chains of a display's rows; raises ``NotReadable``. When ``continuing``, the
    display may start with a relation: its first chain then starts with an empty step,
    the hole the chain it continues fills."""
    chains: list[ChainDraft] = []
    last_row = ""
    for row in rows:
        if row.interrupted is not None:
            raise NotReadable(
                f"text between formulas ('{row.interrupted}'): what follows it is not read",
                row.start,
            )
        if row.side_by_side:
            raise NotReadable(
                "an & between two formulas: equations side by side in columns are not read",
                row.start,
            )
        body = meaningful(row.text)
        if not body:
            continue
        parts = row_parts(row, expansion, row.start)
        _place_notes(parts, row)
        current = chains[-1] if chains else None
        if current is not None and _continues_expression(body, last_row, len(parts)):
            _join(current.parts[-1], parts[0])
            current.parts.extend(parts[1:])
        elif parts[0].latex == "" and parts[0].rel is None and len(parts) > 1:
            # the row starts with a relation: it continues the chain
            if current is None and not continuing:
                raise NotReadable(
                    "the display starts with a relation (a continue directive joins it to "
                    "the chain before)",
                    row.start,
                )
            if current is None:
                chains.append(ChainDraft(parts, list(row.labels)))
                last_row = body
                continue
            parts[1].note = "; ".join(n for n in (row.intertext, parts[1].note) if n) or None
            if current.parts[-1].latex == "":
                raise NotReadable("two relations with nothing between them", row.start)
            current.parts.extend(parts[1:])
        elif current is not None and current.parts[-1].latex == "":
            # the row before ended with a relation: this row is what it relates to
            _join(current.parts[-1], parts[0])
            current.parts.extend(parts[1:])
        else:
            chains.append(ChainDraft(parts, list(row.labels)))
            last_row = body
            continue
        current.labels.extend(row.labels)
        last_row = body
    return chains


def _continues_expression(body: str, last_row: str, count: int) -> bool:
    """A row that goes on with the previous step's expression: the previous row ends
    with an operator, or this one starts with one and holds no relation."""
    if not last_row:
        return False
    return bool(_OPERATOR_END.search(last_row)) or (
        bool(_OPERATOR_START.match(body)) and count == 1
    )


def _join(into: Part, more: Part) -> None:
    into.latex = f"{into.latex} {more.latex}".strip()
    into.row_end = more.row_end
    if more.note:
        into.note = f"{into.note}; {more.note}" if into.note else more.note
    into.labels.extend(more.labels)


def _place_notes(parts: list[Part], row: Row) -> None:
    """The row's note belongs to the step it ends with; its labels to every step of it."""
    parts[-1].note = row.note
    for part in parts:
        part.labels = list(row.labels)
