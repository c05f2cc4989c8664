"""What a text leaves unsaid, declared once: ``range:`` for a sum written without its range
(``\\sum_j``, ``\\sum_{j}^{C}``, ``\\sum_{x \\in \\mathcal{X}}``) and ``log-base:`` for a
text whose ``\\log`` is base 2. Without the declaration such a sum is refused, never read
with a guessed range.

Ground truth: a sum over its declared range is, by definition, the same sum written with
those bounds; log_2 8 = 3 and ln 8 ≈ 2.0794 (mpmath) ≠ 3."""

from __future__ import annotations

import re

import mpmath
import pytest

from xentproof import api, load_text
from xentproof.document import load_document_text
from xentproof.errors import DocumentError, FileFormatError, InputError
from xentproof.result import Verdict

HEAD = """title = "t"
[symbols]
N = "positive integer"
j = "positive integer"
x = "positive integer"
"a[j]" = "real"
"p[x]" = "(0, 1)"
[latex]
index = "subscript"
"""


def verdicts(latex: dict[str, str], first: str, second: str) -> list[Verdict]:
    extra = "".join(f"{key} = {value}\n" for key, value in latex.items())
    text = (
        HEAD
        + extra
        + f"[[chain]]\nname = \"c\"\nsteps = [{{ latex = '{first}' }}, "
        + f"{{ latex = '{second}' }}]\n"
    )
    report = api.check([load_text(text)], timeout=20)
    return [r.verdict for r in report.relations]


RANGE = {"range": '{ j = "1..N" }'}


@pytest.mark.parametrize(
    "written",
    ["\\sum_j a_j", "\\sum_{j} a_j", "\\sum_{j}^{N} a_j", "\\sum^N_{j=1} a_j", "\\sum_j^N a_j"],
)
def test_a_sum_without_its_range_reads_over_the_declared_range(written: str) -> None:
    assert verdicts(RANGE, written, "\\sum_{j=1}^{N} a_j") == [Verdict.PROVED]


def test_the_declared_range_is_the_one_read_not_another() -> None:
    assert verdicts(RANGE, "\\sum_j a_j", "\\sum_{j=1}^{N-1} a_j") != [Verdict.PROVED]
    assert verdicts({"range": '{ j = "2..N" }'}, "\\sum_j a_j", "\\sum_{j=1}^{N} a_j") != [
        Verdict.PROVED
    ]


@pytest.mark.parametrize("written", ["\\sum_j a_j", "\\sum_{j}^{N} a_j", "\\prod_j a_j"])
def test_a_sum_without_a_range_is_refused_naming_the_declaration(written: str) -> None:
    with pytest.raises(InputError, match=re.escape("range: j = 1..N")):
        verdicts({}, written, "\\sum_{j=1}^{N} a_j")


def test_a_subscript_without_braces_is_one_letter() -> None:
    # TeX's subscript is one token: \sum_jx is x summed over j, never a sum over a name jx
    text = HEAD.replace("[latex]", 'jx = "positive integer"\n[latex]') + (
        'range = { jx = "1..N" }\n'
        "[[chain]]\nname = \"c\"\nsteps = [{ latex = '\\sum_jx a_j' }, { latex = '1' }]\n"
    )
    with pytest.raises(InputError, match="range of j unsaid"):
        load_text(text)


def test_a_sum_over_a_declared_set() -> None:
    latex = {"range": '{ "\\\\mathcal{X}" = "1..N" }'}
    assert verdicts(latex, "\\sum_{x \\in \\mathcal{X}} p_x", "\\sum_{x=1}^{N} p_x") == [
        Verdict.PROVED
    ]
    with pytest.raises(InputError, match="range: \\\\mathcal\\{Y\\}"):
        verdicts(latex, "\\sum_{x \\in \\mathcal{Y}} p_x", "\\sum_{x=1}^{N} p_x")


def test_log_base_two_by_a_subscript_or_a_declaration() -> None:
    assert mpmath.log(8, 2) == 3 and abs(mpmath.log(8) - 3) > 0.9
    assert verdicts({}, "\\log_2 8", "3") == [Verdict.PROVED]
    assert verdicts({}, "\\log_{10} 100", "2") == [Verdict.PROVED]
    assert verdicts({}, "\\log 8", "3") == [Verdict.REFUTED]
    assert verdicts({"log-base": '"2"'}, "\\log 8", "3") == [Verdict.PROVED]
    # \ln stays natural whatever the text's \log means
    assert verdicts({"log-base": '"2"'}, "\\ln 8", "3") == [Verdict.REFUTED]


@pytest.mark.parametrize("entry", ['"3"', '"two"'], ids=["a base not offered", "a word"])
def test_a_log_base_is_two_ten_or_e(entry: str) -> None:
    with pytest.raises(FileFormatError, match="log-base"):
        verdicts({"log-base": entry}, "\\log 8", "3")


def test_a_malformed_range_is_an_input_error() -> None:
    with pytest.raises(FileFormatError, match="range"):
        verdicts({"range": '{ j = "N" }'}, "\\sum_j a_j", "1")


def test_documents_declare_ranges_and_the_log_base_by_directives() -> None:
    text = (
        "<!-- xentproof: symbols: N \\in \\mathbb{Z}_{>0},\\; j \\in \\mathbb{Z}_{>0},\\;"
        " a_j \\in \\mathbb{R},\\; x \\in \\mathbb{Z}_{>0},\\; p_x \\in (0, 1) -->\n"
        "<!-- xentproof: range: j = 1, \\dots, N, \\mathcal{X} = \\{1, \\dots, N\\} -->\n"
        "<!-- xentproof: log-base: 2 -->\n"
        "$$ \\sum_j a_j = \\sum_{j=1}^N a_j $$\n"
        "$$ \\sum_{x \\in \\mathcal{X}} p_x = \\sum_{x=1}^N p_x $$\n"
        "$$ \\log 8 = 3 $$\n"
    )
    derivation = load_document_text(text, "post.md", markdown=True)
    report = api.check([derivation], timeout=20)
    assert [r.verdict for r in report.relations] == [Verdict.PROVED] * 3


@pytest.mark.parametrize("directive", ["log-base: 3", "range: j"])
def test_a_malformed_reading_directive_is_a_document_error(directive: str) -> None:
    with pytest.raises(DocumentError):
        load_document_text(
            f"<!-- xentproof: {directive} -->\n$$ 1 = 1 $$\n", "post.md", markdown=True
        )


def test_latex_calls_reads_a_family_written_as_a_call() -> None:
    calls = {"calls": '["p"]'}
    assert verdicts(calls, "\\log p(x) - \\log p(1)", "\\log \\frac{p_x}{p_1}") == [Verdict.PROVED]
    with pytest.raises(InputError, match="family"):  # p(x) means nothing undeclared
        verdicts({}, "\\log p(x)", "\\log p_x")


def test_latex_calls_takes_only_families() -> None:
    with pytest.raises(FileFormatError, match="calls"):
        verdicts({"calls": '["N"]'}, "N", "N")
