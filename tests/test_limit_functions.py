"""Limits of functions of a limit (``limit_functions``: tanh, atan, log, cosh, powers, sums
with an infinite part), splits inside a case of a split (the sign of the larger of two
rates, ``limit_cases``), and a Piecewise compared with Min/Max/sign by the three cases of a
difference's sign (``splits``): issue 18, class 7. Every proof has a near miss one edit
away; counterexamples are confirmed by the reference evaluator (``calculus_cases``)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import mpmath
import pytest
import sympy

from xentproof.prover.limit_cases import split_limit
from xentproof.prover.limits import exact_limit
from xentproof.prover.splits import sign_cases
from xentproof.result import Verdict

from .calculus_cases import decide
from .helpers import relation_of

SYMBOLS = 'a = "real"\nb = "real"\nt = "positive"\ntau = "positive"\nx = "real"'
THREE = "Limit(log(exp(a*t) + exp(b*t) + 1)/t, t, oo)"
COLD_SIGMOID = "Limit(1/(1 + exp(-x/tau)), tau, 0, '+')"


@pytest.mark.parametrize(
    ("lhs", "rhs", "verdict"),
    [
        ("Limit(tanh(a*t), t, oo)", "sign(a)", Verdict.PROVED),
        ("Limit(tanh(a*t), t, oo)", "1", Verdict.REFUTED),  # a = 0 gives 0
        ("Limit(atan(a*t), t, oo)", "pi*sign(a)/2", Verdict.PROVED),
        ("Limit(atan(a*t), t, oo)", "pi*Abs(sign(a))/2", Verdict.REFUTED),
        ("Limit(log(cosh(a*t))/t, t, oo)", "Abs(a)", Verdict.PROVED),
        ("Limit(log(cosh(a*t))/t, t, oo)", "a", Verdict.REFUTED),
        (COLD_SIGMOID, "(1 + sign(x))/2", Verdict.PROVED),
        (COLD_SIGMOID, "Max(sign(x), 0)", Verdict.REFUTED),  # x = 0 gives 1/2
        (THREE, "Max(a, b, 0)", Verdict.PROVED),
        # a log of a ratio over one denominator; a power of t against exp(-t), any power
        ("Limit(t*log((t + a)/(t + b)), t, oo)", "a - b", Verdict.PROVED),
        ("Limit(t*log((t + a)/(t + b)), t, oo)", "b - a", Verdict.REFUTED),
        ("Limit(t**a*exp(-t), t, oo)", "0", Verdict.PROVED),
        ("Limit(t**a*exp(-t/2), t, oo)", "0", Verdict.PROVED),
        ("Limit(t**a*exp(-t), t, oo)", "exp(-a)", Verdict.REFUTED),
        ("Limit(t**a*exp(t - t**2/t), t, oo)", "0", Verdict.REFUTED),  # t^a: a = 0 gives 1
    ],
)
def test_a_function_of_a_limit_is_decided(
    tmp_path: Path, lhs: str, rhs: str, verdict: Verdict
) -> None:
    assert decide(tmp_path, SYMBOLS, lhs, rhs).verdict is verdict


@pytest.mark.parametrize("rhs", ["Max(a, b)", "Max(a, 0)", "Max(b, 0)"])
def test_a_near_miss_of_a_split_inside_a_case_is_refuted(tmp_path: Path, rhs: str) -> None:
    """The reference evaluator cannot probe this limit (the 1 is absorbed), so the
    counterexample is confirmed here: at t = 10^6 the body is within 1e-5 of its limit."""
    result = relation_of(tmp_path, SYMBOLS, THREE, rhs)
    assert result.verdict is Verdict.REFUTED and result.counterexample is not None
    point = {
        k: mpmath.mpf(Fraction(v).numerator) / Fraction(v).denominator
        for k, v in result.counterexample.point.items()
    }
    t = mpmath.mpf(10) ** 6
    body = mpmath.log(mpmath.exp(point["a"] * t) + mpmath.exp(point["b"] * t) + 1) / t
    wrong = {"Max(a, b)": max(point["a"], point["b"]), "Max(a, 0)": max(point["a"], 0)}
    claimed = wrong.get(rhs, max(point["b"], 0))
    assert abs(body - claimed) > mpmath.mpf(10) ** -4


P = sympy.Symbol("p", positive=True)
T = sympy.Symbol("t", positive=True)
A = sympy.Symbol("a", real=True)


def test_monotone_functions_send_infinity_to_their_ends() -> None:
    assert exact_limit(sympy.Limit(sympy.tanh(P * T), T, sympy.oo))[0] == 1  # type: ignore[index]
    assert exact_limit(sympy.Limit(sympy.atan(-P * T), T, sympy.oo))[0] == -sympy.pi / 2  # type: ignore[index]
    # a sum with a part tending to ∞ and the others finite: 1/(1 + e^{pt}) → 0
    found = exact_limit(sympy.Limit(1 / (1 + sympy.exp(P * T)), T, sympy.oo))
    assert found is not None and found[0] == 0


def test_log_of_a_limit_that_may_vanish_is_not_taken() -> None:
    # log(x) at a limit 0 has no finite value: nothing is claimed
    found = exact_limit(sympy.Limit(sympy.log(sympy.exp(-P * T)), T, sympy.oo))
    assert found is None or found[0] == -sympy.oo


def test_a_split_inside_a_case_names_the_larger_rate() -> None:
    b = sympy.Symbol("b", real=True)
    found = split_limit(
        sympy.Limit(sympy.log(sympy.exp(A * T) + sympy.exp(b * T) + 1) / T, T, sympy.oo)
    )
    assert found is not None
    value = found[0]
    for av, bv, expected in ((2, 1, 2), (1, 2, 2), (-1, -2, 0), (-2, 3, 3), (0, 0, 0)):
        assert value.subs({A: av, b: bv}) == expected


def test_a_strict_condition_is_split_in_three() -> None:
    b = sympy.Symbol("b", real=True)
    piecewise = sympy.Piecewise((sympy.Rational(1, 2), sympy.Eq(A, b)), (1, b < A), (0, True))
    cases = sign_cases([piecewise, (1 + sympy.sign(A - b)) / 2])
    assert cases is not None and len(cases) == 3
    for case in cases:
        left, right = case.exprs
        assert not left.has(sympy.Piecewise) and not right.has(sympy.sign)
        assert sympy.simplify(left - right) == 0


POWER_MEAN = "Limit(((exp(a*t) + exp(b*t))/2)**(1/t), t, oo)"


@pytest.mark.parametrize(
    ("lhs", "rhs", "proved"),
    [
        (POWER_MEAN, "exp(Max(a, b))", True),  # the base > 0 for every a, b, may tend to 0
        (POWER_MEAN, "exp(Max(a, b))/2", False),
        # a base that is not positive for every a (a = -1): never through exp(e·log b)
        ("Limit((a + exp(-t))**(1/t), t, oo)", "1", False),
    ],
)
def test_a_power_of_a_positive_base(tmp_path: Path, lhs: str, rhs: str, proved: bool) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs)
    assert (result.verdict is Verdict.PROVED) is proved, result.reason


def test_a_third_rate_is_ordered_inside_a_case() -> None:
    """The three-class softmax as the temperature cools: inside a case of the order of a
    and b, the sign splits fail and the order of a and c decides (1, 1/2, 1/3 at ties)."""
    b, c = sympy.Symbol("b", real=True), sympy.Symbol("c", real=True)
    tau = sympy.Symbol("tau", positive=True)
    e = [sympy.exp(v / tau) for v in (A, b, c)]
    found = split_limit(sympy.Limit(e[0] / (e[0] + e[1] + e[2]), tau, 0, "+"))
    assert found is not None
    half, third = sympy.Rational(1, 2), sympy.Rational(1, 3)
    points = [(2, 1, 0, 1), (1, 1, 0, half), (1, 0, 1, half), (1, 1, 1, third), (0, 1, 2, 0)]
    points += [(1, 2, 1, 0), (-1, -1, -3, half)]
    for av, bv, cv, expected in points:
        assert found[0].subs({A: av, b: bv, c: cv}) == expected
