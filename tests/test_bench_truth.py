"""The benchmark's ground truth (``bench/truth.py``, ``bench/truth_cache.py``): a true
relation stays true, a false one is found, a relation undefined at some points is reported
as failing there, the first try at lowered precision decides no zero, and the cache and the
worker processes change no answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import truth
from bench.truth_cache import Site, evaluate_all
from tests.reference import numbers as n
from tests.reference.numbers import Undecidable, nonzero_only, raised_precision

FILE = """
title = "ground truth"

[symbols]
x = "real"
t = "positive"

[[chain]]
name = "t-square"
steps = ["(x + 1)**2", "= x**2 + 2*x + 1"]

[[chain]]
name = "f-square"
steps = ["(x + 1)**2", "= x**2 + 1"]

[[chain]]
name = "f-hole"
steps = ["x/x", "= 1"]

[[chain]]
name = "t-hole-positive"
steps = ["t/t", "= 1"]

[[chain]]
name = "t-tangent"
steps = ["exp(x)", ">= 1 + x"]

[[chain]]
name = "f-tangent-too-high"
steps = ["exp(x)", ">= 1 + x + x**2/10"]

[[chain]]
name = "t-touching"
steps = ["exp(-x**2)", "<= 1"]

[[chain]]
name = "f-touching-strict"
steps = ["exp(-x**2)", "< 1"]

[[chain]]
name = "f-nowhere-defined"
steps = ["log(-1 - x**2)", "= log(-1 - x**2)"]
"""
CHAINS = (
    "t-square",
    "f-square",
    "f-hole",
    "t-hole-positive",
    "t-tangent",
    "f-tangent-too-high",
    "t-touching",
    "f-touching-strict",
    "f-nowhere-defined",
)


@pytest.fixture()
def sites(tmp_path: Path) -> dict[str, Site]:
    path = tmp_path / "truth.toml"
    path.write_text(FILE, encoding="utf-8")
    return {name: Site(str(path), name, 1) for name in CHAINS}


def test_a_true_relation_stays_true(sites: dict[str, Site]) -> None:
    for name in ("t-square", "t-hole-positive", "t-tangent", "t-touching"):
        found = truth.evaluate(sites[name])
        assert found.status == "agrees", (name, found)


def test_a_false_relation_is_found_with_its_point(sites: dict[str, Site]) -> None:
    found = truth.evaluate(sites["f-square"])
    assert found.status == "differs"
    assert found.point.startswith("x = ")
    found = truth.evaluate(sites["f-tangent-too-high"])
    assert found.status == "differs"


def test_an_inequality_that_fails_only_where_the_sides_touch_is_found(
    sites: dict[str, Site],
) -> None:
    """exp(-x²) < 1 fails at x = 0 alone: the lowered-precision try cannot decide the
    zero there, so the full precision does."""
    found = truth.evaluate(sites["f-touching-strict"])
    assert found.status == "differs"
    assert found.point == "x = 0"


def test_a_relation_undefined_at_some_points_fails_there(sites: dict[str, Site]) -> None:
    found = truth.evaluate(sites["f-hole"])
    assert found.status == "differs"
    assert found.point == "x = 0"
    assert "undefined" in found.detail


def test_a_relation_undefined_everywhere_is_reported_undefined(sites: dict[str, Site]) -> None:
    found = truth.evaluate(sites["f-nowhere-defined"])
    assert found.status == "differs"
    assert "undefined" in found.detail


def test_no_zero_is_decided_at_lowered_precision() -> None:
    """1 + 10^-80 - 1 is 0 at 75 digits: there it is left undecided (never 0), and the
    reference's own precision finds its sign."""
    one = n.exact(1)
    with raised_precision(-truth.LOWER_DIGITS), nonzero_only():
        tiny = n.lift(n.exact(-184), "exp")  # about 1.4e-80, inexact
        with pytest.raises(Undecidable):
            n.sign(n.sub(n.add(one, tiny), one))
        assert n.sign(tiny) == 1  # a sign above its error stands
    tiny = n.lift(n.exact(-184), "exp")
    assert n.sign(n.sub(n.add(one, tiny), one)) == 1


def test_the_cache_and_the_workers_change_no_answer(sites: dict[str, Site], tmp_path: Path) -> None:
    places = list(sites.values())
    alone, _ = evaluate_all(places, workers=1, cache=None)
    cache = tmp_path / "cache.json"
    pooled, filled = evaluate_all(places, workers=2, cache=cache)
    again, second = evaluate_all(places, workers=2, cache=cache)
    assert alone == pooled == again
    assert (filled.evaluated, filled.cached) == (len(places), 0)
    assert (second.evaluated, second.cached) == (0, len(places))


def test_an_edited_declaration_is_evaluated_again(sites: dict[str, Site], tmp_path: Path) -> None:
    """t/t = 1 holds for t positive; declared real, t = 0 makes it fail: the cached answer
    of the old declaration is not used."""
    cache = tmp_path / "cache.json"
    place = sites["t-hole-positive"]
    before, _ = evaluate_all([place], workers=1, cache=cache)
    assert before[place.key].status == "agrees"
    path = Path(place.file)
    path.write_text(FILE.replace('t = "positive"', 't = "real"'), encoding="utf-8")
    truth._chains.cache_clear()
    after, summary = evaluate_all([place], workers=1, cache=cache)
    assert summary.evaluated == 1
    assert after[place.key].status == "differs"


@pytest.mark.parametrize("text", ["1", "0.5", "-2.5", "3.7e250", "1e-300"])
def test_magnitudes_are_those_of_the_full_precision(text: str) -> None:
    """log10_abs and ten_to, computed with few bits beyond the exponent's, are within
    10^-15 of the 120-digit values, also for 1.89^(-10^30) (an exponent of 30 digits)."""
    value = n.HI.mpf(text)
    assert abs(n.log10_abs(value) - n.HI.log10(abs(value))) < 1e-15
    huge = n.HI.mpf("1.89") ** (-(10**30))
    assert abs(n.log10_abs(huge) - n.HI.log10(huge)) < 1e-15
    exponent = n.HI.log10(abs(value)) - 117
    assert abs(n.ten_to(exponent) / n.HI.mpf(10) ** exponent - 1) < 1e-15


OUTSIDE = """
title = "constraints no sampled point meets"

[symbols]
a = "real"
b = "real"
x = "real"

[constraints]
far_apart = "x > a + 10**40"

[[chain]]
name = "f-shift"
steps = ["x + 1", "= x"]
"""


def test_points_outside_the_domains_decide_nothing(tmp_path: Path) -> None:
    """Where the file's constraints exclude every sampled point, nothing was decided: the
    relation is unknown, not agreeing at 60 points (it was, before points outside the
    domains were told apart). The constraint bears on x, the relation's symbol (one on
    other symbols only is not asked of its points: tests/test_bench_truth_constraints.py)."""
    path = tmp_path / "outside.toml"
    path.write_text(OUTSIDE, encoding="utf-8")
    found = truth.evaluate(Site(str(path), "f-shift", 1))
    assert found.status == "unknown", found
    assert "outside the domains" in found.detail
