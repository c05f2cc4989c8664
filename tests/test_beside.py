"""What an expression does just to one side of a point (``prover.near``): signs for every
small u > 0 and switching parts resolved there, checked against values worked out by hand
(SymPy's own limit of a Piecewise takes the branch at the point, which is what this module
exists to avoid)."""

from __future__ import annotations

import pytest
import sympy

from xentproof.definedness import Requirement
from xentproof.prover.beside import (
    approach,
    condition_near,
    requirement_near,
    resolve_near,
    side_sign,
    small,
)

u = small()
a = sympy.Symbol("a", real=True)
x = sympy.Symbol("x", real=True)


@pytest.mark.parametrize(
    ("h", "sign"),
    [
        (u, 1),
        (-u, -1),
        (u**2 - u, -1),  # the linear term leads
        (sympy.sin(u) - u, -1),  # −u³/6
        (1 - sympy.cos(u), 1),
        (sympy.exp(-1 / u), 1),  # tends to 0, positive throughout
        (-sympy.log(u), 1),  # tends to ∞
        (u - u, 0),
        (a * u, None),  # the sign of a is not known
        (1 + a * u, 1),  # a does not matter close to 0
    ],
)
def test_side_sign(h: sympy.Expr, sign: int | None) -> None:
    assert side_sign(h, u) == sign


@pytest.mark.parametrize(
    ("expr", "side", "value"),
    [
        (sympy.Piecewise((2, x < 1), (x + 3, True)), "-", 2),
        (sympy.Piecewise((2, x < 1), (x + 3, True)), "+", 4 + u),
        (sympy.Piecewise((1, sympy.Eq(x, 1)), (0, True)), "+", 0),
        (sympy.Piecewise((1, sympy.Eq(x, 1)), (0, True)), "-", 0),
        (sympy.Max(x**2, x), "-", 1 - u),  # just left of 1, x > x²
        (sympy.Max(x**2, x), "+", (1 + u) ** 2),
        (sympy.Abs(x - 1), "-", u),
        (sympy.Piecewise((1, (x > 1) & (x < 2)), (0, True)), "+", 1),
    ],
)
def test_resolve_near_one(expr: sympy.Expr, side: str, value: sympy.Expr) -> None:
    substitution, _back = approach(x, sympy.Integer(1), side, u)
    resolved = resolve_near(expr.xreplace(substitution), u)
    assert resolved is not None
    assert sympy.expand(resolved - value) == 0


def test_what_cannot_be_decided_is_not_resolved() -> None:
    substitution, _back = approach(x, sympy.Integer(0), "+", u)
    # the branch depends on the sign of a
    assert resolve_near(sympy.Piecewise((1, x < a), (0, True)).xreplace(substitution), u) is None
    # no condition holds just right of 0: undefined there, not 0
    assert resolve_near(sympy.Piecewise((1, x < 0)).xreplace(substitution), u) is None
    assert condition_near(sympy.Lt(u, a), u) is None


def test_a_requirement_on_the_other_symbols_is_exact_only_for_one_term() -> None:
    log = sympy.log(a * u)
    near = requirement_near(Requirement(a * u, "positive", log), u)
    assert near.holds is None and near.condition == Requirement(a, "positive", log)
    near = requirement_near(Requirement(a * u + u**2, "positive", log), u)
    assert near.holds is None and near.condition is None
    assert requirement_near(Requirement(1 + a * u, "positive", log), u).holds is True
    assert requirement_near(Requirement(-u, "nonnegative", log), u).holds is False
