"""Bounded functions and products over families (issue 18, class 1): erf and atan enclosed
by their bounds on the whole line (erf within ±1, atan within ±1.571 > π/2), so that
erf(u)² ≤ 1 and atan(u)² ≤ 5/2 are proved in one variable; |∏ x[i]| = ∏ |x[i]| over a
symbolic range. Each with near misses that must be refuted."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.prover.abs_products import abs_into_products
from xentproof.prover.intervals import Interval, enclose
from xentproof.result import Verdict

from .helpers import relation_of

SYMBOLS = 'u = "real"\nN = "positive integer"\n"x[i]" = "real"'
PRODUCT = "Product(x[i], (i, 1, N))"


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs", "verdict"),
    [
        ("erf(u)**2", "<=", "1", Verdict.PROVED),
        ("erf(u)**2", "<=", "99/100", Verdict.REFUTED),  # far out erf(u) -> ±1
        ("erf(u) + 1", ">=", "0", Verdict.PROVED),
        ("erf(u) + 1", ">=", "1/1000", Verdict.REFUTED),
        ("atan(u)**2", "<=", "5/2", Verdict.PROVED),  # (π/2)² = 2.467...
        ("atan(u)**2", "<=", "12/5", Verdict.REFUTED),
        (f"Abs({PRODUCT})", "=", "Product(Abs(x[i]), (i, 1, N))", Verdict.PROVED),
        (f"Abs({PRODUCT})", "=", PRODUCT, Verdict.REFUTED),
        (f"Abs({PRODUCT})", "=", "Product(Abs(x[i]), (i, 2, N))", Verdict.REFUTED),
    ],
)
def test_a_bound_or_a_product(
    tmp_path: Path, lhs: str, rel: str, rhs: str, verdict: Verdict
) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs, rel)
    assert result.verdict is verdict, result.reason


def test_the_enclosures_hold_the_true_values() -> None:
    u = sympy.Symbol("u", real=True)
    whole = {u: Interval(-sympy.oo, sympy.oo)}
    for f, bound in ((sympy.erf(u), 1), (sympy.atan(u), sympy.pi / 2)):
        found = enclose(f, whole)
        assert found is not None and found.lo <= -bound and found.hi >= bound
    near = enclose(sympy.atan(u), {u: Interval(sympy.Integer(1), sympy.Integer(2))})
    assert near is not None and near.lo <= sympy.atan(1) and near.hi >= sympy.atan(2)


def test_abs_goes_into_a_product_only() -> None:
    i, n = sympy.symbols("i n", integer=True)
    x = sympy.IndexedBase("x", real=True)
    product = sympy.Product(x[i], (i, 1, n))
    assert abs_into_products(sympy.Abs(product)) == sympy.Product(sympy.Abs(x[i]), (i, 1, n))
    with pytest.raises(ValueError):
        abs_into_products(sympy.Abs(sympy.Sum(x[i], (i, 1, n))))
