"""Limits written as steps (docs/semantics.md §5): two-sided unless a side is written, taken
within the declared domain, the body defined beside the point, Piecewise bodies resolved on
each side (issue 15, item 3). Expected verdicts come from the contract; every counterexample
is confirmed by the reference evaluator (``calculus_cases.decide``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.prover.no_limit import Absent, refute_absent
from xentproof.result import Verdict

from .calculus_cases import decide
from .helpers import chain, check_text

REAL = 'x = "real"'
JUMP = "Piecewise((2, x < 1), (x + 3, True))"
AT_ZERO = "Piecewise((1, Eq(x, 0)), (0, True))"


@pytest.mark.parametrize("value", ["4", "2"])
def test_a_two_sided_limit_at_a_jump_does_not_exist(tmp_path: Path, value: str) -> None:
    # the side with no value fails the step (docs/semantics.md §5), confirmed by the body's
    # values on both sides of the point
    r = decide(tmp_path, REAL, f"Limit({JUMP}, x, 1)", value)
    assert r.verdict is Verdict.REFUTED and r.method == "the limit does not exist"
    assert "does not exist" in r.reason and "from the left 2" in r.reason


@pytest.mark.parametrize(("side", "value"), [("+", "4"), ("-", "2")])
def test_each_side_of_a_jump_takes_its_own_branch(tmp_path: Path, side: str, value: str) -> None:
    r = decide(tmp_path, REAL, f"Limit({JUMP}, x, 1, '{side}')", value)
    assert r.verdict is Verdict.PROVED


@pytest.mark.parametrize(("side", "value"), [("+", "2"), ("-", "4")])
def test_a_side_does_not_take_the_branch_at_the_point(
    tmp_path: Path, side: str, value: str
) -> None:
    # near miss: SymPy's limit of the Piecewise is 4 from both sides
    r = decide(tmp_path, REAL, f"Limit({JUMP}, x, 1, '{side}')", value)
    assert r.verdict is Verdict.REFUTED


def test_the_value_at_the_point_plays_no_part(tmp_path: Path) -> None:
    assert decide(tmp_path, REAL, f"Limit({AT_ZERO}, x, 0)", "0").verdict is Verdict.PROVED
    assert decide(tmp_path, REAL, f"Limit({AT_ZERO}, x, 0)", "1").verdict is Verdict.REFUTED


def test_a_jump_whose_size_depends_on_a_parameter_is_not_proved(tmp_path: Path) -> None:
    symbols = 'x = "real"\nt = "positive"'
    r = decide(tmp_path, symbols, "Limit(Piecewise((t, x < 0), (1, True)), x, 0)", "1")
    assert r.verdict is not Verdict.PROVED


def test_max_and_abs_bodies_are_resolved_on_each_side(tmp_path: Path) -> None:
    assert decide(tmp_path, REAL, "Limit(Max(x, 0)/x, x, 0, '+')", "1").verdict is Verdict.PROVED
    assert decide(tmp_path, REAL, "Limit(Max(x, 0)/x, x, 0, '-')", "0").verdict is Verdict.PROVED
    assert decide(tmp_path, REAL, "Limit(Max(x, 0)/x, x, 0)", "1").verdict is Verdict.REFUTED
    assert decide(tmp_path, REAL, "Limit(Abs(x), x, 0)", "0").verdict is Verdict.PROVED


def test_the_latex_limit_is_two_sided(tmp_path: Path) -> None:
    cases = r"\begin{cases} 2 & x < 1 \\ x + 3 & \text{otherwise} \end{cases}"
    text = f'title = "t"\n[symbols]\n{REAL}\n' + chain(
        '"4"', f"{{ rel = \"=\", latex = '\\lim_{{x \\to 1}} {cases}' }}"
    )
    text += chain('"4"', f"{{ rel = \"=\", latex = '\\lim_{{x \\to 1^{{+}}}} {cases}' }}", name="d")
    two_sided, right = check_text(tmp_path, text).relations
    assert two_sided.verdict is Verdict.REFUTED and "does not exist" in two_sided.reason
    assert right.verdict is Verdict.PROVED


@pytest.mark.parametrize(
    ("symbols", "lhs", "rhs"),
    [
        ('u = "(0, 1)"', "Limit(1/u, u, oo)", "1"),  # u never grows without bound
        ('u = "(0, 1)"', "Limit(u, u, 2)", "2"),  # no point of (0, 1) near 2
        ('v = "[0, 1]"', "Limit(v, v, 1)", "1"),  # nothing right of 1
        ('s = "{0, 1}"', "Limit(s, s, 1)", "1"),  # a finite set has no limit point
        ('n = "positive integer"', "Limit(n, n, 5)", "5"),  # nor do the integers
    ],
)
def test_a_limit_at_a_point_that_is_not_a_limit_point_is_not_proved(
    tmp_path: Path, symbols: str, lhs: str, rhs: str
) -> None:
    r = decide(tmp_path, symbols, lhs, rhs)
    assert r.verdict is Verdict.UNPROVED
    assert "does not exist" in r.reason or "outside" in r.reason


def test_a_limit_inside_a_closed_end_is_taken(tmp_path: Path) -> None:
    r = decide(tmp_path, 'v = "[0, 1]"', "Limit(v, v, 1, '-')", "1")
    assert r.verdict is Verdict.PROVED


def test_an_integer_going_to_infinity_is_a_sequence(tmp_path: Path) -> None:
    n = 'n = "positive integer"'
    assert decide(tmp_path, n, "Limit(n*sin(pi/n), n, oo)", "pi").verdict is Verdict.PROVED
    assert decide(tmp_path, n, "Limit(n*sin(pi/n), n, oo)", "0").verdict is Verdict.REFUTED
    assert decide(tmp_path, n, "Limit(sin(pi*n), n, oo)", "0").verdict is Verdict.PROVED
    # as a real variable the same body has no limit
    r = decide(tmp_path, REAL, "Limit(sin(pi*x), x, oo)", "0")
    assert r.verdict is not Verdict.PROVED


@pytest.mark.parametrize("body", ["sqrt(x)", "x*log(x)", "log(x)"])
def test_the_body_must_be_defined_on_both_sides(tmp_path: Path, body: str) -> None:
    value = "-oo" if body == "log(x)" else "0"
    r = decide(tmp_path, REAL, f"Limit({body}, x, 0)", value)
    assert r.verdict is Verdict.UNPROVED and "left of 0" in r.reason
    assert decide(tmp_path, REAL, f"Limit({body}, x, 0, '+')", value).verdict is Verdict.PROVED


@pytest.mark.parametrize(
    ("lhs", "needs"),
    [
        ("Limit(log(1 + a*x)/(a*x), x, 0)", "a ≠ 0"),
        ("Limit((1 - cos(a*x))/(a*x)**2, x, 0)", "a² ≠ 0"),
        ("Limit(log(a*t)/log(t), t, oo)", "a > 0"),
    ],
)
def test_a_limit_needs_its_body_defined_for_every_parameter(
    tmp_path: Path, lhs: str, needs: str
) -> None:
    # bench/corpus/power_limits.toml: at a = 0 (or a ≤ 0) the body is undefined beside the
    # point, so the limit does not exist there
    symbols = 'a = "real"\nx = "real"\nt = "positive"'
    rhs = "1/2" if "cos" in lhs else "1"
    r = decide(tmp_path, symbols, lhs, rhs)
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None and r.counterexample.point["a"] in ("0", "-1")


@pytest.mark.parametrize(
    "lhs",
    [
        "Limit(log(1 + c*x)/(c*x), x, 0)",
        "Limit(log(c*t)/log(t), t, oo)",
        "Limit(log(1 + a*x)/x, x, 0)",
    ],
)
def test_a_parameter_that_keeps_the_body_defined_is_proved(tmp_path: Path, lhs: str) -> None:
    symbols = 'a = "real"\nc = "positive"\nx = "real"\nt = "positive"'
    rhs = "a" if "a*x)/x" in lhs else "1"
    assert decide(tmp_path, symbols, lhs, rhs).verdict is Verdict.PROVED


def test_a_limit_in_a_fixed_symbol_still_varies_it(tmp_path: Path) -> None:
    text = f'title = "t"\n[symbols]\n{REAL}\n[[chain]]\nname = "c"\nwhere = {{ x = "1" }}\n'
    text += 'steps = ["Limit(x**2, x, 2)", "= 4"]\n'
    (r,) = check_text(tmp_path, text).relations
    assert r.verdict is Verdict.PROVED


def test_a_value_sympy_gives_for_a_generic_parameter_is_not_used(tmp_path: Path) -> None:
    # SymPy: ∞·sign(a²), no value at a = 0, where the body a²/x² is 0 and so is its limit
    symbols = 'a = "real"\nx = "real"\nc = "positive"'
    assert decide(tmp_path, symbols, "Limit(a**2/x**2, x, 0)", "5", ">").verdict is not (
        Verdict.PROVED
    )
    assert decide(tmp_path, symbols, "Limit(c/x**2, x, 0)", "oo").verdict is Verdict.PROVED


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        ("Limit(x**2/(x**2 + a**2), x, 0)", "0"),  # 1 at a = 0
        ("Limit(x/(x + a), x, 0)", "0"),  # 1 at a = 0
        ("Limit(x**2/(x**2 + (c - 1)**2), x, 0)", "0"),  # 1 at c = 1, c positive
    ],
)
def test_sympys_limit_for_generic_parameters_is_not_proved(
    tmp_path: Path, lhs: str, rhs: str
) -> None:
    # Gruntz's algorithm takes the leading coefficient a² to be nonzero; at a = 0 the body
    # is 1 beside the point and so is its limit
    symbols = 'a = "real"\nx = "real"\nc = "positive"'
    assert decide(tmp_path, symbols, lhs, rhs).verdict is not Verdict.PROVED


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        ("Limit(sin(a*x)/x, x, 0)", "a"),  # Taylor quotient, exact for every a
        ("Limit(x**c, x, 0, '+')", "0"),  # a power c > 0 of the distance
        ("Limit(x**2/(x**2 + c**2), x, 0)", "0"),  # c² > 0 for every positive c
    ],
)
def test_a_parametric_limit_found_exactly_is_proved(tmp_path: Path, lhs: str, rhs: str) -> None:
    symbols = 'a = "real"\nx = "real"\nc = "positive"'
    assert decide(tmp_path, symbols, lhs, rhs).verdict is Verdict.PROVED


@pytest.mark.parametrize(
    ("lhs", "rhs", "verdict"),
    [
        ("Limit(Derivative(Abs(x), x), x, 0, '+')", "1", Verdict.PROVED),
        ("Limit(Derivative(Abs(x), x), x, 1)", "1", Verdict.PROVED),
        ("Limit(Derivative(Abs(x), x), x, 0, '-')", "-1", Verdict.PROVED),
        ("Limit(Derivative(Abs(x), x), x, 0, '+')", "0", Verdict.REFUTED),  # near miss
        ("Limit(Derivative(Abs(x), x), x, 0)", "0", Verdict.REFUTED),  # sides differ
        ("Limit(Derivative(sqrt(x), x), x, 0, '-')", "oo", Verdict.UNPROVED),  # undefined
    ],
)
def test_a_derivative_inside_a_limit_needs_its_variable_only_beside_the_point(
    tmp_path: Path, lhs: str, rhs: str, verdict: Verdict
) -> None:
    # |x| has no derivative at 0, but the limit looks only beside its point; the step's
    # own x (there is none here) is another symbol: x = 0 is no counterexample
    assert decide(tmp_path, REAL, lhs, rhs).verdict is verdict


@pytest.mark.parametrize(
    ("lhs", "rhs", "verdict"),
    [
        ("Limit(exp(-c*t), t, oo)", "0", Verdict.PROVED),  # t = −log(u): u^c
        ("Limit(exp(-c*t), t, oo)", "1", Verdict.REFUTED),  # near miss
        ("Limit(exp(-a*t), t, oo)", "0", Verdict.REFUTED),  # 1 at a = 0, ∞ below
        ("Limit(log(t)/t**c, t, oo)", "0", Verdict.PROVED),  # t = 1/u: −u^c·log(u)
        ("Limit(exp(a/t)/(exp(a/t) + exp(b/t)), t, oo)", "1/2", Verdict.PROVED),
        # the limit is 1/2 for every a and b: the counterexample names values of both
        ("Limit(exp(a/t)/(exp(a/t) + exp(b/t)), t, oo)", "1/3", Verdict.REFUTED),
    ],
)
def test_a_parametric_limit_at_infinity_is_found_at_zero(
    tmp_path: Path, lhs: str, rhs: str, verdict: Verdict
) -> None:
    symbols = 'a = "real"\nb = "real"\nc = "positive"\nt = "positive"'
    assert decide(tmp_path, symbols, lhs, rhs).verdict is verdict


@pytest.mark.parametrize(
    ("lhs", "rhs", "verdict"),
    [
        ("Limit((1 + a/t)**t, t, oo)", "exp(a)", Verdict.PROVED),
        ("Limit((1 + a/t)**t, t, oo)", "E", Verdict.REFUTED),  # near miss: only at a = 1
        ("Limit((1 + a*t)**(1/t), t, 0, '+')", "exp(a)", Verdict.PROVED),
        ("Limit((1 + a*t)**(1/t), t, 0, '+')", "exp(2*a)", Verdict.REFUTED),
    ],
)
def test_a_power_with_the_variable_in_its_exponent_is_found_through_log(
    tmp_path: Path, lhs: str, rhs: str, verdict: Verdict
) -> None:
    # the base tends to 1 > 0: b**e = exp(e·log(b)) near the point, for every value of a
    symbols = 'a = "real"\nt = "positive"'
    assert decide(tmp_path, symbols, lhs, rhs).verdict is verdict


@pytest.mark.parametrize(
    ("lhs", "rhs", "verdict"),
    [
        ("Limit(1/x, x, 0)", "oo", Verdict.REFUTED),  # ∞ from the right, −∞ from the left
        ("Limit(1/x, x, 0)", "-oo", Verdict.REFUTED),
        ("Limit(exp(1/x), x, 0)", "oo", Verdict.REFUTED),  # ∞ and 0
        ("Limit(Abs(x)/x, x, 0)", "1", Verdict.REFUTED),
        ("Limit(1/x**2, x, 0)", "oo", Verdict.PROVED),  # near miss: both sides ∞
        ("Limit(1/x, x, 0, '+')", "oo", Verdict.PROVED),  # near miss: one side asked for
        ("Limit(Abs(x)/x, x, 0, '-')", "-1", Verdict.PROVED),
    ],
)
def test_a_limit_whose_sides_differ_refutes_the_step(
    tmp_path: Path, lhs: str, rhs: str, verdict: Verdict
) -> None:
    r = decide(tmp_path, REAL, lhs, rhs)
    assert r.verdict is verdict
    if verdict is Verdict.REFUTED:
        assert r.method == "the limit does not exist" and "from the left" in r.reason


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        ("Limit(1/x, x, 0)", "Limit(1/x, x, 0)"),  # no value on either side: not refuted here
        ("Limit(Abs(x)/x, x, 0) + 1", "2"),  # a limit inside a side: only a whole side
        ("Limit(a/x, x, 0)", "oo"),  # a parameter: the sides' values depend on it
    ],
)
def test_a_missing_limit_refutes_only_a_whole_side_against_a_number(
    tmp_path: Path, lhs: str, rhs: str
) -> None:
    r = decide(tmp_path, 'x = "real"\na = "real"', lhs, rhs)
    assert r.verdict is not Verdict.PROVED
    assert r.method != "the limit does not exist"


_X = sympy.Symbol("x", real=True)


@pytest.mark.parametrize(
    ("body", "right", "left", "confirmed"),
    [
        (1 / _X, sympy.oo, -sympy.oo, True),
        (_X, sympy.Integer(1), sympy.Integer(-1), False),  # values the body does not take
        (1 / sympy.log(sympy.Abs(_X)), sympy.Integer(0), sympy.Integer(1), False),  # → 0 both ways
        (_X ** (-2), sympy.oo, -sympy.oo, False),  # ∞ on both sides
    ],
)
def test_a_missing_limit_is_confirmed_by_the_body_not_by_the_limit_methods(
    body: sympy.Expr, right: sympy.Expr, left: sympy.Expr, confirmed: bool
) -> None:
    absent = Absent(sympy.Limit(body, _X, 0, "+-"), right, left)
    outcome = refute_absent([absent], [], absent.limit, sympy.Integer(7))
    assert (outcome is not None) is confirmed
