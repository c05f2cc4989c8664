"""Notation real texts write that the LaTeX reader reads since documents-6 (issue 16): cases
with words, notes and commas (scikit-learn's Tweedie deviance, SciPy's entr, kl_div, huber),
an absolute value after a factor (``2\\epsilon|z|``), a font command as a script
(``n_\\text{samples}``), the empty group ``{}``, ``\\bar{y}`` for ``ybar``, the real root
``\\sqrt[3]{x}``, norms of declared vectors, a vector function of a family written without
bold (``\\sigma(x)_j``), the derivative of a name defined member by member, and functions
named with a script (``p_X(x)``). Each reading is compared with values computed by mpmath
from the written convention, each has a near miss that must read otherwise or be refused,
and notation that stays ambiguous is refused with what settles it."""

from __future__ import annotations

import json
from pathlib import Path

import mpmath
import pytest
import sympy

from xentproof import load_text
from xentproof.document import load_document_text
from xentproof.errors import XentproofError
from xentproof.result import Verdict

from .helpers import check_text


def derivation(symbols: str, latex: str, extra: str = "") -> str:
    step = json.dumps(latex)
    return (
        f'title = "t"\n[symbols]\n{symbols}\n{extra}\n[[chain]]\nname = "c"\n'
        f'steps = [{{ latex = {step} }}, {{ rel = "=", expr = "0" }}]\n'
    )


def read(symbols: str, latex: str, extra: str = "") -> sympy.Basic:
    """The step as read: a SymPy expression."""
    return load_text(derivation(symbols, latex, extra)).chains[0].steps[0].expr


def refused(symbols: str, latex: str, extra: str = "") -> str:
    with pytest.raises(XentproofError) as caught:
        load_text(derivation(symbols, latex, extra))
    return str(caught.value)


def value(expr: sympy.Basic, **at: float) -> float:
    """The expression at a point: each symbol by its name (a member as ``y_1``)."""
    put = {}
    for s in expr.free_symbols | expr.atoms(sympy.Indexed):
        key = str(s).replace("[", "_").replace("]", "").replace(", ", "_")
        if key in at:
            put[s] = sympy.Rational(str(at[key]))
    return float(sympy.N(expr.xreplace(put).doit(), 30))


def verdict(tmp_path: Path, symbols: str, left: str, right: str) -> Verdict:
    text = (
        f'title = "t"\n[symbols]\n{symbols}\n[[chain]]\nname = "c"\n'
        f'steps = [{{ latex = {json.dumps(left)} }}, {{ rel = "=", expr = {json.dumps(right)} }}]\n'
    )
    (relation,) = check_text(tmp_path, text, timeout=20).relations
    return relation.verdict


# -- cases as texts write them ------------------------------------------------------------

HUBER = (
    r"\begin{cases} z^2, & \text {if } |z| < \epsilon, \\"
    r" 2\epsilon|z| - \epsilon^2, & \text{otherwise} \end{cases}"
)


@pytest.mark.parametrize(("z", "eps"), [(0.5, 1.0), (-0.25, 1.0), (3.0, 1.0), (-2.0, 0.5)])
def test_cases_with_words_and_commas_read_as_the_huber_loss(z: float, eps: float) -> None:
    expr = read('z = "real"\nepsilon = "positive"', HUBER)
    z_, e_ = mpmath.mpf(z), mpmath.mpf(eps)
    expected = z_**2 if abs(z_) < e_ else 2 * e_ * abs(z_) - e_**2
    assert value(expr, z=z, epsilon=eps) == pytest.approx(float(expected), rel=1e-12)


def test_a_condition_of_two_parts_joined_by_a_comma_needs_both() -> None:
    latex = (
        r"\begin{cases} x \log(x / y) & x > 0, y > 0 \\ 0 & x = 0, y \ge 0 \\"
        r" \infty & \text{otherwise} \end{cases}"
    )
    expr = read('x = "nonnegative"\ny = "positive"', latex)
    assert value(expr, x=0.5, y=2.0) == pytest.approx(float(0.5 * mpmath.log(0.25)), rel=1e-12)
    assert value(expr, x=0, y=2.0) == 0


def test_a_condition_after_for_with_a_note_in_brackets() -> None:
    latex = (
        r"\begin{cases} (y-\hat{y})^2, & \text{for }p=0\text{ (Normal)}\\"
        r" 2(y \log(y/\hat{y}) + \hat{y} - y), & \text{for }p=1\text{ (Poisson)}\\"
        r" 0, & \text{otherwise} \end{cases}"
    )
    expr = read('y = "positive"\nyhat = "positive"\np = "{0, 1, 2}"', latex)
    y, yh = mpmath.mpf("1.5"), mpmath.mpf("0.5")
    assert value(expr, y=1.5, yhat=0.5, p=0) == pytest.approx(float((y - yh) ** 2))
    poisson = 2 * (y * mpmath.log(y / yh) + yh - y)
    assert value(expr, y=1.5, yhat=0.5, p=1) == pytest.approx(float(poisson), rel=1e-12)
    assert value(expr, y=1.5, yhat=0.5, p=2) == 0


@pytest.mark.parametrize(
    "latex",
    [
        r"\begin{cases} 1 & x \ge 0 \\ 0 & x \le 0 \end{cases}",  # both hold at 0
        r"\begin{cases} x & x > 0, y > 0 \\ 0 & x > 1 \end{cases}",  # both at x = 2, y = 1
    ],
)
def test_cases_whose_conditions_overlap_where_the_values_differ_are_refused(latex: str) -> None:
    message = refused('x = "real"\ny = "real"', latex)
    assert "may hold together" in message
    assert "declare the symbols' sets" in message


def test_overlapping_conditions_are_read_where_the_declaration_excludes_the_overlap() -> None:
    # near miss of the refusal: x positive, so x <= 0 never holds with x >= 0
    expr = read('x = "positive"', r"\begin{cases} 1 & x \ge 0 \\ 0 & x \le 0 \end{cases}")
    assert value(expr, x=2) == 1


def test_overlapping_conditions_with_the_same_value_are_read() -> None:
    expr = read('x = "real"', r"\begin{cases} 1 & x \ge 0 \\ 1 & x \le 0 \end{cases}")
    assert value(expr, x=0) == 1 and value(expr, x=-1) == 1


def test_a_chained_condition_is_both_relations(tmp_path: Path) -> None:
    latex = r"\begin{cases} x & 0 < x < 1 \\ 0 & x \ge 1 \end{cases}"
    assert verdict(tmp_path, 'x = "positive"', latex, "Piecewise((x, x < 1), (0, True))") is (
        Verdict.PROVED
    )
    assert verdict(tmp_path, 'x = "positive"', latex, "x") is Verdict.REFUTED


@pytest.mark.parametrize("latex", [r"x \text{ if } x > 0", r"x + \text{ (Normal)}"])
def test_the_words_of_a_condition_are_refused_outside_cases(latex: str) -> None:
    refused('x = "real"', latex)


# -- bars, scripts, empty groups, accents ---------------------------------------------------


def test_a_bar_after_a_factor_opens_an_absolute_value() -> None:
    expr = read('a = "real"\nb = "real"', r"2a|b| - a")
    assert value(expr, a=1.5, b=-2) == pytest.approx(2 * 1.5 * 2 - 1.5)


@pytest.mark.parametrize("latex", [r"|a|b|a|", r"|a||b|"])
def test_bars_that_read_two_ways_are_refused(latex: str) -> None:
    refused('a = "real"\nb = "real"', latex)


def test_a_bar_inside_a_call_is_still_the_condition_bar(tmp_path: Path) -> None:
    text = (
        'title = "t"\n[symbols]\na = "real"\nb = "real"\n[functions]\nP = "t -> 3*t"\n'
        '[latex]\nP = "P(#1 \\\\mid b)"\n[[chain]]\nname = "c"\n'
        'steps = [{ latex = "2P(a | b)" }, { rel = "=", expr = "6*a" }]\n'
    )
    (relation,) = check_text(tmp_path, text).relations
    assert relation.verdict is Verdict.PROVED


def test_a_font_command_as_a_script_is_its_group() -> None:
    extra = "[latex]\nns = 'n_{\\text{samples}}'"
    expr = read('ns = "positive integer"', r"\frac{1}{n_\text{samples}}", extra)
    assert value(expr, ns=4) == 0.25
    # near miss: the escaped underscore is part of a name, no script
    refused('ns = "positive integer"', r"\frac{1}{n\_\text{samples}}", extra)


def test_an_empty_group_is_nothing_but_not_as_an_argument() -> None:
    expr = read('a = "real"\nb = "real"', r"\frac{{}|a - b|}{2}")
    assert value(expr, a=1, b=4) == 1.5
    refused('a = "real"', r"\frac{a}{}")
    refused('a = "real"', r"a^{}2")


def test_ybar_is_written_with_a_bar_by_default() -> None:
    expr = read('y = "real"\nybar = "real"', r"y - \bar{y}")
    assert value(expr, y=3, ybar=1) == 2


# -- the real root ------------------------------------------------------------------------


@pytest.mark.parametrize("x", [-8.0, -0.125, 0.0, 27.0])
def test_the_cube_root_is_real_at_negative_numbers(x: float) -> None:
    expr = read('x = "real"', r"\sqrt[3]{x}")
    # the written convention: the real r with r**3 = x (mpmath's cbrt is the principal
    # complex root at negative x, the very reading refused here)
    real_root = mpmath.sign(x) * mpmath.root(abs(mpmath.mpf(x)), 3)
    assert real_root**3 == pytest.approx(x, abs=1e-15)
    assert value(expr, x=x) == pytest.approx(float(real_root), abs=1e-15)


def test_the_cube_root_is_not_the_principal_power(tmp_path: Path) -> None:
    symbols = 'x = "negative"'
    assert verdict(tmp_path, symbols, r"\sqrt[3]{x}", "-(-x)**(1/3)") is Verdict.PROVED
    assert verdict(tmp_path, symbols, r"\sqrt[3]{x}", "x**(1/3)") is Verdict.REFUTED


def test_an_even_root_is_defined_only_at_nonnegative_numbers(tmp_path: Path) -> None:
    assert verdict(tmp_path, 'x = "real"', r"\sqrt[4]{x^4}", "Abs(x)") is Verdict.PROVED
    assert verdict(tmp_path, 'x = "real"', r"\sqrt[4]{x^4}", "x") is Verdict.REFUTED
    assert verdict(tmp_path, 'x = "real"', r"\sqrt[4]{x}", "x**(1/4)") is not Verdict.PROVED


@pytest.mark.parametrize("latex", [r"\sqrt[n]{x}", r"\sqrt[0]{x}", r"\sqrt[1.5]{x}"])
def test_a_root_of_no_whole_index_is_refused(latex: str) -> None:
    assert "whole number" in refused('x = "real"\nn = "positive integer"', latex)


# -- norms, vector functions, defined members, scripted functions (documents) -------------

VECTOR_HEAD = (
    "<!-- xentproof: symbols: d \\in \\mathbb{Z}_{>0},\\; j \\in \\mathbb{Z}_{>0},\\; "
    "w_j \\in \\mathbb{R},\\; \\mathbf{w} \\in \\mathbb{R}^{d},\\; a \\in \\mathbb{R} -->\n"
)


def document_verdicts(tmp_path: Path, text: str) -> list[Verdict]:
    from xentproof import api

    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report = api.check_paths([path], timeout=20)
    assert not report.errors, [e.message for e in report.errors]
    return [r.verdict for r in report.relations]


def not_read(text: str) -> list[str]:
    derivation = load_document_text(text, "doc.md", markdown=True)
    assert derivation.coverage is not None
    return [d.reason for d in derivation.coverage.not_read]


@pytest.mark.parametrize(
    ("display", "expected"),
    [
        (r"\|\mathbf{w}\|_2^2 = \sum_{j=1}^{d} w_j^2", Verdict.PROVED),
        (r"||\mathbf{w}||_2^2 = \mathbf{w}^\top \mathbf{w}", Verdict.PROVED),
        (r"\left\|\mathbf{w}\right\|_1 = \sum_{j=1}^{d} |w_j|", Verdict.PROVED),
        (r"\|\mathbf{w}\|_2 = \sqrt{\sum_{j=1}^{d} w_j^2}", Verdict.PROVED),
        (r"\|\mathbf{w}\|^2 = \sum_{j=1}^{d} w_j^2 + 1", Verdict.REFUTED),  # near miss
        (r"\|\mathbf{w}\|_1 = \sum_{j=1}^{d} w_j", Verdict.REFUTED),  # near miss: |w_j|
    ],
)
def test_norms_of_a_declared_vector(tmp_path: Path, display: str, expected: Verdict) -> None:
    assert document_verdicts(tmp_path, f"{VECTOR_HEAD}\n$$\n{display}\n$$\n") == [expected]


@pytest.mark.parametrize(
    ("display", "why"),
    [
        (r"\|a\| = a", "symbols: \\mathbf{w} \\in \\mathbb{R}^{d}"),  # a number: which norm?
        (r"\|\mathbf{w}\|_3 = a", "‖·‖_1 and ‖·‖_2"),
    ],
)
def test_other_norms_are_not_read(display: str, why: str) -> None:
    (reason,) = not_read(f"{VECTOR_HEAD}\n$$\n{display}\n$$\n")
    assert why in reason


SOFTMAX = (
    "<!-- xentproof: symbols: n \\in \\mathbb{Z}_{>0},\\; j \\in \\mathbb{Z}_{>0},\\; "
    "k \\in \\mathbb{Z}_{>0},\\; x_k \\in \\mathbb{R} -->\n"
    "<!-- xentproof: let: \\sigma(x)_j = \\frac{e^{x_j}}{\\sum_{k=1}^{n} e^{x_k}} -->\n"
)


def test_a_vector_function_of_a_family_written_without_bold(tmp_path: Path) -> None:
    proved = f"{SOFTMAX}\n$$\n\\sum_{{j=1}}^{{n}} \\sigma(x)_j = 1\n$$\n"
    assert document_verdicts(tmp_path, proved) == [Verdict.PROVED]
    wrong = f"{SOFTMAX}\n$$\n\\sigma(x)_j = e^{{x_j}}\n$$\n"  # near miss: no normalisation
    assert document_verdicts(tmp_path, wrong) == [Verdict.REFUTED]


def test_a_family_argument_that_is_also_a_symbol_the_body_uses_is_refused() -> None:
    head = (
        "<!-- xentproof: symbols: j \\in \\mathbb{Z}_{>0},\\; x \\in \\mathbb{R},\\; "
        "x_k \\in \\mathbb{R} -->\n<!-- xentproof: let: f(x)_j = x + x_j -->\n"
    )
    with pytest.raises(XentproofError, match="declared symbol and a family"):
        load_document_text(f"{head}\n$$\nf(x)_j = 1\n$$\n", "doc.md", markdown=True)


LOSS = (
    "<!-- xentproof: symbols: n \\in \\mathbb{Z}_{>0},\\; i \\in \\mathbb{Z}_{>0},\\; "
    "t \\in \\mathbb{R},\\; f_i \\in \\mathbb{R},\\; g_i \\in \\mathbb{R} -->\n"
    "<!-- xentproof: let: L_i = t^2 f_i -->\n"
)


def test_the_derivative_of_a_name_defined_member_by_member_is_its_body_s(tmp_path: Path) -> None:
    text = f"{LOSS}\n$$\n\\frac{{\\partial L_i}}{{\\partial t}} = "
    assert document_verdicts(tmp_path, text + "2 t f_i\n$$\n") == [Verdict.PROVED]
    # near miss: read as a constant, the derivative would be 0
    assert document_verdicts(tmp_path, text + "0\n$$\n") == [Verdict.REFUTED]


def test_the_derivative_of_a_free_member_stays_refused() -> None:
    (reason,) = not_read(f"{LOSS}\n$$\n\\frac{{\\partial g_i}}{{\\partial t}} = 0\n$$\n")
    assert "does not depend" in reason


JOINT = (
    "<!-- xentproof: symbols: k \\in \\mathbb{Z}_{>0},\\; m \\in \\mathbb{Z}_{>0},\\; "
    "x \\in \\mathbb{Z}_{>0},\\; y \\in \\mathbb{Z}_{>0},\\; p_{x,y} \\in (0, 1) -->\n"
    "<!-- xentproof: range: x = 1..k; range: y = 1..m -->\n"
    "<!-- xentproof: let: p_X(x) = \\sum_{y} p_{x,y} -->\n"
)


def test_a_function_named_with_a_script_that_names_nothing(tmp_path: Path) -> None:
    total = f"{JOINT}\n$$\n\\sum_{{x}} p_X(x) = \\sum_{{x}} \\sum_{{y}} p_{{x,y}}\n$$\n"
    assert document_verdicts(tmp_path, total) == [Verdict.PROVED]
    near = f"{JOINT}\n$$\n\\sum_{{x}} p_X(x) = \\sum_{{y}} p_{{1,y}}\n$$\n"
    assert document_verdicts(tmp_path, near) == [Verdict.REFUTED]


def test_a_script_that_is_a_declared_index_makes_no_function_name() -> None:
    head = (
        "<!-- xentproof: symbols: i \\in \\mathbb{Z}_{>0},\\; t \\in \\mathbb{R} -->\n"
        "<!-- xentproof: let: p_i(t) = t -->\n"
    )
    with pytest.raises(XentproofError):
        load_document_text(f"{head}\n$$\np_i(t) = t\n$$\n", "doc.md", markdown=True)


OUTCOMES = (
    "<!-- xentproof: symbols: k \\in \\mathbb{Z}_{>0},\\; i \\in \\mathbb{Z}_{>0},\\; "
    "p_i \\in (0, 1) -->\n<!-- xentproof: range: i = 1..k -->\n"
)


def test_a_quantity_of_the_i_th_outcome_is_a_family_defined_member_by_member(
    tmp_path: Path,
) -> None:
    head = f"{OUTCOMES}<!-- xentproof: let: I(s_i) = -\\log(p_i) -->\n"
    proved = f"{head}\n$$\n\\sum_i p_i I(s_i) = -\\sum_i p_i \\log p_i\n$$\n"
    assert document_verdicts(tmp_path, proved) == [Verdict.PROVED]
    near = f"{head}\n$$\n\\sum_i p_i I(s_i) = \\sum_i p_i \\log p_i\n$$\n"  # near miss: sign
    assert document_verdicts(tmp_path, near) == [Verdict.REFUTED]


def test_a_declared_family_s_makes_i_of_s_i_no_outcome_quantity() -> None:
    head = (
        f"{OUTCOMES}<!-- xentproof: symbols: s_i \\in \\mathbb{{R}} -->\n"
        "<!-- xentproof: let: I(s_i) = -\\log(p_i) -->\n"
    )
    with pytest.raises(XentproofError):
        load_document_text(f"{head}\n$$\nI(s_i) = 1\n$$\n", "doc.md", markdown=True)


def test_conditions_on_one_expression_are_apart_by_its_sets() -> None:
    # sin(x) > 0 and sin(x) < 0 never hold together: read; sin(x) > 0 and cos(x) > 0 may
    expr = read('x = "real"', r"\begin{cases} 1 & \sin(x) > 0 \\ 0 & \sin(x) < 0 \end{cases}")
    assert value(expr, x=1) == 1 and value(expr, x=-1) == 0
    refused('x = "real"', r"\begin{cases} 1 & \sin(x) > 0 \\ 0 & \cos(x) > 0 \end{cases}")


def test_many_rows_are_checked_within_a_second_each() -> None:
    import time

    rows = r" \\ ".join(f"{k} & x > {k}, x < {k + 1}" for k in range(30))
    started = time.perf_counter()
    read('x = "real"', r"\begin{cases} " + rows + r" \end{cases}")
    assert time.perf_counter() - started < 30  # far inside: about 1 s on a loaded machine


TWO = 'i = "positive integer"\nj = "positive integer"\n"z[i, j]" = "real"'


def test_a_member_with_a_subscript_and_a_superscript_needs_its_template() -> None:
    message = refused(TWO, r"e^{z_{j}^{(i)}}")
    assert "[latex] z = 'z_{#2}^{(#1)}'" in message
    read_so = read(TWO, r"z_{j}^{(i)}", "[latex]\nz = 'z_{#2}^{(#1)}'")
    other = read(TWO, r"z_{j}^{(i)}", "[latex]\nz = 'z_{#1}^{(#2)}'")  # near miss: swapped
    assert str(read_so) == "z[i, j]" and str(other) == "z[j, i]"
