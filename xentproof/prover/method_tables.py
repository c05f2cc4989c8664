"""The cascade's tables of methods for a shape of relation: sums and products (first, a
number moved across an inequality), and the shapes after them (the declared constraints
in force, an inequality over an integer, a Max/Min, the logs' common factors, weighted logs
written out, a Lipschitz bound, weighted exponentials by tangent lines). Each
table is run in order, each method where it applies, some on a share of what is left of
the relation's budget; ``prove`` is the whole cascade, which a method calls on the parts
it makes (``cascade.prove``: this module does not import it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sympy

from ..result import Verdict
from ..timing import bounded, wall_time_left
from .box_bounds import prove_by_bounds
from .common_factor import prove_by_common_factor
from .constraint_facts import by_constraints
from .constraint_table import in_force
from .declared import DomainInfo
from .double_sums import prove_by_double_sum
from .establish import establish
from .exp_tangents import applies as exp_tangents_apply
from .exp_tangents import exp_tangent_bound
from .inequalities import termwise_inequality
from .integer_induction import induction_inequality
from .largest import clipped_sign, prove_by_largest
from .lipschitz import prove_lipschitz
from .moved_numbers import applies as number_to_move
from .moved_numbers import moved_across
from .outcome import Attempt, Outcome, Prover
from .positivity import by_signs_of_sums
from .product_factors import prove_by_product_factors
from .product_powers import prove_by_product_powers
from .split_at_index import prove_by_split_at_index
from .sum_terms import peeled_or_counted
from .sums import induction, termwise
from .tangent_bounds import tangent_bound, written_out_logs

REWRITE_SHARE = 0.3  # of what is left, for an inequality of sums proved after a rewriting
LARGEST_SHARE = 0.5  # of what is left, for the split by the largest of a Max/Min's arguments
INDUCTION_SHARE = 0.5  # of what is left, for an induction (its parts are whole cascades)


def by_shape_methods(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    prove: Prover,
) -> tuple[str, tuple[str, ...]] | None:
    """The methods for a shape of relation, in order, each where it applies (the declared
    constraints in force, bounds over the domains, an inequality over an integer, a
    Max/Min, the logs' common factors, weighted logs written out, a Lipschitz bound), some
    on a share of what is left of the budget: the first method and side conditions that
    prove it, or None."""
    on = (relation, lhs, rhs, infos, prove)  # what each method is given
    ineq = relation != "="
    extremes = ineq and bool(lhs.has(sympy.Max, sympy.Min) or rhs.has(sympy.Max, sympy.Min))
    absolute = relation in ("<=", ">=") and (
        isinstance(lhs, sympy.Abs) or isinstance(rhs, sympy.Abs)
    )
    methods: tuple[tuple[str, bool, float | None, Callable[[], _Found]], ...] = (
        ("constraints as facts", bool(in_force()), None, lambda: by_constraints(*on)),
        ("bounds of each part over the domains", ineq, None,
         lambda: prove_by_bounds(*on[:4])),
        ("induction over an integer", ineq, INDUCTION_SHARE, lambda: induction_inequality(*on)),
        ("Max/Min: split by the largest argument", extremes, LARGEST_SHARE,
         lambda: prove_by_largest(*on)),
        ("Max/Min: the sign of a clipped value", extremes, None, lambda: clipped_sign(*on[:4])),
        ("a variable cancelled by the logs' common factors",
         ineq and bool(lhs.has(sympy.log) or rhs.has(sympy.log)), None,
         lambda: prove_by_common_factor(*on)),
        ("tangent lines of log", ineq and written_out_logs(lhs, rhs), 0.5,
         lambda: tangent_bound(*on)),
        ("a Lipschitz bound by the mean value theorem", absolute, None,
         lambda: prove_lipschitz(*on)),
        ("tangent lines of exp", ineq and exp_tangents_apply(lhs, rhs), 0.5,
         lambda: exp_tangent_bound(*on)),
    )  # fmt: skip
    for stage, applies, share, method in methods:
        if not applies:
            continue
        attempt.stage = stage
        found = method() if share is None else on_a_share(method, share)
        if isinstance(found, tuple):
            return found
    return None


# What a method for sums gives: its method and side conditions, an Outcome, or None.
_Found = tuple[str, tuple[str, ...]] | Outcome | None


def by_sum_methods(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    prove: Prover,
) -> Outcome | None:
    """The methods for sums and products, in order, each where it applies: the first that
    proves the relation, or None. A method that rewrites the sides first runs on a share
    of what is left of the budget: the rest of the stages and the last sample points must
    still run (a false step is refuted there, not here)."""
    products = lhs.has(sympy.Product) or rhs.has(sympy.Product)
    on = (relation, lhs, rhs, infos, prove)  # what each method is given
    ineq = relation != "="
    methods: tuple[tuple[str, bool, bool, Callable[[], _Found]], ...] = (
        # first: the same relation with a number moved across, which the rows below prove
        ("sums: a number moved across", number_to_move(relation, lhs, rhs), False,
         lambda: moved_across(*on)),
        ("sums: termwise", True, False, lambda: termwise(*on)),
        ("sums: split at an index", True, True, lambda: prove_by_split_at_index(*on)),
        ("sums: termwise comparison", ineq, False, lambda: termwise_inequality(*on)),
        ("sums: a double sum made symmetric", ineq, False, lambda: prove_by_double_sum(*on)),
        ("sums: signs", True, False, lambda: by_signs_of_sums(*on[:4], establish)),
        ("sums: tangent lines of log", ineq, False, lambda: tangent_bound(*on)),
        ("sums: a term taken out, or the count as a sum", ineq, True,
         lambda: peeled_or_counted(*on)),
        ("products: powers taken in", products, False, lambda: prove_by_product_powers(*on)),
        ("products: split into factors", products, True, lambda: prove_by_product_factors(*on)),
        ("induction", not ineq, False, lambda: induction(*on[1:])),
    )  # fmt: skip
    for stage, applies, shared, method in methods:
        if not applies:
            continue
        attempt.stage = stage
        found = on_a_share(method) if shared else method()
        if isinstance(found, Outcome):
            return found
        if found is not None:
            return Outcome(Verdict.PROVED, found[0], found[1])
    return None


def on_a_share(method: Callable[[], _Found], share: float | None = None) -> _Found:
    """``method`` cut short after ``share`` (REWRITE_SHARE) of what is left of the budget
    (None then)."""
    found: _Found = None
    left = wall_time_left()
    part = REWRITE_SHARE if share is None else share
    with bounded(part * left if left is not None else 1e9):
        found = method()
    return found
