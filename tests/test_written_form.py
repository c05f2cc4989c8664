"""A step is judged as written, not as SymPy simplified it while reading it.

SymPy cancels ``x/x`` and ``exp(log(u))`` as it builds them, so the object the checker gets
is defined where the written step is not. Found by the benchmark corpus
(bench/corpus/definedness.toml): these were PROVED "identical" before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import relation_of
from xentproof.result import Verdict

SYMBOLS = 'x = "real"\nu = "[0, 1]"\nn = "positive integer"\np = "positive"'


@pytest.mark.parametrize(
    ("lhs", "rhs", "where"),
    [
        ("x*(x + 1)/x", "x + 1", "x"),
        ("exp(log(u))", "u", "u"),
        ("x**n/x**n", "1", "x"),
        ("(x**2 - 1)/(x - 1)", "x + 1", "x"),
        ("x + 1", "x*(x + 1)/x", "x"),
    ],
)
def test_a_step_undefined_as_written_is_refuted(
    tmp_path: Path, lhs: str, rhs: str, where: str
) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, rhs)
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None
    assert where in result.counterexample.point


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        ("p*(p + 1)/p", "p + 1"),
        ("exp(log(p))", "p"),
        ("Derivative(log(p), p)", "1/p"),
        ("Limit(x*(x + 1)/x, x, 0)", "1"),
    ],
)
def test_where_the_written_form_is_defined_it_still_proves(
    tmp_path: Path, lhs: str, rhs: str
) -> None:
    assert relation_of(tmp_path, SYMBOLS, lhs, rhs).verdict is Verdict.PROVED
