"""User text made safe to print: every control, format or separator character written as
its escape, so that what a file says is shown, never obeyed (an escape sequence in a title
could recolour, move the cursor or hide lines; a bidirectional override reorders what is
shown). A module of its own, without rich: the command line prints its messages through it
on runs that render nothing with rich."""

from __future__ import annotations

import unicodedata


def shown(text: str) -> str:
    """``text`` with every control, format or separator character written as its escape
    (``\x1b``, ``\n``, ``\u202e``), so that what a file says is shown, never obeyed."""
    if text.isprintable():  # the usual case, at once: no category is looked up
        return text
    return "".join(char if char.isprintable() or char == " " else _escaped(char) for char in text)


def _escaped(char: str) -> str:
    if unicodedata.category(char) == "Zs":  # a space of another width: shown as it is
        return char
    code = ord(char)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )
