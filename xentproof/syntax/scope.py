"""The names an expression may use, besides the built-in ones."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy

from ..definedness import Requirement


@dataclass(frozen=True)
class Scope:
    """The names an expression may use, besides the built-in ones.

    ``function_needs`` holds, for a declared function, its parameters and what its body as
    written needs to be defined (``t -> t/t`` needs ``t ≠ 0``, though SymPy built the body
    as 1): a call needs it of its arguments.
    """

    symbols: Mapping[str, sympy.Symbol] = field(default_factory=dict)
    families: Mapping[str, tuple[sympy.IndexedBase, int]] = field(default_factory=dict)
    functions: Mapping[str, tuple[sympy.FunctionClass, int]] = field(default_factory=dict)
    display: Mapping[str, str] = field(default_factory=dict)
    function_needs: Mapping[str, tuple[tuple[sympy.Symbol, ...], tuple[Requirement, ...]]] = field(
        default_factory=dict
    )
    # The size C of a family whose members 1..C are constrained jointly (one-hot(C),
    # simplex(C)), along its last index: the members outside 1..C do not exist.
    sizes: Mapping[str, sympy.Expr] = field(default_factory=dict)

    def with_symbols(self, extra: Mapping[str, sympy.Symbol]) -> Scope:
        """A new scope where the names in ``extra`` are symbols, shadowing any other meaning."""
        return Scope(
            symbols={**self.symbols, **extra},
            families={k: v for k, v in self.families.items() if k not in extra},
            functions={k: v for k, v in self.functions.items() if k not in extra},
            display=self.display,
            function_needs={k: v for k, v in self.function_needs.items() if k not in extra},
            sizes={k: v for k, v in self.sizes.items() if k not in extra},
        )
