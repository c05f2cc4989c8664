"""n! is defined for the integers n >= 0 only (docs/semantics.md §1): a step that writes
(n - 1)! with n = 0 allowed is refuted there as undefined, and a sum or product over a range
empty at a point is 0 or 1 there whatever SymPy's cached assumptions on it say."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sympy

from tests.helpers import relation_of
from xentproof.definedness import empty_ranges_valued, holds_for_number
from xentproof.result import Verdict

NATURAL = 'n = "nonnegative integer"\nk = "positive integer"'


def test_a_factorial_of_minus_one_refutes_the_step(tmp_path: Path) -> None:
    result = relation_of(tmp_path, NATURAL, "factorial(n)/factorial(n - 1)", "n")
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None
    assert dict(result.counterexample.point).get("n") == "0"


def test_the_same_step_for_positive_integers_is_proved(tmp_path: Path) -> None:
    # near miss of the refutation: n >= 1 leaves (n - 1)! defined
    result = relation_of(tmp_path, NATURAL, "factorial(k)/factorial(k - 1)", "k")
    assert result.verdict is Verdict.PROVED


def test_a_factorial_of_a_natural_number_is_not_refuted(tmp_path: Path) -> None:
    result = relation_of(tmp_path, NATURAL, "factorial(n + 1)/factorial(n)", "n + 1")
    assert result.verdict is Verdict.PROVED


def test_an_empty_product_is_one_before_sympy_is_asked() -> None:
    # SymPy's assumptions on an unevaluated empty product are not asked (they are cached per
    # class and were seen to say is_zero True): the empty ranges are valued first
    t = sympy.Symbol("t", integer=True)
    n = sympy.Symbol("n", integer=True, positive=True)
    empty = sympy.Product(t, (t, 1, 0))
    assert empty_ranges_valued(1 / empty) == 1
    assert empty_ranges_valued(sympy.Sum(t, (t, 3, 1)) + n) == n
    assert empty_ranges_valued(sympy.Product(t, (t, 1, n))) == sympy.Product(t, (t, 1, n))
    assert holds_for_number(1 / empty, "positive") is True
    assert holds_for_number(sympy.Sum(t, (t, 3, 1)) - 1, "positive") is False


BINOMIAL = """title = "binomial log-likelihood derivative"
[symbols]
n = "positive integer"
y = "{0, ..., n}"
p = "(0, 1)"
[functions]
fact = "a -> Product(t, (t, 1, a))"
[[chain]]
name = "derivative"
steps = [
  "Derivative(log(fact(n)/(fact(y)*fact(n - y))) + y*log(p) + (n - y)*log(1 - p), p)",
  "= y/p - (n - y)/(1 - p)",
]
[[chain]]
name = "stationary"
steps = ["0 = y/p - (n - y)/(1 - p)", "<=> p = y/n"]
"""


def test_the_binomial_derivative_is_not_refuted_at_an_empty_factorial(tmp_path: Path) -> None:
    # statproofbook P381: with PYTHONHASHSEED=1 the step was REFUTED at n = 1, y = 0 as
    # "1/Product(t, (t, 1, 0)) undefined" (SymPy's cached is_zero of the empty product)
    path = tmp_path / "binomial.toml"
    path.write_text(BINOMIAL)
    exe = Path(sys.executable).parent / "xentproof"
    env = dict(os.environ, PYTHONHASHSEED="1")
    done = subprocess.run(
        [str(exe), "check", "--no-cache", "-j", "1", str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert "REFUTED" not in done.stdout, done.stdout
