"""Polynomial inequalities by a nonnegative combination of monomials times squares
(``monomial_squares``, issue 18, class 3): AM-GM for three cubes, Nesbitt's inequality,
x⁴ + y⁴ + z⁴ ≥ xyz(x + y + z) proved; near misses one edit away (a constant too large,
real variables where AM-GM needs nonnegative ones, a denominator of either sign, a strict
sign) are not proved by the method, and are refuted."""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest
import sympy

from xentproof.domains import parse_domain
from xentproof.prover.declared import DomainInfo
from xentproof.prover.monomial_squares import _feasible, prove_by_monomial_squares
from xentproof.result import Verdict

from .calculus_cases import decide

SYMBOLS = 'x = "real"\ny = "real"\nz = "real"\na = "positive"\nb = "positive"\nc = "positive"'
NESBITT = "a/(b + c) + b/(c + a) + c/(a + b)"


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs", "verdict"),
    [
        ("x**4 + y**4 + z**4", ">=", "x*y*z*(x + y + z)", Verdict.PROVED),
        ("x**4 + y**4 + z**4", ">=", "2*x*y*z*(x + y + z)", Verdict.REFUTED),
        ("a**3 + b**3 + c**3", ">=", "3*a*b*c", Verdict.PROVED),
        ("a**3 + b**3 + c**3", ">=", "4*a*b*c", Verdict.REFUTED),
        ("x**3 + y**3 + z**3", ">=", "3*x*y*z", Verdict.REFUTED),
        (NESBITT, ">=", "3/2", Verdict.PROVED),
        (NESBITT, ">", "3/2", Verdict.REFUTED),
        (NESBITT, ">=", "2", Verdict.REFUTED),
    ],
)
def test_monomials_times_squares(
    tmp_path: Path, lhs: str, rel: str, rhs: str, verdict: Verdict
) -> None:
    assert decide(tmp_path, SYMBOLS, lhs, rhs, rel).verdict is verdict


def _infos(**domains: str) -> tuple[list[sympy.Symbol], dict[sympy.Basic, DomainInfo]]:
    symbols = [sympy.Symbol(name, real=True) for name in domains]
    infos: dict[sympy.Basic, DomainInfo] = {
        s: DomainInfo(s, s.name, parse_domain(d))
        for s, d in zip(symbols, domains.values(), strict=True)
    }
    return symbols, infos


def test_near_misses_are_not_proved_by_the_certificate() -> None:
    (a, b, c), positive = _infos(a="positive", b="positive", c="positive")
    (x, y, z), real = _infos(a="real", b="real", c="real")
    assert prove_by_monomial_squares(a**3 + b**3 + c**3 - 3 * a * b * c, False, positive)
    # the same polynomial over the reals is negative at (−1, 0, 0)
    assert prove_by_monomial_squares(x**3 + y**3 + z**3 - 3 * x * y * z, False, real) is None
    assert prove_by_monomial_squares(a**3 + b**3 + c**3 - 4 * a * b * c, False, positive) is None
    # strict relations are the other methods'
    assert prove_by_monomial_squares(a**3 + b**3 + c**3 - 3 * a * b * c, True, positive) is None
    # a denominator of either sign is not cleared: a/(b − c) ≥ 0 is false
    assert prove_by_monomial_squares(a / (b - c), False, positive) is None
    # a quotient of positive polynomials by a negative one: −1/(a + b) ≥ 0 is false
    assert prove_by_monomial_squares(-1 / (a + b), False, positive) is None
    assert prove_by_monomial_squares(1 / (a + b), False, positive) is not None


def test_the_exact_simplex() -> None:
    # x1 + x2 = 1, x1 − x2 = 3: x1 = 2, x2 = −1, no solution x ≥ 0
    assert _feasible([[F(1), F(1)], [F(1), F(-1)]], [F(1), F(3)]) is None
    # x1 + x2 = 2, x1 − x2 = 0: x = (1, 1)
    assert _feasible([[F(1), F(1)], [F(1), F(-1)]], [F(2), F(0)]) == [F(1), F(1)]


def test_roots_of_nonnegative_variables() -> None:
    (a, b, c), positive = _infos(a="positive", b="positive", c="positive")
    (x, y, z), real = _infos(a="real", b="real", c="real")
    third = sympy.Rational(1, 3)
    assert prove_by_monomial_squares((a + b + c) / 3 - (a * b * c) ** third, False, positive)
    assert (
        prove_by_monomial_squares((a + b + c) / 4 - (a * b * c) ** third, False, positive) is None
    )
    assert (
        prove_by_monomial_squares((a + b + c) / 3 - sympy.sqrt(a * b * c), False, positive) is None
    )
    # a real variable is never written as a power: x^(1/3) is no real root for x < 0 here
    assert prove_by_monomial_squares((x + y + z) / 3 - sympy.cbrt(x * y * z), False, real) is None


def test_nonnegative_variables_are_not_taken_for_zero() -> None:
    (e, f), nonnegative = _infos(e="nonnegative", f="nonnegative")
    assert prove_by_monomial_squares((e + f) / 2 - sympy.sqrt(e * f), False, nonnegative)
    # 1 − √e < 0 for e > 1: a variable assumed 0 would make it the constant 1
    assert prove_by_monomial_squares(1 - sympy.sqrt(e), False, nonnegative) is None
    assert prove_by_monomial_squares(1 - e * f, False, nonnegative) is None
