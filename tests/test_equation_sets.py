"""Steps between equations as solution sets (docs/semantics.md §8): points of all the
unknowns, inside the domains, where both sides of each equation are defined as written.

Every case's truth comes from the reference evaluator (``tests/reference``, no SymPy): a
false step's witness is confirmed there, a true step holds at its sampled points there; the
checker's counterexamples are confirmed there too. The cases are the issue's minimal ones,
one per proof method with a near miss one edit away that the method must not prove, and
refutations that need several unknowns, family members or a point where one equation is
undefined.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sympy

from tests.reference import check_counterexample, check_true, read_chains
from xentproof.api import load_paths
from xentproof.decide import Decider
from xentproof.definedness import Requirement
from xentproof.domains import parse_domain
from xentproof.prepared import prepare
from xentproof.prover import prove
from xentproof.prover.declared import DomainInfo
from xentproof.prover.equation_refute import refute_equation
from xentproof.prover.equation_roots import exact_roots
from xentproof.prover.equation_step import equal_where_defined
from xentproof.prover.equations import prove_equation
from xentproof.prover.solution_sets import (
    Equation,
    at_point,
    covered,
    equation_of,
    exact_sign,
    guard_holds,
    holds_at,
)
from xentproof.result import RelationResult, Verdict
from xentproof.timing import Deadline, ProofTimeout, time_limit

from .helpers import check_text, write

SYMBOLS = """
x = "real"
y = "real"
a = "real"
c = "positive"
t = "positive"
u = "(0, 1)"
p = "(0, 1)"
w = "(-1, 1)"
N = "positive integer"
M = "nonnegative integer"
P = "real"
"o[i]" = "real"
"l[i]" = "{0, 1}"
"""


@dataclass(frozen=True)
class Case:
    name: str
    first: str
    rel: str
    second: str
    witness: dict[str, str] | None = None  # a point where the step fails; None: it is true
    method: str | None = None  # for a true step: the method expected to prove it

    @property
    def truth(self) -> bool:
        return self.witness is None


CASES = [
    # issue 15, item 6, and the power corpus's false PROVED
    Case("several-unknowns", "x*sin(y) = 0", "=>", "x = 0", {"x": "1", "y": "0"}),
    Case("root-lost-to-log", "x**2 = 1", "<=>", "x**2 + log(x) = 1 + log(x)", {"x": "-1"}),
    Case("undefined-at-only-root", "x*(x - 1)/(x - 1) = 1", "<=>", "x = 1", {"x": "1"}),
    Case("true-through-log", "exp(2*log(x)) = 4", "<=>", "x = 2", method="solutions"),
    Case("quotient-by-itself", "x/x = 1", "<=>", "x = x", {"x": "0"}),
    Case("cancelled-quotient", "x**2/x = x", "<=>", "x = x", {"x": "0"}),
    Case("identity-without-quotient", "x*x = x**2", "<=>", "x = x", method="rewritten"),
    # the same equation rewritten: needs each defined where the other holds
    Case("log-of-product", "log(t*u) = 0", "<=>", "log(t) + log(u) = 0", method="rewritten"),
    Case(
        "log-of-product-real", "log(x*y) = 0", "<=>", "log(x) + log(y) = 0", {"x": "-1", "y": "-1"}
    ),
    # a factor nonzero on the domains
    Case("factor", "c*x = c", "<=>", "x = 1", method="rearranged"),
    Case("factor-may-vanish", "a*x = a", "<=>", "x = 1", {"a": "0", "x": "0"}),
    # a function applied to both sides
    Case("log-of-both", "P = u**2", "<=>", "log(P) = 2*log(u)", method="log"),
    Case("log-of-both-real", "P = x**2", "<=>", "log(P) = 2*log(x)", {"P": "1", "x": "-1"}),
    Case("exp-of-both", "log(x) = 0", "<=>", "x = 1", method="log"),
    Case("exp-of-both-square", "log(x**2) = 0", "<=>", "x = 1", {"x": "-1"}),
    Case("cube-of-both", "x**3 = y**3", "<=>", "x = y", method="cube"),
    Case("square-of-both", "x**2 = y**2", "<=>", "x = y", {"x": "-1", "y": "1"}),
    # both sides squared
    Case("squared-nonnegative", "x**2 = c", "<=>", "Abs(x) = sqrt(c)", method="squared"),
    Case("squared-one-root", "x**2 = c", "<=>", "x = sqrt(c)", {"x": "-1", "c": "1"}),
    Case("squaring-implies", "x = a", "=>", "x**2 = a**2", method="solutions"),
    # the solutions written out: one unknown, or one linear unknown
    Case("roots", "(x - 1)*(x - 2) = 0", "<=>", "x**2 - 3*x + 2 = 0", method="rewritten"),
    Case("roots-lost", "(x - 1)*(x - 2) = 0", "<=>", "x = 1", {"x": "2"}),
    Case("no-solution", "(x - 1)/(x - 1) = 0", "=>", "x = 5", method="solutions"),
    Case("solved-for", "x = 0", "=>", "x*y = 0", method="solutions"),
    Case("solved-for-converse", "x*y = 0", "=>", "x = 0", {"x": "1", "y": "0"}),
    # a sum of squares is 0 where each base is
    Case("squares", "x**2 + y**2 = 0", "=>", "x + y = 0", method="solutions"),
    Case("squares-shifted", "(x - 1)**2 + 2*(y - x)**4 = 0", "=>", "x*y = 1", method="solutions"),
    Case("squares-one-base", "(x - y)**2 = 0", "<=>", "x = y", method="solutions"),
    Case("squares-elsewhere", "(x - 1)**2 + y**2 = 0", "=>", "x = 0", {"x": "1", "y": "0"}),
    Case("difference-of-squares", "x**2 - y**2 = 0", "=>", "x = 0", {"x": "1", "y": "1"}),
    Case("squares-not-zero", "x**2 + y**2 = 1", "=>", "x = 0", {"x": "1", "y": "0"}),
    Case("square-and-cube", "x**2 + y**3 = 0", "=>", "x = 0", {"x": "1", "y": "-1"}),
    # strictly monotonic in the unknown solved for
    Case("monotonic", "1/(1 + exp(-x)) = p", "<=>", "x = log(p/(1 - p))", method="solutions"),
    Case(
        "monotonic-flipped",
        "1/(1 + exp(-x)) = p",
        "<=>",
        "x = log((1 - p)/p)",
        {"x": "-1", "p": "1/(1 + E)"},
    ),
    Case("tanh-monotonic", "tanh(x) = w", "<=>", "x = log((1 + w)/(1 - w))/2", method="solutions"),
    Case(
        "tanh-flipped",
        "tanh(x) = w",
        "<=>",
        "x = log((1 - w)/(1 + w))/2",
        {"x": "log(2)/2", "w": "1/3"},
    ),
    Case(
        "cosh-not-monotonic",
        "cosh(x) = c",
        "<=>",
        "x = log(c + sqrt(c**2 - 1))",
        {"x": "-log(2 + sqrt(3))", "c": "2"},
    ),
    Case("not-monotonic", "x**3 - 3*x = y**3 - 3*y", "<=>", "x = y", {"x": "2", "y": "-1"}),
    # family members brought in by a sum whose range becomes concrete
    Case(
        "laplace-not-likelihood",
        "Sum(l[i], (i, 1, N))/p - (N - Sum(l[i], (i, 1, N)))/(1 - p) = 0",
        "<=>",
        "p = (Sum(l[i], (i, 1, N)) + 1)/(N + 2)",
        {"N": "3", "l[1]": "1", "l[2]": "1", "l[3]": "0", "p": "2/3"},
    ),
    Case(
        "a-term-more-than-it-needs",
        "Sum(log(o[i]), (i, 1, N)) = x",
        "<=>",
        "Sum(log(o[i]), (i, 1, N + 1)) - log(o[N + 1]) = x",
        {"N": "1", "o[1]": "1", "o[2]": "-1", "x": "0"},
    ),
    # a sum split by linearity is linear in the unknown: Σ 1 is the number of terms
    Case(
        "least-squares",
        "Derivative(Sum((o[i] - a)**2, (i, 1, N)), a) = 0",
        "<=>",
        "a = Sum(o[i], (i, 1, N))/N",
        method="solutions",
    ),
    Case(
        "least-squares-twice",
        "Derivative(Sum((o[i] - a)**2, (i, 1, N)), a) = 0",
        "<=>",
        "a = Sum(o[i], (i, 1, N))/(2*N)",
        {"N": "1", "o[1]": "2", "a": "2"},
    ),
    Case(
        "mean-from-zero",
        "Sum(a - o[i], (i, 0, N)) = 0",
        "<=>",
        "a = Sum(o[i], (i, 0, N))/N",
        {"N": "1", "o[0]": "0", "o[1]": "2", "a": "1"},
    ),
    Case(
        "mean-of-no-terms",
        "Sum(a - o[i], (i, 1, M)) = 0",
        "<=>",
        "a = Sum(o[i], (i, 1, M))/M",
        {"M": "0", "a": "0"},
    ),
    Case(
        "mean-of-no-terms-implied",
        "a = Sum(o[i], (i, 1, M))/M",
        "=>",
        "Sum(a - o[i], (i, 1, M)) = 0",
        method="solutions",
    ),
    Case(
        "variance-without-one-over-n",
        "-N/(2*c) + Sum((o[i] - a)**2, (i, 1, N))/(2*c**2) = 0",
        "<=>",
        "c = Sum((o[i] - a)**2, (i, 1, N))",
        {"N": "2", "o[1]": "1", "o[2]": "-1", "a": "0", "c": "1"},
    ),
]
METHODS = {
    "rewritten": "the same equation, its sides rewritten",
    "rearranged": "rearranged (multiplied by a factor ≠ 0)",
    "solutions": "the solutions of one equation solve the other",
    "log": "log applied to both sides",
    "cube": "cube applied to both sides",
    "squared": "both sides squared",
}
TIMEOUT = 20.0  # generous: two shared cores; most take well under a second alone


def _file_text() -> str:
    chains = [
        f'[[chain]]\nname = "{c.name}"\nsteps = ["{c.first}", "{c.rel} {c.second}"]\n'
        for c in CASES
    ]
    return 'title = "equations"\n[symbols]\n' + SYMBOLS + "\n".join(chains)


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, RelationResult]]:
    folder = tmp_path_factory.mktemp("equations")
    report = check_text(folder, _file_text(), timeout=TIMEOUT)
    assert not report.errors, report.errors
    results = {chain.name: chain.relations[0] for d in report.derivations for chain in d.chains}
    return write(folder, _file_text()), results


def _reference(path: Path, name: str):  # type: ignore[no-untyped-def]
    (chain,) = [c for c in read_chains(path) if c.name == name]
    return chain.relations[0]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_label_is_the_reference_evaluators(
    case: Case, checked: tuple[Path, dict[str, RelationResult]]
) -> None:
    relation = _reference(checked[0], case.name)
    if case.truth:
        found = check_true(relation)
        assert found.points > 0 and not found.failures, found.failures[:1]
    else:
        assert case.witness is not None
        confirmation = check_counterexample(relation, case.witness)
        assert confirmation.confirmed, confirmation.reason


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_false_steps_are_refuted_where_the_reference_agrees(
    case: Case, checked: tuple[Path, dict[str, RelationResult]]
) -> None:
    result = checked[1][case.name]
    if case.truth:
        assert result.verdict is Verdict.PROVED, (result.verdict, result.reason)
        assert case.method is not None and result.method == METHODS[case.method]
        return
    assert result.verdict is Verdict.REFUTED, (result.verdict, result.reason)
    example = result.counterexample
    assert example is not None
    confirmation = check_counterexample(_reference(checked[0], case.name), dict(example.point))
    assert confirmation.confirmed, (dict(example.point), confirmation.reason)


def test_a_counterexample_names_every_unknown_and_member(
    checked: tuple[Path, dict[str, RelationResult]],
) -> None:
    example = checked[1]["laplace-not-likelihood"].counterexample
    assert example is not None
    n = int(example.point["N"])
    assert {f"l[{k}]" for k in range(1, n + 1)} | {"N", "p"} == set(example.point)
    several = checked[1]["several-unknowns"].counterexample
    assert several is not None and set(several.point) == {"x", "y"}


def test_a_lost_root_where_the_other_equation_is_undefined_says_so(
    checked: tuple[Path, dict[str, RelationResult]],
) -> None:
    example = checked[1]["root-lost-to-log"].counterexample
    assert example is not None and example.point == {"x": "-1"}
    assert "undefined" in example.rhs and "lost" in example.rhs


def _equations(path: Path, name: str) -> tuple[str, Equation, Equation, dict[Any, DomainInfo]]:
    """The relation of chain ``name`` as the equation stage receives it."""
    (derivations, problems, _) = load_paths([path])
    assert not problems
    (chain,) = [c for c in derivations[0].chains if c.name == name]
    decider = Decider()
    context = decider.context(derivations[0], chain)
    prev, nxt = chain.steps
    sides = [
        equation_of(prepare(step.expr, context.rules.definitions), step.guards)
        for step in (prev, nxt)
    ]
    return nxt.rel or "", sides[0], sides[1], context.infos


@pytest.mark.parametrize("case", [c for c in CASES if not c.truth], ids=lambda c: c.name)
def test_no_method_proves_a_false_step_without_the_refuter(
    case: Case, checked: tuple[Path, dict[str, RelationResult]]
) -> None:
    """The proof methods alone (no counterexample search first) must not prove it."""
    relation, first, second, infos = _equations(checked[0], case.name)
    zero = equal_where_defined(infos, prove)
    found: object = None
    try:
        with time_limit(TIMEOUT):
            found = prove_equation(relation, first, second, infos, zero)
    except ProofTimeout:  # not proved in the time: a loaded machine, and no proof either
        pass
    assert found is None


# -- the solution set of one equation, at a point ------------------------------------------

X, Y = sympy.Symbol("x", real=True), sympy.Symbol("y", real=True)
INFOS = {
    X: DomainInfo(X, "x", parse_domain("real")),
    Y: DomainInfo(Y, "y", parse_domain("real")),
}


def test_a_point_where_a_written_guard_fails_is_no_solution() -> None:
    # x**2/x = x is built as x = x; the reader's guard x ≠ 0 is what keeps 0 out.
    built = sympy.Eq(X, X, evaluate=False)
    guarded = equation_of(built, [Requirement(X, "nonzero", X**-1)])
    assert holds_at(guarded, {X: sympy.Integer(0)}) is False
    assert holds_at(guarded, {X: sympy.Integer(3)}) is True
    assert holds_at(equation_of(built), {X: sympy.Integer(0)}) is True


def test_a_side_that_is_not_a_real_number_is_no_solution() -> None:
    # the built sides' own requirements: log(x) needs x > 0
    assert (
        holds_at(
            equation_of(sympy.Eq(sympy.log(X), sympy.log(X), evaluate=False)),
            {X: sympy.Integer(-1)},
        )
        is False
    )
    assert exact_sign(sympy.log(-1)) == "undefined"
    assert exact_sign(sympy.sqrt(2) * sympy.sqrt(3) - sympy.sqrt(6)) == 0


def test_a_piecewise_with_no_condition_holding_is_no_solution() -> None:
    side = sympy.Piecewise((1, X > 0), (-1, X < 0))
    equation = equation_of(sympy.Eq(side * 0 + side, side, evaluate=False))
    assert holds_at(equation, {X: sympy.Integer(0)}) is False
    assert holds_at(equation, {X: sympy.Integer(2)}) is True
    selected = equation_of(sympy.Eq(sympy.Piecewise((sympy.log(X), X > -5), (0, True)), 0))
    assert holds_at(selected, {X: sympy.Integer(-1)}) is False  # log(-1) is selected


def test_a_sum_at_a_point_runs_over_its_integers_and_an_empty_range_is_zero() -> None:
    i = sympy.Symbol("i", integer=True)
    n = sympy.Symbol("n")
    assert at_point(sympy.Sum(1, (i, 5, 2)), {}) == 0  # SymPy's Karr convention gives -2
    assert at_point(sympy.Product(2, (i, 5, 2)), {}) == 1
    assert at_point(sympy.Sum(i, (i, sympy.Rational(1, 2), sympy.Rational(5, 2))), {}) == 3
    assert at_point(sympy.Sum(sympy.Sum(i, (i, 1, 3)), (i, 1, 2)), {}) == 12
    assert at_point(sympy.Sum(i, (i, 1, n)), {n: sympy.Integer(4)}) == 10
    y = sympy.IndexedBase("y")
    two = {n: sympy.Integer(1), y[2]: sympy.Integer(7)}
    assert at_point(y[n + 1], two) == 7  # the member y[N + 1] is y[2] at N = 1


def test_the_terms_of_a_sum_are_defined_over_its_range_at_the_point() -> None:
    i = sympy.Symbol("i", integer=True, positive=True)
    n = sympy.Symbol("N", integer=True, positive=True)
    y = sympy.IndexedBase("y")
    equation = equation_of(sympy.Eq(sympy.Sum(sympy.log(y[i] - X), (i, 1, n)), 0, evaluate=False))
    assert equation.unknowns(
        {**INFOS, i: DomainInfo(i, "i", parse_domain("positive integer"))}
    ) == {X}
    half, two = sympy.Rational(1, 2), sympy.Integer(2)
    at = {n: two, X: sympy.Integer(0), y[1]: half, y[2]: two}
    assert holds_at(equation, at) is True  # log(1/2) + log(2) = 0
    assert holds_at(equation, {**at, y[2]: -two, y[1]: -half}) is False  # log(-2): undefined
    # y[2] lies outside the range at N = 1: log(y[2]) is no term, its value plays no part
    one = sympy.Integer(1)
    assert holds_at(equation, {**at, n: one, y[1]: one, y[2]: -two}) is True


def test_a_requirement_is_covered_by_what_the_other_equation_says() -> None:
    # x = 2 says x > 0 there; the domains (x real) do not.
    given = equation_of(sympy.Eq(X, 2))
    assert covered(Requirement(X, "positive", sympy.log(X)), given, INFOS) is not None
    near_miss = equation_of(sympy.Eq(X**2, 4))
    assert covered(Requirement(X, "positive", sympy.log(X)), near_miss, INFOS) is None


def test_exact_roots_say_when_they_are_all_of_them() -> None:
    deadline = Deadline.after(5)
    real = parse_domain("real")
    roots, complete = exact_roots(X**2 - 2, X, real, deadline)
    assert complete and sorted(float(r) for r in roots) == pytest.approx([-(2**0.5), 2**0.5])
    _, complete = exact_roots(X + sympy.exp(X) - 2, X, real, deadline)
    assert not complete  # no closed form: the roots found are not all of them
    roots, complete = exact_roots(X**2 - 2, X, parse_domain("positive"), deadline)
    assert complete and len(roots) == 1


def test_a_numeric_root_is_confirmed_exactly_before_it_refutes() -> None:
    # The root 7/3 of x + exp(3x − 7) = 10/3 has no closed form SymPy finds: it is found
    # numerically, guessed exactly and confirmed. The second equation does not hold there.
    first = equation_of(sympy.Eq(X + sympy.exp(3 * X - 7), sympy.Rational(10, 3)))
    second = equation_of(sympy.Eq(X, 1))
    found = refute_equation("=>", first, second, INFOS, random.Random(0), seconds=10)
    assert found is not None and found.point == {"x": "7/3"}
    near_miss = equation_of(sympy.Eq(X + sympy.exp(3 * X - 7), 4))  # its root is irrational
    assert refute_equation("=>", near_miss, second, INFOS, random.Random(0), seconds=10) is None


def test_a_constant_guard_that_fails_leaves_no_solution() -> None:
    # x = 1 + 0*log(-1) is built as x = 1; what its written form needs, log(-1)'s -1 > 0,
    # holds nowhere: it has no solution, and x = 1 gains one.
    undefined = Requirement(sympy.Integer(-1), "positive", sympy.log(-1, evaluate=False))
    first = equation_of(sympy.Eq(X, 1), [undefined])
    second = equation_of(sympy.Eq(X, 1))
    assert holds_at(first, {X: sympy.Integer(1)}) is False
    found = refute_equation("<=>", first, second, INFOS, random.Random(0), seconds=10)
    assert found is not None and found.point == {"x": "1"} and "gained" in found.rhs
    assert refute_equation("=>", first, second, INFOS, random.Random(0), seconds=10) is None


def test_every_solution_set_is_of_all_the_unknowns() -> None:
    first = equation_of(sympy.Eq(X * sympy.sin(Y), 0))
    second = equation_of(sympy.Eq(X, 0))
    found = refute_equation("=>", first, second, INFOS, random.Random(0), seconds=10)
    assert found is not None and set(found.point) == {"x", "y"}
    assert Equation(X, Y, ()).unknowns(INFOS) == {X, Y}


def test_a_solved_target_is_met_by_monotonicity_before_a_composed_zero(
    checked: tuple[Path, dict[str, RelationResult]],
) -> None:
    """``tanh(x) = w <=> x = φ(w)``: solving the first for w and putting w = tanh(x) into
    the second asks for φ(tanh(x)) = x, a hard zero the cascade may spend the budget on; the
    first's monotonicity in x answers it with no zero at all (each direction)."""
    relation, first, second, infos = _equations(checked[0], "tanh-monotonic")
    zero = equal_where_defined(infos, prove)
    asked: list[sympy.Expr] = []

    def recording(x: sympy.Expr, y: sympy.Expr) -> tuple[str, ...] | None:
        asked.append(x - y)
        return zero(x, y)

    found = prove_equation(relation, first, second, infos, recording)
    assert found is not None
    composed = [
        e
        for e in asked
        for inner in e.atoms(sympy.log)
        if inner.args[0].has(sympy.tanh) and not isinstance(inner.args[0], sympy.tanh)
    ]
    assert not composed


def test_an_integer_guard_holds_at_zero_and_fails_at_a_half() -> None:
    """A guard's kind is more than a sign: ``k ∈ ℤ`` holds at 0 and fails at 1/2 (it was
    judged as ``k ≠ 0``, so factorial(n) = 1 lost its root n = 0); ``real`` holds at any
    real number and fails at a value that is not one."""
    integer = Requirement(X, "integer", sympy.factorial(X))
    assert guard_holds(integer, {X: sympy.Integer(0)}) is True
    assert guard_holds(integer, {X: sympy.Integer(-3)}) is True
    assert guard_holds(integer, {X: sympy.Rational(1, 2)}) is False
    assert guard_holds(integer, {X: sympy.sqrt(2)}) is False
    real = Requirement(X, "real", X)
    assert guard_holds(real, {X: sympy.Integer(0)}) is True
    assert guard_holds(real, {X: sympy.sqrt(-1 + 0 * X)}) is False


def test_a_guard_of_the_given_equation_covers_the_same_integer_requirement() -> None:
    """``covered`` by a guard of the other equation of kind integer (was a KeyError)."""
    integer = Requirement(X, "integer", sympy.factorial(X))
    given = Equation(sympy.factorial(X), Y, (integer,))
    assert covered(integer, given, INFOS) == ()
