"""The LaTeX commands the reader knows by name: spacing, delimiter sizes, operators,
relations (and those a condition writes as a call), and the commands that stand alone.
Plain tables, shared by the lexer, the parser and the document reader's row splitter."""

from __future__ import annotations

SPACES = frozenset(
    {"\\ ", "\\,", "\\;", "\\:", "\\!", "\\>", "\\quad", "\\qquad", "\\displaystyle", "\\limits"}
)
SIZES = frozenset(
    [
        r"\left",
        r"\right",
        r"\bigl",
        r"\bigr",
        r"\Bigl",
        r"\Bigr",
        r"\biggl",
        r"\biggr",
        r"\big",
        r"\Big",
        r"\bigg",
        r"\Bigg",
    ]
)
OPERATORS = {"\\cdot": "*", "\\times": "*", "\\div": "/"}
RELATIONS = {
    "=": "=",
    "<": "<",
    ">": ">",
    "\\le": "<=",
    "\\leq": "<=",
    "\\leqslant": "<=",
    "\\ge": ">=",
    "\\geq": ">=",
    "\\geqslant": ">=",
    "\\iff": "<=>",
    "\\Leftrightarrow": "<=>",
    "\\Longleftrightarrow": "<=>",
    "\\Rightarrow": "=>",
    "\\implies": "=>",
    "\\Longrightarrow": "=>",
}
"""LaTeX relations → the relations of derivation files."""
CONDITION_RELATIONS = {"=": "Eq", "\\ne": "Ne", "\\neq": "Ne"}
"""Relations inside a condition (of cases) that are written as calls in derivation files."""
KNOWN_COMMANDS = frozenset(
    [
        r"\frac",
        r"\dfrac",
        r"\tfrac",
        r"\binom",
        r"\dbinom",
        r"\tbinom",
        r"\sqrt",
        r"\sum",
        r"\prod",
        r"\lim",
        r"\to",
        r"\rightarrow",
        r"\infty",
        r"\pi",
        r"\mid",
        r"\vert",
        r"\lvert",
        r"\rvert",
        r"\delta",
        r"\top",
        r"\intercal",
        r"\begin",
        r"\end",
        r"\ne",
        r"\neq",
        r"\\",
        r"\{",
        r"\}",
        r"\dots",
        r"\ldots",
        r"\cdots",
    ]
)
