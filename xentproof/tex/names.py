"""How names are written in LaTeX, both ways: the ``[latex]`` table with its defaults.

The printer asks :func:`latex_name` for a name's LaTeX; the reader asks the reverse table
(:func:`reverse_names`) which declared name a piece of LaTeX stands for. Both use the same
canonical form (:func:`canonical`), so ``\\hat y`` and ``\\hat{y}`` are one spelling.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Notation
from ..syntax.scope import Scope

GREEK_NAMES: tuple[str, ...] = (
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi",
    "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi",
    "Omega",
)  # fmt: skip
"""The Greek letters LaTeX has commands for, small then capital (in Unicode's order)."""
GREEK = frozenset(GREEK_NAMES)
# Commands whose one argument makes a name: \hat y, \bar{x}, \mathbf{p}.
ACCENTS = frozenset(
    [
        r"\hat",
        r"\widehat",
        r"\bar",
        r"\overline",
        r"\tilde",
        r"\widetilde",
        r"\vec",
        r"\dot",
        r"\ddot",
        r"\check",
        r"\breve",
        r"\mathbf",
        r"\boldsymbol",
        r"\mathrm",
        r"\mathit",
        r"\mathsf",
        r"\mathcal",
        r"\operatorname",
        r"\text",
        r"\textrm",
        r"\textit",
    ]
)
# Functions LaTeX writes with an upright command or as bare letters: name -> SymPy name.
BUILTIN_FUNCTIONS: Mapping[str, str] = {
    "log": "log",
    "ln": "log",
    "exp": "exp",
    "sin": "sin",
    "cos": "cos",
    "tan": "tan",
    "sinh": "sinh",
    "cosh": "cosh",
    "tanh": "tanh",
    "max": "Max",
    "min": "Min",
}
_TEMPLATE = re.compile(
    r"^(?P<head>.+?)\s*(?:\\left)?\(\s*#1(?P<more>(?:\s*,\s*#\d)*)\s*"
    r"(?:(?:\\mid|\\vert|\|)\s*(?P<given>.*?))?\s*(?:\\right)?\)\s*$"
)


@dataclass(frozen=True)
class Template:
    """A function written with its arguments in place: ``P(#1 \\mid x)``."""

    head: str  # canonical LaTeX of the name part, "P"
    arity: int
    given: str | None  # canonical LaTeX after \\mid, "x", or None


def canonical(latex: str) -> str:
    """One spelling for one name: no blanks, an accent's argument in braces
    (``\\hat y`` → ``\\hat{y}``)."""
    text = latex.strip()
    out: list[str] = []
    k = 0
    while k < len(text):
        m = re.match(r"\\[A-Za-z]+", text[k:])
        if m and m.group(0) in ACCENTS:
            out.append(m.group(0))
            k += m.end()
            while k < len(text) and text[k] == " ":
                k += 1
            if k < len(text) and text[k] != "{":
                arg = re.match(r"\\[A-Za-z]+|.", text[k:])
                assert arg is not None
                out.append("{" + arg.group(0) + "}")
                k += arg.end()
            continue
        if m:
            out.append(m.group(0))
            k += m.end()
            # a blank after a command word separates it from the next letter: keep one
            if k < len(text) and text[k] == " " and k + 1 < len(text) and text[k + 1].isalpha():
                out.append(" ")
            continue
        if not text[k].isspace():
            out.append(text[k])
        k += 1
    return "".join(out)


def template_of(latex: str) -> Template | None:
    """The template in a function's ``[latex]`` entry, or None for a plain name."""
    m = _TEMPLATE.match(latex.strip())
    if not m:
        return None
    arity = 1 + m.group("more").count("#")
    given = m.group("given")
    return Template(canonical(m.group("head")), arity, canonical(given) if given else None)


def default_latex(name: str, *, function: bool = False) -> str:
    """The LaTeX of a name the ``[latex]`` table does not mention."""
    stem = name.rstrip("0123456789")
    digits = name[len(stem) :]
    if not stem:
        return name
    if stem.endswith("hat") and len(stem) > 3:
        shown = "\\hat{" + default_latex(stem[:-3]) + "}"
    elif stem in GREEK:
        shown = "\\" + stem
    elif len(stem) == 1:
        shown = stem
    else:
        shown = ("\\operatorname{" if function else "\\mathit{") + stem + "}"
    return shown + ("_{" + digits + "}" if digits else "")


def latex_name(name: str, notation: Notation, *, function: bool = False) -> str:
    """The LaTeX of a declared name: its ``[latex]`` entry, else the default."""
    entry = notation.names.get(name)
    if entry is not None:
        template = template_of(entry)
        return template.head if template is not None else entry.strip()
    return default_latex(name, function=function)


@dataclass(frozen=True)
class NameTable:
    """Canonical LaTeX → the declared names it may stand for (more than one is ambiguous)."""

    names: Mapping[str, tuple[str, ...]]
    templates: Mapping[str, Template]  # function name -> its template
    letters: frozenset[str]  # the canonical forms made of letters only (for splitting runs)
    long: tuple[str, ...] = ()  # forms of several tokens (P_{y\\mid x}), longest first


def reverse_names(scope: Scope, notation: Notation) -> NameTable:
    """Every declared name by its canonical LaTeX."""
    found: dict[str, list[str]] = {}
    templates: dict[str, Template] = {}

    def add(latex: str, name: str) -> None:
        names = found.setdefault(canonical(latex), [])
        if name not in names:
            names.append(name)

    for name in [*scope.symbols, *scope.families]:
        add(latex_name(name, notation), name)
    for name in scope.functions:
        entry = notation.names.get(name)
        template = template_of(entry) if entry is not None else None
        if template is not None:
            templates[name] = template
        add(latex_name(name, notation, function=True), name)
    letters = frozenset(k for k in found if k.isalpha())
    single = re.compile(r"^\\[A-Za-z]+(?:\{[^{}]*\})?$")
    long = sorted(
        (k for k in found if not k.isalpha() and not single.match(k)), key=len, reverse=True
    )
    return NameTable({k: tuple(v) for k, v in found.items()}, templates, letters, tuple(long))
