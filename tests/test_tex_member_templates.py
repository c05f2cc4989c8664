"""A family whose members a text writes with the index inside: ``[latex] pr =
'\\pi\\left(\\mathbf{x}^{(#1)} \\mid \\boldsymbol{\\theta}\\right)'`` reads
``\\pi(\\mathbf{x}^{(i)} | \\bm\\theta)`` as pr[i] (blanks, ``~``, ``\\left``/``\\right``, a
one-token group's braces and ``\\bm`` for ``\\boldsymbol`` as TeX allows), and prints pr[i]
back with the index in place. An index is a declared name or a whole number, never an
expression; ``#2`` in a one-index family's entry is refused.

Ground truth: log of a product is the sum of the logs for positive factors (real analysis);
the refuted step is false at pk[1] = 1/2 (1/2 + 1/2 = 1 ≠ 2·(1/2)·… checked by hand below)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xentproof import api, load_text
from xentproof.errors import InputError
from xentproof.result import Verdict

HEAD = """title = "t"
[symbols]
"pr[i]" = "(0, 1)"
"pk[k]" = "(0, 1)"
i = "positive integer"
k = "positive integer"
n = "positive integer"
[latex]
index = "superscript"
pr = '\\pi\\left(\\mathbf{x}^{(#1)} \\mid \\boldsymbol{\\theta}\\right)'
pk = '\\pi_{#1}(\\mathbf{x})'
"""


def chain(*steps: str) -> str:
    written = [f"{{ latex = {json.dumps(steps[0])} }}"]
    written += [f'{{ rel = "=", latex = {json.dumps(s)} }}' for s in steps[1:]]
    return HEAD + f'[[chain]]\nname = "c"\nsteps = [{", ".join(written)}]\n'


def verdicts(*steps: str) -> list[Verdict]:
    report = api.check([load_text(chain(*steps))], timeout=30)
    return [r.verdict for r in report.relations]


def test_members_written_with_the_index_inside_are_read_in_every_spelling() -> None:
    assert verdicts(
        "\\sum_{i=1}^n \\log \\pi\\left(\\mathbf{x}^{(i)} ~|~ \\bm{\\theta}\\right)",
        "\\log \\prod_{i=1}^n \\pi(\\mathbf{x}^{(i)} | \\boldsymbol\\theta)",
        "\\log \\prod_{i=1}^n \\pi \\left( \\mathbf{x}^{(i)} \\mid \\boldsymbol{\\theta} \\right)",
    ) == [Verdict.PROVED, Verdict.PROVED]


def test_a_member_is_its_own_index_not_another() -> None:
    # pk[k] + pk[3] is not 2 pk[k]: at k = 1, pk[1] = 1/2, pk[3] = 1/4 it is 3/4, not 1
    assert 1 / 2 + 1 / 4 != 2 * (1 / 2)
    assert verdicts("\\pi_k(\\mathbf{x}) + \\pi_{3}(\\mathbf{x})", "2 \\pi_{k}(\\mathbf{x})") == [
        Verdict.REFUTED
    ]


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("\\pi_{j}(\\mathbf{x})", "no declared name"),  # j is not declared
        ("\\pi_{k+1}(\\mathbf{x})", "mathbf"),  # an expression is no index: not a member
        ("\\pi(\\mathbf{x}^{(i)} \\mid \\boldsymbol{\\phi})", "phi"),  # another condition
    ],
)
def test_what_the_template_does_not_write_is_refused(written: str, why: str) -> None:
    with pytest.raises(InputError, match=why):
        load_text(chain(written, "1"))


def test_an_index_the_family_does_not_have_is_refused() -> None:
    text = chain("1", "1").replace("pk = '\\pi_{#1}", "pk = '\\pi_{#2}")
    with pytest.raises(InputError, match="not an argument"):
        load_text(text)


def test_the_appendix_prints_the_member_with_its_index_in_place(tmp_path: Path) -> None:
    path = tmp_path / "members.toml"
    first, second = (
        "\\pi_k(\\mathbf{x}) + \\pi_{3}(\\mathbf{x})",
        "\\pi_{3}(\\mathbf{x}) + \\pi_k(\\mathbf{x})",
    )
    path.write_text(chain(first, second), encoding="utf-8")
    tex = api.appendix([path], cache_dir=tmp_path / "cache").text
    assert "\\pi_{k}(\\mathbf{x})" in tex and "\\pi_{3}(\\mathbf{x})" in tex
    assert "#1" not in tex


def test_the_transpose_of_a_declared_number_is_itself() -> None:
    # every declared name is a number: (x^{(i)})^\top is x^{(i)}; a whole family is refused
    head = HEAD.replace('n = "positive integer"\n', 'n = "positive integer"\n"x[i]" = "real"\n')
    text = head + (
        '[[chain]]\nname = "c"\nsteps = [{ latex = "\\\\sum_{i=1}^n (x^{(i)})^\\\\top x^{(i)}" }, '
        '{ rel = "=", latex = "\\\\sum_{i=1}^n (x^{(i)})^2" }, '
        '{ rel = "=", latex = "\\\\sum_{i=1}^n x^{(i)}" }]\n'
    )
    report = api.check([load_text(text)], timeout=30)
    # at n = 1, x[1] = 2: 4 = 4, and 4 is not 2
    assert [r.verdict for r in report.relations] == [Verdict.PROVED, Verdict.REFUTED]
    with pytest.raises(InputError, match="top"):
        load_text(text.replace("(x^{(i)})^\\\\top", "x^\\\\top"))
