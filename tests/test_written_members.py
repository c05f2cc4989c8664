"""The members of a simplex or one-hot family of a fixed size written out one by one
(``written_members``): their linear part sums to 1, so KL ≥ 0, entropy ≤ log 3 and
cross-entropy ≥ entropy over ``simplex(3)`` are proved; near misses one edit away (a member
left out, a strict sign where equality is attained, a bound of fewer outcomes) are not."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.domains import parse_domain
from xentproof.prover.declared import DomainInfo
from xentproof.prover.written_members import members_summed
from xentproof.result import Verdict

from .helpers import check_text

HEADER = """
title = "t"
[symbols]
"P[i]" = "simplex(3)"
"Q[i]" = "simplex(3)"
"Y[i]" = "one-hot(2)"
"""
KL = " + ".join(f"P[{i}]*log(P[{i}]/Q[{i}])" for i in (1, 2, 3))
ENTROPY = "-(" + " + ".join(f"P[{i}]*log(P[{i}])" for i in (1, 2, 3)) + ")"
CROSS = "-(" + " + ".join(f"P[{i}]*log(Q[{i}])" for i in (1, 2, 3)) + ")"


def relation(tmp_path: Path, first: str, rel: str, second: str):  # type: ignore[no-untyped-def]
    text = HEADER + f'[[chain]]\nname = "c"\nsteps = ["{first}", "{rel} {second}"]\n'
    report = check_text(tmp_path, text, timeout=20.0)
    assert not report.errors, report.errors
    (r,) = report.relations
    return r


@pytest.mark.parametrize(
    ("first", "rel", "second"),
    [
        (KL, ">=", "0"),
        (ENTROPY, "<=", "log(3)"),
        (CROSS, ">=", ENTROPY),
        ("P[1] + P[2] + P[3]", "=", "1"),
        ("Y[1] + Y[2]", "=", "1"),
    ],
)
def test_written_out_members_sum_to_one(tmp_path: Path, first: str, rel: str, second: str) -> None:
    r = relation(tmp_path, first, rel, second)
    assert r.verdict is Verdict.PROVED, r.reason


@pytest.mark.parametrize(
    ("first", "rel", "second"),
    [
        (KL, ">", "0"),  # equal at P = Q
        (ENTROPY, "<", "log(3)"),  # equal at the uniform vector
        (ENTROPY, "<=", "log(2)"),  # the bound of two outcomes
        ("-(P[1]*log(P[1]) + P[2]*log(P[2]))", "<=", "log(2)"),  # a member left out
        ("P[1] + P[2]", "=", "1"),  # a member left out
        ("P[1] + P[2] + P[3]", "=", "Q[1] + Q[2]"),  # a member left out on the other side
        ("Y[1] + Y[2]", ">", "1"),
    ],
)
def test_near_misses_are_refuted(tmp_path: Path, first: str, rel: str, second: str) -> None:
    r = relation(tmp_path, first, rel, second)
    assert r.verdict is Verdict.REFUTED, r.reason


def test_only_the_linear_part_is_rewritten() -> None:
    p = sympy.IndexedBase("P")
    infos = {p: DomainInfo(p, "P", parse_domain("simplex(3)"), rank=1)}
    conditions: list[str] = []
    # inside a log the last member stays; its linear occurrence goes
    value = p[3] * sympy.log(p[3]) + p[1] + p[2] + p[3]
    assert members_summed(value, infos, conditions) == p[3] * sympy.log(p[3]) + 1
    assert conditions and "P[1] + P[2] + P[3] = 1" in conditions[0]
    # no last member written: nothing to rewrite
    assert members_summed(p[1] + p[2], infos, []) == p[1] + p[2]
    # a sum is the constraint stage's, not this one's
    i = sympy.Symbol("i", integer=True)
    summed = sympy.Sum(p[i], (i, 1, 3)) + p[3]
    assert members_summed(summed, infos, []) == summed
