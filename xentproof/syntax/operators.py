"""The operators: chains of + − and of · /, powers, signs, comparisons and the logic of
conditions. Each reads its operands through the walk that met it (``TreeWalk``)."""

from __future__ import annotations

import ast
import operator
from collections.abc import Sequence

import sympy

from ..definedness import all_of, negation, power_needs, quotient_needs
from .bounds import make
from .display import SUPERSCRIPT, Precedence
from .source import chain_family
from .tree import Built, TreeWalk, left, paren, right
from .vocabulary import COMPARISONS, OPERATOR_TEXT


def binary(walk: TreeWalk, node: ast.BinOp) -> Built:
    op = node.op
    if isinstance(op, ast.Pow):
        return power(walk, node)
    if isinstance(op, ast.BitXor):
        raise walk.fail(node, "'^' is not a power in this syntax: write '**'")
    if chain_family(op) is None:
        raise walk.fail(
            node,
            f"operator '{OPERATOR_TEXT[type(op)]}' is not allowed: expected one of + - * / **",
        )
    # Flatten a left-leaning chain a + b - c + … (or a * b / c …) without recursion.
    operands: list[tuple[ast.operator, ast.expr]] = []
    first: ast.expr = node
    while isinstance(first, ast.BinOp) and chain_family(first.op) is chain_family(op):
        operands.append((first.op, first.right))
        first = first.left
    operands.reverse()
    additive = isinstance(op, ast.Add | ast.Sub)
    prec = Precedence.ADD if additive else Precedence.MUL
    head = walk.number(first)
    terms, text = [head.expr], left(head, prec).text
    for term_op, term_node in operands:
        term = walk.number(term_node)
        if isinstance(term_op, ast.Add):
            terms.append(term.expr)
            text += f" + {right(term, prec).text}"
        elif isinstance(term_op, ast.Sub):
            terms.append(make(operator.neg, term.expr))
            text += f" − {right(term, prec).text}"
        elif isinstance(term_op, ast.Mult):
            terms.append(term.expr)
            text += f"·{right(term, prec).text}"
        else:
            walk.require(quotient_needs(term.expr))
            terms.append(make(sympy.Pow, term.expr, -1))
            text += f"/{right(term, prec).text}"
    expr = make(sympy.Add if additive else sympy.Mul, *terms)
    return Built(expr, text, prec)


def power(walk: TreeWalk, node: ast.BinOp) -> Built:
    base = walk.number(node.left)
    exponent = walk.number(node.right)
    expr = walk.checked_power(node, base.expr, exponent.expr)
    walk.require(power_needs(base.expr, exponent.expr))
    shown = node.right
    if isinstance(shown, ast.UnaryOp) and isinstance(shown.op, ast.USub):
        negated, shown = "-", shown.operand
    else:
        negated = ""
    if _is_int_literal(shown):
        tail = (negated + exponent.text.lstrip("−")).translate(SUPERSCRIPT)
    elif isinstance(node.right, ast.Name | ast.Constant):
        tail = f"^{exponent.text}"
    else:
        tail = f"^({exponent.text})"
    return Built(expr, left(base, Precedence.ATOM).text + tail, Precedence.POW)


def unary(walk: TreeWalk, node: ast.UnaryOp) -> Built:
    op = node.op
    if isinstance(op, ast.Not) and not walk.constant:
        inner = walk.condition(node.operand)
        text = f"¬{left(inner, Precedence.ATOM).text}"
        return Built(make(sympy.Not, inner.expr), text, Precedence.NOT)
    if isinstance(op, ast.USub | ast.UAdd):
        inner = walk.number(node.operand)
        sign = "−" if isinstance(op, ast.USub) else "+"
        shown = left(inner, Precedence.BIG)
        if shown.text.startswith(("−", "+")):
            shown = paren(inner)  # −(−2), not −−2
        expr = make(operator.neg, inner.expr) if isinstance(op, ast.USub) else inner.expr
        return Built(expr, sign + shown.text, min(Precedence.UNARY, shown.prec))
    symbol = "not" if isinstance(op, ast.Not) else OPERATOR_TEXT[type(op)]
    raise walk.fail(node, f"operator '{symbol}' is not allowed here")


def compare(walk: TreeWalk, node: ast.Compare) -> Built:
    for op in node.ops:
        if isinstance(op, ast.Eq):
            raise walk.fail(node, "'==' is not an equation in this syntax: write Eq(a, b)")
        if isinstance(op, ast.NotEq):
            raise walk.fail(node, "'!=' is not allowed in this syntax: write Ne(a, b)")
        if type(op) not in COMPARISONS:
            raise walk.fail(node, f"'{OPERATOR_TEXT[type(op)]}' is not a comparison here")
    sides = [walk.number(n) for n in (node.left, *node.comparators)]
    relations, text = [], left(sides[0], Precedence.ADD).text
    for op, lhs, rhs in zip(node.ops, sides, sides[1:], strict=False):
        build, symbol = COMPARISONS[type(op)]
        relations.append(make(build, lhs.expr, rhs.expr))
        text += f" {symbol} {left(rhs, Precedence.ADD).text}"
    expr = relations[0] if len(relations) == 1 else make(sympy.And, *relations)
    return Built(expr, text, Precedence.COMPARE)


def boolean(walk: TreeWalk, node: ast.BoolOp) -> Built:
    conjunction = isinstance(node.op, ast.And)
    return join_conditions(conjunction, conditions_in_order(walk, node.values, conjunction))


def conditions_in_order(
    walk: TreeWalk, nodes: Sequence[ast.expr], conjunction: bool
) -> list[Built]:
    """The parts of ``a and b`` (``a or b``), read left to right: each is evaluated only
    where the parts before it leave the answer open (all true for and, all false for or),
    so what it needs is needed only there ("x > 0 and log(x) > 0" is false at x = -1)."""
    parts: list[Built] = []
    for node in nodes:
        before = [p.expr if conjunction else negation(p.expr) for p in parts]
        with walk.assuming(all_of(*before)):
            parts.append(walk.condition(node))
    return parts


def join_conditions(conjunction: bool, parts: Sequence[Built]) -> Built:
    if conjunction:
        expr = make(sympy.And, *(p.expr for p in parts))
        text = " ∧ ".join(left(p, Precedence.NOT).text for p in parts)
        return Built(expr, text, Precedence.AND)
    expr = make(sympy.Or, *(p.expr for p in parts))
    return Built(expr, " ∨ ".join(left(p, Precedence.NOT).text for p in parts), Precedence.OR)


def _is_int_literal(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int)
        and not isinstance(node.value, bool)
    )
