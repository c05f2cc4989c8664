"""The benchmark's inputs: every relation of the corpus and of pycodemath's converted data.

Files are read by xentproof's own loader (a safe parser: nothing is evaluated), so that
every method sees the same SymPy expressions, with the symbols carrying the assumptions
their domains imply (``real``, ``positive``, ``integer``, …). The ground truth of a
relation is what the file says, never a verdict: ``expect = "refuted"`` marks a false one.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sympy

from xentproof.errors import InputError
from xentproof.loader import load_file
from xentproof.model import Derivation

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
PYCODEMATH = HERE / "pycodemath_data"

# --quick: a few files of each data set.
QUICK_FILES = {
    "corpus": ("algebra.toml", "stable.toml", "sums.toml"),
    "pycodemath": ("sign.toml", "divide.toml"),
}


@dataclass
class Pair:
    """One relation ``lhs rel rhs`` between step ``index - 1`` and step ``index`` of a chain."""

    dataset: str  # "corpus" or "pycodemath"
    file: str  # path as given to xentproof
    theme: str  # the file's stem
    chain: str
    index: int
    rel: str
    lhs: sympy.Basic
    rhs: sympy.Basic
    lhs_text: str
    rhs_text: str
    truth: bool  # True: the relation holds on the declared domains
    derivation: Derivation = field(repr=False)

    @property
    def key(self) -> str:
        return f"{self.file}::{self.chain}::{self.index}"

    @property
    def is_equation(self) -> bool:
        return self.rel in ("<=>", "=>")


def dataset_files(dataset: str, quick: bool) -> list[Path]:
    folder = CORPUS if dataset == "corpus" else PYCODEMATH
    files = sorted(folder.glob("*.toml"))
    if quick:
        files = [f for f in files if f.name in QUICK_FILES[dataset]]
    return files


def relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load(path: Path, attempts: int = 3) -> Derivation:
    """``load_file``, tried again when it gave up on its wall-clock bound for building an
    expression (2 s), which a loaded machine can exceed on an ordinary step."""
    for attempt in range(attempts):
        try:
            return load_file(path)
        except InputError as error:
            if "took longer" not in str(error) or attempt == attempts - 1:
                raise
            print(f"  (retrying {path.name}: {error})", file=sys.stderr, flush=True)
    raise AssertionError("unreachable")


def load_pairs(dataset: str, files: Sequence[Path]) -> list[Pair]:
    pairs: list[Pair] = []
    for path in files:
        derivation = load(path)
        for chain in derivation.chains:
            for k in range(1, len(chain.steps)):
                prev, step = chain.steps[k - 1], chain.steps[k]
                pairs.append(
                    Pair(
                        dataset=dataset,
                        file=relative(path),
                        theme=path.stem,
                        chain=chain.name,
                        index=k,
                        rel=step.rel or "=",
                        lhs=prev.expr,
                        rhs=step.expr,
                        lhs_text=prev.text,
                        rhs_text=step.text,
                        truth=step.expect != "refuted",
                        derivation=derivation,
                    )
                )
    return pairs


def pycodemath_index() -> dict[str, dict[str, Any]]:
    index: dict[str, dict[str, Any]] = json.loads((PYCODEMATH / "index.json").read_text())
    return index


def unfold(expr: sympy.Basic, derivation: Derivation) -> sympy.Basic:
    """The expression with every declared function replaced by its body."""
    for func, lam in derivation.definitions().items():
        expr = expr.replace(func, lam)
    return expr
