"""Ground truth by the reference evaluator, independent of every method benchmarked.

Each pair is read again from its file by the reference evaluator of ``tests/reference``
(its own reader over Python's ``ast``: nothing in a file is evaluated as code; no SymPy, no
xentproof) and evaluated by the contract of ``docs/semantics.md``: every subterm must be
defined (``0*log(-1)`` and ``x/x`` at 0 have no value), sums over empty ranges are 0,
limits without a direction are two-sided, a derivative exists only where the body is
differentiable, equations (``<=>``, ``=>``) compare solution sets. Values are computed with
mpmath at 60, 90 and 120 digits and decided only when the precisions agree.

The points are the reference's sample of the declared domains (the edges and just inside
open ends, the middle, far-out values, small integers including those that empty a range,
the numbers written in the relation and their neighbours, seeded random values; family
members drawn from their family's domain; for an equation in one unknown, its solutions
when they are easy to find), at most ``POINTS`` of them, and no more once ``MAX_UNDECIDED``
were left undecided or ``SECONDS`` of wall time have passed (the reference retries a hard
point at up to 1080 digits and has no budget of its own). A pair ``differs`` when the
relation does not hold at one of them (the comparison is false, or a side has no value
there), ``agrees`` when it holds at every point the reference decided, and is ``unknown``
when none was decided or the reference cannot read it.

The benchmark uses only ``evaluate(pair) -> Truth``, ``Truth`` and ``DESCRIPTION`` (the
phrase the report prints); another evaluator can take this module's place by keeping them.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tests.reference import (
    ChainRelations,
    MissingValue,
    ReferenceSyntaxError,
    Relation,
    Unsupported,
    evaluate_relation,
    read_chains,
    sample_points,
)
from tests.reference.evaluate import MemberKey
from tests.reference.sample import member_source
from tests.reference.tree import Node, to_text

from .pairs import Pair

__all__ = ["DESCRIPTION", "Status", "Truth", "evaluate"]

POINTS = 60
MAX_UNDECIDED = 10  # each costs retries at up to 1080 digits: stop trying after this many
SECONDS = 30.0
DESCRIPTION = f"the reference evaluator (tests/reference) at up to {POINTS} points"
SEED = 20261202

Status = Literal["differs", "agrees", "unknown"]


@dataclass(frozen=True)
class Truth:
    """What evaluation says of a pair: ``differs`` (the relation fails at ``point``: the
    pair is false), ``agrees`` (it holds at every point decided) or ``unknown`` (no point
    could be decided, or the reference cannot read the pair)."""

    status: Status
    point: str = ""  # where it fails, as "x = 1/2, y[1] = 0"
    detail: str = ""  # the two sides there, or why nothing could be said


@functools.lru_cache(maxsize=64)
def _chains(path: str) -> dict[str, ChainRelations]:
    return {chain.name: chain for chain in read_chains(Path(path))}


def _relation(pair: Pair) -> Relation | None:
    chain = _chains(pair.file)[pair.chain]
    return chain.relations[pair.index - 1]


class _OutOfTime(Exception):
    pass


@contextlib.contextmanager
def _budget(seconds: float) -> Iterator[None]:
    """Interrupt the reference after ``seconds`` of wall time (SIGALRM: the main thread)."""

    def expire(signum: int, frame: object) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def evaluate(pair: Pair, seed: int = SEED, seconds: float = SECONDS) -> Truth:
    try:
        relation = _relation(pair)
    except (ReferenceSyntaxError, ValueError, KeyError) as error:
        return Truth("unknown", detail=f"the reference cannot read it: {error}")
    if relation is None:
        return Truth("unknown", detail="the reference cannot read a LaTeX step")
    counts = [0, 0]  # decided, undecided
    try:
        with _budget(seconds):
            found = _failure(pair, relation, seed, counts)
    except _OutOfTime:
        found, counts[1] = None, counts[1] + 1
    except (MissingValue, Unsupported) as error:
        return Truth("unknown", detail=f"not evaluated: {error}")
    if found is not None:
        return found
    decided, undecided = counts
    left_open = f" ({undecided} undecided)" if undecided else ""
    if decided == 0:
        return Truth("unknown", detail=f"no point could be decided{left_open}")
    return Truth("agrees", detail=f"agrees at {decided} points{left_open}")


def _failure(pair: Pair, relation: Relation, seed: int, counts: list[int]) -> Truth | None:
    """The first sampled point where the relation fails, as a ``differs`` Truth; counts the
    points decided and undecided in ``counts`` as it goes."""
    base = zlib.crc32(f"{seed}/{pair.key}".encode())
    for k, point in enumerate(sample_points(relation, base, POINTS)):
        if k >= POINTS:
            break
        members: dict[MemberKey, Node] = {}
        outcome = evaluate_relation(
            relation, point, members, member_source(relation.decl, base + k, point)
        )
        if outcome.holds is None:
            counts[1] += 1
            if counts[1] >= MAX_UNDECIDED:
                break
            continue
        counts[0] += 1
        if not outcome.holds and outcome.inside:
            shown = {name: to_text(value) for name, value in point.items()}
            for (family, indices), value in members.items():
                shown[f"{family}[{', '.join(map(str, indices))}]"] = to_text(value)
            return Truth("differs", _show(shown), f"{outcome.lhs} vs {outcome.rhs}")
    return None


def _show(point: dict[str, str]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in sorted(point.items()))
