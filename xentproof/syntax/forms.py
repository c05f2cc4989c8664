"""The forms with a syntax of their own: Piecewise, Sum and Product, Derivative, Limit,
Eq and Ne, And, Or and Not. Each reads its call's arguments through the walk that met it
(``TreeWalk``), so that the bound indices, the guards and the positions are the walk's.

Each form also says where its parts are evaluated, so that what they need is needed only
there: a Piecewise value where its condition selects it, a later part of And (Or) where
the earlier ones are true (false), the body of a Sum for each index in its range, the body
of a Limit near its point.
"""

from __future__ import annotations

import ast
import contextlib
from collections.abc import Callable, Mapping

import sympy

from ..definedness import Near, Range, Requirement, all_of, limit_needs, negation
from .bounds import MAX_DERIVATIVE_ORDER, make
from .display import SUPERSCRIPT, Precedence
from .operators import conditions_in_order, join_conditions
from .tree import Built, TreeWalk, left
from .vocabulary import RESERVED_NAMES


def equation(walk: TreeWalk, node: ast.Call, name: str) -> Built:
    walk.check_arity(node, name, 2, 2)
    lhs, rhs = (walk.number(a) for a in node.args)
    build, symbol = (sympy.Eq, "=") if name == "Eq" else (sympy.Ne, "≠")
    text = f"{left(lhs, Precedence.ADD).text} {symbol} {left(rhs, Precedence.ADD).text}"
    return Built(make(build, lhs.expr, rhs.expr), text, Precedence.COMPARE)


def logic(walk: TreeWalk, node: ast.Call, name: str) -> Built:
    if name == "Not":
        walk.check_arity(node, name, 1, 1)
        inner = walk.condition(node.args[0])
        text = f"¬{left(inner, Precedence.ATOM).text}"
        return Built(make(sympy.Not, inner.expr), text, Precedence.NOT)
    walk.check_arity(node, name, 2, None)
    conjunction = name == "And"
    return join_conditions(conjunction, conditions_in_order(walk, node.args, conjunction))


def piecewise(walk: TreeWalk, node: ast.Call, name: str) -> Built:
    usage = f"'{name}' expects {name}((value, condition), ..., (value, True))"
    if not node.args:
        raise walk.fail(node, usage)
    pieces, texts = [], []
    failed: list[object] = []  # the negations of the conditions read so far
    for k, arg in enumerate(node.args):
        if not (isinstance(arg, ast.Tuple) and len(arg.elts) == 2):
            raise walk.fail(arg, usage)
        value_node, cond_node = arg.elts
        reached = all_of(*failed)
        if isinstance(cond_node, ast.Constant) and isinstance(cond_node.value, bool):
            # The Python constants True/False are allowed here and nowhere else.
            if cond_node.value and k != len(node.args) - 1:
                raise walk.fail(cond_node, "'True' is allowed only as the last condition")
            cond = sympy.true if cond_node.value else sympy.false
            shown = "otherwise" if cond_node.value else "if false"
        else:
            # A condition is evaluated only where the ones before it failed.
            with walk.assuming(reached):
                built = walk.condition(cond_node)
            cond, shown = built.expr, f"if {built.text}"
        # The value is evaluated only where its condition selects it.
        with walk.assuming(all_of(reached, cond)):
            value = walk.number(value_node)
        texts.append(f"{value.text} {shown}")
        pieces.append((value.expr, cond))
        failed.append(negation(cond))
    built = make(sympy.Piecewise, *pieces)
    if pieces[-1][1] is not sympy.true:
        # No branch is selected where every condition fails: there the Piecewise has no
        # value (0 ≠ 0 is needed, i.e. such a point must not exist).
        walk.require([Requirement(sympy.Integer(0), "nonzero", built, all_of(*failed))])
    return Built(built, "{" + "; ".join(texts) + "}")


def big_operator(walk: TreeWalk, node: ast.Call, name: str) -> Built:
    usage = f"'{name}' expects {name}(expr, (i, lower, upper))"
    if len(node.args) < 2:
        raise walk.fail(node, usage)
    indices: list[str] = []
    ranges: list[tuple[ast.expr, ast.expr]] = []
    for arg in node.args[1:]:
        if not (isinstance(arg, ast.Tuple) and len(arg.elts) == 3):
            raise walk.fail(arg, usage)
        index_node, lower, upper = arg.elts
        if not isinstance(index_node, ast.Name):
            raise walk.fail(index_node, f"{usage}: the index must be a plain name")
        index = index_node.id
        taken = RESERVED_NAMES | set(walk.scope.families) | set(walk.scope.functions)
        if index in taken:
            raise walk.fail(index_node, f"'{index}' cannot be an index: it names something else")
        if index in indices:
            raise walk.fail(index_node, f"index '{index}' is used twice in one {name}")
        indices.append(index)
        ranges.append((lower, upper))
    symbols = {index: sympy.Symbol(index, integer=True) for index in indices}
    # SymPy reads the limits innermost first: in Sum(f, (i, 1, j), (j, 1, N)) the sum over
    # i is inside the sum over j. So the bounds of a limit see the indices of LATER limits
    # (bound there); an earlier index in a later bound would be a different, free symbol.
    bounds: list[tuple[Built, Built]] = []
    for k, (lower, upper) in enumerate(ranges):
        with walk.binding({index: symbols[index] for index in indices[k + 1 :]}):
            bounds.append((walk.number(lower), walk.number(upper)))
    limits = [(symbols[i], lo.expr, hi.expr) for i, (lo, hi) in zip(indices, bounds, strict=True)]
    with contextlib.ExitStack() as stack:
        stack.enter_context(walk.binding(symbols))
        for index, lo, hi in reversed(limits):  # SymPy's last range is the outermost
            stack.enter_context(walk.quantified(Range(index, lo, hi)))
        body = walk.number(node.args[0])
    build, sign = (sympy.Sum, "Σ") if name == "Sum" else (sympy.Product, "∏")
    shown = left(body, Precedence.BIG)
    text = shown.text
    for index, (lo, hi) in zip(indices, bounds, strict=True):
        text = f"{sign}[{walk.shown(index)}={lo.text}..{hi.text}] {text}"  # outermost first
    return Built(make(build, body.expr, *limits), text, min(Precedence.BIG, shown.prec))


def _variable(walk: TreeWalk, node: ast.expr, form: str) -> tuple[sympy.Symbol, str]:
    """The declared symbol that Derivative or Limit works on, and its display."""
    if not isinstance(node, ast.Name):
        raise walk.fail(node, f"the variable of '{form}' must be a declared symbol")
    if node.id in walk.bound or node.id not in walk.scope.symbols:
        raise walk.fail(
            node, f"the variable of '{form}' must be a declared symbol; '{node.id}' is not"
        )
    return walk.scope.symbols[node.id], walk.shown(node.id)


def _derivative_variable(
    walk: TreeWalk, node: ast.expr, form: str
) -> tuple[sympy.Symbol | sympy.Indexed, str]:
    """A declared symbol, or one member of a declared family (``z[k]``: every other member
    is held constant, docs/semantics.md §6)."""
    target = node.value if isinstance(node, ast.Subscript) else None
    family = target.id if isinstance(target, ast.Name) else None
    if family is not None and family in walk.scope.families and family not in walk.bound:
        member = walk.number(node)
        assert isinstance(member.expr, sympy.Indexed)
        return member.expr, member.text
    return _variable(walk, node, form)


def derivative(walk: TreeWalk, node: ast.Call, name: str) -> Built:
    usage = f"'{name}' expects {name}(expr, x) or {name}(expr, x, n)"
    if len(node.args) not in (2, 3):
        raise walk.fail(node, usage)
    body = walk.number(node.args[0])
    var, var_text = _derivative_variable(walk, node.args[1], name)
    order = 1
    if len(node.args) == 3:
        order_node = node.args[2]
        if (
            not isinstance(order_node, ast.Constant)
            or type(order_node.value) is not int
            or not 1 <= order_node.value <= MAX_DERIVATIVE_ORDER
        ):
            raise walk.fail(
                order_node, f"the order must be a whole number from 1 to {MAX_DERIVATIVE_ORDER}"
            )
        order = order_node.value
    expr = make(sympy.Derivative, body.expr, (var, order))
    sup = str(order).translate(SUPERSCRIPT) if order > 1 else ""
    text = f"d{sup}/d{var_text}{sup} {left(body, Precedence.ATOM).text}"
    return Built(expr, text, Precedence.BIG)


def limit(walk: TreeWalk, node: ast.Call, name: str) -> Built:
    usage = f"'{name}' expects {name}(expr, x, point) or {name}(expr, x, point, '+'|'-'|'+-')"
    if len(node.args) not in (3, 4):
        raise walk.fail(node, usage)
    var, var_text = _variable(walk, node.args[1], name)
    point = walk.number(node.args[2])
    # No direction written means the two-sided limit, which is what "lim[x→a]" shows;
    # SymPy's own default would be the one-sided limit from the right.
    direction = "+-"
    if len(node.args) == 4:
        dir_node = node.args[3]
        if not (isinstance(dir_node, ast.Constant) and dir_node.value in ("+", "-", "+-")):
            raise walk.fail(dir_node, usage)
        direction = str(dir_node.value)
    # The body needs to be defined near the point, not at it (x/x → 1 as x → 0).
    with walk.quantified(Near(var, point.expr, direction)):
        body = walk.number(node.args[0])
    infinite = point.expr in (sympy.oo, -sympy.oo)
    # At ±oo only one side exists; SymPy picks it.
    expr = make(sympy.Limit, body.expr, var, point.expr, "+" if infinite else direction)
    # A limit SymPy folds away (0*Limit(1/x, x, 0) is built as 0) must still be a number.
    walk.require(limit_needs(expr))
    mark = "" if infinite else {"+": "⁺", "-": "⁻", "+-": ""}[direction]
    shown = left(body, Precedence.BIG)
    text = f"lim[{var_text}→{point.text}{mark}] {shown.text}"
    return Built(expr, text, min(Precedence.BIG, shown.prec))


SpecialForm = Callable[[TreeWalk, ast.Call, str], Built]
"""Reads one form, given the walk that met it, the call and the form's name."""

SPECIAL_FORMS: Mapping[str, SpecialForm] = {
    "Piecewise": piecewise,
    "Sum": big_operator,
    "Product": big_operator,
    "Derivative": derivative,
    "Limit": limit,
    "Eq": equation,
    "Ne": equation,
    "And": logic,
    "Or": logic,
    "Not": logic,
}
"""Every name in ``vocabulary.SPECIAL_FORM_NAMES``, with the function that reads its form."""
