"""A declared function applied to an expression of vectors is a step, not a definition
(documents-7): ``\\sigma(\\mathbf{w}^\\top \\mathbf{x}_i) = …`` starting a display read as
the definition of a functional named ``sigma_w_top_x_i``, since an inner product passed for
one bold argument. Ground truth: mpmath, at a sample point."""

from __future__ import annotations

from pathlib import Path

import mpmath

from xentproof import api
from xentproof.document import load_document_text
from xentproof.document.heads import functional_head
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
