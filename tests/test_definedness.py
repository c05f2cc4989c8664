"""What an expression needs to be defined over the reals: logs of positive numbers, even
roots of nonnegative ones, no division by zero."""

from __future__ import annotations

import sympy

from xentproof.definedness import requirements

x = sympy.Symbol("x", real=True)
y = sympy.Symbol("y", integer=True, nonnegative=True)


def test_requirements_of_logs_roots_and_quotients() -> None:
    found = {(r.expr, r.kind) for r in requirements(sympy.log(x) + sympy.sqrt(1 - x) + 1 / (x + 2))}
    assert (x, "positive") in found
    assert (1 - x, "nonnegative") in found
    assert (x + 2, "nonzero") in found


def test_integer_powers_need_no_positive_base() -> None:
    assert requirements(x**2 + x**y) == []
