"""Derivatives as texts write them: ``\\frac{df}{dx}``, ``\\frac{d\\sigma(x)}{dx}``,
``\\frac{\\partial f}{\\partial x}``, ``\\partial_x f`` by a declared variable, and
``\\frac{\\partial L}{\\partial f_k}``, ``\\partial_{o_j} l`` by a member of a declared family
(read as the tree ``Derivative(…, f[k])``; whether a step with such a derivative is proved is
the prover's business, not the reader's). The body of a Leibniz fraction is its numerator
and only that: ``\\frac{df}{dx} x`` is x times f'(x). Refused: a variable that is neither
declared nor a member, orders that differ, a ``d`` that is also a declared name, a bare
function of several arguments (at which?), ``\\partial`` alone.

Ground truth: the derivative by its definition, lim (f(x+h) − f(x))/h, evaluated by mpmath's
``diff``; the closed forms used below are checked against it first."""

from __future__ import annotations

import json

import mpmath
import pytest

from xentproof import api, load_text
from xentproof.errors import InputError
from xentproof.result import Verdict
from xentproof.step_scope import declared_scope
from xentproof.tex.parser import read_latex

HEAD = """title = "t"
[symbols]
x = "real"
y = "real"
"o[j]" = "real"
j = "positive integer"
k = "positive integer"
[functions]
cube = "t -> t**3"
sigma = "t -> 1/(1 + exp(-t))"
both = "(u, v) -> u*v"
own = "(x, y) -> x*y"
[latex]
index = "subscript"
cube = 'f'
sigma = '\\sigma'
both = 'g'
own = 'h'
"""


def chain(first: str, second: str, extra: str = "") -> str:
    return (
        HEAD
        + extra
        + f'[[chain]]\nname = "c"\nsteps = [{{ latex = {json.dumps(first)} }}, '
        + f'{{ rel = "=", latex = {json.dumps(second)} }}]\n'
    )


def verdicts(first: str, second: str, extra: str = "") -> list[Verdict]:
    report = api.check([load_text(chain(first, second, extra))], timeout=30)
    return [r.verdict for r in report.relations]


def _sigma(t: mpmath.mpf) -> mpmath.mpf:
    return 1 / (1 + mpmath.exp(-t))


@pytest.mark.parametrize("at", ["-1.5", "0", "0.7", "2"])
def test_the_closed_forms_are_the_derivatives_by_definition(at: str) -> None:
    with mpmath.workdps(40):
        t = mpmath.mpf(at)
        assert mpmath.almosteq(mpmath.diff(lambda u: u**3, t), 3 * t**2, 1e-20)
        assert mpmath.almosteq(mpmath.diff(_sigma, t), _sigma(t) * (1 - _sigma(t)), 1e-20)
        assert mpmath.almosteq(mpmath.diff(lambda u: u * 2, t), 2, 1e-20)  # ∂(u·y)/∂u, y = 2


@pytest.mark.parametrize(
    ("written", "closed_form"),
    [
        ("\\frac{df}{dx}", "3 x^2"),  # f of one argument, written bare: f(x)
        ("\\frac{d f(x)}{d x}", "3 x^2"),
        ("\\frac{\\mathrm{d} f(x)}{\\mathrm{d} x}", "3 x^2"),
        ("\\frac{d\\sigma(x)}{dx}", "\\sigma(x)(1 - \\sigma(x))"),
        ("\\frac{\\partial \\sigma(x)}{\\partial x}", "\\sigma(x)(1 - \\sigma(x))"),
        ("\\frac{\\partial g(x, y)}{\\partial x}", "y"),
        ("\\partial_x g(x, y)", "y"),
        ("\\partial_{y} g(x, y)", "x"),
        ("\\frac{d^2 f(x)}{dx^2}", "6x"),
        ("\\frac{df}{dx} x", "3 x^3"),  # the body is the numerator only
        ("\\frac{\\partial h}{\\partial x}", "y"),  # h(x, y) = xy at its own declared x, y
        ("\\frac{\\partial h}{\\partial y}", "x"),
    ],
)
def test_leibniz_and_partial_forms_are_the_derivative(written: str, closed_form: str) -> None:
    assert verdicts(written, closed_form) == [Verdict.PROVED]


@pytest.mark.parametrize(
    ("written", "other"),
    [
        ("\\frac{df}{dx}", "x^3"),  # not the function itself
        ("\\frac{df}{dx} x", "3 x^2"),  # x is outside the derivative, not dropped
        ("\\partial_x g(x, y)", "x"),  # by x, not by y
        ("\\frac{\\partial h}{\\partial x}", "x"),
        ("\\frac{\\partial g(x, y)}{\\partial y}", "y"),
    ],
)
def test_a_derivative_is_not_another_expression(written: str, other: str) -> None:
    assert verdicts(written, other) == [Verdict.REFUTED]


def _read(latex: str) -> str:
    derivation = load_text(chain("x", "x"))
    scope = declared_scope(derivation.symbols, derivation.functions)
    return read_latex(latex, scope, derivation.notation)


@pytest.mark.parametrize(
    ("written", "tree"),
    [
        ("\\frac{\\partial}{\\partial o_j} o_j^2", "Derivative(o[j]**2, o[j])"),
        ("\\frac{\\partial o_k^2}{\\partial o_{k}}", "Derivative((o[k]**2), o[k])"),
        ("\\partial_{o_j} (x o_j)", "Derivative((x*o[j]), o[j])"),
        ("\\frac{\\partial o_j}{\\partial o_3}", "Derivative(o[j], o[3])"),
    ],
)
def test_a_derivative_by_a_family_member_is_read_as_that_tree(written: str, tree: str) -> None:
    assert _read(written).replace(" ", "") == tree.replace(" ", "")


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("\\frac{\\partial f(x)}{\\partial w}", "not a declared symbol"),
        ("\\frac{\\partial f(x)}{\\partial o_{j,k}}", "not a declared symbol"),  # one index
        ("\\frac{d^2 f(x)}{dx}", "orders"),
        ("\\frac{dg}{dx}", "argument"),  # g(x, y) at which y?
        ("\\partial g(x, y)", "alone"),
        ("\\partial_w g(x, y)", "not a declared symbol"),
        ("\\frac{dy}{dx}", "no function of x"),  # y(x) meant; as declared it would be 0
        # redteam-6: f'(2), or f'(x)·2? Read as the product, \frac{df}{dx}(2) = 12 was
        # REFUTED (f' = 3x², and f'(2) = 12)
        ("\\frac{df}{dx}(2)", "ambiguous"),
        ("\\frac{df}{dx} \\left(x\\right)", "ambiguous"),
    ],
)
def test_a_derivative_that_cannot_be_read_is_refused(written: str, why: str) -> None:
    with pytest.raises(InputError, match=why):
        load_text(chain(written, "x"))


def test_a_d_that_is_a_declared_name_is_ambiguous() -> None:
    extra = ""
    text = chain("\\frac{dy}{dx}", "x", extra).replace('y = "real"\n', 'y = "real"\nd = "real"\n')
    with pytest.raises(InputError, match="ambiguous"):
        load_text(text)


@pytest.mark.parametrize(
    "written",
    [
        "\\partial_x y",  # a declared y is independent of x: read as 0, where y(x) is meant
        "\\partial_{x} y",
        "\\frac{\\partial}{\\partial x} y",
        "\\frac{\\partial}{\\partial x} (y^2 + 3)",
        "\\partial_{o_j} y",
        "\\frac{\\partial y}{\\partial x}",
    ],
)
def test_a_derivative_of_what_does_not_depend_on_the_variable_is_refused(written: str) -> None:
    """Regression (documents-4): ``\\partial_x y`` of a plain declared y was read as 0, which
    is not what a text that writes ∂y/∂x means; it is refused, naming the definition to add."""
    with pytest.raises(InputError, match=r"does not depend on|no function"):
        load_text(chain(written, "0"))


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("\\frac{\\partial}{\\partial x} (x y)", "y"),  # a partial derivative: y held fixed
        ("\\partial_{o_j} (x o_j)", "x"),
        ("\\frac{d}{dx} 5", "0"),  # a constant of numbers alone
    ],
)
def test_a_derivative_of_what_names_the_variable_is_still_read(written: str, value: str) -> None:
    assert verdicts(written, value) == [Verdict.PROVED]


def test_a_name_defined_in_terms_of_the_variable_is_differentiated(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    text = (
        "<!-- xentproof: symbols: x \\in \\mathbb{R} -->\n"
        "<!-- xentproof: let: u = x^2 -->\n\n$$\n\\partial_x u = 2x\n$$\n\n"
        "$$\n\\partial_x u = 3x\n$$\n"
    )
    (folder / "d.md").write_text(text, encoding="utf-8")
    report = api.check_paths([folder / "d.md"], timeout=30)
    assert [r.verdict for r in report.relations] == [Verdict.PROVED, Verdict.REFUTED]
