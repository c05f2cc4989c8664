"""Coverage-guided fuzzing of the reader with atheris.

    pip install atheris
    python -m bench.fuzz_atheris -atheris_runs=20000 -max_len=300 [corpus_dir]

Each input is read three ways: as an expression (``read_expression`` in a scope with
symbols, families and functions), as a domain string (``parse_domain``) and as a whole
derivation file (``load_text``), the last also with the input put into a valid file as a
step. Only ``XentproofError`` may come out, and no read may run past its time bound; any
other exception, or a read that is too slow, stops the run with the input that caused it
(libFuzzer writes it to ``crash-*``). Only xentproof's modules are instrumented: SymPy is
too large to trace, and its branches are not what this looks for.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["xentproof"]):
    import sympy

    from xentproof.domains import parse_domain
    from xentproof.errors import XentproofError
    from xentproof.loader import load_text
    from xentproof.syntax.bounds import TIME_LIMIT
    from xentproof.syntax.reader import read_expression
    from xentproof.syntax.scope import Scope

READ_MARGIN = 3.0
_x, _s, _yhat = sympy.symbols("x s yhat", real=True)
SCOPE = Scope(
    symbols={"x": _x, "s": _s, "yhat": _yhat, "N": sympy.Symbol("N", integer=True)},
    families={"y": (sympy.IndexedBase("y"), 1), "p": (sympy.IndexedBase("p"), 2)},
    functions={"g": (sympy.Function("g"), 1), "h": (sympy.Function("h"), 2)},
)
FILE = """\
title = "t"
[symbols]
x = "real"
yhat = "(0, 1)"
"y[i]" = "{{0, 1}}"
N = "positive integer"
[functions]
g = "t -> 1/(1 + exp(-t))"
[[chain]]
name = "c"
steps = ["-log(g(x))", {{ rel = "=", expr = {step} }}]
"""


class TooSlow(Exception):
    pass


def _bounded(what: str, bound: float, call: object, text: str) -> None:
    started = time.perf_counter()
    try:
        call()  # type: ignore[operator]
    except XentproofError as error:
        str(error)
    elapsed = time.perf_counter() - started
    if elapsed > bound:
        raise TooSlow(f"{what} took {elapsed:.2f} s (bound {bound:.2f} s) on {text!r}")


def _toml_string(text: str) -> str:
    escaped = "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in text)
    return f'"{escaped}"'


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    text = provider.ConsumeUnicodeNoSurrogates(len(data))
    bound = TIME_LIMIT + READ_MARGIN
    _bounded("read_expression", bound, lambda: read_expression(text, SCOPE), text)
    _bounded("parse_domain", 2 * bound, lambda: parse_domain(text[:200]), text)
    _bounded("load_text", bound * (text.count('"') + 2), lambda: load_text(text), text)
    step = FILE.format(step=_toml_string(text))
    _bounded("load_text (as a step)", 3 * bound, lambda: load_text(step), text)


def main() -> None:
    seeds = [
        b"-log(g(x)) + Sum(y[i]*log(yhat), (i, 1, N))",
        b"Piecewise((x, x > 0), (0, True))",
        b"Derivative(log(yhat), yhat, 2)",
        b"Limit(exp(-s), s, oo)",
        b"(0, 1)",
    ]
    for seed in seeds:  # a quick sanity pass
        test_one_input(seed)
    # An empty corpus folder on the command line starts from the seeds.
    folders = [Path(a) for a in sys.argv[1:] if not a.startswith("-") and Path(a).is_dir()]
    for folder in folders:
        if not any(folder.iterdir()):
            for k, seed in enumerate(seeds):
                (folder / f"seed-{k}").write_bytes(seed)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
