"""The soundness corpus as written: every derivation file with the label of each relation.

``make_corpus.py`` writes these as ordinary derivation files under ``corpus/`` and the labels,
apart, in ``labels.toml``; the checker only ever sees the files. One module per class.

A label is ``T()`` (true at every point of the declared domains, by the contract of
``docs/semantics.md``) or ``F(x="0", ...)`` (false, with a witness point where it does not
hold). A LaTeX step carries its meaning (what TeX and the usual reading make of it) as
expression text, for the reference evaluator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Label:
    truth: bool
    witness: dict[str, str] = field(default_factory=dict)
    note: str = ""


def T(note: str = "") -> Label:
    return Label(True, {}, note)


def F(note: str = "", **witness: str | int) -> Label:
    return Label(False, {k: str(v) for k, v in witness.items()}, note)


def Fw(witness: dict[str, str | int], note: str = "") -> Label:
    """A false label whose witness names family members (``{"y[1]": "0"}``)."""
    return Label(False, {k: str(v) for k, v in witness.items()}, note)


Step = str | dict[str, Any]


@dataclass
class Chain:
    name: str
    steps: list[Step]
    labels: list[Label]
    where: dict[str, str] = field(default_factory=dict)
    lemma: str | None = None
    meanings: dict[int, str] = field(default_factory=dict)  # LaTeX step number → meaning
    conclusion: Label | None = None  # the calc-style conclusion, when the chain has one
    note: str = ""
    assume: dict[str, str] = field(default_factory=dict)  # the chain's narrowed domains


@dataclass
class File:
    path: str  # inside corpus/; the first folder is the class
    symbols: dict[str, str]
    chains: list[Chain]
    functions: dict[str, str] = field(default_factory=dict)
    latex: dict[str, Any] = field(default_factory=dict)  # a range table is a dict
    constraints: dict[str, str] = field(default_factory=dict)  # the [constraints] table
    library: bool = False  # a neighbour that declares lemmas, not checked itself
    input_error_ok: bool = False  # the loader may rightly refuse the file

    @property
    def cls(self) -> str:
        return self.path.split("/", 1)[0]


def rel(
    name: str, lhs: str, op: str, rhs: str | dict[str, Any], label: Label, **extra: Any
) -> Chain:
    """A chain of one relation, ``lhs op rhs``; a dict ``rhs`` is a step table."""
    step: Step = f"{op} {rhs}" if isinstance(rhs, str) else {"rel": op, **rhs}
    return Chain(name, [lhs, step], [label], **extra)


def eqn(name: str, first: str, op: str, second: str, label: Label, **extra: Any) -> Chain:
    """A chain of two equations joined by ``<=>`` or ``=>``."""
    return Chain(name, [first, f"{op} {second}"], [label], **extra)


def catalogue() -> list[File]:
    """Every file of the corpus, from every case module."""
    from . import (
        adversarial,
        analysis,
        branches,
        chains,
        constraints,
        counting,
        definedness,
        equations,
        extra,
        family_inequalities,
        inequality_methods,
        latex,
        numbers,
        part_bounds,
        pieces,
        power_eleven,
        power_nine,
        ranges,
        redteam_eight,
        redteam_nine,
        scope,
        shapes,
        simplex_sums,
        statements,
        symbolic_conditions,
    )

    modules = [ranges, analysis, definedness, equations, branches, chains, numbers, shapes]
    modules += [scope, latex, extra, inequality_methods, constraints, family_inequalities]
    modules += [counting, adversarial, statements, redteam_eight, symbolic_conditions]
    modules += [part_bounds, simplex_sums, pieces, power_eleven, power_nine, redteam_nine]
    return [file for module in modules for file in module.FILES]
