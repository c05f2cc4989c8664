"""Check the labels of the issue-18 cases independently of xentproof and of SymPy.

Every relation of ``bench/corpus/power_*.toml`` and ``bench/pending/*.toml`` is evaluated
with mpmath at many points sampled inside the declared domains (and the proposed
constraints of the pending files), by an evaluator of our own over the expression's
syntax tree (``ast.parse`` only builds the tree; nothing in a file is executed). A step
labelled true must hold at every sampled point; a step labelled false
(``expect = "refuted"``) must fail at some point, which is printed as its witness.

Meaning follows the conventions of real analysis that xentproof's DESIGN.md lists: a side
is undefined where any subterm is (log of a nonpositive number, an even root of a negative
one, division by zero, a negative base to a non-integer power), a relation fails where one
side is defined and the other is not, an empty range sums to 0 and multiplies to 1, a limit
without a direction is two-sided. Derivatives are evaluated by mpmath's numerical
differentiation, limits by evaluating the body ever closer to the point (so a limit is
only an estimate: its tolerance is loose, and it is checked by hand as well, see
``LIMIT_NOTES``). An equation step ``A = B`` joined by ``<=>``/``=>`` is compared by its
roots in one unknown (``EQUATION_UNKNOWN``) for sampled values of the other symbols.

Usage: python bench/pending/check_labels.py [FILE ...]   (exit 1 on any disagreement)
"""

from __future__ import annotations

import ast
import math
import random
import re
import sys
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import mpmath
from mpmath import mp, mpf

mp.dps = 60
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_FILES = sorted((ROOT / "corpus").glob("power_*.toml")) + sorted(HERE.glob("*.toml"))
POINTS = 60  # sampled points per relation (fewer for the heavy ones, see HEAVY)
HEAVY = 16

# The unknown whose roots an equation pair is compared on, by "file-stem::chain".
EQUATION_UNKNOWN: dict[str, str] = {
    **{f"power_equations::{name}": "x" for name in (
        "t-tanh-inverse", "f-tanh-inverse-half-lost", "f-tanh-inverse-ratio-flipped",
        "t-sigmoid-inverse", "f-sigmoid-inverse-ratio-flipped", "t-softplus-inverse",
        "f-softplus-inverse-sign", "t-exp-inverse", "t-square-both-roots", "f-square-root-lost",
        "t-squaring-keeps-solutions", "f-square-root-taken-as-implied", "t-quadratic-factored",
        "f-quadratic-one-root", "t-cancelled-quotient-isolated-root", "f-cancelled-quotient-identity",
        "t-identity-without-quotient", "f-quotient-equals-one",
    )},
    **{f"power_equations::{name}": "p" for name in (
        "t-bernoulli-stationarity", "f-bernoulli-stationarity-laplace",
        "t-bernoulli-worked-example", "f-bernoulli-worked-example-odds",
    )},
    **{f"power_equations::{name}": "mu" for name in (
        "t-gaussian-mean-stationarity", "f-gaussian-mean-stationarity-bessel",
        "t-least-squares-stationarity", "f-least-squares-stationarity-two",
    )},
    **{f"power_equations::{name}": "v" for name in (
        "t-gaussian-variance-stationarity", "f-gaussian-variance-stationarity-source",
    )},
    **{f"power_equations::{name}": "b" for name in (
        "t-intercept-stationarity", "f-intercept-stationarity-log-mean",
    )},
}
# Hand-chosen witness points of false steps that random sampling may miss (an equality
# case of a strict inequality, a single bad point). Checked like any other point.
WITNESS_HINTS: dict[str, list[dict[str, Any]]] = {
    "power_refuter::f-lse-strictly-below-max-plus-log2": [{"a": 0, "b": 0}],
    "power_positivity::f-softmax-below-one": [{"c": 1, "m": 0}],
    "power_positivity::f-shifted-range-off-by-one": [{"c": 1, "m": 0}],
    "power_positivity::f-nonnegative-terms-strict": [{"N": 1, "v[1]": 0}],
    "power_positivity::f-weighted-squares-positive": [{"N": 1, "z[1]": 0}],
    "power_positivity::f-product-strictly-above-one": [{"N": 1, "z[1]": 0}],
    "power_positivity::f-product-of-squares-positive": [{"N": 1, "z[1]": 0}],
    "power_positivity::f-lse-above-first-plus-log-n": [{"c": 2, "m": 0, "o[1]": 0, "o[2]": -5}],
    "power_sums::f-normalisation-without-exp": [{"N": 2, "z[1]": 1, "z[2]": -1}],
    "power_sums::f-peel-two-terms": [{"N": 1, "a[1]": 1, "a[2]": 1}],
    "power_sums::f-peel-two-factors": [{"N": 1, "a[1]": 1, "a[2]": 2}],
    "power_sums::f-geometric-tail-any-ratio": [{"c": 1, "N": 2}],
    "power_sums::f-self-ratio-real-terms": [{"N": 1, "a[1]": 0}],
    "power_constraints::f-one-hot-range-without-class": [{"k": 1, "m": 0}],
    "power_member_derivatives::f-cross-entropy-gradient-without-one-hot": [{"y1": 0, "y2": 0, "y3": 0}],
    "power_limits::f-temperature-to-zero-ties": [{"a": 1, "b": 1}],
    "constraints::f-one-hot-sum-misses-last-class": [{"C": 2, "y[1]": 0, "y[2]": 1}],
    "inequalities::f-exp-lemma-half-substituted": [{"x": "-0.4"}],
    "inequalities::f-collision-probability-strict": [{"K": 2, "p[1]": "0.5", "p[2]": "0.5"}],
    "inequalities::f-sum-of-roots-off-by-one": [{"K": 2, "p[1]": "0.5", "p[2]": "0.5"}],
    "inequalities::f-gibbs-lemma-reversed": [{"K": 2, "p[1]": "0.5", "p[2]": "0.5", "q[1]": "0.6", "q[2]": "0.4"}],
    "positivity::f-normaliser-from-three": [{"C": 2}],
    "positivity::f-partial-normaliser-above-last-term": [{"k": 1}],
    "positivity::f-tail-after-class-positive": [{"C": 3, "k": 3}],
    "positivity::f-complement-of-partial-softmax-positive": [{"k": 1}],
    "member_derivatives::f-cross-entropy-gradient-without-one-hot": [{"C": 2, "k": 1, "u[1]": 0, "u[2]": 0, "z[1]": 0, "z[2]": 0}],
    "constraints::f-simplex-member-below-one-single-class": [{"K1": 1, "s[1]": 1}],
    "constraints::f-entropy-below-log-K": [{"K": 2, "p[1]": "0.5", "p[2]": "0.5"}],
    "constraints::f-gibbs-unnormalised": [{"K": 2, "r[1]": "0.999", "r[2]": "0.999"}],
    "constraints::f-pinsker-half-lost": [{"K": 2, "p[1]": "0.5", "p[2]": "0.5", "q[1]": "0.6", "q[2]": "0.4"}],
    "constraints::f-log-of-class-count-one": [{"C1": 1}],
    "constraints::f-class-index-from-two": [{"k": 1}],
    "constraints::f-other-classes-off-by-one": [{"C": 2}],
    "constraints::f-sign-on-nonpositives": [{"x": 0}],
    "power_limits::f-log-rate-divided-by-a": [{"a": 0}],
    "power_limits::f-cos-limit-any-rate": [{"a": 0}],
    "power_limits::f-ratio-limit-any-rate": [{"a": 0}],
    "power_limits::f-decay-any-rate": [{"a": 0}],
    "power_constraints::f-softmax-cross-entropy-range": [{"k": 1, "m": 0}],
    "power_constraints::f-softmax-below-one-one-class": [{"k": 1, "m": 0}],
    "power_constraints::f-gradient-shortcut-without-one-hot": [{"y1": 0, "y2": 0, "y3": 0}],
    "power_inequalities::f-kl-binary-positive": [{"p": "0.3", "q": "0.3"}],
    "power_inequalities::f-binary-entropy-below-log2": [{"p": "0.5"}],
    "power_inequalities::f-lse-strictly-below-max-plus-log3": [{"z1": 0, "z2": 0, "z3": 0}],
    "power_inequalities::f-lse-below-max-plus-log2": [{"z1": 0, "z2": 0, "z3": 0}],
    "power_inequalities::f-jensen-exp-strict": [{"x": 1, "u": 1}],
    "power_inequalities::f-sigmoid-derivative-strict": [{"x": 0}],
    "power_inequalities::f-square-of-sum-strict": [{"x1": 1, "x2": 1, "x3": 1}],
    "power_inequalities::f-two-to-the-k-strict": [{"k": 1}],
    "power_inequalities::f-pinsker-binary-constant": [{"p": "0.6", "q": "0.5"}],
    "power_inequalities::f-bernoulli-inequality-any-real": [{"x": -4, "n": 3}],
}


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
        return Domain("interval", m.group(3), "oo", m.group(2) == ">", True, m.group(1) == "integer", text=norm)
    m = re.fullmatch(r"(one-hot|simplex)\((\w+)\)", norm)
    if m:
        return Domain("onehot" if m.group(1) == "one-hot" else "simplex", size=m.group(2), text=norm)
    if norm.startswith("{") and norm.endswith("}"):
        parts = [p.strip() for p in norm[1:-1].split(",")]
        if "..." in parts:
            if len(parts) != 3 or parts[1] != "...":
                raise Unsupported(f"range domain {text!r}: write {{a, ..., b}}")
            return Domain("range", parts[0], parts[2], False, False, True, text=norm)
        return Domain("finite", values=tuple(parts), text=norm)
    m = re.fullmatch(r"([\[(])(.*),(.*)([\])])", norm)
    if m:
        return Domain("interval", m.group(2).strip(), m.group(3).strip(), m.group(1) == "(", m.group(4) == ")", text=norm)
    raise Unsupported(f"domain {text!r}")


def sample_interval(rng: random.Random, lo: mpf, hi: mpf, lo_open: bool, hi_open: bool, k: int) -> mpf:
    """A point of the interval: the k-th of a list of telling values, then random ones."""
    if lo == -mpmath.inf and hi == mpmath.inf:
        fixed = [0, 1, -1, mpf(1) / 2, -mpf(1) / 2, 2, -2, 3, -3, 7, -7, 25, -25, mpf(1) / 10, -mpf(1) / 10, 60, -60, 400, -400]
        if k < len(fixed):
            return mpf(fixed[k])
        return mpf(rng.choice([1, 1, 3, 10])) * mpf(rng.gauss(0, 1))
    if hi == mpmath.inf:
        offs = [1, mpf(1) / 2, 2, mpf(1) / 10, 10, mpf(1) / 100, 100, 3, mpf(1) / 1000, 30, 5, mpf(7) / 10]
        if not lo_open and k == 0:
            return lo
        if k < len(offs):
            return lo + offs[k]
        return lo + mpmath.exp(mpf(rng.gauss(0, 2.5)))
    if lo == -mpmath.inf:
        return -sample_interval(rng, -hi, mpmath.inf, hi_open, True, k)
    width = hi - lo
    fracs = [mpf(1) / 2, mpf(1) / 1000, 1 - mpf(1) / 1000, mpf(1) / 10, mpf(9) / 10, mpf(1) / 4, mpf(3) / 4, mpf(1) / 3]
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
            families[m.group(1)] = Decl(m.group(1), tuple(i.strip() for i in m.group(2).split(",")), parse_domain(dom))
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

    def describe(self) -> str:
        keep = (lambda n: True) if self.used is None else (lambda n: n in self.used)  # noqa: E731
        parts = [f"{n} = {fmt(v)}" for n, v in self.values.items() if keep(n)]
        parts += [f"{n}[{', '.join(map(str, i))}] = {fmt(v)}" for (n, i), v in sorted(self.members.items()) if keep(n)]
        return ", ".join(parts)


def fmt(value: Any) -> str:
    if isinstance(value, mpf) and mpmath.isfinite(value) and value == int(value) and abs(value) < 10**12:
        return str(int(value))
    return mpmath.nstr(value, 8)


def to_int(value: mpf, what: str) -> int:
    if value != mpmath.floor(value):
        raise Undefined(f"{what} is not an integer: {value}")
    return int(value)


class Evaluator:
    """Real-valued evaluation of an expression tree at a point."""

    FUNCS: dict[str, Callable[..., Any]] = {}

    def __init__(self, point: Point, text_of: Callable[[ast.AST], str]) -> None:
        self.point = point
        self.model = point.model
        self.text_of = text_of
        self.overrides: dict[Any, mpf] = {}

    # -- symbols -------------------------------------------------------------------
    def symbol(self, name: str, scope: dict[str, mpf]) -> mpf:
        if name in scope:
            return scope[name]
        if name in self.overrides:
            return self.overrides[name]
        if name in self.point.values:
            return self.point.values[name]
        if name == "pi":
            return +mp.pi
        if name == "E":
            return mpmath.e + 0
        if name == "oo":
            return mpmath.inf
        raise Unsupported(f"unknown name {name!r}")

    def member(self, name: str, idx: tuple[int, ...]) -> mpf:
        key = (name, idx)
        if key in self.overrides:
            return self.overrides[key]
        if key in self.point.members:
            return self.point.members[key]
        decl = self.model.families[name]
        dom = decl.domain
        if dom.kind in ("onehot", "simplex"):
            size = to_int(self.const_text(dom.size), "size")
            head, last = idx[:-1], idx[-1]
            if not 1 <= last <= size:
                raise Undefined(f"{name}[{idx}] outside 1..{size}")
            if (name, head) not in self.point.vectors:
                self.point.vectors[(name, head)] = size
                if dom.kind == "onehot":
                    hot = self.point.rng.randint(1, size)
                    for j in range(1, size + 1):
                        self.point.members[(name, head + (j,))] = mpf(1 if j == hot else 0)
                else:
                    raw = [mpmath.exp(mpf(self.point.rng.gauss(0, 1.5))) for _ in range(size)]
                    total = mpmath.fsum(raw)
                    for j in range(size):
                        self.point.members[(name, head + (j + 1,))] = raw[j] / total
            return self.point.members[key]
        value = sample_domain(self, dom, self.point.rng, self.point.rng.randint(0, 40))
        self.point.members[key] = value
        return value

    def const_text(self, text: str) -> mpf:
        return self.eval(parse_text(text), {})

    # -- evaluation ----------------------------------------------------------------
    def eval(self, node: ast.AST, scope: dict[str, mpf]) -> Any:
        method = getattr(self, "e_" + type(node).__name__, None)
        if method is None:
            raise Unsupported(f"syntax {type(node).__name__}: {self.text_of(node)}")
        return method(node, scope)

    def e_Constant(self, node: ast.Constant, scope: dict[str, mpf]) -> Any:
        if isinstance(node.value, bool):
            return node.value
        if isinstance(node.value, int):
            return mpf(node.value)
        if isinstance(node.value, float):
            # A decimal literal is exact (0.1 is 1/10): the shortest repr of the float is
            # the literal as written, for the few-digit decimals the cases use.
            frac = Fraction(repr(node.value))
            return mpf(frac.numerator) / frac.denominator
        if isinstance(node.value, str):
            return node.value
        raise Unsupported(f"constant {node.value!r}")

    def e_Name(self, node: ast.Name, scope: dict[str, mpf]) -> Any:
        if node.id == "True":
            return True
        return self.symbol(node.id, scope)

    def e_UnaryOp(self, node: ast.UnaryOp, scope: dict[str, mpf]) -> Any:
        value = self.eval(node.operand, scope)
        if isinstance(node.op, ast.USub):
            return -value
        if isinstance(node.op, ast.UAdd):
            return value
        if isinstance(node.op, ast.Not):
            return not value
        raise Unsupported("unary operator")

    def e_BinOp(self, node: ast.BinOp, scope: dict[str, mpf]) -> Any:
        a = self.eval(node.left, scope)
        b = self.eval(node.right, scope)
        op = node.op
        if isinstance(op, ast.Add):
            return a + b
        if isinstance(op, ast.Sub):
            return a - b
        if isinstance(op, ast.Mult):
            return a * b
        if isinstance(op, ast.Div):
            if b == 0:
                raise Undefined("division by zero")
            return a / b
        if isinstance(op, ast.Pow):
            return power(a, b)
        raise Unsupported("binary operator")

    def e_Compare(self, node: ast.Compare, scope: dict[str, mpf]) -> bool:
        left = self.eval(node.left, scope)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = self.eval(right_node, scope)
            ok = {ast.Lt: left < right, ast.LtE: left <= right, ast.Gt: left > right, ast.GtE: left >= right,
                  ast.Eq: left == right, ast.NotEq: left != right}[type(op)]
            if not ok:
                return False
            left = right
        return True

    def e_BoolOp(self, node: ast.BoolOp, scope: dict[str, mpf]) -> bool:
        values = [bool(self.eval(v, scope)) for v in node.values]
        return all(values) if isinstance(node.op, ast.And) else any(values)

    def e_Subscript(self, node: ast.Subscript, scope: dict[str, mpf]) -> mpf:
        if not isinstance(node.value, ast.Name) or node.value.id not in self.model.families:
            raise Unsupported(f"subscript {self.text_of(node)}")
        slice_ = node.slice
        items = slice_.elts if isinstance(slice_, ast.Tuple) else [slice_]
        idx = tuple(to_int(self.eval(i, scope), "index") for i in items)
        return self.member(node.value.id, idx)

    def member_key(self, node: ast.AST, scope: dict[str, mpf]) -> Any:
        """What a Derivative or Limit varies: a plain name, or a family member."""
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            slice_ = node.slice
            items = slice_.elts if isinstance(slice_, ast.Tuple) else [slice_]
            idx = tuple(to_int(self.eval(i, scope), "index") for i in items)
            self.member(node.value.id, idx)  # sample it, so that it exists
            return (node.value.id, idx)
        raise Unsupported(f"variable {self.text_of(node)}")

    def current(self, key: Any, scope: dict[str, mpf]) -> mpf:
        if isinstance(key, str):
            return self.symbol(key, scope)
        return self.member(*key)

    def e_Call(self, node: ast.Call, scope: dict[str, mpf]) -> Any:
        if not isinstance(node.func, ast.Name):
            raise Unsupported("call of an expression")
        name = node.func.id
        args = node.args
        if name in ("Sum", "Product"):
            body, (var, lo_node, hi_node) = args[0], args[1].elts  # type: ignore[attr-defined]
            lo = to_int(self.eval(lo_node, scope), "bound")
            hi = to_int(self.eval(hi_node, scope), "bound")
            total = mpf(0) if name == "Sum" else mpf(1)
            for i in range(lo, hi + 1):
                inner = dict(scope)
                inner[var.id] = mpf(i)
                value = self.eval(body, inner)
                total = total + value if name == "Sum" else total * value
            return total
        if name == "Derivative":
            return self.derivative(node, scope)
        if name == "Limit":
            return self.limit(node, scope)
        if name == "Piecewise":
            for pair in args:
                value_node, cond_node = pair.elts  # type: ignore[attr-defined]
                if self.eval(cond_node, scope):
                    return self.eval(value_node, scope)
            raise Undefined("no Piecewise branch")
        if name in ("And", "Or"):
            values = [bool(self.eval(a, scope)) for a in args]
            return all(values) if name == "And" else any(values)
        if name == "Not":
            return not self.eval(args[0], scope)
        values = [self.eval(a, scope) for a in args]
        if name == "Eq":
            return values[0] == values[1]
        if name == "Ne":
            return values[0] != values[1]
        if name in self.model.functions:
            params, body, _ = self.model.functions[name]
            inner = dict(scope)
            inner.update(zip(params, values, strict=True))
            return self.eval(body, inner)
        return elementary(name, values)

    def derivative(self, node: ast.Call, scope: dict[str, mpf]) -> mpf:
        body, var_node = node.args[0], node.args[1]
        order = to_int(self.eval(node.args[2], scope), "order") if len(node.args) > 2 else 1
        key = self.member_key(var_node, scope)
        x0 = self.current(key, scope)
        saved = self.overrides.get(key)

        def f(t: mpf) -> mpf:
            self.overrides[key] = t
            try:
                return self.eval(body, scope)
            finally:
                if saved is None:
                    self.overrides.pop(key, None)
                else:
                    self.overrides[key] = saved

        # Differentiability is assumed at sampled points; kinks are avoided by the cases.
        return mpmath.diff(f, x0, order)

    def limit(self, node: ast.Call, scope: dict[str, mpf]) -> mpf:
        body, var_node, point_node = node.args[0], node.args[1], node.args[2]
        direction = self.eval(node.args[3], scope) if len(node.args) > 3 else "+-"
        key = self.member_key(var_node, scope)
        point = self.eval(point_node, scope)
        saved = self.overrides.get(key)

        def f(t: mpf) -> mpf:
            self.overrides[key] = t
            try:
                return self.eval(body, scope)
            finally:
                if saved is None:
                    self.overrides.pop(key, None)
                else:
                    self.overrides[key] = saved

        if point == mpmath.inf:
            return settle([f(mpf(10) ** k) for k in (4, 6, 8, 10, 12)])
        if point == -mpmath.inf:
            return settle([f(-(mpf(10) ** k)) for k in (4, 6, 8, 10, 12)])
        sides = []
        with mp.workdps(120):
            for sign in (1, -1):
                if (sign == 1 and "+" not in direction) or (sign == -1 and "-" not in direction):
                    continue
                sides.append(settle([f(point + sign * mpf(10) ** -k) for k in (8, 14, 20, 26, 32)]))
        if len(sides) == 2 and not close(sides[0], sides[1], mpf("1e-6")):
            raise Undefined("one-sided limits differ")
        return sides[0]


def settle(values: list[mpf]) -> mpf:
    """The value a sequence of evaluations approaches: ±oo when it grows without bound."""
    a, b, c = values[-3], values[-2], values[-1]
    # Unbounded: large, one sign, and still growing by a factor from one evaluation to the
    # next (a convergent sequence with a large limit grows by ever smaller factors).
    if (
        abs(c) > 10**8
        and mpmath.sign(a) == mpmath.sign(b) == mpmath.sign(c)
        and abs(c) > 2 * abs(b) > 4 * abs(a)
    ):
        return mpmath.inf * mpmath.sign(c)
    if not close(b, c, mpf("1e-6")) or not close(a, c, mpf("1e-4")):
        raise Undefined(f"limit does not settle: {[fmt(v) for v in values]}")
    return c


def close(a: mpf, b: mpf, tol: mpf) -> bool:
    if mpmath.isinf(a) or mpmath.isinf(b):
        return a == b
    return abs(a - b) <= tol * (1 + abs(a) + abs(b))


def power(a: mpf, b: mpf) -> mpf:
    if a == 0:
        if b < 0:
            raise Undefined("0 to a negative power")
        return mpf(1) if b == 0 else mpf(0)
    if a < 0:
        if b != mpmath.floor(b):
            raise Undefined("negative base, non-integer exponent")
        return a ** int(b)
    return a**b


def elementary(name: str, v: list[Any]) -> mpf:
    if name == "exp":
        return mpmath.exp(v[0])
    if name == "log":
        if v[0] <= 0:
            raise Undefined("log of a nonpositive number")
        return mpmath.log(v[0])
    if name == "sqrt":
        if v[0] < 0:
            raise Undefined("sqrt of a negative number")
        return mpmath.sqrt(v[0])
    if name == "Abs":
        return abs(v[0])
    if name == "Max":
        return max(v)
    if name == "Min":
        return min(v)
    if name == "KroneckerDelta":
        return mpf(1 if v[0] == v[1] else 0)
    simple = {"sin": mpmath.sin, "cos": mpmath.cos, "tan": mpmath.tan, "sinh": mpmath.sinh,
              "cosh": mpmath.cosh, "tanh": mpmath.tanh}
    if name in simple:
        return simple[name](v[0])
    raise Unsupported(f"function {name!r}")


def sample_domain(ev: Evaluator, dom: Domain, rng: random.Random, k: int) -> mpf:
    if dom.kind == "finite":
        return ev.const_text(dom.values[(k + rng.randint(0, 1000)) % len(dom.values)])
    if dom.kind == "nonzero":
        value = sample_interval(rng, -mpmath.inf, mpmath.inf, True, True, k)
        if dom.integer:
            value = mpmath.nint(value) or mpf(1)
        return value if value != 0 else mpf(1)
    lo = ev.const_text(str(dom.lo))
    hi = ev.const_text(str(dom.hi))
    if dom.kind == "range" or dom.integer:
        first = int(mpmath.ceil(lo)) + (1 if dom.lo_open and lo == mpmath.ceil(lo) else 0)
        last_cap = first + 6
        if hi != mpmath.inf:
            last = int(mpmath.floor(hi)) - (1 if dom.hi_open and hi == mpmath.floor(hi) else 0)
        else:
            last = last_cap
        if lo == -mpmath.inf:
            first = last - 6 if hi != mpmath.inf else -4
            if hi == mpmath.inf:
                last = 4
        if last < first:
            raise Undefined(f"empty integer domain {dom.text}")
        choices = list(range(first, last + 1))
        return mpf(choices[(k + rng.randint(0, 1000)) % len(choices)])
    return sample_interval(rng, lo, hi, dom.lo_open, dom.hi_open, (k + rng.randint(0, 3)) if k > 3 else k)


# ---------------------------------------------------------------------------------------
# Relations


@dataclass
class Step:
    rel: str | None
    text: str
    expect_false: bool


def read_steps(chain: dict[str, Any]) -> list[Step]:
    steps = []
    for raw in chain["steps"]:
        if isinstance(raw, str):
            text = raw.strip()
            rel = None
            for r in ("<=>", "=>", "<=", ">=", "<", ">", "="):
                if text.startswith(r):
                    rel, text = r, text[len(r):].strip()
                    break
            steps.append(Step(rel, text, False))
        else:
            rel = raw.get("rel", "=" if steps else None)
            steps.append(Step(rel, raw["expr"].strip(), raw.get("expect") == "refuted"))
    return steps


def split_equation(text: str) -> tuple[str, str] | None:
    depth = 0
    found = []
    for k, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "=" and depth == 0:
            before = text[k - 1] if k else ""
            after = text[k + 1] if k + 1 < len(text) else ""
            if before not in "<>=!" and after != "=":
                found.append(k)
    if len(found) != 1:
        return None
    return text[: found[0]], text[found[0] + 1 :]


@dataclass
class Outcome:
    holds: int = 0
    fails: list[str] = field(default_factory=list)
    undefined_both: int = 0
    close_calls: int = 0
    skipped: list[str] = field(default_factory=list)


def make_point(model: FileModel, where: dict[str, str], assume: dict[str, str], rng: random.Random, k: int) -> Point:
    point = Point(model, rng, k)
    ev = Evaluator(point, lambda n: "")
    pending = dict(model.symbols)
    domains = {n: d.domain for n, d in pending.items()}
    for name, dom_text in assume.items():
        domains[name] = parse_domain(dom_text)
    for _ in range(len(pending) + 1):
        for name in list(pending):
            try:
                if name in where:
                    point.values[name] = ev.const_text(where[name])
                else:
                    # Symbols take the telling values in different orders (offset by their
                    # place), so that two symbols are not equal at every fixed point.
                    position = list(model.symbols).index(name)
                    point.values[name] = sample_domain(ev, domains[name], rng, (k + 5 * position) % 40 if k < 40 else k)
                del pending[name]
            except Unsupported:
                continue
    if pending:
        raise Unsupported(f"cannot sample {sorted(pending)}")
    return point


def satisfies(point: Point, model: FileModel, text_of: Callable[[ast.AST], str]) -> bool:
    ev = Evaluator(point, text_of)
    for c in model.constraints:
        try:
            if not ev.eval(parse_text(c), {}):
                return False
        except Undefined:
            return False
    return True


def points_for(model: FileModel, chain: dict[str, Any], hints: list[dict[str, Any]], count: int) -> Iterator[Point]:
    rng = random.Random(hash_name(chain["name"]))
    where = {k: str(v) for k, v in chain.get("where", {}).items()}
    assume = {k: str(v) for k, v in chain.get("assume", {}).items()}
    for hint in hints:
        point = make_point(model, where, assume, rng, 0)
        for key, value in hint.items():
            m = re.fullmatch(r"(\w+)\[(.*)\]", key)
            val = mpf(Fraction(str(value)).numerator) / Fraction(str(value)).denominator
            if m:
                point.members[(m.group(1), tuple(int(i) for i in m.group(2).split(",")))] = val
            else:
                point.values[key] = val
        yield point
    made = tries = 0
    while made < count and tries < count * 50:
        tries += 1
        point = make_point(model, where, assume, rng, made)
        if model.constraints and not satisfies(point, model, lambda n: ""):
            continue
        made += 1
        yield point


def hash_name(name: str) -> int:
    return sum((i + 1) * ord(c) for i, c in enumerate(name))


def tolerance(text: str) -> mpf:
    if "Limit(" in text:
        return mpf("1e-5")
    if "Derivative(" in text:
        return mpf("1e-25")
    return mpf("1e-40")


def compare(rel: str, a: mpf, b: mpf, tol: mpf) -> str:
    """'holds', 'fails' or 'close' (strict relation, sides equal within tolerance)."""
    equal = close(a, b, tol)
    if rel == "=":
        return "holds" if equal else "fails"
    if rel in ("<", ">"):
        if equal:
            return "close"
        return "holds" if (a < b if rel == "<" else a > b) else "fails"
    if equal:
        return "holds"
    return "holds" if (a <= b if rel == "<=" else a >= b) else "fails"


def evaluate_sides(point: Point, trees: tuple[ast.expr, ast.expr], text_of: Callable[[ast.AST], str]) -> list[Any]:
    ev = Evaluator(point, text_of)
    sides: list[Any] = []
    for tree in trees:
        try:
            sides.append(ev.eval(tree, {}))
        except Undefined as why:
            sides.append(Undefined(str(why)))
        except (ZeroDivisionError, ValueError, OverflowError) as why:
            sides.append(Undefined(f"{type(why).__name__}: {why}"))
    return sides


def judge(rel: str, a: Any, b: Any, tol: mpf) -> str:
    """'holds', 'fails', 'close', 'both-undefined', 'unsettled' at one evaluation."""
    a_undef, b_undef = isinstance(a, Undefined), isinstance(b, Undefined)
    if a_undef and b_undef:
        return "both-undefined"
    if a_undef or b_undef:
        return "unsettled" if "limit does not settle" in str(a) + str(b) else "fails"
    return compare(rel, a, b, tol)


def check_expression_pair(model: FileModel, chain: dict[str, Any], prev: Step, step: Step, hints: list[dict[str, Any]], count: int) -> Outcome:
    out = Outcome()
    trees = (parse_text(prev.text), parse_text(step.text))
    text_of = segment_reader(prev.text, step.text, model=model)
    tol = max(tolerance(prev.text), tolerance(step.text))
    rel = step.rel or "="
    used = names_in(*trees, model=model)
    for point in points_for(model, chain, hints, count):
        point.used = used
        a, b = evaluate_sides(point, trees, text_of)
        verdict = judge(rel, a, b, tol)
        if verdict in ("fails", "both-undefined"):
            # Far-out points cancel catastrophically at 60 digits (1 - g(1000)): a failure
            # stands only if it survives 1000 digits.
            with mp.workdps(1000):
                a, b = evaluate_sides(point, trees, text_of)
                verdict = judge(rel, a, b, tol)
        if verdict == "close" and equal_at_high_precision(point, *trees, text_of):
            verdict = "equal"
        if verdict == "holds":
            out.holds += 1
        elif verdict == "close":
            out.close_calls += 1
        elif verdict == "both-undefined":
            out.undefined_both += 1
        elif verdict == "unsettled":
            out.skipped.append(f"{point.describe()}: {a if isinstance(a, Undefined) else b}")
        elif verdict == "equal":
            out.fails.append(f"{point.describe()}: lhs = {fmt(a)}, rhs = {fmt(b)} (equal to 450 digits: the strict relation fails)")
        else:
            out.fails.append(f"{point.describe()}: lhs = {fmt_side(a)}, rhs = {fmt_side(b)}")
        if step.expect_false and out.fails:
            break  # one confirmed witness is what a false step needs
    return out


def names_in(*trees: ast.AST, model: FileModel) -> set[str]:
    """The names a relation mentions, through the bodies of the functions it calls."""
    names: set[str] = set()
    todo = list(trees)
    while todo:
        for node in ast.walk(todo.pop()):
            if isinstance(node, ast.Name) and node.id not in names:
                names.add(node.id)
                if node.id in model.functions:
                    todo.append(model.functions[node.id][1])
    return names


def equal_at_high_precision(point: Point, left: ast.expr, right: ast.expr, text_of: Callable[[ast.AST], str]) -> bool:
    """Sides within tolerance at 60 digits: are they still equal at 150? (An empty sum
    against 0, an equality case; not a far-out value rounded to its limit.)"""
    for digits in (150, 450):
        with mp.workdps(digits):
            ev = Evaluator(point, text_of)
            try:
                a, b = ev.eval(left, {}), ev.eval(right, {})
            except (Undefined, ZeroDivisionError, ValueError):
                return False
            if not (a == b or abs(a - b) <= mpf(10) ** (10 - digits) * max(abs(a), abs(b))):
                return False
    return True


def is_hint(point: Point, hints: list[dict[str, Any]]) -> bool:
    """Hint points are yielded first with k = 0 and carry their hinted values exactly."""
    for hint in hints:
        ok = True
        for key, value in hint.items():
            val = mpf(Fraction(str(value)).numerator) / Fraction(str(value)).denominator
            m = re.fullmatch(r"(\w+)\[(.*)\]", key)
            got = point.members.get((m.group(1), tuple(int(i) for i in m.group(2).split(",")))) if m else point.values.get(key)
            ok = ok and got == val
        if ok:
            return True
    return False


def fmt_side(value: Any) -> str:
    return f"undefined ({value})" if isinstance(value, Undefined) else fmt(value)


def segment_reader(*texts: str, model: FileModel | None = None) -> Callable[[ast.AST], str]:
    sources = list(texts) + ([body for _, _, body in model.functions.values()] if model else [])

    def text_of(node: ast.AST) -> str:
        for src in sources:
            seg = ast.get_source_segment(src.strip(), node)
            if seg is not None:
                return seg
        return ast.unparse(node)

    return text_of


# -- equations ----------------------------------------------------------------------


def equation_roots(ev: Evaluator, lhs: ast.expr, rhs: ast.expr, unknown: str, grid: list[mpf]) -> list[mpf]:
    """Roots of lhs - rhs in the unknown over the grid (sign changes, refined), where both
    sides are defined."""

    def d(t: mpf) -> mpf | None:
        ev.overrides[unknown] = t
        try:
            return ev.eval(lhs, {}) - ev.eval(rhs, {})
        except (Undefined, ZeroDivisionError, ValueError):
            return None
        finally:
            ev.overrides.pop(unknown, None)

    roots: list[mpf] = []
    values = [(t, d(t)) for t in grid]
    noise = mpf("1e-30")
    for k, ((t0, v0), (t1, v1)) in enumerate(zip(values, values[1:])):
        if v0 is None or v1 is None:
            continue
        if v0 == 0:
            # An exact zero is a root unless its neighbours are at the noise level too (a
            # tail that underflowed to 0, as 1 - g(170) does at 60 digits).
            before = values[k - 1][1] if k else None
            if any(n is not None and abs(n) > noise for n in (before, v1)):
                roots.append(t0)
            continue
        # A sign change between two values at the noise level of 60 digits (the tail of a
        # function that only tends to 0) is no root.
        if v0 * v1 < 0 and max(abs(v0), abs(v1)) > noise:
            lo, hi, vlo = t0, t1, v0
            for _ in range(200):
                mid = (lo + hi) / 2
                vm = d(mid)
                if vm is None:
                    break
                if vm == 0 or (vm < 0) == (vlo < 0):
                    lo, vlo = mid, vm
                else:
                    hi = mid
            root = (lo + hi) / 2
            vr = d(root)
            # A sign change across a pole is not a root.
            if vr is not None and abs(vr) < mpf("1e-20") * (1 + abs(v0) + abs(v1)):
                roots.append(root)
    if len(values) > 1 and values[-1][1] == 0 and values[-2][1] is not None and abs(values[-2][1]) > noise:
        roots.append(values[-1][0])
    return roots


def unknown_grid(dom: Domain, ev: Evaluator) -> list[mpf]:
    if dom.kind == "finite":
        return sorted(ev.const_text(v) for v in dom.values)
    lo = ev.const_text(str(dom.lo)) if dom.kind != "nonzero" else -mpmath.inf
    hi = ev.const_text(str(dom.hi)) if dom.kind != "nonzero" else mpmath.inf
    if dom.integer or dom.kind == "range":
        first = -40 if lo == -mpmath.inf else int(mpmath.ceil(lo))
        last = 40 if hi == mpmath.inf else int(mpmath.floor(hi))
        return [mpf(i) for i in range(first, last + 1) if not (dom.lo_open and i == lo) and not (dom.hi_open and i == hi)]
    n = 800
    if lo == -mpmath.inf and hi == mpmath.inf:
        return [mpmath.sinh(mpf(-12) + 24 * mpf(i) / n) for i in range(n + 1)]
    if hi == mpmath.inf:
        return [lo + mpmath.exp(mpf(-25) + 35 * mpf(i) / n) for i in range(n + 1)]
    if lo == -mpmath.inf:
        return [hi - mpmath.exp(mpf(10) - 35 * mpf(i) / n) for i in range(n + 1)]
    return [lo + (hi - lo) * (mpf(i) + mpf(1) / 7) / (n + 1) for i in range(n + 1)]


def check_equation_pair(model: FileModel, chain: dict[str, Any], prev: Step, step: Step, unknown: str, hints: list[dict[str, Any]], count: int) -> Outcome:
    out = Outcome()
    e1, e2 = split_equation(prev.text), split_equation(step.text)
    if e1 is None or e2 is None:
        raise Unsupported("equation step without one '='")
    t1 = (parse_text(e1[0]), parse_text(e1[1]))
    t2 = (parse_text(e2[0]), parse_text(e2[1]))
    text_of = segment_reader(prev.text, step.text, model=model)
    dom = model.symbols[unknown].domain
    used = names_in(*t1, *t2, model=model)
    for point in points_for(model, chain, hints, count):
        point.used = used
        ev = Evaluator(point, text_of)
        grid = unknown_grid(dom, ev)
        r1 = equation_roots(ev, *t1, unknown, grid)
        r2 = equation_roots(ev, *t2, unknown, grid)
        lost = [r for r in r1 if not any(close(r, s, mpf("1e-15")) for s in r2)]
        gained = [r for r in r2 if not any(close(r, s, mpf("1e-15")) for s in r1)]
        bad = lost + (gained if step.rel == "<=>" else [])
        # Equations that hold on whole intervals (x**2/x = x) have no isolated roots: compare
        # where each holds exactly at the grid points too.
        bad += grid_disagreements(ev, t1, t2, unknown, grid, step.rel == "<=>")
        point.values.pop(unknown, None)
        if bad:
            out.fails.append(
                f"{point.describe()}: solutions in {unknown} differ at {[fmt(r) for r in bad[:3]]} "
                f"(roots {[fmt(r) for r in r1[:4]]} against {[fmt(r) for r in r2[:4]]})"
            )
            if step.expect_false:
                break
        else:
            out.holds += 1
    return out


def holds_exactly(ev: Evaluator, sides: tuple[ast.expr, ast.expr], unknown: str, t: mpf) -> bool:
    ev.overrides[unknown] = t
    try:
        return bool(ev.eval(sides[0], {}) - ev.eval(sides[1], {}) == 0)
    except (Undefined, ZeroDivisionError, ValueError):
        return False
    finally:
        ev.overrides.pop(unknown, None)


def grid_disagreements(ev: Evaluator, t1: tuple[ast.expr, ast.expr], t2: tuple[ast.expr, ast.expr], unknown: str, grid: list[mpf], both_ways: bool) -> list[mpf]:
    """Grid points where one equation holds exactly and the other does not, confirmed at
    1000 digits (an underflowed tail is exactly 0 at 60 digits and is not a solution)."""
    found = []
    for t in grid:
        if abs(t) > 50:
            continue  # far out, a function tending to 0 is exactly 0 even at 1000 digits
        one, two = holds_exactly(ev, t1, unknown, t), holds_exactly(ev, t2, unknown, t)
        if one == two or (two and not both_ways):
            continue
        with mp.workdps(1000):
            one, two = holds_exactly(ev, t1, unknown, t), holds_exactly(ev, t2, unknown, t)
        if one != two and (one or both_ways):
            found.append(t)
            break
    return found


# ---------------------------------------------------------------------------------------


def check_file(path: Path) -> tuple[list[tuple[str, bool, Outcome]], list[str]]:
    model = read_file(path)
    rows: list[tuple[str, bool, Outcome]] = []
    problems: list[str] = []
    for chain in model.chains:
        steps = read_steps(chain)
        for k in range(1, len(steps)):
            prev, step = steps[k - 1], steps[k]
            key = f"{path.stem}::{chain['name']}"
            label = f"{key}::{k}"
            hints = WITNESS_HINTS.get(key, []) if step.expect_false else []
            heavy = max(len(prev.text), len(step.text)) > 600 or "Derivative(Sum" in prev.text + step.text
            count = HEAVY if heavy else POINTS
            try:
                if step.rel in ("<=>", "=>"):
                    unknown = EQUATION_UNKNOWN.get(key)
                    if unknown is None:
                        raise Unsupported("no EQUATION_UNKNOWN for this chain")
                    out = check_equation_pair(model, chain, prev, step, unknown, hints, min(count, 12))
                else:
                    out = check_expression_pair(model, chain, prev, step, hints, count)
            except Unsupported as why:
                problems.append(f"{label}: cannot check: {why}")
                continue
            truth = not step.expect_false
            rows.append((label, truth, out))
            if truth and out.fails:
                problems.append(f"{label}: labelled true, fails at {out.fails[0]}")
            if truth and out.undefined_both:
                problems.append(f"{label}: labelled true, both sides undefined at {out.undefined_both} points")
            if truth and out.holds == 0:
                problems.append(f"{label}: labelled true, no point evaluated ({out.skipped[:1]})")
            if not truth and not out.fails:
                problems.append(f"{label}: labelled false, no witness found (holds at {out.holds}, close {out.close_calls})")
    return rows, problems


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or DEFAULT_FILES
    all_problems: list[str] = []
    counts = {"true": 0, "false": 0}
    for path in files:
        rows, problems = check_file(path)
        print(f"== {path}: {len(rows)} relations")
        for label, truth, out in rows:
            counts["true" if truth else "false"] += 1
            if not truth and out.fails:
                print(f"  false {label.split('::', 1)[1]}: witness {out.fails[0]}")
            elif truth:
                note = f" ({out.close_calls} too close to call)" if out.close_calls else ""
                print(f"  true  {label.split('::', 1)[1]}: holds at {out.holds} points{note}")
        for p in problems:
            print(f"  PROBLEM {p}")
        all_problems += problems
    print(f"\n{counts['true']} true and {counts['false']} false relations checked; {len(all_problems)} problems")
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
