"""Directives: what the prose of a document says in words, written in a comment where it
says it (``% xentproof: …`` in LaTeX, ``<!-- xentproof: … -->`` in Markdown), in LaTeX.

Each takes effect from where it is written:

- for the rest of the document: ``symbols:`` (names and their sets), ``let:`` (a name or
  function defined), ``range:`` (the range of an index a sum leaves unsaid), ``log-base:``
  (the base of ``\\log``), ``title:``;
- for the next display: ``skip``, ``check`` (it must be read), ``where:`` (values, or a
  name's meaning in that display), ``name:``, ``claims:``, ``continue`` (join it to the
  chain before);
- for the next relation: ``rule:``, ``expect: refuted``, ``accept: numeric``, ``note:``.

Several may share a line, separated by ``;`` (``continue; expect: refuted``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import Enum

from ..errors import DocumentError


class Scope(Enum):
    DOCUMENT = "document"
    DISPLAY = "display"
    RELATION = "relation"


KINDS: dict[str, Scope] = {
    "symbols": Scope.DOCUMENT,
    "let": Scope.DOCUMENT,
    "range": Scope.DOCUMENT,
    "log-base": Scope.DOCUMENT,
    "title": Scope.DOCUMENT,
    "skip": Scope.DISPLAY,
    "check": Scope.DISPLAY,
    "where": Scope.DISPLAY,
    "name": Scope.DISPLAY,
    "claims": Scope.DISPLAY,
    "continue": Scope.DISPLAY,
    "define": Scope.DISPLAY,
    "rule": Scope.RELATION,
    "expect": Scope.RELATION,
    "accept": Scope.RELATION,
    "note": Scope.RELATION,
}
BARE = frozenset({"skip", "check", "continue", "define"})
VALUES = {"expect": ("refuted",), "accept": ("numeric",), "log-base": ("2", "10", "e")}
_KEY = re.compile(r"\s*([a-z][a-z-]*)\s*(:|;|$)")


@dataclass(frozen=True)
class Directive:
    """One directive: its kind (a key of ``KINDS``), its value (LaTeX or a word; empty
    for ``skip``, ``check``, ``continue``) and where it is written."""

    kind: str
    value: str
    line: int
    offset: int

    @property
    def scope(self) -> Scope:
        return KINDS[self.kind]


def parse_directives(text: str, line: int, offset: int) -> list[Directive]:
    """The directives of one comment line's text (after ``xentproof:``)."""
    found: list[Directive] = []
    rest = text.strip()
    while rest:
        key = _KEY.match(rest)
        if key is None or key.group(1) not in KINDS:
            word = re.match(r"\s*([^\s:;]*)", rest)
            name = word.group(1) if word else rest
            close = difflib.get_close_matches(name, list(KINDS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise DocumentError(
                f"xentproof: {name!r} is no directive{hint}; expected one of: {', '.join(KINDS)}",
                line=line,
            )
        kind = key.group(1)
        if kind in BARE:
            if key.group(2) == ":":
                raise DocumentError(f"xentproof: {kind} takes no value", line=line)
            found.append(Directive(kind, "", line, offset))
            rest = rest[key.end() :].strip()
            continue
        if key.group(2) != ":":
            raise DocumentError(f"xentproof: write {kind}: …", line=line)
        value, rest = _value(rest[key.end() :])
        if not value:
            raise DocumentError(f"xentproof: {kind}: needs a value", line=line)
        allowed = VALUES.get(kind)
        if allowed is not None and value not in allowed:
            raise DocumentError(
                f"xentproof: {kind}: {value!r} is not known; expected: {', '.join(allowed)}",
                line=line,
            )
        found.append(Directive(kind, value, line, offset))
    return found


def _value(text: str) -> tuple[str, str]:
    """A directive's value, up to a ``;`` (not LaTeX's ``\\;``) that begins another
    directive; and the text after it."""
    k = 0
    while True:
        k = text.find(";", k)
        if k < 0:
            return text.strip(), ""
        after = _KEY.match(text, k + 1)
        if text[k - 1 : k] != "\\" and after is not None and after.group(1) in KINDS:
            return text[:k].strip(), text[k + 1 :]
        k += 1
