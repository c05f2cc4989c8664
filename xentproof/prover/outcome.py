"""What the cascade gives back for one relation, and what it keeps while it runs.

``Outcome`` is the verdict with everything the report needs to explain it; it is frozen
(a stage that adds to one makes a new one with ``dataclasses.replace``). ``Attempt`` is
the mutable progress of one relation (the stage it is in, the numeric ``Evidence`` so far,
the seconds per stage), so that a time-out can still report what was seen. ``Prover`` is
the type of the cascade itself, for the stages that prove a part of a relation (a term of
a sum, an induction step, the sides of two equations) by the whole cascade.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

import sympy

from ..result import Counterexample, Verdict
from .declared import DomainInfo


@dataclass
class Evidence:
    """What the numeric stage saw; filled in as it goes, so a time-out keeps it."""

    agreeing: int = 0
    tried: int = 0
    undefined: int = 0
    undefined_points: int = 0  # of ``undefined``: a side undefined there, not confirmed

    def describe(self) -> str:
        if self.tried == 0:
            return "no numeric evidence (the expressions could not be evaluated at sample points)"
        text = f"agrees at {self.agreeing} of {self.tried} sampled points"
        if self.undefined:
            text += f" ({self.undefined} undefined)"
        return text


@dataclass(frozen=True)
class Outcome:
    """The verdict of the cascade with everything the report needs to explain it."""

    verdict: Verdict
    method: str
    conditions: tuple[str, ...] = ()
    counterexample: Counterexample | None = None
    evidence: str = ""
    reason: str = ""


class Attempt:
    """Mutable progress of one relation, so a time-out can still report what was seen;
    it also keeps the seconds spent in each stage (for ``bench/speed.py``)."""

    def __init__(self, evidence: Evidence | None = None, stage: str = "refutation") -> None:
        self.evidence = evidence or Evidence()
        self.timings: dict[str, float] = {}
        self._stage = stage
        self._since = time.perf_counter()

    @property
    def stage(self) -> str:
        return self._stage

    @stage.setter
    def stage(self, stage: str) -> None:
        self.lap()
        self._stage = stage

    def lap(self) -> None:
        """Count the time since the last change of stage to the current stage."""
        now = time.perf_counter()
        self.timings[self._stage] = self.timings.get(self._stage, 0.0) + now - self._since
        self._since = now


def dedupe(items: Iterable[str]) -> tuple[str, ...]:
    """The side conditions in order, each once, empty ones left out."""
    return tuple(dict.fromkeys(i for i in items if i))


class Prover(Protocol):
    """The cascade: the outcome of ``lhs REL rhs`` under the domains (see ``cascade.prove``)."""

    def __call__(
        self,
        relation: str,
        lhs: sympy.Expr,
        rhs: sympy.Expr,
        infos: Mapping[sympy.Basic, DomainInfo],
        attempt: Attempt,
        replayed: tuple[str, tuple[str, ...]] | None = None,
        check_defined: bool = True,
    ) -> Outcome: ...
