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
        ("E_{x \\sim R}[\\log q(x)]", "no declared distribution", True),  # no r either
        ("E_{x \\sim w}[1]", "no declared distribution", True),  # two indices
        ("E_{x \\sim W}[1]", "no declared distribution", True),  # w: two indices
        ("E_{zz \\sim p}[1]", "not a declared name", True),  # no letter to bind
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


def test_a_capital_names_the_distribution_of_its_small_letter() -> None:
    # x ~ P, P undeclared, p declared: the texts' convention (d2l: "P with p.m.f. p")
    assert verdicts("E_{x \\sim P}[\\log q(x)]", "\\sum_{x=1}^N p(x) \\log q(x)") == [
        Verdict.PROVED
    ]
    assert verdicts("E_{x \\sim Q}[\\log q(x)]", "\\sum_{x=1}^N p(x) \\log q(x)") == [
        Verdict.REFUTED
    ]


def test_an_undeclared_variable_is_bound_over_the_family_s_index_range() -> None:
    # z is declared nowhere: E_{z ~ p} binds it, over the range of x, p's declared index
    written = "E_{z \\sim p}[\\log q(z)]"
    assert verdicts(written, "\\sum_{x=1}^N p(x) \\log q(x)") == [Verdict.PROVED]
    # near miss, as above: N = 1, p(1) = 1/2, q(1) = 1/4 tells them apart
    assert verdicts(written, "\\sum_{x=1}^N q(x) \\log p(x)") == [Verdict.REFUTED]


def test_an_undeclared_variable_without_a_range_is_refused() -> None:
    with pytest.raises(InputError, match="range"):
        load_text(chain("E_{z \\sim p}[1]", "1", ranged=False))


D2L = """title = "t"
[symbols]
p = "(0, 1)"
"p[i]" = "(0, 1)"
k = "positive integer"
i = "positive integer"
[latex]
index = "subscript"
range = { i = "1..k" }
"""


def d2l_verdicts(first: str, second: str) -> list[Verdict]:
    text = (
        D2L
        + f'[[chain]]\nname = "c"\nsteps = [{{ latex = {json.dumps(first)} }}, '
        + f'{{ rel = "=", latex = {json.dumps(second)} }}]\n'
    )
    report = api.check([load_text(text)], timeout=30)
    return [r.verdict for r in report.relations]


def test_p_of_the_bound_variable_is_the_member_even_where_p_is_also_a_symbol() -> None:
    # d2l declares p (a probability) and p_i (a distribution); inside E_{x ~ P}, p(x) is p_x
    entropy = "- \\sum_{i=1}^{k} p_i \\log p_i"
    assert d2l_verdicts("- E_{x \\sim P} [\\log p(x)]", entropy) == [Verdict.PROVED]
    # near miss: the scalar p is no member (k = 2, p_1 = 1/4, p_2 = 1/2, p = 1/8 differ)
    assert -(mpmath.mpf(1) / 4 + mpmath.mpf(1) / 2) * mpmath.log(mpmath.mpf(1) / 8) != -(
        mpmath.mpf(1) / 4 * mpmath.log(mpmath.mpf(1) / 4)
        + mpmath.mpf(1) / 2 * mpmath.log(mpmath.mpf(1) / 2)
    )
    assert d2l_verdicts("- E_{x \\sim P} [\\log p]", entropy) == [Verdict.REFUTED]


def test_p_of_another_name_inside_an_expectation_is_not_a_member() -> None:
    # p(k) is not at the bound variable: p times (k), a product, as outside any expectation
    with pytest.raises(InputError):
        d2l_verdicts("E_{x \\sim P} [\\log p(k)]", "1")
