"""Reading derivation files: every valid form, and every error names file and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sympy

from tests.test_layers import _imports, _reaches
from xentproof.errors import DomainError, ExpressionError, FileFormatError, InputError
from xentproof.loader import load_file, load_text
from xentproof.step_scope import derivation_scope, index_symbols
from xentproof.syntax.equation import split_equation

VALID = """\
title = "The ±1 label form"
source = "seed §3"

[symbols]
s = "real"
y = "{-1, 1}"
yhat = "(0,1)"
N = "positive integer"
"y[i]" = "{0, 1}"

[functions]
g = "t -> 1/(1 + exp(-t))"
h = "(a, b) -> a*g(b)"

[[chain]]
name = "pm1-loss"
claims = ["C17", "C18"]
steps = [
  "-log(g(y*s))",
  "= -log(1/(1 + exp(-y*s)))",
  { rel = "=", expr = "log(1 + exp(-y*s))", by = "log-reciprocal", note = "why" },
]

[[chain]]
name = "case"
where = { y = "1" }
steps = ["h(y, s)", "<= 1", "< 2"]
"""


def test_valid_file_is_read_with_positions() -> None:
    d = load_text(VALID, "pm1.toml")
    assert d.title == "The ±1 label form" and d.source == "seed §3"
    assert set(d.symbols) == {"s", "y", "yhat", "N", "y[]"}
    assert d.symbols["yhat"].symbol.is_positive
    assert d.symbols["N"].symbol.is_integer and d.symbols["N"].symbol.is_positive
    assert set(d.functions) == {"g", "h"}
    first, second = d.chains
    assert first.name == "pm1-loss" and first.claims == ("C17", "C18")
    assert [s.line for s in first.steps] == [19, 20, 21]
    assert [s.rel for s in first.steps] == [None, "=", "="]
    assert first.steps[2].by == "log-reciprocal" and first.steps[2].note == "why"
    s = d.symbols["s"].symbol
    assert first.steps[2].expr == sympy.log(1 + sympy.exp(-d.symbols["y"].symbol * s))
    assert [st.rel for st in second.steps] == [None, "<=", "<"]
    assert second.where == {d.symbols["y"].symbol: 1}


def test_indexed_family_shares_its_name_with_a_scalar() -> None:
    d = load_text(VALID, "pm1.toml")
    scalar, family = d.symbols["y"], d.symbols["y[]"]
    assert scalar.domain.values == (-1, 1) and not scalar.is_family
    assert family.domain.values == (0, 1) and family.indices == ("i",)
    with pytest.raises(FileFormatError):
        load_text(VALID.replace('"y[i]" = "{0, 1}"', '"y[i]" = "{0, 1}"\n"y[k]" = "real"'))


def _error(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        load_text(text, "f.toml")
    assert info.value.file == "f.toml"
    return info.value


HEADER = 'title = "t"\n[symbols]\nx = "real"\n'


@pytest.mark.parametrize(
    ("body", "line", "kind"),
    [
        ('[[chain]]\nname = "c"\nsteps = ["x", "= x^2"]\n', 6, ExpressionError),
        ('[[chain]]\nname = "c"\nsteps = ["x", "= lgo(x)"]\n', 6, ExpressionError),
        ('[[chain]]\nname = "c"\nsteps = ["x", "x"]\n', 6, FileFormatError),
        ('[[chain]]\nname = "c"\nsteps = ["= x", "= x"]\n', 6, FileFormatError),
        ('[[chain]]\nname = "c"\nsteps = ["x"]\n', 4, FileFormatError),
        ('[[chain]]\nname = "c"\nsteps = ["x", "== x"]\n', 6, FileFormatError),
        ('[[chain]]\nname = "c"\nstesp = ["x", "= x"]\n', 4, FileFormatError),
        ('[[chain]]\nname = "c"\nsteps = ["x", { expr = "x", by = 3 }]\n', 6, FileFormatError),
        ('[[chain]]\nname = "c"\nwhere = { x = "zz" }\nsteps = ["x", "= x"]\n', 4, InputError),
    ],
)
def test_errors_name_the_line(body: str, line: int, kind: type[InputError]) -> None:
    error = _error(HEADER + body)
    assert isinstance(error, kind)
    assert error.line == line
    assert str(error).startswith(f"f.toml:{line}: ")


def test_unknown_name_suggests_the_closest() -> None:
    error = _error(HEADER + '[[chain]]\nname = "c"\nsteps = ["x", "= lgo(x)"]\n')
    assert "log" in error.message


def test_bad_domain() -> None:
    error = _error(
        'title = "t"\n[symbols]\n\nx = "(1, 0)"\n[[chain]]\nname = "c"\nsteps = ["x", "= x"]\n'
    )
    assert isinstance(error, DomainError)
    assert error.line == 4


def test_where_outside_the_domain() -> None:
    error = _error(
        'title = "t"\n[symbols]\ny = "{0, 1}"\n[[chain]]\nname = "c"\n'
        'where = { y = "2" }\nsteps = ["y", "= y"]\n'
    )
    assert "outside" in error.message


def test_missing_title_and_duplicate_chain() -> None:
    assert "title" in _error('[[chain]]\nname = "c"\nsteps = ["1", "= 1"]\n').message
    twice = HEADER + '[[chain]]\nname = "c"\nsteps = ["x", "= x"]\n' * 2
    assert "twice" in _error(twice).message


def test_builtin_names_cannot_be_declared() -> None:
    assert (
        _error(
            'title = "t"\n[symbols]\nlog = "real"\n[[chain]]\nname = "c"\nsteps = ["1", "= 1"]\n'
        ).line
        == 3
    )


def test_not_toml_reports_the_line() -> None:
    error = _error('title = "t"\n[symbols\n')
    assert isinstance(error, FileFormatError)
    assert error.line == 2


def test_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError):
        load_file(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'title = "\xff"\n')
    with pytest.raises(FileFormatError):
        load_file(bad)


@pytest.mark.subprocess
def test_the_helpers_the_checker_and_the_printer_use_load_without_the_file_reader() -> None:
    # The scope of a derivation and an equation's sides are model-level and syntax-level
    # helpers: the checker and the LaTeX printer use them without loading the TOML reader.
    code = (
        "import sys, xentproof.step_scope, xentproof.syntax.equation, xentproof.tex.printer; "
        "print(sorted(m for m in sys.modules if m.startswith('xentproof')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "xentproof.loader" not in done.stdout


def test_derivation_scope_and_index_symbols() -> None:
    derivation = load_text(VALID)
    scope = derivation_scope(derivation)
    assert {"s", "y", "yhat", "N"} <= set(scope.symbols)
    assert set(scope.families) == {"y"} and set(scope.functions) == {"g", "h"}
    # the index of y[i], written outside a sum, is an integer symbol
    assert scope.symbols["i"] == sympy.Symbol("i", integer=True)
    assert index_symbols(derivation.symbols.values()) == [sympy.Symbol("i", integer=True)]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("P = a*b", ("P", "a*b")),
        ("x <= 1", None),
        ("Eq(x, 1)", None),
        ("f(x=1) = 2", ("f(x=1)", "2")),
        ("a == b", None),
        ("a != b", None),
    ],
)
def test_split_equation(text: str, sides: tuple[str, str] | None) -> None:
    assert split_equation(text) == sides


def test_split_equation_refuses_two_equals() -> None:
    with pytest.raises(FileFormatError, match="one '='"):
        split_equation("a = b = c")


def test_the_reading_side_reaches_no_higher_layer() -> None:
    # Reading (syntax, LaTeX, loader, domains, the model) is the lowest layer: it reaches no
    # prover, decider, checker, renderer, API or command line; the lexer knows no grammar.
    graph = _imports()
    higher = (
        "xentproof.prover",
        "xentproof.decide",
        "xentproof.checker",
        "xentproof.rules",
        "xentproof.cache",
        "xentproof.inputs",
        "xentproof.workers",
        "xentproof.figures",
        "xentproof.render",
        "xentproof.api",
        "xentproof.cli",
        "xentproof.launch",
    )
    reading = [
        m
        for m in graph
        if m.startswith(("xentproof.syntax", "xentproof.tex", "xentproof.loader"))
        or m in ("xentproof.step_scope", "xentproof.domains", "xentproof.notation")
    ]
    assert len(reading) > 20
    wrong = {m: sorted(r for r in _reaches(graph, m) if r.startswith(higher)) for m in reading}
    assert {m: found for m, found in wrong.items() if found} == {}
    assert _reaches(graph, "xentproof.syntax.display") == set()
    assert not _reaches(graph, "xentproof.tex.lexer") & {
        "xentproof.tex.parser",
        "xentproof.tex.commands",
        "xentproof.tex.cursor",
    }
