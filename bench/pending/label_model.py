"""check_labels.py, part 1: exceptions, domains and their sampling, a derivation file as
the checker reads it, and a sample point."""

from __future__ import annotations

import ast
import random
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mpmath
from mpmath import mp, mpf

mp.dps = 60  # every evaluation of the checker works at 60 digits unless it raises them


class Undefined(Exception):
    """A subterm has no real value at this point."""


class Unsupported(Exception):
    """The checker cannot evaluate this text (a bug in the case or in the checker)."""


# ---------------------------------------------------------------------------------------
# Domains


@dataclass
class Domain:
    kind: str  # "interval", "finite", "range", "onehot", "simplex"
    lo: Any = None  # interval / range bounds: mpf or text (range bound may name a symbol)
    hi: Any = None
    lo_open: bool = True
    hi_open: bool = True
    integer: bool = False
    values: tuple[Any, ...] = ()
    size: str = ""  # one-hot(C) / simplex(K): the size expression
    text: str = ""


KEYWORDS = {
    "real": ("-oo", "oo", True, True, False),
    "positive": ("0", "oo", True, True, False),
    "negative": ("-oo", "0", True, True, False),
    "nonnegative": ("0", "oo", False, True, False),
    "nonpositive": ("-oo", "0", True, False, False),
    "integer": ("-oo", "oo", True, True, True),
    "positive integer": ("1", "oo", False, True, True),
    "nonnegative integer": ("0", "oo", False, True, True),
    "negative integer": ("-oo", "-1", True, False, True),
}


def parse_domain(text: str) -> Domain:
    norm = " ".join(text.split())
    key = norm.lower()
    if key in KEYWORDS:
        lo, hi, lo_open, hi_open, integer = KEYWORDS[key]
        return Domain("interval", lo, hi, lo_open, hi_open, integer, text=norm)
    if key in ("nonzero", "nonzero integer"):
        return Domain("nonzero", integer=key.endswith("integer"), text=norm)
    m = re.fullmatch(r"(integer|real)\s*(>=|>)\s*(\S+)", key)
    if m:
        return Domain(
            "interval",
            m.group(3),
            "oo",
            m.group(2) == ">",
            True,
            m.group(1) == "integer",
            text=norm,
        )
    m = re.fullmatch(r"(one-hot|simplex)\((\w+)\)", norm)
    if m:
        return Domain(
            "onehot" if m.group(1) == "one-hot" else "simplex", size=m.group(2), text=norm
        )
    if norm.startswith("{") and norm.endswith("}"):
        parts = [p.strip() for p in norm[1:-1].split(",")]
        if "..." in parts:
            if len(parts) != 3 or parts[1] != "...":
                raise Unsupported(f"range domain {text!r}: write {{a, ..., b}}")
            return Domain("range", parts[0], parts[2], False, False, True, text=norm)
        return Domain("finite", values=tuple(parts), text=norm)
    m = re.fullmatch(r"([\[(])(.*),(.*)([\])])", norm)
    if m:
        return Domain(
            "interval",
            m.group(2).strip(),
            m.group(3).strip(),
            m.group(1) == "(",
            m.group(4) == ")",
            text=norm,
        )
    raise Unsupported(f"domain {text!r}")


def sample_interval(
    rng: random.Random, lo: mpf, hi: mpf, lo_open: bool, hi_open: bool, k: int
) -> mpf:
    """A point of the interval: the k-th of a list of telling values, then random ones."""
    if lo == -mpmath.inf and hi == mpmath.inf:
        fixed = [
            0,
            1,
            -1,
            mpf(1) / 2,
            -mpf(1) / 2,
            2,
            -2,
            3,
            -3,
            7,
            -7,
            25,
            -25,
            mpf(1) / 10,
            -mpf(1) / 10,
            60,
            -60,
            400,
            -400,
        ]
        if k < len(fixed):
            return mpf(fixed[k])
        return mpf(rng.choice([1, 1, 3, 10])) * mpf(rng.gauss(0, 1))
    if hi == mpmath.inf:
        offs = [
            1,
            mpf(1) / 2,
            2,
            mpf(1) / 10,
            10,
            mpf(1) / 100,
            100,
            3,
            mpf(1) / 1000,
            30,
            5,
            mpf(7) / 10,
        ]
        if not lo_open and k == 0:
            return lo
        if k < len(offs):
            return lo + offs[k]
        return lo + mpmath.exp(mpf(rng.gauss(0, 2.5)))
    if lo == -mpmath.inf:
        return -sample_interval(rng, -hi, mpmath.inf, hi_open, True, k)
    width = hi - lo
    fracs = [
        mpf(1) / 2,
        mpf(1) / 1000,
        1 - mpf(1) / 1000,
        mpf(1) / 10,
        mpf(9) / 10,
        mpf(1) / 4,
        mpf(3) / 4,
        mpf(1) / 3,
    ]
    if not lo_open and k == 0:
        return lo
    if not hi_open and k == 1:
        return hi
    if k < len(fracs) + 2:
        return lo + width * fracs[(k - 2) % len(fracs)]
    return lo + width * mpf(rng.uniform(0.0005, 0.9995))


# ---------------------------------------------------------------------------------------
# A derivation file, read for the checker


@dataclass
class Decl:
    name: str
    indices: tuple[str, ...]
    domain: Domain


@dataclass
class FileModel:
    path: Path
    symbols: dict[str, Decl]
    families: dict[str, Decl]
    functions: dict[str, tuple[list[str], ast.expr, str]]
    constraints: list[str]
    chains: list[dict[str, Any]]


def split_params(head: str) -> list[str]:
    head = head.strip()
    if head.startswith("(") and head.endswith(")"):
        head = head[1:-1]
    return [p.strip() for p in head.split(",")]


def parse_text(text: str) -> ast.expr:
    text = text.strip()
    if "^" in text:
        raise Unsupported(f"'^' in {text!r}")
    tree = ast.parse(text, mode="eval")
    return tree.body


def read_file(path: Path) -> FileModel:
    data = tomllib.loads(path.read_text())
    symbols: dict[str, Decl] = {}
    families: dict[str, Decl] = {}
    for key, dom in data.get("symbols", {}).items():
        m = re.fullmatch(r"(\w+)\[(.*)\]", key)
        if m:
            families[m.group(1)] = Decl(
                m.group(1), tuple(i.strip() for i in m.group(2).split(",")), parse_domain(dom)
            )
        else:
            symbols[key] = Decl(key, (), parse_domain(dom))
    functions = {}
    for name, text in data.get("functions", {}).items():
        head, body = text.split("->", 1)
        functions[name] = (split_params(head), parse_text(body), body.strip())
    constraints = list(data.get("constraints", {}).values())
    return FileModel(path, symbols, families, functions, constraints, data.get("chain", []))


# ---------------------------------------------------------------------------------------
# Points and the evaluator


@dataclass
class Point:
    model: FileModel
    rng: random.Random
    k: int
    values: dict[str, mpf] = field(default_factory=dict)
    members: dict[tuple[str, tuple[int, ...]], mpf] = field(default_factory=dict)
    vectors: dict[tuple[str, tuple[int, ...]], int] = field(default_factory=dict)

    used: set[str] | None = None  # the names the relation mentions (None: all)

    def keep(self, name: str) -> bool:
        return self.used is None or name in self.used

    def describe(self) -> str:
        keep = self.keep
        parts = [f"{n} = {fmt(v)}" for n, v in self.values.items() if keep(n)]
        parts += [
            f"{n}[{', '.join(map(str, i))}] = {fmt(v)}"
            for (n, i), v in sorted(self.members.items())
            if keep(n)
        ]
        return ", ".join(parts)


def fmt(value: Any) -> str:
    if (
        isinstance(value, mpf)
        and mpmath.isfinite(value)
        and value == int(value)
        and abs(value) < 10**12
    ):
        return str(int(value))
    return str(mpmath.nstr(value, 8))


def to_int(value: mpf, what: str) -> int:
    if value != mpmath.floor(value):
        raise Undefined(f"{what} is not an integer: {value}")
    return int(value)
