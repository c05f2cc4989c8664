"""Run the checker on the soundness corpus and compare every verdict with its label.

    python -m tests.soundness.run [--timeout S] [-j N] [--class NAME] [--json PATH] [-v]
                                  [--write-known-failures]

The checker runs through its public API (``xentproof.check_paths``, in worker processes,
without the cache) on every corpus file but the neighbour libraries (which it reads for their
lemmas). A failure is one of:

- ``false-proved``: PROVED for a relation labelled false;
- ``true-refuted``: REFUTED for a relation labelled true;
- ``unconfirmed``: a REFUTED relation whose counterexample the reference evaluator does not
  confirm (the relation holds there, the point lies outside the domains, or it is not decided);
- ``false-conclusion``: a chain whose relations are all PROVED concludes (``∴``) something
  false, or anything at all where its directions are mixed;
- ``false-accepted``: a false relation that passes the gate on numeric agreement;
- ``input-error``: a file the loader refuses that is not marked as rightly refusable.

Prints per class the number of labelled relations (true / false), the PROVED / REFUTED /
UNPROVED totals and the count of each failure, and exits 1 if there is any failure at all.
``test_soundness.py`` runs the same comparison against ``known_failures.toml``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tests.reference import check_counterexample

from .labels import CORPUS, HERE, Labelled, load_corpus

KNOWN_FAILURES = HERE / "known_failures.toml"
KINDS = (
    "false-proved",
    "true-refuted",
    "unconfirmed",
    "false-conclusion",
    "false-accepted",
    "input-error",
)


@dataclass(frozen=True)
class Row:
    """One labelled relation and what the checker made of it."""

    file: str
    chain: str
    index: int
    cls: str
    truth: bool
    verdict: str  # proved / refuted / unproved / input-error / missing
    failure: str | None = None
    detail: str = ""
    timed_out: bool = False

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.file, self.chain, self.index)


@dataclass
class Outcome:
    rows: list[Row] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failures(self) -> list[Row]:
        return [r for r in self.rows if r.failure is not None]


def _relative(path: str) -> str:
    return Path(path).resolve().relative_to(CORPUS.resolve()).as_posix()


def _judge(label: Labelled, result: object) -> Row:
    verdict = str(getattr(result, "verdict"))  # noqa: B009 - a RelationResult
    base = dict(
        file=label.file, chain=label.chain, index=label.index, cls=label.cls, truth=label.truth
    )
    timed_out = str(getattr(result, "reason", "")).startswith("time-out")
    if verdict == "proved" and not label.truth:
        return Row(**base, verdict=verdict, failure="false-proved", detail=label.note)
    if verdict == "refuted":
        example = getattr(result, "counterexample")  # noqa: B009
        if label.relation is None or example is None:
            return Row(**base, verdict=verdict, failure="unconfirmed", detail="no counterexample")
        confirmed = check_counterexample(label.relation, dict(example.point))
        if label.truth:
            return Row(
                **base, verdict=verdict, failure="true-refuted", detail=str(dict(example.point))
            )
        if not confirmed.confirmed:
            detail = f"{dict(example.point)}: {confirmed.reason}"
            return Row(**base, verdict=verdict, failure="unconfirmed", detail=detail)
    if not label.truth and getattr(result, "accepted_numeric", False):
        return Row(**base, verdict=verdict, failure="false-accepted")
    return Row(**base, verdict=verdict, timed_out=timed_out)


def run(timeout: float = 5.0, workers: int = 2, cls: str | None = None) -> Outcome:
    """Check the corpus and judge every labelled relation."""
    from xentproof import check_paths

    corpus = load_corpus()
    started = time.perf_counter()
    paths = [
        CORPUS / p
        for p, info in corpus.files.items()
        if not info.get("library") and (cls is None or info.get("class") == cls)
    ]
    report = check_paths(paths, timeout=timeout, workers=workers)
    outcome = Outcome(seconds=time.perf_counter() - started)
    results = {}
    chains = {}
    for derivation in report.derivations:
        for chain in derivation.chains:
            chains[(_relative(derivation.file), chain.name)] = chain
            for relation in chain.relations:
                results[(_relative(derivation.file), chain.name, relation.index)] = relation
    refused = {_relative(p.file): p.message for p in report.errors}
    for label in corpus.labels:
        if cls is not None and label.cls != cls:
            continue
        if label.file in refused:
            ok = bool(corpus.files[label.file].get("input_error_ok"))
            failure = None if ok else "input-error"
            outcome.rows.append(
                Row(
                    label.file,
                    label.chain,
                    label.index,
                    label.cls,
                    label.truth,
                    "input-error",
                    failure,
                    refused[label.file],
                )
            )
            continue
        result = results.get(label.key)
        if result is None:
            outcome.rows.append(
                Row(
                    label.file,
                    label.chain,
                    label.index,
                    label.cls,
                    label.truth,
                    "missing",
                    "input-error",
                    "the checker reported no such relation",
                )
            )
            continue
        outcome.rows.append(_judge(label, result))
    for label in corpus.conclusions:
        if cls is not None and label.cls != cls:
            continue
        chain = chains.get((label.file, label.chain))
        if chain is None or not chain.conclusion:
            continue
        if all(str(r.verdict) == "proved" for r in chain.relations) and not label.truth:
            outcome.rows.append(
                Row(
                    label.file,
                    label.chain,
                    0,
                    label.cls,
                    label.truth,
                    "concluded",
                    "false-conclusion",
                    chain.conclusion,
                )
            )
    return outcome


def table(outcome: Outcome) -> str:
    classes = sorted({r.cls for r in outcome.rows})
    head = (
        f"{'class':22} {'n':>4} {'T':>4} {'F':>4} {'PROV':>5} {'REFU':>5} {'UNPR':>5} "
        f"{'falseP':>6} {'trueR':>6} {'uncnf':>6} {'concl':>6} {'accpt':>6} {'inerr':>6}"
    )
    lines = [head, "-" * len(head)]
    for cls in [*classes, None]:
        rows = [r for r in outcome.rows if cls is None or r.cls == cls]
        labelled = [r for r in rows if r.index]
        verdicts = Counter(r.verdict for r in labelled)
        failures = Counter(r.failure for r in rows)
        lines.append(
            f"{cls or 'TOTAL':22} {len(labelled):4} {sum(r.truth for r in labelled):4} "
            f"{sum(not r.truth for r in labelled):4} {verdicts['proved']:5} "
            f"{verdicts['refuted']:5} {verdicts['unproved']:5} "
            f"{failures['false-proved']:6} {failures['true-refuted']:6} "
            f"{failures['unconfirmed']:6} {failures['false-conclusion']:6} "
            f"{failures['false-accepted']:6} {verdicts['input-error'] + verdicts['missing']:6}"
        )
    return "\n".join(lines)


def known_failures(path: Path = KNOWN_FAILURES) -> dict[tuple[str, str, int], dict[str, object]]:
    if not path.exists():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {(f["file"], f["chain"], f["index"]): f for f in data.get("failure", [])}


def write_known_failures(outcome: Outcome, path: Path = KNOWN_FAILURES) -> None:
    lines = [
        "# Failures of the soundness corpus on the checker as it is (python -m",
        "# tests.soundness.run --write-known-failures). test_soundness.py fails on any failure",
        "# not listed here and on any listed one that no longer fails: fix work empties this list.",
    ]
    for row in sorted(outcome.failures, key=lambda r: (r.cls, r.file, r.chain, r.index)):
        lines += [
            "",
            "[[failure]]",
            f"file = {json.dumps(row.file)}",
            f"chain = {json.dumps(row.chain)}",
            f"index = {row.index}",
            f"class = {json.dumps(row.cls)}",
            f"kind = {json.dumps(row.failure)}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the checker on the soundness corpus.")
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("-j", "--workers", type=int, default=2)
    parser.add_argument("--class", dest="cls")
    parser.add_argument("--json", type=Path, help="write every row as JSON here")
    parser.add_argument("--write-known-failures", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every failure")
    args = parser.parse_args(argv)
    outcome = run(args.timeout, args.workers, args.cls)
    print(table(outcome))
    print(f"checked in {outcome.seconds:.1f} s")
    if args.verbose:
        for row in outcome.failures:
            print(
                f"{row.failure:16} {row.file}::{row.chain}[{row.index}] {row.verdict} {row.detail}"
            )
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in outcome.rows], indent=1))
    if args.write_known_failures:
        write_known_failures(outcome)
    return 1 if outcome.failures else 0


if __name__ == "__main__":
    sys.exit(main())
