"""What a document has declared so far, and how a step of it is read in that scope.

A document declares as it goes: ``symbols:`` and ``let:`` directives, a sidecar's tables,
and the displays that define a name (``L := …``, or ``g(s) = …`` with ``g`` new). Functions
become ``[functions]`` of the derivation, unfolded by the checker; a name defined without
arguments (``L = -\\log \\hat y``) is a symbol while a step is read, replaced by what it
stands for once it is read (the step's display still shows ``L``). Every name gets the
``[latex]`` entry that reads it back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

import sympy

from ..definedness import Requirement
from ..domains import assumptions
from ..errors import DocumentError, ExpressionError, InputError, XentproofError
from ..loader.declarations import DeclarationReader
from ..loader.lines import FileLines
from ..model import FunctionDef, Notation, SymbolDecl, VectorName
from ..syntax.equation import split_equation
from ..tex.names import bold_forms, canonical, default_latex
from ..tex.ranges import parse_log_base, parse_range
from .fixed import fixed_value
from .heads import (
    Head,
    functional_head,
    head_arguments,
    head_of,
    indexed_head,
    outcome_head,
    scripted_function_head,
    shown_latex,
    why_no_head,
)
from .members import MemberConstant, members_replaced
from .names import (
    SymbolLine,
    parse_symbols,
    split_top,
    vector_family,
    written_name,
)


@dataclass(frozen=True)
class Constant:
    """A name defined without arguments: the symbol steps are read with, and its meaning."""

    symbol: sympy.Symbol
    expr: sympy.Basic
    guards: tuple[Requirement, ...]
    line: int


@dataclass(frozen=True)
class ReadStep:
    """One step read: its expression text, SymPy object, display and guards."""

    text: str
    expr: sympy.Basic
    display: str
    guards: tuple[Requirement, ...]
    notes: tuple[str, ...] = ()  # warnings of the LaTeX's reading


class DocumentScope:
    """The names a document has declared and defined so far."""

    def __init__(self, sidecar_lines: FileLines | None = None) -> None:
        self.declarations = DeclarationReader(sidecar_lines or FileLines(""))
        self.constants: dict[str, Constant] = {}
        self.member_constants: dict[str, MemberConstant] = {}
        self.index_set = False
        # Declarations and definitions a later one replaced: the chains read before still
        # use them (a redeclared name is a symbol, or a function, of its own).
        self.retired_symbols: dict[str, SymbolDecl] = {}
        self.retired_functions: dict[str, FunctionDef] = {}
        self.versions: dict[str, int] = {}

    # -- declaring -----------------------------------------------------------------------

    def add_notation(self, name: str, latex: str | None) -> None:
        """Read ``name`` back from ``latex`` (nothing to add when it is the default)."""
        if latex is None:
            return
        notation = self.declarations.notation
        self.declarations.notation = replace(notation, names={**notation.names, name: latex})

    def declare_symbols(self, value: str, line: int) -> None:
        """A ``symbols:`` directive."""
        try:
            found = parse_symbols(value)
        except InputError as error:
            raise error.at(None, line) from None
        for entry in found:
            self._declare(entry, line)

    def _declare(self, entry: SymbolLine, line: int) -> None:
        if entry.dimension is not None:
            self._declare_vector(entry, entry.dimension, line)
            return
        written = entry.written
        d = self.declarations
        if written.name in self.constants or written.name in d.functions:
            raise DocumentError(f"symbols: {written.latex} is defined by a display", line=line)
        key = f"{written.name}[]" if written.indices else written.name
        old = d.symbols.pop(key, None)
        if old is not None:  # declared again: from here on, a symbol of its own
            version = self._retire(written.name)
            self.retired_symbols[f"{key}#{version}"] = old
        decl = d.declare_symbol(written.key, entry.domain, line)
        try:  # a range or family bounded by a symbol: the bound declared before, as in files
            d.check_bound(decl)
        except InputError as error:
            raise DocumentError(f"symbols: {written.latex}: {error.message}", line=line) from None
        if old is not None:
            d.symbols[key] = replace(decl, symbol=_versioned(decl, self.versions[written.name]))
        if canonical(default_latex(written.name)) != canonical(written.latex):
            self.add_notation(written.name, written.latex)
        if written.called:
            notation = self.declarations.notation
            called = notation.called_families | {written.name}
            self.declarations.notation = replace(notation, called_families=called)
        elif written.indices and not self.index_set:
            # how families are printed: as the document first writes one
            self.index_set = True
            notation = self.declarations.notation
            if written.subscript:
                self.declarations.notation = replace(notation, index="subscript")

    def _declare_vector(self, entry: SymbolLine, dimension: str, line: int) -> None:
        """``\\mathbf{w} \\in \\mathbb{R}^{d}``, ``\\mathbf{x}_i \\in \\mathbb{R}^{d}``: the
        bold name is the vector of the components ``w_j`` (``x_{i,j}``), a family with one
        index more, read whole in an inner product. Components declared before
        (``w_j \\in (0, 1)``) keep their set; else they are real."""
        written = entry.written
        d = self.declarations
        family = vector_family(written.latex)
        if family is None:
            raise DocumentError(
                f"symbols: {written.latex} \\in \\mathbb{{R}}^{{{dimension}}}: a vector is "
                "written in bold (\\mathbf{w}, \\boldsymbol{\\theta}, \\bm{w})",
                line=line,
            )
        if not dimension.isdigit():
            size = d.symbols.get(dimension)
            if size is None or size.is_family or not size.symbol.is_integer:
                raise DocumentError(
                    f"symbols: {written.latex} \\in \\mathbb{{R}}^{{{dimension}}}: declare "
                    f"the dimension {dimension} before, a positive integer "
                    f"(symbols: {dimension} \\in \\mathbb{{Z}}_{{>0}})",
                    line=line,
                )
        rank = len(written.indices) + 1
        components = d.symbols.get(f"{family}[]")
        if components is None:
            if family in d.functions or family in self.constants:
                raise DocumentError(
                    f"symbols: {written.latex}: {family} is defined by a display", line=line
                )
            index = next(c for c in "jklmcrs" if c not in written.indices)
            key = f"{family}[{', '.join([*written.indices, index])}]"
            d.declare_symbol(key, entry.domain, line)
            if not self.index_set and written.subscript:
                self.index_set = True
                d.notation = replace(d.notation, index="subscript")
        else:
            index = components.indices[-1]
        if components is not None and len(components.indices) != rank:
            raise DocumentError(
                f"symbols: {written.latex}: its components {family} have "
                f"{len(components.indices)} index(es), a vector of them {rank}",
                line=line,
            )
        notation = d.notation
        counter = d.symbols.get(index)  # j \in \{1, \dots, d\}: ∇ reads as the j-th component
        ranged = counter is not None and counter.domain.text == f"{{1, ..., {dimension}}}"
        bindable = index not in d.symbols and index not in self.constants
        named = VectorName(family, dimension, index, ranged, bindable)
        vectors = {**notation.vectors, canonical(written.latex): named}
        d.notation = replace(notation, vectors=vectors)

    def declared(self, head: Head) -> bool:
        """Whether the head's name means something already (declared or defined)."""
        d = self.declarations
        if head.name in d.functions or head.name in d.symbols or head.name in self.constants:
            return True
        if any(s.is_family and s.name == head.name for s in d.symbols.values()):
            return True
        names = {canonical(v) for v in d.notation.names.values()}
        vectors = {form for v in d.notation.vectors for form in bold_forms(v)}
        return canonical(head.latex) in names | vectors

    def is_distribution(self, latex: str) -> bool:
        """Whether ``latex`` names a declared family (a distribution ``p`` of ``p_i``)."""
        written = written_name(latex)
        if written is None or written.indices:
            return False
        return f"{written.name}[]" in self.declarations.symbols

    def definition_head(self, left: str, body_latex: str, line: int) -> Head | None:
        """What ``left = body`` defines: a functional of declared distributions (``H(p)``), a
        name or a function of names (``g(s)``), or None. A head whose arguments name nothing
        declared and which the body does not use (``H(X) = -\\sum_i p_i \\log p_i``,
        ``D_{KL}(P \\| Q)``: a random variable, a distribution the text names in words) is
        one quantity written with brackets, as a functional is: read back only as written
        (``H(Y)`` means nothing)."""
        head = functional_head(left.strip(), self.is_distribution)
        if head is not None:
            return head
        plain = head_of(left) or scripted_function_head(left, self._names_nothing)
        if plain is not None and not (plain.call and plain.params):
            return plain
        loose = functional_head(left.strip(), self._names_nothing)
        if loose is None:
            return plain
        try:  # with the arguments undeclared, a body that uses them does not read
            self.read(body_latex, line)
        except XentproofError:
            return plain
        return loose

    def _names_nothing(self, latex: str) -> bool:
        """Whether ``latex`` is a plain name that nothing declared or defined has."""
        written = written_name(latex)
        if written is None or written.indices:
            return False
        return not self.declared(Head(written.name, written.latex))

    def define(self, head: Head, body_latex: str, line: int, *, replacing: bool) -> str:
        """Define ``head`` as ``body_latex``; returns what it defines, for the report."""
        d = self.declarations
        name = head.name
        if not replacing and self.declared(head):
            raise DocumentError(f"{head.latex} is already declared", line=line)
        if name in d.symbols or any(s.is_family and s.name == name for s in d.symbols.values()):
            raise DocumentError(
                f"{head.latex} is a declared symbol: a definition cannot replace it", line=line
            )
        self.constants.pop(name, None)
        old = d.functions.pop(name, None)
        if old is not None:
            self.retired_functions[f"{name}#{self._retire(name)}"] = old
        if head.call:
            if not head.params:
                raise DocumentError(f"{head.latex}() defines a function of nothing", line=line)
            params = {p: sympy.Symbol(p, real=True) for p in head.params}
            text = d.from_latex(body_latex, line, params)
            self.add_notation(name, head.notation())
            shown = f"{', '.join(head.params)} -> {text}"
            made = d.define_function(name, list(head.params), text, shown, line)
            if old is not None:  # a function of its own: the chains before keep the old one
                version = {f"v{self.versions[name]}": True}
                d.functions[name] = replace(made, func=sympy.Function(name, **version))
        else:
            read = self.read(body_latex, line)
            if read.notes:  # a definition has no note to carry a warning
                raise DocumentError(read.notes[0], line=line)
            symbol = sympy.Symbol(name, real=True, defined_name=True)
            self.constants[name] = Constant(symbol, read.expr, read.guards, line)
            self.add_notation(name, head.notation())
            if head.functional:  # shown as written, not by its made-up name
                d.display[name] = head.shown()
        return head.shown()

    def _retire(self, name: str) -> int:
        """Count one more declaration of ``name``; the number of the one it replaces."""
        self.versions[name] = self.versions.get(name, 1) + 1
        return self.versions[name] - 1

    def all_symbols(self) -> dict[str, SymbolDecl]:
        return {**self.retired_symbols, **self.declarations.symbols}

    def all_functions(self) -> dict[str, FunctionDef]:
        return {**self.retired_functions, **self.declarations.functions}

    def define_text(self, text: str, line: int, *, replacing: bool = True) -> str:
        """``let: HEAD = BODY`` (or ``:=``): define the head."""
        for sign in (":=", "\\coloneqq", "\\triangleq", "="):
            if sign in text:
                left, right = text.split(sign, 1)
                outcome = self.outcome_head(left)
                if outcome is not None:
                    index, name, template = outcome
                    return self.define_members(left, index, right, line, (name, template))
                member = _MEMBER_HEAD.fullmatch(left.strip())
                if member is not None:
                    index = member["braced"] or member["one"]
                    return self.define_members(member["head"], index, right, line)
                indexed = self.indexed_head(left)
                if indexed is not None:  # P(y_i \mid \mathbf{x}_i; \mathbf{w})
                    return self.define_members(left, indexed[0], right, line, indexed[1:])
                # H(p) of a declared distribution p: one number, as a display defines it
                head = self.definition_head(left, right, line)
                if head is None:
                    why = why_no_head(left, self._is_index)
                    raise DocumentError(f"let: {left.strip()!r} {why}", line=line)
                return self.define(head, right, line, replacing=replacing)
        raise DocumentError("let: write NAME = …, or NAME(x) = …", line=line)

    def define_members(
        self,
        head_latex: str,
        index_latex: str,
        body: str,
        line: int,
        outcome: tuple[str, str] | None = None,
    ) -> str:
        """``let: \\mathrm{softmax}(\\mathbf{o})_j = \\frac{\\exp(o_j)}{\\sum_k \\exp(o_k)}``,
        ``let: \\hat{y}_j = …``: a family defined member by member, at a declared index j
        (a vector function's component, a prediction's). A member written so is read as the
        body at its own index; an index the body binds (a sum over it) is refused, never
        captured. An argument written as a declared family (``\\sigma(x)_j`` of x_k) is
        the vector of its members; where x is also a plain symbol, a body that uses that
        symbol is refused (which x is meant?)."""
        d = self.declarations
        written = written_name(head_latex)
        head = functional_head(head_latex.strip(), lambda _: False) or functional_head(
            head_latex.strip(), self._names_nothing_or_vector
        )
        if outcome is not None:  # I(s_i): the quantity of the i-th outcome s_i
            name, template = outcome
        elif written is not None and not written.indices and not written.called:
            name, template = written.name, f"{canonical(written.latex)}_{{#1}}"
        elif head is not None:
            name, template = head.name, f"{head.latex}_{{#1}}"
        else:
            raise DocumentError(
                f"let: {head_latex.strip()}_{index_latex}: no name or function of vectors",
                line=line,
            )
        index = written_name(index_latex)
        scope = d.scope(self.extra())
        if index is None or index.indices or index.name not in scope.symbols:
            raise DocumentError(
                f"let: …_{index_latex}: the index must be a declared name", line=line
            )
        if name in d.symbols or f"{name}[]" in d.symbols or name in d.functions:
            raise DocumentError(f"let: {head_latex.strip()} is already declared", line=line)
        read = self.read(body, line)
        for argument in head_arguments(head_latex) if head is not None else ():
            found = written_name(argument)
            plain = d.symbols.get(found.name) if found is not None else None
            if plain is not None and plain.symbol in read.expr.free_symbols:
                raise DocumentError(
                    f"let: {head_latex.strip()}: {argument} is a declared symbol and a family; "
                    f"the body uses the symbol. Write the vector's members ({argument}_k)",
                    line=line,
                )
        decl = d.declare_symbol(f"{name}[{index.name}]", "real", line)
        # marked as defined: \partial L_i / \partial f_k is the derivative of its body
        label = sympy.Symbol(name, family=True, defined_name=True, **assumptions(decl.domain))
        d.symbols[f"{name}[]"] = replace(decl, symbol=sympy.IndexedBase(label))
        self.add_notation(name, template)
        counter = scope.symbols[index.name]
        self.member_constants[name] = MemberConstant(counter, read.expr, read.guards, line)
        return f"{shown_latex(head_latex.strip())}_{index.name}"

    def _members_replaced(
        self, expr: sympy.Basic, guards: tuple[Requirement, ...], line: int
    ) -> tuple[sympy.Basic, tuple[Requirement, ...]]:
        """Every member of a family defined member by member, replaced by its body."""
        if not self.member_constants:
            return expr, guards
        families = {
            decl.symbol: self.member_constants[decl.name]
            for decl in self.declarations.symbols.values()
            if decl.is_family and decl.name in self.member_constants
        }
        return members_replaced(expr, guards, line, families)

    def indexed_head(self, left: str) -> tuple[str, str, str] | None:
        """``P(y_i \\mid x_i; W)`` (``heads.indexed_head``), its family not yet defined."""
        found = indexed_head(left, self._is_index, lambda n, x: self.declared(Head(n, x)))
        return None if found is None or f"{found[1]}[]" in self.declarations.symbols else found

    def _is_index(self, latex: str) -> bool:
        decl = self.declarations.symbols.get(latex)  # a declared integer name
        return decl is not None and not decl.is_family and decl.symbol.is_integer is True

    def outcome_head(self, left: str) -> tuple[str, str, str] | None:
        """``I(s_i)`` (``heads.outcome_head``), with s naming nothing and I undeclared."""
        return outcome_head(left, self._names_nothing, lambda n, x: self.declared(Head(n, x)))

    def _names_nothing_or_vector(self, latex: str) -> bool:
        """An argument of a vector function's head: a name nothing declares, a declared bold
        vector, or a declared family written without its index and without bold
        (``\\sigma(x)_j`` of x_k: the vector of the x_k)."""
        vectors = self.declarations.notation.vectors
        return (
            self._names_nothing(latex) or canonical(latex) in vectors or self.is_distribution(latex)
        )

    def set_reading(self, kind: str, value: str, line: int) -> None:
        """``range:`` and ``log-base:``: how the LaTeX of the steps after it is read."""
        notation = self.declarations.notation
        try:
            if kind == "log-base":
                notation = replace(notation, log_base=parse_log_base(value))
            else:
                ranges = dict(notation.ranges)
                items: list[str] = []
                for piece in split_top(value):  # j = 1, \dots, N is one item
                    if items and not re.search(r"=|\\in(?![A-Za-z])", piece):
                        items[-1] += f", {piece}"
                    else:
                        items.append(piece)
                for item in items:
                    key, bounds = parse_range(item)
                    ranges[key] = bounds
                notation = replace(notation, ranges=ranges)
        except ExpressionError as error:
            raise DocumentError(error.message, line=line) from None
        self.declarations.notation = notation

    # -- reading -------------------------------------------------------------------------

    def extra(self, local: Mapping[str, Constant] | None = None) -> dict[str, sympy.Symbol]:
        constants = {**self.constants, **(local or {})}
        return {name: c.symbol for name, c in constants.items()}

    def read(self, latex: str, line: int, local: Mapping[str, Constant] | None = None) -> ReadStep:
        """One step's LaTeX, read in what is declared (an equation ``a = b`` stays one)."""
        d = self.declarations
        extra = self.extra(local)
        text, notes = d.from_latex_noted(latex, line, extra)
        try:
            sides = split_equation(text)
        except InputError as error:
            raise error.at(None, line) from None
        if sides is None:
            parsed = d.read(text, line, extra)
            expr, display, guards = parsed.expr, parsed.display, parsed.guards
        else:
            left, right = (d.read(side, line, extra) for side in sides)
            expr = sympy.Eq(left.expr, right.expr, evaluate=False)
            display = f"{left.display} = {right.display}"
            guards = left.guards + right.guards
        constants = {**self.constants, **(local or {})}
        used = [c for c in constants.values() if c.symbol in expr.free_symbols]
        if used:
            expr = expr.xreplace({c.symbol: c.expr for c in used})
            guards = (*guards, *(g for c in used for g in c.guards))
        expr, guards = self._members_replaced(expr, guards, line)
        return ReadStep(text, expr, display, tuple(guards), notes)

    def where(
        self, items: list[tuple[str, int]]
    ) -> tuple[dict[str, Constant], dict[sympy.Basic, sympy.Expr]]:
        """``where: y = 0, L = …``: values of declared symbols for the display, and names
        that mean something else in it."""
        local: dict[str, Constant] = {}
        fixed: dict[sympy.Basic, sympy.Expr] = {}
        for text, line in items:
            for item in split_top(text):
                if "=" not in item:
                    raise DocumentError(f"where: write NAME = VALUE, not {item!r}", line=line)
                left, right = item.split("=", 1)
                head = head_of(left)
                if head is None or head.call:
                    raise DocumentError(f"where: {left.strip()!r} is no name", line=line)
                decl = self.declarations.symbols.get(head.name)
                if decl is not None:
                    fixed[decl.symbol] = fixed_value(decl, right, line)
                    continue
                known = self.constants.get(head.name)
                symbol = (
                    known.symbol if known else sympy.Symbol(head.name, real=True, defined_name=True)
                )
                if known is None:
                    self.add_notation(head.name, head.notation())
                read = self.read(right, line, local)
                local[head.name] = Constant(symbol, read.expr, read.guards, line)
        return local, fixed

    def notation(self) -> Notation:
        return self.declarations.notation


_MEMBER_HEAD = re.compile(
    r"(?P<head>.+?)\s*_\s*(?:\{\s*(?P<braced>[A-Za-z])\s*\}|(?P<one>[A-Za-z]))"
)


def _versioned(decl: SymbolDecl, version: int) -> sympy.Symbol | sympy.IndexedBase:
    """The symbol of a declaration that replaces an earlier one of the same name: an
    assumption of its own keeps it apart from the earlier symbol."""
    facts = {**assumptions(decl.domain), f"v{version}": True}
    if decl.is_family:
        return sympy.IndexedBase(sympy.Symbol(decl.name, family=True, **facts))
    return sympy.Symbol(decl.name, **facts)


__all__ = ["Constant", "DocumentScope", "ExpressionError", "ReadStep"]
