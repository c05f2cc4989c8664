"""One chain of a display: a definition at its head, the relations checked for what they
are (no definition sign inside, no ≈), equations grouped between ⟺ and ⟹, the directives
for the next relation placed, and every step read in the document's scope."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import sympy

from ..errors import DocumentError, InputError, XentproofError
from ..model import Step
from .chains import ChainDraft, NotReadable
from .directives import Directive
from .records import Lines
from .rows import Part
from .scope import Constant, DocumentScope


@dataclass
class ChainBuild:
    """A chain being built (a later display may continue it)."""

    name: str
    line: int
    steps: list[Step]
    claims: tuple[str, ...] = ()
    where: dict[sympy.Basic, sympy.Expr] = field(default_factory=dict)


class ChainReader:
    """Reads the chains of the displays of one document."""

    def __init__(
        self, scope: DocumentScope, lines: Lines, explain: Callable[[InputError], str]
    ) -> None:
        self.scope = scope
        self.lines = lines
        self.explain = explain  # why a step is not read, in words
        self.under_where = False  # the display being read is under a where:

    def chains(
        self,
        draft: ChainDraft,
        local: Mapping[str, Constant],
        defined: list[str],
        queue: list[Directive],
        define: bool = False,
    ) -> tuple[list[ChainBuild], list[str]]:
        """The chains a draft writes, and why any of its steps or relations is not read.

        A definition at the draft's head is made first (``define``: the author says it is
        one). Then every step is read; a step that cannot be read, or a relation that is no
        claim (≈), breaks the chain, and each run of two or more steps that are read is a
        chain of its own: what is read is checked, and the rest is reported. No chain at all
        (a definition alone, one expression) is no error; nothing read at all is."""
        parts = self.definition(list(draft.parts), local, defined, define)
        if any(p.defines for p in parts[1:]):
            raise NotReadable("a definition sign inside a chain")
        if any(p.rel in ("<=>", "=>") for p in parts):
            parts = _equations(parts)
        for part in parts[1:]:
            self.take_directives(part, queue)
        if len(parts) < 2:
            return [], []
        if parts[0].latex == "":  # it continues the chain of an earlier display: all of it
            for part in parts[1:]:
                if part.unchecked is not None:
                    raise NotReadable(part.unchecked)
            steps = [self.step(p, local) for p in parts[1:]]
            self.check_equations(steps)
            return [ChainBuild(self.name(draft, steps, 0), steps[0].line, steps)], []
        runs, gaps = self.runs(parts, local)
        chains = []
        for k, steps in enumerate(runs):
            self.check_equations(steps)
            chains.append(ChainBuild(self.name(draft, steps, k), steps[0].line, steps))
        return chains, gaps

    def runs(
        self, parts: list[Part], local: Mapping[str, Constant]
    ) -> tuple[list[list[Step]], list[str]]:
        """The runs of steps that are read, and why the others are not."""
        runs: list[list[Step]] = [[]]
        gaps: list[str] = []
        first_error: InputError | None = None
        for k, part in enumerate(parts):
            line = self.lines.line_of(part.start)
            if k > 0 and part.unchecked is not None:
                gaps.append(f"line {line}: {part.unchecked}")
                runs.append([])
            try:
                step = self.step(part, local)
            except InputError as error:
                first_error = first_error or error
                gaps.append(f"line {line}: {self.explain(error)}")
                runs.append([])
                continue
            if not runs[-1]:  # a chain starts here: the relation before it is not checked
                step = replace(step, rel=None, by=None, expect=None, accept=None, note=None)
            runs[-1].append(step)
        found = [run for run in runs if len(run) >= 2]
        if not found:
            if first_error is not None:
                raise first_error
            raise NotReadable(gaps[0] if gaps else "nothing to check")
        return found, gaps

    @staticmethod
    def name(draft: ChainDraft, steps: list[Step], k: int) -> str:
        """A chain's name: the display's first label (its first chain), else its line."""
        return draft.labels[0] if draft.labels and k == 0 else f"line-{steps[0].line}"

    def definition(
        self, parts: list[Part], local: Mapping[str, Constant], defined: list[str], define: bool
    ) -> list[Part]:
        """Make the definition the draft starts with, if it does; the parts after it."""
        hole = parts[0].latex == ""
        if define and (hole or len(parts) < 2 or parts[1].rel != "="):
            raise NotReadable("define: the display does not start with NAME = …")
        if hole or len(parts) < 2 or parts[1].rel != "=":
            return parts
        line = self.lines.line_of(parts[1].start)
        head = self.scope.definition_head(parts[0].latex, parts[1].latex, line)
        explicit = parts[1].defines or define
        indexed = self.scope.indexed_head(parts[0].latex)
        if indexed is not None and (explicit or not self.under_where):  # P(y_i \mid x_i; W)
            try:
                made = self.scope.define_members(
                    parts[0].latex, indexed[0], parts[1].latex, line, indexed[1:]
                )
            except DocumentError as error:
                raise NotReadable(error.message) from None
            return self.defined(parts, defined, made)
        # under a where:, "L = …" is a case of L, not what L is: only an explicit
        # definition defines there
        # nor is "L_1 = 5" where L_i is defined member by member (let: L_i = …): a head
        # that reads as a quantity already is a claim about it, checked, not a definition
        implicit = (
            not self.under_where
            and not self.scope.declared(head)
            and not self._reads(parts[0].latex, line, local)
            if head
            else False
        )
        if head is None or head.name in local or not (explicit or implicit):
            if explicit:
                raise NotReadable("the left side of a definition is no name or function of names")
            return parts
        try:
            made = self.scope.define(head, parts[1].latex, line, replacing=explicit)
        except DocumentError as error:
            raise NotReadable(error.message) from None
        return self.defined(parts, defined, made)

    @staticmethod
    def defined(parts: list[Part], defined: list[str], made: str) -> list[Part]:
        """The parts after a definition that ``made`` a name (its report's entry)."""
        defined.append(made)
        parts = parts[1:]
        parts[0].rel, parts[0].defines = None, False
        return parts

    def _reads(self, latex: str, line: int, local: Mapping[str, Constant]) -> bool:
        """Whether ``latex`` already reads as a quantity (a member of a family defined
        member by member, ``I(s_1)`` of ``let: I(s_i) = …``)."""
        try:
            self.scope.read(latex, line, local)
        except XentproofError:
            return False
        return True

    def step(self, part: Part, local: Mapping[str, Constant]) -> Step:
        line = self.lines.line_of(part.start)
        read = self.scope.read(part.latex, line, local)
        note = "; ".join(n for n in (part.note, *read.notes) if n) or None
        return Step(
            line,
            read.text,
            read.expr,
            read.display,
            part.rel,
            part.by,
            note,
            part.expect,
            part.accept,
            None,
            None,
            part.latex,
            read.guards,
            part.row_end,
        )

    @staticmethod
    def check_equations(steps: list[Step]) -> None:
        """Equations are joined by ⟺ or ⟹, expressions by the other relations."""
        for step in steps[1:]:
            equation = isinstance(step.expr, sympy.Eq)
            if step.rel is not None and (step.rel in ("<=>", "=>")) != equation:
                raise NotReadable(
                    f"line {step.line}: "
                    + (
                        f"{step.rel} joins equations (a = b); this step is an expression"
                        if not equation
                        else "an equation step needs ⟺ or ⟹ before it"
                    )
                )

    def take_directives(self, part: Part, queue: list[Directive]) -> None:
        """The relation directives written before ``part`` apply to it."""
        while queue and queue[0].offset < part.start:
            directive = queue.pop(0)
            if directive.kind == "rule":
                part.by = directive.value
            elif directive.kind == "expect":
                part.expect = directive.value
            elif directive.kind == "accept":
                part.accept = directive.value
            else:
                part.note = f"{directive.value}; {part.note}" if part.note else directive.value
            if part.expect is not None and part.accept is not None:
                raise DocumentError(
                    "a step cannot both expect a refutation and accept numeric evidence",
                    line=directive.line,
                )


def _equations(parts: list[Part]) -> list[Part]:
    """A chain joined by ⟺ or ⟹: each step between them is one equation ``a = b``."""
    groups: list[list[Part]] = [[parts[0]]]
    for part in parts[1:]:
        if part.rel in ("<=>", "=>"):
            groups.append([part])
        else:
            groups[-1].append(part)
    steps: list[Part] = []
    for group in groups:
        if len(group) != 2 or group[1].rel != "=" or not group[0].latex:
            raise NotReadable("between ⟺ and ⟹, each step is one equation a = b")
        first, second = group
        steps.append(
            Part(
                first.rel,
                f"{first.latex} = {second.latex}",
                first.start,
                second.row_end,
                second.note or first.note,
                [*first.labels, *second.labels],
            )
        )
    return steps
