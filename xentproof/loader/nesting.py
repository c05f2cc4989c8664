"""How deep a TOML text nests its arrays and inline tables, read before ``tomllib`` is.

``tomllib`` parses nested values by recursion: ten thousand ``[`` end in a
``RecursionError``, not in an error about the file. A derivation file needs a few levels
(an inline table in an array in a table), so the text is scanned for its brackets first
(strings and comments skipped, as TOML writes them) and a file that nests deeper than
``MAX_NESTING`` is refused at the line where it does. The same scan finds where a value
that is never closed was opened, for ``tomllib``'s errors "at end of document".
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_NESTING = 20  # arrays and inline tables inside one another; a derivation needs 3 or 4
_OPENING = "[{"
_CLOSING = "]}"


@dataclass(frozen=True)
class Nesting:
    """What the scan found: the first line where the nesting passes ``MAX_NESTING`` (None if
    it never does) and the line where the innermost value or string left open at the end
    of the text was opened (None if everything is closed)."""

    too_deep: int | None
    unclosed: int | None


def scan_nesting(text: str, limit: int = MAX_NESTING) -> Nesting:
    """Scan ``text`` for its brackets, skipping strings and comments."""
    opened: list[int] = []  # the line of each bracket still open
    line, k, n = 1, 0, len(text)
    while k < n:
        c = text[k]
        if c == "\n":
            line += 1
        elif c == "#":
            end = text.find("\n", k)
            k = n if end < 0 else end
            continue
        elif c in "\"'":
            start = line
            k, line, closed = _skip_string(text, k, line)
            if not closed:
                return Nesting(None, start)
            continue
        elif c in _OPENING:
            opened.append(line)
            if len(opened) > limit:
                return Nesting(line, None)
        elif c in _CLOSING and opened:
            opened.pop()
        k += 1
    return Nesting(None, opened[-1] if opened else None)


def _skip_string(text: str, k: int, line: int) -> tuple[int, int, bool]:
    """Past the string that starts at ``k``: its end, the line there, and whether it closed."""
    quote = text[k]
    multi = text.startswith(quote * 3, k)
    delimiter = quote * 3 if multi else quote
    j = k + len(delimiter)
    while j < len(text):
        c = text[j]
        if c == "\\" and quote == '"':
            if text[j + 1 : j + 2] == "\n":
                line += 1
            j += 2
            continue
        if c == "\n":
            if not multi:
                return j, line, True  # tomllib reports the broken string itself, with its line
            line += 1
        if text.startswith(delimiter, j):
            j += len(delimiter)
            for _ in range(2 if multi else 0):  # """a"""" ends with the last three quotes
                if text.startswith(quote, j):
                    j += 1
            return j, line, True
        j += 1
    return j, line, False
