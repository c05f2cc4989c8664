"""The left side of a definition: a name (``L``, ``\\hat y``, ``D_{\\mathrm{KL}}``) or a
function of names (``g(s)``, ``\\mathrm{CE}(p, q)``, ``P(y \\mid x)``, ``\\sigma\\left(z\\right)``).

A display ``HEAD = …`` whose head is not declared, or ``HEAD := …`` (``\\coloneqq``,
``\\triangleq``, ``\\stackrel{\\text{def}}{=}``), defines it for the rest of the document;
``let: HEAD = …`` does the same in a directive.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..tex.names import canonical, default_latex
from .names import identifier, written_name

_CALL = re.compile(
    r"^(?P<name>.+?)(?:\((?P<args>[^()]*)\))?$",
    re.DOTALL,
)
_PRIMED = re.compile(r"(?:'|\\prime\s*\}?)\s*$")
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
    functional: bool = False  # H(p), D_{KL}(p \| q): one number, named by its LaTeX

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
        """The head as the report names it: ``g(s)``, ``L``, ``D_KL(p‖q)``."""
        if self.functional:
            return shown_latex(self.latex)
        if not self.call:
            return self.name
        given = f" | {self.given}" if self.given else ""
        return f"{self.name}({', '.join(self.params)}{given})"


def head_of(latex: str) -> Head | None:
    """The head written as ``latex``, or None when it is no name or function of names."""
    text = canonical(_SPACING.sub(" ", latex))  # L(y_{pred},\ y_{true}): TeX's spaces
    text = re.sub(r"\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big)(?![A-Za-z])", "", text)
    match = _CALL.match(text)
    if match is None:
        return None
    name = written_name(match.group("name"))
    if name is None or name.indices:
        return None
    args = match.group("args")
    if args is not None and _PRIMED.search(match.group("name")):
        return None  # s'(x): Lagrange's derivative of s, no new function
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


def scripted_function_head(latex: str, names_nothing: Callable[[str], bool]) -> Head | None:
    """``p_X(x)``, ``p_{X, Y}(x, y)``: a function whose name carries a script that names
    nothing declared (a random variable's name, not a family's index): one function named
    with its script (``p_X``). None for any other head, or where the script is a declared
    index (``p_i(x)``: the i-th function? a member times a bracket?)."""
    text = canonical(_SPACING.sub(" ", latex)).strip()
    match = re.fullmatch(
        r"(?P<base>[A-Za-z]|\\[A-Za-z]+)_\{(?P<script>[A-Za-z ,]+)\}\((?P<args>[^()]*)\)", text
    )
    if match is None or identifier(match["base"]) is None:
        return None
    scripts = [s.strip() for s in match["script"].split(",")]
    if not all(s and names_nothing(s) for s in scripts):
        return None
    plain = head_of(f"{match['base']}({match['args']})")
    if plain is None or not plain.params:
        return None
    name = f"{plain.name}_{''.join(scripts)}"
    latex = f"{match['base']}_{{{match['script']}}}"
    return Head(name, latex, plain.params, call=True)


_OUTCOME_HEAD = re.compile(
    r"(?P<name>[A-Za-z]|\\[A-Za-z]+)\s*\(\s*(?P<arg>[A-Za-z])_(?:\{(?P<braced>[A-Za-z])\}"
    r"|(?P<one>[A-Za-z]))\s*\)"
)


def outcome_head(
    left: str, names_nothing: Callable[[str], bool], declared: Callable[[str, str], bool]
) -> tuple[str, str, str] | None:
    """``I(s_i)``: a quantity of the i-th outcome s_i, where s names nothing declared (the
    text's outcomes, never a declared family's members) and I is no declared name (else
    it is I's value at s_i): the index, the family's name (``I_s``) and its template
    (``I(s_{#1})``). None for any other head."""
    found = _OUTCOME_HEAD.fullmatch(canonical(left).strip())
    if found is None or not names_nothing(found["arg"]):
        return None
    name = identifier(found["name"])
    if name is None or declared(name, found["name"]):
        return None
    index = found["braced"] or found["one"]
    return index, f"{name}_{found['arg']}", f"{found['name']}({found['arg']}_{{#1}})"


# A script that names an index: _{i} or ^{(i)} (canonical forms).
_INDEX_SCRIPT = re.compile(r"_\{(?P<sub>[A-Za-z])\}|\^\{\((?P<sup>[A-Za-z])\)\}")
_FONTS = re.compile(r"\\(?:mathrm|mathbf|boldsymbol|operatorname|text|mathit|bm|hat|vec|mid|vert)")


def head_indices(left: str, is_index: Callable[[str], bool]) -> set[str]:
    """The declared indices a head's arguments are written at (``_{i}``, ``^{(i)}``)."""
    match = _FUNCTIONAL.match(canonical(left).strip())
    if match is None:
        return set()
    found = {m["sub"] or m["sup"] for m in _INDEX_SCRIPT.finditer(match.group("args"))}
    return {x for x in found if is_index(x)}


def why_no_head(left: str, is_index: Callable[[str], bool]) -> str:
    """Why ``left`` defines nothing, for the message after it."""
    several = sorted(head_indices(left, is_index))
    if len(several) > 1:
        return (
            f"is written at the indices {', '.join(several)}: a quantity of the i-th example "
            "is defined at one index"
        )
    return "is no name or function of names"


def indexed_head(
    left: str, is_index: Callable[[str], bool], declared: Callable[[str, str], bool]
) -> tuple[str, str, str] | None:
    """``P(y_i \\mid \\mathbf{x}_i; \\mathbf{w})``: the probability of the i-th example's
    event given its condition, written at one declared index i (as scripts ``_{i}`` or
    ``^{(i)}``), its name no declared one: the index, the family's name (``P_y_x_w``) and
    its template, the head with ``#1`` for the index. The condition bar makes the arguments
    an event and a condition, never values the name is a function of (``I(s_i)`` of a
    declared s is I at the value s_i: no such head). None for any other head (two indices,
    none, no bar, a name that means something). A member is then read only where a text
    writes the head at one index."""
    text = canonical(left).strip()
    match = _FUNCTIONAL.match(text)
    if match is None or match.group("open") != "(":
        return None
    name = match.group("name")
    if identifier(name) is None or declared(identifier(name) or "", name):
        return None
    args = match.group("args")
    indices = head_indices(left, is_index)
    if len(indices) != 1 or _GIVEN.search(args) is None:
        return None
    (index,) = indices

    def templated(m: re.Match[str]) -> str:
        if m["sub"] == index:
            return "_{#1}"
        return "^{(#1)}" if m["sup"] == index else m.group(0)

    template = f"{name}({_INDEX_SCRIPT.sub(templated, args)})"
    words = re.findall(r"[A-Za-z0-9]+", _FONTS.sub("", template.replace("#1", "")))
    if not words or not words[0][0].isalpha():
        return None
    return index, "_".join(words), template


_SPACING = re.compile(r"\\(?:[ ,;:!>]|quad(?![A-Za-z])|qquad(?![A-Za-z]))")
_FUNCTIONAL = re.compile(r"^(?P<name>.+?)(?P<open>\(|\[)(?P<args>[^()\[\]]*)[)\]]$", re.DOTALL)
_SEPARATORS = re.compile(r"\\\||\|\||\\mid|\\vert|\||,|;")
# One bold name, with its scripts (\mathbf{y}^{(i)}): not an expression of several
# (\mathbf{w}^{\top}\mathbf{x}_{i}, an inner product, is no argument of a functional).
_BOLD = re.compile(r"^\\(?:mathbf|boldsymbol|bm|vec)\{[^{}]+\}(?:\s*[_^]\s*\{[^{}]*\})*$")


def functional_head(latex: str, is_distribution: Callable[[str], bool]) -> Head | None:
    """A functional of the document's distributions, ``H(p)``, ``H_q(p)``,
    ``D_{KL}(p \\| q)``, ``\\mathrm{CE}(\\mathbf{y}, \\hat{\\mathbf{y}})``: its arguments are
    declared families (``p`` written ``p_i``) or vectors, fixed in the document, so the
    whole is one number: a name whose LaTeX is the whole head. None for any other head."""
    text = canonical(latex)
    text = re.sub(r"\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big)(?![A-Za-z])", "", text)
    match = _FUNCTIONAL.match(text)
    if match is None:
        return None
    name = match.group("name")
    if identifier(name) is None and written_name(name) is None and not _scripted_name(name):
        return None
    args = [a.strip() for a in _SEPARATORS.split(match.group("args")) if a.strip()]
    if not args or not all(_BOLD.match(canonical(a)) or is_distribution(a) for a in args):
        return None
    words = re.findall(
        r"[A-Za-z0-9]+",
        re.sub(
            r"\\(?:mathrm|mathbf|boldsymbol|operatorname|"
            r"text|mathit|bm|hat|vec|mid|vert)(?![A-Za-z])",
            "",
            text,
        ),
    )
    shown = "_".join(words)
    if not shown or not shown[0].isalpha():
        return None
    return Head(shown, text, functional=True)


def head_arguments(latex: str) -> list[str]:
    """The arguments of a functional's head as written (``\\sigma(x)`` → ``["x"]``)."""
    match = _FUNCTIONAL.match(canonical(latex))
    if match is None:
        return []
    return [a.strip() for a in _SEPARATORS.split(match.group("args")) if a.strip()]


def _scripted_name(text: str) -> bool:
    """A name with a script: ``H_q``, ``D_{KL}``, ``D_{\\mathrm{KL}}``."""
    found = re.fullmatch(r"(.+?)_\{?(.+?)\}?", text)
    return found is not None and identifier(found.group(1)) is not None


def shown_latex(latex: str) -> str:
    """A functional's LaTeX as plain text for the report: ``D_{KL}(p \\| q)`` → ``D_KL(p‖q)``."""
    text = re.sub(r"\\(?:mathrm|text|operatorname|mathit|mathbf|boldsymbol|bm)\s*", "", latex)
    text = text.replace("\\|", "‖").replace("\\mid", "|").replace("||", "‖")
    text = re.sub(r"_\{([^{}]*)\}", r"_\1", text)
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text)
    return text.replace("{", "").replace("}", "").replace(" ", "")
