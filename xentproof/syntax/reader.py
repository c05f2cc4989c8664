"""The safe expression reader's entry points: text of a derivation file → SymPy object and
display text (``read_expression``), or a closed real constant (``read_constant``).

Derivation files come from strangers, so nothing in them is ever executed: the text is
parsed into a syntax tree (``source.SourceText``), the tree is walked against an allow-list
of node types, operators and names (``ExpressionReader`` here for leaves and calls,
``operators``, ``forms``), and SymPy objects are built directly from their constructors.
There is no ``eval``, ``sympify`` or ``parse_expr`` anywhere on this path. The build runs
under a CPU-time limit (``bounds.TIME_LIMIT``, through ``timing.cpu_time_limit``), a backstop
for SymPy's own automatic evaluation.

The display text is built from the same tree, so it keeps the author's order of terms
(SymPy would reorder them): ``1 - yhat`` displays as ``1 − ŷ``.
"""

from __future__ import annotations

import ast
import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import sympy

from ..definedness import (
    KIND_TEXT,
    Range,
    Requirement,
    function_needs,
    holds_for_number,
    joint_member_needs,
    member_needs,
    power_needs,
)
from ..errors import ExpressionError
from ..substitution import put
from ..timing import OutOfTime, cpu_time_limit
from . import bounds, operators
from .bounds import MAX_INT_DIGITS, exact_decimal, log_power_risk, make
from .display import Precedence
from .forms import SPECIAL_FORMS
from .scope import Scope
from .source import SourceText
from .tree import Built, TreeWalk
from .vocabulary import (
    CONSTANT_FUNCTIONS,
    CONSTANT_TEXT,
    CONSTANTS,
    FORBIDDEN_NODES,
    NAME_HINTS,
    NUMERIC_FUNCTIONS,
    RESERVED_NAMES,
    plural,
)

MAX_COUNTED = 10_000  # the largest number factorial and binomial are given


@dataclass(frozen=True)
class Parsed:
    """An expression read from text: the SymPy object, and its display in the author's order.

    ``guards`` are what the written form needs to be defined: SymPy simplifies as it builds
    (``x*(x + 1)/x`` is ``x + 1``, ``exp(log(u))`` is ``u``, ``0*log(-1)`` is 0, ``log(-1)`` is
    ``I*pi``), so the object alone would not show that the step divides by ``x`` or takes
    the log of ``u`` or of -1. They are read off the written operations, numbers included.
    """

    expr: sympy.Basic
    display: str
    guards: tuple[Requirement, ...] = ()


def read_expression(text: str, scope: Scope) -> Parsed:
    """Read an expression or a condition; raise ``ExpressionError`` for anything else."""
    reader = ExpressionReader(SourceText(text), scope)
    built = _build(reader)
    return Parsed(built.expr, built.text, _kept(reader.guards, built.expr))


def _kept(guards: Iterable[Requirement], root: object) -> tuple[Requirement, ...]:
    """The guards, without the "is a number" of a limit that is still there to be
    evaluated (a side that is a limit may be ±∞; only one SymPy folded away is kept)."""
    return tuple(
        g
        for g in guards
        if not (g.kind == "real" and isinstance(root, sympy.Basic) and root.has(g.expr))
    )


def read_constant(text: str) -> sympy.Expr:
    """Read a closed real constant such as ``-1``, ``1/2``, ``sqrt(2)``, ``oo`` or ``-oo``."""
    reader = ExpressionReader(SourceText(text), Scope(), constant=True)
    built = _build(reader)
    if not isinstance(built.expr, sympy.Expr):
        raise ExpressionError(f"expected a constant, got the condition '{text.strip()}'", column=1)
    if built.expr.is_extended_real is False:
        raise ExpressionError(f"'{text.strip()}' is not a real number", column=1)
    for guard in reader.guards:
        if holds_for_number(guard.expr, guard.kind) is False:
            raise ExpressionError(
                f"'{text.strip()}' is not a real number: {guard.origin} needs"
                f" {guard.expr} {KIND_TEXT[guard.kind]}",
                column=1,
            )
    return built.expr


def _build(reader: ExpressionReader) -> Built:
    """The whole tree, built within the time limit; refused if it is undefined."""
    limit = bounds.TIME_LIMIT
    try:
        with cpu_time_limit(limit):
            built = reader.build(reader.source.tree)
    except OutOfTime:
        raise ExpressionError(
            f"building the expression took longer than {limit:g} s;"
            " it probably asks SymPy to evaluate a very large or very precise number",
            column=1,
        ) from None
    if isinstance(built.expr, sympy.Basic) and built.expr.has(sympy.nan, sympy.zoo):
        raise ExpressionError(
            "the expression is undefined: it divides by zero or contains a form like oo − oo",
            column=1,
        )
    return built


class ExpressionReader(TreeWalk):
    """Reads one expression's tree: dispatches each node, and reads the leaves (literals,
    names, members of families) and the calls of functions itself."""

    def dispatch(self, node: ast.expr) -> Built:
        if isinstance(node, ast.Constant):
            return self.constant_literal(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.BinOp):
            return operators.binary(self, node)
        if isinstance(node, ast.UnaryOp):
            return operators.unary(self, node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Subscript):
            return self.subscript(node)
        if isinstance(node, ast.Compare | ast.BoolOp) and not self.constant:
            if isinstance(node, ast.Compare):
                return operators.compare(self, node)
            return operators.boolean(self, node)
        segment = self.source.segment(node)
        if isinstance(node, ast.Attribute):
            raise self.fail(node, f"attribute access '{segment}' is not allowed")
        if self.constant:
            raise self.fail(node, f"'{segment}' is not allowed in a constant")
        what = FORBIDDEN_NODES.get(type(node), f"'{segment}'")
        raise self.fail(node, f"{what} is not allowed in an expression")

    # -- leaves --------------------------------------------------------------------------

    def constant_literal(self, node: ast.Constant) -> Built:
        value = node.value
        if isinstance(value, bool):
            raise self.fail(node, f"'{value}' is allowed only as a Piecewise condition")
        if isinstance(value, int):
            if abs(value) >= 10**MAX_INT_DIGITS:
                raise self.fail(node, f"integer literal has more than {MAX_INT_DIGITS} digits")
            return Built(sympy.Integer(value), str(value))
        if isinstance(value, float):
            source = ast.get_source_segment(self.source.text, node) or repr(value)
            try:
                return Built(exact_decimal(source), source)
            except ExpressionError as error:
                raise self.fail(node, error.message) from None
        if isinstance(value, complex):
            raise self.fail(node, "complex numbers are not supported")
        if isinstance(value, str):
            raise self.fail(
                node, "a string is allowed only as the direction of Limit: '+', '-' or '+-'"
            )
        raise self.fail(node, f"the literal '{self.source.segment(node)}' is not allowed")

    def name(self, node: ast.Name) -> Built:
        name = node.id
        if name in self.bound:
            return Built(self.bound[name], self.shown(name))
        if name in self.scope.symbols:
            return Built(self.scope.symbols[name], self.shown(name))
        if name in self.scope.families:
            rank = self.scope.families[name][1]
            example = ", ".join("ijklmn"[:rank])
            raise self.fail(node, f"'{name}' is an indexed family: write {name}[{example}]")
        if name in CONSTANTS:
            return Built(CONSTANTS[name], CONSTANT_TEXT[name])
        if name in self.scope.functions or name in RESERVED_NAMES:
            raise self.fail(node, f"'{name}' is a function: call it as {name}(...)")
        raise self.unknown(node, name)

    def unknown(self, node: ast.AST, name: str) -> ExpressionError:
        known = set(self.bound) | set(CONSTANTS)
        if self.constant:
            known |= CONSTANT_FUNCTIONS
        else:
            known |= RESERVED_NAMES | set(self.scope.symbols)
            known |= set(self.scope.families) | set(self.scope.functions)
        if name in NAME_HINTS:
            return self.fail(node, f"unknown name '{name}' ({NAME_HINTS[name]})")
        close = difflib.get_close_matches(name, sorted(known), n=1)
        if close:
            return self.fail(node, f"unknown name '{name}' (did you mean '{close[0]}'?)")
        if self.constant:
            expected = "a constant may use numbers, pi, E, oo, + - * / ** and sqrt, exp, log"
        else:
            expected = "expected a declared symbol, family or function, or pi, E, oo"
        return self.fail(node, f"unknown name '{name}': {expected}")

    def subscript(self, node: ast.Subscript) -> Built:
        target = node.value
        if not isinstance(target, ast.Name):
            raise self.fail(node, "subscripts are allowed only on declared families, as in y[i]")
        name = target.id
        if name not in self.scope.families:
            if name in self.scope.symbols or name in self.bound or name in CONSTANTS:
                raise self.fail(
                    node, f"'{name}' is not an indexed family, so '{name}[...]' is wrong"
                )
            raise self.unknown(target, name)
        base, rank = self.scope.families[name]
        parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if len(parts) != rank:
            raise self.fail(
                node, f"'{name}' takes {rank} {plural(rank, 'index')}, got {len(parts)}"
            )
        indices = [self.number(part) for part in parts]
        exprs = [i.expr for i in indices]
        for index in exprs:
            self.require(member_needs(index))
        expr = make(base.__getitem__, exprs[0] if rank == 1 else tuple(exprs))
        if name in self.scope.sizes:
            self.require(joint_member_needs(expr, exprs[-1], self.scope.sizes[name]))
        return Built(expr, f"{self.shown(name)}[{','.join(i.text for i in indices)}]")

    # -- calls ---------------------------------------------------------------------------

    def call(self, node: ast.Call) -> Built:
        if not isinstance(node.func, ast.Name):
            if isinstance(node.func, ast.Attribute):
                raise self.fail(
                    node, f"attribute access '{self.source.segment(node.func)}' is not allowed"
                )
            raise self.fail(node, "only named functions can be called, as in log(x)")
        if node.keywords:
            raise self.fail(node, "keyword arguments are not allowed")
        if any(isinstance(arg, ast.Starred) for arg in node.args):
            raise self.fail(node, "starred arguments ('*args') are not allowed")
        name = node.func.id
        if self.constant and name not in CONSTANT_FUNCTIONS:
            if name in RESERVED_NAMES:
                raise self.fail(
                    node, f"'{name}' is not allowed in a constant: use sqrt, exp or log"
                )
            raise self.unknown(node.func, name)
        if name in self.scope.functions:
            func, arity = self.scope.functions[name]
            self.check_arity(node, name, arity, arity)
            args = [self.number(a) for a in node.args]
            text = ", ".join(a.text for a in args)
            expr = make(func, *(a.expr for a in args))
            self.require(self.body_needs(name, [a.expr for a in args]))
            return Built(expr, f"{self.shown(name)}({text})")
        if name in NUMERIC_FUNCTIONS:
            return self.numeric_function(node, name)
        if name in SPECIAL_FORMS:
            return SPECIAL_FORMS[name](self, node, name)
        if name in self.scope.symbols or name in self.scope.families or name in self.bound:
            raise self.fail(node, f"'{name}' is not a function, so '{name}(...)' is wrong")
        raise self.unknown(node.func, name)

    def numeric_function(self, node: ast.Call, name: str) -> Built:
        build, least, most = NUMERIC_FUNCTIONS[name]
        self.check_arity(node, name, least, most)
        args = [self.number(a) for a in node.args]
        exprs = [a.expr for a in args]
        counting = name in ("factorial", "binomial")
        if counting and any(e.is_number and abs(e) > MAX_COUNTED for e in exprs):
            # SymPy would compute the whole integer, in C, past any alarm
            raise self.fail(node, f"{name} of a number above {MAX_COUNTED} is not evaluated")
        if counting or (len(exprs) == 1 and name not in ("sqrt", "Abs")):
            self.require(function_needs(build, *exprs))
        if name == "sqrt":
            expr = self.checked_power(node, exprs[0], sympy.Rational(1, 2))
            self.require(power_needs(exprs[0], sympy.Rational(1, 2)))
            if isinstance(node.args[0], ast.Name | ast.Constant):
                return Built(expr, f"√{args[0].text}", Precedence.ROOT)
            return Built(expr, f"√({args[0].text})", Precedence.ROOT)
        expr = make(build, *exprs, inert=name == "exp" and log_power_risk(exprs[0]))
        if name == "Abs":
            return Built(expr, f"|{args[0].text}|")
        if name == "KroneckerDelta":
            return Built(expr, f"δ({args[0].text},{args[1].text})")
        return Built(expr, f"{name}({', '.join(a.text for a in args)})")

    def body_needs(self, name: str, args: list[sympy.Expr]) -> list[Requirement]:
        """What the body of a declared function needs, at these arguments: its parameters
        replaced by them (not where a parameter is a variable its body binds)."""
        params, needs = self.scope.function_needs.get(name, ((), ()))
        found = []
        for need in needs:
            bound = {b.index if isinstance(b, Range) else b.var for b in need.binders}
            values = {p: a for p, a in zip(params, args, strict=True) if p not in bound}
            found.append(need.mapped(_putting(values)))
        return found


def _putting(values: dict[sympy.Symbol, sympy.Expr]) -> Callable[[sympy.Basic], sympy.Basic]:
    return lambda expr: put(expr, values)
