"""What Markdown posts, docstrings and notebooks type instead of LaTeX, read as they show:
Unicode letters and symbols (``α``, ``≤``, ``·``), the minus sign and the en dash typed for
it, a '.' between two factors (ML Glossary's ``α.e^z``), ``\\_`` in a name spelled in a word
font (PyTorch's ``\\text{ignore\\_index}``), a member written ``y[i]`` as code does, ‖ written
``\\|``, ``||`` or ``\\Vert`` in a functional's head, TeX's spaces in a ``let:`` head, and
``\\lambda`` (its name is ``lamda``: ``lambda`` is a keyword). A sum whose body a '+' ended
while its index appears after it is read as TeX reads it, with a warning on the step.

Ground truth: each reading is evaluated at a point and compared with the formula as the
source means it, computed with mpmath; every new reading has a near miss that must be
refused or read differently."""

from __future__ import annotations

import json
from pathlib import Path

import mpmath
import pytest
import sympy

from xentproof import load_text
from xentproof.document import load_document
from xentproof.errors import FileFormatError, InputError
from xentproof.model import Step

HEAD = """title = "t"
[symbols]
alpha = "positive"
z = "real"
x = "real"
n = "positive integer"
N = "positive integer"
"y[i]" = "(0, 1)"
"w[i]" = "real"
ignore_index = "{-100}"
k = "integer"
"""


def read(latex: str, head: str = HEAD) -> sympy.Expr:
    step = f"{{ latex = {json.dumps(latex)} }}"
    again = f'{{ rel = "=", latex = {json.dumps(latex)} }}'
    text = head + f'[[chain]]\nname = "c"\nsteps = [{step}, {again}]\n'
    expr: sympy.Expr = load_text(text).chains[0].steps[0].expr
    return expr


def at(expr: sympy.Expr, **values: float) -> complex:
    """The expression at a point (family members y[1], y[2], … given as y1, y2, …; a
    symbol that shares its name with a family is put in after the members)."""
    bases = {str(m.base) for m in expr.atoms(sympy.Indexed)}

    def symbols(value: sympy.Basic, shared: bool) -> sympy.Basic:
        subs = {
            atom: sympy.Rational(str(values[atom.name]))
            for atom in value.atoms(sympy.Symbol)
            if atom.name in values and (atom.name in bases) == shared
        }
        return value.subs(subs).doit()

    value = symbols(expr.doit(), False)
    for _ in range(3):  # the members, innermost first
        found = {
            m: sympy.Rational(str(values[f"{m.base}{m.indices[0]}"]))
            for m in value.atoms(sympy.Indexed)
            if f"{m.base}{m.indices[0]}" in values
        }
        if not found:
            break
        value = value.subs(found).doit()
    return complex(sympy.N(symbols(value, True), 30))


def close(a: complex, b: mpmath.mpf) -> bool:
    return abs(a - complex(b)) < 1e-12 * (1 + abs(complex(b)))


# -- Unicode -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["α.( e^z – 1)", "α·(e^z − 1)", "\\alpha \\cdot (e^z - 1)", "α (e^{z} - 1)", "α.(e^z −1)"],
)
def test_unicode_letters_dashes_and_the_product_dot_read_as_they_show(written: str) -> None:
    # ML Glossary's ELU below 0: α(e^z − 1); at α = 3/2, z = -7/10
    meant = mpmath.mpf(3) / 2 * (mpmath.exp(mpmath.mpf(-7) / 10) - 1)
    assert close(at(read(written), alpha=1.5, z=-0.7), meant)


def test_elu_in_a_bmatrix_with_unicode_reads_as_its_cases() -> None:
    elu = read("\\begin{Bmatrix} z & z > 0 \\\\\nα.( e^z – 1) & z <= 0 \\end{Bmatrix}")
    for z in (-0.7, 0.0, 1.25):
        mz = mpmath.mpf(str(z))
        meant = mz if mz > 0 else 2 * (mpmath.exp(mz) - 1)
        assert close(at(elu, alpha=2, z=z), meant)


@pytest.mark.parametrize(
    "written",
    [
        "α — 1",  # an em dash is punctuation, no minus
        "2.z",  # a '.' after a number may be a decimal point
        "α..z",  # no product in an ellipsis
        "α.",  # nothing follows the dot
        "α ⊕ z",  # a character no table knows
        "α–z",  # an en dash between two terms: a minus, or a range?
        "α. \\quad z",  # a sentence's end, then a space: no product
        "α.\\text{ and } z",
    ],
)
def test_near_misses_of_plain_text_are_refused(written: str) -> None:
    with pytest.raises(InputError):
        read(written)


def test_unicode_inequality_reads_as_the_relation() -> None:
    cases = read("\\begin{cases} 1 & z ≤ 0 \\\\ 0 & z > 0 \\end{cases}")
    assert close(at(cases, z=0), mpmath.mpf(1))
    assert close(at(cases, z=0.5), mpmath.mpf(0))


# -- names in word fonts, members in code brackets -----------------------------------------


@pytest.mark.parametrize("font", ["\\text", "\\mathrm", "\\mathit", "\\operatorname"])
def test_an_escaped_underscore_spells_a_declared_name(font: str) -> None:
    # 𝟙{k ≠ ignore_index} at k = 3 is 1 (ignore_index is -100), at k = -100 it is 0
    expr = read(f"\\mathbb{{1}}\\{{k \\not= {font}{{ignore\\_index}}\\}}")
    assert close(at(expr, k=3, ignore_index=-100), mpmath.mpf(1))
    assert close(at(expr, k=-100, ignore_index=-100), mpmath.mpf(0))


@pytest.mark.parametrize("written", ["\\text{ignore\\_indexx}", "\\text{ignore\\_ind}"])
def test_a_word_that_is_no_declared_name_is_refused(written: str) -> None:
    with pytest.raises(InputError):
        read(f"k + {written}")


def test_code_brackets_write_a_member_of_a_family() -> None:
    expr = read("\\log(1 + \\exp(-y[1] * w[2]))")
    meant = mpmath.log(1 + mpmath.exp(-mpmath.mpf("0.25") * mpmath.mpf("-1.5")))
    assert close(at(expr, y1=0.25, w2=-1.5), meant)


def test_code_brackets_after_a_symbol_that_is_also_a_family_hold_plain_indices() -> None:
    # PyTorch declares x (the input) and x[i] (its elements): x[1] is the member
    head = HEAD + '"x[i]" = "real"\n'
    expr = read("x[1] + x", head)
    assert close(at(expr, x1=0.75, x=2), mpmath.mpf("2.75"))
    # near miss: x[1 - x] may be x times (1 - x): refused
    with pytest.raises(InputError, match="ambiguous"):
        read("x[1 - x] + 1", head)


def test_brackets_apart_from_a_family_are_no_member() -> None:
    with pytest.raises(InputError):
        read("y [1]")


# -- a sum that ends where its index goes on -----------------------------------------------


def read_step(latex: str, head: str = HEAD) -> Step:
    step = f"{{ latex = {json.dumps(latex)} }}"
    again = f'{{ rel = "=", latex = {json.dumps(latex)} }}'
    text = head + f'[[chain]]\nname = "c"\nsteps = [{step}, {again}]\n'
    return load_text(text).chains[0].steps[1]


def test_a_sum_whose_index_appears_after_its_end_is_read_as_tex_reads_it_with_a_warning() -> None:
    # d2l's erratum: Σ_{i=1}^{2} w_i log(y_i) ends at '+'; the term after it has i free,
    # the declared integer i (here 1)
    step = read_step("\\sum_{i=1}^{2} w_i \\log(y_i) + (1 - y_i) \\log(1 - y_i)")
    assert step.note is not None and "the sum over i ends at the '+'" in step.note
    y1, y2 = mpmath.mpf("0.25"), mpmath.mpf("0.75")
    w1, w2 = mpmath.mpf("0.5"), mpmath.mpf("-2")
    meant = w1 * mpmath.log(y1) + w2 * mpmath.log(y2) + (1 - y1) * mpmath.log(1 - y1)
    got = at(step.expr, w1=0.5, w2=-2, y1=0.25, y2=0.75, i=1)
    assert close(got, meant)


@pytest.mark.parametrize("written", ["- \\sum_{i=1}^{n} w_i - y_i", "\\sum^n_{i=1} w_i + 2 w_i"])
def test_every_sum_that_its_index_outlives_is_warned(written: str) -> None:
    step = read_step(written)
    assert step.note is not None and "read as TeX reads it" in step.note


@pytest.mark.parametrize(
    "written",
    [
        "\\sum_{i=1}^{n} w_i + n",
        "\\sum_{i=1}^{n} (w_i + y_i)",
        "\\sum_{i=1}^{n} w_i + \\sum_{i=1}^{n} y_i",
    ],
)
def test_no_warning_where_the_index_stays_inside(written: str) -> None:
    assert read_step(written).note is None


def test_a_definition_whose_sum_the_index_outlives_is_refused(tmp_path: Path) -> None:
    text = (
        "% xentproof: symbols: w_i \\in \\mathbb{R}, n \\in \\mathbb{Z}_{>0}\n"
        "% xentproof: symbols: i \\in \\mathbb{Z}_{>0}\n"
        "% xentproof: let: L = \\sum_{i=1}^{n} w_i + w_i\n"
        "\\[ L = L \\]\n"
    )
    path = tmp_path / "doc.tex"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="read as TeX reads it"):
        load_document(path)


def test_a_sum_followed_by_terms_without_its_index_is_read() -> None:
    # near miss: Σ_{i=1}^{2} w_i + n, and a second sum that binds i again
    expr = read("\\sum^{2}_{i=1} w_i + n + \\sum_{i=1}^{2} y_i")
    meant = mpmath.mpf("0.5") + mpmath.mpf("-2") + 3 + mpmath.mpf("0.25") + mpmath.mpf("0.75")
    assert close(at(expr, w1=0.5, w2=-2, n=3, y1=0.25, y2=0.75), meant)


def test_a_bracketed_sum_body_goes_on() -> None:
    expr = read("\\sum_{i=1}^{2} (w_i + 2 w_i)")
    assert close(at(expr, w1=0.5, w2=-2), 3 * (mpmath.mpf("0.5") - 2))


# -- lambda --------------------------------------------------------------------------------


def test_lambda_is_refused_as_a_name_and_lamda_reads_as_backslash_lambda() -> None:
    with pytest.raises(FileFormatError, match="lamda"):
        read("x", HEAD + 'lambda = "positive"\n')
    expr = read("\\lambda x + λ", HEAD + 'lamda = "positive"\n')
    assert close(at(expr, lamda=0.5, x=3), mpmath.mpf("2"))


# -- documents -----------------------------------------------------------------------------


def _document(tmp_path: Path, name: str, text: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    derivation = load_document(path)
    return [step.text for chain in derivation.chains for step in chain.steps]


def test_a_let_head_with_tex_spaces_defines_the_function(tmp_path: Path) -> None:
    text = (
        "% xentproof: symbols: a \\in (0, 1), b \\in (0, 1)\n"
        "% xentproof: let: L(a,\\ b) = a \\log \\frac{a}{b}\n"
        "\\[ L(a,\\ b) = a \\log a - a \\log b \\]\n"
    )
    steps = _document(tmp_path, "doc.tex", text)
    assert steps and steps[0].startswith("L(")


def test_double_bars_written_three_ways_name_one_functional(tmp_path: Path) -> None:
    text = (
        "<!-- xentproof: symbols: p_x \\in (0, 1), q_x \\in (0, 1), K \\in \\mathbb{Z}_{>0} -->\n"
        "<!-- xentproof: range: x = 1..K -->\n"
        "<!-- xentproof: let: D_{KL}(p||q) = \\sum_x p_x \\log \\frac{p_x}{q_x} -->\n"
        "$$ D\\_{KL}(p\\|\\|q) = D_{KL}(p \\Vert q) = D_{KL}(p\\|q) $$\n"
    )
    steps = _document(tmp_path, "post.md", text)
    assert len(steps) == 3 and len(set(steps)) == 1


def test_a_single_escaped_bar_in_markdown_is_no_pair(tmp_path: Path) -> None:
    # near miss: \| alone stays LaTeX's ‖, so p\|q|q is no D_{KL}(p‖q) (and is refused)
    text = (
        "<!-- xentproof: symbols: p_x \\in (0, 1), q_x \\in (0, 1), K \\in \\mathbb{Z}_{>0} -->\n"
        "<!-- xentproof: range: x = 1..K -->\n"
        "<!-- xentproof: let: D_{KL}(p||q) = \\sum_x p_x \\log \\frac{p_x}{q_x} -->\n"
        "$$ D_{KL}(p\\||q) = D_{KL}(p|q) $$\n"
    )
    assert _document(tmp_path, "post.md", text) == []


# -- the dots of a sum ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "w_1 y_1 + ... + w_ny_n + x",  # ethen's notebook: w_1x_1 + ... + w_mx_m + b
        "w_1 y_1 + w_2 y_2 + \\dots + w_n y_n + x",
        "w_1 \\cdot y_1 + \\cdots + w_{n} \\cdot y_{n} + x",
        "x + w_1 y_1 + \\ldots + w_n y_n",
    ],
)
def test_the_dots_between_terms_are_the_terms_between(written: str) -> None:
    # n = 3: w·y summed over 1..3, plus x
    w = [mpmath.mpf("0.5"), mpmath.mpf("-2"), mpmath.mpf("1.25")]
    y = [mpmath.mpf("0.25"), mpmath.mpf("0.75"), mpmath.mpf("0.125")]
    meant = sum(a * b for a, b in zip(w, y, strict=True)) + mpmath.mpf("0.3")
    values = {f"w{k + 1}": float(w[k]) for k in range(3)}
    values |= {f"y{k + 1}": float(y[k]) for k in range(3)}
    assert close(at(read(written), n=3, x=0.3, **values), meant)


def test_terms_before_the_dots_that_do_not_continue_stay_as_written() -> None:
    # x + 2 + w_1 + ... + w_n is x + 2 + (w_1 + … + w_n)
    values = {"w1": 0.5, "w2": -2.0, "w3": 1.25}
    meant = mpmath.mpf("0.3") + 2 + mpmath.mpf("0.5") + mpmath.mpf("-2") + mpmath.mpf("1.25")
    assert close(at(read("x + 2 + w_1 + ... + w_n"), n=3, x=0.3, **values), meant)


@pytest.mark.parametrize(
    "written",
    [
        "w_1 + w_3 + ... + w_n",  # 1, 3, …: odd terms, or w_1 then 3, 4, …?
        "w_2 + w_1 + ... + w_n",  # a term of the same shape that does not continue
        "w_1 y_2 + ... + w_n y_n",  # two numbers change
        "w_1 - ... - w_n",  # dots between minus signs
        "w_1 + ... + y_n",  # no one pattern
        "w_1 + ...",  # no last term
    ],
)
def test_dots_without_one_pattern_are_refused(written: str) -> None:
    with pytest.raises(InputError):
        read(written)


@pytest.mark.parametrize("written", ["x \\| z", "x ‖ z", "\\Vert x \\Vert"])
def test_a_double_bar_outside_a_declared_functional_is_refused(written: str) -> None:
    with pytest.raises(InputError):
        read(written)


# -- redteam-7: dots that count down, a '.' before digits ----------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "w_3 + \\dots + w_1",  # read as the sum from 3 to 1, it was empty (0 = … PROVED)
        "w_1 + w_2 + w_3 + \\dots + w_2",  # read as w_1 + w_2, the w_3 written was lost
        "w_2 + \\cdots + w_1",
    ],
)
def test_dots_whose_last_term_comes_before_the_written_ones_are_refused(written: str) -> None:
    with pytest.raises(InputError):
        read(written)


@pytest.mark.parametrize("written", ["w_1 + \\dots + w_3", "w_1 + w_2 + \\dots + w_3"])
def test_dots_up_to_a_number_after_the_written_terms_are_the_terms_between(written: str) -> None:
    values = {"w1": 0.5, "w2": -2.0, "w3": 1.25}
    assert close(at(read(written), **values), mpmath.mpf("-0.25"))


@pytest.mark.parametrize("written", ["x.2", "x .2", "w_{1}.5", "(x).5"])
def test_a_dot_between_a_factor_and_digits_is_refused(written: str) -> None:
    # x.2 was read as x·0.2; the product dot of plain text (α.e^z) reads it as x·2
    with pytest.raises(InputError):
        read(written)


@pytest.mark.parametrize(
    ("written", "meant"), [("x \\cdot .5", "1.5"), ("x - .5", "2.5"), ("x(.5)", "1.5")]
)
def test_a_leading_dot_decimal_after_an_operator_or_bracket_is_read(
    written: str, meant: str
) -> None:
    assert close(at(read(written), x=3), mpmath.mpf(meant))
