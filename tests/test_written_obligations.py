"""What a step as written needs to be defined is read off the written operations, before
SymPy evaluates anything: numbers included (``log(-1)`` needs ``-1 > 0``), inside the
definitions of ``[functions]``, each Piecewise value where its condition selects it, the
later parts of ``And`` only where the earlier ones hold, the terms of a sum for each index in
its range, the body of a limit near its point (issue 15, items 5 and 9; docs/semantics.md
§1–§5).

Expected verdicts come from the contract: every relation here is also evaluated by the
independent reference evaluator (``tests/reference``), which confirms each counterexample
the checker shows and finds no failure in the relations labelled true.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import sympy

from tests.helpers import write
from tests.reference import check_counterexample, check_true, read_chains
from xentproof import api
from xentproof.definedness import Near, Range, Requirement
from xentproof.errors import ExpressionError
from xentproof.result import RelationResult, Verdict
from xentproof.syntax.reader import read_constant, read_expression
from xentproof.syntax.scope import Scope

SYMBOLS = """\
x = "real"
a = "real"
p = "positive"
t = "positive"
b = "(-3, 3)"
y = "{1, 3}"
w = "{2, 4}"
n = "integer"
k = "positive integer"
"""
FUNCTIONS = """\
f = "t -> t/t"
r = "t -> sqrt(t)"
h = "(s, t) -> s/t"
"""


def _decide(tmp_path: Path, lhs: str, rel: str, rhs: str) -> RelationResult:
    """The checker's verdict on ``lhs rel rhs``, every counterexample confirmed by the
    reference evaluator, and the truth of the relation checked there too."""
    text = (
        f'title = "t"\n[symbols]\n{SYMBOLS}[functions]\n{FUNCTIONS}'
        f'[[chain]]\nname = "c"\nsteps = ["{lhs}", "{rel} {rhs}"]\n'
    )
    path = write(tmp_path, textwrap.dedent(text))
    report = api.check_paths([path], timeout=20)
    assert not report.errors, report.errors
    (result,) = report.relations
    (chain,) = read_chains(path)
    (relation,) = chain.relations
    assert relation is not None
    if result.verdict is Verdict.REFUTED:
        assert result.counterexample is not None
        confirmed = check_counterexample(relation, dict(result.counterexample.point))
        assert confirmed.confirmed, (result.counterexample, confirmed.reason)
    if result.verdict is Verdict.PROVED:
        assert not check_true(relation, limit=24).failures
    return result


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("log(-1)**2", "<", "0"),
        ("sqrt(-1)**2", "=", "-1"),
        ("exp(log(-1))", "=", "-1"),
        ("0*log(-1)", "=", "0"),
        ("log(-1) - log(-1)", "=", "0"),
        ("Abs(log(-1))", "=", "pi"),
        ("KroneckerDelta(log(-1), 0)", "=", "0"),
        ("Derivative(0*log(-1)*x, x)", "=", "0"),
        ("Sum(log(-1)*0, (i, 1, 3))", "=", "0"),
        ("(-4)**(1/2)*(-4)**(1/2)", "=", "-4"),
    ],
)
def test_an_undefined_constant_makes_its_side_undefined_everywhere(
    tmp_path: Path, lhs: str, rel: str, rhs: str
) -> None:
    # The other side is a real number: any point of the domains is a counterexample.
    assert _decide(tmp_path, lhs, rel, rhs).verdict is Verdict.REFUTED


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        ("log(-2) - log(2)", "log(-1)"),
        ("x - x + log(-1)", "log(-1)"),
        ("(-1)**(1/2)", "sqrt(-1)"),
        ("(-1)**x", "(-1)**x"),
        ("0*Limit(1/x, x, 0)", "0"),
    ],
)
def test_sides_undefined_alike_are_never_proved(tmp_path: Path, lhs: str, rhs: str) -> None:
    assert _decide(tmp_path, lhs, "=", rhs).verdict is not Verdict.PROVED


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("log(1)**2", "=", "0"),
        ("0*log(2)", "=", "0"),
        ("exp(log(2))", "=", "2"),
        ("(-1)**n", "=", "(-1)**n"),
        ("((-1)**(w/2))**2", "=", "1"),
        ("(-2)**(2/2)", "=", "-2"),
        ("Sum(log(-1)*0, (i, 1, 0))", "=", "0"),
        ("f(p)", "=", "1"),
        ("Piecewise((x/x, x > 5), (1, True))", "=", "1"),
        ("Piecewise((1/x, Ne(x, 0)), (0, True))*x", "=", "Piecewise((1, Ne(x, 0)), (0, True))"),
        ("Limit((p*x)/(p*x), x, 0)", "=", "1"),
        ("Limit(x/x, x, 0)", "=", "1"),
        ("Limit(tan(x), x, pi/2, '-')", "=", "oo"),
        # near ∞: by leading coefficients, by u = 1/t, beyond t = 1
        ("Limit((1 + b/t)**t, t, oo)", "=", "exp(b)"),
        ("Limit(t*log(1 + b/t), t, oo)", "=", "b"),
        ("Limit(sqrt(log(t))/t, t, oo)", "=", "0"),
    ],
)
def test_near_misses_that_are_defined_are_still_proved(
    tmp_path: Path, lhs: str, rel: str, rhs: str
) -> None:
    assert _decide(tmp_path, lhs, rel, rhs).verdict is Verdict.PROVED


@pytest.mark.parametrize(
    ("lhs", "rhs", "where"),
    [
        # a definition whose body SymPy folds (t/t is built as 1)
        ("f(x)", "1", {"x": "0"}),
        ("h(x, x)", "1", {"x": "0"}),
        ("r(x)**2", "x", None),
        # a Piecewise value undefined where its condition selects it
        ("Piecewise((x/x, x > -5), (1, True))", "1", {"x": "0"}),
        # a negative base with an exponent that need not be an integer
        ("((-1)**(y/2))**2", "-1", None),
        ("((-2)**(k/2))**2", "(-2)**k", None),
        # a limit's body undefined for every x near the point when a = 0
        ("Limit((a*x)/(a*x), x, 0)", "1", {"a": "0"}),
        ("Limit(log(1 + a*x)/(a*x), x, 0)", "1", {"a": "0"}),
        ("Limit(log(a*t)/log(t), t, oo)", "1", {"a": "0"}),
    ],
)
def test_a_folded_operation_undefined_somewhere_is_refuted_there(
    tmp_path: Path, lhs: str, rhs: str, where: dict[str, str] | None
) -> None:
    result = _decide(tmp_path, lhs, "=", rhs)
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None
    if where is not None:
        assert result.counterexample.point == where


def test_and_is_read_left_to_right(tmp_path: Path) -> None:
    # x > 0 is checked first: log(x) is evaluated only where x > 0 (docs/semantics.md §3).
    guarded = "Piecewise((1, And(x > 0, log(x) > 0)), (0, True))"
    assert _decide(tmp_path, guarded, "=", "Piecewise((1, x > 1), (0, True))").verdict in (
        Verdict.PROVED,
        Verdict.UNPROVED,
    )
    # The near miss: log(x) first is undefined at x = -1.
    unguarded = "Piecewise((1, And(log(x) > 0, x > 0)), (0, True))"
    assert _decide(tmp_path, unguarded, ">=", "0").verdict is Verdict.REFUTED


X = sympy.Symbol("x", real=True)
A = sympy.Symbol("a", real=True)
SCOPE = Scope(symbols={"x": X, "a": A})


def _guards(text: str) -> set[tuple[sympy.Basic, str, sympy.Basic, tuple[object, ...]]]:
    return {(g.expr, g.kind, g.when, g.binders) for g in read_expression(text, SCOPE).guards}


def test_the_reader_records_each_need_where_it_is_evaluated() -> None:
    assert (sympy.Integer(-1), "positive", sympy.true, ()) in _guards("0*log(-1)")
    assert (X, "nonzero", X > -5, ()) in _guards("Piecewise((x/x, x > -5), (1, True))")
    # the value of the last branch only where the first condition fails
    assert (X - 1, "positive", X <= 0, ()) in _guards("Piecewise((0, x > 0), (log(x - 1), True))")
    in_and = "Piecewise((1, And(x > 0, log(x) > 0)), (0, True))"
    assert (X, "positive", X > 0, ()) in _guards(in_and)
    in_or = "Piecewise((1, Or(x > 0, log(x) > 0)), (0, True))"
    assert (X, "positive", X <= 0, ()) in _guards(in_or)
    i = sympy.Symbol("i", integer=True)
    assert (i - 2, "positive", sympy.true, (Range(i, 1, 0),)) in _guards(
        "Sum(log(i - 2), (i, 1, 0))"
    )
    assert (A * X, "nonzero", sympy.true, (Near(X, 0, "+-"),)) in _guards(
        "Limit((a*x)/(a*x), x, 0)"
    )
    assert (X, "integer", sympy.true, ()) in _guards("(-1)**x")
    assert (X, "integer", A < 0, ()) in _guards("a**x")
    assert (A, "nonzero", X < 0, ()) in _guards("a**x")


def test_a_limit_that_stays_a_part_of_the_side_is_not_an_extra_need() -> None:
    # Its value may be ±oo; only a limit SymPy folded away must be a number.
    assert not any(g.kind == "real" for g in read_expression("Limit(1/x, x, 0)", SCOPE).guards)
    assert any(g.kind == "real" for g in read_expression("0*Limit(1/x, x, 0)", SCOPE).guards)


def test_a_requirement_placed_under_a_false_condition_is_dropped() -> None:
    need = Requirement(X, "nonzero", 1 / X)
    assert need.placed(sympy.false, ()) is None
    placed = need.placed(X > 0, ())
    assert placed is not None and placed.when == (X > 0)


@pytest.mark.parametrize("text", ["0*log(-1)", "sqrt(-2)*0", "(-8)**(1/3)"])
def test_a_constant_that_is_no_real_number_is_refused(text: str) -> None:
    with pytest.raises(ExpressionError, match="not a real number"):
        read_constant(text)


def test_a_guard_not_shown_still_lets_a_counterexample_refute(tmp_path: Path) -> None:
    # (1 + b/t)**(2t) needs 2t an integer where its base is negative; that is shown near ∞,
    # and the step is false for every b ≠ 0 (the limit is exp(2b)).
    assert _decide(tmp_path, "Limit((1 + b/t)**(2*t), t, oo)", "=", "exp(b)").verdict is (
        Verdict.REFUTED
    )
    # Undefined where its base is negative and the exponent is no integer (x = -1/2): not
    # proved, whatever SymPy makes of it.
    assert _decide(tmp_path, "(x**2)**(1/2)*(x**3)**(1/3)", "=", "x*Abs(x)").verdict is not (
        Verdict.PROVED
    )
