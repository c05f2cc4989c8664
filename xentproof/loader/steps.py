"""One step of a chain: a string (``"= log(x)"``) or a table (``{ rel, expr | latex, by,
note, expect, accept, timeout, memory }``) → ``Step``, its relation checked against its
place in the chain and its text read in the derivation's scope."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import sympy

from ..definedness import Requirement
from ..errors import FileFormatError, InputError
from ..model import EQUATION_RELATIONS, RELATIONS, Step
from ..syntax.equation import split_equation
from ..syntax.inequality import split_inequality
from .declarations import DeclarationReader
from .lines import FileLines
from .values import check_keys, expect_type, shown

STEP_KEYS = ("rel", "expr", "latex", "by", "note", "expect", "accept", "timeout", "memory")
CITATION_KEYS = ("rule", "at")
INEQUALITIES = {"<=": sympy.Le, "<": sympy.Lt, ">=": sympy.Ge, ">": sympy.Gt}
SHOWN = {"<=": "≤", "<": "<", ">=": "≥", ">": ">"}
EXPECT_VALUES = ("refuted",)
ACCEPT_VALUES = ("numeric",)


@dataclass(frozen=True)
class _Written:
    """A step as the file writes it, before its text is read."""

    line: int
    text: str
    rel: str | None
    by: str | None = None
    note: str | None = None
    expect: str | None = None
    accept: str | None = None
    timeout: float | None = None
    memory: int | None = None
    latex: str | None = None
    at: tuple[tuple[str, str], ...] = ()
    cites: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()


class StepReader:
    """Reads the steps of a file's chains, each from where the previous one was found."""

    def __init__(self, lines: FileLines, declarations: DeclarationReader) -> None:
        self.lines = lines
        self.declarations = declarations

    def step(
        self, data: Any, position: int, cursor: int, limit: int, chain: str
    ) -> tuple[Step, int]:
        """The step at ``position`` of ``chain`` and the offset to search the next one from;
        its text is searched for between ``cursor`` and ``limit``."""
        here = self.lines.line_of(cursor)
        if isinstance(data, str):
            written, cursor = self._string(data, cursor, limit)
        elif isinstance(data, dict):
            written, cursor = self._table(data, position, cursor, limit, chain, here)
        else:
            raise FileFormatError(
                f"chain {chain!r}: a step must be a string or a table {{ rel, expr, by, note }}",
                line=here,
            )
        self._check_place(written, position, chain)
        expr, display, guards = self._read_text(written, chain)
        at = tuple((name, self._at_value(value, written.line)) for name, value in written.at)
        cites = tuple(
            (rule, tuple((name, self._at_value(value, written.line)) for name, value in given))
            for rule, given in written.cites
        )
        step = Step(
            written.line,
            written.text.strip(),
            expr,
            display,
            written.rel,
            written.by,
            written.note,
            written.expect,
            written.accept,
            written.timeout,
            written.memory,
            written.latex,
            guards,
            at=at,
            cites=cites,
        )
        return step, cursor

    def _string(self, data: str, cursor: int, limit: int) -> tuple[_Written, int]:
        """``"= log(x)"``: the relation, if any, then the text."""
        line, cursor = self.lines.locate(data, cursor, limit)
        try:
            rel, text = _split_relation(data)
        except InputError as error:
            raise error.at(None, line) from None
        return _Written(line, text, rel), cursor

    def _table(
        self, data: dict[str, Any], position: int, cursor: int, limit: int, chain: str, here: int
    ) -> tuple[_Written, int]:
        """``{ rel, expr | latex, … }``: its keys and values checked."""
        check_keys(data, STEP_KEYS, "step ", here)
        if ("expr" in data) == ("latex" in data):
            raise FileFormatError(
                f'chain {chain!r}: a step table needs either expr = "…" or latex = "…"'
                + (", not both" if "expr" in data else ""),
                line=here,
            )
        latex = None
        notes: tuple[str, ...] = ()
        if "latex" in data:
            latex = expect_type(data["latex"], str, "latex", here)
            line, cursor = self.lines.locate(latex, cursor, limit)
            text, notes = self.declarations.from_latex_noted(latex, line)
        else:
            text = expect_type(data["expr"], str, "expr", here)
            line, cursor = self.lines.locate(text, cursor, limit)
        rel = data.get("rel")
        if rel is not None:
            expect_type(rel, str, "rel", line)
        if rel is None and position > 0:
            rel = "="
        by, note = data.get("by"), data.get("note")
        at: tuple[tuple[str, str], ...] = ()
        cites: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
        if isinstance(by, list):
            cites = _citations(by, line)
            by, at = cites[0]
        elif isinstance(by, dict):
            by, at = _citation(by, line)
        elif by is not None:
            expect_type(by, str, "by", line)
        if note is not None:
            expect_type(note, str, "note", line)
        if notes:  # how the LaTeX was read, where the author may mean another reading
            note = "; ".join([*([note] if note else []), *notes])
        budget, memory = _limits(data, line)
        expect, accept = _verdict_options(data, line)
        written = _Written(
            line, text, rel, by, note, expect, accept, budget, memory, latex, at, cites
        )
        return written, cursor

    def _at_value(self, text: str, line: int) -> sympy.Expr:
        """A value of ``at``: an expression of this file (not an equation)."""
        parsed = self.declarations.read(text.strip(), line)
        if not isinstance(parsed.expr, sympy.Expr):
            raise FileFormatError(f"at: {shown(text)} is not an expression", line=line)
        return parsed.expr

    def _check_place(self, written: _Written, position: int, chain: str) -> None:
        """The first step has no relation and nothing to expect; every other has one."""
        line, rel = written.line, written.rel
        if position == 0 and (written.expect is not None or written.accept is not None):
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

    def _read_text(
        self, written: _Written, chain: str
    ) -> tuple[sympy.Basic, str, tuple[Requirement, ...]]:
        """The step's expression (or equation), its display and its guards."""
        text, line, rel = written.text, written.line, written.rel
        try:
            sides = split_equation(text)
        except InputError as error:
            raise error.at(None, line) from None
        compared = None
        if sides is None:
            try:
                compared = split_inequality(text)
            except InputError as error:
                raise error.at(None, line) from None
        if compared is not None:
            # a statement of a chain joined by <=> / =>: an inequality (§8)
            (left, right), operator = (
                (self.declarations.read(side, line) for side in compared[::2]),
                compared[1],
            )
            expr = INEQUALITIES[operator](left.expr, right.expr, evaluate=False)
            display = f"{left.display} {SHOWN[operator]} {right.display}"
            guards = left.guards + right.guards
        elif sides is None:
            parsed = self.declarations.read(text.strip(), line)
            expr, display, guards = parsed.expr, parsed.display, parsed.guards
        else:
            left, right = (self.declarations.read(side, line) for side in sides)
            expr = sympy.Eq(left.expr, right.expr, evaluate=False)
            display = f"{left.display} = {right.display}"
            guards = left.guards + right.guards
        equation = sides is not None or compared is not None
        if rel is not None and (rel in EQUATION_RELATIONS) != equation:
            raise FileFormatError(
                f"chain {chain!r}: "
                + (
                    f"an equation or inequality step needs {' or '.join(EQUATION_RELATIONS)} "
                    "before it"
                    if equation
                    else f'{rel} joins equations ("a = b") or inequalities ("a <= b"); '
                    "this step is an expression"
                ),
                line=line,
            )
        return expr, display, guards


def _citations(data: list[Any], line: int) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """``by = ["NAME", { rule = "OTHER", at = {…} }]``: two or more lemmas, each a name or
    a table, applied in the order written."""
    if len(data) < 2:
        raise FileFormatError(
            'by = [ … ] lists two or more rules; cite one as by = "NAME"', line=line
        )
    found: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    for entry in data:
        if isinstance(entry, dict):
            found.append(_citation(entry, line))
        elif isinstance(entry, str):
            found.append((entry, ()))
        else:
            raise FileFormatError(
                'by = [ … ]: each entry is a name or { rule = "NAME", at = { … } }', line=line
            )
    return tuple(found)


def _citation(data: dict[str, Any], line: int) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``by = { rule = "NAME", at = { t = "q/p" } }``: the rule's name and, for a lemma,
    the expressions its variables are put to (read in the file's scope by the caller)."""
    check_keys(data, CITATION_KEYS, "by ", line)
    if "rule" not in data:
        raise FileFormatError('by = { … } needs rule = "NAME"', line=line)
    rule = expect_type(data["rule"], str, "by.rule", line)
    at = expect_type(data.get("at", {}), dict, "by.at", line)
    values: list[tuple[str, str]] = []
    for name, value in at.items():
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
            raise FileFormatError(f"at: {shown(name)} is not a variable name", line=line)
        values.append((name, expect_type(value, str, f"at.{name}", line)))
    return rule, tuple(values)


def _limits(data: dict[str, Any], line: int) -> tuple[float | None, int | None]:
    """A step's own time budget (seconds) and memory cap (MB), when it sets them. They may
    only lower the run's (``xentproof.settings.Budget``): a larger value is capped there,
    with a warning on the step, since the run's budget is the command line's to set."""
    budget, memory = data.get("timeout"), data.get("memory")
    if budget is not None and (
        isinstance(budget, bool)
        or not isinstance(budget, int | float)
        or not math.isfinite(budget)
        or budget <= 0
    ):
        raise FileFormatError(
            f"timeout must be a finite positive number of seconds, got {shown(budget)}",
            line=line,
        )
    if memory is not None and (
        isinstance(memory, bool) or not isinstance(memory, int) or memory < 64
    ):
        raise FileFormatError(
            f"memory must be a whole number of MB, at least 64, got {shown(memory)}", line=line
        )
    return (None if budget is None else float(budget)), memory


def _verdict_options(data: dict[str, Any], line: int) -> tuple[str | None, str | None]:
    """``expect = "refuted"`` (a known mistake) or ``accept = "numeric"``, not both."""
    expect, accept = data.get("expect"), data.get("accept")
    if expect is not None and expect not in EXPECT_VALUES:
        raise FileFormatError(
            f"expect = {shown(expect)} is not known; expected: {', '.join(EXPECT_VALUES)}",
            line=line,
        )
    if accept is not None and accept not in ACCEPT_VALUES:
        raise FileFormatError(
            f"accept = {shown(accept)} is not known; expected: {', '.join(ACCEPT_VALUES)}",
            line=line,
        )
    if expect is not None and accept is not None:
        raise FileFormatError(
            "a step cannot both expect a refutation and accept numeric evidence", line=line
        )
    return expect, accept


def _split_relation(text: str) -> tuple[str | None, str]:
    stripped = text.strip()
    for rel in RELATIONS:  # longest first: "<=" before "<"
        if stripped.startswith(rel) and not stripped.startswith("=="):
            return rel, stripped[len(rel) :]
    if stripped.startswith("=="):
        raise FileFormatError("write '=' for equality between steps, not '=='")
    return None, stripped
