"""check_labels.py, part 3: one relation at many points: expression pairs by their values,
equation pairs by their solutions in one unknown."""

from __future__ import annotations

import ast
import itertools
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import mpmath
from mpmath import mp, mpf

from .label_eval import Evaluator, close, sample_domain
from .label_model import (
    Domain,
    FileModel,
    Point,
    Undefined,
    Unsupported,
    fmt,
    parse_domain,
    parse_text,
)

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
                    rel, text = r, text[len(r) :].strip()
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


def make_point(
    model: FileModel, where: dict[str, str], assume: dict[str, str], rng: random.Random, k: int
) -> Point:
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
                    point.values[name] = sample_domain(
                        ev, domains[name], rng, (k + 5 * position) % 40 if k < 40 else k
                    )
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


def points_for(
    model: FileModel, chain: dict[str, Any], hints: list[dict[str, Any]], count: int
) -> Iterator[Point]:
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


def evaluate_sides(
    point: Point, trees: tuple[ast.expr, ast.expr], text_of: Callable[[ast.AST], str]
) -> list[Any]:
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


def check_expression_pair(
    model: FileModel,
    chain: dict[str, Any],
    prev: Step,
    step: Step,
    hints: list[dict[str, Any]],
    count: int,
) -> Outcome:
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
            out.fails.append(
                f"{point.describe()}: lhs = {fmt(a)}, rhs = {fmt(b)} "
                "(equal to 450 digits: the strict relation fails)"
            )
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


def equal_at_high_precision(
    point: Point, left: ast.expr, right: ast.expr, text_of: Callable[[ast.AST], str]
) -> bool:
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
            got = (
                point.members.get((m.group(1), tuple(int(i) for i in m.group(2).split(","))))
                if m
                else point.values.get(key)
            )
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


def equation_roots(
    ev: Evaluator, lhs: ast.expr, rhs: ast.expr, unknown: str, grid: list[mpf]
) -> list[mpf]:
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
    for k, ((t0, v0), (t1, v1)) in enumerate(itertools.pairwise(values)):
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
    if (
        len(values) > 1
        and values[-1][1] == 0
        and values[-2][1] is not None
        and abs(values[-2][1]) > noise
    ):
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
        return [
            mpf(i)
            for i in range(first, last + 1)
            if not (dom.lo_open and i == lo) and not (dom.hi_open and i == hi)
        ]
    n = 800
    if lo == -mpmath.inf and hi == mpmath.inf:
        return [mpmath.sinh(mpf(-12) + 24 * mpf(i) / n) for i in range(n + 1)]
    if hi == mpmath.inf:
        return [lo + mpmath.exp(mpf(-25) + 35 * mpf(i) / n) for i in range(n + 1)]
    if lo == -mpmath.inf:
        return [hi - mpmath.exp(mpf(10) - 35 * mpf(i) / n) for i in range(n + 1)]
    return [lo + (hi - lo) * (mpf(i) + mpf(1) / 7) / (n + 1) for i in range(n + 1)]


def check_equation_pair(
    model: FileModel,
    chain: dict[str, Any],
    prev: Step,
    step: Step,
    unknown: str,
    hints: list[dict[str, Any]],
    count: int,
) -> Outcome:
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


def grid_disagreements(
    ev: Evaluator,
    t1: tuple[ast.expr, ast.expr],
    t2: tuple[ast.expr, ast.expr],
    unknown: str,
    grid: list[mpf],
    both_ways: bool,
) -> list[mpf]:
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
