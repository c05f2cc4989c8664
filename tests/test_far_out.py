"""Numeric acceptance over a sum whose length grows without bound (``prover.far_out``).

The sampler gives a count N at most 40, so Σ_{i=1}^N 1/i² < 1.6446 agreed at every sample
point and passed with ``accept = "numeric"``, though it fails from N = 2995 on: Σ 1/i²
tends to π²/6 = 1.6449340668… (mpmath.zeta(2)). Numeric agreement over such a sum is now
accepted only where the sides' limits as N grows are computed and keep the relation.
Ground truth from mpmath (the partial sum at N = 3000 and ζ(2)), never from SymPy."""

from __future__ import annotations

from pathlib import Path

import mpmath
import pytest
import sympy

from xentproof.model import Domain
from xentproof.prover.declared import DomainInfo
from xentproof.prover.far_out import objection
from xentproof.result import RelationResult, Verdict

from .helpers import check_text

SERIES = """
title = "t"
[symbols]
N = "integer"
[[chain]]
name = "c"
steps = ["Sum(1/i**2, (i, 1, N))", { rel = "<", expr = "BOUND", accept = "numeric" }]
"""


def test_the_ground_truth_fails_far_out_and_holds_below_the_limit() -> None:
    partial = mpmath.fsum(1 / mpmath.mpf(i) ** 2 for i in range(1, 3001))
    assert partial > mpmath.mpf("1.6446")  # false at N = 3000
    assert mpmath.zeta(2) < mpmath.mpf("1.65")  # every partial sum is below 1.65


def test_agreement_below_a_bound_the_sum_passes_far_out_is_not_accepted(tmp_path: Path) -> None:
    report = check_text(tmp_path, SERIES.replace("BOUND", "16446/10000"))
    (r,) = report.relations
    assert r.verdict is not Verdict.PROVED
    assert not r.accepted_numeric and not r.passed
    assert "N" in r.numeric_objection
    assert report.exit_code == 1


def test_near_miss_a_bound_above_the_limit_is_still_accepted(tmp_path: Path) -> None:
    report = check_text(tmp_path, SERIES.replace("BOUND", "165/100"))
    (r,) = report.relations
    assert r.verdict is not Verdict.REFUTED
    assert r.passed and not r.numeric_objection


N, i, x = sympy.symbols("N i x")
INFOS = {
    N: DomainInfo(N, "N", Domain("integer", integer=True)),
    x: DomainInfo(x, "x", Domain("(0, 1)", lo=sympy.Integer(0), hi=sympy.Integer(1))),
}


@pytest.mark.parametrize(
    ("relation", "lhs", "rhs"),
    [
        ("<", sympy.Sum(1 / i, (i, 1, N)), sympy.Integer(10)),  # diverges: no value here
        ("<", sympy.Sum(2**-i, (i, 1, N)), sympy.Integer(1)),  # on the boundary of <
        ("<=", sympy.Sum(x**i, (i, 0, N)), 1 / (1 - x) - sympy.Rational(1, 10**6)),
        # false for N < 0 (the empty product is 1, the right side tends to 1/2)
        (
            "=",
            sympy.Product(1 - 1 / (i + 1) ** 2, (i, 1, N)),
            sympy.Rational(1, 2) + 1 / (2 * N + 2),
        ),
    ],
)
def test_what_nothing_speaks_for_far_out_is_objected_to(
    relation: str, lhs: sympy.Expr, rhs: sympy.Expr
) -> None:
    assert objection(relation, lhs, rhs, INFOS)


@pytest.mark.parametrize(
    ("relation", "lhs", "rhs"),
    [
        ("<=", sympy.Sum(2**-i, (i, 1, N)), sympy.Integer(1)),
        ("<=", sympy.Sum(x**i, (i, 0, N)), 1 / (1 - x)),
        ("<=", sympy.Sum(1 / i**2, (i, 1, 2 * N)), 2 - 1 / (2 * N)),
        ("<=", sympy.sin(x), x),  # no count at all
    ],
)
def test_limits_that_keep_the_relation_raise_no_objection(
    relation: str, lhs: sympy.Expr, rhs: sympy.Expr
) -> None:
    assert objection(relation, lhs, rhs, INFOS) == ""


# -- far along the ends of a domain (prover/far_scales.py) ---------------------------------

FAR = """
title = "t"
[symbols]
x = "real"
t = "positive"
[[chain]]
name = "c"
steps = ["LHS", { rel = "REL", expr = "RHS", accept = "numeric" }]
"""


def _far(tmp_path: Path, lhs: str, rel: str, rhs: str) -> RelationResult:
    text = FAR.replace("LHS", lhs).replace("REL", rel).replace("RHS", rhs)
    (r,) = check_text(tmp_path, text).relations
    return r


def test_the_ground_truth_of_the_far_scales() -> None:
    assert mpmath.atan(mpmath.mpf(10) ** 8) > mpmath.mpf(15707963) / 10**7
    assert mpmath.log(mpmath.mpf(10) ** -16) < -30
    assert mpmath.sqrt(mpmath.mpf(10) ** 16) > 10**5
    assert mpmath.pi / 2 < mpmath.mpf(15707964) / 10**7


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("atan(x)", "<", "15707963/10000000"),  # false for x > 3.1·10⁷
        ("log(t)", ">", "-30"),  # false for t < 10⁻¹³
        ("sqrt(t)", "<", "10**5"),  # false for t > 10¹⁰
    ],
)
def test_agreement_that_fails_far_along_a_domain_is_not_accepted(
    tmp_path: Path, lhs: str, rel: str, rhs: str
) -> None:
    r = _far(tmp_path, lhs, rel, rhs)
    assert r.verdict is not Verdict.PROVED
    assert not r.passed and r.numeric_objection


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("atan(x)", "<", "15707964/10000000"),  # π/2 < 1.5707964
        ("(1 + 1/t)**t", "<", "E"),  # tight far out: 10^100 digits alone misjudge it
    ],
)
def test_near_misses_true_far_along_a_domain_are_still_accepted(
    tmp_path: Path, lhs: str, rel: str, rhs: str
) -> None:
    r = _far(tmp_path, lhs, rel, rhs)
    assert r.verdict is not Verdict.REFUTED
    assert r.passed and not r.numeric_objection
