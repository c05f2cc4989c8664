"""The expectation of a declared distribution: ``E_{x \\sim p}[f(x)]``,
``\\mathbb{E}_{X \\sim p}\\left[…\\right]`` is ``\\sum_x p(x) f(x)`` over the range of x.

The distribution must be a declared family of one index (``p(x) \\in (0, 1)``: its members are
the probabilities), or a capital letter nothing declares whose small letter is one (``x \\sim
P`` with ``p_i`` declared: the texts' convention, P the distribution and p its mass function).
The variable is a declared name, or a letter nothing declares, bound by the expectation as a
sum binds its index; its range is its own (``range: x = 1..N``), else that of the index the
family is declared with (``p[i]`` and ``range: i = 1..k``: the family's members are the
probabilities of 1..k). Inside the bracket, ``p(x)`` at the bound variable is the member of
a one-index family. The body is the bracket after the subscript. Anything else is refused
with the declaration that settles it. An ``E`` that is a declared name is not an
expectation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ExpressionError
from ..syntax.scope import Scope
from .names import NameTable, canonical

_EXPECTATION = re.compile(
    r"(?P<sign>E|\\mathbb\s*\{\s*E\s*\}|\\mathbb\s+E|\\operatorname\s*\{\s*E\s*\}"
    r"|\\mathrm\s*\{\s*E\s*\})\s*_\s*\{(?P<var>[^{}]*?)\\sim(?![A-Za-z])(?P<dist>[^{}]*)\}"
)


@dataclass(frozen=True)
class Expectation:
    """``E_{var \\sim family}``: where its subscript ends, its variable and its family."""

    end: int
    variable: str
    family: str


def expectation_at(text: str, k: int, table: NameTable, scope: Scope) -> Expectation | None:
    """The expectation written at ``k``, or None when none is (or ``E`` is a declared name)."""
    found = _EXPECTATION.match(text, k)
    if found is None or canonical(found.group("sign")) in table.names:
        return None
    var, dist = found.group("var").strip(), found.group("dist").strip()
    shown = f"E_{{{var} \\sim {dist}}}"
    variables = table.names.get(canonical(var), ())
    if len(variables) != 1 or variables[0] not in scope.symbols or variables[0] in scope.families:
        raise ExpressionError(f"{shown}: {var} is not a declared name", column=k + 1)
    families = [n for n in table.names.get(canonical(dist), ()) if n in scope.families]
    if not table.names.get(canonical(dist)) and re.fullmatch("[A-Z]", dist):
        # x ~ P with P undeclared: the distribution P whose mass function is p, the
        # text's convention, when p is a declared family of one index
        families = [n for n in table.names.get(dist.lower(), ()) if n in scope.families]
    if len(families) != 1 or scope.families[families[0]][1] != 1:
        raise ExpressionError(
            f"{shown}: {dist} is no declared distribution; declare its probabilities as a "
            f"family: symbols: {dist}({var}) \\in (0, 1)",
            column=k + 1,
        )
    return Expectation(found.end(), variables[0], families[0])


def expectation_variables(text: str) -> set[str]:
    """The one-letter variables of the expectations written in ``text`` (``E_{x \\sim P}``:
    x), which the expectation binds."""
    found = set()
    for match in _EXPECTATION.finditer(text):
        variable = match.group("var").strip()
        if re.fullmatch("[A-Za-z]", variable):
            found.add(variable)
    return found
