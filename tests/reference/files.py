"""Derivation files (TOML, the README's format) → declarations and relations, read with
``tomllib`` and the reference reader only.

A step written in LaTeX cannot be read here (the reference has no LaTeX reader, on purpose):
its meaning is given as expression text by the caller (``meanings``), e.g. from the labels.
"""

from __future__ import annotations

import itertools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .domains import Declarations, parse_domain
from .parse import parse_expression
from .relations import EQUATION_RELATIONS, Comparison, Relation, Side
from .tree import Node

STEP_RELATIONS = ("<=>", "=>", "<=", ">=", "=", "<", ">")


@dataclass(frozen=True)
class StepText:
    rel: str | None
    text: str | None  # None: a LaTeX step whose meaning was not given
    latex: str | None = None
    by: str | None = None
    expect: str | None = None
    accept: str | None = None


@dataclass
class ChainRelations:
    name: str
    decl: Declarations
    steps: list[StepText]
    lemma: str | None = None
    relations: list[Relation | None] = field(default_factory=list)  # None: a LaTeX step unread


def split_relation(text: str) -> tuple[str | None, str]:
    stripped = text.strip()
    for rel in STEP_RELATIONS:
        if stripped.startswith(rel):
            return rel, stripped[len(rel) :].strip()
    return None, stripped


def split_equation(text: str) -> tuple[str, str] | None:
    """The two sides of ``l = r`` (one ``=`` outside brackets, not part of <=, >=, ==, !=)."""
    depth, found = 0, []
    for k, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "=" and depth == 0:
            before = text[k - 1] if k else ""
            after = text[k + 1] if k + 1 < len(text) else ""
            if before not in "<>=!" and after != "=":
                found.append(k)
    if len(found) != 1:
        return None
    return text[: found[0]].strip(), text[found[0] + 1 :].strip()


def split_comparison(text: str) -> tuple[str, str, str] | None:
    """The sides and comparison of ``l <= r`` (one of <, <=, >, >= outside brackets)."""
    depth, found = 0, []
    k = 0
    while k < len(text):
        char = text[k]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char in "<>" and depth == 0:
            op = text[k : k + 2] if text[k : k + 2] in ("<=", ">=") else char
            found.append((k, op))
            k += len(op)
            continue
        k += 1
    if len(found) != 1:
        return None
    k, op = found[0]
    return text[:k].strip(), op, text[k + len(op) :].strip()


def read_side(text: str, equation: bool) -> Side:
    if equation:
        sides = split_equation(text)
        if sides is None:
            compared = split_comparison(text)
            if compared is None:
                raise ValueError(f"not an equation or an inequality: {text!r}")
            left, op, right = compared
            return Comparison(parse_expression(left), op, parse_expression(right))
        return parse_expression(sides[0]), parse_expression(sides[1])
    return parse_expression(text)


def declarations(data: Mapping[str, Any]) -> Declarations:
    decl = Declarations()
    for key, text in data.get("symbols", {}).items():
        key = key.replace(" ", "")
        if key.endswith("]") and "[" in key:
            name, indices = key[:-1].split("[", 1)
            decl.families[name] = (parse_domain(text), tuple(indices.split(",")))
        else:
            decl.symbols[key] = parse_domain(text)
    for name, text in data.get("constraints", {}).items():
        decl.constraints.append((name, *_comparison(text)))
    for name, text in data.get("functions", {}).items():
        head, body = text.split("->", 1)
        head = head.strip()
        if head.startswith("(") and head.endswith(")"):
            head = head[1:-1]
        params = tuple(p.strip() for p in head.split(","))
        decl.functions[name] = (params, parse_expression(body))
    return decl


def _comparison(text: str) -> tuple[str, Node, Node]:
    """``a < b`` (one comparison outside brackets) → the comparison and its two sides."""
    depth = 0
    for k, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char in "<>" and depth == 0:
            op = text[k : k + 2] if text[k + 1 : k + 2] == "=" else char
            left, right = text[:k], text[k + len(op) :]
            return op, parse_expression(left.strip()), parse_expression(right.strip())
    raise ValueError(f"not a comparison: {text!r}")


def _step(raw: Any, position: int, meaning: str | None) -> StepText:
    if isinstance(raw, str):
        rel, text = split_relation(raw)
        return StepText(rel, text)
    rel = raw.get("rel", "=" if position else None)
    latex = raw.get("latex")
    text = raw.get("expr", meaning)
    if meaning is not None:
        text = meaning
    return StepText(rel, text, latex, raw.get("by"), raw.get("expect"), raw.get("accept"))


def read_chains(
    path: str | Path, meanings: Mapping[tuple[str, int], str] | None = None
) -> list[ChainRelations]:
    """Every chain of the file with its relations (relation k joins step k and k + 1, from 1).

    ``meanings`` maps (chain, step number from 1) to the expression text a LaTeX step means.
    """
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    base = declarations(data)
    chains = []
    for chain in data.get("chain", []):
        name = chain["name"]
        decl = Declarations(base.symbols, base.families, base.functions)
        decl.constraints = base.constraints
        decl.where = {k: parse_expression(str(v)) for k, v in chain.get("where", {}).items()}
        decl.assume = {k: parse_domain(str(v)) for k, v in chain.get("assume", {}).items()}
        steps = [
            _step(raw, k, (meanings or {}).get((name, k + 1)))
            for k, raw in enumerate(chain["steps"])
        ]
        found = ChainRelations(name, decl, steps, chain.get("lemma"))
        for prev, nxt in itertools.pairwise(steps):
            if prev.text is None or nxt.text is None or nxt.rel is None:
                found.relations.append(None)
                continue
            equation = nxt.rel in EQUATION_RELATIONS
            found.relations.append(
                Relation(
                    nxt.rel,
                    read_side(prev.text, equation),
                    read_side(nxt.text, equation),
                    decl,
                    (prev.text, nxt.text),
                )
            )
        chains.append(found)
    return chains
