"""The roots of equations that the sampler tries, against values computed by hand."""

from __future__ import annotations

from fractions import Fraction

from tests.reference import (
    Declarations,
    Relation,
    check_true,
    evaluate_relation,
    parse_domain,
    parse_expression,
    sample_points,
)
from tests.reference.roots import equation_roots, quadratic
from tests.reference.tree import Node, Num


def equivalence(rel: str, left: str, right: str, **domains: str) -> Relation:
    decl = Declarations(symbols={k: parse_domain(v) for k, v in domains.items()})
    sides = [tuple(parse_expression(p) for p in s.split("=")) for s in (left, right)]
    return Relation(rel, sides[0], sides[1], decl)  # type: ignore[arg-type]


def exact_values(nodes: list[Node]) -> set[Fraction]:
    return {n.value for n in nodes if isinstance(n, Num)}


def test_interpolation_finds_the_polynomial_or_says_there_is_none() -> None:
    xs = tuple(Fraction(k) for k in range(5))
    assert quadratic(xs, [Fraction(x * x - 13 * x + 42) for x in xs]) == (
        Fraction(1),
        Fraction(-13),
        Fraction(42),
    )
    assert quadratic(xs, [Fraction(7 * x - 8) for x in xs]) == (
        Fraction(0),
        Fraction(7),
        Fraction(-8),
    )
    assert quadratic(xs, [Fraction(x**3) for x in xs]) is None


def test_roots_of_linear_and_quadratic_equations() -> None:
    linear = equivalence("<=>", "7*x - 5 = 3", "7*x = -2", x="real")
    assert exact_values(equation_roots(linear, "x")) == {Fraction(8, 7), Fraction(-2, 7)}
    square = equivalence("<=>", "x - 6 = (x - 6)**2", "x = 6", x="real")
    assert exact_values(equation_roots(square, "x")) == {Fraction(6), Fraction(7)}
    none = equivalence("<=>", "x**2 + 1 = 0", "exp(x) = 2", x="real")
    assert equation_roots(none, "x") == []  # no real root, and not a polynomial
    two = equivalence("=>", "x*y = 0", "x = 0", x="real", y="real")
    assert exact_values(equation_roots(two, "x")) == {0}  # x*y = 0, in two unknowns: not tried


def test_irrational_roots_are_written_with_a_square_root() -> None:
    r = equivalence("<=>", "x**2 = 2", "x = sqrt(2)", x="real")
    roots = equation_roots(r, "x")
    assert len(roots) == 2 and not exact_values(roots)
    outcomes = [evaluate_relation(r, {"x": root}).holds for root in roots]
    assert sorted(outcomes, key=str) == [False, True]  # -sqrt(2) solves only the first


def test_the_sampler_tries_the_solutions_so_a_lost_root_is_found() -> None:
    wrong = equivalence("<=>", "7*x - 5 = 3", "7*x = -2", x="real")
    failing = [p["x"] for p in sample_points(wrong) if evaluate_relation(wrong, p).holds is False]
    assert exact_values(failing) == {Fraction(8, 7), Fraction(-2, 7)}
    right = equivalence("<=>", "7*x - 5 = 3", "x = 8/7", x="real")
    assert not check_true(right).failures
    integer = equivalence("<=>", "x**2 - 13*x + 42 = 0", "x = 6", n="integer", x="integer")
    assert {Fraction(7)} <= exact_values(
        [p["x"] for p in sample_points(integer) if evaluate_relation(integer, p).holds is False]
    )
