"""The appendix of a chain of each kind of step (equality, inequality, limit, derivative,
sum, equation, erratum, figure, and a row too long for a column): golden files of the
default and the full detail, its compile in a two-column article, and the pieces it is
made of (numbers, the mathematics of conditions, rows that break)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import mpmath
import pytest

from tests.latex_compile import compile_document, faults, paper, pdflatex
from xentproof import api
from xentproof.loader import load_file
from xentproof.model import Notation
from xentproof.render.latex_facts import mixed_text
from xentproof.render.latex_math import MathText, exact_latex, number_latex
from xentproof.render.latex_rows import break_rows
from xentproof.tex.printer import expression_latex, expression_pieces

ROOT = Path(__file__).resolve().parents[1]
KINDS = "tests/data/appendix-kinds.toml"


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.mark.parametrize("detail", ["default", "full"])
def test_golden_kinds(at_root: Path, golden: Callable[[str, str], None], detail: str) -> None:
    made = api.appendix([KINDS], timeout=20, detail=detail)
    assert not made.refused, made.failing
    golden(f"appendix-kinds-{detail}.tex", made.text)


def test_the_kinds_file_has_every_kind_of_step() -> None:
    derivation = load_file(ROOT / KINDS)
    texts = " ".join(step.text for chain in derivation.chains for step in chain.steps)
    for kind in ("Limit(", "Derivative(", "Sum(", "Pyx = "):
        assert kind in texts
    rels = {step.rel for chain in derivation.chains for step in chain.steps}
    assert {"=", ">", "<=>"} <= rels
    assert any(step.expect == "refuted" for c in derivation.chains for step in c.steps)
    assert any(chain.plot is not None for chain in derivation.chains)


@pytest.mark.tex
def test_the_kinds_compile_in_two_columns(at_root: Path, tmp_path: Path) -> None:
    pdflatex()
    for detail in ("default", "full"):
        # a folder of its own per detail: latexmk reuses an earlier run's .aux/.fdb_latexmk
        # and may stop one pass short ("Label(s) may have changed") when only an \\input
        # file changed between two compiles in one folder
        folder = tmp_path / detail
        folder.mkdir()
        text = api.appendix([KINDS], timeout=20, detail=detail).text
        (folder / "fragment.tex").write_text(text, encoding="utf-8")
        (folder / "paper.tex").write_text(
            paper("\\input{fragment}", twocolumn=True), encoding="utf-8"
        )
        assert faults(compile_document(folder, "paper.tex")) == [], detail


def test_the_erratum_shows_its_counterexample_as_mathematics(at_root: Path) -> None:
    text = api.appendix([KINDS], timeout=20).text
    erratum = text[text.index("Erratum: erratum") :]
    # y-hat = 1/2 exactly as a short decimal, the sides' values to 6 significant digits
    assert "$\\hat{y} = 0.5$" in erratum
    assert "\\approx 0.693147$" in erratum and "\\approx -0.693147$" in erratum
    assert "yhat" not in erratum.split("\\begin{figure}")[0]  # no internal names


@pytest.mark.parametrize(
    "value",
    ["0.39749693845898750847", "-0.64817381491721415124", "1.3132616875182228340", "123456.7891"],
)
def test_numbers_have_6_significant_digits(value: str) -> None:
    shown = number_latex(value)
    exact = mpmath.mpf(value)
    assert len(shown.lstrip("-").replace(".", "").lstrip("0")) <= 6
    assert abs(mpmath.mpf(shown) - exact) <= abs(exact) * mpmath.mpf("5e-6")


def test_short_exact_values_are_exact() -> None:
    assert number_latex("-1.0000000000000000000") == "-1"
    assert exact_latex("-1") == "-1"
    assert exact_latex("41/125") == "0.328"
    assert exact_latex("1/3") == "\\frac{1}{3}"
    assert exact_latex("log(2)") == ""
    assert number_latex("1.5e-9") == "1.5 \\cdot 10^{-9}"


def test_conditions_read_back_with_the_derivation_s_names() -> None:
    math = MathText(load_file(ROOT / "derivations/binary.toml"))
    assert math.fact("ŷ^y·(1 − ŷ)^(1 − y) > 0") == "\\hat{y}^{y} (1 - \\hat{y})^{1 - y} > 0"
    assert math.fact("(1 − yhat[i])^(1 − y[i]) > 0") == "(1 - \\hat{y}^{(i)})^{1 - y^{(i)}} > 0"
    assert math.membership("Pyx real") == "P_{y \\mid x} \\in \\mathbb{R}"
    assert math.membership("y ∈ {0, 1}") == "y \\in \\{0, 1\\}"
    # what does not read back is None, never a guess
    assert math.fact("zeta > 0") is None
    assert math.fact("{ŷ if i = 1; 1 − ŷ otherwise} > 0") is None


def test_a_limit_condition_is_typeset() -> None:
    math = MathText(load_file(ROOT / "derivations/loss_shape.toml"))
    shown = math.fact("lim[ŷ→0⁺] −log(ŷ) = ∞")
    assert shown == "\\lim_{\\hat{y} \\to {0}^{+}} (-\\log(\\hat{y})) = \\infty"
    near = math.fact("ŷ > 0 near ŷ = 0⁺")
    assert near == "\\hat{y} > 0 \\text{ as } \\hat{y} \\to {0}^{+}"


def test_sentences_mixing_prose_and_mathematics_typeset_the_mathematics() -> None:
    math = MathText(load_file(ROOT / "derivations/binary.toml"))
    shown = mixed_text(
        math, "where log(Pyx) = log(ŷ) holds, the other equation is defined: Pyx > 0, ŷ ≠ 0"
    )
    assert shown == (
        "where $\\log(P_{y \\mid x}) = \\log(\\hat{y})$ holds, the other equation is"
        " defined: $P_{y \\mid x} > 0$, $\\hat{y} \\neq 0$"
    )
    # a fresh variable of one letter, words peeled off both ends, a substitution's limit
    assert mixed_text(math, "ŷ = 1/(1 + u), u > 0, so ŷ > 0") == (
        "$\\hat{y} = \\frac{1}{1 + u}$, $u > 0$, so $\\hat{y} > 0$"
    )
    assert mixed_text(math, "Pyx > 0 at the solutions, from y ∈ {0, 1}") == (
        "$P_{y \\mid x} > 0$ at the solutions, from $y \\in \\{0, 1\\}$"
    )
    assert mixed_text(math, "through t = exp(s) → 0+") == "through $t = e^{s} \\to {0}^{+}$"
    assert math.membership("1 − y ∈ ℤ") == "1 - y \\in \\mathbb{Z}"


def test_what_does_not_read_back_in_a_sentence_stays_escaped_text() -> None:
    math = MathText(load_file(ROOT / "derivations/binary.toml"))
    # an unknown name of several letters is never typeset as a product of letters
    assert "$" not in mixed_text(math, "zeta > 0 holds")
    # prose alone stays prose (words are not names of one letter each)
    assert mixed_text(math, "the difference of the sides is real") == (
        "the difference of the sides is real"
    )
    assert mixed_text(math, "the sum is a number, a > 0") == "the sum is a number, $a > 0$"
    # a text the printer refuses (two '=' in one equation) is not read back, never an error
    assert math.expression("y = z = 1") is None
    assert "$" not in mixed_text(math, "x = y = z = 1")
    # TeX's special characters in the text are escaped, never passed through
    hostile = mixed_text(math, "a $\\input{x}$ & b % c")
    assert "\\input{x}" not in hostile and "%" not in hostile.replace("\\%", "")


def test_broken_rows_hold_the_same_formula() -> None:
    notation = Notation({"yhat": "\\hat{y}"})
    text = "-Sum(y[i]*log(yhat[i]) + (1 - y[i])*log(1 - yhat[i]), (i, 1, N)) + x*(a + b + c)"
    pieces = expression_pieces(text, notation)
    flat = expression_latex(text, notation)
    assert "".join(p for _, p in pieces) == flat
    for budget in (60.0, 120.0, 200.0, 1000.0):
        lines = break_rows(pieces, budget, 20.0)
        assert " ".join(lines).split() == flat.split()
    assert len(break_rows(pieces, 1000.0, 20.0)) == 1
    assert len(break_rows(pieces, 120.0, 20.0)) > 1


def test_brackets_grow_only_around_tall_content() -> None:
    notation = Notation()
    assert expression_latex("log(1 - x)", notation) == "\\log(1 - x)"
    assert expression_latex("log(1 + 1/x)", notation) == "\\log\\!\\left(1 + \\frac{1}{x}\\right)"
    assert expression_latex("-log(1/(1 + x))", notation) == "-\\log\\frac{1}{1 + x}"
    assert expression_latex("-Sum(a[i], (i, 1, N))", notation) == "-\\sum_{i=1}^{N} a^{(i)}"
    # a factor after -Σ must not join its operand
    assert expression_latex("-Sum(a[i], (i, 1, N))*c", notation) == (
        "\\left(-\\sum_{i=1}^{N} a^{(i)}\\right) c"
    )


def test_a_sign_before_a_signed_operand_keeps_its_brackets() -> None:
    notation = Notation()
    assert expression_latex("-(-2)*w", notation) == "-(-2) w"
    assert expression_latex("exp(-(-2)*w - 1)", notation) == "e^{-(-2) w - 1}"
    assert expression_latex("-(+w)", notation) == "-(+w)"
