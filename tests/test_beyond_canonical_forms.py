"""Regression tests: Max/Min/Abs identities in several variables, one-variable inequalities
by calculus and rewrites, AM-GM by squares, and a sum with its last term split off."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from tests.helpers import relation_of
from xentproof.prover.by_cases import _meaning
from xentproof.prover.calculus import prove_by_calculus
from xentproof.prover.symbolic import exp_of_difference, prove_zero
from xentproof.result import Verdict

REALS = 'a = "real"\nb = "real"\nx = "real"\nz = "real"\ns = "real"\nz1 = "real"\nz2 = "real"\n'
POSITIVE = 'p = "positive"\nq = "positive"\n'

TRUE_PAIRS = [
    (REALS, "Max(a, b) + Min(a, b)", "a + b", "="),
    (REALS, "Max(a, b)", "(a + b + Abs(a - b))/2", "="),
    (
        REALS,
        "log(exp(z1) + exp(z2))",
        "Max(z1, z2) + log(1 + exp(-Abs(z1 - z2)))",
        "=",
    ),
    (REALS, "Abs(x + z)", "Abs(x) + Abs(z)", "<="),
    (REALS, "log(1 + exp(s))", "Max(s, 0)", ">="),
    (POSITIVE, "log(p)", "p - 1", "<="),
    (REALS, "exp(x)", "1 + x", ">="),
    (POSITIVE, "(p + q)/2", "sqrt(p*q)", ">="),
    (REALS, "log(1 + exp(s))", "s", ">"),
    (POSITIVE, "log(1 + p)", "p", "<"),
]


@pytest.mark.parametrize(
    ("symbols", "lhs", "rhs", "rel"), TRUE_PAIRS, ids=[f"{a} {r} {b}" for _, a, b, r in TRUE_PAIRS]
)
def test_true_pair_is_proved(tmp_path: Path, symbols: str, lhs: str, rhs: str, rel: str) -> None:
    result = relation_of(tmp_path, symbols, lhs, rhs, rel)
    assert result.verdict is Verdict.PROVED, (result.method, result.reason)


def test_sum_with_last_term_split_off(tmp_path: Path) -> None:
    symbols = 'N = "positive integer"\ni = "positive integer"\n"a[i]" = "real"\n'
    result = relation_of(
        tmp_path, symbols, "Sum(a[i], (i, 1, N + 1))", "Sum(a[i], (i, 1, N)) + a[N + 1]"
    )
    assert result.verdict is Verdict.PROVED, (result.method, result.reason)


# Near misses of the pairs above: each fails somewhere in its domain, so none may be PROVED
# (the new methods run only after sampling, but must not prove them even so).
FALSE_PAIRS = [
    (REALS, "Max(a, b) + Min(a, b)", "a + b + Abs(a - b)/1000", "="),
    (REALS, "Abs(x + z)", "Abs(x) + Abs(z)", ">"),
    (REALS, "Abs(x - z)", "Abs(x) - Abs(z)", "<="),
    (REALS, "log(1 + exp(s))", "Max(s, 0) + 1/1000", ">="),
    (POSITIVE, "log(p)", "p - 1", "<"),
    (REALS, "exp(x)", "1 + x", ">"),
    (REALS, "exp(x)", "1 + x + x**2/2", ">="),
    (POSITIVE, "(p + q)/2", "sqrt(p*q)", ">"),
    (POSITIVE, "log(1 + p)", "p - p**2/3", ">="),
]


@pytest.mark.parametrize(
    ("symbols", "lhs", "rhs", "rel"),
    FALSE_PAIRS,
    ids=[f"{a} {r} {b}" for _, a, b, r in FALSE_PAIRS],
)
def test_false_pair_is_not_proved(
    tmp_path: Path, symbols: str, lhs: str, rhs: str, rel: str
) -> None:
    result = relation_of(tmp_path, symbols, lhs, rhs, rel)
    assert result.verdict is not Verdict.PROVED, (result.method, result.conditions)


def test_calculus_proof_names_its_method_and_facts(tmp_path: Path) -> None:
    result = relation_of(tmp_path, POSITIVE, "log(p)", "p - 1", "<=")
    assert result.verdict is Verdict.PROVED
    assert "calculus" in result.method
    assert any("f′ = 0 at 1" in c for c in result.conditions), result.conditions


def test_sign_split_reports_its_cases(tmp_path: Path) -> None:
    result = relation_of(tmp_path, REALS, "Max(a, b) + Min(a, b)", "a + b")
    assert result.verdict is Verdict.PROVED
    assert "sign split" in result.method
    assert any("a − b ≥ 0" in c and "a − b < 0" in c for c in result.conditions), result.conditions


def test_sum_with_first_and_last_terms_moved(tmp_path: Path) -> None:
    symbols = 'N = "positive integer"\ni = "positive integer"\n"a[i]" = "real"\n'
    result = relation_of(
        tmp_path, symbols, "Sum(a[i], (i, 1, N + 1))", "a[1] + Sum(a[i], (i, 2, N + 1))"
    )
    assert result.verdict is Verdict.PROVED, (result.method, result.reason)


def test_sum_split_needs_a_range_that_is_not_shorter_than_empty(tmp_path: Path) -> None:
    # N may be 0: Σ[i=3..N] is then empty (0), not minus the terms 1 and 2 as SymPy's
    # convention would have it, so the split Σ[1..N] = a[1] + a[2] + Σ[3..N] is false.
    symbols = 'N = "nonnegative integer"\ni = "positive integer"\n"a[i]" = "real"\n'
    result = relation_of(
        tmp_path, symbols, "Sum(a[i], (i, 1, N))", "a[1] + a[2] + Sum(a[i], (i, 3, N))"
    )
    assert result.verdict is not Verdict.PROVED, (result.method, result.conditions)


def test_exp_of_difference_sees_logs_of_positive_arguments() -> None:
    """1 − σ(s) > 0 is shown by cancel, not by SymPy's assumptions: the difference is then
    known real and exp(D) = 1 proves D = 0 without ``simplify``."""
    s = sympy.Symbol("s", real=True)
    sigmoid = 1 / (1 + sympy.exp(-s))
    found = prove_by_calculus("=", sympy.log(1 - sigmoid), -sympy.log(1 + sympy.exp(s)))
    assert found is not None and found[0] == "exp of the difference is 1"
    logit = prove_by_calculus("=", sympy.log(sigmoid / (1 - sigmoid)), s)
    assert logit is not None and logit[0] == "exp of the difference is 1"
    off = prove_by_calculus(
        "=", sympy.log(1 - sigmoid), -sympy.log(1 + sympy.exp(s)) + sympy.Rational(1, 1000)
    )
    assert off is None


def test_exp_of_difference_needs_every_log_argument_positive() -> None:
    """exp(log(x²) − 2·log(x)) = 1 for every x ≠ 0, but for x < 0 the difference is 2πi:
    with x only real, log(x) is not known real, and nothing is proved."""
    x = sympy.Symbol("x", real=True)
    assert prove_by_calculus("=", sympy.log(x**2), 2 * sympy.log(x)) is None
    p = sympy.Symbol("p", positive=True)
    assert prove_by_calculus("=", sympy.log(p**2), 2 * sympy.log(p)) is not None


def test_exp_of_the_difference_among_the_canonical_forms_states_its_condition(
    tmp_path: Path,
) -> None:
    """The log identities of the losses are proved by the exponential of the difference
    among the first canonical forms, with the condition that makes it exact."""
    functions = 'g = "t -> 1/(1 + exp(-t))"'
    result = relation_of(tmp_path, 's = "real"', "log(g(s)/(1 - g(s)))", "s", functions=functions)
    assert result.verdict is Verdict.PROVED
    assert result.method == "exp of the difference is 1"
    assert any("exp of it is 1 only where it is 0" in c for c in result.conditions)
    s = sympy.Symbol("s", real=True)
    sigmoid = 1 / (1 + sympy.exp(-s))
    difference = sympy.log(sigmoid / (1 - sigmoid)) - s
    assert prove_zero(difference, thorough=False) == "exp of the difference is 1"


def test_exp_of_difference_leaves_inequalities_it_cannot_simplify() -> None:
    """exp(p − 1 − log p) = exp(p)/(e·p) brings in a new exponential: not tried further
    (calculus proves it); exp(log(1 + exp(s)) − s) = 1 + exp(−s) > 1 is proved."""
    p = sympy.Symbol("p", positive=True)
    s = sympy.Symbol("s", real=True)
    assert exp_of_difference(p - 1 - sympy.log(p), False) is None
    found = exp_of_difference(sympy.log(1 + sympy.exp(s)) - s, True)
    assert found is not None and found[0] == "exp of the difference"
    assert prove_by_calculus(">=", p - 1, sympy.log(p)) is not None


_u = sympy.Symbol("u", positive=True)


@pytest.mark.parametrize(
    "value",
    [-_u, _u + 2, 1 - _u, sympy.Rational(1, 3) + sympy.Rational(2, 3) / (1 + _u), _u],
)
def test_reparametrised_symbol_in_the_declared_one(value: sympy.Expr) -> None:
    """The label of a sign case writes the interval's new symbol in the declared one: the
    inverse of x = value(u), the same as SymPy's solve gives (without its simplify)."""
    x = sympy.Symbol("x", real=True)
    (solved,) = sympy.solve(value - x, _u)
    assert sympy.simplify(_meaning({x: value})[_u] - solved) == 0
