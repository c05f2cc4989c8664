"""The terms an ellipsis leaves out: ``w_1x_1 + ... + w_mx_m`` is the sum over l from 1 to m
of w_l x_l.

The terms written before the dots and the last one after them fix the pattern: the last
term is the first with one whole number (the same wherever it differs) put in the place of
one expression (the same wherever it differs); every term written before the dots must be
the pattern at the next number. Anything else (two numbers that change, a pattern the
terms do not share, a sign between them, a term of the pattern's shape before them that
does not continue it, ``x_1 + x_3 + … + x_n``, a last number below the terms written
before the dots, ``x_3 + … + x_1``) is refused: the reader does not guess a rule.
Works on the expression text the parser produced for each term, token by token."""

from __future__ import annotations

import re

from ..errors import ExpressionError

_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+(?:\.[0-9]+)?|\S")
_BOUND = re.compile(r"[A-Za-z][A-Za-z0-9_]*|[0-9]+")
_CANDIDATES = ("l", "r", "u", "v", "c", "s", "t", *(f"c{n}" for n in range(99)))


def fold(before: list[str], last: str, taken: set[str]) -> str:
    """``before`` (the terms written before the dots, in order) and ``last`` (the term after
    them) → the sum that stands for all of them, in expression text."""
    first = _TOKEN.findall(before[0])
    final = _TOKEN.findall(last)
    if len(first) != len(final):
        raise _unclear(before[0], last)
    start: str | None = None
    end: str | None = None
    places: list[int] = []
    for k, (a, b) in enumerate(zip(first, final, strict=True)):
        if a == b:
            continue
        changes = a.isdigit() and _BOUND.fullmatch(b) is not None
        if not changes or (start is not None and a != start) or (end is not None and b != end):
            raise _unclear(before[0], last)
        start, end = a, b
        places.append(k)
    if start is None or end is None:
        raise _unclear(before[0], last)
    texts = set(_TOKEN.findall(" ".join([*before, last]))) | taken
    index = next(c for c in _CANDIDATES if c not in texts)

    def term(value: str) -> str:
        return "".join(value if k in places else t for k, t in enumerate(first))

    pattern = "".join(index if k in places else t for k, t in enumerate(first))
    for n, written in enumerate(before):
        value = str(int(start) + n)
        if "".join(_TOKEN.findall(written)) != term(value):
            raise _unclear(before[0], last)
    if end.isdigit() and int(end) < int(start) + len(before):
        # x_3 + … + x_1 counts down (the sum from 3 to 1 is empty), x_1 + x_2 + x_3 + … + x_2
        # writes a term the range leaves out: no sum upwards is what they show
        raise ExpressionError(
            f"the dots between {before[-1]} and {last}: the last term comes before the ones "
            "written; write the sum, \\sum_{l=1}^{m} …"
        )
    return f"Sum({pattern}, ({index}, {start}, {end}))"


def _unclear(first: str, last: str) -> ExpressionError:
    return ExpressionError(
        f"the dots between {first} and {last}: no one number changes from term to term; "
        "write the sum, \\sum_{l=1}^{m} …"
    )
