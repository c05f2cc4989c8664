"""The indicator and the conditions texts write: ``\\mathbb{1}(c)``, ``\\mathbb{1}\\{c\\}``,
``\\mathds{1}_{\\{c\\}}``, Iverson's ``[y = k]`` (1 where c holds, else 0), ``<=`` and ``>=``
typed as two characters (≤ and ≥, as they show), and cases written in a ``Bmatrix`` (ML
Glossary's ReLU), every row a value and its condition.

Ground truth: the definition, 1 if the condition holds else 0, evaluated in plain Python at
the counterexample points named in the comments."""

from __future__ import annotations

import json

import pytest

from xentproof import api, load_text
from xentproof.errors import InputError
from xentproof.result import Verdict

HEAD = """title = "t"
[symbols]
x = "real"
y = "real"
k = "integer"
"""


def chain(first: str, second: str) -> str:
    return (
        HEAD
        + f'[[chain]]\nname = "c"\nsteps = [{{ latex = {json.dumps(first)} }}, '
        + f'{{ rel = "=", latex = {json.dumps(second)} }}]\n'
    )


def verdicts(first: str, second: str) -> list[Verdict]:
    report = api.check([load_text(chain(first, second))], timeout=30)
    return [r.verdict for r in report.relations]


def _indicator(holds: bool) -> int:
    return 1 if holds else 0


@pytest.mark.parametrize(
    "written",
    [
        "\\mathbb{1}(x \\ge y)",
        "\\mathbb{1}(x >= y)",
        "\\mathbb 1 (x \\geq y)",
        "\\mathbb{1}\\{x \\ge y\\}",
        "\\mathds{1}_{\\{x \\ge y\\}}",
        "\\mathbb{1}_{x \\ge y}",
        "[x \\ge y]",
    ],
)
def test_an_indicator_is_one_where_its_condition_holds(written: str) -> None:
    cases = "\\begin{cases} 1 & x \\ge y \\\\ 0 & \\text{otherwise} \\end{cases}"
    assert verdicts(written, cases) == [Verdict.PROVED]


@pytest.mark.parametrize(
    ("written", "other"),
    [
        # at x = 1, y = 0: 1(x >= y) = 1, 1(x < y) = 0
        ("\\mathbb{1}(x >= y)", "\\mathbb{1}(x < y)"),
        # at x = 1, y = 0: [x >= y] = 1, 1 - [x >= y] = 0
        ("[x \\ge y]", "1 - [x \\ge y]"),
        # at x = 0, y = 1: 1(x <= y) = 1, 0
        ("\\mathbb{1}(x <= y)", "0"),
    ],
)
def test_an_indicator_is_not_its_complement(written: str, other: str) -> None:
    assert _indicator(1 >= 0) != _indicator(1 < 0)
    assert _indicator(0 <= 1) != 0
    assert verdicts(written, other) == [Verdict.REFUTED]


def test_typed_le_in_cases_of_a_bmatrix() -> None:
    # ReLU as ML Glossary writes it; max(z, 0) at z = -1 is 0, at z = 2 is 2
    relu = "\\begin{Bmatrix} x & x > 0 \\\\ 0 & x <= 0 \\end{Bmatrix}"
    assert verdicts(relu, "\\max(x, 0)") == [Verdict.PROVED]
    assert verdicts(relu, "x") == [Verdict.REFUTED]  # at x = -1: 0 vs -1


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("\\mathbb{1}", "condition"),  # no condition
        ("\\mathbb{1} x", "condition"),
        ("\\begin{Bmatrix} x \\\\ y \\end{Bmatrix}", "condition"),  # a column: no cases
        ("\\begin{Bmatrix} x & x > 0 \\end{cases}", "Bmatrix"),  # mismatched end
        ("\\mathbb{R}", "mathbb"),  # a set is no expression
    ],
)
def test_what_is_no_indicator_or_cases_is_refused(written: str, why: str) -> None:
    with pytest.raises(InputError, match=why):
        load_text(chain(written, "x"))


def test_not_equals_is_ne() -> None:
    # 1(x != 0) at x = 0 is 0, at x = 1 is 1: the same as 1 - 1(x = 0), not as 1(x = 0)
    assert verdicts("\\mathbb{1}(x \\not= 0)", "1 - \\mathbb{1}(x = 0)") == [Verdict.PROVED]
    assert verdicts("\\mathbb{1}(x \\not= 0)", "\\mathbb{1}(x = 0)") == [Verdict.REFUTED]


BOLD = """title = "t"
[symbols]
"zz[k]" = "real"
"w[k]" = "real"
k = "positive integer"
[latex]
index = "subscript"
zz = '{entry}'
w = 'w'
"""


@pytest.mark.parametrize("entry", ["\\bm{z}", "\\boldsymbol{z}"])
def test_bm_is_boldsymbol_in_text_and_in_the_latex_table(entry: str) -> None:
    # \bm (bm package) and \boldsymbol (amsmath) set the same glyph: one name
    steps = (
        '[[chain]]\nname = "c"\nsteps = [{ latex = "\\\\bm z_k + \\\\boldsymbol{z}_k" }, '
        '{ rel = "=", latex = "2 \\\\bm{z}_{k}" }, { rel = "=", latex = "2 w_k" }]\n'
    )
    derivation = load_text(BOLD.replace("{entry}", entry) + steps)
    verdicts_seen = [r.verdict for r in api.check([derivation], timeout=30).relations]
    assert verdicts_seen == [Verdict.PROVED, Verdict.REFUTED]  # zz[k] is no w[k]
    assert "\\bm" not in derivation.notation.names.get("zz", "")


def test_bm_in_a_name_written_with_several_tokens() -> None:
    # z declared as the score θᵀx: \bm{\theta}^\top \mathbf{x} is z; 1/(1 + e^{-z}) at z = 0
    # is 1/2, so it is not 1/(1 + e^{z}) + 1/2 there (1/2 + 1/2 = 1)
    text = (
        'title = "t"\n[symbols]\nz = "real"\n[latex]\nz = "\\\\boldsymbol{\\\\theta}^\\\\top '
        '\\\\mathbf{x}"\n[[chain]]\nname = "c"\nsteps = ['
        '{ latex = "\\\\frac{1}{1 + \\\\exp(-\\\\bm{\\\\theta}^\\\\top \\\\mathbf{x})}" }, '
        '{ rel = "=", expr = "1/(1 + exp(-z))" }, '
        '{ rel = "=", expr = "1/(1 + exp(z)) + 1/2" }]\n'
    )
    report = api.check([load_text(text)], timeout=30)
    assert [r.verdict for r in report.relations] == [Verdict.PROVED, Verdict.REFUTED]
