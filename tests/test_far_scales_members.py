"""Numeric acceptance far along the domains of family members, and of every symbol at once.

The far scales took each symbol alone along its domain and skipped every relation that
names a family member: atan(z[2]) < 1.5707963 (false for z[2] > 3.1·10⁷) and Σ_{i=1}^{3}
w[i] < 10⁷ (false where the members are large) passed with accept = numeric, and so did
exp(−1/x − 1/y) < 0.9999999, which fails only where x and y are both beyond 2·10⁷ (each
alone far, the other at a sample point, it holds). The integers between an integer
symbol's sample points (1 … 7) and the far scales (10^7 …) were never taken: sin(n)·
exp(−r²) < 0.999 (false at n = 33, r = 0) passed too. Ground truth from mpmath; near misses
stay accepted."""

from __future__ import annotations

from pathlib import Path

import mpmath
import pytest

from xentproof.result import Verdict

from .helpers import check_text

HEADER = """
title = "t"
[symbols]
x = "positive"
y = "positive"
n = "positive integer"
r = "real"
"z[i]" = "real"
"w[i]" = "positive"
"p[i]" = "simplex(3)"
"""


def accepted(tmp_path: Path, lhs: str, rel: str, rhs: str) -> bool:
    text = HEADER + (
        f'[[chain]]\nname = "c"\nsteps = ["{lhs}", '
        f'{{ rel = "{rel}", expr = "{rhs}", accept = "numeric" }}]\n'
    )
    r = check_text(tmp_path, text).relations[0]
    assert r.verdict is not Verdict.PROVED  # these are left to numeric evidence
    return bool(r.accepted_numeric)


def test_the_ground_truth() -> None:
    assert mpmath.atan(mpmath.mpf(10) ** 8) > mpmath.mpf("1.5707963")
    assert 3 * mpmath.mpf(10) ** 7 > 10**7
    assert mpmath.exp(-2 * mpmath.mpf(10) ** -8) > mpmath.mpf("0.9999999")
    # each alone far, the other at 10^6, the relation holds
    assert mpmath.exp(-(mpmath.mpf(10) ** -6)) < mpmath.mpf("0.9999999")
    # sin(n) < 0.999 at the sampled integers 1 … 7 and fails first at n = 33
    assert all(mpmath.sin(k) < mpmath.mpf("0.999") for k in range(1, 33))
    assert mpmath.sin(33) > mpmath.mpf("0.999")


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("atan(z[2])", "<", "15707963/10000000"),
        ("Sum(w[i], (i, 1, 3))", "<", "10**7"),
        ("exp(-1/x - 1/y)", "<", "9999999/10000000"),
        ("sin(n)*exp(-r**2)", "<", "999/1000"),
    ],
)
def test_false_far_out_is_not_accepted(tmp_path: Path, lhs: str, rel: str, rhs: str) -> None:
    assert not accepted(tmp_path, lhs, rel, rhs)


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("atan(z[2])", "<", "15707964/10000000"),
        ("exp(-1/x - 1/y)", "<", "1"),
        ("Sum(p[i]**2, (i, 1, 3))", "<=", "1"),
        ("sin(n)*exp(-r**2)", "<", "1"),
    ],
)
def test_near_misses_stay_accepted(tmp_path: Path, lhs: str, rel: str, rhs: str) -> None:
    assert accepted(tmp_path, lhs, rel, rhs)
