"""Declared symbols as the prover sees them: each symbol (or family) with its name and
domain, family members written as symbols of their own, and domains put in words for the
side conditions a proof states."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import sympy

from ..domains import assumptions, describe
from ..model import Domain


@dataclass(frozen=True)
class DomainInfo:
    """A declared symbol as the prover needs it: its SymPy symbol, name and domain."""

    symbol: sympy.Symbol | sympy.IndexedBase
    name: str
    domain: Domain
    rank: int = 0  # the number of indices of a family; 0 for a plain symbol


def describe_domains(
    symbols: Iterable[sympy.Basic], infos: Mapping[sympy.Basic, DomainInfo]
) -> list[str]:
    """The domain of each declared symbol among ``symbols`` in words, in name order."""
    return [
        describe(infos[s].name, infos[s].domain) for s in sorted(symbols, key=str) if s in infos
    ]


def members_as_symbols(
    expr: sympy.Basic, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[sympy.Basic, Mapping[sympy.Basic, DomainInfo]]:
    """Write each family member (y[i], p[n, k]) as a symbol with its family's domain.

    Used where the member stands for one arbitrary value of its family: a condition on
    the terms of a sum, or a step without sums. Inside a sum the member depends on the
    index, so expressions with sums are left as they are.
    """
    members = member_symbols(expr, infos)
    if not members or expr.has(sympy.Sum, sympy.Product):
        return expr, infos
    extended = dict(infos)
    for member, symbol in members.items():
        extended[symbol] = DomainInfo(symbol, symbol.name, infos[member.base].domain)
    return expr.xreplace(members), extended


def member_symbols(
    expr: sympy.Basic, infos: Mapping[sympy.Basic, DomainInfo]
) -> dict[sympy.Indexed, sympy.Symbol]:
    """Each family member of ``expr`` (y[i]) and the symbol that stands for it: named as it
    is written, with its family's domain as SymPy assumptions."""
    return {
        member: sympy.Symbol(sympy.sstr(member), **assumptions(infos[member.base].domain))
        for member in expr.atoms(sympy.Indexed)
        if member.base in infos
    }


def domain_notes(
    used: set[sympy.Basic], infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[list[str], list[str]]:
    """The side conditions a proof over the cases states: the finite-set symbols it
    enumerated ("cases y ∈ {0, 1}"), and the domains of the others."""
    enumerated = [s for s in used if s in infos and infos[s].domain.is_finite]
    others = [s for s in used if s in infos and not infos[s].domain.is_finite]
    case_note = [f"cases {', '.join(describe_domains(enumerated, infos))}"] if enumerated else []
    return case_note, describe_domains(others, infos)
