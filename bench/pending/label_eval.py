"""check_labels.py, part 2: real-valued evaluation of an expression tree at a point, with
mpmath (derivatives numerically, limits by evaluating ever closer)."""

from __future__ import annotations

import ast
import random
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import mpmath
from mpmath import mp, mpf

from .label_model import (
    Domain,
    Point,
    Undefined,
    Unsupported,
    fmt,
    parse_text,
    sample_interval,
    to_int,
)


class Evaluator:
    """Real-valued evaluation of an expression tree at a point."""

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
                        self.point.members[(name, (*head, j))] = mpf(1 if j == hot else 0)
                else:
                    raw = [mpmath.exp(mpf(self.point.rng.gauss(0, 1.5))) for _ in range(size)]
                    total = mpmath.fsum(raw)
                    for j in range(size):
                        self.point.members[(name, (*head, j + 1))] = raw[j] / total
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
            ok = {
                ast.Lt: left < right,
                ast.LtE: left <= right,
                ast.Gt: left > right,
                ast.GtE: left >= right,
                ast.Eq: left == right,
                ast.NotEq: left != right,
            }[type(op)]
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
        return bool(a == b)
    return bool(abs(a - b) <= tol * (1 + abs(a) + abs(b)))


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
    simple = {
        "sin": mpmath.sin,
        "cos": mpmath.cos,
        "tan": mpmath.tan,
        "sinh": mpmath.sinh,
        "cosh": mpmath.cosh,
        "tanh": mpmath.tanh,
        "atan": mpmath.atan,
        "asinh": mpmath.asinh,
        "erf": mpmath.erf,
    }
    if name in simple:
        return simple[name](v[0])
    if name == "sign":  # sgn(0) = 0, as written
        return mpf(mpmath.sign(v[0]))
    inverse = {
        "asin": (mpmath.asin, -1 <= v[0] <= 1),
        "acos": (mpmath.acos, -1 <= v[0] <= 1),
        "atanh": (mpmath.atanh, -1 < v[0] < 1),
        "acosh": (mpmath.acosh, v[0] >= 1),
    }
    if name in inverse:
        function, real = inverse[name]
        if not real:
            raise Undefined(f"{name} outside the interval where it is real")
        return function(v[0])
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
    return sample_interval(
        rng, lo, hi, dom.lo_open, dom.hi_open, (k + rng.randint(0, 3)) if k > 3 else k
    )
