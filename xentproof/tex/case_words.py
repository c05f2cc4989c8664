"""The words a text writes in ``\\text{…}`` inside ``cases`` (``if``, ``and``, a note in
brackets), as the lexer tokenises them: the lexer's layer, below the reader of ``cases``
(``cases.py``)."""

from __future__ import annotations

import re

# Words that introduce a row's condition, in \text{…}: dropped before the condition.
CONDITION_WORDS = frozenset({"if", "for", "when", "where", "for all", "if and only if"})
# Words between two parts of one condition: both hold.
CONJUNCTION_WORDS = frozenset({"and"})


def condition_word(text: str) -> str | None:
    """The token a word in ``\\text{…}`` is inside cases: ``\\textif`` before a condition,
    ``\\textand`` between two parts, ``\\textnote`` for a note in brackets after it
    (``\\text{ (Normal)}``); None for other text. Anywhere but a row's condition these
    tokens are refused."""
    words = " ".join(text.replace("~", " ").split()).rstrip(",").strip()
    if words in CONDITION_WORDS:
        return "\\textif"
    if words in CONJUNCTION_WORDS:
        return "\\textand"
    if re.fullmatch(r"\([A-Za-z][A-Za-z .'-]*\)", words):
        return "\\textnote"
    return None
