"""What a text leaves unsaid, said once: the range of a sum's index, the base of ``\\log``.

Real texts write ``\\sum_j e^{f_j}``, ``\\sum_{j}^{C}`` and ``\\sum_{x \\in \\mathcal{X}}
p(x)``, and mean a range they state in words (or never); an information-theory chapter
writes ``\\log`` and means base 2. The reader does not guess either: it reads such a sum
only when a declaration gives the range (``range: j = 1..N``, ``range: \\mathcal{X} =
\\{1, \\dots, N\\}``) and reads ``\\log`` in another base only when ``log-base: 2`` says so.
Without them the sum is refused with a message naming the declaration to add.

``Notation.ranges`` maps the canonical LaTeX of an index (``j``) or of a set
(``\\mathcal{X}``) to its bounds, in LaTeX. Sums over a declared set are rewritten before
the text is split into tokens, keeping every column where it was:
``\\sum_{x \\in \\mathcal{X}}`` becomes ``\\sum_{x}`` and blanks, and the parser takes the
set's range for that sum (``set_sums``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import sympy

from ..errors import ExpressionError
from ..syntax.scope import Scope
from .expectation import expectation_variables
from .names import canonical

LOG_BASES = ("2", "10", "e")

# NAME = LO..HI ; NAME \in \{LO, \dots, HI\} ; SET = \{LO, \dots, HI\}
_DOTS = r"(?:\\dots|\\ldots|\\cdots|\.\.\.)"
_LIST = re.compile(r"^\\\{\s*(.+?)\s*,\s*" + _DOTS + r"\s*,\s*(.+?)\s*\\\}$", re.DOTALL)
_DOTTED = re.compile(r"^(.+?)\s*\.\.\s*(.+)$", re.DOTALL)
_SIGN = re.compile(r"\\in\b|=")
_SET_SUM = re.compile(r"\\(?:sum|prod)(?:\s*\\(?:no)?limits)?\s*_\s*\{")


def parse_range(text: str) -> tuple[str, tuple[str, str]]:
    """``j = 1..N``, ``j = 1, \\dots, N``, ``j \\in \\{1, \\dots, N\\}`` or ``\\mathcal{X} =
    \\{1, \\dots, N\\}`` → (the index's or set's canonical LaTeX, (lo, hi) in LaTeX)."""
    sign = _SIGN.search(text)
    if sign is None:
        raise ExpressionError(f"range: write j = 1..N or S = \\{{1, \\dots, N\\}}, not {text!r}")
    key = canonical(text[: sign.start()].strip())
    bounds = text[sign.end() :].strip()
    found = _LIST.match(bounds) or _DOTTED.match(bounds)
    if found is None:
        listed = re.match(r"^(.+?)\s*,\s*" + _DOTS + r"\s*,\s*(.+)$", bounds, re.DOTALL)
        found = listed
    if not key or found is None:
        raise ExpressionError(f"range: write j = 1..N or S = \\{{1, \\dots, N\\}}, not {text!r}")
    lo, hi = found.group(1).strip(), found.group(2).strip()
    if not lo or not hi:
        raise ExpressionError(f"range: {text!r} leaves a bound empty")
    return key, (lo, hi)


def parse_log_base(text: str) -> str:
    """``2``, ``10`` or ``e``: the base ``\\log`` is read in."""
    value = text.strip()
    if value not in LOG_BASES:
        raise ExpressionError(f"log-base: expected one of {', '.join(LOG_BASES)}, not {value!r}")
    return value


def _group_end(text: str, k: int) -> int:
    """``k`` is just after a ``{``: the offset of its matching ``}``, or -1."""
    depth = 1
    while k < len(text):
        if text[k] == "\\":
            k += 2
            continue
        if text[k] == "{":
            depth += 1
        elif text[k] == "}":
            depth -= 1
            if depth == 0:
                return k
        k += 1
    return -1


def set_sums(
    text: str, ranges: Mapping[str, tuple[str, str]], offset: int = 0
) -> tuple[str, dict[int, str]]:
    """Every ``\\sum_{x \\in S}`` (and ``\\prod``): blank ``\\in S``, keeping columns, and
    say which set each such sum ranges over (by the 1-based column of its ``\\sum``). A set
    with no declared range is refused here, with the declaration to add."""
    sets: dict[int, str] = {}
    for match in list(_SET_SUM.finditer(text)):
        close = _group_end(text, match.end())
        if close < 0:
            continue
        inner = text[match.end() : close]
        member = re.match(r"^\s*([^\\{}]+?|\\[A-Za-z]+)\s*\\in(?![A-Za-z])\s*(.+?)\s*$", inner)
        if member is None:
            continue
        written = member.group(2)
        key = canonical(written)
        if key not in ranges:
            raise ExpressionError(
                f"a sum over {member.group(1).strip()} \\in {written}: declare the set's "
                f"range once, e.g. range: {written} = \\{{1, \\dots, N\\}}",
                column=offset + match.start() + 1,
            )
        start = match.end() + member.end(1)
        text = text[:start] + " " * (close - start) + text[close:]
        sets[match.start() + 1] = key
    return text, sets


# The index of \sum_{i=1}^{N}, \sum_i, \prod^{N}_{k=1}: one letter, bound by the sum.
_BOUND_INDEX = re.compile(
    r"\\(?:sum|prod)(?![A-Za-z])(?:\s*\^\s*(?:\{[^{}]*\}|\S))?\s*_\s*\{?\s*([A-Za-z])(?![A-Za-z])"
)


def with_bound_indices(text: str, scope: Scope) -> Scope:
    """The scope with the one-letter index of each sum and product (and the variable of each
    expectation, ``E_{x \\sim P}``) of ``text`` that nothing
    declares, as an integer symbol (a sum binds its index: ``\\sum_{i=1}^{N} i`` needs no
    declaration of i, as ``Sum(i, (i, 1, N))`` needs none in a file). Where such a letter
    also stands outside every sum, the expression reader refuses it as undeclared."""
    taken = {*scope.symbols, *scope.families, *scope.functions, "e"}
    bound = {m.group(1) for m in _BOUND_INDEX.finditer(text)} | expectation_variables(text)
    found = bound - taken
    if not found:
        return scope
    return scope.with_symbols({n: sympy.Symbol(n, integer=True) for n in sorted(found)})
