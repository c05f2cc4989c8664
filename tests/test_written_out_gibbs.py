"""Gibbs' inequality over outcomes written out (no Sum): tangent lines of log, a log of a
number taken into the weights when they sum to 1 identically; near misses not proved."""

from __future__ import annotations

from pathlib import Path

import pytest

from xentproof.result import Verdict

from .helpers import check_text

HEADER = """
title = "t"
[symbols]
z1 = "real"
z2 = "real"
z3 = "real"
w1 = "real"
w2 = "real"
w3 = "real"
p = "(0, 1)"
q = "(0, 1)"
[functions]
sm = "(a, b, c) -> exp(a)/(exp(a) + exp(b) + exp(c))"
"""
P = "sm(z1, z2, z3)", "sm(z2, z3, z1)", "sm(z3, z1, z2)"
Q = "sm(w1, w2, w3)", "sm(w2, w3, w1)", "sm(w3, w1, w2)"
KL = " + ".join(f"{p}*log({p}/{q})" for p, q in zip(P, Q, strict=True))
ENTROPY = "-(" + " + ".join(f"{p}*log({p})" for p in P) + ")"


def relation(tmp_path: Path, first: str, rel: str, second: str):  # type: ignore[no-untyped-def]
    text = HEADER + f'[[chain]]\nname = "c"\nsteps = ["{first}", "{rel} {second}"]\n'
    report = check_text(tmp_path, text, timeout=20.0)
    assert not report.errors, report.errors
    (r,) = report.relations
    return r


@pytest.mark.parametrize(("first", "rel", "second"), [(KL, ">=", "0"), (ENTROPY, "<=", "log(3)")])
def test_gibbs_over_three_softmax_outcomes(
    tmp_path: Path, first: str, rel: str, second: str
) -> None:
    r = relation(tmp_path, first, rel, second)
    assert r.verdict is Verdict.PROVED, r.reason
    assert "tangent lines of log" in r.method


@pytest.mark.parametrize(
    ("first", "rel", "second"),
    [
        (KL, ">", "0"),  # equal at z = w
        (ENTROPY, "<", "log(3)"),  # equal at equal logits
        (ENTROPY, "<=", "log(2)"),  # the bound of two outcomes
        ("-(p*log(p) + q*log(q))", "<=", "log(2)"),  # weights that need not sum to 1
    ],
)
def test_near_misses_are_not_proved(tmp_path: Path, first: str, rel: str, second: str) -> None:
    r = relation(tmp_path, first, rel, second)
    assert r.verdict is not Verdict.PROVED


FAMILIES = """
title = "t"
[symbols]
m = "integer >= 2"
n = "positive integer"
b = "(1, oo)"
c = "(0, 1)"
"P[j]" = "simplex(m)"
"p[x]" = "simplex(n)"
"q[x]" = "simplex(n)"
"""
GROUPED = "-Sum(P[j + 1]/(1 - P[1])*log(P[j + 1]/(1 - P[1]))/log(2), (j, 1, m - 1))"


def family_relation(tmp_path: Path, first: str, rel: str, second: str):  # type: ignore[no-untyped-def]
    text = FAMILIES + f'[[chain]]\nname = "c"\nsteps = ["{first}", "{rel} {second}"]\n'
    report = check_text(tmp_path, text, timeout=20.0)
    assert not report.errors, report.errors
    (r,) = report.relations
    return r


@pytest.mark.parametrize(
    ("first", "rel", "second"),
    [
        # Gibbs with logs to a base b > 1 (1/log b part of the weight)
        ("-Sum(p[x]*log(p[x])/log(b), (x, 1, n))", "<=", "-Sum(p[x]*log(q[x])/log(b), (x, 1, n))"),
        # entropy of the rest of a simplex, renormalised: weights shown to sum to 1
        (GROUPED, "<=", "log(m - 1)/log(2)"),
    ],
)
def test_gibbs_over_families(tmp_path: Path, first: str, rel: str, second: str) -> None:
    r = family_relation(tmp_path, first, rel, second)
    assert r.verdict is Verdict.PROVED, r.reason
    assert "tangent lines of log" in r.method


@pytest.mark.parametrize(
    ("first", "rel", "second"),
    [
        # a base below 1 turns the inequality over
        ("-Sum(p[x]*log(p[x])/log(c), (x, 1, n))", "<=", "-Sum(p[x]*log(q[x])/log(c), (x, 1, n))"),
        (GROUPED, "<=", "log(m - 2)/log(2)"),  # one outcome too few
        # weights that do not sum to 1 (not renormalised): false at m = 2
        ("-Sum(P[j + 1]*log(P[j + 1]), (j, 1, m - 1))", "<=", "log(m - 1)"),
    ],
)
def test_family_near_misses_are_not_proved(
    tmp_path: Path, first: str, rel: str, second: str
) -> None:
    r = family_relation(tmp_path, first, rel, second)
    assert r.verdict is not Verdict.PROVED


LOG_SUM = """
title = "t"
[symbols]
n = "positive integer"
"u[i]" = "positive"
"v[i]" = "positive"
"""
LOG_SUM_LEFT = "Sum(u[i]*log(u[i]/v[i]), (i, 1, n))"


@pytest.mark.parametrize(
    ("rel", "second", "proved"),
    [
        # the log sum inequality: the outside log taken in by the weights u[i]/Σu
        (">=", "Sum(u[i], (i, 1, n))*log(Sum(u[i], (i, 1, n))/Sum(v[i], (i, 1, n)))", True),
        # near misses: the ratio upside down (false at n = 1, u < v), strict (u = v)
        (">=", "Sum(u[i], (i, 1, n))*log(Sum(v[i], (i, 1, n))/Sum(u[i], (i, 1, n)))", False),
        (">", "Sum(u[i], (i, 1, n))*log(Sum(u[i], (i, 1, n))/Sum(v[i], (i, 1, n)))", False),
    ],
)
def test_log_sum_inequality(tmp_path: Path, rel: str, second: str, proved: bool) -> None:
    text = LOG_SUM + f'[[chain]]\nname = "c"\nsteps = ["{LOG_SUM_LEFT}", "{rel} {second}"]\n'
    report = check_text(tmp_path, text, timeout=20.0)
    assert not report.errors, report.errors
    (r,) = report.relations
    assert (r.verdict is Verdict.PROVED) is proved, (r.verdict, r.method, r.reason)
    if proved:
        assert "tangent lines of log" in r.method
