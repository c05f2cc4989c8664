"""A display that uses names nothing declares: the reason names them all and gives the
directive that would declare them (their set is the author's to say; ``\\mathbb{R}`` is a
placeholder)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import ExpressionError
from ..model import Notation
from ..syntax.scope import Scope
from ..tex.lexer import Lexer
from ..tex.names import BUILTIN_FUNCTIONS, reverse_names

UNDECLARED = re.compile(r"is not the LaTeX of any declared name|cannot read '[A-Za-z]+' as")


def undeclared_names(latex: Iterable[str], scope: Scope, notation: Notation) -> list[str]:
    """The names in ``latex`` that nothing declares, in order, each once (a run of
    letters that splits into no declared names is split into its letters)."""
    table = reverse_names(scope, notation)
    found: list[str] = []
    for text in latex:
        try:
            for token in Lexer(text, table, scope).tokens():
                if token.kind == "unknown" and UNDECLARED.search(token.extra):
                    found.extend(_unknown_letters(token.text, set(table.letters)))
        except ExpressionError:
            continue
    return list(dict.fromkeys(found))


def _unknown_letters(run: str, known: set[str]) -> list[str]:
    """The letters of a run that are neither declared names nor function words."""
    if not run.isalpha() or len(run) == 1:
        return [run]
    words = sorted(known | set(BUILTIN_FUNCTIONS), key=len, reverse=True)
    unknown: list[str] = []
    k = 0
    while k < len(run):
        word = next((w for w in words if run.startswith(w, k)), None)
        if word is None:
            unknown.append(run[k])
            k += 1
        else:
            k += len(word)
    return unknown


def undeclared_reason(names: list[str], markdown: bool) -> str:
    """The reason for a display that uses ``names`` undeclared, with the directive to add."""
    shown = ", ".join(names)
    return f"undeclared: {shown}; add {directive(names, markdown)}"


def directive(names: list[str], markdown: bool) -> str:
    """The ``symbols:`` directive that declares ``names`` (over ℝ, to be made exact)."""
    body = ", ".join(f"{n} \\in \\mathbb{{R}}" for n in dict.fromkeys(names))
    return f"<!-- xentproof: symbols: {body} -->" if markdown else f"% xentproof: symbols: {body}"
