"""``[symbols]``, ``[functions]`` and ``[latex]``: what a derivation declares, and how an
expression is read in the scope of what has been declared so far."""

from __future__ import annotations

import dataclasses
import keyword
import re
from collections.abc import Mapping
from typing import Any

import sympy

from ..domains import assumptions, parse_domain
from ..errors import ExpressionError, FileFormatError, InputError
from ..model import FunctionDef, Notation, SymbolDecl
from ..step_scope import declared_scope
from ..syntax.reader import Parsed, read_expression
from ..syntax.scope import Scope
from ..syntax.vocabulary import RESERVED_NAMES
from ..tex.names import literal_clash, name_latex
from ..tex.parser import read_latex_noted
from ..tex.ranges import parse_log_base, parse_range
from .lines import FileLines
from .values import closest, expect_type, shown

INDEX_STYLES = ("superscript", "subscript")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_FAMILY = re.compile(r"([A-Za-z][A-Za-z0-9_]*)\[([^\]]*)\]\Z")


def is_name(text: str) -> bool:
    """Whether ``text`` is a usable name: letters, digits and _, starting with a letter."""
    return bool(_NAME.match(text))


class DeclarationReader:
    """Reads the declarations of one file, and reads expressions in what they declare."""

    def __init__(self, lines: FileLines) -> None:
        self.lines = lines
        self.symbols: dict[str, SymbolDecl] = {}
        self.functions: dict[str, FunctionDef] = {}
        self.notation = Notation()
        # How a name is shown when not by its own name (a document's H_q(p), D_KL(p‖q)).
        self.display: dict[str, str] = {}

    # -- reading expressions in the declared scope -------------------------------------------

    def scope(self, extra: Mapping[str, sympy.Symbol] | None = None) -> Scope:
        scope = declared_scope(self.symbols, self.functions)
        if self.display:
            scope = dataclasses.replace(scope, display=dict(self.display))
        return scope.with_symbols(extra) if extra else scope

    def read(self, text: str, line: int, extra: Mapping[str, sympy.Symbol] | None = None) -> Parsed:
        """An expression of the file, with its error placed at ``line``."""
        try:
            return read_expression(text, self.scope(extra))
        except ExpressionError as error:
            column = f", column {error.column}" if error.column else ""
            raise ExpressionError(f"in {text!r}{column}: {error.message}", line=line) from None

    def from_latex(
        self, latex: str, line: int, extra: Mapping[str, sympy.Symbol] | None = None
    ) -> str:
        """A step written in LaTeX, as the expression text it reads as (a reading with a
        warning is refused: see ``from_latex_noted``)."""
        text, notes = self.from_latex_noted(latex, line, extra)
        if notes:
            raise ExpressionError(f"in the LaTeX {latex!r}: {notes[0]}", line=line)
        return text

    def from_latex_noted(
        self, latex: str, line: int, extra: Mapping[str, sympy.Symbol] | None = None
    ) -> tuple[str, tuple[str, ...]]:
        """A step written in LaTeX: the expression text it reads as, and the warnings of its
        reading (for the step's note)."""
        indices = {d.name: d.indices for d in self.symbols.values() if d.is_family}
        notation = dataclasses.replace(self.notation, family_indices=indices)
        try:
            return read_latex_noted(latex, self.scope(extra), notation)
        except ExpressionError as error:
            column = f", column {error.column}" if error.column else ""
            raise ExpressionError(
                f"in the LaTeX {latex!r}{column}: {error.message}", line=line
            ) from None

    # -- the tables --------------------------------------------------------------------------

    def check_name(self, name: str, line: int, key: str = "") -> None:
        """A usable new name; ``key`` is an indexed family's key (``y[]``), which may share
        its name with a scalar symbol (``y`` the label, ``y[i]`` the labels of a sample)."""
        if not is_name(name):
            raise FileFormatError(
                f"{name!r} is not a valid name: use letters, digits and _, starting with a letter",
                line=line,
            )
        if name in RESERVED_NAMES:
            raise FileFormatError(f"{name!r} is a built-in name and cannot be declared", line=line)
        if keyword.iskeyword(name):  # lambda: no expression could name it
            spelled = " (SymPy's spelling of λ, written \\lambda)" if name == "lambda" else ""
            other = "lamda" if name == "lambda" else f"{name}_"
            raise FileFormatError(
                f"{name!r} is a keyword of the expression syntax and cannot be a name; "
                f"declare {other}{spelled}",
                line=line,
            )
        taken = (key or name) in self.symbols or name in self.functions
        if taken or (not key and f"{name}[]" in self.symbols):
            raise FileFormatError(f"{key or name!r} is declared twice", line=line)

    def read_symbols(self, table: dict[str, Any]) -> None:
        for key, value in table.items():
            line = self.lines.key("symbols", key)
            text = expect_type(value, str, f"the domain of {key!r}", line)
            self.declare_symbol(key, text, line)
        for decl in self.symbols.values():
            self.check_bound(decl)

    def check_bound(self, decl: SymbolDecl) -> None:
        """A domain that names another symbol (``{1, ..., C}``, ``one-hot(C)``): a declared
        integer symbol that is no family and depends on no other, large enough that the
        range or the family is never empty."""
        domain = decl.domain
        if domain.bound is None:
            return
        if domain.joint is not None and not decl.is_family:
            raise FileFormatError(
                f"{decl.name!r}: {domain.text} constrains the members of a family; "
                f'declare it as a family, e.g. "{decl.name}[j]" = "{domain.text}"',
                line=decl.line,
            )
        if domain.joint is None and decl.is_family:
            raise FileFormatError(
                f"{decl.name!r}: a family over {domain.text} is not supported; "
                "declare a scalar symbol over it",
                line=decl.line,
            )
        if domain.bound.isdigit():
            return
        least = sympy.Integer(1) if domain.joint is not None else domain.lo
        bound = self.symbols.get(domain.bound)
        fits = (
            bound is not None
            and bound.domain.bound is None
            and bound.domain.integer
            and bound.domain.lo.is_finite
            and bool(bound.domain.lo >= least)
        )
        if not fits:
            raise FileFormatError(
                f"{decl.name!r}: the bound {domain.bound!r} of {domain.text} must be a declared "
                f"integer symbol whose domain starts at {least} or above (e.g. "
                f'{domain.bound} = "integer >= {least}"), so that it is never empty',
                line=decl.line,
            )

    def declare_symbol(self, key: str, text: str, line: int) -> SymbolDecl:
        """Declare ``key`` (a name, or a family ``y[i]``) over the domain ``text``."""
        family = _FAMILY.match(key.replace(" ", ""))
        name = family.group(1) if family else key
        indices = tuple(i for i in family.group(2).split(",")) if family else ()
        key_name = f"{name}[]" if family else name
        self.check_name(name, line, key_name)
        for index in indices:
            if not is_name(index):
                raise FileFormatError(f"index {index!r} of {key!r} is not a name", line=line)
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
        decl = SymbolDecl(name, domain, line, symbol, indices)
        self.symbols[key_name] = decl
        return decl

    def read_functions(self, table: dict[str, Any]) -> None:
        for name, value in table.items():
            line = self.lines.key("functions", name)
            self.check_name(name, line)
            text = expect_type(value, str, f"the definition of {name!r}", line)
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
            self.define_function(name, names, body_text.strip(), text, line)

    def define_function(
        self, name: str, names: list[str], body_text: str, text: str, line: int
    ) -> FunctionDef:
        """Define ``name(names…) = body`` (``body_text`` in the expression syntax); ``text``
        is how the definition is shown."""
        for p in names:
            if not is_name(p) or p in RESERVED_NAMES:
                raise FileFormatError(
                    f"parameter {p!r} of function {name!r} is not a usable name", line=line
                )
        if len(set(names)) != len(names):
            raise FileFormatError(f"function {name!r} repeats a parameter", line=line)
        params = tuple(sympy.Symbol(p, real=True) for p in names)
        parsed = self.read(body_text, line, dict(zip(names, params, strict=True)))
        func = sympy.Function(name)
        self.functions[name] = FunctionDef(
            name, params, parsed.expr, text, line, func, parsed.guards
        )
        return self.functions[name]

    def read_calls(self, value: Any, line: int) -> frozenset[str]:
        """``[latex] calls = ["p"]``: families whose members the text writes as calls,
        ``p(x)`` for ``p[x]`` (a family alone means nothing, so ``p(…)`` is its member)."""
        expect_type(value, list, '[latex] calls = ["p", …]', line)
        for name in value:
            family = isinstance(name, str) and f"{name}[]" in self.symbols
            if not family or name in self.symbols:
                raise FileFormatError(
                    f"[latex] calls: {name!r} is no declared family (a scalar of that name "
                    "would make p(x) a product)",
                    line=line,
                )
        return frozenset(value)

    def read_notation(self, table: dict[str, Any]) -> None:
        """``[latex]``: a LaTeX spelling per declared name, and ``index`` for families."""
        names: dict[str, str] = {}
        index = "superscript"
        reading: dict[str, Any] = {}
        for key, value in table.items():
            line = self.lines.key("latex", key)
            if key in ("range", "log-base"):
                reading.update(read_reading(key, value, line))
                continue
            if key == "calls":
                reading["called_families"] = self.read_calls(value, line)
                continue
            expect_type(value, str, f"[latex] {key}", line)
            if key == "index":
                if value not in INDEX_STYLES:
                    raise FileFormatError(
                        f"[latex] index = {shown(value)}: "
                        f"expected one of {', '.join(INDEX_STYLES)}",
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
                    f"{closest(key, known)}",
                    line=line,
                )
            function = self.functions.get(name)
            arguments = len(function.params) if function is not None else 0
            family_only = f"{name}[]" in self.symbols and name not in self.symbols
            if family_only:  # a member written with its index inside: pi(x^{(#1)} | theta)
                arguments = len(self.symbols[f"{name}[]"].indices)
            try:  # read, and printed back from what was read: never copied through
                latex = name_latex(value, arguments)
            except FileFormatError as error:
                raise FileFormatError(f"[latex] {key}: {error.message}", line=line) from None
            clash = literal_clash(latex, family=family_only)
            if clash is not None:
                raise FileFormatError(f"[latex] {key}: {clash}; give it other LaTeX", line=line)
            names[name] = latex
        self.notation = Notation(
            names, "subscript" if index == "subscript" else "superscript", **reading
        )


def read_reading(key: str, value: Any, line: int) -> dict[str, Any]:
    """``[latex]`` ``log-base = "2"`` and ``range = { j = "1..N" }``: what the text leaves
    unsaid (``tex.ranges``), said once for every step."""
    try:
        if key == "log-base":
            expect_type(value, str, "[latex] log-base", line)
            return {"log_base": parse_log_base(value)}
        expect_type(value, dict, '[latex] range = { j = "1..N" }', line)
        ranges: dict[str, tuple[str, str]] = {}
        for index, bounds in value.items():
            expect_type(bounds, str, f"[latex] range.{index}", line)
            found, span = parse_range(f"{index} = {bounds}")
            ranges[found] = span
        return {"ranges": ranges}
    except ExpressionError as error:
        raise FileFormatError(f"[latex] {error.message}", line=line) from None
