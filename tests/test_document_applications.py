"""A declared function applied to an expression of vectors is a step, not a definition
(documents-7): ``\\sigma(\\mathbf{w}^\\top \\mathbf{x}_i) = …`` starting a display read as
the definition of a functional named ``sigma_w_top_x_i``, since an inner product passed for
one bold argument. Ground truth: mpmath, at a sample point."""

from __future__ import annotations

from pathlib import Path

import mpmath
import pytest

from xentproof import api
from xentproof.document import load_document_text
from xentproof.document.heads import functional_head
from xentproof.errors import DocumentError
from xentproof.result import Verdict

HEAD = (
    "<!-- xentproof: symbols: n \\in \\mathbb{Z}_{>0},\\; p \\in \\mathbb{Z}_{>0},\\; "
    "i \\in \\{1, \\dots, n\\} -->\n"
    "<!-- xentproof: symbols: \\mathbf{w} \\in \\mathbb{R}^{p},\\; "
    "\\mathbf{x}_i \\in \\mathbb{R}^{p} -->\n"
    "<!-- xentproof: let: \\sigma(t) = \\frac{1}{1 + e^{-t}} -->\n"
)


def document(display: str) -> str:
    return f"{HEAD}\n$$\n{display}\n$$\n"


def verdicts(text: str, tmp_path: Path) -> list[Verdict]:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report = api.check_paths([path], timeout=30)
    assert not report.errors, [e.message for e in report.errors]
    return [r.verdict for r in report.relations]


def test_a_declared_function_of_an_inner_product_is_a_step(tmp_path: Path) -> None:
    """σ(wᵀx_i) = 1/(1 + e^{−wᵀx_i}) (pystatsml's model) is proved; the near miss without
    the minus is refuted. mpmath: at wᵀx = 0.7 the two sides are 0.668… and 0.331…"""
    z = mpmath.mpf("0.7")
    assert not mpmath.almosteq(1 / (1 + mpmath.e**-z), 1 / (1 + mpmath.e**z))
    right = (
        "\\sigma(\\mathbf{w}^\\top \\mathbf{x}_i) = "
        "\\frac{1}{1 + e^{-\\mathbf{w}^\\top \\mathbf{x}_i}}"
    )
    wrong = right.replace("e^{-", "e^{")
    assert verdicts(document(right), tmp_path) == [Verdict.PROVED]
    assert verdicts(document(wrong), tmp_path) == [Verdict.REFUTED]


def test_the_display_is_a_chain_not_a_definition() -> None:
    text = document(
        "\\sigma(\\mathbf{w}^\\top \\mathbf{x}_i) = \\sigma(\\mathbf{w}^\\top \\mathbf{x}_i)"
    )
    derivation = load_document_text(text, "doc.md", markdown=True)
    assert len(derivation.chains) == 1


def test_a_functional_takes_bold_names_not_expressions_of_them() -> None:
    def anything(latex: str) -> bool:
        return False

    assert functional_head("\\sigma(\\mathbf{w}^\\top \\mathbf{x}_i)", anything) is None
    assert functional_head("\\sigma(\\mathbf{w} + \\mathbf{x})", anything) is None
    found = functional_head("\\mathrm{CE}(\\mathbf{y}, \\mathbf{p})", anything)
    assert found is not None and found.functional


# -- a quantity of the i-th example: let: P(y_i \mid \mathbf{x}_i; \mathbf{w}) = … ----------

LIKELIHOOD_HEAD = (
    "<!-- xentproof: symbols: n \\in \\mathbb{Z}_{>0},\\; p \\in \\mathbb{Z}_{>0},\\; "
    "i \\in \\mathbb{Z}_{>0},\\; j \\in \\mathbb{Z}_{>0},\\; y_i \\in \\{0, 1\\},\\; "
    "\\hat{p}_i \\in (0, 1) -->\n"
    "<!-- xentproof: symbols: \\mathbf{w} \\in \\mathbb{R}^{p},\\; "
    "\\mathbf{x}_i \\in \\mathbb{R}^{p} -->\n"
    "<!-- xentproof: let: P(y_i \\mid \\mathbf{x}_i; \\mathbf{w}) = "
    "\\hat{p}_i^{y_i} (1 - \\hat{p}_i)^{1 - y_i} -->\n"
)


def likelihood_document(display: str) -> str:
    return f"{LIKELIHOOD_HEAD}\n$$\n{display}\n$$\n"


def test_the_likelihood_of_an_example_is_its_body_at_the_written_index(tmp_path: Path) -> None:
    """pystatsml's Bernoulli likelihood, at the index j: log P(y_j | x_j; w) = y_j log p_j +
    (1 − y_j) log(1 − p_j); the near miss with log p_j twice is refuted. mpmath: at p = 0.3,
    y = 0 the sides are log 0.7 = −0.356… and the near miss's log 0.3 = −1.20…"""
    pr = mpmath.mpf("0.3")
    for y in (0, 1):
        left = mpmath.log(pr**y * (1 - pr) ** (1 - y))
        assert mpmath.almosteq(left, y * mpmath.log(pr) + (1 - y) * mpmath.log(1 - pr))
    assert not mpmath.almosteq(mpmath.log(1 - pr), mpmath.log(pr))
    right = (
        "\\log P(y_j \\mid \\mathbf{x}_j; \\mathbf{w}) = "
        "y_j \\log \\hat{p}_j + (1 - y_j) \\log(1 - \\hat{p}_j)"
    )
    wrong = right.replace("\\log(1 - \\hat{p}_j)", "\\log \\hat{p}_j")
    assert verdicts(likelihood_document(right), tmp_path) != [Verdict.REFUTED]
    assert verdicts(likelihood_document(wrong), tmp_path) == [Verdict.REFUTED]


def test_the_likelihood_reads_as_the_family_member() -> None:
    display = "- \\sum_{i=1}^n \\log P(y_i \\mid \\mathbf{x}_i; \\mathbf{w}) = 0"
    derivation = load_document_text(likelihood_document(display), "doc.md", markdown=True)
    (chain,) = derivation.chains
    assert "P_y_x_w[i]" in chain.steps[0].text


def test_the_head_written_at_two_indices_is_not_read() -> None:
    display = "\\log P(y_i \\mid \\mathbf{x}_j; \\mathbf{w}) = 0"
    derivation = load_document_text(likelihood_document(display), "doc.md", markdown=True)
    assert not derivation.chains


def test_a_head_at_two_declared_indices_is_an_input_error_naming_them() -> None:
    head = LIKELIHOOD_HEAD.replace("\\mathbf{x}_i; \\mathbf{w}) =", "\\mathbf{x}_j; \\mathbf{w}) =")
    with pytest.raises(DocumentError, match="written at the indices i, j"):
        load_document_text(f"{head}\n$$\na = a\n$$\n", "doc.md", markdown=True)


MEMBER_AT_J = (
    "P(y_j \\mid \\mathbf{x}_j; \\mathbf{w}) = \\hat{p}_j^{y_j} (1 - \\hat{p}_j)^{1 - y_j}"
)


def test_the_member_is_the_body_at_its_own_index_not_the_defining_one(tmp_path: Path) -> None:
    right = MEMBER_AT_J
    wrong = right.replace("= \\hat{p}_j^{y_j}", "= \\hat{p}_i^{y_j}")
    assert verdicts(likelihood_document(right), tmp_path) == [Verdict.PROVED]
    assert verdicts(likelihood_document(wrong), tmp_path) == [Verdict.REFUTED]


def test_without_a_condition_bar_the_head_is_no_quantity_of_an_example() -> None:
    """l(y_i, x_i) of declared y and x: l at those values, or the i-th example's loss? Not
    guessed: such a let: is refused (as I(s_i) of a declared s is)."""
    head = LIKELIHOOD_HEAD.replace("P(y_i \\mid \\mathbf{x}_i; \\mathbf{w})", "l(y_i, \\hat{p}_i)")
    with pytest.raises(DocumentError):
        load_document_text(f"{head}\n$$\na = a\n$$\n", "doc.md", markdown=True)


def test_a_display_defines_the_likelihood_as_a_let_does(tmp_path: Path) -> None:
    """pystatsml and cs231n write the definition as a display of its own."""
    let = LIKELIHOOD_HEAD.split("<!-- xentproof: let:")[0]
    right = MEMBER_AT_J
    definition = "$$\n" + right.replace("_j", "_i").replace("{y_j}", "{y_i}") + "\n$$\n"
    wrong = right.replace("= \\hat{p}_j^{y_j}", "= \\hat{p}_i^{y_j}")
    for display, expected in ((right, Verdict.PROVED), (wrong, Verdict.REFUTED)):
        text = f"{let}\n{definition}\n$$\n{display}\n$$\n"
        assert verdicts(text, tmp_path) == [expected]
