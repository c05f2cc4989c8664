"""Primes: ``f'(x)`` of a declared function f of one argument, at a declared variable x,
is read as d/dx f(x) (Lagrange's notation), ``f''(x)`` as the second derivative. Anything a
prime could also mean is refused: a prime at a point that is no declared variable
(``f'(2x)``, the derivative's value there), on a function of several arguments (by which
one?), on a plain symbol (``x'`` is a new name), without its argument, or where a name is
declared with the LaTeX ``f'`` itself.

Ground truth: the derivative by its definition, lim (f(x+h) − f(x))/h, which mpmath's
``diff`` evaluates numerically; the closed forms below (power rule, the logistic function's
σ' = σ(1 − σ)) are checked against it before they are used."""

from __future__ import annotations

import json

import mpmath
import pytest

from xentproof import api, load_text
from xentproof.document import load_document_text
from xentproof.errors import InputError
from xentproof.result import Verdict

HEAD = """title = "t"
[symbols]
x = "real"
z = "real"
"a[i]" = "real"
i = "positive integer"
[functions]
cube = "t -> t**3"
sigma = "t -> 1/(1 + exp(-t))"
both = "(u, v) -> u*v"
[latex]
index = "subscript"
cube = 'f'
sigma = '\\sigma'
both = 'g'
"""


def chain(first: str, second: str, extra: str = "") -> str:
    return (
        HEAD
        + extra
        + f'[[chain]]\nname = "c"\nsteps = [{{ latex = {json.dumps(first)} }}, '
        + f'{{ rel = "=", latex = {json.dumps(second)} }}]\n'
    )


def verdicts(first: str, second: str) -> list[Verdict]:
    report = api.check([load_text(chain(first, second))], timeout=30)
    return [r.verdict for r in report.relations]


def _cube(t: mpmath.mpf) -> mpmath.mpf:
    return t**3


def _sigma(t: mpmath.mpf) -> mpmath.mpf:
    return 1 / (1 + mpmath.exp(-t))


@pytest.mark.parametrize("at", ["-1.7", "0.3", "2.25"])
def test_the_closed_forms_are_the_derivatives_by_definition(at: str) -> None:
    t = mpmath.mpf(at)
    assert mpmath.almosteq(mpmath.diff(_cube, t), 3 * t**2, 1e-10)
    assert mpmath.almosteq(mpmath.diff(_cube, t, 2), 6 * t, 1e-10)
    assert mpmath.almosteq(mpmath.diff(_sigma, t), _sigma(t) * (1 - _sigma(t)), 1e-10)


@pytest.mark.parametrize(
    ("written", "closed_form"),
    [
        ("f'(x)", "3 x^2"),
        ("f''(x)", "6 x"),
        ("f '(x) + 1", "3 x^2 + 1"),
        ("\\sigma'(z)", "\\sigma(z) (1 - \\sigma(z))"),
    ],
)
def test_a_prime_is_the_derivative_of_the_declared_function(written: str, closed_form: str) -> None:
    assert verdicts(written, closed_form) == [Verdict.PROVED]


@pytest.mark.parametrize(
    ("written", "other"),
    [("f'(x)", "3 x^3"), ("f''(x)", "3 x^2"), ("f'(x)", "x^3"), ("\\sigma'(z)", "\\sigma(z)")],
)
def test_a_prime_is_not_another_derivative_nor_the_function(written: str, other: str) -> None:
    assert verdicts(written, other) == [Verdict.REFUTED]


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("f'(2 x)", "declared variable"),  # the value of f' at 2x, not d/dx f(2x)
        ("f'(a_i)", "declared variable"),  # a family member is no variable to derive by
        ("g'(x, z)", "one argument"),  # by which argument?
        ("f'", "write"),  # no argument
        ("x'", "'"),  # a prime on a symbol: a new name, not declared
        ("f^{\\prime}(x)", "prime"),  # not read (yet): refused, never guessed
    ],
)
def test_a_prime_that_means_anything_else_is_refused(written: str, why: str) -> None:
    with pytest.raises(InputError, match=why):
        load_text(chain(written, "x"))


def test_a_name_declared_as_f_prime_makes_the_prime_ambiguous() -> None:
    extra = 'fp = "f\'"\n'
    text = chain("f'(x)", "3 x^2", extra).replace('z = "real"\n', 'z = "real"\nfp = "real"\n')
    with pytest.raises(InputError, match="ambiguous"):
        load_text(text)


def test_a_document_reads_a_prime_of_a_function_it_defines() -> None:
    text = (
        "% xentproof: symbols: x \\in \\mathbb{R}\n"
        "% xentproof: let: s(t) = t^3\n"
        "\\begin{align}\ns'(x) &= 3x^2 \\\\\n &= 3 x x\n\\end{align}\n"
    )
    derivation = load_document_text(text, "doc.tex")
    report = api.check([derivation], timeout=30)
    assert [r.verdict for r in report.relations] == [Verdict.PROVED, Verdict.PROVED]
