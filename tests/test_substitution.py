"""``put``, the one way values go into an expression: bound variables are left alone, and a
point's values for symbols and members the expression does not hold change nothing (they
are not even looked for: a sample point gives every member of a family a value)."""

from __future__ import annotations

import sympy

from xentproof.substitution import put

i, n, k = (sympy.Symbol(name, integer=True) for name in ("i", "N", "k"))
x = sympy.Symbol("x", real=True)
y, w = sympy.IndexedBase("y"), sympy.IndexedBase("w")


def _point(members: int) -> dict[sympy.Basic, sympy.Basic]:
    point: dict[sympy.Basic, sympy.Basic] = {n: sympy.Integer(3), x: sympy.Rational(1, 2)}
    for j in range(1, members + 1):
        point[y[j]] = sympy.Rational(j, 7)
        point[w[j]] = sympy.Integer(j)
    return point


def test_a_sum_gets_the_values_it_uses_and_keeps_its_index() -> None:
    expr = sympy.Sum(y[i] * x, (i, 1, n)) + w[2] * sympy.Derivative(x**2, x)
    point = _point(40)
    assert put(expr, point) == expr.subs(point, simultaneous=True)
    assert put(expr, point).has(sympy.Sum(y[i] / 2, (i, 1, 3)))  # the index is still bound


def test_a_bound_index_given_a_value_is_treated_as_subs_treats_it() -> None:
    expr = sympy.Sum(y[i], (i, 1, n)) + y[k]
    point = {**_point(5), i: sympy.Integer(2), k: sympy.Integer(4)}
    assert put(expr, point) == expr.subs(point, simultaneous=True)


def test_values_for_nothing_the_expression_holds_leave_it_as_it_is() -> None:
    expr = sympy.Sum(y[i], (i, 1, n))
    assert put(expr, {w[1]: sympy.Integer(1), x: sympy.Integer(2)}) is expr
