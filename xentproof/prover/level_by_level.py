"""A canonical form for nested compositions (sigmoids nested four or five deep, written
through exp on one side and through tanh on the other; issue 18, class 8): each node is
brought to its form after its arguments, ``cancel`` on sums, products and powers, tanh,
sinh and cosh written through exp first. The whole is never expanded or cancelled at
once: each level sees the level below as a few generators (exp(S) with S already in
canonical form), where one ``cancel`` of the whole would multiply every level out. Exact
like ``cancel`` itself (a quotient's common factor cancelled, as everywhere in the
cascade, whose definedness checks are of the written form).
"""

from __future__ import annotations

import sympy

from ..substitution import BINDING

_THROUGH_EXP = (sympy.tanh, sympy.sinh, sympy.cosh)
MAX_OPS = 4000  # a form that grows past this is abandoned (ValueError: transform skipped)


def nested_functions(e: sympy.Basic) -> bool:
    """An exp or tanh inside the argument of another: the shape this form is for."""
    outer = e.atoms(sympy.exp, *_THROUGH_EXP)
    return any(a.args[0].has(sympy.exp, *_THROUGH_EXP) for a in outer)


def cancel_level_by_level(e: sympy.Expr) -> sympy.Expr:
    if e.has(*BINDING):
        raise ValueError("bound variables: not taken apart here")
    memo: dict[sympy.Basic, sympy.Basic] = {}
    return _form(e, memo)


def _form(e: sympy.Basic, memo: dict[sympy.Basic, sympy.Basic]) -> sympy.Basic:
    if e.is_Atom:
        return e
    known = memo.get(e)
    if known is not None:
        return known
    rebuilt = e.func(*(_form(a, memo) for a in e.args))
    if isinstance(rebuilt, _THROUGH_EXP):
        rebuilt = rebuilt.rewrite(sympy.exp)
    if isinstance(rebuilt, (sympy.Add, sympy.Mul, sympy.Pow)):
        rebuilt = sympy.cancel(rebuilt)
    if sympy.count_ops(rebuilt) > MAX_OPS:
        raise ValueError("the form grows too large")
    memo[e] = rebuilt
    return rebuilt
