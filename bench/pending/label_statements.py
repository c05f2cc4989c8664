"""check_labels.py, part 4: a step between two statements (an inequality on either side,
joined by <=> or =>) at many points: each statement holds at a point where both its sides
are defined and compare as it says; ``A => B`` fails where A holds and B does not,
``A <=> B`` also where B holds and A does not. Close calls are settled at 450 digits."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from mpmath import mp, mpf

from .label_eval import Evaluator, close
from .label_model import FileModel, Point, Undefined, Unsupported, parse_text
from .label_relations import Outcome, Step, names_in, points_for, segment_reader, tolerance

COMPARISONS = ("<=", ">=", "<", ">")


def split_statement(text: str) -> tuple[str, str, str] | None:
    """``"a <= b"`` → ("a", "<=", "b"); ``"a = b"`` → ("a", "=", "b"); None otherwise."""
    depth = 0
    for k, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and char in "<>=":
            two = text[k : k + 2]
            op = two if two in ("<=", ">=", "==") else char
            if op == "==":
                raise Unsupported("== in a statement")
            return text[:k].strip(), op, text[k + len(op) :].strip()
    return None


def is_inequality_statement(text: str) -> bool:
    found = split_statement(text)
    return found is not None and found[1] != "="


def _sides(ev: Evaluator, trees: tuple[ast.expr, ast.expr]) -> tuple[Any, Any]:
    values: list[Any] = []
    for tree in trees:
        try:
            values.append(ev.eval(tree, {}))
        except Undefined as why:
            values.append(Undefined(str(why)))
        except (ZeroDivisionError, ValueError, OverflowError) as why:
            values.append(Undefined(f"{type(why).__name__}: {why}"))
    return values[0], values[1]


def _holds_once(op: str, a: Any, b: Any, tol: mpf) -> bool | None:
    if isinstance(a, Undefined) or isinstance(b, Undefined):
        return False
    if close(a, b, tol):
        return None
    return {"<": a < b, "<=": a < b, ">": a > b, ">=": a > b, "=": False}[op]


def holds(
    point: Point,
    statement: tuple[ast.expr, str, ast.expr],
    text_of: Callable[[ast.AST], str],
    tol: mpf,
) -> bool:
    left, op, right = statement
    for digits in (60, 150, 450):
        with mp.workdps(digits):
            a, b = _sides(Evaluator(point, text_of), (left, right))
            found = _holds_once(op, a, b, mpf(10) ** (10 - digits) if digits > 60 else tol)
        if found is not None:
            return found
    return op in ("<=", ">=", "=")  # equal to 450 digits


def check_statement_pair(
    model: FileModel,
    chain: dict[str, Any],
    prev: Step,
    step: Step,
    hints: list[dict[str, Any]],
    count: int,
) -> Outcome:
    out = Outcome()
    parsed = []
    for text in (prev.text, step.text):
        found = split_statement(text)
        if found is None:
            raise Unsupported("a statement step without a comparison or '='")
        parsed.append((parse_text(found[0]), found[1], parse_text(found[2])))
    first, second = parsed
    text_of = segment_reader(prev.text, step.text, model=model)
    tol = max(tolerance(prev.text), tolerance(step.text))
    used = names_in(first[0], first[2], second[0], second[2], model=model)
    for point in points_for(model, chain, hints, count):
        point.used = used
        one, two = holds(point, first, text_of, tol), holds(point, second, text_of, tol)
        if one and not two:
            out.fails.append(f"{point.describe()}: the first holds, the second does not")
        elif two and not one and step.rel == "<=>":
            out.fails.append(f"{point.describe()}: the second holds, the first does not")
        else:
            out.holds += 1
        if step.expect_false and out.fails:
            break
    return out
