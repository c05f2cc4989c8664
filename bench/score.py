"""Scoring: counts over a method's rows against the ground truth of the pairs.

A pair's truth is the file's label (``Pair.truth``), never a verdict. Per relation, a true
pair should be PROVED and a false one REFUTED; a pair the method does not define (``n/a``,
the baselines on equation steps) is left out of its counts. Per derivation (pycodemath's
own scoring of its data), a correct derivation should have every relation PROVED and a
wrong one its first REFUTED relation at the labelled error step.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .methods import Rows
from .pairs import Pair


def quantile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


@dataclass(frozen=True)
class Score:
    """One method on a set of pairs, per relation; times in seconds (None: none measured)."""

    n_true: int
    n_false: int
    true_proved: int
    true_refuted: int
    false_refuted: int
    false_proved: int
    undecided: int
    answered: int  # the pairs counted: n_true + n_false
    na: int  # the pairs left out as n/a
    median: float | None  # of the relation times
    p90: float | None
    total: float | None  # the sum of the relation times
    wall: float | None  # the method's own wall time over the data set
    cpu: float | None  # user + system seconds of the method's process
    load: list[float] | None  # load average at the start and the end of its process


def score(pairs: Sequence[Pair], rows: Rows) -> Score:
    """Counts over the pairs a method answered (``n/a`` pairs are left out)."""
    true_pairs = [p for p in pairs if p.truth and rows.get(p.key, {}).get("verdict") != "n/a"]
    false_pairs = [p for p in pairs if not p.truth and rows.get(p.key, {}).get("verdict") != "n/a"]

    def count(group: list[Pair], verdict: str) -> int:
        return sum(1 for p in group if rows.get(p.key, {}).get("verdict", "undecided") == verdict)

    times = [
        rows[p.key]["seconds"]
        for p in [*true_pairs, *false_pairs]
        if p.key in rows and rows[p.key].get("seconds") is not None
    ]
    answered = len(true_pairs) + len(false_pairs)
    wall = rows.get("__wall__", {})
    return Score(
        n_true=len(true_pairs),
        n_false=len(false_pairs),
        true_proved=count(true_pairs, "proved"),
        true_refuted=count(true_pairs, "refuted"),
        false_refuted=count(false_pairs, "refuted"),
        false_proved=count(false_pairs, "proved"),
        undecided=count(true_pairs, "undecided") + count(false_pairs, "undecided"),
        answered=answered,
        na=len(pairs) - answered,
        median=statistics.median(times) if times else None,
        p90=quantile(times, 0.9),
        total=sum(times) if times else None,
        wall=wall.get("seconds"),
        cpu=wall.get("process_cpu"),
        load=wall.get("load"),
    )


def is_right(pair: Pair, verdict: str | None) -> bool:
    """PROVED for a true pair, REFUTED for a false one."""
    return verdict == ("proved" if pair.truth else "refuted")


# --- the same true pairs, xentproof against simplify ------------------------------------
@dataclass(frozen=True)
class AgainstSimplify:
    """xentproof and ``simplify`` over the true pairs both answered (not n/a)."""

    pairs: int
    xentproof_seconds: float
    simplify_seconds: float
    xentproof_proved: int
    simplify_proved: int


def against_simplify(pairs: Sequence[Pair], x: Rows, s: Rows) -> AgainstSimplify:
    common = [
        p
        for p in pairs
        if p.truth and s.get(p.key, {}).get("verdict") not in (None, "n/a") and p.key in x
    ]
    return AgainstSimplify(
        pairs=len(common),
        xentproof_seconds=sum(x[p.key]["seconds"] for p in common),
        simplify_seconds=sum(s[p.key]["seconds"] for p in common),
        xentproof_proved=sum(x[p.key]["verdict"] == "proved" for p in common),
        simplify_proved=sum(s[p.key]["verdict"] == "proved" for p in common),
    )


# --- per derivation (pycodemath's data) -------------------------------------------------
def by_chain(pairs: Sequence[Pair]) -> dict[str, list[Pair]]:
    """The pairs of each chain (for pycodemath's data, a chain is one derivation, named
    by its record's id), in order."""
    chains: dict[str, list[Pair]] = {}
    for p in pairs:
        chains.setdefault(p.chain, []).append(p)
    return chains


def first_refuted(group: Sequence[Pair], rows: Rows) -> int | None:
    """The index of the chain's first REFUTED relation (None: none)."""
    return next((p.index for p in group if rows.get(p.key, {}).get("verdict") == "refuted"), None)


def all_proved(group: Sequence[Pair], rows: Rows) -> bool:
    return all(rows.get(p.key, {}).get("verdict") == "proved" for p in group)


def chain_seconds(method: str, chain: str, group: Sequence[Pair], rows: Rows) -> float | None:
    """The time a method spent on a derivation: pycodemath's is per derivation (None when
    it has none), every other method's the sum of its relation times."""
    if method == "pycodemath":
        seconds: float | None = rows.get(f"derivation::{chain}", {}).get("seconds")
        return seconds
    return sum(rows.get(p.key, {}).get("seconds") or 0 for p in group)


@dataclass
class DerivationScore:
    """One method on pycodemath's derivations, scored as pycodemath scores them."""

    correct: int = 0
    correct_proved: int = 0  # every relation PROVED
    correct_refuted: int = 0  # some relation REFUTED
    wrong: int = 0
    wrong_located: int = 0  # first REFUTED relation at the labelled error step
    wrong_elsewhere: int = 0  # first REFUTED relation at another step
    wrong_verified: int = 0  # every relation PROVED: a false proof
    times: list[float] = field(default_factory=list)  # per derivation, where measured


def derivation_score(
    method: str,
    chains: Mapping[str, Sequence[Pair]],
    rows: Rows,
    index: Mapping[str, Mapping[str, Any]],
) -> DerivationScore:
    """``index``: pycodemath's manifest (``pairs.pycodemath_index``), per chain its label
    (correct/wrong) and labelled error step (pycodemath numbers the first step 1, so the
    relation into step n has index n - 1)."""
    result = DerivationScore()
    for chain, group in chains.items():
        info = index[chain]
        first = first_refuted(group, rows)
        seconds = chain_seconds(method, chain, group, rows)
        if seconds is not None:
            result.times.append(seconds)
        if info["label"] == "correct":
            result.correct += 1
            result.correct_proved += all_proved(group, rows)
            result.correct_refuted += first is not None
        else:
            result.wrong += 1
            if first is not None and first + 1 == info["error_step"]:
                result.wrong_located += 1
            elif first is not None:
                result.wrong_elsewhere += 1
            result.wrong_verified += all_proved(group, rows)
    return result
