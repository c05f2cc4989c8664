"""Confirm every label of the corpus with the reference evaluator.

    python -m tests.soundness.confirm [--class NAME] [-v]

A false label is confirmed when its witness is a point inside the domains where the relation
does not hold; a true label when no sampled point (at least 200, or every point of finite
domains) fails and none is left undecided. Prints the true labels that rest only on
sampling (not exhaustive) by class, and exits 1 if any label is not confirmed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections import Counter
from dataclasses import dataclass

from tests.reference import check_counterexample, check_true
from tests.reference.sample import MIN_POINTS

from .labels import Labelled, load_corpus


@dataclass(frozen=True)
class Confirmed:
    ok: bool
    how: str  # "witness", "exhaustive", "sampled"
    detail: str = ""


def confirm(label: Labelled) -> Confirmed:
    relation = label.relation
    if relation is None and label.index == 0 and not label.truth:
        return Confirmed(True, "contract", "a chain of mixed directions concludes nothing")
    if relation is None:
        return Confirmed(False, "unread", "the reference cannot read this relation")
    if not label.truth:
        found = check_counterexample(relation, label.witness)
        return Confirmed(found.confirmed, "witness", found.reason)
    result = check_true(relation)
    if result.failures:
        point, outcome = result.failures[0]
        return Confirmed(
            False, "sampled", f"fails at {point}: lhs {outcome.lhs}, rhs {outcome.rhs}"
        )
    undecided = f", {result.undecided} undecided" if result.undecided else ""
    if result.exhaustive and not result.undecided:
        return Confirmed(True, "exhaustive", f"{result.points} points")
    if result.points < MIN_POINTS:
        return Confirmed(False, "sampled", f"only {result.points} points decided{undecided}")
    return Confirmed(True, "sampled", f"{result.points} points{undecided}")


SLOW = 30.0


def _timed(label: Labelled) -> tuple[Confirmed, float]:
    started = time.perf_counter()
    result = confirm(label)
    return result, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--class", dest="cls")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("-j", "--workers", type=int, default=2)
    args = parser.parse_args(argv)
    corpus = load_corpus()
    bad = 0
    sampled: Counter[str] = Counter()
    counts: Counter[tuple[str, bool]] = Counter()
    labels = [
        label
        for label in corpus.labels + corpus.conclusions
        if not args.cls or label.cls == args.cls
    ]
    with multiprocessing.Pool(args.workers) as pool:
        results = list(pool.imap(_timed, labels, chunksize=1))
    for label, (result, seconds) in zip(labels, results, strict=True):
        if seconds > SLOW:
            print(f"slow ({seconds:.0f} s): {label.file}::{label.chain}[{label.index}]")
        counts[(label.cls, label.truth)] += 1
        if result.ok and result.how == "sampled":
            sampled[label.cls] += 1
        if not result.ok:
            bad += 1
            print(
                f"NOT CONFIRMED {label.file}::{label.chain}[{label.index}] "
                f"({'true' if label.truth else 'false'}): {result.detail}"
            )
        elif args.verbose:
            print(f"ok {label.file}::{label.chain}[{label.index}] {result.how}: {result.detail}")
    print(f"{'class':24} {'true':>5} {'false':>5} {'true, sampled only':>19}")
    for cls in sorted({c for c, _ in counts}):
        print(f"{cls:24} {counts[(cls, True)]:5} {counts[(cls, False)]:5} {sampled[cls]:19}")
    print(f"{bad} labels not confirmed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
