"""The methods benchmarked, each run over a list of pairs in its own process.

Every function here returns plain dicts (JSON-ready) keyed by the pair's key, with
``verdict`` one of ``proved``/``refuted``/``undecided``/``n/a`` and ``seconds``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import sympy

from xentproof.timing import ProofTimeout, time_limit

from .pairs import Pair, pycodemath_index, unfold

Row = dict[str, Any]
Rows = dict[str, Row]  # one method's rows on one data set, by the pair's key
Progress = Callable[[int, int, str], None]


def printer(method: str) -> Progress:
    def show(done: int, total: int, what: str) -> None:
        if done == total or done % 25 == 0:
            print(f"  [{method}] {done}/{total} {what[-60:]}", flush=True)

    return show


# --- xentproof -------------------------------------------------------------------------
def run_xentproof(
    files: Sequence[str], timeout: float, progress: Progress, workers: int | None = None
) -> Rows:
    """xentproof's public API, no cache: ``check_paths(workers=None)`` decides in this
    process; ``workers=2`` in xentproof's documented pool of worker processes."""
    from xentproof.api import check_paths

    started = time.perf_counter()
    report = check_paths(list(files), timeout=timeout, workers=workers, progress=progress)
    wall = time.perf_counter() - started
    rows: Rows = {}
    for d in report.derivations:
        for c in d.chains:
            for r in c.relations:
                rows[f"{d.file}::{c.name}::{r.index}"] = {
                    "verdict": "undecided" if r.verdict.value == "unproved" else r.verdict.value,
                    "seconds": r.seconds,
                    "method": r.method,
                    "reason": r.reason,
                    "evidence": r.evidence,
                    "counterexample": (
                        None if r.counterexample is None else dict(r.counterexample.point)
                    ),
                }
    for problem in report.errors:
        print(f"  [xentproof] input problem: {problem}", file=sys.stderr)
    rows["__wall__"] = {"seconds": wall, "report_seconds": report.seconds}
    rows["__errors__"] = {"problems": [str(p) for p in report.errors]}
    return rows


# --- the SymPy baselines ---------------------------------------------------------------
_STRICT = {"<": sympy.Lt, "<=": sympy.Le, ">": sympy.Gt, ">=": sympy.Ge}


def _prepared(pair: Pair) -> tuple[sympy.Expr, sympy.Expr]:
    """Both sides with declared functions unfolded and Derivative/Limit/Sum carried out:
    what a user of the baseline would write (``simplify(lhs.doit() - rhs.doit())``)."""
    lhs = unfold(pair.lhs, pair.derivation).doit()
    rhs = unfold(pair.rhs, pair.derivation).doit()
    return lhs, rhs


def simplify_verdict(pair: Pair) -> tuple[str, str]:
    lhs, rhs = _prepared(pair)
    if pair.rel == "=":
        d = sympy.simplify(lhs - rhs)
        if d == 0:
            return "proved", "simplify(lhs - rhs) == 0"
        return "refuted", f"simplify(lhs - rhs) = {str(d)[:60]}"
    answer = sympy.simplify(_STRICT[pair.rel](lhs, rhs))
    if answer is sympy.true:
        return "proved", "simplify(lhs REL rhs) is True"
    if answer is sympy.false:
        return "refuted", "simplify(lhs REL rhs) is False"
    return "undecided", "simplify left a relational"


def equals_verdict(pair: Pair) -> tuple[str, str]:
    if pair.rel != "=":
        return "undecided", "equals() does not decide inequalities"
    lhs, rhs = _prepared(pair)
    answer = lhs.equals(rhs)
    if answer is True:
        return "proved", "equals True"
    if answer is False:
        return "refuted", "equals False"
    return "undecided", "equals None"


BASELINES: dict[str, Callable[[Pair], tuple[str, str]]] = {
    "simplify": simplify_verdict,
    "equals": equals_verdict,
}


def run_baseline(name: str, pairs: Sequence[Pair], timeout: float, progress: Progress) -> Rows:
    decide = BASELINES[name]
    rows: Rows = {}
    started = time.perf_counter()
    for n, pair in enumerate(pairs, 1):
        if pair.is_equation:
            rows[pair.key] = {"verdict": "n/a", "seconds": 0.0, "method": "equation step"}
            progress(n, len(pairs), pair.key)
            continue
        t0 = time.perf_counter()
        try:
            with time_limit(timeout):
                verdict, how = decide(pair)
        except ProofTimeout:
            verdict, how = "undecided", f"time-out after {timeout:g} s"
        except Exception as exc:
            verdict, how = "undecided", f"error: {type(exc).__name__}: {str(exc)[:80]}"
        rows[pair.key] = {
            "verdict": verdict,
            "seconds": time.perf_counter() - t0,
            "method": how,
        }
        progress(n, len(pairs), pair.key)
    rows["__wall__"] = {"seconds": time.perf_counter() - started}
    return rows


# --- pycodemath ------------------------------------------------------------------------
def run_pycodemath(files: Sequence[str], timeout: float, progress: Progress) -> Rows:
    """pycodemath's ``check_steps`` (and ``certify_diff`` for derivatives) through its own
    benchmark runner ``run_one``, with a budget of ``timeout`` per relation of the record."""
    from pycodemath.bench.verify_bench import load, run_one

    index = pycodemath_index()
    wanted = {Path(f).name for f in files}
    records = [r for r in load() if index[r["id"]]["file"] in wanted]
    rows: Rows = {}
    started = time.perf_counter()
    for n, rec in enumerate(records, 1):
        info = index[rec["id"]]
        file = str(Path(files[0]).parent / info["file"])
        budget = timeout * info["relations"]
        outcome = run_one(rec, budget)
        verdicts = {"verified": "proved", "refuted": "refuted"}
        for number, status, method in outcome.steps:
            rows[f"{file}::{rec['id']}::{number - 1}"] = {
                "verdict": verdicts.get(status, "undecided"),
                "seconds": None,
                "method": method,
            }
        for k in range(1, info["relations"] + 1):  # a step the runner did not reach
            rows.setdefault(
                f"{file}::{rec['id']}::{k}",
                {"verdict": "undecided", "seconds": None, "method": outcome.error or "none"},
            )
        rows[f"derivation::{rec['id']}"] = {
            "status": outcome.status,
            "first_error": outcome.first_error,
            "seconds": outcome.seconds,
            "error": outcome.error,
        }
        progress(n, len(records), rec["id"])
    rows["__wall__"] = {"seconds": time.perf_counter() - started}
    return rows
