"""The names an expression may use, besides the built-in ones."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy


@dataclass(frozen=True)
class Scope:
    """The names an expression may use, besides the built-in ones."""

    symbols: Mapping[str, sympy.Symbol] = field(default_factory=dict)
    families: Mapping[str, tuple[sympy.IndexedBase, int]] = field(default_factory=dict)
    functions: Mapping[str, tuple[sympy.FunctionClass, int]] = field(default_factory=dict)
    display: Mapping[str, str] = field(default_factory=dict)

    def with_symbols(self, extra: Mapping[str, sympy.Symbol]) -> Scope:
        """A new scope where the names in ``extra`` are symbols, shadowing any other meaning."""
        return Scope(
            symbols={**self.symbols, **extra},
            families={k: v for k, v in self.families.items() if k not in extra},
            functions={k: v for k, v in self.functions.items() if k not in extra},
            display=self.display,
        )
