"""A member of a family declared with two indices written with its two indices together in
braces: ``w_{11}``, ``w_{1j}``, ``w_{i2}`` (as ``y_{ij}``) is w[1, 1], w[1, j], w[i, 2].
One index (the number 11, a product) is no member of such a family, so the reading is the
only one; it is taken only for two one-character indices written together, each a digit or
a declared one-letter name. Anything else is read as written (and refused when it is no
member): ``w_{123}`` (1, 23 or 12, 3?), ``w_{1 1}``, ``w_{1.5}``; a one-index family keeps
``v_{11}`` as v[11].

Ground truth: by definition w_{11}x_1 + w_{12}x_2 is the first row of a matrix product,
evaluated here with plain Python numbers; the verdicts are xentproof's, the values ours."""

from __future__ import annotations

import json

import pytest

from xentproof import api, load_text
from xentproof.errors import InputError
from xentproof.result import Verdict

HEAD = """title = "t"
[symbols]
i = "positive integer"
j = "positive integer"
"w[i, j]" = "real"
"v[i]" = "real"
"x[j]" = "real"
[latex]
index = "subscript"
"""


def chain(first: str, second: str) -> str:
    return (
        HEAD
        + f'[[chain]]\nname = "c"\nsteps = [{{ latex = {json.dumps(first)} }}, '
        + f'{{ rel = "=", latex = {json.dumps(second)} }}]\n'
    )


def read(latex: str) -> str:
    return load_text(chain(latex, latex)).chains[0].steps[0].text


def verdicts(first: str, second: str) -> list[Verdict]:
    report = api.check([load_text(chain(first, second))], timeout=30)
    return [r.verdict for r in report.relations]


@pytest.mark.parametrize(
    ("written", "member"),
    [("w_{11}", "w[1, 1]"), ("w_{1j}", "w[1, j]"), ("w_{i2}", "w[i, 2]"), ("w_{ij}", "w[i, j]")],
)
def test_two_characters_are_the_two_indices(written: str, member: str) -> None:
    assert read(written) == member


def test_the_indices_are_read_in_order() -> None:
    # w_{12} is w[1, 2], not w[2, 1]: at w = [[1, 2], [3, 4]], x = (5, 6) the first row of
    # w·x is 1·5 + 2·6 = 17, and with the indices swapped 1·5 + 3·6 = 23
    w = {(1, 1): 1, (1, 2): 2, (2, 1): 3, (2, 2): 4}
    x = {1: 5, 2: 6}
    assert w[1, 1] * x[1] + w[1, 2] * x[2] == 17 != w[1, 1] * x[1] + w[2, 1] * x[2]
    row = "x_1 w_{11} + x_2 w_{12}"
    assert verdicts(row, "x_1 w_{1,1} + x_2 w_{1,2}") == [Verdict.PROVED]
    assert verdicts(row, "x_1 w_{1,1} + x_2 w_{2,1}") == [Verdict.REFUTED]


@pytest.mark.parametrize("written", ["w_{123}", "w_{1 1}", "w_{1.5}", "w_{1e}", "w_{11j}"])
def test_anything_else_is_no_member_of_a_two_index_family(written: str) -> None:
    # w_{1 1}: TeX sets 11; refused as two numbers side by side before it is read as a member
    with pytest.raises(InputError, match=r"2 index|two numbers side by side"):
        load_text(chain(written, "x_1"))


def test_a_one_index_family_reads_the_number() -> None:
    assert read("v_{11}") == "v[11]"
