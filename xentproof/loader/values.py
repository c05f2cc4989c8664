"""Checks of a TOML value's shape and of a table's keys, with a "did you mean" hint."""

from __future__ import annotations

import difflib
import reprlib
from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import FileFormatError

_SHORT = reprlib.Repr()
_SHORT.maxlevel = 2  # a value nested a thousand deep is shown as [[...]]
_SHORT.maxstring = 60
_SHORT.maxother = 60
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = 4


def shown(value: Any) -> str:
    """A value of the file as an error message shows it: its repr, cut short (a value may
    be nested deeper than ``repr`` can go, or be a megabyte long)."""
    return _SHORT.repr(value)


def closest(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the known name closest to ``name``, or nothing."""
    match = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {match[0]!r}?)" if match else ""


def expect_type(value: Any, kind: type | tuple[type, ...], what: str, line: int) -> Any:
    """``value`` if it is a ``kind``; else an error that says what ``what`` must be."""
    if not isinstance(value, kind):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        expected = {"str": "a string", "list": "an array", "dict": "a table"}.get(names, names)
        raise FileFormatError(
            f"{what} must be {expected}, got {type(value).__name__} {shown(value)}", line=line
        )
    return value


def check_keys(table: Iterable[str], allowed: Sequence[str], what: str, line: int) -> None:
    """Refuse a key of ``table`` that is not ``allowed``; ``what`` names the table's kind
    in the message (``"chain "`` gives "unknown chain key")."""
    for key in table:
        if key not in allowed:
            raise FileFormatError(
                f"unknown {what}key {key!r}{closest(key, allowed)}; "
                f"expected one of: {', '.join(allowed)}",
                line=line,
            )
