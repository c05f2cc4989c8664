"""A display that uses names nothing declares: the reason names them all and gives the
directive that would declare them (their set is the author's to say; ``\\mathbb{R}`` is a
placeholder)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import ExpressionError
from ..model import Notation
from ..syntax.scope import Scope
from ..tex.groups import read_argument, skip_blanks
from ..tex.lexer import Lexer
from ..tex.names import BUILTIN_FUNCTIONS, reverse_names

_BOLD = re.compile(r"\\(?:mathbf|boldsymbol|bm)(?![A-Za-z])")
UNDECLARED = re.compile(r"is not the LaTeX of any declared name|cannot read '[A-Za-z]+' as")


def undeclared_names(latex: Iterable[str], scope: Scope, notation: Notation) -> list[str]:
    """The names in ``latex`` that nothing declares, in order, each once (a run of
    letters that splits into no declared names is split into its letters). A letter or
    a font name with a subscript is named as written, script and all (``D_{KL}``,
    ``x_i``, ``\\mathrm{CE}_j``): its declaration is that of the subscripted name, not
    of the script's letters one by one."""
    table = reverse_names(scope, notation)
    found: list[str] = []
    for text in latex:
        script_end = -1
        try:
            for token in Lexer(text, table, scope).tokens():
                if token.col - 1 < script_end:
                    continue  # inside the script of a name already named
                if token.kind != "unknown" or not UNDECLARED.search(token.extra):
                    continue
                known = set(table.letters)
                script_end = _subscript_end(text, token.text, token.end, known)
                if script_end < 0:
                    found.extend(_unknown_letters(token.text, known))
                elif token.text.isalpha():  # ab_j is a·b_j: b takes the script
                    if len(token.text) > 1:
                        found.extend(_unknown_letters(token.text[:-1], known))
                    found.append(token.text[-1] + text[token.end : script_end])
                else:
                    found.append(text[token.col - 1 : script_end])
        except ExpressionError:
            continue
    return list(dict.fromkeys(found))


def _subscript_end(text: str, run: str, at: int, known: set[str]) -> int:
    """Where the subscript after the letters or font name ``run`` (ending at ``at``)
    ends, or -1: none, or it goes with a declared letter (whose message is another)."""
    if run.isalpha() and run[-1] in known:
        return -1
    k = skip_blanks(text, at)
    if k >= len(text) or text[k] != "_":
        return -1
    try:
        _, end = read_argument(text, k + 1)
    except ExpressionError:
        return -1
    return end


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
    """The ``symbols:`` directive that declares ``names`` (over ℝ, to be made exact; a bold
    name as a vector of ℝ^d, its dimension d to be declared)."""
    body = ", ".join(
        f"{n} \\in \\mathbb{{R}}" + ("^{d}" if _BOLD.search(n) else "")
        for n in dict.fromkeys(names)
    )
    return f"<!-- xentproof: symbols: {body} -->" if markdown else f"% xentproof: symbols: {body}"
