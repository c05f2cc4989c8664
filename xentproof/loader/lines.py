"""Where each item of a derivation file is written.

``tomllib`` gives no positions, so lines are found by locating each item's text in the
file, in order; where that fails the enclosing table's line is used.
"""

from __future__ import annotations

import bisect
import re


class FileLines:
    """Find the line where an item of the file is written."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines()
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.chain_lines = [
            i + 1 for i, line in enumerate(self.lines) if line.strip().startswith("[[chain]]")
        ]
        section = ""
        self.keys: dict[tuple[str, str], int] = {}
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            header = re.match(r"\[([A-Za-z_]+)\]", stripped)
            if header:
                section = header.group(1)
                continue
            # a dotted key (a.b = 1) is found by its first part
            key = re.match(r"""(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_]+))\s*[=.]""", stripped)
            if key:
                name = next(g for g in key.groups() if g is not None)
                self.keys.setdefault((section, name), number)

    def key(self, section: str, name: str, default: int = 1) -> int:
        return self.keys.get((section, name), default)

    def chain(self, index: int) -> int:
        return self.chain_lines[index] if index < len(self.chain_lines) else 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def find(self, text: str, after: int) -> int | None:
        """The offset just past the first TOML string holding ``text`` after ``after``.

        Tries the basic and the literal string forms of TOML, with and without escapes.
        """
        escaped = text.replace("\\", "\\\\").replace('"', '\\"')
        best: int | None = None
        for form in (f'"{text}"', f'"{escaped}"', f"'{text}'"):
            at = self.text.find(form, after)
            if at >= 0 and (best is None or at < best):
                best = at
        return best

    def locate(self, text: str, cursor: int, limit: int) -> tuple[int, int]:
        """The line of a step's string and the offset to search the next step from."""
        at = self.find(text, cursor)
        if at is None or at >= limit:
            return self.line_of(cursor), cursor
        return self.line_of(at), at + len(text) + 1
