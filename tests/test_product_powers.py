"""A power of a finite product taken into it (``prover/product_powers``): (Π f)^e = Π f^e
with every factor nonnegative (e > 0) or positive (any real e).

Truth by hand: √(Π x_i²) = Π |x_i| for real x_i; (Π w_i)^{1/3} = Π w_i^{1/3} for w_i > 0.
Near misses: √(Π x_i²) = Π x_i fails at N = 1, x_1 = −1 (1 ≠ −1); (Π x_i)^{1/2} with x real
has a factor that may be negative (N = 2, x = (−1, −1): √1 = 1, while √(−1) is undefined);
(Π x_i²)^{−1/2} needs each factor positive, and x_i² may be 0.
"""

from __future__ import annotations

import sympy

from xentproof.domains import parse_domain
from xentproof.prover.cascade import prove
from xentproof.prover.declared import DomainInfo
from xentproof.prover.product_powers import prove_by_product_powers

N = sympy.Symbol("N", integer=True, positive=True)
i = sympy.Symbol("i", integer=True)
x = sympy.IndexedBase(sympy.Symbol("x", real=True))  # as the loader writes a family
w = sympy.IndexedBase(sympy.Symbol("w", positive=True))


def _infos() -> dict[sympy.Basic, DomainInfo]:
    return {
        N: DomainInfo(N, "N", parse_domain("positive integer")),
        x: DomainInfo(x, "x", parse_domain("real")),
        w: DomainInfo(w, "w", parse_domain("positive")),
    }


def _product(f: sympy.Expr) -> sympy.Expr:
    return sympy.Product(f, (i, 1, N))


def test_powers_of_products_taken_in() -> None:
    infos = _infos()
    squares = sympy.sqrt(_product(x[i] ** 2))
    assert prove_by_product_powers("=", squares, _product(sympy.Abs(x[i])), infos, prove)
    cube_root = _product(w[i]) ** sympy.Rational(1, 3)
    third = _product(w[i] ** sympy.Rational(1, 3))
    assert prove_by_product_powers("=", cube_root, third, infos, prove)


def test_product_power_near_misses() -> None:
    infos = _infos()
    squares = sympy.sqrt(_product(x[i] ** 2))
    assert prove_by_product_powers("=", squares, _product(x[i]), infos, prove) is None
    root = sympy.sqrt(_product(x[i]))
    assert prove_by_product_powers("=", root, _product(sympy.sqrt(x[i])), infos, prove) is None
    inverse = _product(x[i] ** 2) ** sympy.Rational(-1, 2)
    target = _product(1 / sympy.Abs(x[i]))
    assert prove_by_product_powers("=", inverse, target, infos, prove) is None
