"""The proving cascade for one relation ``lhs REL rhs`` under declared domains.

Cheap and certain first (DESIGN.md, "Proving"):
1. refute: sample points inside the domains, confirm any disagreement at high precision;
2. cases: enumerate finite-set symbols, cut at the break points of Abs/Max/Min/Piecewise;
3. symbolic: canonical forms on each case, first with the declared assumptions alone,
   then with every interval rewritten through a positive symbol, ``simplify`` last.
Anything left is UNPROVED with the evidence gathered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

import sympy
from sympy.simplify.simplify import sum_simplify

from ..result import Verdict
from ..substitution import put
from .cases import Case, TooManyCases, finite_cases, interval_cases
from .declared import DomainInfo, describe_domains, member_symbols, members_as_symbols
from .equations import MAX_POINTS as MAX_EQUATION_POINTS
from .equations import prove_equation, refute_equation
from .establish import defined_on_domains, establish
from .further import prove_further
from .outcome import Attempt, Outcome, dedupe
from .ranges import align_ranges
from .refute import Search
from .sampling import rng_for
from .symbolic import METHOD_CONDITIONS, prove_sign, prove_zero, short_concrete_sums

# Points tried before any symbolic method: most false steps fail at one of the first few.
# The rest are tried before anything expensive (``simplify``) and before any verdict other
# than PROVED, so every relation that is not proved gets the full search, as before.
QUICK_POINTS = 12
QUICK_EQUATION_POINTS = 3  # of MAX_EQUATION_POINTS value combinations, per symbol solved for


def _search(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
) -> Search:
    rng = rng_for(relation, sympy.srepr(lhs), sympy.srepr(rhs))
    return Search(relation, lhs, rhs, infos, rng, attempt.evidence)


def _prove_case(relation: str, lhs: sympy.Expr, rhs: sympy.Expr, thorough: bool) -> str | None:
    if relation == "=":
        return prove_zero(lhs - rhs, thorough=thorough)
    if relation in ("<", "<="):
        return prove_sign(rhs - lhs, strict=relation == "<", thorough=thorough)
    return prove_sign(lhs - rhs, strict=relation == ">", thorough=thorough)


def _prove_all(
    relation: str, lhs: sympy.Expr, rhs: sympy.Expr, cases: list[Case], thorough: bool
) -> tuple[list[str], list[str]] | None:
    """Prove every case; the methods used and the side conditions, or None."""
    methods: list[str] = []
    conditions: list[str] = []
    for case in cases:
        a = put(lhs, case.substitution) if case.substitution else lhs
        b = put(rhs, case.substitution) if case.substitution else rhs
        method = _prove_case(relation, a, b, thorough)
        if method is None:
            return None
        methods.append(method)
        conditions.extend(case.conditions)
        if method in METHOD_CONDITIONS:
            conditions.append(METHOD_CONDITIONS[method])
    return methods, conditions


def prove(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    replayed: tuple[str, tuple[str, ...]] | None = None,
    check_defined: bool = True,
) -> Outcome:
    """Run the cascade; ``lhs`` and ``rhs`` have their definitions already unfolded.

    ``replayed`` is the method and side conditions of a cited rule that landed: it stands
    as the proof once no counterexample exists and both sides are defined on the domain.
    """
    if isinstance(lhs, sympy.Eq) or isinstance(rhs, sympy.Eq):
        return _equation_step(relation, lhs, rhs, infos, attempt)
    constant = not lhs.free_symbols and lhs.is_extended_real is not False
    if relation in ("=", "<=", ">=") and lhs == rhs and constant:
        # The same constant on both sides (after definitions and limits are carried out),
        # possibly infinite, where the difference would be nan.
        how, why = replayed or ("identical", ())
        return Outcome(Verdict.PROVED, how, conditions=why)
    if relation == "=" and replayed is None:
        attempt.stage = "symbolic (at once)"
        at_once = _proved_at_once(lhs, rhs, infos, attempt, check_defined)
        if at_once is not None:
            return at_once
    attempt.stage = "refutation"
    search = _search(relation, lhs, rhs, infos, attempt)

    def refuted(limit: int | None = None) -> Outcome | None:
        """The sample points up to ``limit`` (all): a REFUTED outcome if one of them fails."""
        stage, attempt.stage = attempt.stage, "refutation"
        found = search.run(limit)
        attempt.stage = stage
        if found is None:
            return None
        return Outcome(
            Verdict.REFUTED,
            "counterexample confirmed at high precision",
            counterexample=found,
            evidence=attempt.evidence.describe(),
        )

    early = refuted(QUICK_POINTS)
    if early is not None:
        return early
    outcome = _prove_unrefuted(relation, lhs, rhs, infos, attempt, replayed, check_defined, refuted)
    if outcome.verdict is Verdict.PROVED:
        return outcome
    # Nothing but a proof ends the search early: every sample point is tried first.
    late = refuted()
    if late is not None:
        return late
    if outcome.evidence:  # the evidence of every sample point, not only the first ones
        return replace(outcome, evidence=attempt.evidence.describe())
    return outcome


def _prove_unrefuted(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    replayed: tuple[str, tuple[str, ...]] | None,
    check_defined: bool,
    refuted: Callable[[], Outcome | None],
) -> Outcome:
    """The cascade after the first sample points agreed; ``refuted`` tries the rest of
    them, which it does before the expensive stage."""
    used = lhs.free_symbols | rhs.free_symbols
    attempt.stage = "definedness"
    defined = defined_on_domains(lhs, rhs, infos, check_defined)
    if isinstance(defined, str):
        return Outcome(Verdict.UNPROVED, "", evidence=attempt.evidence.describe(), reason=defined)
    if replayed is not None:
        return Outcome(
            Verdict.PROVED,
            replayed[0],
            conditions=dedupe([*replayed[1], *defined]),
            evidence=attempt.evidence.describe(),
        )
    if lhs.has(sympy.Sum, sympy.Product) or rhs.has(sympy.Sum, sympy.Product):
        attempt.stage = "sums: termwise"
        by_terms = _termwise(relation, lhs, rhs, infos, attempt)
        if by_terms is None and relation == "=":
            attempt.stage = "induction"
            by_terms = _induction(lhs, rhs, infos)
        if by_terms is not None:
            return Outcome(
                Verdict.PROVED,
                by_terms.method,
                conditions=dedupe([*defined, *by_terms.conditions]),
                evidence=attempt.evidence.describe(),
            )
    try:
        finite = finite_cases([lhs, rhs], infos)
    except TooManyCases as error:
        return Outcome(
            Verdict.UNPROVED, "", evidence=attempt.evidence.describe(), reason=str(error)
        )
    case_note, domain_facts = _domain_notes(used, infos)
    # Each finite case's substituted sides and interval cases, made once for all stages
    # (splitting solves equations; only ``thorough`` differs between the last two stages).
    prepared: dict[tuple[int, bool], tuple[sympy.Expr, sympy.Expr, list[Case]]] = {}

    def case_split(k: int, reparametrise: bool) -> tuple[sympy.Expr, sympy.Expr, list[Case]]:
        if (k, reparametrise) not in prepared:
            a = put(lhs, finite[k].substitution)
            b = put(rhs, finite[k].substitution)
            prepared[k, reparametrise] = (
                a,
                b,
                interval_cases([a, b], infos, reparametrise=reparametrise),
            )
        return prepared[k, reparametrise]

    # The canonical forms, cheap ones first; then calculus and sign splits (which need no
    # ``simplify``, and settle Max/Min/Abs that canonical forms cannot); then, once every
    # sample point agreed, the canonical forms with ``simplify``.
    for stage, reparametrise, thorough in (
        ("assumptions", False, False),
        ("intervals", True, False),
        ("further", True, False),
        ("intervals", True, True),
    ):
        if stage == "further":
            attempt.stage = "further: calculus, sign splits"
            further = _prove_further(relation, len(finite), case_split)
            if further is not None:
                return Outcome(
                    Verdict.PROVED,
                    further[0],
                    conditions=dedupe(case_note + defined + further[1] + domain_facts),
                    evidence=attempt.evidence.describe(),
                )
            continue
        if thorough:
            late = refuted()
            if late is not None:
                return late
        elif reparametrise and _same_cases(case_split, len(finite)):
            continue  # no interval to write through a positive symbol: the same as before
        attempt.stage = f"symbolic ({stage}{', simplify' if thorough else ''})"
        methods: list[str] = []
        conditions: list[str] = []
        try:
            for k in range(len(finite)):
                a, b, cases = case_split(k, reparametrise)
                done = _prove_all(relation, a, b, cases, thorough)
                if done is None:
                    break
                methods.extend(done[0])
                conditions.extend(done[1])
                if len(cases) > 1:
                    conditions.append(
                        "cases " + "; ".join(" and ".join(c.labels) for c in cases if c.labels)
                    )
            else:
                return Outcome(
                    Verdict.PROVED,
                    ", ".join(dict.fromkeys(methods)) or "identical",
                    conditions=dedupe(case_note + defined + conditions + domain_facts),
                    evidence=attempt.evidence.describe(),
                )
        except TooManyCases as error:
            return Outcome(
                Verdict.UNPROVED, "", evidence=attempt.evidence.describe(), reason=str(error)
            )
    return Outcome(
        Verdict.UNPROVED,
        "",
        evidence=attempt.evidence.describe(),
        reason="methods exhausted: no canonical form showed it",
    )


# What the at-once proof leaves to the full cascade: case splits at break points, and
# powers whose expansion could be large (expanding is cheap only for small exponents).
_SPLIT_AT_BREAKS = (
    sympy.Piecewise,
    sympy.Abs,
    sympy.Max,
    sympy.Min,
    sympy.sign,
    sympy.Heaviside,
)
MAX_EXPANDED_POWER = 8
MAX_CASES_AT_ONCE = 8


def _proved_at_once(
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    check_defined: bool,
) -> Outcome | None:
    """An equality that ``expand`` (or ``cancel``, for a quotient) brings to 0 outright in
    every case of the finite-set symbols, or sums equal by linearity alone, with both sides
    defined on the domains: PROVED before any point is sampled.

    Most steps of a real derivation are of this kind, and sampling them first was most of
    their cost. The proof is the one the cascade would find first (same method, same side
    conditions); anything else goes the usual way, sample points first.
    """
    if not (isinstance(lhs, sympy.Expr) and isinstance(rhs, sympy.Expr)):
        return None
    difference = lhs - rhs
    concrete = short_concrete_sums(difference)  # carried out, their cases are decided
    for side in (lhs, rhs):
        if side.has(*_SPLIT_AT_BREAKS) and not concrete:
            return None
        for power in side.atoms(sympy.Pow):
            base, exponent = power.args
            large = exponent.is_Integer and abs(exponent) > MAX_EXPANDED_POWER
            if isinstance(base, sympy.Add) and large:
                return None
    if not concrete and (lhs.has(sympy.Sum, sympy.Product) or rhs.has(sympy.Sum, sympy.Product)):
        by_terms = _termwise("=", lhs, rhs, infos, attempt, at_once=True)
        if by_terms is not None:
            method, used_conditions = by_terms.method, by_terms.conditions
        else:  # e.g. log Π p^x = Σ x log p, which expand does when p is declared positive
            found = prove_zero(difference, thorough=False, at_once=True)
            if found is None:
                return None
            method, used_conditions = found, ()
        defined = defined_on_domains(lhs, rhs, infos, check_defined)
        if isinstance(defined, str):
            return None
        return Outcome(Verdict.PROVED, method, conditions=dedupe([*defined, *used_conditions]))
    try:
        finite = finite_cases([lhs, rhs], infos)
    except TooManyCases:
        return None
    if len(finite) > MAX_CASES_AT_ONCE:
        return None
    methods: list[str] = []
    for case in finite:
        one = prove_zero(
            put(lhs, case.substitution) - put(rhs, case.substitution), thorough=False, at_once=True
        )
        if one is None:
            return None
        methods.append(one)
    attempt.stage = "definedness"
    defined = defined_on_domains(lhs, rhs, infos, check_defined)
    if isinstance(defined, str):
        return None  # the cascade says why, after looking for a counterexample
    case_note, domain_facts = _domain_notes(lhs.free_symbols | rhs.free_symbols, infos)
    return Outcome(
        Verdict.PROVED,
        ", ".join(dict.fromkeys(methods)),
        conditions=dedupe(case_note + defined + domain_facts),
    )


def _domain_notes(
    used: set[sympy.Basic], infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[list[str], list[str]]:
    """The side conditions a proof over the cases states: the finite-set symbols it
    enumerated ("cases y ∈ {0, 1}"), and the domains of the others."""
    enumerated = [s for s in used if s in infos and infos[s].domain.is_finite]
    others = [s for s in used if s in infos and not infos[s].domain.is_finite]
    case_note = [f"cases {', '.join(describe_domains(enumerated, infos))}"] if enumerated else []
    return case_note, describe_domains(others, infos)


def _same_cases(
    case_split: Callable[[int, bool], tuple[sympy.Expr, sympy.Expr, list[Case]]], count: int
) -> bool:
    """Whether writing intervals through positive symbols changes no case at all."""
    try:
        return all(case_split(k, True)[2] == case_split(k, False)[2] for k in range(count))
    except TooManyCases:
        return False


def _prove_further(
    relation: str,
    count: int,
    case_split: Callable[[int, bool], tuple[sympy.Expr, sympy.Expr, list[Case]]],
) -> tuple[str, list[str]] | None:
    """Every case (finite values, interval pieces) by ``further``; methods, conditions."""
    methods: list[str] = []
    conditions: list[str] = []

    def basic(rel: str, a: sympy.Expr, b: sympy.Expr) -> str | None:
        method = _prove_case(rel, a, b, thorough=False)
        if method in METHOD_CONDITIONS:  # (only kept if every case is proved)
            conditions.append(METHOD_CONDITIONS[method])
        return method

    for k in range(count):
        lhs, rhs, cases = case_split(k, True)
        for case in cases:
            a = put(lhs, case.substitution) if case.substitution else lhs
            b = put(rhs, case.substitution) if case.substitution else rhs
            method = basic(relation, a, b)
            if method is None:
                found = prove_further(relation, a, b, basic, _meaning(case.substitution))
                if found is None:
                    return None
                method = found[0]
                conditions.extend(found[1])
            methods.append(method)
            conditions.extend(case.conditions)
        if len(cases) > 1:
            conditions.append(
                "cases " + "; ".join(" and ".join(c.labels) for c in cases if c.labels)
            )
    return ", ".join(dict.fromkeys(methods)), conditions


def _meaning(substitution: Mapping[sympy.Basic, sympy.Expr]) -> dict[sympy.Basic, sympy.Expr]:
    """The new symbol of each reparametrised interval (x = −u) in the declared one (u = −x)."""
    meaning: dict[sympy.Basic, sympy.Expr] = {}
    for symbol, value in substitution.items():
        (u, *more) = value.free_symbols or {symbol}
        if more or u == symbol:
            continue
        # x = lo + u, hi − u, −u, lo + (hi − lo)/(1 + u): a ratio of linear functions of u,
        # so x − value has a numerator linear in u (``solve`` would run ``simplify``).
        numerator = sympy.fraction(sympy.together(value - symbol))[0]
        try:
            line = sympy.Poly(numerator, u)
        except sympy.PolynomialError:
            continue
        if line.degree() == 1:
            slope, offset = line.all_coeffs()
            meaning[u] = sympy.cancel(-offset / slope)
    return meaning


def _equation_step(
    relation: str,
    first: sympy.Eq,
    second: sympy.Eq,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
) -> Outcome:
    """``A <=> B`` or ``A => B`` between two equations (see ``equations``)."""

    def refuted(points: int) -> Outcome | None:
        # The same seed each time: fewer points are a prefix of the same points.
        rng = rng_for(relation, sympy.srepr(first), sympy.srepr(second))
        attempt.stage = "equation: roots"
        found = refute_equation(relation, first, second, infos, rng, points)
        if found is None:
            return None
        return Outcome(
            Verdict.REFUTED,
            "a root of one equation is not a root of the other",
            counterexample=found,
        )

    # A few points first, all of them before any verdict but PROVED (as ``prove`` does).
    early = refuted(QUICK_EQUATION_POINTS)
    if early is not None:
        return early
    attempt.stage = "equation: proof"

    def zero(x: sympy.Expr, y: sympy.Expr) -> tuple[str, ...] | None:
        # Equal as expressions; where each equation is defined is the caller's argument.
        inner = prove("=", x, y, infos, Attempt(), check_defined=False)
        return inner.conditions if inner.verdict is Verdict.PROVED else None

    def holds(expr: sympy.Expr, kind: str) -> tuple[str, ...] | None:
        return establish(expr, kind, infos)

    proof = prove_equation(relation, first, second, zero, holds)
    if proof is None:
        late = refuted(MAX_EQUATION_POINTS)
        if late is not None:
            return late
        return Outcome(
            Verdict.UNPROVED,
            "",
            reason="no root was gained or lost at the sampled "
            "values, and neither a rearrangement nor a function applied to both "
            "sides explains the step",
        )
    return Outcome(Verdict.PROVED, proof[0], conditions=proof[1])


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
        done = node.doit()
        return node if done.has(sympy.Sum, sympy.Piecewise) else done

    return expr.replace(lambda e: isinstance(e, sympy.Sum), carry)


def _termwise(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    at_once: bool = False,
) -> Outcome | None:
    """Sums over the same range are equal when their terms are: Σ f − Σ g = Σ (f − g).

    Linearity (SymPy's ``expand`` splits sums, ``sum_simplify`` joins those with equal
    limits) leaves one sum per range; each must vanish term by term, which is proved for
    an arbitrary index and arbitrary family members, by the whole cascade. ``at_once``
    stops after the sums joined by hand: only what linearity alone shows.
    """
    if relation != "=":
        return None
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
    if joined is not None:
        found = _vanish_termwise(joined, infos)
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
    except (NotImplementedError, ValueError, TypeError):
        return None
    if combined == 0:
        return Outcome(Verdict.PROVED, "linearity of sums")
    return _vanish_termwise(combined, infos)


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
    combined: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]
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
    """Σ_{i=a}^{N+1} f = Σ_{i=a}^{N} f + f(N+1), and ∏ likewise: the last term split off."""

    def split(node: sympy.Basic) -> sympy.Basic:
        (index, lo, hi), *rest = node.limits
        if rest or sympy.expand(hi - bound - 1) != 0:
            return node
        shorter = type(node)(node.function, (index, lo, bound))
        last = node.function.subs(index, bound + 1)
        return shorter + last if isinstance(node, sympy.Sum) else shorter * last

    return expr.replace(lambda e: isinstance(e, (sympy.Sum, sympy.Product)), split)


def _induction(
    lhs: sympy.Expr, rhs: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]
) -> Outcome | None:
    """Induction on the upper bound N of the sums: the base case, then equal increments
    lhs(N+1) − lhs(N) = rhs(N+1) − rhs(N), each a plain expression once the sums up to N
    are written as symbols of their own (a product of positive terms as a positive one)."""
    bounds = {
        lim[2]
        for e in (lhs, rhs)
        for node in e.atoms(sympy.Sum, sympy.Product)
        for lim in node.limits
    }
    for bound in sorted((b for b in bounds if b in infos), key=str):
        domain = infos[bound].domain
        if not domain.integer or not domain.lo.is_finite:
            continue
        start = domain.lo if not domain.lo_open else domain.lo + 1
        if not _ranges_nonempty(lhs, rhs, bound, start):
            continue
        base = prove(
            "=", put(lhs, {bound: start}).doit(), put(rhs, {bound: start}).doit(), infos, Attempt()
        )
        if base.verdict is not Verdict.PROVED:
            continue
        steps = []
        for side in (lhs, rhs):
            grown = _peel(put(side, {bound: bound + 1}), bound)
            steps.append(_sums_as_symbols(grown - side, infos))
        increment = prove("=", steps[0], steps[1], infos, Attempt(), check_defined=False)
        if increment.verdict is Verdict.PROVED:
            return Outcome(
                Verdict.PROVED,
                f"induction on {infos[bound].name}",
                conditions=(
                    f"base case {infos[bound].name} = {start}: {base.method}",
                    f"equal increments: {increment.method}",
                ),
            )
    return None


def _ranges_nonempty(
    lhs: sympy.Expr, rhs: sympy.Expr, bound: sympy.Basic, start: sympy.Expr
) -> bool:
    """Every range with ``bound`` has at least 0 terms (hi ≥ lo − 1) for each bound ≥ start.

    ``doit`` and splitting off the last term follow SymPy's convention, where a range with
    hi < lo − 1 counts negatively; the declared meaning is an empty sum (0), and the two
    agree only on such ranges."""
    m = sympy.Dummy("m", integer=True, nonnegative=True)
    for e in (lhs, rhs):
        for node in e.atoms(sympy.Sum, sympy.Product):
            for _, lo, hi in node.limits:
                if bound in (lo - hi).free_symbols:
                    size = (hi - lo + 1).subs(bound, start + m)
                    if size.is_nonnegative is not True:
                        return False
    return True


def _sums_as_symbols(expr: sympy.Basic, infos: Mapping[sympy.Basic, DomainInfo]) -> sympy.Basic:
    """Each remaining sum or product up to N as an opaque symbol (positive for a product of
    positive terms), so that what is left of an increment is a plain expression."""
    names: dict[sympy.Basic, sympy.Symbol] = {}

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
