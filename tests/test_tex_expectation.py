"""The expectation of a declared distribution, ``E_{x \\sim p}[f(x)]`` (also ``\\mathbb{E}``,
``\\operatorname{E}``, ``\\mathrm{E}``), is the sum over the declared range of x of p(x) f(x).
Refused with the declaration that settles it: a variable without a range, a distribution that
is no declared family of one index, a body without brackets; an ``E`` that is a declared
name is no expectation.

Ground truth: the definition of the expectation of a discrete distribution, Σ_x p(x) f(x);
the counterexample in a comment is evaluated with mpmath."""

from __future__ import annotations

import json

import mpmath
import pytest

from xentproof import api, load_text
from xentproof.errors import InputError
from xentproof.result import Verdict

HEAD = """title = "t"
[symbols]
"p[x]" = "(0, 1)"
"q[x]" = "(0, 1)"
"w[x, y]" = "(0, 1)"
x = "positive integer"
N = "positive integer"
c = "real"
[latex]
calls = ["p", "q"]
"""
RANGE = 'range = { x = "1..N" }\n'


def chain(first: str, second: str, *, ranged: bool = True) -> str:
    return (
        HEAD
        + (RANGE if ranged else "")
        + f'[[chain]]\nname = "c"\nsteps = [{{ latex = {json.dumps(first)} }}, '
        + f'{{ rel = "=", latex = {json.dumps(second)} }}]\n'
    )


def verdicts(first: str, second: str) -> list[Verdict]:
    report = api.check([load_text(chain(first, second))], timeout=30)
    return [r.verdict for r in report.relations]


@pytest.mark.parametrize(
    "written",
    [
        "E_{x \\sim p}[\\log q(x)]",
        "\\mathbb{E}_{x \\sim p}\\left[\\log q(x)\\right]",
        "\\operatorname{E}_{x\\sim p}[\\log q(x)]",
        "\\mathrm{E}_{x \\sim p} (\\log q(x))",
    ],
)
def test_an_expectation_is_the_sum_weighted_by_the_distribution(written: str) -> None:
    assert verdicts(written, "\\sum_{x=1}^N p(x) \\log q(x)") == [Verdict.PROVED]


def test_an_expectation_is_not_under_the_other_distribution() -> None:
    # N = 1, p(1) = 1/2, q(1) = 1/4: (1/2) log(1/4) ≈ -0.693 vs (1/4) log(1/2) ≈ -0.173
    assert mpmath.mpf(1) / 2 * mpmath.log(mpmath.mpf(1) / 4) != mpmath.mpf(1) / 4 * mpmath.log(
        mpmath.mpf(1) / 2
    )
    written = "E_{x \\sim p}[\\log q(x)]"
    assert verdicts(written, "\\sum_{x=1}^N q(x) \\log p(x)") == [Verdict.REFUTED]


def test_the_body_is_the_bracket_only() -> None:
    # E[1] c is c (the probabilities sum to 1 only if declared so: not here), so compare
    # with the sum itself times c
    written = "E_{x \\sim p}[1] c"
    assert verdicts(written, "c \\sum_{x=1}^N p(x)") == [Verdict.PROVED]


@pytest.mark.parametrize(
    ("first", "why", "ranged"),
    [
        ("E_{x \\sim p}[\\log q(x)]", "range", False),  # over which values of x?
        ("E_{x \\sim P}[\\log q(x)]", "no declared distribution", True),  # P is not p
        ("E_{x \\sim w}[1]", "no declared distribution", True),  # two indices
        ("E_{z \\sim p}[1]", "not a declared name", True),
        ("E_{x \\sim p} \\log q(x)", "brackets", True),
    ],
)
def test_what_is_no_readable_expectation_is_refused(first: str, why: str, ranged: bool) -> None:
    with pytest.raises(InputError, match=why):
        load_text(chain(first, "1", ranged=ranged))


def test_an_e_that_is_a_declared_name_is_no_expectation() -> None:
    text = chain("E_{x \\sim p}[1]", "1").replace('c = "real"\n', 'c = "real"\nen = "real"\n')
    text = text.replace('calls = ["p", "q"]\n', 'calls = ["p", "q"]\nen = "E"\n')
    with pytest.raises(InputError, match="sim"):
        load_text(text)
