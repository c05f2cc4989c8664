"""Check the labels of the outside measurement set independently of xentproof and SymPy.

Every relation of ``bench/sources/*.toml`` is read by the reference evaluator of
``tests/reference`` (its own reader over Python's ``ast``; nothing in a file is executed)
and evaluated with mpmath by the contract of ``docs/semantics.md`` at points sampled inside
the declared domains, plus the points ``labels.toml`` adds for a relation (a solution of an
equation, where random points rarely land; a witness for an erratum). A LaTeX step is read
through its meaning in ``labels.toml`` (the reference has no LaTeX reader, on purpose).

A relation labelled true (no ``expect``) must hold at every point decided; one labelled
false (``expect = "refuted"``) needs a point where it fails, which is printed.

Usage: python -m bench.sources.check_labels [--only TEXT] [FILE ...]
(exit 1 on any disagreement; ``--only`` keeps the relations whose "stem::chain::k" key
contains TEXT, and may be given more than once)
"""

from __future__ import annotations

import argparse
import signal
import sys
import tomllib
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.reference import (
    ChainRelations,
    MissingValue,
    Relation,
    Unsupported,
    evaluate_relation,
    parse_point,
    read_chains,
    sample_points,
)
from tests.reference.evaluate import MemberKey
from tests.reference.sample import member_source
from tests.reference.tree import Node, to_text

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels.toml"
POINTS = 60
SECONDS = 30.0
MAX_UNDECIDED = 10  # each costs retries at up to 1080 digits
SEED = 20261204


class _OutOfTime(Exception):
    pass


def _expire(signum: int, frame: object) -> None:
    raise _OutOfTime


def source_files() -> list[Path]:
    """The derivation files of the set (every ``*.toml`` here that declares a chain)."""
    return sorted(p for p in HERE.glob("*.toml") if "[[chain]]" in p.read_text("utf-8"))


def load_labels() -> dict[str, Any]:
    return tomllib.loads(LABELS.read_text("utf-8"))


def meanings_for(stem: str, labels: dict[str, Any]) -> dict[tuple[str, int], str]:
    """``labels.toml``'s meanings of the LaTeX steps of one file: "stem::chain::step"."""
    found: dict[tuple[str, int], str] = {}
    for key, text in labels.get("meaning", {}).items():
        file, chain, step = key.split("::")
        if file == stem:
            found[(chain, int(step))] = text
    return found


def _points(
    relation: Relation, hints: list[dict[str, str]], seed: int
) -> Iterator[tuple[dict[str, Node], dict[MemberKey, Node]]]:
    for hint in hints:
        yield parse_point(relation, hint)
    for point in sample_points(relation, seed, POINTS):
        yield point, {}


def judge(relation: Relation, hints: list[dict[str, str]], key: str) -> tuple[str, str]:
    """("fails", the point and both sides) at the first point where the relation fails,
    else ("holds", how many points were decided) or ("unknown", why)."""
    seed = zlib.crc32(f"{SEED}/{key}".encode())
    decided = undecided = 0
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, SECONDS)
    try:
        for k, (point, given) in enumerate(_points(relation, hints, seed)):
            members = dict(given)
            outcome = evaluate_relation(
                relation, point, members, member_source(relation.decl, seed + k, point)
            )
            if outcome.holds is None:
                undecided += 1
                if undecided >= MAX_UNDECIDED:
                    break
                continue
            decided += 1
            if not outcome.holds and outcome.inside:
                shown = {name: to_text(value) for name, value in point.items()}
                for (family, indices), value in members.items():
                    shown[f"{family}[{', '.join(map(str, indices))}]"] = to_text(value)
                where = ", ".join(f"{n} = {v}" for n, v in sorted(shown.items()))
                return "fails", f"at {where}: {outcome.lhs} vs {outcome.rhs}"
    except _OutOfTime:
        undecided += 1
    except (MissingValue, Unsupported) as error:
        return "unknown", f"not evaluated: {error}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if decided == 0:
        return "unknown", f"no point decided ({undecided} undecided)"
    return "holds", f"holds at {decided} points ({undecided} undecided)"


def check_file(path: Path, labels: dict[str, Any], only: list[str] | None = None) -> list[str]:
    """One line per relation, printed as it is decided; a line that starts with "DISAGREE"
    is a wrong label."""
    lines: list[str] = []
    chains: list[ChainRelations] = read_chains(path, meanings_for(path.stem, labels))
    for chain in chains:
        for k, relation in enumerate(chain.relations, start=1):
            key = f"{path.stem}::{chain.name}::{k}"
            if only and not any(text in key for text in only):
                continue
            truth = chain.steps[k].expect != "refuted"
            if relation is None:
                lines.append(f"DISAGREE {key}: a LaTeX step without a meaning in labels.toml")
                print(lines[-1], flush=True)
                continue
            hints = labels.get("points", {}).get(key, [])
            status, detail = judge(relation, hints, key)
            agrees = (status == "holds") if truth else (status == "fails")
            mark = "ok      " if agrees else "DISAGREE"
            label = "true " if truth else "false"
            lines.append(f"{mark} {label} {key}: {detail}")
            print(lines[-1], flush=True)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", action="append", help="keep the keys that contain this")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    labels = load_labels()
    bad = 0
    for path in args.files or source_files():
        for line in check_file(path, labels, args.only):
            bad += line.startswith("DISAGREE")
    print(f"{bad} disagreement(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
