"""Substitution that respects bound variables: the one way the package puts values in.

Low in the layers (it needs SymPy alone): the rules, the prover and the checker all put
values for symbols into expressions, and a rule must not reach up into the prover for it.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

# The forms that bind a variable of their own (the index of a sum, the variable of a limit,
# a derivative or an integral, the arguments of a lambda): the one list the package uses.
BINDING = (sympy.Sum, sympy.Product, sympy.Derivative, sympy.Limit, sympy.Integral, sympy.Lambda)


def put(expr: sympy.Basic, values: Mapping[sympy.Basic, sympy.Basic]) -> sympy.Basic:
    """Substitute values for symbols, leaving the variables bound by a sum, product, limit,
    derivative, integral or lambda alone (``xreplace`` would also rename the index of
    ``Sum(f, (i, 1, N))``)."""
    if not values:
        return expr
    if expr.has(*BINDING):
        # ``subs`` walks the expression once per value: only the symbols and members the
        # expression holds can be replaced (a sample point gives a value to every member
        # of a family; a sum uses y[i], not y[7])
        present = expr.atoms(sympy.Symbol, sympy.Indexed)
        used = {
            k: v
            for k, v in values.items()
            if k in present or not isinstance(k, sympy.Symbol | sympy.Indexed)
        }
        return expr.subs(used, simultaneous=True) if used else expr
    return expr.xreplace(dict(values))
