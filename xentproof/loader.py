"""Derivation file (TOML) → ``Derivation``, with the line of every symbol, function and step.

The loader never proves. Every error it raises names the file and line and says what was
expected. ``tomllib`` gives no positions, so lines are found by locating each item's text
in the file, in order (``_Lines``); where that fails the enclosing table's line is used.
"""

from __future__ import annotations

import bisect
import difflib
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import sympy

from .domains import assumptions, contains, parse_domain
from .errors import ExpressionError, FileFormatError, InputError, XentproofError
from .model import (
    EQUATION_RELATIONS,
    RELATIONS,
    Chain,
    Derivation,
    FunctionDef,
    Notation,
    Plot,
    Step,
    SymbolDecl,
)
from .syntax.reader import read_constant, read_expression
from .syntax.scope import Scope
from .syntax.vocabulary import RESERVED_NAMES
from .tex.parser import read_latex

MAX_FILE_BYTES = 1_000_000
TOP_KEYS = ("title", "source", "symbols", "functions", "chain", "latex")
CHAIN_KEYS = ("name", "claims", "steps", "where", "lemma", "note", "plot")
STEP_KEYS = ("rel", "expr", "latex", "by", "note", "expect", "accept", "timeout", "memory")
PLOT_KEYS = ("var", "range", "step", "label")
INDEX_STYLES = ("superscript", "subscript")
EXPECT_VALUES = ("refuted",)
ACCEPT_VALUES = ("numeric",)
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_FAMILY = re.compile(r"([A-Za-z][A-Za-z0-9_]*)\[([^\]]*)\]\Z")
_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


class _Lines:
    """Find the line where an item of the file is written."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines()
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.chain_lines = [
            i + 1 for i, line in enumerate(self.lines) if line.strip().startswith("[[chain]]")
        ]
        section = ""
        self.keys: dict[tuple[str, str], int] = {}
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            header = re.match(r"\[([A-Za-z_]+)\]", stripped)
            if header:
                section = header.group(1)
                continue
            key = re.match(r"""(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_]+))\s*=""", stripped)
            if key:
                name = next(g for g in key.groups() if g is not None)
                self.keys.setdefault((section, name), number)

    def key(self, section: str, name: str, default: int = 1) -> int:
        return self.keys.get((section, name), default)

    def chain(self, index: int) -> int:
        return self.chain_lines[index] if index < len(self.chain_lines) else 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def find(self, text: str, after: int) -> int | None:
        """The offset just past the first TOML string holding ``text`` after ``after``.

        Tries the basic and the literal string forms of TOML, with and without escapes.
        """
        escaped = text.replace("\\", "\\\\").replace('"', '\\"')
        best: int | None = None
        for form in (f'"{text}"', f'"{escaped}"', f"'{text}'"):
            at = self.text.find(form, after)
            if at >= 0 and (best is None or at < best):
                best = at
        return best


def load_file(path: str | Path) -> Derivation:
    """Read one derivation file; raises an ``InputError`` that names file and line."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise FileFormatError(
            f"cannot read the file: {error.strerror or error}", file=name
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise FileFormatError(f"the file is larger than {MAX_FILE_BYTES} bytes", file=name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FileFormatError(
            f"the file is not UTF-8 text (byte {error.start})", file=name
        ) from None
    return load_text(text, name)


def load_text(text: str, path: str = "<string>") -> Derivation:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = _TOML_LINE.search(message)
        line = int(where.group(1)) if where else None
        message = _TOML_LINE.sub("", message).strip()
        raise FileFormatError(f"not valid TOML: {message}", file=path, line=line) from None
    try:
        return _Reader(data, _Lines(text), path).derivation()
    except XentproofError as error:
        raise error.at(path, None) from None


def _closest(name: str, known: Any) -> str:
    match = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _expect(value: Any, kind: type | tuple[type, ...], what: str, line: int) -> Any:
    if not isinstance(value, kind):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        shown = {"str": "a string", "list": "an array", "dict": "a table"}.get(names, names)
        raise FileFormatError(
            f"{what} must be {shown}, got {type(value).__name__} {value!r}", line=line
        )
    return value


class _Reader:
    def __init__(self, data: dict[str, Any], lines: _Lines, path: str) -> None:
        self.data = data
        self.lines = lines
        self.path = path
        self.symbols: dict[str, SymbolDecl] = {}
        self.functions: dict[str, FunctionDef] = {}
        self.notation = Notation()

    # -- top level --------------------------------------------------------------------------

    def derivation(self) -> Derivation:
        for key in self.data:
            if key not in TOP_KEYS:
                raise FileFormatError(
                    f"unknown key {key!r}{_closest(key, TOP_KEYS)}; "
                    f"expected one of: {', '.join(TOP_KEYS)}",
                    line=self.lines.key("", key),
                )
        if "title" not in self.data:
            raise FileFormatError('the file needs a title: title = "…"', line=1)
        title = _expect(self.data["title"], str, "title", self.lines.key("", "title"))
        source = self.data.get("source")
        if source is not None:
            _expect(source, str, "source", self.lines.key("", "source"))
        self._symbols(_expect(self.data.get("symbols", {}), dict, "[symbols]", 1))
        self._functions(_expect(self.data.get("functions", {}), dict, "[functions]", 1))
        self._notation(_expect(self.data.get("latex", {}), dict, "[latex]", 1))
        chains_data = _expect(self.data.get("chain", []), list, "[[chain]]", 1)
        if not chains_data:
            raise FileFormatError("the file has no [[chain]]: nothing to check", line=1)
        chains: list[Chain] = []
        for index, chain_data in enumerate(chains_data):
            chain = self._chain(index, chain_data)
            if any(c.name == chain.name for c in chains):
                raise FileFormatError(
                    f"chain name {chain.name!r} is used twice in this file", line=chain.line
                )
            chains.append(chain)
        return Derivation(
            self.path,
            title,
            dict(self.symbols),
            dict(self.functions),
            tuple(chains),
            source,
            self.notation,
        )

    def _notation(self, table: dict[str, Any]) -> None:
        """``[latex]``: a LaTeX spelling per declared name, and ``index`` for families."""
        names: dict[str, str] = {}
        index = "superscript"
        for key, value in table.items():
            line = self.lines.key("latex", key)
            _expect(value, str, f"[latex] {key}", line)
            if key == "index":
                if value not in INDEX_STYLES:
                    raise FileFormatError(
                        f"[latex] index = {value!r}: expected one of {', '.join(INDEX_STYLES)}",
                        line=line,
                    )
                index = value
                continue
            name = re.sub(r"\[.*\]$", "", key)
            declared = (
                name in self.functions
                or name in self.symbols
                or any(d.is_family and d.name == name for d in self.symbols.values())
            )
            if not declared:
                known = [*self.symbols, *self.functions]
                raise FileFormatError(
                    f"[latex] {key!r} is not a declared symbol, family or function"
                    f"{_closest(key, known)}",
                    line=line,
                )
            if not value.strip():
                raise FileFormatError(f"[latex] {key}: the LaTeX is empty", line=line)
            names[name] = value
        self.notation = Notation(names, "subscript" if index == "subscript" else "superscript")

    def scope(self, extra: Mapping[str, sympy.Symbol] | None = None) -> Scope:
        scope = _scope(self.symbols, self.functions)
        return scope.with_symbols(extra) if extra else scope

    def _check_name(self, name: str, line: int, key: str = "") -> None:
        """A usable new name; ``key`` is an indexed family's key (``y[]``), which may share
        its name with a scalar symbol (``y`` the label, ``y[i]`` the labels of a sample)."""
        if not _NAME.match(name):
            raise FileFormatError(
                f"{name!r} is not a valid name: use letters, digits and _, starting with a letter",
                line=line,
            )
        if name in RESERVED_NAMES:
            raise FileFormatError(f"{name!r} is a built-in name and cannot be declared", line=line)
        taken = (key or name) in self.symbols or name in self.functions
        if taken or (not key and f"{name}[]" in self.symbols):
            raise FileFormatError(f"{key or name!r} is declared twice", line=line)

    # -- symbols and functions ---------------------------------------------------------------

    def _symbols(self, table: dict[str, Any]) -> None:
        for key, value in table.items():
            line = self.lines.key("symbols", key)
            family = _FAMILY.match(key.replace(" ", ""))
            name = family.group(1) if family else key
            indices = tuple(i for i in family.group(2).split(",")) if family else ()
            key_name = f"{name}[]" if family else name
            self._check_name(name, line, key_name)
            for index in indices:
                if not _NAME.match(index):
                    raise FileFormatError(f"index {index!r} of {key!r} is not a name", line=line)
            text = _expect(value, str, f"the domain of {key!r}", line)
            try:
                domain = parse_domain(text)
            except InputError as error:
                raise error.at(None, line) from None
            facts = assumptions(domain)
            symbol: sympy.Symbol | sympy.IndexedBase
            # A family's label carries an extra assumption so that it never equals a scalar
            # symbol of the same name and domain (y the label, y[i] the labels).
            symbol = (
                sympy.IndexedBase(sympy.Symbol(name, family=True, **facts))
                if indices
                else sympy.Symbol(name, **facts)
            )
            self.symbols[key_name] = SymbolDecl(name, domain, line, symbol, indices)

    def _functions(self, table: dict[str, Any]) -> None:
        for name, value in table.items():
            line = self.lines.key("functions", name)
            self._check_name(name, line)
            text = _expect(value, str, f"the definition of {name!r}", line)
            if "->" not in text:
                raise FileFormatError(
                    f'function {name!r} must be written "params -> body", '
                    f'e.g. "t -> 1/(1 + exp(-t))"',
                    line=line,
                )
            head, body_text = text.split("->", 1)
            head = head.strip()
            if head.startswith("(") and head.endswith(")"):
                head = head[1:-1]
            names = [p.strip() for p in head.split(",")]
            for p in names:
                if not _NAME.match(p) or p in RESERVED_NAMES:
                    raise FileFormatError(
                        f"parameter {p!r} of function {name!r} is not a usable name", line=line
                    )
            if len(set(names)) != len(names):
                raise FileFormatError(f"function {name!r} repeats a parameter", line=line)
            params = tuple(sympy.Symbol(p, real=True) for p in names)
            parsed = self._read(body_text.strip(), line, dict(zip(names, params, strict=True)))
            func = sympy.Function(name)
            self.functions[name] = FunctionDef(name, params, parsed.expr, text, line, func)

    def _read(self, text: str, line: int, extra: Mapping[str, sympy.Symbol] | None = None) -> Any:
        try:
            return read_expression(text, self.scope(extra))
        except ExpressionError as error:
            column = f", column {error.column}" if error.column else ""
            raise ExpressionError(f"in {text!r}{column}: {error.message}", line=line) from None

    # -- chains -------------------------------------------------------------------------------

    def _chain(self, index: int, data: Any) -> Chain:
        line = self.lines.chain(index)
        _expect(data, dict, "a [[chain]]", line)
        for key in data:
            if key not in CHAIN_KEYS:
                raise FileFormatError(
                    f"unknown chain key {key!r}{_closest(key, CHAIN_KEYS)}; "
                    f"expected one of: {', '.join(CHAIN_KEYS)}",
                    line=line,
                )
        if "name" not in data:
            raise FileFormatError('a [[chain]] needs a name: name = "…"', line=line)
        name = _expect(data["name"], str, "the chain name", line)
        stop = (
            self.lines.chain_lines[index + 1] - 1
            if index + 1 < len(self.lines.chain_lines)
            else None
        )
        claims = tuple(
            _expect(c, str, "a claim id", line)
            for c in _expect(data.get("claims", []), list, "claims", line)
        )
        where = self._where(_expect(data.get("where", {}), dict, "where", line), line)
        lemma = data.get("lemma")
        if lemma is not None:
            _expect(lemma, str, "lemma", line)
        note = data.get("note")
        if note is not None:
            _expect(note, str, "note", line)
        steps_data = (
            _expect(data.get("steps"), list, f"chain {name!r}: steps", line)
            if "steps" in data
            else None
        )
        if not steps_data or len(steps_data) < 2:
            raise FileFormatError(f"chain {name!r} needs at least two steps", line=line)
        steps: list[Step] = []
        cursor = self.lines.starts[line - 1]
        limit = self.lines.starts[stop] if stop is not None else len(self.lines.text)
        for position, step_data in enumerate(steps_data):
            step, cursor = self._step(step_data, position, cursor, limit, name)
            steps.append(step)
        if lemma is not None and any(s.rel != "=" for s in steps[1:]):
            raise FileFormatError(f"lemma {lemma!r} must be a chain of equalities", line=line)
        plot = None
        if "plot" in data:
            plot = self._plot(_expect(data["plot"], dict, "plot", line), line, steps, where)
        return Chain(name, line, tuple(steps), claims, where, lemma, note, plot)

    def _plot(
        self,
        table: dict[str, Any],
        line: int,
        steps: list[Step],
        where: Mapping[sympy.Basic, sympy.Expr],
    ) -> Plot:
        """``plot = { var = "yhat", range = [0.01, 0.99] }``: a step drawn against ``var``."""
        written = re.compile(r"^[ \t]*plot[ \t]*=", re.MULTILINE).search(
            self.lines.text, self.lines.starts[line - 1]
        )
        here = self.lines.line_of(written.start()) if written is not None else line
        for key in table:
            if key not in PLOT_KEYS:
                raise FileFormatError(
                    f"unknown plot key {key!r}{_closest(key, PLOT_KEYS)}; "
                    f"expected one of: {', '.join(PLOT_KEYS)}",
                    line=here,
                )
        var = _expect(table.get("var"), str, 'plot: var = "…"', here)
        decl = self.symbols.get(var)
        if decl is None or decl.is_family:
            raise FileFormatError(
                f"plot: var {var!r} is not a declared symbol{_closest(var, self.symbols)}",
                line=here,
            )
        bounds = _expect(table.get("range"), list, "plot: range = [from, to]", here)
        if len(bounds) != 2 or not all(
            isinstance(b, int | float) and not isinstance(b, bool) for b in bounds
        ):
            raise FileFormatError("plot: range must be two numbers, [from, to]", line=here)
        lo, hi = (read_constant(repr(b)) for b in bounds)
        if not lo < hi:
            raise FileFormatError(
                "plot: the range must go from a smaller to a larger number", line=here
            )
        for end in (lo, hi):
            if not contains(decl.domain, end):
                raise FileFormatError(
                    f"plot: {end} lies outside the domain {decl.domain.text} of {var}", line=here
                )
        # By default the last step equal to the first: "L(ŷ) = … = −log ŷ > 0" draws −log ŷ.
        equal = 1
        while equal < len(steps) and steps[equal].rel == "=":
            equal += 1
        step = table.get("step", equal)
        if isinstance(step, bool) or not isinstance(step, int) or not 1 <= step <= len(steps):
            raise FileFormatError(
                f"plot: step must be a step number from 1 to {len(steps)}, got {step!r}", line=here
            )
        expr = steps[step - 1].expr.subs(dict(where))
        free = {s for s in expr.free_symbols if s != decl.symbol}
        if free:
            names = ", ".join(sorted(str(s) for s in free))
            raise FileFormatError(
                f"plot: step {step} still depends on {names}; fix it with the chain's where",
                line=here,
            )
        label = table.get("label")
        if label is not None:
            _expect(label, str, "plot: label", here)
        return Plot(var, lo, hi, here, step - 1, label)

    def _where(self, table: dict[str, Any], line: int) -> dict[sympy.Basic, sympy.Expr]:
        fixed: dict[sympy.Basic, sympy.Expr] = {}
        for key, value in table.items():
            decl = self.symbols.get(key)
            if decl is None or decl.is_family:
                raise FileFormatError(
                    f"where: {key!r} is not a declared symbol{_closest(key, self.symbols)}",
                    line=line,
                )
            text = str(value) if isinstance(value, (int, float, str)) else None
            if text is None:
                raise FileFormatError(
                    f"where: the value of {key!r} must be a number or a string", line=line
                )
            try:
                number = read_constant(text)
            except ExpressionError as error:
                raise ExpressionError(
                    f"where: {key} = {text!r}: {error.message}", line=line
                ) from None
            if not contains(decl.domain, number):
                raise FileFormatError(
                    f"where: {key} = {text} lies outside its domain {decl.domain.text}", line=line
                )
            fixed[decl.symbol] = number
        return fixed

    def _locate(self, text: str, cursor: int, limit: int) -> tuple[int, int]:
        """The line of a step's string and the offset to search the next step from."""
        at = self.lines.find(text, cursor)
        if at is None or at >= limit:
            return self.lines.line_of(cursor), cursor
        return self.lines.line_of(at), at + len(text) + 1

    def _from_latex(self, latex: str, line: int) -> str:
        """A step written in LaTeX, as the expression text it reads as."""
        try:
            return read_latex(latex, self.scope(), self.notation)
        except ExpressionError as error:
            column = f", column {error.column}" if error.column else ""
            raise ExpressionError(
                f"in the LaTeX {latex!r}{column}: {error.message}", line=line
            ) from None

    def _step(
        self, data: Any, position: int, cursor: int, limit: int, chain: str
    ) -> tuple[Step, int]:
        rel: str | None
        by = note = expect = accept = latex = None
        budget: float | None = None
        memory: int | None = None
        here = self.lines.line_of(cursor)
        if isinstance(data, str):
            text = data
            line, cursor = self._locate(data, cursor, limit)
            try:
                rel, text = _split_relation(text)
            except InputError as error:
                raise error.at(None, line) from None
        elif isinstance(data, dict):
            for key in data:
                if key not in STEP_KEYS:
                    raise FileFormatError(
                        f"unknown step key {key!r}{_closest(key, STEP_KEYS)}; "
                        f"expected one of: {', '.join(STEP_KEYS)}",
                        line=here,
                    )
            if ("expr" in data) == ("latex" in data):
                raise FileFormatError(
                    f'chain {chain!r}: a step table needs either expr = "…" or latex = "…"'
                    + (", not both" if "expr" in data else ""),
                    line=here,
                )
            if "latex" in data:
                latex = _expect(data["latex"], str, "latex", here)
                line, cursor = self._locate(latex, cursor, limit)
                text = self._from_latex(latex, line)
            else:
                text = _expect(data["expr"], str, "expr", here)
                line, cursor = self._locate(text, cursor, limit)
            rel = data.get("rel")
            if rel is not None:
                _expect(rel, str, "rel", line)
            if rel is None and position > 0:
                rel = "="
            by = data.get("by")
            note = data.get("note")
            if by is not None:
                _expect(by, str, "by", line)
            if note is not None:
                _expect(note, str, "note", line)
            budget, memory = data.get("timeout"), data.get("memory")
            if budget is not None and (
                isinstance(budget, bool) or not isinstance(budget, int | float) or budget <= 0
            ):
                raise FileFormatError(
                    f"timeout must be a positive number of seconds, got {budget!r}", line=line
                )
            if memory is not None and (
                isinstance(memory, bool) or not isinstance(memory, int) or memory < 64
            ):
                raise FileFormatError(
                    f"memory must be a whole number of MB, at least 64, got {memory!r}", line=line
                )
            expect, accept = data.get("expect"), data.get("accept")
            if expect is not None and expect not in EXPECT_VALUES:
                raise FileFormatError(
                    f"expect = {expect!r} is not known; expected: {', '.join(EXPECT_VALUES)}",
                    line=line,
                )
            if accept is not None and accept not in ACCEPT_VALUES:
                raise FileFormatError(
                    f"accept = {accept!r} is not known; expected: {', '.join(ACCEPT_VALUES)}",
                    line=line,
                )
            if expect is not None and accept is not None:
                raise FileFormatError(
                    "a step cannot both expect a refutation and accept numeric evidence", line=line
                )
        else:
            raise FileFormatError(
                f"chain {chain!r}: a step must be a string or a table {{ rel, expr, by, note }}",
                line=here,
            )
        if position == 0 and (expect is not None or accept is not None):
            raise FileFormatError(
                f"chain {chain!r}: expect and accept belong to a step with a "
                "relation, not to the first step",
                line=line,
            )
        if position == 0 and rel is not None:
            raise FileFormatError(
                f"chain {chain!r}: the first step has no relation; write the expression alone",
                line=line,
            )
        if position > 0 and rel is None:
            raise FileFormatError(
                f"chain {chain!r}: step {position + 1} needs a relation "
                f"before it ({', '.join(RELATIONS)})",
                line=line,
            )
        if rel is not None and rel not in RELATIONS:
            raise FileFormatError(
                f"relation {rel!r} is not known; expected one of: {', '.join(RELATIONS)}", line=line
            )
        try:
            sides = split_equation(text)
        except InputError as error:
            raise error.at(None, line) from None
        if sides is None:
            parsed = self._read(text.strip(), line)
            expr, display, guards = parsed.expr, parsed.display, parsed.guards
        else:
            left, right = (self._read(side, line) for side in sides)
            expr = sympy.Eq(left.expr, right.expr, evaluate=False)
            display = f"{left.display} = {right.display}"
            guards = left.guards + right.guards
        equation = sides is not None
        if rel is not None and (rel in EQUATION_RELATIONS) != equation:
            raise FileFormatError(
                f"chain {chain!r}: "
                + (
                    f"an equation step needs {' or '.join(EQUATION_RELATIONS)} before it"
                    if equation
                    else f'{rel} joins equations ("a = b"); this step is an expression'
                ),
                line=line,
            )
        step = Step(
            line,
            text.strip(),
            expr,
            display,
            rel,
            by,
            note,
            expect,
            accept,
            None if budget is None else float(budget),
            memory,
            latex,
            guards,
        )
        return step, cursor


def derivation_scope(derivation: Derivation) -> Scope:
    """The names a step of ``derivation`` may use (as its own steps were read)."""
    return _scope(derivation.symbols, derivation.functions)


def _scope(symbols: Mapping[str, SymbolDecl], functions: Mapping[str, FunctionDef]) -> Scope:
    plain = {n: d.symbol for n, d in symbols.items() if not d.is_family}
    families = {d.name: (d.symbol, len(d.indices)) for d in symbols.values() if d.is_family}
    funcs = {n: (f.func, f.arity) for n, f in functions.items()}
    # The index names of families (i in "y[i]") may be written outside a sum: such a free
    # index is then an integer the step must hold for (and is reported).
    for index in index_symbols(symbols.values()):
        plain.setdefault(index.name, index)
    return Scope(symbols=plain, families=families, functions=funcs)


def index_symbols(decls: Iterable[SymbolDecl]) -> list[sympy.Symbol]:
    """The index names of the declared families, as the integer symbols sums bind."""
    names = dict.fromkeys(i for d in decls for i in d.indices)
    return [sympy.Symbol(i, integer=True) for i in names]


def split_equation(text: str) -> tuple[str, str] | None:
    """``"P = a*b"`` → ("P", "a*b"): the one ``=`` outside brackets that is not part of
    ``<=``, ``>=``, ``==`` or ``!=``; None for a plain expression."""
    depth = 0
    found: list[int] = []
    for k, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "=" and depth == 0:
            before = text[k - 1] if k else ""
            after = text[k + 1] if k + 1 < len(text) else ""
            if before not in "<>=!" and after != "=":
                found.append(k)
    if len(found) != 1:
        if len(found) > 1:
            raise FileFormatError("an equation step has one '=': write a chain of equations")
        return None
    k = found[0]
    return text[:k].strip(), text[k + 1 :].strip()


def _split_relation(text: str) -> tuple[str | None, str]:
    stripped = text.strip()
    for rel in RELATIONS:  # longest first: "<=" before "<"
        if stripped.startswith(rel) and not stripped.startswith("=="):
            return rel, stripped[len(rel) :]
    if stripped.startswith("=="):
        raise FileFormatError("write '=' for equality between steps, not '=='")
    return None, stripped
