"""One-variable inequalities in exponentials of the symbol (``exp_substitution``, issue 18
class 1): E = exp(s/q) makes them rational in E over the image of the domain. Proofs and
their near misses, including the closed end s = 0 (E = 1) of a nonnegative symbol."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.domains import parse_domain
from xentproof.prover.exp_substitution import prove_through_exp
from xentproof.result import Verdict

from .helpers import relation_of

SYMBOLS = 'u = "real"\nv = "positive"\nn = "nonnegative"\nw = "negative"'


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs", "verdict"),
    [
        ("1 - tanh(v)", ">=", "exp(-2*v)", Verdict.PROVED),
        ("1 - tanh(u)", ">=", "exp(-2*u)", Verdict.REFUTED),  # fails for u < 0
        ("1 - tanh(v)", ">=", "2*exp(-2*v)", Verdict.REFUTED),  # far out: 2/(E² + 1) < 2/E²
        ("1 + tanh(w)", ">=", "exp(2*w)", Verdict.PROVED),
        ("1 - tanh(n)", ">=", "exp(-2*n)", Verdict.PROVED),  # equality at n = 0
        ("1 - tanh(n)", ">", "exp(-2*n)", Verdict.REFUTED),  # n = 0: 1 = 1
        ("exp(u) + exp(-u)", ">=", "2", Verdict.PROVED),
        ("exp(u) + exp(-u)", ">", "2", Verdict.REFUTED),
    ],
)
def test_an_inequality_in_exponentials(
    tmp_path: Path, lhs: str, rel: str, rhs: str, verdict: Verdict
) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs, rel)
    assert result.verdict is verdict, result.reason


def test_the_closed_end_is_covered() -> None:
    """A nonnegative symbol reaches s = 0 (E = 1): 1 − tanh(n) − e^{−2n} is 0 there, so the
    strict inequality is not proved, the non-strict one is."""
    n = sympy.Symbol("n", nonnegative=True)
    value = 1 - sympy.tanh(n) - sympy.exp(-2 * n)
    domain = parse_domain("nonnegative")
    assert prove_through_exp(value, False, n, domain) is not None
    assert prove_through_exp(value, True, n, domain) is None
    assert prove_through_exp(value, True, n, parse_domain("positive")) is not None
    assert prove_through_exp(value, False, n, parse_domain("[-1, 1]")) is None
