"""The scope a step is read in: the names its derivation declares.

Model-level helpers: the loader reads every step in this scope; the decider and the checker
use the integer symbols of family indices after loading, and the LaTeX reader's tests the
scope. They depend on the model and on ``syntax.scope`` only. (How the prover sees the
declared symbols is ``prover.declared``.)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import sympy

from .model import Derivation, FunctionDef, SymbolDecl
from .syntax.scope import Scope


def derivation_scope(derivation: Derivation) -> Scope:
    """The names a step of ``derivation`` may use (as its own steps were read)."""
    return declared_scope(derivation.symbols, derivation.functions)


def declared_scope(
    symbols: Mapping[str, SymbolDecl], functions: Mapping[str, FunctionDef]
) -> Scope:
    """The names declared so far, as a scope: symbols, families and functions."""
    plain = {n: d.symbol for n, d in symbols.items() if not d.is_family}
    families = {d.name: (d.symbol, len(d.indices)) for d in symbols.values() if d.is_family}
    funcs = {n: (f.func, f.arity) for n, f in functions.items()}
    needs = {n: (f.params, f.guards) for n, f in functions.items()}
    # The index names of families (i in "y[i]") may be written outside a sum: such a free
    # index is then an integer the step must hold for (and is reported).
    for index in index_symbols(symbols.values()):
        plain.setdefault(index.name, index)
    sizes = {}
    for d in symbols.values():
        bound = d.domain.bound
        if d.is_family and d.domain.joint is not None and bound is not None:
            size = sympy.Integer(bound) if bound.isdigit() else symbols[bound].symbol
            sizes[d.name] = size
    return Scope(
        symbols=plain, families=families, functions=funcs, function_needs=needs, sizes=sizes
    )


def index_symbols(decls: Iterable[SymbolDecl]) -> list[sympy.Symbol]:
    """The index names of the declared families, as the integer symbols sums bind."""
    names = dict.fromkeys(i for d in decls for i in d.indices)
    return [sympy.Symbol(i, integer=True) for i in names]
