"""What every part of the walk over an expression's syntax tree shares: the part as built
(its SymPy object and its display), the walk's state (the scope, the bound indices, the
requirements collected so far, and the condition and quantifiers the part being read sits
under) and the steps every node takes (build, then check it is a number or a condition).
The node types themselves are read by ``reader.ExpressionReader`` (leaves and calls),
``operators`` and ``forms``.
"""

from __future__ import annotations

import abc
import ast
import contextlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import sympy
from sympy.logic.boolalg import Boolean

from ..definedness import Binder, Requirement, all_of, holds_for_number
from ..errors import ExpressionError
from .bounds import checked_power
from .display import Precedence, display_name
from .scope import Scope
from .source import SourceText
from .vocabulary import SYMPY_ERRORS, plural


@dataclass(frozen=True)
class Built:
    """A part of the expression as built. ``prec`` is the loosest binding visible at its top
    level: "−a·b" (a prefix that swallows a product) reports the product's level."""

    expr: Any  # a sympy.Basic; SymPy has no type hints, so this is Any either way
    text: str
    prec: int = Precedence.ATOM


def paren(b: Built) -> Built:
    return Built(b.expr, f"({b.text})", Precedence.ATOM)


def left(b: Built, need: int) -> Built:
    """``b`` as the left operand of an operator that needs at least ``need``."""
    return paren(b) if b.prec < need else b


def right(b: Built, need: int) -> Built:
    """``b`` as a right operand: operators are left-associative, and "a·−b" reads badly."""
    return paren(b) if b.prec <= need or b.text.startswith(("−", "+")) else b


class TreeWalk(abc.ABC):
    """One walk over one expression's tree, building the SymPy object and the display."""

    def __init__(self, source: SourceText, scope: Scope, *, constant: bool = False) -> None:
        self.source = source
        self.scope = scope
        self.constant = constant  # a closed constant: no symbols, no conditions
        self.bound: dict[str, sympy.Symbol] = {}  # Sum/Product indices in force
        # What each written operation needs to be defined (see Parsed.guards), in the order
        # met; each placed under the condition (``when``) and the quantifiers (``binders``)
        # of where it is written: a Piecewise value only where its condition selects it,
        # the body of a sum for every index in its range, that of a limit near its point.
        self.guards: dict[Requirement, None] = {}
        self.when: Any = sympy.true
        self.binders: tuple[Binder, ...] = ()

    @abc.abstractmethod
    def dispatch(self, node: ast.expr) -> Built:
        """Build one node, by its type."""

    def fail(self, node: ast.AST, message: str) -> ExpressionError:
        return ExpressionError(message, column=self.source.column(node))

    def build(self, node: ast.expr) -> Built:
        try:
            return self.dispatch(node)
        except SYMPY_ERRORS as exc:
            detail = str(exc)[:200] or type(exc).__name__
            raise self.fail(node, f"cannot build '{self.source.segment(node)}': {detail}") from None

    def require(self, needs: Iterable[Requirement]) -> None:
        """Record what a written operation needs, from its parts as built (before SymPy
        evaluates the operation itself), where it is written."""
        for need in needs:
            if need.expr.is_number and holds_for_number(need.expr, need.kind) is True:
                continue  # 1/2 needs nothing worth saying
            placed = need.placed(self.when, self.binders)
            if placed is not None:
                self.guards.setdefault(placed, None)

    @contextlib.contextmanager
    def assuming(self, holds: Any) -> Iterator[None]:
        """Read a part that is evaluated only where ``holds`` (a built condition) does."""
        saved = self.when
        self.when = sympy.false if holds is sympy.false else all_of(saved, holds)
        try:
            yield
        finally:
            self.when = saved

    @contextlib.contextmanager
    def quantified(self, binder: Binder) -> Iterator[None]:
        """Read a part whose requirements hold for every value ``binder`` ranges over."""
        saved = self.binders
        self.binders = (*saved, binder)
        try:
            yield
        finally:
            self.binders = saved

    def number(self, node: ast.expr) -> Built:
        built = self.build(node)
        if not isinstance(built.expr, sympy.Expr):
            raise self.fail(node, f"expected a number here, got the condition '{built.text}'")
        return built

    def condition(self, node: ast.expr) -> Built:
        built = self.build(node)
        # A SymPy Symbol is a Boolean too (for propositional logic); here it is a number.
        if not isinstance(built.expr, Boolean) or isinstance(built.expr, sympy.Expr):
            raise self.fail(
                node,
                f"expected a condition (a comparison, Eq, Ne, And, Or, Not), got '{built.text}'",
            )
        return built

    @contextlib.contextmanager
    def binding(self, names: Mapping[str, sympy.Symbol]) -> Iterator[None]:
        """Bind Sum/Product indices for the duration of the block, shadowing other meanings."""
        saved = self.bound
        self.bound = {**saved, **names}
        try:
            yield
        finally:
            self.bound = saved

    def shown(self, name: str) -> str:
        return self.scope.display.get(name) or display_name(name)

    def check_arity(self, node: ast.Call, name: str, least: int, most: int | None) -> None:
        got = len(node.args)
        if least <= got and (most is None or got <= most):
            return
        wanted = f"{least} {plural(least, 'argument')}"
        if most is None:
            wanted = "at least " + wanted
        raise self.fail(node, f"function '{name}' takes {wanted}, got {got}")

    def checked_power(self, node: ast.AST, base: Any, exponent: Any) -> Any:
        """``base ** exponent``, refused (at ``node``) when it would be a huge exact number."""
        try:
            return checked_power(base, exponent)
        except ExpressionError as error:
            raise self.fail(node, error.message) from None
