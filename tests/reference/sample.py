"""Points inside the declared domains, and the two checks built on them.

``sample_points`` draws, for every free symbol, its domain's edges (both ends, just inside
an open end, at 1e-30, 1e-10 and 1e-3 from it), its middle, far-out values (1e3, 1e6, 1e30),
small integers (including the bounds that make a range empty), the numbers written in the
relation and their neighbours, multiples of pi/4 when trigonometry is about, the roots of an
equation of ``<=>``/``=>`` in one unknown when they are easy to find (``roots.py``), and
seeded random values; family members are drawn from their family's domain as they are
needed.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction

from .domains import Declarations, Domain
from .evaluate import Evaluator, MemberKey, MemberSource, MissingValue
from .numbers import Undecidable, Undefined, Unsupported
from .parse import parse_expression
from .relations import Outcome, Relation, evaluate_relation
from .roots import equation_roots
from .tree import (
    Apply,
    Big,
    BinOp,
    Call,
    Const,
    Derivative,
    Limit,
    Member,
    Name,
    Node,
    Num,
    children,
    to_text,
    walk,
)

MIN_POINTS = 200
_TRIG = ("sin", "cos", "tan")
_STEPS = (Fraction(1, 10**30), Fraction(1, 10**10), Fraction(1, 1000), Fraction(1, 10))
_FAR = (Fraction(1, 2), 1, 2, 3, 10, 1000, 10**6, 10**30)
_REALS = (0, 1, -1, Fraction(1, 2), -Fraction(1, 2), 2, -2, 3, -3, Fraction(1, 3), -Fraction(7, 5))
_REALS_FAR = (10, -10, 1000, -1000, 10**6, -(10**6), 10**30, -(10**30))
_TINY = (Fraction(1, 10**30), -Fraction(1, 10**30), Fraction(1, 10**8), -Fraction(1, 10**8))


def _sides(relation: Relation) -> list[Node]:
    """The relation's sides, and those of the file's constraints (a point needs their
    values too, to lie in the constrained set)."""
    found: list[Node] = []
    for side in (relation.lhs, relation.rhs):
        found.extend(side if isinstance(side, tuple) else (side,))
    for _, _, left, right in relation.decl.constraints:
        found += [left, right]
    return found


def free_names(relation: Relation) -> list[str]:
    """The declared symbols and free family indices the relation depends on (in order)."""
    decl = relation.decl
    known = set(decl.symbols) | decl.index_names
    found: dict[str, None] = {}
    seen_functions: set[str] = set()

    def visit(node: Node, bound: frozenset[str]) -> None:
        if isinstance(node, Name):
            if node.name not in bound and node.name in known:
                found.setdefault(node.name)
            return
        if isinstance(node, Big):
            inner = bound
            for index, lo, hi in reversed(node.ranges):
                visit(lo, inner)
                visit(hi, inner)
                inner = inner | {index}
            visit(node.body, inner)
            return
        if isinstance(node, Limit):
            visit(node.point, bound)
            visit(node.body, bound | {node.var})
            return
        if isinstance(node, Derivative) and node.var in known:
            found.setdefault(node.var)
        if isinstance(node, Derivative) and isinstance(node.var, Member):
            for position in node.var.indices:  # Derivative(f, z[k]): k is free too
                visit(position, bound)
        if (
            isinstance(node, Call)
            and node.func in decl.functions
            and node.func not in seen_functions
        ):
            seen_functions.add(node.func)
            params, body = decl.functions[node.func]
            visit(body, frozenset(params))
        for child in children(node):
            visit(child, bound)

    for side in _sides(relation):
        visit(side, frozenset())
    # the bound of a range or of a constrained family the relation uses: the point needs it
    families = {m.family for side in _sides(relation) for m in walk(side) if isinstance(m, Member)}
    for name in [*found, *families]:
        domain = decl.families[name][0] if name in families else decl.domain_of(name)
        if domain.bound is not None and domain.bound in decl.symbols:
            found.setdefault(domain.bound)
    return list(found)


def _written_numbers(relation: Relation) -> list[Fraction]:
    nodes = [n for side in _sides(relation) for n in walk(side)]
    for params_body in relation.decl.functions.values():
        nodes.extend(walk(params_body[1]))
    numbers = {abs(n.value) for n in nodes if isinstance(n, Num)}
    found: set[Fraction] = set()
    for q in numbers:
        if q > 10**6:
            continue
        found.update({q, -q, q + 1, q - 1, -q - 1, -q + 1, q + Fraction(1, 2), q - Fraction(1, 2)})
        if q:
            found.update({1 / q, -1 / q})
    return sorted(found)


def _uses_trig(relation: Relation) -> bool:
    nodes = [n for side in _sides(relation) for n in walk(side)]
    for params_body in relation.decl.functions.values():
        nodes.extend(walk(params_body[1]))
    return any(isinstance(n, Apply) and n.func in _TRIG for n in nodes)


def _bound_symbols(relation: Relation) -> set[str]:
    """Symbols written in the bounds of a Sum or Product (kept small: they set its length)."""
    names: set[str] = set()
    for side in _sides(relation):
        for node in walk(side):
            if isinstance(node, Big):
                for _, lo, hi in node.ranges:
                    names.update(m.name for m in walk(lo) + walk(hi) if isinstance(m, Name))
    return names


def _interval_candidates(domain: Domain, extra: list[Node]) -> list[Node]:
    lo, hi = domain.lo, domain.hi
    found: list[Node] = []
    if lo is not None and hi is not None:
        width = BinOp("-", hi, lo)
        for t in (*_STEPS, Fraction(1, 4), Fraction(1, 2), Fraction(3, 4)):
            found.append(BinOp("+", lo, BinOp("*", Num(t), width)))
            found.append(BinOp("-", hi, BinOp("*", Num(t), width)))
    elif lo is not None:
        found.extend(BinOp("+", lo, Num(Fraction(t))) for t in (*_STEPS, *_FAR))
    elif hi is not None:
        found.extend(BinOp("-", hi, Num(Fraction(t))) for t in (*_STEPS, *_FAR))
    else:
        found.extend(Num(Fraction(t)) for t in (*_REALS, *_REALS_FAR, *_TINY))
    if lo is not None and not domain.lo_open:
        found.append(lo)
    if hi is not None and not domain.hi_open:
        found.append(hi)
    return found + extra


def _integer_candidates(small: bool) -> list[int]:
    """Small integers first; a symbol that bounds a range runs up to 220 (so that a relation in
    it alone still has 200 points), any other also far out."""
    if small:
        return list(range(-6, 221))
    return [*range(-60, 260), 1000, -1000, 10**6, 10**12 + 1]


def candidates(relation: Relation, name: str, rng: random.Random) -> list[Node]:
    decl = relation.decl
    if name in decl.where:
        return [decl.where[name]]
    domain = decl.domain_of(name)
    if domain.values is not None:
        return list(domain.values)
    written = _written_numbers(relation)
    if domain.integer:
        bound = name in _bound_symbols(relation)
        if bound and _uses_members(relation) and _nested(relation):
            # Members drawn anew at every point make points enough; the length of a double
            # sum grows as the square of its bound.
            values = list(range(-3, 30))
        else:
            values = _integer_candidates(bound)
        values += [int(q) for q in written if q.denominator == 1 and abs(q) < 10**6]
        found: list[Node] = [Num(Fraction(v)) for v in sorted(set(values))]
        found += equation_roots(relation, name)
    else:
        extra: list[Node] = [*equation_roots(relation, name), *(Num(q) for q in written)]
        if _uses_trig(relation):
            extra += [BinOp("*", Num(Fraction(k, 4)), Const("pi")) for k in range(-8, 9)]
        extra += [Num(Fraction(rng.randint(-5000, 5000), 1000)) for _ in range(6)]
        found = _interval_candidates(domain, extra)
    return _inside(relation, domain, found)


def _inside(relation: Relation, domain: Domain, nodes: list[Node]) -> list[Node]:
    ev = Evaluator(relation.decl, {})
    kept, seen = [], []
    for node in nodes:
        try:
            value = ev.real(node, {})
            if not ev.contains(domain, value):
                continue
        except (Undefined, Undecidable):
            continue
        key = float(value.hi)
        if value.exact is not None and value.exact in seen:
            continue
        seen.append(value.exact if value.exact is not None else key)
        kept.append(node)
    return kept


def random_value(domain: Domain, rng: random.Random) -> Node:
    """A seeded random value of an interval domain, spread across scales."""
    mantissa = Fraction(rng.randint(1000, 9999), 1000)
    scale = Fraction(10) ** rng.randint(-6, 6)
    lo, hi = domain.lo, domain.hi
    if lo is not None and hi is not None:
        return BinOp(
            "+", lo, BinOp("*", Num(Fraction(rng.randint(1, 9999), 10000)), BinOp("-", hi, lo))
        )
    if lo is not None:
        return BinOp("+", lo, Num(mantissa * scale))
    if hi is not None:
        return BinOp("-", hi, Num(mantissa * scale))
    return Num(rng.choice((1, -1)) * mantissa * scale)


def member_source(
    decl: Declarations, seed: int, point: Mapping[str, Node] | None = None
) -> MemberSource:
    """Draws each family member from its family's domain, reproducibly; the members of a
    one-hot or simplex family as one label / probability vector per row, whose size is
    the bound's value at ``point`` (a member outside 1..C has no value); a third of the
    probability vectors are uniform (the equality case of Gibbs' inequality and of
    entropy <= log K)."""
    pools: dict[str, list[Node]] = {}
    rows: dict[tuple[str, tuple[int, ...]], Callable[[int], Node]] = {}

    def pool_of(family: str) -> list[Node]:
        if family not in pools:
            domain = decl.families[family][0]
            stand_in = Relation("=", Num(Fraction(0)), Num(Fraction(0)), decl)
            if domain.values is not None:
                pools[family] = list(domain.values)
            elif domain.integer:
                pools[family] = _inside(stand_in, domain, [Num(Fraction(v)) for v in range(-3, 6)])
            else:
                pools[family] = _inside(stand_in, domain, _interval_candidates(domain, []))
        return pools[family]

    def joint(family: str, indices: tuple[int, ...]) -> Node:
        domain = decl.families[family][0]
        assert domain.bound is not None
        size_node = None if domain.bound.isdigit() else (point or {}).get(domain.bound)
        if domain.bound.isdigit():
            size = int(domain.bound)
        elif size_node is not None and isinstance(size_node, Num):
            size = int(size_node.value)
        else:
            raise Unsupported(f"no value of {domain.bound}, the size of {family}")
        if not 1 <= indices[-1] <= size:
            raise Unsupported(f"{family}{list(indices)} does not exist: outside 1..{size}")
        key = (family, indices[:-1])
        if key not in rows:
            rng = random.Random(f"{seed}:{family}:{indices[:-1]}:{size}")
            rows[key] = _joint_row(domain.joint, size, rng)
        return rows[key](indices[-1])

    def draw(family: str, indices: tuple[int, ...]) -> Node:
        if decl.families[family][0].joint is not None:
            return joint(family, indices)
        rng = random.Random(f"{seed}:{family}:{indices}")
        return rng.choice(pool_of(family))

    return draw


DRAWN_WEIGHTS = 10_000  # members of a joint family given a weight of their own; the rest 1


def _joint_row(joint: str | None, size: int, rng: random.Random) -> Callable[[int], Node]:
    """Member j (1..size) of one drawn row of a one-hot or simplex family, computed on
    demand: a size drawn at 10^30 is never written out member by member."""
    if joint == "one-hot":
        marked = rng.randint(1, size)
        return lambda j: Num(Fraction(int(j == marked)))
    if rng.random() < 1 / 3:  # the uniform vector: where equality cases lie
        return lambda j: Num(Fraction(1, size))
    drawn = [rng.choice((1, 2, 3, 7, 100)) for _ in range(min(size, DRAWN_WEIGHTS))]
    total = sum(drawn) + max(0, size - DRAWN_WEIGHTS)
    return lambda j: Num(Fraction(drawn[j - 1] if j <= len(drawn) else 1, total))


def sample_points(
    relation: Relation, seed: int = 0, count: int = MIN_POINTS + 50
) -> Iterator[dict[str, Node]]:
    """About ``count`` points, at least ``MIN_POINTS`` (fewer only when the domains have
    fewer): every listed value of every symbol, then random ones."""
    rng = random.Random(seed)
    names = free_names(relation)
    lists = [candidates(relation, name, rng) for name in names]
    total = 1
    for values in lists:
        total *= len(values)
    if total <= 2 * MIN_POINTS:
        combos = [dict(zip(names, c, strict=True)) for c in itertools.product(*lists)]
        yield from combos
        if _continuous(relation, names):
            yield from _random_points(relation, names, lists, rng, count - total)
        elif _uses_members(relation):  # the same values, other members drawn
            for k in range(count - total):
                yield dict(combos[k % len(combos)])
        return
    produced = 0
    for k, values in enumerate(lists):  # every value of every symbol at least once
        for value in values:
            point = {name: rng.choice(options) for name, options in zip(names, lists, strict=True)}
            point[names[k]] = value
            produced += 1
            yield point
    while produced < count:
        produced += 1
        yield {name: rng.choice(options) for name, options in zip(names, lists, strict=True)}


def _continuous(relation: Relation, names: list[str]) -> list[int]:
    """The positions of the names whose domains are intervals of reals (not fixed by where)."""
    decl = relation.decl
    return [
        k
        for k, name in enumerate(names)
        if name not in decl.where and decl.domain_of(name).is_real_interval
    ]


def _nested(relation: Relation) -> bool:
    """Whether a Sum or Product runs inside another (or over several ranges)."""
    for side in _sides(relation):
        for node in walk(side):
            if isinstance(node, Big) and (
                len(node.ranges) > 1 or any(isinstance(m, Big) for m in walk(node.body))
            ):
                return True
    return False


def _uses_members(relation: Relation) -> bool:
    return any(isinstance(n, Member) for side in _sides(relation) for n in walk(side))


def _random_points(
    relation: Relation, names: list[str], lists: list[list[Node]], rng: random.Random, count: int
) -> Iterator[dict[str, Node]]:
    """Points with random values of the continuous symbols (the others from their lists)."""
    decl = relation.decl
    continuous = [
        k
        for k, name in enumerate(names)
        if name not in decl.where
        and decl.domain_of(name).values is None
        and not decl.domain_of(name).integer
    ]
    if not continuous:
        return
    made = 0
    while made < count:
        point = {name: rng.choice(options) for name, options in zip(names, lists, strict=True)}
        for k in continuous:
            domain = decl.domain_of(names[k])
            value = random_value(domain, rng)
            if _inside(relation, domain, [value]):
                point[names[k]] = value
        made += 1
        yield point


def is_exhaustive(relation: Relation) -> bool:
    """Whether ``sample_points`` visits every point of the domains (finite sets only)."""
    names = free_names(relation)
    if _uses_members(relation):
        return False
    return all(
        relation.decl.where.get(name) is not None
        or relation.decl.domain_of(name).values is not None
        for name in names
    )


@dataclass(frozen=True)
class TrueCheck:
    """The outcome of checking a relation labelled true at sampled points."""

    points: int
    failures: list[tuple[dict[str, str], Outcome]]
    undecided: int
    exhaustive: bool


def check_true(relation: Relation, seed: int = 0, limit: int = 500) -> TrueCheck:
    """Evaluate at sampled points until ``MIN_POINTS`` are decided (or ``limit`` are tried):
    every decided point inside the domains must hold. Undecided points are counted."""
    failures: list[tuple[dict[str, str], Outcome]] = []
    points = undecided = 0
    for k, point in enumerate(sample_points(relation, seed, limit)):
        if k >= limit or (points >= MIN_POINTS and not failures and k >= MIN_POINTS + 50):
            break
        source = member_source(relation.decl, seed + k, point)
        outcome = evaluate_relation(relation, point, {}, source)
        if outcome.holds is None:
            undecided += 1
            continue
        if relation.decl.constraints and not outcome.inside:
            continue  # outside the constrained set: rejected, not a point of the check
        points += 1
        if not outcome.holds and outcome.inside:
            failures.append(({n: _text(v) for n, v in point.items()}, outcome))
    return TrueCheck(points, failures, undecided, is_exhaustive(relation))


def _text(node: Node) -> str:
    return to_text(node)


@dataclass(frozen=True)
class Confirmation:
    confirmed: bool
    reason: str
    outcome: Outcome | None = None


def parse_point(
    relation: Relation, point: Mapping[str, str]
) -> tuple[dict[str, Node], dict[MemberKey, Node]]:
    """A point as the checker shows it (``{"x": "1/2", "y[1]": "0"}``) → values and members."""
    values: dict[str, Node] = {}
    members: dict[MemberKey, Node] = {}
    for key, text in point.items():
        value = parse_expression(text.split(" (")[0])
        if "[" in key and key.endswith("]"):
            family, inside = key[:-1].split("[", 1)
            members[(family, tuple(int(i) for i in inside.split(",")))] = value
        else:
            values[key] = value
    return values, members


def check_counterexample(relation: Relation, point: Mapping[str, str]) -> Confirmation:
    """Confirm a claimed counterexample: a point inside the domains where the relation does
    not hold (it fails, or a side is undefined there; for ``<=>``/``=>``, one equation holds
    and the other does not). Symbols the point leaves out are tried at several values, and
    the point is confirmed only if the relation fails at all of them."""
    try:
        values, members = parse_point(relation, point)
    except (ValueError, SyntaxError) as error:
        return Confirmation(False, f"cannot read the point: {error}")
    names = [n for n in free_names(relation) if n not in values and n not in relation.decl.where]
    values = {
        k: v
        for k, v in values.items()
        if k in relation.decl.symbols or k in relation.decl.index_names
    }
    rng = random.Random(0)
    fills: list[dict[str, Node]] = [{}]
    if names:
        lists = [candidates(relation, name, rng) for name in names]
        fills = [{n: rng.choice(c) for n, c in zip(names, lists, strict=True)} for _ in range(8)]
    last: Outcome | None = None
    for k, fill in enumerate(fills):
        try:
            at = {**values, **fill}
            source = member_source(relation.decl, 1000 + k, at)
            outcome = evaluate_relation(relation, at, dict(members), source)
        except MissingValue as error:
            return Confirmation(False, f"the point gives no value to {error}")
        except Unsupported as error:
            return Confirmation(False, f"not evaluated: {error}")
        last = outcome
        if not outcome.inside:
            return Confirmation(False, "the point lies outside the declared domains", outcome)
        if outcome.holds is None:
            return Confirmation(False, f"not decided: {outcome.reason}", outcome)
        if outcome.holds:
            return Confirmation(False, "the relation holds at this point", outcome)
    extra = f" (at every value tried for {', '.join(names)})" if names else ""
    return Confirmation(True, "the relation does not hold here" + extra, last)
