"""Unicode characters that Markdown posts and docstrings type in place of LaTeX commands.

A Markdown source (ML Glossary's ``α.( e^z – 1)``, a notebook's ``θ``) writes the glyph
itself; MathJax shows it as the command would. Each character here stands for exactly one
LaTeX command or operator, the one whose glyph it is; a character not in the tables is
still refused. The dashes: U+2212 is the minus sign itself, and an en dash between two
operands of a formula is the minus that word processors and Markdown editors type (an
en dash in a range, 1–N, is prose, not a display); an em dash is punctuation and is refused.
"""

from __future__ import annotations

from .names import GREEK_NAMES

_SMALL = "αβγδεζηθικλμνξπρστυφχψω"
_CAPITAL = "ΓΔΘΛΞΠΣΥΦΨΩ"
_GREEK_SMALL = [g for g in GREEK_NAMES if g[0].islower()]
_GREEK_CAPITAL = [g for g in GREEK_NAMES if g[0].isupper()]

LETTERS: dict[str, str] = {
    **{c: "\\" + g for c, g in zip(_SMALL, _GREEK_SMALL, strict=True)},
    **{c: "\\" + g for c, g in zip(_CAPITAL, _GREEK_CAPITAL, strict=True)},
    "ϵ": "\\epsilon",
    "ϕ": "\\phi",
    "ℓ": "\\ell",
}
"""A Greek letter (or ℓ) → its LaTeX command."""

SYMBOLS: dict[str, str] = {
    "≤": "\\le",
    "≥": "\\ge",
    "≠": "\\ne",
    "·": "\\cdot",
    "⋅": "\\cdot",
    "×": "\\times",
    "∞": "\\infty",
    "∑": "\\sum",
    "∏": "\\prod",
    "∂": "\\partial",
    "∇": "\\nabla",
    "∣": "\\mid",
    "‖": "\\|",
}
"""A mathematical symbol → its LaTeX command."""

MINUS = frozenset({"−", "–"})
"""The minus sign, and the en dash typed for it (with a blank beside it: ``e^z – 1``; between
two terms, ``1–N``, it may be a range, and is refused)."""


def command_for(char: str) -> str | None:
    """The LaTeX command a Unicode character stands for, or None."""
    return LETTERS.get(char) or SYMBOLS.get(char)
