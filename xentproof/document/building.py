"""One chain of a display: a definition at its head, the relations checked for what they
are (no definition sign inside, no ≈), equations grouped between ⟺ and ⟹, the directives
for the next relation placed, and every step read in the document's scope."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy

from ..errors import DocumentError
from ..model import Step
from .chains import ChainDraft, NotReadable
from .directives import Directive
from .heads import head_of
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

    def __init__(self, scope: DocumentScope, lines: Lines) -> None:
        self.scope = scope
        self.lines = lines
        self.under_where = False  # the display being read is under a where:

    def chain(
        self,
        draft: ChainDraft,
        local: Mapping[str, Constant],
        defined: list[str],
        queue: list[Directive],
        define: bool = False,
    ) -> ChainBuild | None:
        """The chain a draft writes (None when it is only a definition or one expression);
        a definition at its head is made first (``define``: the author says it is one)."""
        parts = list(draft.parts)
        hole = parts[0].latex == ""  # it continues the chain of an earlier display
        if define and (hole or len(parts) < 2 or parts[1].rel != "="):
            raise NotReadable("define: the display does not start with NAME = …")
        if not hole and len(parts) >= 2 and parts[1].rel == "=":
            head = head_of(parts[0].latex)
            explicit = parts[1].defines or define
            # under a where:, "L = …" is a case of L, not what L is: only an explicit
            # definition defines there
            implicit = not self.under_where and not self.scope.declared(head) if head else False
            if head is not None and head.name not in local and (explicit or implicit):
                line = self.lines.line_of(parts[1].start)
                try:
                    made = self.scope.define(head, parts[1].latex, line, replacing=explicit)
                except DocumentError as error:
                    raise NotReadable(error.message) from None
                defined.append(made)
                parts = parts[1:]
                parts[0].rel, parts[0].defines = None, False
            elif explicit:
                raise NotReadable("the left side of a definition is no name or function of names")
        for part in parts[1:]:
            if part.defines:
                raise NotReadable("a definition sign inside a chain")
            if part.unchecked is not None:
                raise NotReadable(part.unchecked)
        if any(p.rel in ("<=>", "=>") for p in parts):
            parts = _equations(parts)
        for part in parts[1:]:
            self.take_directives(part, queue)
        if len(parts) < 2:
            return None
        steps = [self.step(p, local) for p in (parts[1:] if hole else parts)]
        self.check_equations(steps)
        name = draft.labels[0] if draft.labels else f"line-{steps[0].line}"
        return ChainBuild(name, steps[0].line, steps)

    def step(self, part: Part, local: Mapping[str, Constant]) -> Step:
        line = self.lines.line_of(part.start)
        read = self.scope.read(part.latex, line, local)
        return Step(
            line,
            read.text,
            read.expr,
            read.display,
            part.rel,
            part.by,
            part.note,
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
