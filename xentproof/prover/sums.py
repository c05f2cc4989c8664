"""Sums and products over a symbolic range: the stages of the cascade for a relation that
holds them.

- termwise: sums over the same range are equal when their terms are (linearity: joined by
  hand where they are constant multiples of one sum, by SymPy's ``sum_simplify`` else);
  ranges that differ by a few terms are aligned first (``ranges``), the log of a product of
  positive terms is the sum of their logs, and a sum over a Kronecker delta is its one
  term;
- induction on the upper bound N: the base case, and equal increments.

Terms, base cases and increments are proved by the whole cascade, which the caller passes
in (``prove``).
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy
from sympy.simplify.simplify import sum_simplify

from ..domains import parse_domain
from ..result import Verdict
from ..substitution import put
from .closed_forms import checked_closed_form
from .declared import DomainInfo, member_symbols, members_as_symbols
from .establish import establish
from .outcome import Attempt, Outcome, Prover
from .outer_sums import same_outer_range
from .ranges import align_ranges, contract_ranges, size_nonnegative
from .sum_forms import sums_in_normal_form

NONNEGATIVE_INTEGERS = parse_domain("nonnegative integer")


def _log_of_products(expr: sympy.Basic, infos: Mapping[sympy.Basic, DomainInfo]) -> sympy.Basic:
    """log(∏ f) = Σ log(f) when every factor f is positive (the definedness check showed
    the product positive; here each factor must be)."""

    def positive_terms(product: sympy.Product) -> bool:
        term, extended = members_as_symbols(product.function, infos)
        return establish(term, "positive", extended) is not None

    def split(argument: sympy.Basic) -> sympy.Basic:
        if isinstance(argument, sympy.Product) and positive_terms(argument):
            return sympy.Sum(_log_apart(argument.function, infos), *argument.limits)
        return sympy.log(argument)

    def as_exp(product: sympy.Product) -> sympy.Basic:
        if positive_terms(product):
            return sympy.exp(sympy.Sum(sympy.log(product.function), *product.limits))
        return product

    for _ in range(4):  # nested products: one level per pass
        before = expr
        expr = expr.replace(sympy.log, split)
        if expr == before:
            break
    return expr.replace(lambda e: isinstance(e, sympy.Product), as_exp)


def _log_apart(term: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]) -> sympy.Expr:
    """log(term) with the logs of its factors and powers taken apart where SymPy may, each
    family member standing in as a symbol with its family's domain (log(q[i]^δ(i, k)) is
    δ(i, k)·log(q[i]) for q in (0, 1), which a sum over i can carry out)."""
    members = member_symbols(term, infos)
    expanded = sympy.expand_log(sympy.log(term.xreplace(members)))
    return expanded.xreplace({symbol: member for member, symbol in members.items()})


def _deltas_summed(expr: sympy.Expr) -> sympy.Expr:
    """Each sum over a Kronecker delta carried out, where SymPy settles it outright (the
    index's range holds the delta's point under the symbols' assumptions): a one-hot
    label picks one term."""

    def carry(node: sympy.Sum) -> sympy.Expr:
        if not node.function.has(sympy.KroneckerDelta):
            return node
        done = checked_closed_form(node)  # None where it differs from the sum written out
        return node if done is None or done.has(sympy.Sum, sympy.Piecewise) else done

    return expr.replace(lambda e: isinstance(e, sympy.Sum), carry)


def termwise(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
    at_once: bool = False,
) -> Outcome | None:
    """Sums over the same range are equal when their terms are: Σ f − Σ g = Σ (f − g).

    Linearity (SymPy's ``expand`` splits sums, ``sum_simplify`` joins those with equal
    limits) leaves one sum per range; each must vanish term by term, which is proved for
    an arbitrary index and arbitrary family members, by the whole cascade (``prove``). ``at_once``
    stops after the sums joined by hand: only what linearity alone shows.
    """
    if relation != "=":
        return None
    found = _termwise(lhs, rhs, infos, prove, at_once)
    if found is None and not at_once:
        normal = sums_in_normal_form(lhs, rhs, infos)
        if normal is not None:
            return Outcome(Verdict.PROVED, normal[0], normal[1])
    return found


def _termwise(
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
    at_once: bool,
) -> Outcome | None:
    difference = _log_of_products(lhs, infos) - _log_of_products(rhs, infos)
    aligned, split_off = align_ranges(difference)
    if split_off:
        difference = aligned
        if sympy.expand(difference) == 0:
            return Outcome(
                Verdict.PROVED, "last terms split off the longer range", tuple(split_off)
            )
    # Sums with the same limits joined by hand first (exact, and cheap); SymPy's
    # ``sum_simplify`` (which runs ``simplify`` on every summand) only when that fails.
    try:
        difference = sympy.expand(difference)
        joined = _join_sums(difference)
    except (NotImplementedError, ValueError, TypeError):
        return None
    if joined is not None and joined == 0:
        return Outcome(Verdict.PROVED, "linearity of sums")
    if at_once:
        return None
    same = same_outer_range(lhs, rhs, infos, prove)
    if same is not None:
        return same
    if joined is not None:
        found = _vanish_termwise(joined, infos, prove)
        if found is not None:
            return found
    if difference.has(sympy.KroneckerDelta):
        difference = sympy.expand(_deltas_summed(difference))
        if difference == 0:
            return Outcome(Verdict.PROVED, "Kronecker delta summed (one term of the sum)")
    rest = sympy.Add(*(t for t in sympy.Add.make_args(difference) if not t.has(sympy.Sum)))
    if rest != 0:
        # sum_simplify joins and simplifies sums, and keeps the terms without one as they
        # are: Σ i² − N(N + 1)(2N + 1)/6 cannot come out 0, nor a sum of sums.
        return None
    try:
        combined = sum_simplify(difference)
    except (NotImplementedError, ValueError, TypeError, StopIteration):
        return None  # StopIteration: SymPy's sum_add looks for a Sum in a product with none
    if combined == 0:
        return Outcome(Verdict.PROVED, "linearity of sums")
    return _vanish_termwise(combined, infos, prove)


def _join_sums(expr: sympy.Expr) -> sympy.Expr | None:
    """c₁·Σ f + c₂·Σ g over the same limits as Σ (c₁·f + c₂·g), expanded; None when a term
    is not a constant multiple of one sum over one index."""
    joined: dict[sympy.Tuple, sympy.Expr] = {}
    for term in sympy.Add.make_args(expr):
        coefficient, sums = term.as_independent(sympy.Sum, as_Add=False)
        if not isinstance(sums, sympy.Sum) or len(sums.limits) != 1:
            return None
        if sums.limits[0][0] in coefficient.free_symbols:
            return None
        joined[sums.limits] = (
            joined.get(sums.limits, sympy.Integer(0)) + coefficient * sums.function
        )
    total: sympy.Expr = sympy.Integer(0)
    for limits, function in joined.items():
        function = sympy.expand(function)
        if function != 0:
            total += sympy.Sum(function, *limits)
    return total


def _vanish_termwise(
    combined: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo], prove: Prover
) -> Outcome | None:
    """Every sum of ``combined`` (one per range) is proved to vanish term by term."""
    conditions: list[str] = []
    for term in sympy.Add.make_args(combined):
        coefficient, sums = term.as_independent(sympy.Sum, as_Add=False)
        if not isinstance(sums, sympy.Sum) or len(sums.limits) != 1:
            return None
        summand, extended = members_as_symbols(sympy.expand(coefficient * sums.function), infos)
        inner = prove("=", summand, sympy.Integer(0), extended, Attempt())
        if inner.verdict is not Verdict.PROVED:
            return None
        conditions.extend(inner.conditions)
    return Outcome(Verdict.PROVED, "termwise (sums over the same range)", tuple(conditions))


def _peel(expr: sympy.Basic, bound: sympy.Basic) -> sympy.Basic:
    """Σ_{i=a}^{H+1} f = Σ_{i=a}^{H} f + f(H+1), and ∏ likewise: the last term split off
    each range whose upper bound grew by 1 when ``bound`` did (H = N + c), and whose lower
    bound does not move. Sound for every H (the shorter range is that of the step before,
    which has at least 0 terms in the contract form)."""

    def split(node: sympy.Basic) -> sympy.Basic:
        (index, lo, hi), *rest = node.limits
        if rest or bound in lo.free_symbols:
            return node
        if sympy.expand(hi.subs(bound, bound - 1) - (hi - 1)) != 0:
            return node
        shorter = type(node)(node.function, (index, lo, hi - 1))
        last = node.function.subs(index, hi)
        return shorter + last if isinstance(node, sympy.Sum) else shorter * last

    return expr.replace(lambda e: isinstance(e, (sympy.Sum, sympy.Product)), split)


# Values of the induction variable below which some range is empty or shorter than its
# closed form assumes (N = 0 for Σ_{i=1}^{N−1}): each is proved on its own.
MAX_FIRST_CASES = 3


def induction(
    lhs: sympy.Expr, rhs: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo], prove: Prover
) -> Outcome | None:
    """Induction on a symbol N of the upper bounds: the first values of N, up to the one
    from which every range N bounds has at least 0 terms (the contract form then needs no
    max(…) there), each proved on its own; from there, N = n₀ + m for m ≥ 0, the base case
    m = 0 and equal increments lhs(m+1) − lhs(m) = rhs(m+1) − rhs(m), each a plain
    expression once the sums up to m are written as symbols of their own (a product of
    positive terms as a positive one), all by the whole cascade (``prove``)."""
    for bound in _induction_symbols(lhs, rhs, infos):
        found = _induction_on(bound, lhs, rhs, infos, prove)
        if found is not None:
            return found
    return None


def _induction_symbols(
    lhs: sympy.Expr, rhs: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]
) -> list[sympy.Basic]:
    """The symbols that range over the integers from some n₀ on and are alone in an upper
    bound (N, N − 1, max(0, N − 1)); a bound in several symbols (k + m) is left to the
    other methods, which settle such steps for less."""
    used = {
        s
        for e in (lhs, rhs)
        for node in e.atoms(sympy.Sum, sympy.Product)
        for _, _, hi in node.limits
        for s in hi.free_symbols
        if len(hi.free_symbols) == 1
    }
    return sorted(
        (
            s
            for s in used
            if s in infos
            and infos[s].domain.integer
            and not infos[s].domain.is_finite
            and infos[s].domain.lo.is_finite
        ),
        key=str,
    )


def _induction_on(
    bound: sympy.Basic,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> Outcome | None:
    info = infos[bound]
    first = info.domain.lo + 1 if info.domain.lo_open else info.domain.lo
    m = sympy.Dummy("m", integer=True, nonnegative=True)
    infos_m = {**infos, m: DomainInfo(m, "m", NONNEGATIVE_INTEGERS)}
    for start in (first + k for k in range(MAX_FIRST_CASES + 1)):
        shifted = [contract_ranges(put(side, {bound: start + m})) for side in (lhs, rhs)]
        if _ranges_nonempty(shifted, m):
            break
    else:
        return None
    conditions = []
    for value in (first + k for k in range(int(start - first))):
        case = prove("=", put(lhs, {bound: value}), put(rhs, {bound: value}), infos, Attempt())
        if case.verdict is not Verdict.PROVED:
            return None
        conditions.append(f"case {info.name} = {value}: {case.method}")
    at_start = [put(side, {m: sympy.Integer(0)}).doit() for side in shifted]
    base = prove("=", at_start[0], at_start[1], infos, Attempt())
    if base.verdict is not Verdict.PROVED:
        return None
    step = _step(shifted, m, infos, infos_m, prove)
    if step is None:
        return None
    return Outcome(
        Verdict.PROVED,
        f"induction on {info.name}",
        conditions=(*conditions, f"base case {info.name} = {start}: {base.method}", step),
    )


def _step(
    shifted: list[sympy.Expr],
    m: sympy.Symbol,
    infos: Mapping[sympy.Basic, DomainInfo],
    infos_m: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> str | None:
    """The induction step from m to m + 1 (m ≥ 0), as a side condition: equal increments
    lhs(m+1) − lhs(m) = rhs(m+1) − rhs(m); else, where the hypothesis lhs(m) = rhs(m) is
    linear in one sum or product up to m with a nonzero number as its coefficient, that
    sum solved for and put into lhs(m+1) = rhs(m+1) (a telescoping product: its ratio is
    what telescopes, not its difference)."""
    names: dict[sympy.Basic, sympy.Dummy] = {}
    grown = [_sums_as_symbols(_peel(put(side, {m: m + 1}), m), infos, names) for side in shifted]
    now = [_sums_as_symbols(side, infos, names) for side in shifted]
    increment = prove(
        "=", grown[0] - now[0], grown[1] - now[1], infos_m, Attempt(), check_defined=False
    )
    if increment.verdict is Verdict.PROVED:
        return f"equal increments: {increment.method}"
    hypothesis = sympy.expand(now[0] - now[1])
    unknowns = [s for s in names.values() if s in hypothesis.free_symbols]
    if len(unknowns) != 1:
        return None
    (unknown,) = unknowns
    slope = hypothesis.diff(unknown)
    if (
        not (slope.is_number and slope.is_nonzero)
        or unknown in (hypothesis - slope * unknown).free_symbols
    ):
        return None
    value = -(hypothesis - slope * unknown) / slope
    sides = [put(side, {unknown: value}) for side in grown]
    after = prove("=", sides[0], sides[1], infos_m, Attempt(), check_defined=False)
    if after.verdict is not Verdict.PROVED:
        return None
    return (
        f"step from the hypothesis solved for the {_kind(names, unknown)} up to m: {after.method}"
    )


def _kind(names: Mapping[sympy.Basic, sympy.Dummy], unknown: sympy.Dummy) -> str:
    node = next(n for n, s in names.items() if s == unknown)
    return "product" if isinstance(node, sympy.Product) else "sum"


def _ranges_nonempty(sides: list[sympy.Expr], m: sympy.Symbol) -> bool:
    """Every range whose bounds hold ``m`` has integer bounds and at least 0 terms
    (hi ≥ lo − 1) for each m ≥ 0, as written: no max(…) needed."""
    for e in sides:
        for node in e.atoms(sympy.Sum, sympy.Product):
            for _, lo, hi in node.limits:
                if m not in lo.free_symbols | hi.free_symbols:
                    continue
                if hi.has(sympy.Max) or not (lo.is_integer and hi.is_integer):
                    return False
                if not size_nonnegative(hi - lo + 1):
                    return False
    return True


def _sums_as_symbols(
    expr: sympy.Basic,
    infos: Mapping[sympy.Basic, DomainInfo],
    names: dict[sympy.Basic, sympy.Dummy],
) -> sympy.Basic:
    """Each remaining sum or product up to N as an opaque symbol (positive for a product of
    positive terms), so that what is left of an increment is a plain expression; ``names``
    keeps the symbol of each, shared by the expressions of one step."""

    def opaque(node: sympy.Basic) -> sympy.Basic:
        if node not in names:
            term, extended = members_as_symbols(node.function, infos)
            positive = (
                isinstance(node, sympy.Product)
                and establish(term, "positive", extended) is not None
            )
            names[node] = (
                sympy.Dummy("S", positive=True) if positive else sympy.Dummy("S", real=True)
            )
        return names[node]

    return expr.replace(lambda e: isinstance(e, (sympy.Sum, sympy.Product)), opaque)
