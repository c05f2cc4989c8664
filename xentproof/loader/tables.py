"""A derivation file's tables → ``Derivation``: the top level, each ``[[chain]]`` with its
``where`` and ``plot``; the declarations and the steps are read by their own readers."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import sympy

from ..domains import contains, narrow, parse_domain
from ..errors import ExpressionError, FileFormatError, InputError
from ..model import Chain, Constraint, Derivation, Domain, Plot, Step, conclusion, is_statement
from ..syntax.reader import read_constant
from .declarations import DeclarationReader
from .lines import FileLines
from .steps import StepReader
from .values import check_keys, closest, expect_type, shown

TOP_KEYS = ("title", "source", "symbols", "functions", "constraints", "chain", "latex")
# relations a constraint may state (an equation would be a substitution: declare less)
CONSTRAINT_RELATIONS = (
    sympy.StrictLessThan,
    sympy.LessThan,
    sympy.StrictGreaterThan,
    sympy.GreaterThan,
)
CHAIN_KEYS = ("name", "claims", "steps", "where", "assume", "lemma", "note", "plot")
PLOT_KEYS = ("var", "range", "step", "label")


class DerivationReader:
    """Reads one file's TOML data into a ``Derivation``."""

    def __init__(self, data: dict[str, Any], lines: FileLines, path: str) -> None:
        self.data = data
        self.lines = lines
        self.path = path
        self.declarations = DeclarationReader(lines)
        self.steps = StepReader(lines, self.declarations)

    def derivation(self) -> Derivation:
        for key in self.data:
            if key not in TOP_KEYS:
                raise FileFormatError(
                    f"unknown key {key!r}{closest(key, TOP_KEYS)}; "
                    f"expected one of: {', '.join(TOP_KEYS)}",
                    line=self.lines.key("", key),
                )
        if "title" not in self.data:
            raise FileFormatError('the file needs a title: title = "…"', line=1)
        title = expect_type(self.data["title"], str, "title", self.lines.key("", "title"))
        source = self.data.get("source")
        if source is not None:
            expect_type(source, str, "source", self.lines.key("", "source"))
        declarations = self.declarations
        declarations.read_symbols(expect_type(self.data.get("symbols", {}), dict, "[symbols]", 1))
        declarations.read_functions(
            expect_type(self.data.get("functions", {}), dict, "[functions]", 1)
        )
        declarations.read_notation(expect_type(self.data.get("latex", {}), dict, "[latex]", 1))
        constraints = self.constraints(
            expect_type(self.data.get("constraints", {}), dict, "[constraints]", 1)
        )
        chains_data = expect_type(self.data.get("chain", []), list, "[[chain]]", 1)
        if not chains_data:
            raise FileFormatError("the file has no [[chain]]: nothing to check", line=1)
        chains: list[Chain] = []
        for index, chain_data in enumerate(chains_data):
            chain = self.chain(index, chain_data)
            if any(c.name == chain.name for c in chains):
                raise FileFormatError(
                    f"chain name {chain.name!r} is used twice in this file", line=chain.line
                )
            chains.append(chain)
        if constraints and any(c.lemma is not None for c in chains):
            lemma = next(c for c in chains if c.lemma is not None)
            raise FileFormatError(
                f"lemma {lemma.lemma!r} is declared in a file with [constraints]: a lemma "
                "carries only the domains of its symbols as side conditions, so it would be "
                "cited without the constraints; state it in a file without them",
                line=lemma.line,
            )
        return Derivation(
            self.path,
            title,
            dict(declarations.symbols),
            dict(declarations.functions),
            tuple(chains),
            source,
            declarations.notation,
            constraints=constraints,
        )

    def constraints(self, table: dict[str, Any]) -> tuple[Constraint, ...]:
        """``[constraints]``: each a relation <, <=, >, >= between expressions of the
        declared symbols, by name."""
        read: list[Constraint] = []
        for name, value in table.items():
            line = self.lines.key("constraints", name)
            text = expect_type(value, str, f"the constraint {name!r}", line)
            parsed = self.declarations.read(text.strip(), line)
            relation = parsed.expr
            if relation is sympy.true:
                raise FileFormatError(
                    f"the constraint {name!r} ({shown(text)}) holds everywhere: it says nothing",
                    line=line,
                )
            if relation is sympy.false:
                raise FileFormatError(
                    f"the constraint {name!r} ({shown(text)}) holds nowhere", line=line
                )
            if not isinstance(relation, CONSTRAINT_RELATIONS):
                raise FileFormatError(
                    f"the constraint {name!r} must be one relation a < b, a <= b, a > b or "
                    f"a >= b between expressions of the declared symbols; got {shown(text)}",
                    line=line,
                )
            if not relation.free_symbols and not relation.atoms(sympy.Indexed):
                raise FileFormatError(f"the constraint {name!r} uses no declared symbol", line=line)
            read.append(Constraint(name, parsed.display, relation, line))
        return tuple(read)

    def chain(self, index: int, data: Any) -> Chain:
        line = self.lines.chain(index)
        expect_type(data, dict, "a [[chain]]", line)
        check_keys(data, CHAIN_KEYS, "chain ", line)
        if "name" not in data:
            raise FileFormatError('a [[chain]] needs a name: name = "…"', line=line)
        name = expect_type(data["name"], str, "the chain name", line)
        stop = (
            self.lines.chain_lines[index + 1] - 1
            if index + 1 < len(self.lines.chain_lines)
            else None
        )
        claims = tuple(
            expect_type(c, str, "a claim id", line)
            for c in expect_type(data.get("claims", []), list, "claims", line)
        )
        where = self.where(expect_type(data.get("where", {}), dict, "where", line), line)
        assume = self.assume(expect_type(data.get("assume", {}), dict, "assume", line), line)
        if set(assume) & set(where):
            raise FileFormatError("a symbol is both fixed by where and assumed", line=line)
        lemma = data.get("lemma")
        if lemma is not None:
            expect_type(lemma, str, "lemma", line)
        note = data.get("note")
        if note is not None:
            expect_type(note, str, "note", line)
        steps_data = (
            expect_type(data.get("steps"), list, f"chain {name!r}: steps", line)
            if "steps" in data
            else None
        )
        if not steps_data or len(steps_data) < 2:
            raise FileFormatError(f"chain {name!r} needs at least two steps", line=line)
        steps: list[Step] = []
        cursor = self.lines.starts[line - 1]
        limit = self.lines.starts[stop] if stop is not None else len(self.lines.text)
        for position, step_data in enumerate(steps_data):
            step, cursor = self.steps.step(step_data, position, cursor, limit, name)
            if steps and _is_equation(step) != _is_equation(steps[-1]):
                kinds = ("an equation", "an expression")
                this, last = (kinds[0], kinds[1]) if _is_equation(step) else kinds[::-1]
                raise FileFormatError(
                    f"chain {name!r}: step {position + 1} is {this} but step {position} is "
                    f"{last}; a relation joins two expressions (=, <, <=, >, >=) or two "
                    "equations (<=>, =>)",
                    line=step.line,
                )
            steps.append(step)
        if lemma is not None and conclusion([s.rel or "=" for s in steps[1:]]) is None:
            raise FileFormatError(
                f"lemma {lemma!r} must be a chain of =, <, <= (or of =, >, >=): "
                "its relations must go one way, so that it concludes",
                line=line,
            )
        plot = None
        if "plot" in data:
            plot = self.plot(expect_type(data["plot"], dict, "plot", line), line, steps, where)
        return Chain(name, line, tuple(steps), claims, where, lemma, note, plot, assume)

    def _scalar(self, key: str, what: str, line: int) -> sympy.Basic:
        """A declared scalar symbol that a chain may fix or narrow: none whose domain names
        another symbol, or that another's domain names (their values go together)."""
        symbols = self.declarations.symbols
        decl = symbols.get(key)
        if decl is None or decl.is_family:
            raise FileFormatError(
                f"{what}: {key!r} is not a declared symbol{closest(key, symbols)}", line=line
            )
        if decl.domain.is_constrained or any(d.domain.bound == key for d in symbols.values()):
            raise FileFormatError(
                f"{what}: {key!r} is bound up with another symbol's domain "
                f"({decl.domain.text}, or a range up to it); {what} cannot fix or narrow it",
                line=line,
            )
        return decl.symbol

    def assume(self, table: dict[str, Any], line: int) -> dict[sympy.Basic, Domain]:
        """``assume = { x = "negative" }``: each symbol's declared domain narrowed to the
        assumed one for this chain (never widened)."""
        narrowed: dict[sympy.Basic, Domain] = {}
        for key, value in table.items():
            symbol = self._scalar(key, "assume", line)
            text = expect_type(value, str, f"assume: the domain of {key!r}", line)
            try:
                assumed = parse_domain(text)
            except InputError as error:
                raise error.at(None, line) from None
            declared = self.declarations.symbols[key].domain
            domain = narrow(declared, assumed)
            if domain is None:
                raise FileFormatError(
                    f"assume: {key} {assumed.text} leaves nothing of its domain {declared.text}",
                    line=line,
                )
            narrowed[symbol] = domain
        return narrowed

    def where(self, table: dict[str, Any], line: int) -> dict[sympy.Basic, sympy.Expr]:
        """``where = { y = 1 }``: symbols fixed to values (in their domains) for the chain."""
        symbols = self.declarations.symbols
        fixed: dict[sympy.Basic, sympy.Expr] = {}
        for key, value in table.items():
            self._scalar(key, "where", line)
            decl = symbols[key]
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

    def plot(
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
        check_keys(table, PLOT_KEYS, "plot ", here)
        symbols = self.declarations.symbols
        var = expect_type(table.get("var"), str, 'plot: var = "…"', here)
        decl = symbols.get(var)
        if decl is None or decl.is_family:
            raise FileFormatError(
                f"plot: var {var!r} is not a declared symbol{closest(var, symbols)}", line=here
            )
        lo, hi = _plot_range(table, here)
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
                f"plot: step must be a step number from 1 to {len(steps)}, got {shown(step)}",
                line=here,
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
            expect_type(label, str, "plot: label", here)
        return Plot(var, lo, hi, here, step - 1, label)


def _is_equation(step: Step) -> bool:
    """A statement (an equation or an inequality), which <=> and => join."""
    return is_statement(step.expr)


def _plot_range(table: dict[str, Any], here: int) -> tuple[sympy.Expr, sympy.Expr]:
    """``range = [from, to]``: two numbers, the first the smaller."""
    bounds = expect_type(table.get("range"), list, "plot: range = [from, to]", here)
    if len(bounds) != 2 or not all(
        isinstance(b, int | float) and not isinstance(b, bool) for b in bounds
    ):
        raise FileFormatError("plot: range must be two numbers, [from, to]", line=here)
    if not all(math.isfinite(b) for b in bounds):
        raise FileFormatError(f"plot: range must be two finite numbers, got {bounds}", line=here)
    lo, hi = (read_constant(repr(b)) for b in bounds)
    if not lo < hi:
        raise FileFormatError(
            "plot: the range must go from a smaller to a larger number", line=here
        )
    return lo, hi
