"""Weighted AM-GM on the monomials of a polynomial with one negative term (``am_gm``):
Motzkin's polynomial (nonnegative, no sum of squares) and a³ + b³ + c³ ≥ 3abc are proved;
near misses (a constant past the circuit number, a term that is no square, the negative
term outside the hull of the others, a strict sign) are not."""

from __future__ import annotations

from pathlib import Path

import sympy

from xentproof.domains import parse_domain
from xentproof.prover.am_gm import prove_by_am_gm
from xentproof.prover.declared import DomainInfo
from xentproof.result import Verdict

from .calculus_cases import decide

x, y = sympy.symbols("x y", real=True)
REAL = {s: DomainInfo(s, s.name, parse_domain("real")) for s in (x, y)}
MOTZKIN = x**4 * y**2 + x**2 * y**4 - 3 * x**2 * y**2 + 1


def test_motzkin_by_am_gm() -> None:
    assert prove_by_am_gm(MOTZKIN, False, REAL) is not None
    assert prove_by_am_gm(MOTZKIN, True, REAL) is None  # 0 at x = y = 1
    assert prove_by_am_gm(MOTZKIN - sympy.Rational(1, 100), False, REAL) is None
    short = x**4 * y**2 + x**2 * y**4 - sympy.Rational(301, 100) * x**2 * y**2 + 1
    assert prove_by_am_gm(short, False, REAL) is None
    # x³y² may be negative: no AM-GM on it
    odd = x**3 * y**2 + x**2 * y**4 - 3 * x**2 * y**2 + 1
    assert prove_by_am_gm(odd, False, REAL) is None
    # x·y² lies where the weights give only 2·|x·y²|
    assert prove_by_am_gm(x**4 * y**2 + x**2 * y**4 - 3 * x * y**2 + 1, False, REAL) is None


def test_motzkin_through_the_cascade(tmp_path: Path) -> None:
    symbols = 'x = "real"\ny = "real"'
    lhs = "x**4*y**2 + x**2*y**4 - 3*x**2*y**2 + 1"
    assert decide(tmp_path, symbols, lhs, "0", ">=").verdict is Verdict.PROVED
    assert decide(tmp_path, symbols, lhs, "0", ">").verdict is Verdict.REFUTED
    assert decide(tmp_path, symbols, lhs, "1/100", ">=").verdict is Verdict.REFUTED
