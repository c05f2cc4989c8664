"""Numeric acceptance and a sum that overshoots between the sampled counts and its limit.

Σ_{i=1}^N (3000 − i)/i³ rises until N = 3000 and then falls to 3000·ζ(3) − ζ(2) =
3604.52577…; a bound of 3604.5258 holds at every sampled N (≤ 40) and in the limit, and
passed with accept = numeric, though it fails for N from about 1500 to 10⁴. Counts up to
2000 are now taken between the two. Ground truth from mpmath; near miss above the peak."""

from __future__ import annotations

from pathlib import Path

import mpmath
import pytest

from xentproof.result import Verdict

from .helpers import check_text

SERIES = """
title = "t"
[symbols]
N = "positive integer"
[[chain]]
name = "c"
steps = ["Sum((3000 - i)/i**3, (i, 1, N))", { rel = "<", expr = "BOUND", accept = "numeric" }]
"""


def _partial(n: int) -> mpmath.mpf:
    return mpmath.fsum((3000 - mpmath.mpf(i)) / mpmath.mpf(i) ** 3 for i in range(1, n + 1))


def test_the_ground_truth_overshoots_between_the_samples_and_the_limit() -> None:
    with mpmath.workdps(30):
        limit = 3000 * mpmath.zeta(3) - mpmath.zeta(2)
        assert limit < mpmath.mpf("3604.5258") < _partial(2000) < _partial(3000)
        assert _partial(40) < mpmath.mpf("3604.5258")
        assert _partial(3000) < mpmath.mpf("3604.5260")  # the peak: the near miss holds


@pytest.mark.parametrize(
    ("bound", "accepted"), [("36045258/10000", False), ("36045260/10000", True)]
)
def test_an_overshoot_between_samples_and_limit_is_not_accepted(
    tmp_path: Path, bound: str, accepted: bool
) -> None:
    (r,) = check_text(tmp_path, SERIES.replace("BOUND", bound)).relations
    assert r.verdict is not Verdict.PROVED and r.verdict is not Verdict.REFUTED
    assert r.accepted_numeric is accepted
    assert bool(r.numeric_objection) is not accepted
