"""Short forms of TeX that papers use: ``\\frac12`` (one-token arguments), ``e^-x`` (the
minus and one token: what the author means, where TeX sets e^{-}x), ``\\sin^2 x`` (a power
of the value). Each is read as its long form is; each has a near miss that is REFUTED, and
the ambiguous neighbours (``e^-2x``, ``\\sin^{-1} x``) are refused, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from xentproof.result import Verdict
from xentproof.tex.lexer import braced_fraction_arguments

from .helpers import check_text

SYMBOLS = 'x = "real"\np = "positive"'


def verdict(tmp_path: Path, left: str, right: str) -> Verdict:
    text = f'title = "t"\n[symbols]\n{SYMBOLS}\n[[chain]]\nname = "c"\n'
    text += f"steps = [{{ latex = '{left}' }}, {{ rel = \"=\", latex = '{right}' }}]\n"
    (relation,) = check_text(tmp_path, text).relations
    return relation.verdict


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (r"e^-x", r"e^{-x}", Verdict.PROVED),
        (r"e^-x", r"e^{x}", Verdict.REFUTED),
        (r"\frac12 x", r"\frac{x}{2}", Verdict.PROVED),
        (r"\frac12 x", r"2x", Verdict.REFUTED),
        (r"\frac1p", r"p^{-1}", Verdict.PROVED),
        (r"\frac{p}2 + \tfrac1 2", r"\frac{p+1}{2}", Verdict.PROVED),
        (r"\sin^2 x + \cos^2 x", r"1", Verdict.PROVED),
        (r"\sin^2 x", r"\sin(x^2)", Verdict.REFUTED),  # near miss: the power of the value
        (r"\log^2 p", r"(\log p)^2", Verdict.PROVED),
        (r"\log^2 p", r"2\log p", Verdict.REFUTED),
    ],
)
def test_short_forms_read_as_their_long_forms(
    tmp_path: Path, left: str, right: str, expected: Verdict
) -> None:
    assert verdict(tmp_path, left, right) is expected


@pytest.mark.parametrize(
    "left",
    [
        *(r"e^-2x", r"\sin^{-1} x", r"\sin^{1/2} x", r"e^-12", r"2^-34", r"p^-1.5"),
        *(r"2 3", r"2\,000", r"2~3", r"1 \quad 2"),  # TeX sets 2 3 as 23: digits side by side
    ],
)
def test_ambiguous_neighbours_are_refused(tmp_path: Path, left: str) -> None:
    text = f'title = "t"\n[symbols]\n{SYMBOLS}\n[[chain]]\nname = "c"\n'
    text += f"steps = [{{ latex = '{left}' }}, {{ rel = \"=\", latex = '1' }}]\n"
    report = check_text(tmp_path, text)
    assert not report.relations
    assert [e for e in report.errors if "LaTeX" in str(e)]


@pytest.mark.parametrize(
    ("text", "braced"),
    [
        (r"\frac12", r"\frac{1}{2}"),
        (r"\frac 1 x", r"\frac{1}{x}"),
        (r"\frac{a}2", r"\frac{a}{2}"),
        (r"\frac\alpha{b}", r"\frac{\alpha}{b}"),
        (r"\frac{d}{dx} \frac{a}{b}", r"\frac{d}{dx} \frac{a}{b}"),  # nothing to brace
        (r"\fraction", r"\fraction"),  # another command
    ],
)
def test_one_token_fraction_arguments_are_braced(text: str, braced: str) -> None:
    assert braced_fraction_arguments(text) == braced


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (r"\sum_{i=1}^{N} i", r"\frac{N(N+1)}{2}", Verdict.PROVED),
        (r"\sum_{i=1}^{N} i", r"\frac{N(N-1)}{2}", Verdict.REFUTED),  # near miss
        (r"\prod^{N}_{k=1} 2", r"2^N", Verdict.PROVED),
        (r"\sum_{j=1}^N \sum_{i=1}^j 1", r"\frac{N(N+1)}{2}", Verdict.PROVED),
    ],
)
def test_a_sum_binds_its_undeclared_index(
    tmp_path: Path, left: str, right: str, expected: Verdict
) -> None:
    text = 'title = "t"\n[symbols]\nN = "positive integer"\n[[chain]]\nname = "c"\n'
    text += f"steps = [{{ latex = '{left}' }}, {{ rel = \"=\", latex = '{right}' }}]\n"
    (relation,) = check_text(tmp_path, text).relations
    assert relation.verdict is expected


def test_an_index_outside_its_sum_stays_undeclared(tmp_path: Path) -> None:
    text = 'title = "t"\n[symbols]\nN = "positive integer"\n[[chain]]\nname = "c"\n'
    text += "steps = [{ latex = '\\sum_{i=1}^{N} i + i' }, { rel = \"=\", latex = 'N' }]\n"
    report = check_text(tmp_path, text)
    assert not report.relations and report.errors


@pytest.mark.parametrize(
    ("left", "right"), [(r"x^2 3", "3x^2"), (r"\frac12 3", r"\frac{3}{2}"), (r"2 x 3", "6x")]
)
def test_a_number_after_a_script_or_a_group_is_a_factor(
    tmp_path: Path, left: str, right: str
) -> None:
    assert verdict(tmp_path, left, right) is Verdict.PROVED
