"""How names are written in LaTeX, both ways: the ``[latex]`` table with its defaults.

The printer asks :func:`latex_name` for a name's LaTeX; the reader asks the reverse table
(:func:`reverse_names`) which declared name a piece of LaTeX stands for. Both use the same
canonical form (:func:`canonical`), so ``\\hat y`` and ``\\hat{y}`` are one spelling.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import FileFormatError
from ..model import Notation, VectorName
from ..syntax.scope import Scope
from .member_templates import is_member_template, member_pattern

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
# Commands that typeset as another does: one spelling for both (\bm{z} is \boldsymbol{z}).
_SAME_GLYPH: Mapping[str, str] = {"\\bm": "\\boldsymbol"}
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
    "arctan": "atan",
    "arcsin": "asin",
    "arccos": "acos",
    "artanh": "atanh",
    "arctanh": "atanh",
    "arsinh": "asinh",
    "arcsinh": "asinh",
    "arcosh": "acosh",
    "arccosh": "acosh",
    "erf": "erf",
    "sgn": "sign",
    "sign": "sign",
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


DOUBLE_BAR = re.compile(r"\\\||\|\||\\[lr]?Vert(?![A-Za-z])")
"""The double bar ‖ as texts write it: ``\\|``, ``||``, ``\\Vert``."""


def canonical(latex: str) -> str:
    """One spelling for one name: no blanks, an accent's argument in braces
    (``\\hat y`` → ``\\hat{y}``), a script of one token in braces (``y_1`` → ``y_{1}``:
    they typeset alike)."""
    text = latex.strip()
    out: list[str] = []
    k = 0
    while k < len(text):
        if text.startswith("\\_", k):  # ignore\_index: the underscore itself, no script
            out.append("\\_")
            k += 2
            continue
        bars = DOUBLE_BAR.match(text, k)
        if bars is not None:  # D(p \| q), D(p || q), D(p \Vert q): one glyph, ‖
            out.append("\\|")
            k = bars.end()
            continue
        if text[k] in "^_" and out:
            out.append(text[k])
            k += 1
            while k < len(text) and text[k] == " ":
                k += 1
            if k < len(text) and text[k] != "{":
                token = re.match(r"\\[A-Za-z]+|\\.|.", text[k:])
                assert token is not None
                out.append("{" + token.group(0) + "}")
                k += token.end()
            continue
        m = re.match(r"\\[A-Za-z]+", text[k:])
        if m and _SAME_GLYPH.get(m.group(0), m.group(0)) in ACCENTS:
            out.append(_SAME_GLYPH.get(m.group(0), m.group(0)))
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


# LaTeX the reader gives a meaning of its own: Euler's number, π, ∞.
_CONSTANTS = {"e": "Euler's number e", "\\mathrm{e}": "Euler's number e", "\\pi": "π",
              "\\infty": "∞"}  # fmt: skip


def literal_clash(latex: str, *, family: bool = False) -> str | None:
    """Why ``latex`` cannot be a declared name's LaTeX: it spells a number, a constant or a
    built-in function, so every ``2`` (``\\pi``, ``e``, ``\\log``) of a LaTeX step would be
    ambiguous. None if it can. A ``family`` may be written like a constant (``\\pi_i``, the
    probabilities of a sample): a member always has its index, and the bare letter is then
    an error, not a misreading."""
    shown = canonical(latex)
    if re.fullmatch(r"[0-9.]+", shown) or re.match(r"[0-9]", shown):
        return f"{latex!r} is written like a number"
    if family:
        return None
    if shown in _CONSTANTS:
        return f"{latex!r} is how LaTeX writes {_CONSTANTS[shown]}"
    word = re.fullmatch(r"\\?([A-Za-z]+)|\\(?:operatorname|mathrm)\{([A-Za-z]+)\}", shown)
    if word and (word.group(1) or word.group(2)) in BUILTIN_FUNCTIONS:
        return f"{latex!r} is how LaTeX writes the function {word.group(1) or word.group(2)}"
    return None


def template_of(latex: str) -> Template | None:
    """The template in a function's ``[latex]`` entry, or None for a plain name."""
    m = _TEMPLATE.match(latex.strip())
    if not m:
        return None
    arity = 1 + m.group("more").count("#")
    given = m.group("given")
    return Template(canonical(m.group("head")), arity, canonical(given) if given else None)


_NAME_ACCENTS = ("hat", "bar", "tilde")  # a name's last word that is its accent


def _accented(stem: str, accent: str) -> bool:
    """Whether a name is a letter with an accent: ``yhat`` (any stem before "hat", as
    before), ``ybar``, ``mutilde`` (a letter or a Greek letter before "bar"/"tilde", so that
    ``sidebar`` stays a word)."""
    base = stem[: -len(accent)]
    if not stem.endswith(accent) or not base:
        return False
    return accent == "hat" or len(base) == 1 or base in GREEK


def default_latex(name: str, *, function: bool = False) -> str:
    """The LaTeX of a name the ``[latex]`` table does not mention."""
    stem = name.rstrip("0123456789")
    digits = name[len(stem) :]
    if not stem:
        return name
    accent = next((a for a in _NAME_ACCENTS if _accented(stem, a)), None)
    if accent is not None:  # yhat, ybar, xtilde: \hat{y}, \bar{y}, \tilde{x}
        shown = f"\\{accent}{{" + default_latex(stem[: -len(accent)]) + "}"
    elif stem in GREEK:
        shown = "\\" + stem
    elif stem == "lamda":  # SymPy's spelling of λ (lambda is a keyword of Python)
        shown = "\\lambda"
    elif len(stem) == 1:
        shown = stem
    else:
        word = stem.replace("_", "\\_")  # log_softmax: the underscore, not a script
        shown = ("\\operatorname{" if function else "\\mathit{") + word + "}"
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
    # families whose members are written with the index inside (tex.member_templates)
    members: tuple[tuple[re.Pattern[str], str], ...] = ()
    vectors: Mapping[str, VectorName] = field(default_factory=dict)  # Notation.vectors


_NAME_FONTS = ("\\mathit", "\\mathrm", "\\text", "\\textrm", "\\operatorname")
_WORD = re.compile(
    r"\\(?:mathit|mathrm|text|textrm|operatorname)\{((?:[A-Za-z]|\\_)(?:[A-Za-z0-9]|\\_)+)\}"
)


def reverse_names(scope: Scope, notation: Notation) -> NameTable:
    """Every declared name by its canonical LaTeX."""
    found: dict[str, list[str]] = {}
    templates: dict[str, Template] = {}

    def add(latex: str, name: str) -> None:
        names = found.setdefault(canonical(latex), [])
        if name not in names:
            names.append(name)

    members: list[tuple[re.Pattern[str], str]] = []
    for name in [*scope.symbols, *scope.families]:
        entry = notation.names.get(name)
        if name in scope.families and entry is not None and is_member_template(entry):
            members.append((member_pattern(canonical(entry)), name))
            continue
        add(latex_name(name, notation), name)
    for name in scope.functions:
        entry = notation.names.get(name)
        template = template_of(entry) if entry is not None else None
        if template is not None:
            templates[name] = template
        add(latex_name(name, notation, function=True), name)
    # \mathit{yz} typesets as the letters yz do: a run of letters may be that name too.
    for latex, names in list(found.items()):
        italic = re.fullmatch(r"\\mathit\{([A-Za-z]+)\}", latex)
        if italic:
            for name in names:
                add(italic.group(1), name)
    # A word of several letters typesets as one name in any word font (\mathit{lr},
    # \text{ignore\_index}, \mathrm{softmax}): texts mix them for one name.
    for latex, names in list(found.items()):
        word = _WORD.fullmatch(latex)
        if word:
            for font in _NAME_FONTS:
                for name in names:
                    add(f"{font}{{{word.group(1)}}}", name)
    # A function's word typed bare, sigmoid(z), typesets as \mathit{sigmoid}(z) does: the
    # run of letters may be that function too (a run that splits another way is refused).
    for name in scope.functions:
        if name.isalpha() and len(name) > 1 and name in found.get(f"\\mathit{{{name}}}", ()):
            add(name, name)
    letters = frozenset(k for k in found if k.isalpha())
    single = re.compile(r"^\\[A-Za-z]+(?:\{[^{}]*\})?$")
    long = sorted(
        (k for k in found if not k.isalpha() and not single.match(k)), key=len, reverse=True
    )
    table = {k: tuple(v) for k, v in found.items()}
    vectors = {
        canonical(form): value
        for latex, value in notation.vectors.items()
        if value.family in scope.families
        for form in bold_forms(latex)
    }
    return NameTable(table, templates, letters, tuple(long), tuple(members), vectors)


def bold_forms(latex: str) -> tuple[str, ...]:
    """A bold name as written and with the other bold (``\\mathbf{w}``, ``\\boldsymbol{w}``:
    texts mix them for one vector)."""
    text = canonical(latex)
    other = re.sub(
        r"\\(mathbf|boldsymbol)(?![A-Za-z])",
        lambda m: "\\boldsymbol" if m.group(1) == "mathbf" else "\\mathbf",
        text,
    )
    return (text, other) if other != text else (text,)


# -- the [latex] table: what a file may give as the LaTeX of a name ---------------------------

MAX_NAME_LATEX = 200  # characters; a name's LaTeX is a few dozen at most
# Commands a name's LaTeX may use: letters, accents and fonts (the reader's ``ACCENTS``),
# and the few symbols names are written with. Anything else (\input, \write18, \def, \csname,
# \catcode, …) is refused: the entry is typeset in the appendix, and TeX runs what it reads.
NAME_COMMANDS = frozenset(
    {
        *(f"\\{g}" for g in GREEK_NAMES),
        *(f"\\var{g}" for g in ("epsilon", "theta", "pi", "rho", "sigma", "phi", "kappa")),
        r"\ell", r"\hbar", r"\imath", r"\jmath", r"\partial", r"\nabla", r"\infty",
        r"\prime", r"\ast", r"\star", r"\dagger", r"\circ", r"\bullet", r"\top", r"\perp",
        r"\mid", r"\vert", r"\lvert", r"\rvert", r"\left", r"\right", r"\cdot", r"\times",
        r"\mathbb", r"\mathfrak", r"\underline",
        *ACCENTS,
    }
)  # fmt: skip
# Commands whose argument is set as text, not math: it may hold plain words only.
_TEXT_COMMANDS = frozenset({r"\text", r"\textrm", r"\textit"})
_NEEDS_ARGUMENT = ACCENTS | {r"\mathbb", r"\mathfrak", r"\underline"}
_SPACING = frozenset({"\\,", "\\;", "\\:", "\\!", "\\ "})
_DELIMITERS = frozenset({"(", ")", "[", "]", "|", ".", r"\vert", r"\mid", r"\lvert", r"\rvert"})
_MARKS = frozenset("()[],.|+-*/=:;'{}_^")  # braces and scripts are checked for balance
_NAME_TOKEN = re.compile(
    r"\\[A-Za-z]+|\\[,;:! ]|\\.?|#[0-9]?|[A-Za-z0-9]|[ \t]+|[_^{}]|.", re.DOTALL
)
_TEXT_ARGUMENT = re.compile(r"\{[A-Za-z0-9 .,'()\-]*\}|[A-Za-z0-9]")


def name_latex(entry: str, arguments: int = 0) -> str:
    """A ``[latex]`` entry, read as the LaTeX of a name and printed back from what was
    read; ``arguments`` is how many ``#1``, ``#2``, … the entry may use (a function's
    parameters; 0 for a symbol or a family).

    The entry is read token by token against what a name's LaTeX may hold (letters,
    digits, the commands of ``NAME_COMMANDS``, braces that balance, a script with its
    argument); anything else raises ``FileFormatError`` with the reason (and no line: the
    loader knows it). The text printed
    back is made of those tokens only, so nothing of the entry reaches the appendix
    unread (no ``\\input``, ``%``, ``$``, ``&``, ``^^5c``, nor an unbalanced ``}``).
    """
    text = entry.strip()
    if not text:
        raise FileFormatError("the LaTeX is empty")
    if len(text) > MAX_NAME_LATEX:
        raise FileFormatError(f"the LaTeX of a name is at most {MAX_NAME_LATEX} characters")
    # \bm (the bm package) is \boldsymbol's glyph: printed as \boldsymbol (amsmath)
    tokens = [_SAME_GLYPH.get(m.group(0), m.group(0)) for m in _NAME_TOKEN.finditer(text)]
    printed: list[str] = []
    depth = sizes = 0
    k = 0
    while k < len(tokens):
        token = tokens[k]
        k += 1
        if token[0] in " \t":
            printed.append(" ")
            continue
        _check_token(token, arguments)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                raise FileFormatError("a '}' closes no '{'")
        elif token in ("_", "^"):
            follows = _next_token(tokens, k)
            if follows is None or follows in ("_", "^", "}"):
                raise FileFormatError(f"'{token}' needs something after it")
        elif token in (r"\left", r"\right"):
            sizes += 1 if token == r"\left" else -1
            follows = _next_token(tokens, k)
            if sizes < 0 or follows not in _DELIMITERS:
                raise FileFormatError(f"{token} needs a delimiter: {token}( … \\right)")
        elif token in _NEEDS_ARGUMENT and _next_token(tokens, k) in (None, "}", "_", "^"):
            raise FileFormatError(f"{token} needs an argument: {token}{{y}}")
        elif token in _TEXT_COMMANDS:
            k, argument = _text_argument(tokens, k, token)
            printed.append(token + ("" if argument.startswith("{") else " ") + argument)
            continue
        printed.append(token)
    if depth:
        raise FileFormatError("a '{' is never closed")
    if sizes:
        raise FileFormatError("a \\left has no \\right")
    return "".join(printed)


def _check_token(token: str, arguments: int) -> None:
    """Refuse a token a name's LaTeX may not hold."""
    if token.startswith("\\"):
        if token in _SPACING:
            return
        if token not in NAME_COMMANDS:
            shown = token if len(token) > 1 else "a lone backslash"
            raise FileFormatError(
                f"{shown} is not allowed in the LaTeX of a name (letters, digits, Greek "
                "letters, accents such as \\hat, fonts such as \\mathrm and \\text, \\mid)"
            )
        return
    if token.startswith("#"):
        number = int(token[1:]) if token[1:] else 0
        if not 1 <= number <= arguments:
            raise FileFormatError(
                f"{token} is not an argument here"
                + (
                    f" (the function's arguments are #1 to #{arguments})"
                    if arguments > 1
                    else " (the function's argument is #1)"
                    if arguments
                    else " (#1, #2, … stand for a function's arguments)"
                )
            )
        return
    if not (token.isascii() and token.isalnum()) and token not in _MARKS:
        raise FileFormatError(f"{token!r} is not allowed in the LaTeX of a name")


def _next_token(tokens: list[str], k: int) -> str | None:
    """The first token from ``k`` on that is not a blank."""
    while k < len(tokens) and tokens[k][0] in " \t":
        k += 1
    return tokens[k] if k < len(tokens) else None


def _text_argument(tokens: list[str], k: int, command: str) -> tuple[int, str]:
    """The argument of a text command from token ``k``: plain words in braces, or one
    letter or digit; where the tokens after it start, and the argument as printed."""
    while k < len(tokens) and tokens[k][0] in " \t":
        k += 1
    rest = "".join(tokens[k:])
    found = _TEXT_ARGUMENT.match(rest)
    if found is None:
        raise FileFormatError(
            f"{command} takes plain words in braces here: letters, digits, blanks and . , ' ( ) -"
        )
    end, length = k, 0
    while length < found.end():
        length += len(tokens[end])
        end += 1
    return end, found.group(0)
