"""cases whose row condition the declarations make true: no \\text{otherwise}.

With x declared positive, ``x > 0`` is built as True; the overlap check took such a row for
\\text{otherwise} and read {1 if x > 0, 2 if x > 1} as 1 everywhere (1 = … was PROVED, though
the text gives 1 and 2 at x = 2). Each refused display is beside a near miss that reads."""

from __future__ import annotations

import json

import pytest
import sympy

from xentproof import load_text
from xentproof.errors import XentproofError


def _text(symbols: str, latex: str) -> str:
    return (
        f'title = "t"\n[symbols]\n{symbols}\n[[chain]]\nname = "c"\n'
        f'steps = [{{ latex = {json.dumps(latex)} }}, {{ rel = "=", expr = "0" }}]\n'
    )


def _read(symbols: str, latex: str) -> sympy.Basic:
    return load_text(_text(symbols, latex)).chains[0].steps[0].expr


@pytest.mark.parametrize(
    ("symbols", "latex"),
    [
        ('x = "positive"', r"\begin{cases} 1 & x > 0 \\ 2 & x > 1 \end{cases}"),
        ('x = "positive"', r"\begin{cases} 1 & x > 1 \\ 2 & x > 0 \end{cases}"),
        ('x = "nonnegative"', r"\begin{cases} x & \text{if } x \ge 0, \\ 0 & x < 1 \end{cases}"),
    ],
)
def test_a_row_true_by_declaration_overlapping_another_is_refused(symbols: str, latex: str) -> None:
    with pytest.raises(XentproofError, match="may hold together"):
        load_text(_text(symbols, latex))


def test_rows_apart_or_otherwise_or_false_still_read() -> None:
    x = sympy.Symbol("x", positive=True)
    two = r"\begin{cases} 1 & x > 1 \\ 2 & x \le 1 \end{cases}"
    assert _read('x = "positive"', two) == sympy.Piecewise((1, x > 1), (2, True))
    other = r"\begin{cases} 1 & x > 1 \\ 2 & \text{otherwise} \end{cases}"
    assert _read('x = "positive"', other) == sympy.Piecewise((1, x > 1), (2, True))
    never = r"\begin{cases} 1 & x > 0 \\ 2 & x < 0 \end{cases}"
    assert _read('x = "positive"', never) == 1
    same = r"\begin{cases} 1 & x \ge 0 \\ 1 & x > 1 \end{cases}"
    assert _read('x = "positive"', same) == 1


@pytest.mark.parametrize(
    "note",
    [r"\text{ (n even)}", r"\text{ (and n odd)}", r"\text{ (only if positive)}", r"\text{ (N)}"],
)
def test_a_note_that_may_state_a_condition_is_not_dropped(note: str) -> None:
    """1 & n >= 0 (n even) was read as n >= 0: the note's condition was lost."""
    latex = rf"\begin{{cases}} 1 & n \ge 0 {note} \\ 0 & \text{{otherwise}} \end{{cases}}"
    with pytest.raises(XentproofError):
        load_text(_text('n = "integer"', latex))


@pytest.mark.parametrize("note", [r"\text{ (Normal)}", r"\text{ (Inverse Gaussian)}"])
def test_a_note_that_names_a_case_is_still_dropped(note: str) -> None:
    n = sympy.Symbol("n", integer=True)
    latex = rf"\begin{{cases}} 1 & n \ge 0 {note} \\ 0 & \text{{otherwise}} \end{{cases}}"
    assert _read('n = "integer"', latex) == sympy.Piecewise((1, n >= 0), (0, True))
