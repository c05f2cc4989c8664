"""What the relations of a chain are decided under: each declared symbol with its domain
(a chain's ``where`` and ``assume`` applied), the domains as declared, and the form of a
step the prover works on (definitions unfolded, derivatives carried out).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy

from .domains import describe, parse_domain
from .model import Chain, Derivation, Domain, is_statement
from .prover import DomainInfo
from .prover.constraint_use import members_below_one
from .prover.differentiate import Obligations, carry_out_derivatives
from .rules import RuleContext, unfold
from .step_scope import index_symbols

# An index written outside any sum (y[i] alone) ranges over the positive integers.
INDEX_DOMAIN = parse_domain("positive integer")


def domain_infos(derivation: Derivation, chain: Chain) -> dict[sympy.Basic, DomainInfo]:
    """Each declared scalar symbol with its domain; a chain's ``where`` fixes some to a value."""
    infos: dict[sympy.Basic, DomainInfo] = {}
    for index in index_symbols(derivation.symbols.values()):
        infos[index] = DomainInfo(index, index.name, INDEX_DOMAIN)
    sizes = {d.name: d.domain for d in derivation.symbols.values() if not d.is_family}
    for decl in derivation.symbols.values():
        if decl.is_family:
            # keyed by the IndexedBase, which is never a free symbol of an expression
            domain = members_below_one(decl.domain, sizes)
            infos[decl.symbol] = DomainInfo(decl.symbol, decl.name, domain, len(decl.indices))
            continue
        domain = chain.assume.get(decl.symbol, decl.domain)
        if decl.symbol in chain.where:
            value = chain.where[decl.symbol]
            domain = Domain(text="{" + str(value) + "}", values=(value,))
        infos[decl.symbol] = DomainInfo(decl.symbol, decl.name, domain)
    return infos


def assumed_for(derivation: Derivation, chain: Chain) -> tuple[str, ...]:
    """What the chain's ``assume`` narrows, as the side condition every relation of the
    chain states: "assumed in this chain: x negative"."""
    names = {d.symbol: d.name for d in derivation.symbols.values()}
    return tuple(f"assumed in this chain: {describe(names[s], d)}" for s, d in chain.assume.items())


def declared_domains(derivation: Derivation) -> dict[sympy.Basic, Domain]:
    """Each declared scalar symbol's domain as declared (a chain's ``where`` does not change
    what a limit or a derivative in the symbol means), and the index symbols'."""
    declared: dict[sympy.Basic, Domain] = {
        index: INDEX_DOMAIN for index in index_symbols(derivation.symbols.values())
    }
    for decl in derivation.symbols.values():
        declared[decl.symbol] = decl.domain  # a family by its IndexedBase
    return declared


def prepare_step(
    expr: sympy.Basic,
    definitions: Mapping[sympy.FunctionClass, sympy.Lambda],
    declared: Mapping[sympy.Basic, Domain],
    found: Obligations,
) -> sympy.Basic:
    """Unfold the definitions and carry out derivatives: the form the prover works on.
    What the derivatives need to exist goes to ``found`` (``declared``: the domains of
    their variables)."""
    if is_statement(expr):  # keep an equation (inequality) one (it might evaluate)
        return type(expr)(
            prepare_step(expr.lhs, definitions, declared, found),
            prepare_step(expr.rhs, definitions, declared, found),
            evaluate=False,
        )
    return carry_out_derivatives(unfold(expr, definitions), declared, found)


def prepare(
    expr: sympy.Basic, definitions: Mapping[sympy.FunctionClass, sympy.Lambda]
) -> sympy.Basic:
    """The form the prover works on (``prepare_step``), for drawing or rewriting a step
    whose relation is decided elsewhere: what its derivatives need is not kept."""
    return prepare_step(expr, definitions, {}, Obligations())


@dataclass(frozen=True)
class ChainContext:
    """What every relation of a chain is decided under: its domains and its rule context."""

    infos: dict[sympy.Basic, DomainInfo]
    rules: RuleContext
    declared: dict[sympy.Basic, Domain]
