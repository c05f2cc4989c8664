"""The left side of a definition: a name (``L``, ``\\hat y``, ``D_{\\mathrm{KL}}``) or a
function of names (``g(s)``, ``\\mathrm{CE}(p, q)``, ``P(y \\mid x)``, ``\\sigma\\left(z\\right)``).

A display ``HEAD = …`` whose head is not declared, or ``HEAD := …`` (``\\coloneqq``,
``\\triangleq``, ``\\stackrel{\\text{def}}{=}``), defines it for the rest of the document;
``let: HEAD = …`` does the same in a directive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..tex.names import canonical, default_latex
from .names import written_name

_CALL = re.compile(
    r"^(?P<name>.+?)(?:\((?P<args>[^()]*)\))?$",
    re.DOTALL,
)
_GIVEN = re.compile(r"\\mid|\\vert|\|")


@dataclass(frozen=True)
class Head:
    """What a definition defines: a name, its LaTeX, and its parameters (model names)
    with a condition after ``\\mid`` when it is written with one."""

    name: str
    latex: str
    params: tuple[str, ...] = ()
    given: str | None = None
    call: bool = False  # written with brackets: a function, even of no parameter

    def notation(self) -> str | None:
        """The ``[latex]`` entry that reads the head back, or None when the default does."""
        if self.call:
            slots = ", ".join(f"#{k}" for k in range(1, len(self.params) + 1))
            if self.given is not None:
                return f"{self.latex}({slots} \\mid {self.given})"
            default = default_latex(self.name, function=True)
            return None if canonical(default) == canonical(self.latex) else self.latex
        default = default_latex(self.name)
        return None if canonical(default) == canonical(self.latex) else self.latex

    def shown(self) -> str:
        """The head as the report names it: ``g(s)``, ``L``."""
        if not self.call:
            return self.name
        given = f" | {self.given}" if self.given else ""
        return f"{self.name}({', '.join(self.params)}{given})"


def head_of(latex: str) -> Head | None:
    """The head written as ``latex``, or None when it is no name or function of names."""
    text = canonical(latex)
    text = re.sub(r"\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big)(?![A-Za-z])", "", text)
    match = _CALL.match(text)
    if match is None:
        return None
    name = written_name(match.group("name"))
    if name is None or name.indices:
        return None
    args = match.group("args")
    if args is None:
        return Head(name.name, name.latex)
    given: str | None = None
    parts = _GIVEN.split(args, maxsplit=1)
    if len(parts) == 2:
        args, given = parts[0], canonical(parts[1]) or None
        if given is None:
            return None
    params: list[str] = []
    for arg in (a for a in args.split(",") if a.strip()):
        param = written_name(arg)
        if param is None or param.indices:
            return None
        params.append(param.name)
    if len(set(params)) != len(params):
        return None
    return Head(name.name, name.latex, tuple(params), given, call=True)
