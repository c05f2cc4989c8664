"""|∏ f| = ∏ |f| for a product over a range (issue 18, class 1: products over families of
real, possibly negative members): the absolute value of a product is the product of the
absolute values, factor by factor, for every range (an empty one gives 1 on both sides;
Karr's reversed range gives 1/∏, whose absolute value is 1/∏|f| again). SymPy takes Abs
into a Mul but not into a Product.
"""

from __future__ import annotations

import sympy


def has_abs_of_product(e: sympy.Basic) -> bool:
    return any(isinstance(a.args[0], sympy.Product) for a in e.atoms(sympy.Abs))


def abs_into_products(e: sympy.Expr) -> sympy.Expr:
    if not has_abs_of_product(e):
        raise ValueError("no absolute value of a product")
    return e.replace(
        lambda n: isinstance(n, sympy.Abs) and isinstance(n.args[0], sympy.Product),
        lambda n: sympy.Product(sympy.Abs(n.args[0].function), *n.args[0].limits),
    )
