"""How much of the LaTeX that real documents write does xentproof's reader read as meant?

    python -m bench.latex_read                 # every file in bench/latex_steps/
    python -m bench.latex_read -v              # and every step with its outcome
    python -m bench.latex_read --only d2l      # sources whose file name contains 'd2l'

Each file of ``bench/latex_steps/`` holds steps copied verbatim from one public source
(see that folder's README), each with the declarations a user would write and the meaning
as meant, in the expression syntax of derivation files. For every step this script builds
two small derivation texts and loads them with ``xentproof.load_text``, the public way a
derivation file is read: one whose step is ``latex = '…'`` (the step as published) and one
whose step is the meaning. The step is

- *read as meant* when both load and agree at every sampled point (random points inside
  the declared domains, sums with a symbolic bound expanded at a small concrete bound,
  declared functions unfolded, both sides evaluated with SymPy's ``evalf`` at 30 digits);
- *read with another meaning* when both load and differ at a sampled point, or one is an
  equation and the other is not (counted apart when the reader warns on the step that the
  author may mean another reading: "(n warned)");
- *refused* when the LaTeX does not load (the reader's message is kept and classified);
- *not compared* when the meaning itself does not load (the file syntax cannot write it),
  or no sampled point gives both sides a value.

Steps whose meaning is ``"none"`` (prose, a diagram, a matrix of symbols) are counted
apart. This is a measuring tool: numeric agreement at a few points is evidence, not proof,
and nothing here decides a verdict of xentproof.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import signal
import sys
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STEPS_DIR = Path(__file__).resolve().parent / "latex_steps"
POINTS = 6
DIGITS = 30
STEP_SECONDS = 20
SMALL_BOUNDS = (2, 3, 4)
OUTCOMES = ("read as meant", "another meaning", "refused", "not compared")


@dataclass
class Outcome:
    source: str
    step_id: str
    kind: str  # one of OUTCOMES, or "prose"
    detail: str = ""
    read_as: str = ""
    needs: list[str] = field(default_factory=list)
    prose_refused: bool = False
    erratum: str = ""  # the source's own mistake, when the text is not what its author meant
    warning: str = ""  # the reader's warning on the step (a reading the author may not mean)


# -- building the derivation texts ----------------------------------------------------------


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, astral characters kept as they are)."""
    return json.dumps(text, ensure_ascii=False)


def _toml_value(value: str | list[str] | dict[str, str]) -> str:
    if isinstance(value, list):  # [latex] calls = ["p"]
        return "[" + ", ".join(_toml_string(v) for v in value) + "]"
    if isinstance(value, dict):  # [latex] range = { j = "1..N" }
        inner = ", ".join(f"{_toml_string(k)} = {_toml_string(v)}" for k, v in value.items())
        return f"{{ {inner} }}"
    return _toml_string(value)


def _table(name: str, entries: dict[str, Any]) -> str:
    lines = [f"[{name}]"]
    lines += [f"{_toml_string(k)} = {_toml_value(v)}" for k, v in entries.items()]
    return "\n".join(lines)


def _declarations(source: dict[str, Any], step: dict[str, Any]) -> str:
    symbols = {**source.get("symbols", {}), **step.get("symbols", {})}
    functions = {**source.get("functions", {}), **step.get("functions", {})}
    names = {**source.get("latex", {}), **step.get("latex_names", {})}
    parts = ['title = "latex step"']
    parts.append(_table("symbols", symbols))
    if functions:
        parts.append(_table("functions", functions))
    if names:
        parts.append(_table("latex", names))
    return "\n\n".join(parts)


def _derivation(declarations: str, key: str, text: str, rel: str) -> str:
    first = f"{{ {key} = {_toml_string(text)} }}"
    second = f'{{ rel = "{rel}", {key} = {_toml_string(text)} }}'
    return f'{declarations}\n\n[[chain]]\nname = "step"\nsteps = [{first}, {second}]\n'


def _load(declarations: str, key: str, text: str) -> Any:
    """The derivation holding ``text`` as its step (an expression, else an equation)."""
    import xentproof

    try:
        return xentproof.load_text(_derivation(declarations, key, text, "="))
    except xentproof.FileFormatError as error:
        if "step needs" not in str(error):  # an equation or inequality step
            raise
    return xentproof.load_text(_derivation(declarations, key, text, "<=>"))


# -- sampling points inside the domains -----------------------------------------------------


def _sample_real(domain: Any, rng: random.Random) -> Any:
    import sympy

    if domain.values is not None:
        return rng.choice(domain.values)
    lo, hi = domain.lo, domain.hi
    if domain.integer:
        low = int(lo) + (1 if domain.lo_open else 0) if lo.is_finite else -3
        high = int(hi) - (1 if domain.hi_open else 0) if hi.is_finite else low + 6
        choices = [k for k in range(max(low, -3), min(high, low + 6) + 1)]
        if domain.nonzero:
            choices = [k for k in choices if k != 0] or [1]
        return sympy.Integer(rng.choice(choices))
    if lo.is_finite and hi.is_finite:
        a, b = sympy.Rational(lo), sympy.Rational(hi)
    elif lo.is_finite:
        a, b = sympy.Rational(lo), sympy.Rational(lo) + 4
    elif hi.is_finite:
        a, b = sympy.Rational(hi) - 4, sympy.Rational(hi)
    else:
        a, b = sympy.Integer(-3), sympy.Integer(3)
    value = a + (b - a) * sympy.Rational(rng.randint(30, 970), 1000)
    return value if value != 0 or not domain.nonzero else sympy.Rational(1, 7)


def _is_bound(decl: Any) -> bool:
    """A positive-integer symbol: a bound or an index, given a small value."""
    d = decl.domain
    return bool(d.integer and d.values is None and d.lo.is_finite and d.lo >= 0)


@dataclass
class Point:
    """One sampled point: values of plain symbols, and of family members as they appear."""

    rng: random.Random
    plain: dict[Any, Any]
    families: dict[str, Any]
    members: dict[Any, Any] = field(default_factory=dict)

    def member(self, indexed: Any) -> Any:
        if indexed not in self.members:
            decl = self.families[str(indexed.base.label)]
            self.members[indexed] = _sample_real(decl.domain, self.rng)
        return self.members[indexed]


def _point(derivation: Any, seed: int) -> Point:
    rng = random.Random(seed)
    plain: dict[Any, Any] = {}
    families: dict[str, Any] = {}
    for _, decl in sorted(derivation.symbols.items()):
        if decl.is_family:
            families[decl.name] = decl
        elif _is_bound(decl):
            plain[decl.symbol] = _small(decl, rng)
        else:
            plain[decl.symbol] = _sample_real(decl.domain, rng)
    return Point(rng, plain, families)


def _small(decl: Any, rng: random.Random) -> Any:
    import sympy

    low = int(decl.domain.lo) + (1 if decl.domain.lo_open else 0)
    return sympy.Integer(max(low, rng.choice(SMALL_BOUNDS)))


# -- evaluating -----------------------------------------------------------------------------


def _unfold(expr: Any, derivation: Any) -> Any:
    for func, lam in derivation.definitions().items():
        expr = expr.replace(func, lam)
    return expr


def _value(expr: Any, derivation: Any, point: Point) -> Any:
    """expr at the point: a complex number, or None where it has no value there."""
    import sympy

    expr = _unfold(expr, derivation).doit()
    expr = expr.subs(point.plain).doit()
    for _ in range(4):  # innermost members first: f[y[i]] once y[i] has its value
        # in a fixed order: members draw their values from one generator, and a set's order
        # changes with the hash seed
        atoms = sorted(expr.atoms(sympy.Indexed), key=sympy.default_sort_key)
        members = {
            x: point.member(x)
            for x in atoms
            if not any(idx.atoms(sympy.Indexed) for idx in x.indices)
        }
        if not members:
            break
        expr = expr.subs(members).doit()
    value = sympy.N(expr, DIGITS)
    if value in (sympy.oo, -sympy.oo):  # a limit may be infinite: compared as such
        return complex(float(value), 0)
    if not value.is_number or value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        return None
    try:
        return complex(value)
    except (TypeError, ValueError):
        return None


def _sides(expr: Any) -> tuple[Any, ...]:
    import sympy

    if isinstance(expr, sympy.Equality):
        return (expr.lhs, expr.rhs)
    return (expr,)


def _close(a: complex, b: complex) -> bool:
    if a == b:  # also the same infinity
        return True
    return abs(a - b) <= 1e-12 * (1 + abs(a) + abs(b))


def _compare(read: Any, meant: Any, derivation: Any) -> tuple[str, str]:
    """'read as meant' / 'another meaning' / 'not compared', with why."""
    read_sides, meant_sides = _sides(read), _sides(meant)
    if len(read_sides) != len(meant_sides):
        return "another meaning", "one is an equation, the other is not"
    compared = 0
    for seed in range(POINTS):
        point = _point(derivation, 1000 + seed)
        for a, b in zip(read_sides, meant_sides, strict=True):
            va, vb = _value(a, derivation, point), _value(b, derivation, point)
            if va is None and vb is None:
                continue
            if va is None or vb is None or not _close(va, vb):
                where = {str(k): str(v) for k, v in {**point.plain, **point.members}.items()}
                return "another meaning", f"at {where}: read {va}, meant {vb}"
            compared += 1
    if compared == 0:
        return "not compared", "no sampled point gives either side a value"
    return "read as meant", f"agree at {compared} sampled side(s)"


class _OutOfTime(Exception):
    pass


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    def stop(signum: int, frame: Any) -> None:
        raise _OutOfTime

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _as_read(source: dict[str, Any], latex: str) -> str:
    """The step's LaTeX as xentproof's document reader reads it from the source: a
    Markdown source (``dialect = "markdown"``) has its escapes undone (kramdown's ``\\_``)
    by the same function as ``xentproof check post.md``; other text is read as it is."""
    from xentproof.document.markdown_scan import undo_markdown_escapes

    if source.get("dialect") == "markdown":
        return undo_markdown_escapes(latex)
    return latex


# -- reading a step as a document reads it ---------------------------------------------------


def _document_settings(source: dict[str, Any], step: dict[str, Any]) -> tuple[str, str]:
    """The preamble's macros and the directives the document's text gives (source, then
    step): a step with either is read as ``xentproof check`` reads a display."""
    macros = "\n".join(x for x in (source.get("macros", ""), step.get("macros", "")) if x)
    directives = "\n".join(
        x for x in (source.get("directives", ""), step.get("directives", "")) if x
    )
    return macros, directives


def _sidecar(source: dict[str, Any], step: dict[str, Any], macros: str, directives: str) -> str:
    parts = [_declarations(source, step).replace('title = "latex step"', 'title = "step"')]
    parts.insert(0, f"macros = {_toml_string(macros)}\ndirectives = {_toml_string(directives)}")
    return "\n\n".join(parts) + "\n"


@dataclass
class DocumentRead:
    """A step read from a one-display document: its expression (an equation's two sides as
    one ``Eq``), with the document's own definitions unfolded, and the text it was read as."""

    expr: Any
    text: str
    note: str | None = None


def _read_in_document(
    source: dict[str, Any], step: dict[str, Any], latex: str, equation: bool
) -> DocumentRead:
    """The step as the display ``\\[ STEP = STEP \\]`` of a document (``\\[ STEP \\]``
    when the step is an equation) whose sidecar holds the declarations, the preamble's
    macros and the directives: read by ``xentproof.document.load_document``, the public
    way ``xentproof check`` reads a paper."""
    import tempfile

    import sympy

    from xentproof.document import load_document
    from xentproof.errors import InputError

    macros, directives = _document_settings(source, step)
    with tempfile.TemporaryDirectory(prefix="latex-read-") as folder:
        paper = Path(folder) / "step.tex"
        display = latex if equation else f"{latex}\n= {latex}"
        paper.write_text(f"\\[\n{display}\n\\]\n", encoding="utf-8")
        sidecar = _sidecar(source, step, macros, directives)
        Path(folder, "step.xentproof.toml").write_text(sidecar, encoding="utf-8")
        derivation = load_document(paper)
    records = derivation.coverage.displays if derivation.coverage else ()
    if not derivation.chains:
        why = next((r.reason for r in records if r.reason), "the display is not read")
        raise InputError(why)
    steps = derivation.chains[0].steps
    first = _unfold(steps[0].expr, derivation)
    note = "; ".join(n for n in (steps[0].note, steps[1].note if equation else None) if n)
    if not equation:
        return DocumentRead(first, steps[0].text, note or None)
    second = _unfold(steps[1].expr, derivation)
    return DocumentRead(
        sympy.Eq(first, second, evaluate=False), f"{steps[0].text} = {steps[1].text}", note or None
    )


def measure_step(source_name: str, source: dict[str, Any], step: dict[str, Any]) -> Outcome:
    import xentproof

    out = Outcome(source_name, step["id"], "refused", needs=list(step.get("needs", [])))
    out.erratum = step.get("erratum", "")
    declarations = _declarations(source, step)
    as_document = any(_document_settings(source, step))
    try:
        with _time_limit(STEP_SECONDS):
            latex = _as_read(source, step["latex"])
            if as_document:
                equation = _is_equation(step["meaning"])
                read: Any = _read_in_document(source, step, latex, equation)
            else:
                read = _load(declarations, "latex", latex).chains[0].steps[0]
    except xentproof.XentproofError as error:
        out.detail = _message(str(error))
    except _OutOfTime:
        out.detail = f"reading took more than {STEP_SECONDS} s"
    else:
        out.read_as = read.text
        out.warning = read.note or ""
    if step["meaning"] == "none":
        out.kind, out.prose_refused = "prose", bool(out.detail)
        return out
    if out.detail:
        return out
    try:
        with _time_limit(STEP_SECONDS):
            meant = _load(declarations, "expr", step["meaning"]).chains[0].steps[0]
            derivation = _load(declarations, "expr", step["meaning"])
            out.kind, out.detail = _compare(read.expr, meant.expr, derivation)
    except xentproof.XentproofError as error:
        out.kind, out.detail = "not compared", f"the meaning does not load: {_message(str(error))}"
    except (ArithmeticError, TypeError, ValueError, KeyError, RecursionError) as error:
        out.kind, out.detail = "not compared", f"evaluation failed: {type(error).__name__} {error}"
    except _OutOfTime:
        out.kind, out.detail = "not compared", f"evaluation took more than {STEP_SECONDS} s"
    return out


def _is_equation(meaning: str) -> bool:
    """Whether the meaning is an equation ``a = b`` (one ``=`` outside ``==``, ``<=``, ``>=``)."""
    return re.search(r"(?<![<>=!])=(?!=)", meaning) is not None and meaning != "none"


def _message(text: str) -> str:
    """The reader's message without the file and line of the generated derivation."""
    text = re.sub(r"^<string>:\d+: ", "", text)
    text = re.sub(r"^\S*latex-read-[^/\s]*/step\.\S*?:\d+: ", "", text)  # the step's document
    text = re.sub(r"^line \d+: ", "", text)
    return re.sub(r"^in the LaTeX '.*?', column \d+: ", "", text, flags=re.S)


# -- refusal causes -------------------------------------------------------------------------

_CAUSES: list[tuple[str, str]] = [
    (r"the LaTeX command (\\[A-Za-z]+|\\.) is not understood", "command {0} not understood"),
    (r"cannot read '.*?' as declared names", "letters that are no declared name"),
    (r"(\\[A-Za-z]+)\{.*?\} is not the LaTeX of any declared name", "{0}{{…}} not declared"),
    (r"is not the LaTeX of any declared name", "a name that is not declared"),
    (r"a subscript on .* means nothing declared", "subscript on a symbol that is no family"),
    (r"expected '\{' after \\(sum|prod)_", "\\{0}_j with a one-token index (no braces, no range)"),
    (r"leaves the range of", "\\sum/\\prod without a declared range (range: j = 1..N)"),
    (r"write the index's start", "\\sum/\\prod without a start (i=1)"),
    (r"after \\(sum|prod): write", "\\sum/\\prod without braces or range"),
    (r"needs an upper bound", "\\sum/\\prod without an upper bound"),
    (r"the index must be a declared name", "\\sum/\\prod index not declared"),
    (r"the environment (\w+\*?) is not understood", "environment {0}"),
    (r"is not a declared symbol", "derivative variable is no declared symbol"),
    (r"is a declared function: write", "declared function without brackets"),
    (r"takes \d+ argument", "function with another number of arguments"),
    (r"takes \d+ index", "family member with another number of indices"),
    (r"indexed family: write it with its index", "family without its index"),
    (r"write a member of", "family member written another way"),
    (r"has no condition in \[latex\]|written with a condition", "condition in P(·|·)"),
    (r"ambiguous", "ambiguous"),
    (r"unexpected character '(.)'", "character {0}"),
    (r"relations", "several relations in one step"),
    (r"expected '(.+?)'", "syntax: expected {0}"),
    (r"expected a number, a name or a bracket, found '(.*?)'", "syntax: found {0}"),
    (r"(.+) is out of place here", "{0} out of place"),
]


def cause(message: str) -> str:
    for pattern, label in _CAUSES:
        m = re.search(pattern, message)
        if m:
            return label.format(*m.groups())
    return re.sub(r"'[^']*'", "'…'", message)[:90]


# -- running and reporting ------------------------------------------------------------------


def load_sources(only: str | None) -> list[tuple[str, dict[str, Any]]]:
    files = sorted(STEPS_DIR.glob("*.toml"))
    if only:
        files = [f for f in files if only in f.stem]
    return [(f.stem, tomllib.loads(f.read_text(encoding="utf-8"))) for f in files]


def measure(only: str | None = None) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for name, source in load_sources(only):
        for step in source.get("step", []):
            outcomes.append(measure_step(name, source, step))
    return outcomes


def _row(name: str, rows: list[Outcome]) -> str:
    counts = Counter(o.kind for o in rows)
    steps = sum(counts[k] for k in OUTCOMES)
    cells = [str(steps)] + [str(counts[k]) for k in OUTCOMES]
    meant = f"{100 * counts['read as meant'] / steps:.0f}%" if steps else "–"
    prose = counts["prose"]
    warned = sum(1 for o in rows if o.kind == "another meaning" and o.warning)
    cells[2] += f" ({warned} warned)" if warned else ""
    return f"| {name} | " + " | ".join(cells) + f" | {meant} | {prose} |"


def report(outcomes: list[Outcome], verbose: bool) -> str:
    lines = [
        "| source | steps | read as meant | another meaning | refused | not compared "
        "| as meant | prose (not counted) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    by_source: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_source[o.source].append(o)
    for name, rows in by_source.items():
        lines.append(_row(name, rows))
    lines.append(_row(f"**total ({len(by_source)} sources)**", outcomes))
    refused = [o for o in outcomes if o.kind == "refused"]
    lines += ["", f"Refusals by the reader's message ({len(refused)} steps):", ""]
    for label, n in Counter(cause(o.detail) for o in refused).most_common():
        lines.append(f"- {n:3d}  {label}")
    lines += ["", "Refused steps by the notation they need (a step may need several):", ""]
    for tag, n in Counter(t for o in refused for t in o.needs).most_common():
        lines.append(f"- {n:3d}  {tag}")
    others = [o for o in outcomes if o.kind in ("another meaning", "not compared")]
    if others:
        lines += ["", "Read with another meaning, or not compared:", ""]
        for o in others:
            why = f" (erratum in the source: {o.erratum})" if o.erratum else ""
            warned = f", with the reader's warning ({o.warning})" if o.warning else ""
            lines.append(f"- {o.source}/{o.step_id}: {o.kind}{warned}{why}: {o.detail}")
    prose = [o for o in outcomes if o.kind == "prose"]
    if prose:
        read = [o for o in prose if not o.prose_refused]
        lines += [
            "",
            f"Not mathematics a checker could read (meaning 'none'): {len(prose)} steps, "
            f"{len(prose) - len(read)} refused, {len(read)} read anyway"
            + (": " + ", ".join(f"{o.source}/{o.step_id}" for o in read) if read else ""),
        ]
    if verbose:
        lines += ["", "Every step:", ""]
        for o in outcomes:
            shown = o.read_as or o.detail
            lines.append(f"- {o.source}/{o.step_id}: {o.kind}: {shown}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="every step's outcome")
    parser.add_argument("--only", help="sources whose file name contains this text")
    args = parser.parse_args(argv)
    print(report(measure(args.only), args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
