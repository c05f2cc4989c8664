"""The words a text writes in ``\\text{…}`` inside ``cases`` (``if``, ``and``, a note in
brackets), as the lexer tokenises them: the lexer's layer, below the reader of ``cases``
(``cases.py``)."""

from __future__ import annotations

import re
from collections.abc import Collection

# Words that introduce a row's condition, in \text{…}: dropped before the condition.
CONDITION_WORDS = frozenset({"if", "for", "when", "where", "for all", "if and only if"})
# Words between two parts of one condition: both hold.
CONJUNCTION_WORDS = frozenset({"and"})


# Words that make a note in brackets a condition (``(n even)``, ``(x rational)``).
CONDITION_NOTE_WORDS = frozenset(
    {"even", "odd", "integer", "integers", "rational", "irrational", "prime", "positive"}
    | {"negative", "nonnegative", "nonpositive", "nonzero", "zero", "real", "natural"}
    | {"not", "only", "unless", "except", "and", "or", "if", "when", "where", "otherwise"}
)


def condition_word(text: str, names: Collection[str] = ()) -> str | None:
    """The token a word in ``\\text{…}`` is inside cases: ``\\textif`` before a condition,
    ``\\textand`` between two parts, ``\\textnote`` for a note in brackets after it
    (``\\text{ (Normal)}``); None for other text. Anywhere but a row's condition these
    tokens are refused. A note that may state a condition (a one-letter word, a declared
    name in ``names``, a word such as even or only: ``(n even)``) is no note: dropped, it
    would change the row's meaning, so it is left to be refused."""
    words = " ".join(text.replace("~", " ").split()).rstrip(",").strip()
    if words in CONDITION_WORDS:
        return "\\textif"
    if words in CONJUNCTION_WORDS:
        return "\\textand"
    if re.fullmatch(r"\([A-Za-z][A-Za-z .'-]*\)", words):
        inner = re.findall(r"[A-Za-z]+", words)
        if any(len(w) == 1 or w in names or w.lower() in CONDITION_NOTE_WORDS for w in inner):
            return None
        return "\\textnote"
    return None
