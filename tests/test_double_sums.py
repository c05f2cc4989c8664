"""Inequalities between sums over one range by a double sum made symmetric (issue 18,
class 3: (Σx)² ≤ N·Σx²). Truth by hand: each true relation is Cauchy–Schwarz or the
variance ≥ 0 in a form the comment names; each false one fails at the point in its comment
(and every REFUTED counterexample is checked by the refuter's own confirmation)."""

from __future__ import annotations

from pathlib import Path

import pytest

from xentproof.result import Verdict

from .helpers import check_text

SYMBOLS = """
N = "positive integer"
M = "integer"
"z[i]" = "real"
"w[i]" = "positive"
"p[i]" = "simplex(N)"
"q[i]" = "positive"
"""


def verdict(tmp_path: Path, lhs: str, rel: str, rhs: str) -> tuple[Verdict, str]:
    text = f'title = "t"\n[symbols]\n{SYMBOLS}\n[[chain]]\nname = "c"\n'
    text += f'steps = ["{lhs}", "{rel} {rhs}"]\n'
    (result,) = check_text(tmp_path, text).relations
    return result.verdict, result.method


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        # Cauchy–Schwarz with the ones vector
        ("Sum(z[i], (i, 1, N))**2", "<=", "N*Sum(z[i]**2, (i, 1, N))"),
        # the same for the means: mean² ≤ mean of squares
        ("(Sum(z[i], (i, 1, N))/N)**2", "<=", "Sum(z[i]**2, (i, 1, N))/N"),
        # the variance is ≥ 0
        ("Sum(z[i]**2, (i, 1, N))/N - (Sum(z[i], (i, 1, N))/N)**2", ">=", "0"),
        # Σw·Σ1/w ≥ N² (w/(2v) + v/(2w) ≥ 1 for positive w, v)
        ("Sum(w[i], (i, 1, N))*Sum(1/w[i], (i, 1, N))", ">=", "N**2"),
        # Cauchy–Schwarz for √w·√w³ with positive members
        ("Sum(w[i], (i, 1, N))*Sum(w[i]**3, (i, 1, N))", ">=", "Sum(w[i]**2, (i, 1, N))**2"),
        # Jensen for the square with weights on the simplex: E[z]² ≤ E[z²]
        ("Sum(p[i]*z[i], (i, 1, N))**2", "<=", "Sum(p[i]*z[i]**2, (i, 1, N))"),
    ],
)
def test_a_double_sum_made_symmetric_proves(tmp_path: Path, lhs: str, rel: str, rhs: str) -> None:
    found, method = verdict(tmp_path, lhs, rel, rhs)
    assert found is Verdict.PROVED
    assert method == "a double sum made symmetric"


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        # near misses, one edit away; each fails at the point named
        ("Sum(z[i], (i, 1, N))**2", "<=", "(N - 1)*Sum(z[i]**2, (i, 1, N))"),  # N = 1, z = 1
        ("Sum(z[i], (i, 1, N))**2", "<", "N*Sum(z[i]**2, (i, 1, N))"),  # all z equal
        ("Sum(z[i], (i, 1, N))**2", "<=", "Sum(z[i]**2, (i, 1, N))"),  # N = 2, z = 1, 1
        ("Sum(w[i], (i, 1, N))*Sum(1/w[i], (i, 1, N))", ">=", "N**2 + 1"),  # N = 1
        # real members: z = (1, −1) gives 0·0 ≥ 4 false
        ("Sum(z[i], (i, 1, N))*Sum(z[i]**3, (i, 1, N))", ">=", "Sum(z[i]**2, (i, 1, N))**2"),
        # weights squared: not a mean (N = 2, p = ½, ½, z = 1, 1: 1 ≤ ½)
        ("Sum(p[i]*z[i], (i, 1, N))**2", "<=", "Sum(p[i]**2*z[i]**2, (i, 1, N))"),
        # positive weights that need not sum to 1 (N = 1, q = 2, z = 1: 4 ≤ 2)
        ("Sum(q[i]*z[i], (i, 1, N))**2", "<=", "Sum(q[i]*z[i]**2, (i, 1, N))"),
    ],
)
def test_near_misses_are_refuted(tmp_path: Path, lhs: str, rel: str, rhs: str) -> None:
    found, _method = verdict(tmp_path, lhs, rel, rhs)
    assert found is Verdict.REFUTED


def test_a_range_that_may_be_empty_is_not_written_as_a_double_sum(tmp_path: Path) -> None:
    # true (both sides 0 for M ≤ 0), but n ≥ 1 terms is what the method needs
    found, method = verdict(tmp_path, "Sum(z[i], (i, 1, M))**2", "<=", "M*Sum(z[i]**2, (i, 1, M))")
    assert found is not Verdict.REFUTED
    assert method != "a double sum made symmetric"
