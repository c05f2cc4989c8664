"""atan, asin, acos, asinh, acosh, atanh, erf and sign: read from files and LaTeX, real only
where they are (asin and acos on [-1, 1], atanh on (-1, 1), acosh on [1, ∞)), also where
SymPy folds them away while building (sin(asin(x)) builds as x). Truth by hand (each
comment says why); every counterexample is confirmed by the reference evaluator
(``calculus_cases.decide``), which implements these functions on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from xentproof.result import Verdict

from .calculus_cases import decide
from .helpers import check_text

SYMBOLS = 'x = "real"\nu = "(-1, 1)"\nc = "[-1, 1]"\np = "positive"'


@pytest.mark.parametrize(
    ("lhs", "rhs", "verdict"),
    [
        ("sin(asin(c))", "c", Verdict.PROVED),
        ("sin(asin(x))", "x", Verdict.REFUTED),  # asin(2) is not real; SymPy builds x
        ("asin(sin(x))", "x", Verdict.REFUTED),  # x = 2: asin(sin 2) = π − 2
        ("tanh(atanh(u))", "u", Verdict.PROVED),
        ("atanh(u)", "log((1 + u)/(1 - u))/2", Verdict.PROVED),
        ("atanh(u)", "log((1 + u)/(1 - u))", Verdict.REFUTED),  # the factor 1/2
        ("acosh(1 + p)", "log(1 + p + sqrt((1 + p)**2 - 1))", Verdict.PROVED),
        ("acosh(1 + p)", "log(1 + p - sqrt((1 + p)**2 - 1))", Verdict.REFUTED),  # −acosh
        ("Derivative(atan(x), x)", "1/(1 + x**2)", Verdict.PROVED),
        ("Derivative(atan(x), x)", "1/(1 - x**2)", Verdict.REFUTED),
        ("Derivative(asin(u), u)", "1/sqrt(1 - u**2)", Verdict.PROVED),
        ("Derivative(sign(x), x)", "0", Verdict.REFUTED),  # no derivative at 0
        ("Derivative(sign(p), p)", "0", Verdict.PROVED),
        ("sign(x)*Abs(x)", "x", Verdict.PROVED),
        ("sign(x)*x", "x", Verdict.REFUTED),  # x = −1
        ("erf(-x)", "-erf(x)", Verdict.PROVED),
        ("erf(-x)", "erf(x)", Verdict.REFUTED),
        ("atan(x) + atan(1/x)", "pi/2", Verdict.REFUTED),  # x = 0 (and x < 0)
        ("acos(cos(x))", "x", Verdict.REFUTED),  # x = −1
    ],
)
def test_the_functions_mean_what_they_mean_over_the_reals(
    tmp_path: Path, lhs: str, rhs: str, verdict: Verdict
) -> None:
    assert decide(tmp_path, SYMBOLS, lhs, rhs).verdict is verdict


def test_gelu_derivative(tmp_path: Path) -> None:
    # GELU(x) = x·Φ(x), Φ(x) = (1 + erf(x/√2))/2; its derivative Φ(x) + x·φ(x)
    gelu = "Derivative(x*(1 + erf(x/sqrt(2)))/2, x)"
    right = "(1 + erf(x/sqrt(2)))/2 + x*exp(-x**2/2)/sqrt(2*pi)"
    wrong = "(1 + erf(x/sqrt(2)))/2 + x*exp(-x**2)/sqrt(2*pi)"  # near miss: φ's exponent
    assert decide(tmp_path, SYMBOLS, gelu, right).verdict is Verdict.PROVED
    assert decide(tmp_path, SYMBOLS, gelu, wrong).verdict is Verdict.REFUTED


@pytest.mark.parametrize(
    ("latex", "verdict"),
    [
        (r"\frac{d}{dx} \arctan(x) = \frac{1}{1 + x^2}", Verdict.PROVED),
        (r"\operatorname{artanh}(u) = \frac{1}{2}\ln\frac{1+u}{1-u}", Verdict.PROVED),
        (r"\operatorname{sgn}(x) \cdot \left|x\right| = x", Verdict.PROVED),
        (r"\mathrm{erf}(-x) = \operatorname{erf}(x)", Verdict.REFUTED),
        (r"\arcsin(\sin(x)) = x", Verdict.REFUTED),
    ],
)
def test_the_latex_names_are_read(tmp_path: Path, latex: str, verdict: Verdict) -> None:
    left, right = latex.split(" = ")
    text = f'title = "t"\n[symbols]\n{SYMBOLS}\n[[chain]]\nname = "c"\n'
    text += f"steps = [{{ latex = '{left}' }}, {{ rel = \"=\", latex = '{right}' }}]\n"
    (relation,) = check_text(tmp_path, text).relations
    assert relation.verdict is verdict
