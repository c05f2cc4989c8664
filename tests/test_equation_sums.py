"""Steps between equations over sums of data (issue 18, class 9): the stationarity of a
likelihood over N samples against its closed-form estimate, with each sum of data an
unknown of its own; inverse functions with a parameter whose range the solutions bring.
Every method has a near miss that it must not prove; the expected verdicts follow
docs/semantics.md §8 (a solution is a point where the equation is defined as written)."""

from __future__ import annotations

from pathlib import Path

from xentproof.result import Verdict

from .helpers import chain, check_text

SYMBOLS = """
title = "t"
[symbols]
b = "real"
s = "real"
mu = "real"
N = "positive integer"
"l[i]" = "{0, 1}"
"o[i]" = "real"
"""


def verdict(tmp_path: Path, first: str, second: str) -> Verdict:
    report = check_text(tmp_path, SYMBOLS + chain(f'"{first}"', f'"<=> {second}"'), timeout=30)
    assert not report.errors, report.errors
    (relation,) = report.relations
    return relation.verdict


STATIONARY = "Derivative(Sum(log(1 + exp(b)) - l[i]*b, (i, 1, N)), b) = 0"
LOG_ODDS = "b = log(Sum(l[i], (i, 1, N))/(N - Sum(l[i], (i, 1, N))))"


def test_the_intercept_of_a_logistic_regression_is_the_log_odds(tmp_path: Path) -> None:
    assert verdict(tmp_path, STATIONARY, LOG_ODDS) is Verdict.PROVED
    # near miss: the log of the mean (N = 2, l = (1, 0): b = 0 against b = log(1/2))
    log_mean = "b = log(Sum(l[i], (i, 1, N))/N)"
    assert verdict(tmp_path, STATIONARY, log_mean) is Verdict.REFUTED


def test_the_least_squares_mean_with_the_sums_as_unknowns(tmp_path: Path) -> None:
    squares = "Derivative(Sum((o[i] - mu)**2, (i, 1, N)), mu) = 0"
    assert verdict(tmp_path, squares, "mu = Sum(o[i], (i, 1, N))/N") is Verdict.PROVED
    # near miss: N - 1 (N = 2, o = (1, 1): mu = 1 against mu = 2)
    assert verdict(tmp_path, squares, "mu = Sum(o[i], (i, 1, N))/(N - 1)") is not Verdict.PROVED


def test_the_sigmoid_is_inverted_where_its_parameter_is_in_range(tmp_path: Path) -> None:
    # s outside (0, 1): neither equation has a solution; inside, the same one
    sigmoid = "exp(b)/(1 + exp(b)) - s = 0"
    assert verdict(tmp_path, sigmoid, "b = log(s/(1 - s))") is Verdict.PROVED
    # near miss: the ratio turned over (s = 1/4: b = -log 3 against b = log 3)
    assert verdict(tmp_path, sigmoid, "b = log((1 - s)/s)") is Verdict.REFUTED


def test_a_counterexample_over_members_is_the_same_in_every_process(tmp_path: Path) -> None:
    """The members' values are drawn in a fixed order: with the members taken from a set,
    the point found changed with Python's salted string hashes (PYTHONHASHSEED)."""
    import json
    import os
    import subprocess
    import sys

    path = tmp_path / "d.toml"
    path.write_text(
        SYMBOLS
        + chain(
            '"Derivative(Sum(log(1 + exp(b)) - l[i]*b, (i, 1, N)), b) = 0"',
            '"<=> b = log(Sum(l[i], (i, 1, N))/N)"',
        ),
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "xentproof", "check", "--no-cache", "--no-daemon"]
    points = set()
    for seed in ("1", "2", "3", "4"):
        done = subprocess.run(
            [*command, "-j", "1", "--format", "json", str(path)],
            capture_output=True,
            text=True,
            timeout=300,
            env=dict(os.environ, PYTHONHASHSEED=seed),
        )
        report = json.loads(done.stdout)
        (relation,) = report["derivations"][0]["chains"][0]["relations"]
        assert relation["verdict"] == "refuted"
        points.add(json.dumps(relation["counterexample"]["point"], sort_keys=True))
    assert len(points) == 1
