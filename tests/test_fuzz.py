"""Fuzzing the reader and the checker with hypothesis.

The reader (``read_expression``, ``read_constant``, ``parse_domain``, ``load_text``,
``load_file``) gets arbitrary text, token soup, arbitrary TOML and almost-valid expressions
and files: nothing but a ``XentproofError`` may escape, and no read may run past its time
bound. The checker gets random expression pairs over declared symbols with domains: true
pairs (an expression and a rewrite SymPy made of it), near misses (a rewrite that needs a
positivity the domain may not give, or a mutated expression) and random pairs. A pair that
SymPy's 60-digit evaluation tells apart at a point inside the domains must never be PROVED;
a REFUTED verdict must come with a point inside the domains that shows the failure.

Runs are deterministic and short by default (profile ``xentproof-ci``). For a long run::

    XENTPROOF_FUZZ_PROFILE=long XENTPROOF_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py

(``long`` draws fresh random examples and keeps failures in hypothesis's database).
"""

from __future__ import annotations

import json
import os
import random
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import pytest
import sympy
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from xentproof import api
from xentproof.definedness import Requirement
from xentproof.domains import assumptions, contains, parse_domain
from xentproof.errors import XentproofError
from xentproof.loader import load_file, load_text
from xentproof.model import Domain
from xentproof.result import RelationResult, Verdict
from xentproof.syntax.bounds import TIME_LIMIT
from xentproof.syntax.reader import read_constant, read_expression
from xentproof.syntax.scope import Scope
from xentproof.timing import ProofTimeout, time_limit

# -- profiles -----------------------------------------------------------------------------

_QUIET = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]
settings.register_profile(
    "xentproof-ci",
    derandomize=True,
    deadline=None,
    database=None,
    max_examples=int(os.environ.get("XENTPROOF_FUZZ_EXAMPLES", "12")),
    suppress_health_check=_QUIET,
    print_blob=True,
)
settings.register_profile(
    "xentproof-long",
    derandomize=False,
    deadline=None,
    max_examples=int(os.environ.get("XENTPROOF_FUZZ_EXAMPLES", "1000")),
    suppress_health_check=_QUIET,
    print_blob=True,
)
_PROFILE = settings.get_profile(
    "xentproof-long"
    if os.environ.get("XENTPROOF_FUZZ_PROFILE", "").lower() in ("long", "xentproof-long")
    else "xentproof-ci"
)
_F = TypeVar("_F", bound=Callable[..., Any])


def fuzz(weight: float) -> Callable[[_F], _F]:
    """The profile's settings, with ``weight`` times its examples (the reader is cheap)."""
    examples = max(1, int(_PROFILE.max_examples * weight))
    chosen: Callable[[_F], _F] = settings(_PROFILE, max_examples=examples)
    return chosen


# -- bounds -------------------------------------------------------------------------------

READ_MARGIN = 3.0
"""Seconds of slack on top of the reader's own time limit (a loaded CI machine)."""
CHECK_TIMEOUT = 3.0
"""The per-relation budget the checker gets here."""
CHECK_MARGIN = 2 * TIME_LIMIT + 5.0
"""Reading the file (two expressions) plus slack."""


# -- the reader ---------------------------------------------------------------------------

_x, _s, _t, _N, _yhat = sympy.symbols("x s t N yhat", real=True)
_Y = sympy.IndexedBase("y")
_P = sympy.IndexedBase("p")
SCOPE = Scope(
    symbols={
        "x": _x,
        "s": _s,
        "t": _t,
        "N": _N,
        "yhat": _yhat,
        "i": sympy.Symbol("i", integer=True),
    },
    families={"y": (_Y, 1), "p": (_P, 2)},
    functions={"g": (sympy.Function("g"), 1), "h": (sympy.Function("h"), 2)},
)

TOKENS = (
    "x", "s", "t", "N", "yhat", "i", "j", "y[i]", "p[i, j]", "g(", "h(", "y", "p",
    "+", "-", "*", "/", "**", "^", "(", ")", "[", "]", ",", " ", "<", "<=", ">", ">=", "==",
    "!=", "and", "or", "not", "=", ".", "e", "E", "pi", "oo", "-oo", "I", "zoo", "nan",
    "0", "1", "2", "10", "1000", "0.5", "1e308", "1e-400", "9" * 40, "1_000", ".5", "5.",
    "exp(", "log(", "sqrt(", "Abs(", "Max(", "Min(", "sin(", "tanh(", "KroneckerDelta(",
    "Sum(", "Product(", "Derivative(", "Limit(", "Piecewise(", "Eq(", "Ne(", "And(", "Or(",
    "Not(", "True", "False", "'+'", "'-'", '"+-"', "(i, 1, N)", "(x, 2)", "lambda", ":",
    "__import__", "os", ".system", "[0]", "{", "}", "@", "%", "//", "~", "|", "&", "if",
    "else", "for", "in", "\n", "\t", "\\", "#", "'", '"', "f'", "`", "$", "é", "ŷ", "√",
    "\x00", "\u200b", "𝑥",
)  # fmt: skip


def _time_read(call: Callable[[], object], bound: float) -> object:
    """Run a read; only XentproofError may escape, and it must end within ``bound``.

    The reader bounds the CPU time of its thread (a loaded machine must not make a file
    unreadable), with ten times that in wall time as the backstop: both are checked.
    """
    started, started_cpu = time.perf_counter(), time.thread_time()
    try:
        result: object = call()
    except XentproofError as error:
        assert isinstance(error.message, str) and error.message
        str(error)
        result = error
    cpu = time.thread_time() - started_cpu
    wall = time.perf_counter() - started
    assert cpu < bound, f"the read took {cpu:.2f} s of CPU time; its bound is {bound:.2f} s"
    assert wall < 10 * bound, f"the read took {wall:.2f} s; its bound is {10 * bound:.2f} s"
    return result


def _read(text: str) -> object:
    result = _time_read(lambda: read_expression(text, SCOPE), TIME_LIMIT + READ_MARGIN)
    if not isinstance(result, XentproofError):
        assert isinstance(getattr(result, "display", None), str)
    return result


# A small grammar of valid expressions of the reader's whole language, to mutate.
_LEAVES = st.sampled_from(
    ["x", "s", "t", "N", "yhat", "y[i]", "p[i, 2]", "1", "2", "0", "1/2", "0.25", "pi", "E", "oo"]
)


def _grow(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    one = st.sampled_from(["exp", "log", "sqrt", "Abs", "sin", "tanh", "g", "-", "+"])
    two = st.sampled_from(["+", "-", "*", "/", "**", "Max", "Min", "h", "<", ">="])

    def unary(op: str, a: str) -> str:
        return f"{op}({a})"

    def binary(op: str, a: str, b: str) -> str:
        if op in ("Max", "Min", "h"):
            return f"{op}({a}, {b})"
        if op in ("<", ">="):
            return f"Piecewise(({a}, {a} {op} {b}), ({b}, True))"
        return f"({a}) {op} ({b})"

    forms = st.one_of(
        st.builds(unary, one, children),
        st.builds(binary, two, children, children),
        st.builds(lambda a: f"Sum({a}, (i, 1, N))", children),
        st.builds(lambda a: f"Product({a}, (j, 1, 3))", children),
        st.builds(lambda a: f"Derivative({a}, x)", children),
        st.builds(lambda a: f"Derivative({a}, s, 2)", children),
        st.builds(lambda a, d: f"Limit({a}, x, 0, '{d}')", children, st.sampled_from("+-")),
        st.builds(lambda a: f"Limit({a}, s, oo)", children),
        st.builds(lambda a, b: f"Eq({a}, {b})", children, children),
        st.builds(lambda a: f"KroneckerDelta(i, {a})", children),
    )
    return forms


VALID_EXPRESSIONS = st.recursive(_LEAVES, _grow, max_leaves=12)


@st.composite
def almost_valid(draw: st.DrawFn) -> str:
    """A valid expression with a few edits: a character dropped, doubled or swapped, a token
    put in."""
    text = draw(VALID_EXPRESSIONS)
    for _ in range(draw(st.integers(0, 3))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        edit = draw(st.sampled_from(["drop", "double", "swap", "insert", "cut"]))
        if edit == "drop":
            text = text[:at] + text[at + 1 :]
        elif edit == "double":
            end = draw(st.integers(at, min(len(text), at + 12)))
            text = text[:end] + text[at:end] + text[end:]
        elif edit == "swap" and at + 1 < len(text):
            text = text[:at] + text[at + 1] + text[at] + text[at + 2 :]
        elif edit == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        else:
            text = text[:at]
    return text


TOKEN_SOUP = st.lists(st.sampled_from(TOKENS), max_size=30).map("".join)


@pytest.mark.slow
@fuzz(20)
@given(st.one_of(st.text(max_size=200), TOKEN_SOUP, almost_valid()))
@example("(" * 59 + "x" + ")" * 59)
@example("-" * 3000 + "x")
@example("x" + "**x" * 300)
@example("exp(" * 20 + "100" + ")" * 20 + " < 3")
@example("Sum(1/i**2, (i, 1, 10**29)) > 1")
@example("(10**29)**(1/1000)")
def test_reader_lets_only_input_errors_escape(text: str) -> None:
    _read(text)


@pytest.mark.parametrize("text", ["1and x", "2 is 2", '"\\d"', "1if x else 2"])
def test_reader_keeps_python_syntax_warnings_to_itself(text: str) -> None:
    """Found by fuzzing: ast.parse printed "<unknown>:1: SyntaxWarning: invalid decimal
    literal" to stderr for '1and x' (and under -W error the message changed)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(XentproofError):
            read_expression(text, SCOPE)
    assert [str(w.message) for w in caught] == []


@fuzz(10)
@given(st.one_of(st.text(max_size=60), TOKEN_SOUP))
@example("sqrt(2)**(1/999)")
@example("exp(exp(exp(10)))")
def test_constant_reader_lets_only_input_errors_escape(text: str) -> None:
    result = _time_read(lambda: read_constant(text), TIME_LIMIT + READ_MARGIN)
    if not isinstance(result, XentproofError):
        assert isinstance(result, sympy.Expr)


_DOMAIN_PIECES = st.sampled_from(
    ["real", "positive", "integer", "positive integer", "{", "}", "(", ")", "[", "]", ",",
     " ", "0", "1", "-1", "oo", "-oo", "1/2", "pi", "E", "sqrt(2)", "x", "log(0)", "1/0",
     "exp(800)", "10**30", "{0, 1}", "(0, 1)", "nan", "zoo", "I"]
)  # fmt: skip


@fuzz(10)
@given(st.one_of(st.text(max_size=40), st.lists(_DOMAIN_PIECES, max_size=10).map("".join)))
@example("(0, 1/0)")
@example("{zoo}")
@example("(-oo, oo]")
@example("[exp(-800), exp(-799)]")
@example("(log(2), E - 2)")
def test_domain_reader_lets_only_input_errors_escape(text: str) -> None:
    result = _time_read(lambda: parse_domain(text), 2 * TIME_LIMIT + READ_MARGIN)
    if isinstance(result, XentproofError):
        return
    assert isinstance(result, Domain)
    # What the rest of xentproof does with a domain must not fail either.
    assumptions(result)
    if result.values is None:
        assert result.lo is not None and result.hi is not None
        for point in (result.lo, result.hi):
            if point.is_finite:
                contains(result, point)
    else:
        assert all(contains(result, v) for v in result.values)


# -- the file loader ----------------------------------------------------------------------

_KEYS = st.sampled_from(
    ["title", "source", "symbols", "functions", "chain", "name", "claims", "steps", "where",
     "lemma", "note", "rel", "expr", "by", "expect", "accept", "timeout", "memory", "x", "y",
     "y[i]", "p[n, i]", "g", "s", "latex", "", " ", "ŷ", "a.b"]
)  # fmt: skip
_VALUES = st.one_of(
    st.sampled_from(
        ["real", "(0, 1)", "{0, 1}", "positive integer", "t -> 1/(1 + exp(-t))", "x", "= x",
         "< x", "=> x = 1", "<=> x = 1", "x = 1", "log(x)", "refuted", "numeric", "=", "<=",
         "Sum(y[i], (i, 1, N))", "(t, u) -> t*u", "log-product", "0", "1/2"]
    ),
    almost_valid(),
    st.text(max_size=20),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
)  # fmt: skip


def _toml_key(key: str) -> str:
    return json.dumps(key, ensure_ascii=False)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
        )
    raise TypeError(value)


def _toml_document(data: Mapping[str, object]) -> str:
    """TOML text for a table: scalars first, then tables, then arrays of tables."""
    lines: list[str] = []
    tables: list[tuple[str, Mapping[str, object]]] = []
    arrays: list[tuple[str, list[Mapping[str, object]]]] = []
    for key, value in data.items():
        if isinstance(value, dict) and value:
            tables.append((key, value))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            arrays.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, table in tables:
        lines.append(f"[{_toml_key(key)}]")
        lines.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in table.items())
    for key, items in arrays:
        for item in items:
            lines.append(f"[[{_toml_key(key)}]]")
            lines.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in item.items())
    return "\n".join(lines) + "\n"


_NESTED = st.recursive(
    _VALUES,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=10,
)
_STEPS = st.lists(
    st.one_of(
        _VALUES,
        st.dictionaries(_KEYS, _VALUES, max_size=5),
        st.builds(lambda r, e: {"rel": r, "expr": e}, st.sampled_from(["=", "<", "<=>", "=>", "!"]),
                  almost_valid()),
    ),
    max_size=4,
)  # fmt: skip
_CHAINS = st.lists(
    st.fixed_dictionaries(
        {"name": st.one_of(st.just("c"), st.text(max_size=3)), "steps": _STEPS},
        optional={"where": st.dictionaries(_KEYS, _VALUES, max_size=2), "lemma": _VALUES,
                  "claims": _NESTED, "note": _VALUES, "bogus": _VALUES},
    ),
    max_size=3,
)  # fmt: skip
TOML_DOCUMENTS = st.fixed_dictionaries(
    {"title": st.one_of(st.just("t"), _VALUES)},
    optional={
        "symbols": st.dictionaries(_KEYS, _VALUES, max_size=5),
        "functions": st.dictionaries(_KEYS, _VALUES, max_size=3),
        "chain": _CHAINS,
        "source": _NESTED,
        "other": _NESTED,
    },
).map(_toml_document)

VALID_FILE = """\
title = "t"
[symbols]
x = "real"
yhat = "(0, 1)"
"y[i]" = "{0, 1}"
N = "positive integer"
P = "positive"
[functions]
g = "t -> 1/(1 + exp(-t))"
[[chain]]
name = "c"
where = { x = "1/2" }
steps = [
  "-log(g(x))",
  "= log(1 + exp(-x))",
  { rel = "<=", expr = "log(1 + exp(-x)) + yhat", by = "log-reciprocal", note = "n" },
]
[[chain]]
name = "e"
steps = ["P = yhat**2", "<=> log(P) = 2*log(yhat)"]
[[chain]]
name = "s"
steps = [
  "Sum(y[i]*log(yhat), (i, 1, N))",
  { rel = "=", expr = "log(yhat)*Sum(y[i], (i, 1, N))", timeout = 2, memory = 256 },
]
"""


@st.composite
def almost_valid_files(draw: st.DrawFn) -> str:
    text = VALID_FILE
    for _ in range(draw(st.integers(1, 4))):
        if not text:  # cut to nothing by an earlier edit
            break
        at = draw(st.integers(0, len(text) - 1))
        edit = draw(st.sampled_from(["drop", "insert", "cut", "line"]))
        if edit == "drop":
            end = draw(st.integers(at, min(len(text), at + 8)))
            text = text[:at] + text[end:]
        elif edit == "insert":
            piece = draw(
                st.one_of(st.sampled_from(TOKENS), st.sampled_from(['"', "=", "\n", "[", "]"]))
            )
            text = text[:at] + piece + text[at:]
        elif edit == "cut":
            text = text[:at]
        else:
            lines = text.splitlines(keepends=True)
            k = draw(st.integers(0, len(lines) - 1))
            text = "".join(lines[:k] + lines[k + 1 :] + [lines[k]])
    return text


def _strings_in(text: str) -> int:
    return text.count('"') // 2 + text.count("'") // 2 + 1


def _load(text: str) -> object:
    bound = TIME_LIMIT * _strings_in(text) + READ_MARGIN
    return _time_read(lambda: load_text(text, "fuzz.toml"), bound)


@fuzz(10)
@given(st.one_of(st.text(max_size=300), TOML_DOCUMENTS, almost_valid_files()))
@example(VALID_FILE)
@example('title = "t"\n[[chain]]\nname = "c"\nsteps = ["x", "= x"]\n')
@example(
    'title = "t"\n[symbols]\nx = "real"\n[[chain]]\nname = "c"\n'
    'steps = [{ expr = "x", rel = "=" }, "= x"]\n'
)
def test_loader_lets_only_input_errors_escape(text: str) -> None:
    _load(text)


@fuzz(3)
@given(st.binary(max_size=200) | TOML_DOCUMENTS.map(lambda t: t.encode("utf-8")))
def test_load_file_lets_only_input_errors_escape(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.toml"
        path.write_bytes(data)
        _time_read(lambda: load_file(path), TIME_LIMIT * (data.count(b'"') // 2 + 1) + READ_MARGIN)


def test_load_valid_file() -> None:
    """The base of the almost-valid files reads (else the mutations test little)."""
    derivation = load_text(VALID_FILE)
    assert [c.name for c in derivation.chains] == ["c", "e", "s"]


# -- the checker --------------------------------------------------------------------------

DOMAINS = ("real", "positive", "(0, 1)", "{0, 1}", "{-1, 1}", "integer", "nonnegative", "[0, 1]")
NAMES = ("a", "b", "c")
RELATIONS = ("=", "=", "=", "<", "<=", ">", ">=")

# Points where the oracle evaluates both sides, per domain: edges, middle, far out, and
# odd denominators so that a false identity does not hold by coincidence.
_CANDIDATES: Mapping[str, tuple[str, ...]] = {
    "real": ("0", "1", "-1", "1/2", "-1/2", "2", "-3", "7/3", "-10/3", "1/100", "-1/100", "13/17",
             "-29/11", "25", "-25", "41", "-41"),
    "positive": ("1/1000", "1/100", "1/2", "1", "2", "3", "7/3", "13/17", "10", "25", "41",
                 "100"),
    "(0, 1)": ("1/1000", "1/100", "1/10", "1/3", "1/2", "2/3", "9/10", "99/100", "999/1000",
               "3/7", "13/17"),
    "{0, 1}": ("0", "1"),
    "{-1, 1}": ("-1", "1"),
    "{1}": ("1",),
    "integer": ("0", "1", "-1", "2", "-2", "3", "-3", "5", "-5", "10", "-10"),
    "nonnegative": ("0", "1/1000", "1/2", "1", "2", "13/17", "10", "41"),
    "[0, 1]": ("0", "1", "1/1000", "1/3", "1/2", "13/17", "999/1000"),
}  # fmt: skip
ORACLE_DIGITS = 60
APART = sympy.Float("1e-30", ORACLE_DIGITS)

# An expression tree: ("sym", name) | ("num", text) | (op, child, ...).
Tree = tuple[Any, ...]
_NUMBERS = st.sampled_from(["0", "1", "2", "3", "-1", "1/2", "-1/2", "1/3", "3/2", "2/3", "5"])
_UNARY = ("neg", "exp", "log", "Abs", "sqrt")
_BINARY = ("+", "-", "*", "/", "**", "Max")
_POWERS = ("2", "3", "-1", "-2", "1/2", "3/2", "-1/2")


@st.composite
def trees(draw: st.DrawFn, depth: int = 3) -> Tree:
    if depth == 0 or draw(st.integers(0, 4)) == 0:
        if draw(st.integers(0, 2)) == 0:
            return ("num", draw(_NUMBERS))
        return ("sym", draw(st.sampled_from(NAMES)))
    kind = draw(st.sampled_from(_UNARY + _BINARY + ("**k", "**k")))
    if kind in _UNARY:
        return (kind, draw(trees(depth - 1)))
    if kind == "**k":
        return ("**", draw(trees(depth - 1)), ("num", draw(st.sampled_from(_POWERS))))
    return (kind, draw(trees(depth - 1)), draw(trees(depth - 1)))


def render(tree: Tree) -> str:
    kind = tree[0]
    if kind == "sym":
        return str(tree[1])
    if kind == "num":
        return f"({tree[1]})" if "/" in tree[1] or tree[1].startswith("-") else str(tree[1])
    if kind == "neg":
        return f"-({render(tree[1])})"
    if kind in ("exp", "log", "Abs", "sqrt"):
        return f"{kind}({render(tree[1])})"
    if kind == "Max":
        return f"Max({render(tree[1])}, {render(tree[2])})"
    return f"({render(tree[1])}) {kind} ({render(tree[2])})"


def _subtrees(tree: Tree) -> list[tuple[int, ...]]:
    """Paths to every node, root first."""
    paths: list[tuple[int, ...]] = [()]
    if tree[0] not in ("sym", "num"):
        for k, child in enumerate(tree[1:], start=1):
            paths += [(k, *p) for p in _subtrees(child)]
    return paths


def _at(tree: Tree, path: tuple[int, ...]) -> Tree:
    for k in path:
        tree = tree[k]
    return tree


def _replace(tree: Tree, path: tuple[int, ...], new: Tree) -> Tree:
    if not path:
        return new
    k = path[0]
    return (*tree[:k], _replace(tree[k], path[1:], new), *tree[k + 1 :])


@st.composite
def mutants(draw: st.DrawFn, tree: Tree) -> Tree:
    """One small edit of ``tree``: a near miss, usually false."""
    path = draw(st.sampled_from(_subtrees(tree)))
    node = _at(tree, path)
    kind = node[0]
    edits: list[Tree] = [("neg", node), ("+", node, ("num", draw(_NUMBERS)))]
    if kind == "sym":
        edits.append(("sym", draw(st.sampled_from(NAMES))))
    if kind == "num":
        edits.append(("num", draw(_NUMBERS)))
    if kind in ("exp", "log", "Abs", "sqrt", "neg"):
        edits.append((draw(st.sampled_from(("exp", "log", "Abs", "sqrt", "neg"))), node[1]))
        edits.append(node[1])
    if kind in _BINARY:
        edits += [node[1], node[2], (kind, node[2], node[1])]
        edits.append((draw(st.sampled_from(_BINARY)), node[1], node[2]))
    return _replace(tree, path, draw(st.sampled_from(edits)))


# Rewrites that hold wherever both sides are defined, and rewrites that need positivity
# (``force=True``) the declared domain may not give: the near misses.
_TRUE_REWRITES: Mapping[str, Callable[[Any], Any]] = {
    "expand": sympy.expand,
    "factor": sympy.factor,
    "together": sympy.together,
    "cancel": sympy.cancel,
    "expand_log": sympy.expand_log,
    "logcombine": sympy.logcombine,
    "powsimp": sympy.powsimp,
    "powdenest": sympy.powdenest,
    "radsimp": sympy.radsimp,
    "piecewise": lambda e: e.rewrite(sympy.Piecewise),
    "expand_mul": sympy.expand_mul,
}
_FORCED_REWRITES: Mapping[str, Callable[[Any], Any]] = {
    "expand_log(force)": lambda e: sympy.expand_log(e, force=True),
    "logcombine(force)": lambda e: sympy.logcombine(e, force=True),
    "powsimp(force)": lambda e: sympy.powsimp(e, force=True),
    "powdenest(force)": lambda e: sympy.powdenest(e, force=True),
    "expand(force)": lambda e: sympy.expand(e, force=True),
    "simplify(positive)": lambda e: _as_if_positive(sympy.simplify, e),
    "powdenest(positive)": lambda e: _as_if_positive(lambda f: sympy.powdenest(f, force=True), e),
}


def _as_if_positive(rewrite: Callable[[Any], Any], expr: Any) -> Any:
    """``rewrite`` applied as if every symbol were positive, then the symbols put back."""
    positive, back = sympy.posify(expr)
    return rewrite(positive).xreplace(back)


def _scope(domains: Mapping[str, str]) -> Scope:
    return Scope(
        symbols={
            name: sympy.Symbol(name, **assumptions(parse_domain(text)))
            for name, text in domains.items()
        }
    )


@st.composite
def pairs(
    draw: st.DrawFn,
    kinds: tuple[str, ...] = ("true", "true", "forced", "mutant", "mutant", "random"),
    depth: int = 3,
) -> tuple[dict[str, str], str, str, str, str]:
    """(domains, lhs, relation, rhs, kind) for one relation to check."""
    domains = {n: draw(st.sampled_from(DOMAINS)) for n in NAMES}
    tree = draw(trees(depth))
    lhs = render(tree)
    kind = draw(st.sampled_from(kinds))
    relation = "="
    if kind == "random":
        rhs_tree = draw(trees(depth))
        relation = draw(st.sampled_from(RELATIONS))
    elif kind == "mutant":
        rhs_tree = draw(mutants(tree))
        relation = draw(st.sampled_from(RELATIONS))
    else:
        rhs_tree = tree
    rewrites = _TRUE_REWRITES if kind != "forced" else _FORCED_REWRITES
    name = draw(st.sampled_from(sorted(rewrites)))
    plain = kind == "random" and draw(st.booleans())
    try:
        with time_limit(3.0):
            read_expression(lhs, _scope(domains))
            expr = read_expression(render(rhs_tree), _scope(domains)).expr
            rhs = render(rhs_tree) if plain else str(rewrites[name](expr))
            read_expression(rhs, _scope(domains))
    except (XentproofError, ProofTimeout, RecursionError, ValueError, TypeError):
        assume(False)
        raise AssertionError from None  # not reached
    return domains, lhs, relation, rhs, kind if plain else f"{kind} {name}"


def _file(domains: Mapping[str, str], lhs: str, relation: str, rhs: str) -> str:
    symbols = "".join(f"{n} = {json.dumps(d)}\n" for n, d in domains.items())
    step = f"{{ rel = {json.dumps(relation)}, expr = {json.dumps(rhs)} }}"
    chain = f'[[chain]]\nname = "c"\nsteps = [{json.dumps(lhs)}, {step}]\n'
    return f'title = "fuzz"\n[symbols]\n{symbols}{chain}'


def check_pair(
    domains: Mapping[str, str], lhs: str, relation: str, rhs: str
) -> tuple[RelationResult, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.toml"
        path.write_text(_file(domains, lhs, relation, rhs), encoding="utf-8")
        started = time.perf_counter()
        report = api.check_paths([path], timeout=CHECK_TIMEOUT)
        elapsed = time.perf_counter() - started
    assert not report.errors, report.errors
    (result,) = report.relations
    return result, elapsed


def _value(expr: Any, point: Mapping[Any, Any]) -> Any:
    """The 60-digit value of ``expr`` at ``point``; None where it is undefined or not real.

    Undefined also when a part is: ``0*log(a)`` at a = -3 is no real number, although SymPy
    makes it 0 once ``a`` is put in (the checker reads it the same way).
    """
    for part in sympy.sympify(expr).atoms(sympy.log, sympy.Pow):
        if part.free_symbols and _plain_value(part, point) is None:
            return None
    return _plain_value(expr, point)


def _plain_value(expr: Any, point: Mapping[Any, Any]) -> Any:
    value = _complex_value(expr, point)
    if not isinstance(value, sympy.Number) or not value.is_finite or value.is_real is not True:
        return None
    return value


def _complex_value(expr: Any, point: Mapping[Any, Any]) -> Any:
    """The 60-digit complex value of ``expr`` at ``point`` (SymPy's principal branches)."""
    try:
        with time_limit(5.0):
            value = sympy.sympify(expr).xreplace(dict(point)).doit().evalf(ORACLE_DIGITS)
    except (ProofTimeout, ValueError, TypeError, ZeroDivisionError, ArithmeticError):
        return None
    if not value.is_number or value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return None
    return value


def _violated(guard: Requirement, point: Mapping[Any, Any]) -> bool:
    """Whether what a written operation needs fails at ``point`` (computed independently).

    The fuzzer's expressions have no Piecewise, sums or limits, so a guard is needed
    wherever its condition (a negative base, a negative exponent) holds."""
    assert not guard.binders, guard
    if guard.when is not sympy.true:
        holds = sympy.sympify(guard.when).xreplace(dict(point))
        if holds is not sympy.true:
            return False
    value = _value(guard.expr, point)
    if value is None:
        return True  # the guarded expression is itself no real number there
    if guard.kind == "integer":
        exact = sympy.sympify(guard.expr).xreplace(dict(point))
        return exact.is_integer is False
    return {
        "positive": value <= 0,
        "nonnegative": value < 0,
        "nonzero": value == 0,
        "real": False,
    }[guard.kind]


def _told_apart(relation: str, a: Any, b: Any) -> bool:
    """Whether the relation clearly fails between two real values (beyond rounding)."""
    tol = APART * max(sympy.Integer(1), abs(a), abs(b))
    gap = b - a  # a < b holds when gap > 0
    return bool(
        {
            "=": abs(gap) > tol,
            "<": gap < -tol,
            "<=": gap < -tol,
            ">": gap > tol,
            ">=": gap > tol,
        }[relation]
    )


def _oracle_points(
    domains: Mapping[str, str], seed: str, count: int = 16
) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    for _ in range(count):
        yield {n: rng.choice(_CANDIDATES[d]) for n, d in domains.items()}


def witness(domains: Mapping[str, str], lhs: str, relation: str, rhs: str) -> dict[str, str] | None:
    """A point inside the domains where 60-digit evaluation shows the relation fails."""
    scope = _scope(domains)
    left = read_expression(lhs, scope).expr
    right = read_expression(rhs, scope).expr
    for point in _oracle_points(domains, lhs + relation + rhs):
        exact = {scope.symbols[n]: sympy.Rational(v) for n, v in point.items()}
        a, b = _value(left, exact), _value(right, exact)
        if a is not None and b is not None and _told_apart(relation, a, b):
            return point
    return None


def _check_counterexample(
    domains: Mapping[str, str], lhs: str, relation: str, rhs: str, result: RelationResult
) -> None:
    """A REFUTED verdict shows a point inside the domains where the relation fails there."""
    found = result.counterexample
    assert found is not None, f"REFUTED without a counterexample: {result}"
    scope = _scope(domains)
    exact: dict[Any, Any] = {}
    for name, text in found.point.items():
        assert name in domains, f"counterexample names an undeclared symbol {name!r}: {found}"
        value = read_constant(text)
        assert contains(parse_domain(domains[name]), value), (
            f"counterexample {name} = {text} lies outside {domains[name]}: {found}"
        )
        exact[scope.symbols[name]] = value
    left_read, right_read = read_expression(lhs, scope), read_expression(rhs, scope)
    left, right = left_read.expr, right_read.expr
    missing = (left.free_symbols | right.free_symbols) - set(exact)
    a, b = _value(left, exact), _value(right, exact)
    written = [
        read
        for read, shown in ((left_read, found.lhs), (right_read, found.rhs))
        if shown.startswith("undefined as written")
    ]
    if written:
        # SymPy simplified what the author wrote (sqrt(a)**2 is built as a): a guard of
        # the written form must fail at the point.
        assert any(_violated(g, exact) for g in written[0].guards), (
            f"no written operation is undefined at the counterexample: {found}"
        )
        return
    if missing and (a is None or b is None):
        return  # a symbol that cancels (a - a) need not be named; nothing to confirm
    if (a is None) != (b is None):
        return  # one side undefined over the reals, the other a real number
    if a is None and b is None:
        # Neither side real: their complex values must differ (log(x**3) = 3*log(x)).
        u, v = _complex_value(left, exact), _complex_value(right, exact)
        assert relation == "=" and u is not None and v is not None, found
        assert abs(u - v) > APART * max(sympy.Integer(1), abs(u), abs(v)), (
            f"both sides undefined and equal as complex numbers: {u} and {v}: {found}"
        )
        return
    assert a is not None and b is not None
    assert _told_apart(relation, a, b) or (relation in ("<", ">") and a == b), (
        f"the counterexample does not show the relation fails: lhs ≈ {a!s}, rhs ≈ {b!s}: {found}"
    )


def _verify(
    domains: Mapping[str, str], lhs: str, relation: str, rhs: str, margin: float = CHECK_MARGIN
) -> RelationResult:
    result, elapsed = check_pair(domains, lhs, relation, rhs)
    assert elapsed < CHECK_TIMEOUT + margin, (
        f"the check took {elapsed:.1f} s; its budget is {CHECK_TIMEOUT} s per relation"
    )
    if result.verdict is Verdict.PROVED:
        point = witness(domains, lhs, relation, rhs)
        assert point is None, (
            f"FALSE PROVED: {lhs} {relation} {rhs} under {dict(domains)}, "
            f"told apart at {point} (method: {result.method})"
        )
    elif result.verdict is Verdict.REFUTED:
        _check_counterexample(domains, lhs, relation, rhs, result)
    return result


@fuzz(2)
@given(pairs())
@example(({"a": "real", "b": "positive", "c": "(0, 1)"}, "log(a**2)", "=", "2*log(a)", "forced"))
@example(({"a": "(0, 1)", "b": "{0, 1}", "c": "{-1, 1}"}, "sqrt(c**2)", "=", "c", "forced"))
@example(({"a": "real", "b": "real", "c": "real"}, "Max(a, b) + Min(a, b)", "=", "a + b", "true"))
@example(({"a": "integer", "b": "real", "c": "real"}, "(-1)**(2*a)", "=", "1", "true"))
# findings of the long profile (2026-12-02): a counterexample where SymPy simplified the
# written form, and one where neither side is real
@example(({"a": "real", "b": "real", "c": "real"}, "-(((a) ** ((1/2))) ** (2))", "=", "-a", "f"))
@example(({"a": "real", "b": "real", "c": "real"}, "log(a)", "=", "-log(a)", "found"))
@example(({"a": "real", "b": "real", "c": "real"}, "0", ">", "-exp(0**a)", "found"))
def test_checker_never_proves_a_false_pair(pair: tuple[dict[str, str], str, str, str, str]) -> None:
    domains, lhs, relation, rhs, _ = pair
    _verify(domains, lhs, relation, rhs)


# -- findings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("domains", "lhs", "relation", "rhs"),
    [
        ({"a": "{1}"}, "(-2)**log(a)", "=", "1"),
        ({"a": "integer", "c": "nonnegative"}, "(c) ** ((c) ** (5))", "<=", "a**(c**5)"),
    ],
)
def test_refuted_only_at_a_point_that_fails(
    domains: dict[str, str], lhs: str, relation: str, rhs: str
) -> None:
    result = _verify(domains, lhs, relation, rhs)
    assert result.verdict is not Verdict.REFUTED or result.counterexample is not None


def test_no_counterexample_where_huge_powers_agree() -> None:
    exponent = "c**(exp(2)*log(3))"
    _verify({"c": "positive"}, f"(4*c**2)**({exponent})", "=", f"(2*c)**(2*{exponent})")


@pytest.mark.skipif(_PROFILE.derandomize, reason="takes ~15 s; runs in the long profile")
def test_a_check_keeps_its_budget_on_towers_of_exp() -> None:
    _verify({"c": "positive"}, "exp(exp(Max(-c, c**c)))", "=", "exp(exp(c**c))", margin=3.0)
