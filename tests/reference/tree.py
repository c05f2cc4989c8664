"""The reference evaluator's own expression tree: plain frozen dataclasses.

Nothing here comes from the ``xentproof`` package or from SymPy; the reader in ``parse.py``
builds these nodes from Python's ``ast`` and ``evaluate.py`` gives them their meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any


@dataclass(frozen=True)
class Num:
    """An exact rational literal (decimals are exact: ``0.1`` is 1/10)."""

    value: Fraction


@dataclass(frozen=True)
class Const:
    """``pi``, ``E`` or ``oo``."""

    name: str


@dataclass(frozen=True)
class Name:
    """A declared symbol, a bound index, a function parameter or a free family index."""

    name: str


@dataclass(frozen=True)
class Member:
    """A member ``y[i]`` or ``p[n, i]`` of a declared family."""

    family: str
    indices: tuple[Node, ...]


@dataclass(frozen=True)
class Neg:
    arg: Node


@dataclass(frozen=True)
class BinOp:
    """``op`` is one of ``+ - * / **``."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Apply:
    """A built-in function of numbers: exp, log, sqrt, Abs, sin, ..., Max, Min, KroneckerDelta."""

    func: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Call:
    """A function declared in ``[functions]``."""

    func: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Piecewise:
    pieces: tuple[tuple[Node, Node], ...]


@dataclass(frozen=True)
class Big:
    """``Sum`` or ``Product``; ``ranges`` as written, innermost first (SymPy's order)."""

    kind: str
    body: Node
    ranges: tuple[tuple[str, Node, Node], ...]


@dataclass(frozen=True)
class Derivative:
    body: Node
    var: str | Member  # a declared symbol, or one member of a declared family
    order: int


@dataclass(frozen=True)
class Limit:
    """``direction`` is ``'+'``, ``'-'`` or ``'+-'`` (two-sided, the default)."""

    body: Node
    var: str
    point: Node
    direction: str


@dataclass(frozen=True)
class Compare:
    """``op`` is one of ``< <= > >= == !=`` (``Eq`` and ``Ne`` are read as ``==``, ``!=``)."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Logic:
    """``op`` is ``and``, ``or`` or ``not``."""

    op: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Truth:
    value: bool


@dataclass(frozen=True)
class Fixed:
    """A value computed beforehand (a point moved by a limit or a difference quotient)."""

    value: Any


Node = (
    Num
    | Const
    | Name
    | Member
    | Neg
    | BinOp
    | Apply
    | Call
    | Piecewise
    | Big
    | Derivative
    | Limit
    | Compare
    | Logic
    | Truth
    | Fixed
)
CONDITION_NODES = (Compare, Logic, Truth)


def children(node: Node) -> list[Node]:
    """The direct sub-nodes of ``node``."""
    if isinstance(node, Member):
        return list(node.indices)
    if isinstance(node, Neg):
        return [node.arg]
    if isinstance(node, BinOp | Compare):
        return [node.left, node.right]
    if isinstance(node, Apply | Call | Logic):
        return list(node.args)
    if isinstance(node, Piecewise):
        return [part for piece in node.pieces for part in piece]
    if isinstance(node, Big):
        return [node.body, *(bound for _, lo, hi in node.ranges for bound in (lo, hi))]
    if isinstance(node, Derivative):
        return [node.body]
    if isinstance(node, Limit):
        return [node.body, node.point]
    return []


def walk(node: Node) -> list[Node]:
    """Every node of the tree, ``node`` first."""
    found: list[Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children(current))
    return found


def to_text(node: Node) -> str:
    """The node written back in the file syntax (fully bracketed where it matters)."""
    if isinstance(node, Num):
        return str(node.value)
    if isinstance(node, Const | Name):
        return node.name
    if isinstance(node, Fixed):
        return str(node.value)
    if isinstance(node, Member):
        return f"{node.family}[{', '.join(to_text(i) for i in node.indices)}]"
    if isinstance(node, Neg):
        return f"-({to_text(node.arg)})"
    if isinstance(node, BinOp | Compare):
        return f"({to_text(node.left)} {node.op} {to_text(node.right)})"
    if isinstance(node, Apply | Call):
        return f"{node.func}({', '.join(to_text(a) for a in node.args)})"
    if isinstance(node, Logic):
        return f"{node.op.capitalize()}({', '.join(to_text(a) for a in node.args)})"
    if isinstance(node, Truth):
        return str(node.value)
    if isinstance(node, Piecewise):
        pieces = ", ".join(f"({to_text(v)}, {to_text(c)})" for v, c in node.pieces)
        return f"Piecewise({pieces})"
    if isinstance(node, Big):
        ranges = ", ".join(f"({i}, {to_text(lo)}, {to_text(hi)})" for i, lo, hi in node.ranges)
        return f"{node.kind}({to_text(node.body)}, {ranges})"
    if isinstance(node, Derivative):
        return f"Derivative({to_text(node.body)}, {node.var}, {node.order})"
    return f"Limit({to_text(node.body)}, {node.var}, {to_text(node.point)}, '{node.direction}')"
