"""Ground truth by the reference evaluator, independent of every method benchmarked.

Each pair is read again from its file by the reference evaluator of ``tests/reference``
(its own reader over Python's ``ast``: nothing in a file is evaluated as code; no SymPy, no
xentproof) and evaluated by the contract of ``docs/semantics.md``: every subterm must be
defined (``0*log(-1)`` and ``x/x`` at 0 have no value), sums over empty ranges are 0,
limits without a direction are two-sided, a derivative exists only where the body is
differentiable, equations (``<=>``, ``=>``) compare solution sets. Values are computed with
mpmath at 60, 90 and 120 digits and decided only when the precisions agree. An inequality
is first tried at 15, 45 and 75 digits with no value decided zero there (a sign decided is
above its rounding error, with two precisions agreeing, as at full precision); what that
does not decide, and every zero, is decided at the reference's own precisions (after two
such tries come to nothing, an inequality goes there directly).

The points are the reference's sample of the declared domains (the edges and just inside
open ends, the middle, far-out values, small integers including those that empty a range,
the numbers written in the relation and their neighbours, seeded random values; family
members drawn from their family's domain, a third of the probability vectors uniform; for
an equation in one unknown, its solutions when they are easy to find; drawn again inside
the file's ``[constraints]`` that bear on the relation and inside a range ``{1, ..., C}``,
``tests/reference/constrained.py``), at most ``POINTS`` of them, and no more once ``MAX_UNDECIDED``
were left undecided or ``SECONDS`` of wall time have passed (the reference retries a hard
point at up to 1080 digits and has no budget of its own). A pair ``differs`` when the
relation does not hold at one of them (the comparison is false, or a side has no value
there), ``agrees`` when it holds at every point the reference decided, and is ``unknown``
when none inside the domains was decided or the reference cannot read it.

The benchmark uses ``evaluate_all(pairs) -> {key: Truth}`` (``bench/truth_cache.py``: in 2
worker processes, each relation's truth kept in a cache keyed by what decides it),
``evaluate(pair) -> Truth`` (one relation, in this process), ``Truth`` and ``DESCRIPTION``
(the phrase the report prints); another evaluator can take this module's place by keeping
them.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from tests.reference import (
    ChainRelations,
    MissingValue,
    Outcome,
    ReferenceSyntaxError,
    Relation,
    Unsupported,
    evaluate_relation,
    read_chains,
)
from tests.reference.constrained import constrained_points, narrowed
from tests.reference.evaluate import MemberKey, MemberSource
from tests.reference.numbers import nonzero_only
from tests.reference.tree import Node, to_text

__all__ = ["DESCRIPTION", "Place", "Status", "Truth", "evaluate", "relation_of"]

POINTS = 60
MAX_UNDECIDED = 10  # each costs retries at up to 1080 digits: stop trying after this many
SECONDS = 30.0
LOWER_DIGITS = 45  # a first try at 15, 45 and 75 digits (the reference's 60, 90, 120 less 45)
LOWER_TRIES = 2  # per relation: tries at lowered precision that may come to nothing
INEQUALITIES = ("<", "<=", ">", ">=")
DESCRIPTION = f"the reference evaluator (tests/reference) at up to {POINTS} points"
SEED = 20261202

Status = Literal["differs", "agrees", "unknown"]


class Place(Protocol):
    """Where a relation is: ``bench.pairs.Pair`` is one; the truth needs nothing else."""

    @property
    def file(self) -> str: ...
    @property
    def chain(self) -> str: ...
    @property
    def index(self) -> int: ...
    @property
    def key(self) -> str: ...


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


def relation_of(pair: Place) -> Relation | None:
    """The reference's reading of the relation (None: a LaTeX step it does not read);
    raises ``ReferenceSyntaxError``, ``ValueError`` or ``KeyError`` when it cannot."""
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


def evaluate(pair: Place, seed: int = SEED, seconds: float = SECONDS) -> Truth:
    try:
        relation = relation_of(pair)
    except (ReferenceSyntaxError, ValueError, KeyError) as error:
        return Truth("unknown", detail=f"the reference cannot read it: {error}")
    if relation is None:
        return Truth("unknown", detail="the reference cannot read a LaTeX step")
    counts = [0, 0, 0]  # decided, undecided, outside the domains
    try:
        with _budget(seconds):
            found = _failure(pair, relation, seed, counts)
    except _OutOfTime:
        found, counts[1] = None, counts[1] + 1
    except (MissingValue, Unsupported) as error:
        return Truth("unknown", detail=f"not evaluated: {error}")
    if found is not None:
        return found
    decided, undecided, outside = counts
    notes = [f"{undecided} undecided"] if undecided else []
    notes += [f"{outside} outside the domains"] if outside else []
    left_open = f" ({', '.join(notes)})" if notes else ""
    if decided == 0:
        return Truth("unknown", detail=f"no point inside the domains decided{left_open}")
    return Truth("agrees", detail=f"agrees at {decided} points{left_open}")


def _failure(pair: Place, relation: Relation, seed: int, counts: list[int]) -> Truth | None:
    """The first sampled point where the relation fails, as a ``differs`` Truth; counts the
    points decided, undecided and outside the domains in ``counts`` as it goes. A point
    outside the domains (its values break a ``[constraints]`` relation or a chain's
    ``where``) decides nothing: it is neither a failure nor a point where the relation
    holds. Only the constraints that bear on the relation are kept, and a point outside
    them is drawn again (``tests/reference/constrained.py``) before it counts as outside."""
    base = zlib.crc32(f"{seed}/{pair.key}".encode())
    # tries at lowered precision left (each one that comes to nothing spends one); only an
    # inequality can hold without a zero being decided, so only an inequality tries
    lower = [LOWER_TRIES if relation.rel in INEQUALITIES else 0]
    relation = narrowed(relation)
    current, done, outside = -1, False, False  # the point k drawn now, and how it went
    for k, point, source in constrained_points(relation, base, POINTS):
        if k != current:
            counts[2] += 1 if outside and not done else 0  # every draw of it was outside
            current, done, outside = k, False, False
        if k >= POINTS:
            break
        if done:
            continue
        members: dict[MemberKey, Node] = {}
        outcome = _at_point(relation, point, members, source, lower)
        if outcome.holds is None:
            done = True
            counts[1] += 1
            if counts[1] >= MAX_UNDECIDED:
                break
            continue
        if not outcome.inside:  # the file's constraints or a chain's where exclude it
            outside = True
            continue
        done = True
        counts[0] += 1
        if not outcome.holds:
            shown = {name: to_text(value) for name, value in point.items()}
            for (family, indices), value in members.items():
                shown[f"{family}[{', '.join(map(str, indices))}]"] = to_text(value)
            return Truth("differs", _show(shown), f"{outcome.lhs} vs {outcome.rhs}")
    counts[2] += 1 if outside and not done else 0
    return None


def _at_point(
    relation: Relation,
    point: dict[str, Node],
    members: dict[MemberKey, Node],
    source: MemberSource,
    lower: list[int],
) -> Outcome:
    """The relation at ``point``: first at ``LOWER_DIGITS`` fewer digits, deciding no value
    zero (``nonzero_only``), kept when it decides the relation at a point it shows inside
    the domains (deciding no zero there, a constraint may be left undecided); otherwise,
    or once ``LOWER_TRIES`` such tries came to nothing for this relation, at the
    reference's own precisions. A difference found either way is a sign decided above its
    rounding error with two precisions agreeing; a zero is only ever decided at full
    precision."""
    if lower[0] > 0:
        with nonzero_only():
            outcome = evaluate_relation(relation, point, members, source, (-LOWER_DIGITS,))
        if outcome.holds is not None and outcome.inside:
            return outcome
        lower[0] -= 1
    return evaluate_relation(relation, point, members, source)


def _show(point: dict[str, str]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in sorted(point.items()))
