"""A display about a member of a family defined member by member is a claim, checked.

With ``let: L_i = t p_i``, the display ``L_1 = 5`` was taken for a definition of a new name
L1 (its fate 'definition', no verdict), so a false statement about L_1 went unchecked;
``I(s_1) = 5`` after ``let: I(s_i) = -\\log(p_i)`` likewise. A head that already reads as a
quantity is now a claim about it. Near misses: a new name is still defined."""

from __future__ import annotations

from pathlib import Path

import pytest

from xentproof.document import load_document_text
from xentproof.result import Verdict

HEAD = (
    "<!-- xentproof: symbols: k \\in \\mathbb{Z}_{>0},\\; i \\in \\mathbb{Z}_{>0},\\; "
    "t \\in \\mathbb{R},\\; p_i \\in (0, 1) -->\n<!-- xentproof: range: i = 1..k -->\n"
)
LOSS = "<!-- xentproof: let: L_i = t p_i -->\n"
OUTCOME = "<!-- xentproof: let: I(s_i) = -\\log(p_i) -->\n"


def _fates(text: str) -> list[str]:
    derivation = load_document_text(text, "doc.md", markdown=True)
    assert derivation.coverage is not None
    return [d.fate.value for d in derivation.coverage.displays]


def _verdicts(tmp_path: Path, text: str) -> list[Verdict]:
    from xentproof import api

    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report = api.check_paths([path], timeout=20)
    assert not report.errors, [e.message for e in report.errors]
    return [r.verdict for r in report.relations]


@pytest.mark.parametrize(
    ("let", "display"),
    [(LOSS, "L_1 = 5"), (OUTCOME, "I(s_1) = 5"), (OUTCOME, "I(s_2) = \\log p_2")],
)
def test_a_false_claim_about_a_member_is_refuted_not_taken_for_a_definition(
    tmp_path: Path, let: str, display: str
) -> None:
    text = f"{HEAD}{let}\n$$\n{display}\n$$\n"
    assert _fates(text) == ["chain"]
    assert _verdicts(tmp_path, text) == [Verdict.REFUTED]


def test_a_true_claim_about_a_member_is_proved(tmp_path: Path) -> None:
    text = f"{HEAD}{OUTCOME}\n$$\nI(s_1) = -\\log p_1\n$$\n"
    assert _verdicts(tmp_path, text) == [Verdict.PROVED]


def test_a_new_name_is_still_defined() -> None:
    assert _fates(f"{HEAD}{LOSS}\n$$\ng = t^2\n$$\n") == ["definition"]
    assert _fates(f"{HEAD}{LOSS}\n$$\nM_1 = t^2\n$$\n") == ["definition"]
