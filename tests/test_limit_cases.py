"""Limits whose value depends on a parameter's sign or on the order of two parameters
(issue 18, class 7): each case decided exactly, the cases joined (``limit_cases``), the
fastest exponential of a sum taken out (``dominant``), a sign near ∞ by the leading term,
and ±∞ compared but never computed with (docs/semantics.md §1, §5, §7). Expected verdicts
come from the contract; every counterexample is confirmed by the reference evaluator
(``calculus_cases.decide``), and every proof has a near miss one edit away."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import mpmath
import pytest
import sympy

from xentproof.prover.infinite_values import equal_by_intervals
from xentproof.result import Verdict

from .calculus_cases import decide
from .helpers import relation_of

SYMBOLS = 'a = "real"\nb = "real"\nc = "positive"\nr = "positive"\nt = "positive"\nx = "real"'
SIGMOID = "Limit(exp(a*t)/(1 + exp(a*t)), t, oo)"
LSE = "Limit(log(exp(a*t) + exp(b*t))/t, t, oo)"
TEMPERATURE = "Limit(exp(a/t)/(exp(a/t) + exp(b/t)), t, 0, '+')"
POWER_MEAN = "Limit((c**t + r**t)**(1/t), t, oo)"
LSE_POSITIVE = "Limit(log(exp(c*t) + exp(r*t))/t, t, oo)"  # rates that are both positive


@pytest.mark.parametrize(
    ("lhs", "rhs", "verdict"),
    [
        (SIGMOID, "Piecewise((1, a > 0), (1/2, Eq(a, 0)), (0, True))", Verdict.PROVED),
        # near misses: the tie a = 0 gives 1/2; a < 0 gives 0
        (SIGMOID, "Piecewise((1, a >= 0), (0, True))", Verdict.REFUTED),
        (SIGMOID, "1", Verdict.REFUTED),
        (LSE, "Max(a, b)", Verdict.PROVED),
        (TEMPERATURE, "Piecewise((1, a > b), (1/2, Eq(a, b)), (0, True))", Verdict.PROVED),
        (TEMPERATURE, "Piecewise((1, a >= b), (0, True))", Verdict.REFUTED),  # the tie
        (POWER_MEAN, "Max(c, r)", Verdict.PROVED),
        (LSE_POSITIVE, "Max(c, r)", Verdict.PROVED),
    ],
)
def test_a_limit_is_decided_case_by_case(
    tmp_path: Path, lhs: str, rhs: str, verdict: Verdict
) -> None:
    assert decide(tmp_path, SYMBOLS, lhs, rhs).verdict is verdict


def _lse(t: mpmath.mpf, p: dict[str, mpmath.mpf]) -> mpmath.mpf:
    return mpmath.log(mpmath.exp(p["a"] * t) + mpmath.exp(p["b"] * t)) / t


def _lse_positive(t: mpmath.mpf, p: dict[str, mpmath.mpf]) -> mpmath.mpf:
    return mpmath.log(mpmath.exp(p["c"] * t) + mpmath.exp(p["r"] * t)) / t


def _power_mean(t: mpmath.mpf, p: dict[str, mpmath.mpf]) -> mpmath.mpf:
    return (p["c"] ** t + p["r"] ** t) ** (1 / t)


def _probed_limit(
    body: Callable[[mpmath.mpf, dict[str, mpmath.mpf]], mpmath.mpf], point: dict[str, mpmath.mpf]
) -> tuple[mpmath.mpf, mpmath.mpf]:
    """The body along t = 10⁴, 10⁵, 10⁶ at 60 digits (mpmath's exponent range does not
    overflow): the last value, and a bound on what is left of the approach (the last two
    steps' change, times 2: the bodies here approach their limits like 1/t)."""
    with mpmath.workdps(60):
        values = [body(mpmath.mpf(10) ** k, point) for k in (4, 5, 6)]
        return values[-1], 2 * abs(values[-1] - values[-2]) + abs(values[-2] - values[-3])


@pytest.mark.parametrize(
    ("lhs", "rhs", "body", "value"),
    [
        (LSE, "Min(a, b)", _lse, lambda p: min(p["a"], p["b"])),
        (LSE, "Max(a, b) + log(2)", _lse, lambda p: max(p["a"], p["b"]) + mpmath.log(2)),
        (POWER_MEAN, "c + r", _power_mean, lambda p: p["c"] + p["r"]),
        (POWER_MEAN, "Min(c, r)", _power_mean, lambda p: min(p["c"], p["r"])),
        (LSE_POSITIVE, "Min(c, r)", _lse_positive, lambda p: min(p["c"], p["r"])),
        (LSE_POSITIVE, "c + r", _lse_positive, lambda p: p["c"] + p["r"]),
    ],
)
def test_a_near_miss_of_an_order_split_is_refuted(
    tmp_path: Path,
    lhs: str,
    rhs: str,
    body: Callable[[mpmath.mpf, dict[str, mpmath.mpf]], mpmath.mpf],
    value: Callable[[dict[str, mpmath.mpf]], mpmath.mpf],
) -> None:
    # The reference evaluator leaves these points open (e^{bt} is absorbed in e^{at} at
    # t = 10⁸); the counterexample is confirmed here by mpmath along a sequence instead
    r = relation_of(tmp_path, SYMBOLS, lhs, rhs)
    assert r.verdict is Verdict.REFUTED and r.counterexample is not None
    point = {
        k: mpmath.mpf(Fraction(v).numerator) / Fraction(v).denominator
        for k, v in r.counterexample.point.items()
    }
    limit, tail = _probed_limit(body, point)
    assert abs(limit - value(point)) > 10 * tail + mpmath.mpf(10) ** -10


@pytest.mark.parametrize(
    ("lhs", "rhs", "verdict"),
    [
        ("Limit(exp(-a*t), t, oo)", "0", Verdict.REFUTED),  # 1 at a = 0, ∞ for a < 0
        ("Limit(exp(-c*t), t, oo)", "0", Verdict.PROVED),
        ("Limit(log(t)/t**a, t, oo)", "0", Verdict.REFUTED),  # ∞ for a ≤ 0
        ("Limit(t**a*log(t), t, 0, '+')", "0", Verdict.REFUTED),  # −∞ for a ≤ 0
        ("Limit(t**2*log(1 + a/t), t, oo)", "a", Verdict.REFUTED),  # ±∞ for a ≠ 0
        ("Limit(t*log(1 + a/t), t, oo)", "a", Verdict.PROVED),
        ("Limit(exp(-a*t), t, oo)", "-oo", Verdict.REFUTED),
        ("Limit(t**2*(exp(a/t) - 1), t, oo)", "a", Verdict.REFUTED),  # ±∞ for a ≠ 0
        ("Limit(t*(exp(a/t) - 1), t, oo)", "a", Verdict.PROVED),
        # the same value on each interval of a's cases, ∞ in one of them
        ("Limit(exp(a*t)/t, t, oo)", "Piecewise((0, a <= 0), (oo, True))", Verdict.PROVED),
        ("Limit(exp(a*t)/t, t, oo)", "Piecewise((0, a < 0), (oo, True))", Verdict.REFUTED),
        (
            "Limit(exp(-a*t), t, oo)",
            "Piecewise((0, a > 0), (1, Eq(a, 0)), (oo, True))",
            Verdict.PROVED,
        ),
        (
            "Limit(exp(-a*t), t, oo)",
            "Piecewise((0, a > 0), (0, Eq(a, 0)), (oo, True))",
            Verdict.REFUTED,
        ),
    ],
)
def test_an_infinite_case_refutes_a_finite_value(
    tmp_path: Path, lhs: str, rhs: str, verdict: Verdict
) -> None:
    assert decide(tmp_path, SYMBOLS, lhs, rhs).verdict is verdict


@pytest.mark.parametrize(
    ("lhs", "rhs", "verdict"),
    [
        ("Limit(sqrt(t**2 + a*t) - t, t, oo)", "a/2", Verdict.PROVED),
        ("Limit(sqrt(t**2 + a*t) - t, t, oo)", "a", Verdict.REFUTED),
        # near miss: -t² leads, the root is undefined for every large t
        ("Limit(sqrt(a*t - t**2) + t, t, oo)", "a/2", Verdict.UNPROVED),
    ],
)
def test_a_radicand_is_signed_by_its_leading_term(
    tmp_path: Path, lhs: str, rhs: str, verdict: Verdict
) -> None:
    r = decide(tmp_path, SYMBOLS, lhs, rhs)
    assert r.verdict is verdict
    if verdict is Verdict.UNPROVED:
        assert "does not exist" in r.reason


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        ("Limit(x, x, oo) + 1", "Limit(x, x, oo) + 2"),  # both sides undefined: ∞ + 1
        ("Limit(c, c, oo) + 1", "Limit(c, c, oo) + 1"),
        ("2*Limit(x, x, oo)", "Limit(x**2, x, oo)"),
    ],
)
def test_an_infinite_limit_is_not_computed_with(tmp_path: Path, lhs: str, rhs: str) -> None:
    r = decide(tmp_path, SYMBOLS, lhs, rhs)
    assert r.verdict is not Verdict.PROVED
    assert "infinite" in r.reason


@pytest.mark.parametrize(
    ("rel", "rhs", "verdict"),
    [(">", "10**100", Verdict.PROVED), ("<", "10**100", Verdict.REFUTED)],
)
def test_an_infinite_limit_is_compared(
    tmp_path: Path, rel: str, rhs: str, verdict: Verdict
) -> None:
    r = decide(tmp_path, SYMBOLS, "Limit(1/x, x, 0, '+')", rhs, rel)
    assert r.verdict is verdict
    # a whole step may be ∞, and two infinite limits may be equal
    assert decide(tmp_path, SYMBOLS, "Limit(x, x, oo)", "Limit(x**2, x, oo)").verdict is (
        Verdict.PROVED
    )


def test_cases_are_compared_interval_by_interval() -> None:
    a, b = sympy.symbols("a b", real=True)
    half = sympy.Rational(1, 2)
    tie_first = sympy.Piecewise((half, sympy.Eq(a, b)), (1, a > b), (0, True))
    written = sympy.Piecewise((1, a > b), (half, sympy.Eq(a, b)), (0, True))
    assert equal_by_intervals("=", tie_first, written)
    # near misses: the tie taken by a > b; the branch below the tie changed
    assert not equal_by_intervals("=", tie_first, sympy.Piecewise((1, a >= b), (0, True)))
    assert not equal_by_intervals("=", tie_first, sympy.Piecewise((1, a > b), (half, True)))
    # conditions on two forms (a and b alone) are not compared this way
    assert not equal_by_intervals(
        "=", sympy.Piecewise((1, a > 0), (0, True)), sympy.Piecewise((1, b > 0), (0, True))
    )
