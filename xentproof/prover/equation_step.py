"""The cascade's stage for a step between two equations (``A <=> B``, ``A => B``): a
solution lost or gained at a few sampled values of the other unknowns first, then a proof
(``equations.prove_equation``), then the rest of the sampled values before any verdict but
PROVED, as the cascade does for expressions.

Each equation is its solution set (``solution_sets``): what its written form needs to be
defined (the reader's guards, ``guards``) is part of it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import sympy

from ..definedness import Requirement
from ..result import Counterexample, Verdict
from .declared import DomainInfo, domain_notes
from .equation_refute import MAX_POINTS, Members, refute_equation
from .equation_sums import generalised, inside_function
from .equations import prove_equation
from .numeric import FAST_DPS, Undefined, evaluate
from .outcome import Attempt, Outcome, Prover
from .refute import fails
from .sampling import rng_for, sample_points, seed_text
from .solution_sets import Equation, at_point, equation_of

QUICK_POINTS = 3  # of MAX_POINTS value combinations, per unknown solved for
QUICK_SECONDS = 1.5  # for the refutation before the proof
LATE_SECONDS = 2.5  # for the refutation after no proof was found


def equation_step(
    relation: str,
    first: sympy.Eq,
    second: sympy.Eq,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    prove: Prover,
    guards: tuple[Sequence[Requirement], Sequence[Requirement]] = ((), ()),
) -> Outcome:
    """``A <=> B`` or ``A => B`` between two equations; ``prove`` is the whole cascade, which
    shows two expressions equal; ``guards`` are what each step as written needs."""
    a, b = equation_of(first, guards[0]), equation_of(second, guards[1])

    def refute(points: int, seconds: float) -> Counterexample | None:
        # The same seed each time: fewer points are a prefix of the same points.
        rng = rng_for(relation, seed_text(first), seed_text(second))
        attempt.stage = "equation: roots"
        return refute_equation(relation, a, b, infos, rng, points, seconds)

    def proof() -> Proof | None:
        attempt.stage = "equation: proof"
        found = _generalised(relation, a, b, infos, prove) if inside_function(a, b) else None
        if found is None:
            found = prove_equation(
                relation,
                a,
                b,
                infos,
                equal_where_defined(infos, prove),
                lambda: _generalised(relation, a, b, infos, prove),
            )
        return found

    return around_a_proof(
        refute,
        "a root of one equation is not a root of the other",
        ((QUICK_POINTS, QUICK_SECONDS), (MAX_POINTS, LATE_SECONDS)),
        proof,
        "no solution was gained or lost at the sampled values, and neither a "
        "rearrangement, a function applied to both sides nor the solutions substituted "
        "explains the step where both equations are defined",
    )


Proof = tuple[str, tuple[str, ...]]


def around_a_proof(
    refute: Callable[[int, float], Counterexample | None],
    refuted: str,
    rounds: tuple[tuple[int, float], tuple[int, float]],
    proof: Callable[[], Proof | None],
    unproved: str,
) -> Outcome:
    """A step between two statements (equations, inequalities): ``refute`` at a few points
    first (``rounds[0]``, points and seconds), then ``proof``, then at the rest of the points
    (``rounds[1]``) before any verdict but PROVED, as the cascade does for expressions.
    ``refuted`` and ``unproved`` say what a counterexample shows and why nothing did."""
    for k, (points, seconds) in enumerate(rounds):
        found = refute(points, seconds)
        if found is not None:
            return Outcome(Verdict.REFUTED, refuted, counterexample=found)
        if k == 0:
            shown = proof()
            if shown is not None:
                return Outcome(Verdict.PROVED, shown[0], conditions=shown[1])
    return Outcome(Verdict.UNPROVED, "", reason=unproved)


def _generalised(
    relation: str, a: Equation, b: Equation, infos: Mapping[sympy.Basic, DomainInfo], prove: Prover
) -> tuple[str, tuple[str, ...]] | None:
    """The step with each sum of data an unknown of its own (``equation_sums``)."""
    general = generalised(a, b, infos)
    if general is None:
        return None
    a2, b2, extended, conditions = general
    proof = prove_equation(relation, a2, b2, extended, equal_where_defined(extended, prove))
    if proof is None:
        return None
    return proof[0], (*conditions, *proof[1])


APART_POINTS = 6


def equal_where_defined(
    infos: Mapping[sympy.Basic, DomainInfo], prove: Prover
) -> Callable[[sympy.Expr, sympy.Expr], tuple[str, ...] | None]:
    """The prover of ``x = y`` as expressions, where both are defined (where each equation
    is defined is shown by ``prove_equation`` itself): the cascade's side conditions, or
    None. Most rewritings a proof tries are wrong guesses (log of both sides, a factor): a
    few points show them apart before the cascade runs; each answer is kept."""
    known: dict[tuple[sympy.Expr, sympy.Expr], tuple[str, ...] | None] = {}

    def zero(x: sympy.Expr, y: sympy.Expr) -> tuple[str, ...] | None:
        if (x, y) not in known:
            if apart(x, y, infos):
                known[x, y] = None
            else:
                found = _cancelled(x, y, infos)
                known[x, y] = found if found is not None else _cascade(x, y, infos, prove)
        return known[x, y]

    return zero


MAX_CANCEL_OPS = 300  # the size of a difference that ``cancel`` is tried on


def _cancelled(
    x: sympy.Expr, y: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, ...] | None:
    """x − y is 0 as a rational function of its parts (``cancel``): so it is 0 wherever
    every part is defined, which is all this prover is asked (the cascade would look for a
    point where one side is undefined, as at a pole the solutions never reach)."""
    difference = x - y
    if sympy.count_ops(difference) > MAX_CANCEL_OPS:
        return None
    try:
        if sympy.cancel(sympy.together(difference)) != 0:
            return None
    except (NotImplementedError, ValueError, TypeError, sympy.PolynomialError):
        return None
    # the domains it holds on, as the cascade states them
    case_note, domain_facts = domain_notes(difference.free_symbols, infos)
    return (*case_note, *domain_facts)


def _cascade(
    x: sympy.Expr, y: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo], prove: Prover
) -> tuple[str, ...] | None:
    try:
        inner = prove("=", x, y, infos, Attempt(), check_defined=False)
    except Exception:  # a stage that fails proves nothing; the other methods go on
        return None
    return inner.conditions if inner.verdict is Verdict.PROVED else None


def apart(x: sympy.Expr, y: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]) -> bool:
    """Whether two expressions differ at one of a few sample points (numerically, where
    both are real numbers): a quick look, which only spares a proof attempt."""
    rng = rng_for("apart", seed_text(x), seed_text(y))
    symbols = sorted((s for s in x.free_symbols | y.free_symbols if s in infos), key=str)
    members = Members(infos, rng)
    for point in sample_points(symbols, infos, rng, limit=APART_POINTS):
        point = members.fill(point, (x, y))
        values = [evaluate(at_point(e, point), point) for e in (x, y)]
        if any(v is None or isinstance(v, Undefined) for v in values):
            continue
        if fails("=", values[0], values[1], FAST_DPS):
            return True
    return False
