"""Domain strings, the assumptions they imply, and sample points inside them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import sympy

from tests.helpers import relation_of
from xentproof.domains import assumptions, contains, parse_domain, sample_values
from xentproof.errors import DomainError
from xentproof.result import Verdict


@pytest.mark.parametrize("text", ["(0,1)", "(0, 1)", " ( 0 ,1 ) "])
def test_spaces_are_optional(text: str) -> None:
    d = parse_domain(text)
    assert (d.lo, d.hi, d.lo_open, d.hi_open) == (0, 1, True, True)


@pytest.mark.parametrize(
    ("text", "lo", "hi", "lo_open", "hi_open"),
    [
        ("[0, 1]", 0, 1, False, False),
        ("(0, 1]", 0, 1, True, False),
        ("[0, 1)", 0, 1, False, True),
        ("(-oo, 2)", -sympy.oo, 2, True, True),
        ("[1/2, oo)", sympy.Rational(1, 2), sympy.oo, False, True),
    ],
)
def test_intervals(text: str, lo: sympy.Expr, hi: sympy.Expr, lo_open: bool, hi_open: bool) -> None:
    d = parse_domain(text)
    assert (d.lo, d.hi, d.lo_open, d.hi_open) == (lo, hi, lo_open, hi_open)


def test_finite_set() -> None:
    d = parse_domain("{1, -1}")
    assert d.values == (-1, 1)


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("real", {"real": True}),
        ("positive", {"real": True, "positive": True}),
        ("nonnegative", {"real": True, "nonnegative": True}),
        ("negative", {"real": True, "negative": True}),
        ("positive integer", {"real": True, "integer": True, "positive": True}),
        ("nonnegative integer", {"real": True, "integer": True, "nonnegative": True}),
        ("(0, 1)", {"real": True, "positive": True}),
        ("{0, 1}", {"real": True, "integer": True, "nonnegative": True}),
        ("{-1, 1}", {"real": True, "integer": True}),
    ],
)
def test_assumptions(text: str, facts: dict[str, bool]) -> None:
    assert assumptions(parse_domain(text)) == facts


@pytest.mark.parametrize("text", ["", "reals", "(1, 0)", "[0, oo]", "{}", "{x}", "(0 1)", "[a, b]"])
def test_bad_domains_are_errors(text: str) -> None:
    with pytest.raises(DomainError):
        parse_domain(text)


@pytest.mark.parametrize(
    "text",
    ["real", "(0, 1)", "[0, 1]", "positive", "(-oo, 0]", "positive integer", "(2, pi)", "{-1, 1}"],
)
def test_samples_lie_inside(text: str) -> None:
    d = parse_domain(text)
    values = sample_values(d, random.Random(1))
    assert len(values) >= 2
    assert all(contains(d, v) for v in values)


def test_samples_reach_the_edges_and_far_out() -> None:
    unit = sample_values(parse_domain("(0, 1)"), random.Random(1))
    assert min(unit) <= sympy.Rational(1, 10**6)
    assert max(unit) >= 1 - sympy.Rational(1, 10**6)
    line = sample_values(parse_domain("real"), random.Random(1))
    assert max(abs(v) for v in line) >= 25


def test_nonzero_domains_leave_out_zero(tmp_path: Path) -> None:
    for text, integer in (("nonzero", False), ("nonzero integer", True)):
        domain = parse_domain(text)
        assert assumptions(domain)["nonzero"] is True
        assert assumptions(domain).get("integer", False) is integer
        assert not contains(domain, sympy.Integer(0)) and contains(domain, sympy.Integer(-2))
        assert 0 not in sample_values(domain, random.Random(1))
    symbols = 'x = "nonzero"'
    assert relation_of(tmp_path, symbols, "x*(x + 1)/x", "x + 1").verdict is Verdict.PROVED
    assert relation_of(tmp_path, symbols, "Abs(x)/x", "1").verdict is Verdict.REFUTED


@pytest.mark.parametrize(
    "text",
    ["real", "positive", "nonnegative", "(0, 1)", "[0, 1]", "(0, 1]", "[-2, 3)", "(-oo, 2]",
     "[1/3, oo)", "nonzero", "(-pi, pi)", "[sqrt(2), 3]", "integer", "positive integer"],
)  # fmt: skip
def test_membership_agrees_with_sympys_order(text: str) -> None:
    # contains() compares rationals and infinities by hand; SymPy's relationals decide.
    domain = parse_domain(text)
    values = [sympy.Rational(p, q) for p in range(-7, 8) for q in (1, 2, 3)]
    values += [sympy.oo, -sympy.oo, sympy.sqrt(2), -sympy.pi, sympy.E / 3]
    for value in values:
        lo_ok = value > domain.lo if domain.lo_open else value >= domain.lo
        hi_ok = value < domain.hi if domain.hi_open else value <= domain.hi
        expected = bool(lo_ok) and bool(hi_ok)
        expected = expected and not (domain.integer and value.is_integer is not True)
        expected = expected and not (domain.nonzero and value == 0)
        assert contains(domain, value) == expected, (text, value)
