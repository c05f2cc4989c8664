"""Names as a document writes them in LaTeX (``\\hat y``, ``\\sigma``, ``\\pi_i``,
``y^{(i)}``, ``D_{\\mathrm{KL}}``) → the names of the derivation model (``yhat``, ``sigma``,
family ``pi_[i]``, family ``y[i]``, ``D_KL``), with the ``[latex]`` entry that reads them
back; and the sets of ``symbols:`` (``\\in (0,1)``, ``\\in \\{0,1\\}``, ``\\in \\mathbb{R}``,
``> 0``) → the domains of derivation files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domains import KNOWN_DOMAIN_FORMS
from ..errors import DocumentError, ExpressionError
from ..model import Notation
from ..syntax.scope import Scope
from ..syntax.vocabulary import RESERVED_NAMES
from ..tex.names import GREEK, canonical
from ..tex.parser import read_latex

_ACCENT_SUFFIX = {
    "\\hat": "hat",
    "\\widehat": "hat",
    "\\bar": "bar",
    "\\overline": "bar",
    "\\tilde": "tilde",
    "\\widetilde": "tilde",
    "\\dot": "dot",
    "\\ddot": "ddot",
    "\\vec": "vec",
    "\\check": "check",
    "\\breve": "breve",
    "\\mathbf": "bf",
    "\\boldsymbol": "bf",
    "\\bm": "bf",
    "\\mathcal": "cal",
    "\\mathscr": "scr",
    "\\mathfrak": "frak",
}
_WORD_FONTS = frozenset(
    {"\\mathrm", "\\operatorname", "\\text", "\\textrm", "\\mathit", "\\textit", "\\mathsf"}
)
_ACCENTED = re.compile(r"^(\\[A-Za-z]+)\{(.+)\}$")
_SCRIPTED = re.compile(
    r"^(?P<base>.+?)(?:_\{(?P<sub>[^{}]*(?:\{[^{}]*\}[^{}]*)*)\}|_(?P<sub1>[A-Za-z0-9])"
    r"|\^\{\((?P<sup>[^{}()]*)\)\})$"
)


def identifier(latex: str) -> str | None:
    """The model's name for a LaTeX name without scripts, or None if it is none."""
    text = canonical(latex)
    if re.fullmatch(r"[A-Za-z]", text):
        return text
    if text == "\\ell":
        return "ell"
    greek = re.fullmatch(r"\\(var)?([A-Za-z]+)", text)
    if greek and greek.group(2) in GREEK:
        letter = "lamda" if greek.group(2) == "lambda" else greek.group(2)  # lambda: a keyword
        return letter if not greek.group(1) else "var" + letter
    accented = _ACCENTED.match(text)
    if accented is None:
        return None
    command, inner = accented.groups()
    if command in _WORD_FONTS:  # \mathrm{log\_softmax}: the underscore, not a script
        word = re.fullmatch(r"[A-Za-z][A-Za-z0-9]*(?:\\_[A-Za-z0-9]+)*", inner)
        return inner.replace("\\_", "_") if word else None
    suffix = _ACCENT_SUFFIX.get(command)
    base = identifier(inner)
    return None if suffix is None or base is None else base + suffix


def safe(name: str) -> str:
    """A name the reader does not give a meaning of its own (``pi`` is the constant, so
    ``\\pi_i`` declared as a family is ``pi_``)."""
    return name + "_" if name in RESERVED_NAMES else name


@dataclass(frozen=True)
class WrittenName:
    """A name as ``symbols:`` writes it: the model's name, its indices when it is a
    family (``y_i``, ``y_{ij}``, ``p_{n,i}``, ``y^{(i)}``), its LaTeX without the index,
    and whether the index is written as a subscript."""

    name: str
    indices: tuple[str, ...]
    latex: str
    subscript: bool = False
    called: bool = False  # p(x): a family whose member is written as a call

    @property
    def key(self) -> str:
        return f"{self.name}[{', '.join(self.indices)}]" if self.indices else self.name


def written_name(latex: str) -> WrittenName | None:
    """A declared name as written: a name, optionally with its index."""
    text = canonical(latex)
    plain = identifier(text)
    if plain is not None:
        return WrittenName(safe(plain), (), text)
    primed = re.fullmatch(r"(?P<base>.+?)(?:\^\{\\prime\}|\^\{\\prime\\prime\}|'|'')", text)
    if primed is not None and identifier(primed["base"]) is not None:  # x^\prime: a name
        marks = 2 if text.endswith(("''", "\\prime\\prime}")) else 1
        base = identifier(primed["base"])
        primes = "\\prime" * marks
        shown = f"{primed['base']}^{{{primes}}}"
        return WrittenName(safe(f"{base}{'prime' * marks}"), (), shown)
    called = re.fullmatch(r"(?P<base>[^()]+)\((?P<index>[A-Za-z])\)", text)
    if called is not None:  # p(x): the probability of outcome x, one member of a family
        base = identifier(called.group("base"))
        if base is None:
            return None
        return WrittenName(safe(base), (called["index"],), called["base"], called=True)
    scripted = _SCRIPTED.match(text)
    if scripted is None:
        return None
    base = identifier(scripted.group("base"))
    if base is None:
        return None
    sub = scripted.group("sub") if scripted.group("sub") is not None else scripted.group("sub1")
    if sub is None:  # y^{(i)}
        indices = _indices(scripted.group("sup"))
        return None if indices is None else WrittenName(safe(base), indices, scripted["base"])
    if sub.isdigit():  # x_1 is a name of its own, x1, written x_{1}
        return WrittenName(safe(base + sub), (), f"{scripted['base']}_{{{sub}}}")
    label = identifier(sub)
    if label is not None and not re.fullmatch(r"[A-Za-z]+", sub):
        return WrittenName(safe(f"{base}_{label}"), (), text)  # D_{\mathrm{KL}}
    indices = _indices(sub)
    if indices is None:
        return None
    return WrittenName(safe(base), indices, scripted["base"], subscript=True)


def _indices(text: str) -> tuple[str, ...] | None:
    """``i``, ``i,j`` or ``ij`` (one letter each) → the index names."""
    text = text.replace(" ", "")
    parts = text.split(",") if "," in text else list(text)
    if not parts or not all(re.fullmatch(r"[A-Za-z]", p) for p in parts):
        return None
    if len(set(parts)) != len(parts):
        return None
    return tuple(parts)


# -- the sets of symbols: -----------------------------------------------------------------

_SETS = {
    "\\mathbb{R}": "real",
    "\\mathbb{Z}": "integer",
    "\\mathbb{R}_{>0}": "positive",
    "\\mathbb{R}_{\\ge0}": "nonnegative",
    "\\mathbb{R}_{\\geq0}": "nonnegative",
    "\\mathbb{R}_{<0}": "negative",
    "\\mathbb{R}_{\\le0}": "nonpositive",
    "\\mathbb{R}_{\\leq0}": "nonpositive",
    "\\mathbb{R}\\setminus\\{0\\}": "nonzero",
    "\\mathbb{R}\\backslash\\{0\\}": "nonzero",
    "\\mathbb{Z}_{>0}": "positive integer",
    "\\mathbb{Z}_{\\ge1}": "positive integer",
    "\\mathbb{Z}_{\\geq1}": "positive integer",
    "\\mathbb{Z}^{+}": "positive integer",
    "\\mathbb{Z}_{\\ge0}": "nonnegative integer",
    "\\mathbb{Z}_{\\geq0}": "nonnegative integer",
    "\\mathbb{N}_{>0}": "positive integer",
    "\\mathbb{N}_{\\ge1}": "positive integer",
    "\\mathbb{N}_{\\geq1}": "positive integer",
    "\\mathbb{N}^{*}": "positive integer",
    "\\mathbb{N}^{+}": "positive integer",
    "\\mathbb{N}_{0}": "nonnegative integer",
    "\\mathbb{N}_{\\ge0}": "nonnegative integer",
    "\\mathbb{N}_{\\geq0}": "nonnegative integer",
    "\\mathbb{Z}\\setminus\\{0\\}": "nonzero integer",
}
_AMBIGUOUS_SETS = {
    "\\mathbb{N}": "ℕ starts at 0 in some texts and at 1 in others: write \\mathbb{Z}_{>0} "
    "(1, 2, …) or \\mathbb{Z}_{\\ge 0} (0, 1, …)",
    "\\mathbb{R}_{+}": "ℝ₊ includes 0 in some texts and not in others: write \\mathbb{R}_{>0} "
    "or \\mathbb{R}_{\\ge 0}",
    "\\mathbb{R}^{+}": "ℝ⁺ includes 0 in some texts and not in others: write \\mathbb{R}_{>0} "
    "or \\mathbb{R}_{\\ge 0}",
}
_BOUNDS = {">": "(%s, oo)", "<": "(-oo, %s)", ">=": "[%s, oo)", "<=": "(-oo, %s]"}
_SIGNS = {">": "positive", "<": "negative", ">=": "nonnegative", "<=": "nonpositive"}
_EMPTY = Scope()


def constant_text(latex: str) -> str:
    """A constant written in LaTeX (``-1``, ``\\frac12``, ``\\infty``) as expression text."""
    try:
        return read_latex(latex, _EMPTY, Notation())
    except ExpressionError as error:
        raise DocumentError(f"{latex.strip()!r} is no constant: {error.message}") from None


def set_domain(latex: str) -> str:
    """The domain (a domain string of derivation files) of a set written in LaTeX."""
    text = re.sub(r"\\mathbb\s*([A-Za-z])", r"\\mathbb{\1}", latex)
    text = re.sub(r"\s+", "", text).replace("\\left", "").replace("\\right", "")
    text = re.sub(r"([_^])([^{\\])", r"\1{\2}", text)
    if text in _SETS:
        return _SETS[text]
    if text in _AMBIGUOUS_SETS:
        raise DocumentError(_AMBIGUOUS_SETS[text])
    joint = _joint_domain(text)
    if joint is not None:
        return joint
    finite = re.fullmatch(r"\\\{(.*)\\\}", text)
    if finite:
        values = _split_top(finite.group(1))
        if any("\\ldots" in v or "\\dots" in v or "\\cdots" in v for v in values):
            raise DocumentError(
                f"{latex.strip()}: a set with … is no finite set of numbers; "
                "write its values, or a range such as \\mathbb{Z}_{>0}"
            )
        return "{" + ", ".join(constant_text(v) for v in values) + "}"
    interval = re.fullmatch(r"([\[(\]])(.*)([\])\[])", text)
    if interval:
        left, inner, right = interval.groups()
        ends = _split_top(inner)
        if len(ends) == 2:
            left = "(" if left == "]" else left  # ]a, b[ is the open interval
            right = ")" if right == "[" else right
            lo, hi = (constant_text(e) for e in ends)
            return f"{left}{lo}, {hi}{right}"
    raise DocumentError(
        f"the set {latex.strip()} is not understood; write \\mathbb{{R}}, an interval "
        "such as (0, 1) or [0, \\infty), a finite set such as \\{0, 1\\}, or a bound "
        "such as > 0"
    )


_JOINT_SET = re.compile(
    r"\\(?:text|operatorname|mathrm)\{(?P<kind>one-hot|simplex)\}\((?P<size>[A-Za-z0-9]+)\)"
)
_JOINT_FORMS = {"one-hot": "one-hot(C)", "simplex": "simplex(K)"}
_UP_TO = re.compile(r"\\\{1,\\(?:ldots|dots|cdots),(?P<end>[A-Za-z0-9]+)\\\}")


def _joint_domain(text: str) -> str | None:
    """``\\text{one-hot}(C)``, ``\\text{simplex}(K)`` (a family whose members are one 1 and
    0s, or probabilities that sum to 1) and ``\\{1, \\dots, C\\}``: the domain forms of
    derivation files that say so, when the domain parser knows them (``KNOWN_DOMAIN_FORMS``);
    else None, and the set is read (or refused) as any other."""
    joint = _JOINT_SET.fullmatch(text)
    if joint is not None and _JOINT_FORMS[joint.group("kind")] in KNOWN_DOMAIN_FORMS:
        return f"{joint.group('kind')}({joint.group('size')})"
    up_to = _UP_TO.fullmatch(text)
    if up_to is not None and "{1, ..., C}" in KNOWN_DOMAIN_FORMS:
        return f"{{1, ..., {up_to.group('end')}}}"
    return None


def bound_domain(relation: str, latex: str) -> str:
    """``> 0``, ``\\ge 1``, …: the domain of a name bounded on one side."""
    value = constant_text(latex)
    if value == "0" and relation in _SIGNS:
        return _SIGNS[relation]
    if relation in ("!=",) and value == "0":
        return "nonzero"
    if relation not in _BOUNDS:
        raise DocumentError(f"a symbol bounded by {relation} is not understood")
    return _BOUNDS[relation] % value


def _split_top(text: str) -> list[str]:
    """``text`` split at commas outside brackets."""
    parts: list[str] = []
    depth = 0
    start = 0
    k = 0
    while k < len(text):
        c = text[k]
        if c == "\\" and k + 1 < len(text) and text[k + 1] in "{}":
            depth += 1 if text[k + 1] == "{" else -1
            k += 2
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(text[start:k])
            start = k + 1
        k += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


split_top = _split_top

_RELATION = re.compile(
    r"\\in(?![A-Za-z])|\\geq?(?:slant)?(?![A-Za-z])|\\leq?(?:slant)?(?![A-Za-z])"
    r"|\\neq?(?![A-Za-z])|>=|<=|>|<"
)
# ℝ^d, the set of vectors of d real components (d a declared name or a whole number)
_VECTOR_SPACE = re.compile(
    r"\s*\\mathbb\s*(?:\{\s*R\s*\}|R)\s*\^\s*(?:\{(?P<braced>\s*(?:[A-Za-z]|[0-9]+)\s*)\}"
    r"|(?P<one>[A-Za-z0-9]))\s*"
)
_BOLD = re.compile(r"\\(?:mathbf|boldsymbol|bm)\s*\{([^{}]*)\}")


def vector_family(latex: str) -> str | None:
    """The family whose members are the components of the bold vector ``latex``: the name
    of the same letters without the bold (``\\mathbf{w}`` → ``w``, whose members ``w_j`` the
    text writes; ``\\hat{\\mathbf{y}}`` → ``yhat``); None if ``latex`` is not bold."""
    text = canonical(latex)
    plain = _BOLD.sub(r"\1", text)
    if plain == text:
        return None
    name = identifier(plain)
    return None if name is None else safe(name)


_RELATION_TEXT = {"\\ge": ">=", "\\le": "<=", "\\ne": "!="}
_SPACES = re.compile(r"\\[,;:! ]|\\q?quad(?![A-Za-z])|~|\\text\s*\{\s*(?:and|,)?\s*\}")


@dataclass(frozen=True)
class SymbolLine:
    """One name of a ``symbols:`` directive and its domain (a domain string)."""

    written: WrittenName
    domain: str
    dimension: str | None = None  # \mathbf{w} \in \mathbb{R}^{d}: a vector of d components


def parse_symbols(value: str) -> list[SymbolLine]:
    """``\\hat y \\in (0,1),\\; y \\in \\{0,1\\},\\; a, b > 0, 0 < p < 1`` → names and
    domains; names without a set of their own take the next one (``a, b > 0``)."""
    items = [piece for part in _split_top(_SPACES.sub(" ", value)) for piece in part.split(";")]
    found: list[SymbolLine] = []
    pending: list[str] = []
    for item in (i.strip() for i in items if i.strip()):
        relations = [m for m in _RELATION.finditer(item) if _top_level(item, m.start())]
        if not relations:
            pending.append(item)
            continue
        dimension: str | None = None
        if len(relations) == 1 and (space := _VECTOR_SPACE.fullmatch(item[relations[0].end() :])):
            if relations[0].group(0) != "\\in":
                raise DocumentError(f"symbols: {item!r}: write \\in \\mathbb{{R}}^{{d}}")
            names, domain = [item[: relations[0].start()]], "real"
            dimension = (space.group("braced") or space.group("one")).strip()
        elif len(relations) == 1:
            at = relations[0]
            names, domain = [item[: at.start()]], _domain(at.group(0), item[at.end() :])
        elif len(relations) == 2:
            names, domain = (
                [item[relations[0].end() : relations[1].start()]],
                _between(item, relations[0], relations[1]),
            )
        else:
            raise DocumentError(f"symbols: {item!r} is not understood")
        for name in [*pending, *names]:
            written = written_name(name)
            if written is None:
                raise DocumentError(f"symbols: {name.strip()!r} is not a name this reader takes")
            found.append(SymbolLine(written, domain, dimension))
        pending = []
    if pending:
        raise DocumentError(f"symbols: {', '.join(pending)} without a set (write \\in …)")
    return found


def _relation(token: str) -> str:
    for prefix, text in _RELATION_TEXT.items():
        if token.startswith(prefix):
            return text
    return token


def _domain(token: str, rest: str) -> str:
    if token == "\\in":
        return set_domain(rest)
    return bound_domain(_relation(token), rest)


def _between(item: str, first: re.Match[str], second: re.Match[str]) -> str:
    """``0 < p \\le 1``: the interval between two bounds."""
    low, high = _relation(first.group(0)), _relation(second.group(0))
    if low not in ("<", "<=") or high not in ("<", "<="):
        raise DocumentError(f"symbols: {item!r}: write a < x < b, with < or \\le")
    lo = constant_text(item[: first.start()])
    hi = constant_text(item[second.end() :])
    return f"{'(' if low == '<' else '['}{lo}, {hi}{')' if high == '<' else ']'}"


def _top_level(text: str, at: int) -> bool:
    depth = 0
    for k, c in enumerate(text[:at]):
        if c in "([{" and not (c == "{" and text[k - 1 : k] == "\\"):
            depth += 1
        elif c in ")]}":
            depth -= 1
    return depth <= 0
