"""The meaning of an expression at a point, by the contract of ``docs/semantics.md``.

``Evaluator(decl, point).value(node)`` is a ``Real`` or an ``Infinite``, or raises
``Undefined`` (the value is not a real number there: a subterm outside its function's
domain, an empty Piecewise, a limit that does not exist, ...), ``Undecidable`` or
``Unsupported``. Every subterm is evaluated, constants included: nothing is simplified away
before it is evaluated, so ``0*log(-1)`` is undefined.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from . import numbers as n
from .domains import Declarations, Domain
from .numbers import Infinite, Real, Undecidable, Undefined, Unsupported, Value
from .tree import (
    Apply,
    Big,
    BinOp,
    Call,
    Compare,
    Const,
    Derivative,
    Fixed,
    Limit,
    Logic,
    Member,
    Name,
    Neg,
    Node,
    Num,
    Piecewise,
    Truth,
)

MAX_TERMS = 20_000
MAX_EXACT_EXPONENT = 2_000

MemberKey = tuple[str, tuple[int, ...]]
MemberSource = Callable[[str, tuple[int, ...]], Node]


class MissingValue(KeyError):
    """The point gives no value to a name the expression needs."""


class Evaluator:
    """Evaluates nodes at one point (values of the declared symbols and family members)."""

    def __init__(
        self,
        decl: Declarations,
        point: Mapping[str, Node],
        members: dict[MemberKey, Node] | None = None,
        member_source: MemberSource | None = None,
    ) -> None:
        self.decl = decl
        self.point = dict(point)
        self.members = members if members is not None else {}
        self.member_source = member_source

    def moved(self, name: str, value: Node) -> Evaluator:
        """The same point with ``name`` moved to ``value`` (members are shared)."""
        return Evaluator(self.decl, {**self.point, name: value}, self.members, self.member_source)

    def moved_member(self, key: MemberKey, value: Node) -> Evaluator:
        """The same point with one family member moved to ``value`` (the others as drawn)."""
        return Evaluator(self.decl, self.point, {**self.members, key: value}, self.member_source)

    def member_key(self, node: Member, env: dict[str, Real]) -> MemberKey:
        """The family and integer indices of a member at this point (drawn if needed)."""
        self.member(node, env)
        indices = tuple(n.as_integer(self.real(i, env)) for i in node.indices)
        return node.family, tuple(i for i in indices if i is not None)

    # -- values --------------------------------------------------------------------------

    def value(self, node: Node, env: Mapping[str, Real] | None = None) -> Value:
        return self._value(node, dict(env or {}))

    def real(self, node: Node, env: dict[str, Real]) -> Real:
        """A value that must be a real number (an infinite one is not, inside a term)."""
        value = self._value(node, env)
        if isinstance(value, Infinite):
            raise Undefined("an infinite value inside a term is not a real number")
        return value

    def _value(self, node: Node, env: dict[str, Real]) -> Value:
        if isinstance(node, Num):
            return n.exact(node.value)
        if isinstance(node, Fixed):
            return node.value  # type: ignore[no-any-return]
        if isinstance(node, Const):
            return self.constant(node.name)
        if isinstance(node, Name):
            return self.name(node.name, env)
        if isinstance(node, Neg):
            inner = self._value(node.arg, env)
            return Infinite(-inner.sign) if isinstance(inner, Infinite) else n.neg(inner)
        if isinstance(node, BinOp):
            return self.binary(node, env)
        if isinstance(node, Apply):
            return self.apply(node, env)
        if isinstance(node, Call):
            return self.call(node, env)
        if isinstance(node, Member):
            return self.member(node, env)
        if isinstance(node, Piecewise):
            return self.piecewise(node, env)
        if isinstance(node, Big):
            return self.big(node.kind, node.body, node.ranges, env)
        if isinstance(node, Derivative | Limit):
            from .analysis import derivative, limit  # the analysis calls back into this class

            return (
                derivative(self, node, env)
                if isinstance(node, Derivative)
                else limit(self, node, env)
            )
        raise Unsupported(f"a condition is not a number: {node}")

    def constant(self, name: str) -> Value:
        if name == "pi":
            return n.pi()
        if name == "E":
            return n.e()
        return Infinite(1)

    def name(self, name: str, env: Mapping[str, Real]) -> Real:
        if name in env:
            return env[name]
        if name in self.point:
            return self.real(self.point[name], {})
        raise MissingValue(name)

    def binary(self, node: BinOp, env: dict[str, Real]) -> Real:
        left = self.real(node.left, env)
        right = self.real(node.right, env)
        if node.op == "+":
            return n.add(left, right)
        if node.op == "-":
            return n.sub(left, right)
        if node.op == "*":
            return n.mul(left, right)
        if node.op == "/":
            return n.div(left, right)
        return power(left, right)

    def apply(self, node: Apply, env: dict[str, Real]) -> Real:
        args = [self.real(a, env) for a in node.args]
        return builtin(node.func, args)

    def call(self, node: Call, env: dict[str, Real]) -> Value:
        if node.func not in self.decl.functions:
            raise Unsupported(f"unknown function {node.func}")
        params, body = self.decl.functions[node.func]
        if len(params) != len(node.args):
            raise Unsupported(f"{node.func} takes {len(params)} arguments")
        args = [self.real(a, env) for a in node.args]
        # The body sees its parameters and the declared symbols, not the caller's indices.
        return self._value(body, dict(zip(params, args, strict=True)))

    def member(self, node: Member, env: dict[str, Real]) -> Real:
        indices = []
        for index in node.indices:
            whole = n.as_integer(self.real(index, env))
            if whole is None:
                raise Undefined(f"{node.family}[...] at an index that is not an integer")
            indices.append(whole)
        self.within_joint_range(node.family, indices)
        key = (node.family, tuple(indices))
        if key not in self.members:
            if node.family not in self.decl.families or self.member_source is None:
                raise MissingValue(f"{node.family}{list(key[1])}")
            self.members[key] = self.member_source(*key)
        return self.real(self.members[key], {})

    def within_joint_range(self, family: str, indices: list[int]) -> None:
        """A one-hot(C) or simplex(C) family has the members 1..C along its last index only
        (docs/semantics.md §9): any other member does not exist."""
        declared = self.decl.families.get(family)
        if declared is None or declared[0].joint is None or declared[0].bound is None:
            return
        bound = declared[0].bound
        if bound.isdigit():
            size: int | None = int(bound)
        elif bound in self.point:
            size = n.as_integer(self.real(self.point[bound], {}))
        else:
            raise MissingValue(bound)
        if size is None or not 1 <= indices[-1] <= size:
            raise Undefined(f"{family}{indices}: its members are those from 1 to {bound} only")

    def piecewise(self, node: Piecewise, env: dict[str, Real]) -> Value:
        # The conditions are read in order; the first that holds selects its value, which
        # must then be defined. A condition is evaluated only when reached.
        for value, condition in node.pieces:
            if self.condition(condition, env):
                return self._value(value, env)
        raise Undefined("no condition of the Piecewise holds")

    def big(
        self,
        kind: str,
        body: Node,
        ranges: tuple[tuple[str, Node, Node], ...],
        env: dict[str, Real],
    ) -> Value:
        if not ranges:
            return self.real(body, env)
        index, lower, upper = ranges[-1]  # the last range is the outermost
        lo_value, hi_value = self._value(lower, env), self._value(upper, env)
        if isinstance(lo_value, Infinite) or isinstance(hi_value, Infinite):
            raise Unsupported("an infinite range")
        first, last = n.ceil_int(lo_value), n.floor_int(hi_value)
        if last - first + 1 > MAX_TERMS:
            raise Unsupported(f"a range of {last - first + 1} terms")
        total = n.exact(0 if kind == "Sum" else 1)
        for k in range(first, last + 1):
            term = self.real_of(self.big(kind, body, ranges[:-1], {**env, index: n.exact(k)}))
            total = n.add(total, term) if kind == "Sum" else n.mul(total, term)
        return total

    @staticmethod
    def real_of(value: Value) -> Real:
        if isinstance(value, Infinite):
            raise Undefined("an infinite value inside a term is not a real number")
        return value

    # -- conditions ----------------------------------------------------------------------

    def condition(self, node: Node, env: dict[str, Real]) -> bool:
        if isinstance(node, Truth):
            return node.value
        if isinstance(node, Logic):
            if node.op == "not":
                return not self.condition(node.args[0], env)
            if node.op == "and":
                return all(self.condition(a, env) for a in node.args)  # left to right, lazily
            return any(self.condition(a, env) for a in node.args)
        if isinstance(node, Compare):
            return compare(node.op, self._value(node.left, env), self._value(node.right, env))
        raise Unsupported(f"not a condition: {node}")

    # -- domains -------------------------------------------------------------------------

    def contains(self, domain: Domain, value: Real) -> bool:
        """Whether ``value`` lies in ``domain`` (decided)."""
        if domain.values is not None:
            return any(compare("==", value, self.value(v)) for v in domain.values)
        if domain.integer and n.as_integer(value) is None:
            return False
        if domain.nonzero and n.sign(value) == 0:
            return False
        if domain.lo is not None:
            below = n.sign(n.sub(value, self.real(domain.lo, {})))
            if below < 0 or (below == 0 and domain.lo_open):
                return False
        if domain.hi is not None:
            above = n.sign(n.sub(self.real(domain.hi, {}), value))
            if above < 0 or (above == 0 and domain.hi_open):
                return False
        return True


def compare(op: str, left: Value, right: Value) -> bool:
    """``left op right`` for op in ``< <= > >= == !=``, with ±oo ordered as usual."""
    if isinstance(left, Infinite) or isinstance(right, Infinite):
        lpos, rpos = _rank(left), _rank(right)
        diff = (lpos > rpos) - (lpos < rpos)
    else:
        diff = n.sign(n.sub(left, right))
    return {
        "<": diff < 0,
        "<=": diff <= 0,
        ">": diff > 0,
        ">=": diff >= 0,
        "==": diff == 0,
        "!=": diff != 0,
    }[op]


def _rank(value: Value) -> int:
    return value.sign if isinstance(value, Infinite) else 0


def power(base: Real, exponent: Real) -> Real:
    """``base ** exponent`` over the reals: a positive base takes any exponent; 0 takes a
    positive one, and 0**0 = 1; a negative base takes only an integer exponent."""
    whole = n.as_integer(exponent)
    if whole is not None:
        return _integer_power(base, whole)
    s = n.sign(base)
    if s < 0:
        raise Undefined("a negative base with an exponent that is not an integer")
    if s == 0:
        if n.sign(exponent) > 0:
            return n.exact(0)
        raise Undefined("0 to a negative power")
    if n.HI.mag(exponent.hi) + n.HI.mag(n.HI.log(base.hi)) > n.HUGE_ARGUMENT_BITS:
        raise Undecidable("a power beyond 10**(10**1000) is not computed")
    return n.combine(
        [base, exponent],
        _real_power,
        lambda v, r: [
            n.log10_abs(v[1]) + n.log10_abs(r) - n.log10_abs(v[0]),
            n.log10_abs(r) + n.log10_abs(n.HI.log(v[0])),
        ],
    )


def _integer_power(base: Real, k: int) -> Real:
    if n.sign(base) == 0:
        if k < 0:
            raise Undefined("0 to a negative power")
        return n.exact(1 if k == 0 else 0)  # 0**0 = 1, the empty product
    if base.exact is not None and abs(k) <= MAX_EXACT_EXPONENT:
        return n.exact(base.exact**k)
    return n.combine(
        [base],
        lambda b: b**k,
        lambda v, r: [n.log10_abs(k) + n.log10_abs(r) - n.log10_abs(v[0])],
    )


def _real_power(base: Any, exponent: Any) -> Any:
    return base**exponent  # the base is positive here: mpmath gives the real power


def builtin(func: str, args: list[Real]) -> Real:
    if func in ("Max", "Min"):
        pick = max if func == "Max" else min
        exacts = [a.exact for a in args]
        if all(q is not None for q in exacts):
            return n.exact(pick(q for q in exacts if q is not None))
        return n.combine(args, lambda *values: pick(values), lambda v, r: [0.0] * len(v))
    if func == "KroneckerDelta":
        return n.exact(1 if n.sign(n.sub(args[0], args[1])) == 0 else 0)
    if func in ("factorial", "binomial"):
        return _counting(func, args)
    (arg,) = args
    if func == "Abs":
        return n.neg(arg) if n.sign(arg) < 0 else arg
    if func == "log":
        if n.sign(arg) <= 0:
            raise Undefined("log of a number that is not positive")
        if arg.exact == 1:
            return n.exact(0)
    elif func == "sqrt":
        return power(arg, n.exact(Fraction(1, 2)))
    elif func == "tan":
        if n.sign(n.lift(arg, "cos")) == 0:
            raise Undefined("tan where cos is 0")
    elif func == "sign":  # sgn(0) = 0, as written (not the derivative of |x|)
        return n.exact(n.sign(arg))
    elif func in _INVERSE_DOMAINS:
        inside = _INVERSE_DOMAINS[func](arg)
        if not inside:
            raise Undefined(f"{func} outside the interval where it is real")
    elif func not in ("exp", "sin", "cos", "sinh", "cosh", "tanh", "atan", "asinh", "erf"):
        raise Unsupported(f"function {func}")
    if arg.exact == 0 and func in _ZERO_AT_ZERO:
        return n.exact(0)
    if arg.exact == 0 and func in ("exp", "cos", "cosh"):
        return n.exact(1)
    if arg.exact == 1 and func in ("acos", "acosh"):
        return n.exact(0)
    return n.lift(arg, func)


def _counting(func: str, args: list[Real]) -> Real:
    """n! for an integer n >= 0 (the empty product at 0); C(r, k) = r(r - 1)...(r - k + 1)/k!
    for an integer k (0 for k < 0), exactly, for an exact r."""
    last = args[-1].exact
    if last is None:
        raise Unsupported(f"{func} of an inexact number")
    if last.denominator != 1:
        raise Undefined(f"{func} needs an integer")
    k = int(last)
    if abs(k) > MAX_EXACT_EXPONENT:
        raise Unsupported(f"{func} of a large number")
    if func == "factorial":
        if k < 0:
            raise Undefined("factorial of a negative integer")
        return n.exact(math.factorial(k))
    if k < 0:
        return n.exact(0)
    top = args[0].exact
    if top is None:
        raise Unsupported("binomial of an inexact number")
    value = Fraction(1)
    for j in range(k):
        value = value * (top - j) / (j + 1)
    return n.exact(value)


_ZERO_AT_ZERO = ("sin", "tan", "sinh", "tanh", "atan", "asin", "asinh", "atanh", "erf")


def _one_minus_square(arg: Real) -> int:
    return n.sign(n.sub(n.exact(1), n.mul(arg, arg)))


# Where each inverse function is real: asin and acos on [-1, 1], atanh on (-1, 1), acosh
# on [1, ∞).
_INVERSE_DOMAINS: dict[str, Callable[[Real], bool]] = {
    "asin": lambda a: _one_minus_square(a) >= 0,
    "acos": lambda a: _one_minus_square(a) >= 0,
    "atanh": lambda a: _one_minus_square(a) > 0,
    "acosh": lambda a: n.sign(n.sub(a, n.exact(1))) >= 0,
}


__all__ = ["Evaluator", "MissingValue", "Undecidable", "builtin", "compare", "power"]
