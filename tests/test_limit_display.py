"""A limit's side as every form shows it: no side written is the two-sided limit, in the
file syntax, the LaTeX the appendix prints (read back by the LaTeX reader) and the terminal
text; '+' and '-' are shown as such; at ±oo only one side exists and none is shown."""

from __future__ import annotations

import pytest

from xentproof.loader import load_text
from xentproof.notation import math_text
from xentproof.step_scope import derivation_scope
from xentproof.syntax.reader import read_expression
from xentproof.tex.parser import read_latex
from xentproof.tex.printer import expression_latex

SOURCE = 'title = "t"\n[symbols]\nx = "real"\n[[chain]]\nname = "c"\nsteps = ["1", "= 1"]\n'


@pytest.mark.parametrize(
    ("written", "side_shown"),
    [
        ("Limit(x**2, x, 1)", ""),
        ("Limit(x**2, x, 1, '+-')", ""),
        ("Limit(x**2, x, 1, '-')", "-"),
        ("Limit(x**2, x, 1, '+')", "+"),
        ("Limit(exp(-x), x, oo)", ""),
        ("Limit(exp(-x), x, oo, '-')", ""),
        ("Limit(exp(x), x, -oo, '+')", ""),
    ],
)
def test_the_printed_latex_reads_back_as_the_same_limit(written: str, side_shown: str) -> None:
    derivation = load_text(SOURCE)
    scope = derivation_scope(derivation)
    printed = expression_latex(written, derivation.notation)
    assert "+-" not in printed
    assert [side for side in "+-" if f"^{{{side}}}" in printed] == list(side_shown)
    back = read_expression(read_latex(printed, scope, derivation.notation), scope).expr
    assert back == read_expression(written, scope).expr


def test_the_terminal_shows_a_side_only_where_one_is_written() -> None:
    scope = derivation_scope(load_text(SOURCE))
    shown = {
        side: math_text(read_expression(f"Limit(x**2, x, 1{side})", scope).expr)
        for side in ("", ", '+-'", ", '-'", ", '+'")
    }
    assert shown[""] == shown[", '+-'"]
    assert "⁻" not in shown[""] and "⁺" not in shown[""]
    assert "⁻" in shown[", '-'"] and "⁺" in shown[", '+'"]
