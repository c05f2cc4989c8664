"""Rows of an ``align*`` that fit the column: how wide a formula will be, and where a long
one breaks.

The appendix is typeset without TeX at hand, so the width of a formula is estimated from its
LaTeX: glyphs at their approximate widths in Computer Modern (10 pt, display style), scripts
smaller, a fraction as wide as its wider part. The estimate errs on the wide side; the
compile tests (tests/test_latex_layouts.py) read pdflatex's log for overfull boxes in a
two-column article, the narrowest layout the appendix is made for.
"""

from __future__ import annotations

import re

from ..tex.printer import BREAK, DEEPER

# Estimated widths in points at 10 pt.
_LETTER = 5.6
_DIGIT = 5.0
_BINARY = 13.0  # + − with the medium spaces around them
_RELATION = 14.0  # = < ≤ with the thick spaces around them
_COMMANDS = {
    "\\cdot": _BINARY,
    "\\mid": _RELATION,
    "\\le": _RELATION,
    "\\ge": _RELATION,
    "\\neq": _RELATION,
    "\\in": _RELATION,
    "\\to": _RELATION,
    "\\iff": 28.0,
    "\\implies": 28.0,
    "\\wedge": _BINARY,
    "\\vee": _BINARY,
    "\\infty": 10.0,
    "\\sum": 16.0,
    "\\prod": 16.0,
    "\\lim": 16.0,
    "\\!": -1.7,
    "\\,": 1.7,
    "\\quad": 10.0,
    "\\qquad": 20.0,
}
_SKIP = {"\\left", "\\right", "\\bigl", "\\bigr", "\\Bigl", "\\Bigr", "\\biggl", "\\biggr"}
_OPERATOR_NAMES = {
    "\\log",
    "\\exp",
    "\\sin",
    "\\cos",
    "\\tan",
    "\\sinh",
    "\\cosh",
    "\\tanh",
    "\\arctan",
    "\\arcsin",
    "\\arccos",
}
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_]|\s+|.", re.DOTALL)


def formula_width(latex: str) -> float:
    """The estimated width in points (10 pt) of ``latex`` set in display math."""
    tokens = _TOKEN.findall(latex.replace(BREAK, "").replace(DEEPER, ""))
    width, _ = _run(tokens, 0, 1.0)
    return width


def _group(tokens: list[str], k: int, scale: float) -> tuple[float, int]:
    """The width of one argument at ``tokens[k]``: a braced group or one token."""
    if k >= len(tokens):
        return 0.0, k
    if tokens[k] == "{":
        return _run(tokens, k + 1, scale)
    width, _ = _run([tokens[k]], 0, scale)
    return width, k + 1


def _run(tokens: list[str], k: int, scale: float) -> tuple[float, int]:
    """The width of tokens from ``k`` up to the ``}`` that closes the group (or the end)."""
    width = 0.0
    while k < len(tokens):
        token = tokens[k]
        k += 1
        if token == "}":
            return width, k
        if token == "{":
            inner, k = _run(tokens, k, scale)
            width += inner
        elif token in "^_":
            script, k = _group(tokens, k, scale * 0.7)
            width += script
        elif token == "\\frac":
            top, k = _group(tokens, k, scale)
            bottom, k = _group(tokens, k, scale)
            width += max(top, bottom) + 2 * scale
        elif token in _SKIP or token.isspace():
            continue
        else:
            width += _token_width(token) * scale
    return width, k


def _token_width(token: str) -> float:
    if token in _COMMANDS:
        return _COMMANDS[token]
    if token in _OPERATOR_NAMES:
        return 4.6 * (len(token) - 1) + 2.0
    if token.startswith("\\"):
        return _LETTER + 1.0  # a Greek letter, an accent's base, a symbol
    if token in "+-":
        return _BINARY
    if token in "=<>":
        return _RELATION
    if token in "()[]|,.;":
        return 3.9
    if token.isdigit():
        return _DIGIT
    return _LETTER


def break_rows(pieces: list[tuple[int, str]], budget: float, indent: float) -> list[str]:
    """The lines of one step whose pieces are (depth of the break before it, LaTeX):
    lines that fit in ``budget`` points, the first full width and the others ``indent``
    in, broken where the fewest brackets are open (between the step's own terms before
    inside a bracket), as late as that allows."""
    lines: list[str] = []
    current: list[tuple[int, str]] = []
    for piece in pieces:
        current.append(piece)
        room = budget - (indent if lines else 0.0)
        while len(current) > 1 and _width(current) > room:
            cut = _cut(current, room)
            lines.append(_text(current[:cut]))
            current = current[cut:]
            room = budget - indent
    if current:
        lines.append(_text(current))
    return lines


def _width(pieces: list[tuple[int, str]]) -> float:
    return formula_width(_text(pieces))


def _text(pieces: list[tuple[int, str]]) -> str:
    return "".join(text for _, text in pieces).strip()


def _cut(current: list[tuple[int, str]], room: float) -> int:
    """Where to end the line held in ``current`` (which is too wide): at the shallowest
    break after which the line fits and is at least a third full, the last of those; else
    before its last piece."""
    best: tuple[int, int] | None = None  # (depth, -position)
    for k in range(1, len(current)):
        if room / 3 <= _width(current[:k]) <= room:
            candidate = (current[k][0], -k)
            best = candidate if best is None or candidate < best else best
    return len(current) - 1 if best is None else -best[1]
