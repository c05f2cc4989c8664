"""Reading a step written in LaTeX, as papers and blog posts write it.

The reader turns LaTeX into the expression syntax of derivation files (``-log(g(y*s))``),
which the safe reader (``xentproof.syntax``) then builds; nothing is evaluated here, and the
text it returns is what the annotated proof shows as "read as". It reads what the seed
document uses: ``\\hat y`` and ``\\hat{y}`` (through the ``[latex]`` table), ``\\log``,
``log\\ `` and a bare ``log``, ``e^{…}``, ``\\cdot``, ``[…]`` as brackets, ``\\frac``,
``\\sum_{i=1}^N``, ``y^{(i)}`` for the i-th member of a family, ``P(y=1|x)`` for a declared
function written with a condition, and implicit products of names (``ys``, ``ylog\\ \\hat y``).

Ambiguity is an error, never a guess: a run of letters that splits into declared names in
two ways, two names with the same LaTeX, a function without brackets whose argument may go
on (``\\log x y``). A name followed by brackets is a call only when it is a declared
function (``g(ys)``); after a symbol, brackets are a product (``(1-y)log(1-\\hat y)``).

Design note: SymPy's lark-based LaTeX parser (``sympy.parsing.latex.parse_latex_lark``,
SymPy 1.14 with lark installed) was measured first on the seed's 21 display formulas
(``bench/latex_parsers.py``): it read 4 of them, each only as an ambiguity tree whose
readings include ``log g(ys)`` as ``-g·l·o·g(s·y)``; the other 17 stop at ``\\hat y``,
``log\\ ``, ``[``, ``P(y|x)`` or ``ylog``. Its ANTLR parser needs a runtime we do not
ship. Wrapping either would have taken as much code as this small recursive-descent parser,
which also reports ambiguity instead of choosing a reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..errors import ExpressionError
from ..model import Notation
from ..syntax.scope import Scope
from .names import ACCENTS, BUILTIN_FUNCTIONS, NameTable, canonical, reverse_names

MAX_LENGTH = 4000
MAX_DEPTH = 60

# Precedence of the text produced, loosest first.
_ADD, _MUL, _UNARY, _POW, _ATOM = 1, 2, 3, 4, 5

_SPACES = frozenset(
    {"\\ ", "\\,", "\\;", "\\:", "\\!", "\\>", "\\quad", "\\qquad", "\\displaystyle", "\\limits"}
)
_SIZES = frozenset(
    [
        r"\left",
        r"\right",
        r"\bigl",
        r"\bigr",
        r"\Bigl",
        r"\Bigr",
        r"\biggl",
        r"\biggr",
        r"\big",
        r"\Big",
        r"\bigg",
        r"\Bigg",
    ]
)
_OPERATORS = {"\\cdot": "*", "\\times": "*", "\\div": "/"}
_RELATIONS = {
    "=": "=",
    "<": "<",
    ">": ">",
    "\\le": "<=",
    "\\leq": "<=",
    "\\leqslant": "<=",
    "\\ge": ">=",
    "\\geq": ">=",
    "\\geqslant": ">=",
    "\\iff": "<=>",
    "\\Leftrightarrow": "<=>",
    "\\Longleftrightarrow": "<=>",
    "\\Rightarrow": "=>",
    "\\implies": "=>",
    "\\Longrightarrow": "=>",
}
_CONDITION_RELATIONS = {"=": "Eq", "\\ne": "Ne", "\\neq": "Ne"}
_KNOWN_COMMANDS = frozenset(
    [
        r"\frac",
        r"\dfrac",
        r"\tfrac",
        r"\sqrt",
        r"\sum",
        r"\prod",
        r"\lim",
        r"\to",
        r"\rightarrow",
        r"\infty",
        r"\pi",
        r"\mid",
        r"\vert",
        r"\lvert",
        r"\rvert",
        r"\delta",
        r"\begin",
        r"\end",
        r"\ne",
        r"\neq",
        r"\\",
        r"\{",
        r"\}",
    ]
)
_DERIVATIVE = re.compile(
    r"\\[dt]?frac\s*\{\s*(?:d|\\mathrm\s*\{\s*d\s*\}|\\partial)\s*(?:\^\s*\{?\s*(\d+)\s*\}?)?\s*\}"
    r"\s*\{\s*(?:d|\\mathrm\s*\{\s*d\s*\}|\\partial)\s*([^{}^]+?|\\[A-Za-z]+\s*\{[^{}]*\})\s*"
    r"(?:\^\s*\{?\s*(\d+)\s*\}?)?\s*\}"
)
_LIMIT = re.compile(r"\\lim\s*_\s*\{(?P<var>[^{}]*?(?:\{[^{}]*\}[^{}]*?)*)\\(?:to|rightarrow)")
_DIRECTION = re.compile(r"\^\s*\{?\s*([+-])\s*\}?\s*$")


@dataclass(frozen=True)
class Token:
    kind: str  # num, name, func, builtin, e, op, cmd, rel, deriv, lim, end
    text: str
    col: int  # 1-based column in the LaTeX text
    end: int = 0  # 0-based offset just after the token
    extra: str = ""


@dataclass(frozen=True)
class _Out:
    text: str
    prec: int
    family: str | None = None  # a bare family name, waiting for its index
    several: bool = False  # "a, b": the indices of a member, not one expression


def read_latex(text: str, scope: Scope, notation: Notation) -> str:
    """One step's LaTeX → expression text (an equation ``a = b`` is kept as one)."""
    parts = read_latex_chain(text, scope, notation)
    if len(parts) == 1:
        return parts[0][1]
    if len(parts) == 2 and parts[1][0] == "=":
        return f"{parts[0][1]} = {parts[1][1]}"
    rels = " ".join(r for r, _ in parts[1:] if r)
    raise ExpressionError(
        f"a LaTeX step holds one expression or one equation, but this one has the relations "
        f"{rels}: write each part as its own step",
        column=1,
    )


def read_latex_chain(text: str, scope: Scope, notation: Notation) -> list[tuple[str | None, str]]:
    """A formula such as ``L=-\\log\\frac{1}{1+e^{-ys}}=\\log(1+e^{-ys})`` → its parts,
    each with the relation before it (None for the first)."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"LaTeX is {len(text)} characters long; the limit is {MAX_LENGTH}", column=1
        )
    if not text.strip():
        raise ExpressionError("empty LaTeX: expected a formula such as 'x + 1'", column=1)
    parser = _Parser(text, scope, notation)
    return parser.chain()


class _Tokens:
    """LaTeX text → tokens, with letter runs split into declared names."""

    def __init__(self, text: str, table: NameTable, scope: Scope, parser: _Parser) -> None:
        self.text = text
        self.table = table
        self.scope = scope
        self.parser = parser
        self.out: list[Token] = []
        # What a run of letters may split into: declared names written as letters, the
        # functions LaTeX writes as words, and e (Euler's number) unless declared.
        self.words = set(table.letters) | set(BUILTIN_FUNCTIONS)
        if "e" not in table.names:
            self.words.add("e")

    def fail(self, at: int, message: str) -> ExpressionError:
        return ExpressionError(message, column=at + 1)

    def run(self) -> list[Token]:
        text = self.text
        k = 0
        while k < len(text):
            c = text[k]
            long = self.long_name(k)
            if long is not None:
                k = long
            elif c.isspace() or c == "~":
                k += 1
            elif c == "\\":
                k = self.command(k)
            elif c.isdigit() or (c == "." and text[k + 1 : k + 2].isdigit()):
                m = re.match(r"\d*\.?\d+|\d+", text[k:])
                assert m is not None
                self.emit("num", m.group(0), k, k + m.end())
                k += m.end()
            elif c.isascii() and c.isalpha():
                k = self.letters(k)
            elif c in "+-*/^_()[]{}=<>|,&'!":
                self.emit("rel" if c in "=<>" else "op", c, k, k + 1)
                k += 1
            else:
                raise self.fail(k, f"unexpected character {c!r} in LaTeX")
        self.out.append(Token("end", "", len(text) + 1, len(text)))
        return self.out

    def long_name(self, k: int) -> int | None:
        """A name whose LaTeX is several tokens (``P_{y \\mid x}``) written at ``k``: emit
        it and return where it ends; None if none is. Blanks do not count."""
        text = self.text
        for key in self.table.long:
            j, m = k, 0
            while m < len(key) and j < len(text):
                if key[m] == " ":
                    m += 1
                    continue
                if text[j].isspace():
                    j += 1
                    continue
                if key[m] != text[j]:
                    break
                m, j = m + 1, j + 1
            if m == len(key) and not (
                key[-1].isalpha() and j < len(text) and text[j].isalpha() and "\\" in key
            ):
                self.name(key, k, j)
                return j
        return None

    def emit(self, kind: str, text: str, start: int, end: int, extra: str = "") -> None:
        self.out.append(Token(kind, text, start + 1, end, extra))

    def after_script(self) -> bool:
        return bool(self.out) and self.out[-1].kind == "op" and self.out[-1].text in "^_"

    def letters(self, k: int) -> int:
        text = self.text
        if self.after_script():  # ^N takes one letter, as TeX does
            self.name(text[k], k, k + 1)
            return k + 1
        m = re.match(r"[A-Za-z]+", text[k:])
        assert m is not None
        run = m.group(0)
        ways = self.split(run)
        if isinstance(ways, str):
            self.emit("unknown", run, k, k + len(run), ways)
            return k + len(run)
        for start, piece in ways:
            self.name(piece, k + start, k + start + len(piece))
        return k + len(run)

    def split(self, run: str) -> list[tuple[int, str]] | str:
        """A letter run as declared names, in the only way it splits; else why not.

        A run that cannot be read becomes an ``unknown`` token, an error only when the
        parser reaches it: the condition in ``P(y|x)`` is compared as text, not read."""
        words = self.words
        ways: list[list[tuple[int, str]]] = []

        def go(start: int, acc: list[tuple[int, str]]) -> None:
            if len(ways) > 1:
                return
            if start == len(run):
                ways.append(list(acc))
                return
            for end in range(len(run), start, -1):
                piece = run[start:end]
                if piece in words:
                    acc.append((start, piece))
                    go(end, acc)
                    acc.pop()

        go(0, [])
        if not ways:
            known = sorted(words - set(BUILTIN_FUNCTIONS) - {"e"})
            return (
                f"cannot read {run!r} as declared names (known: {', '.join(known) or 'none'}); "
                "declare the name, or give its LaTeX in [latex]"
            )
        if len(ways) > 1:
            shown = " or ".join("·".join(p for _, p in way) for way in ways)
            return f"{run!r} is ambiguous: it reads as {shown}; separate the names"
        return ways[0]

    def name(self, latex: str, start: int, end: int) -> None:
        """Emit the token for a name written as ``latex`` (canonical form)."""
        names = self.table.names.get(latex, ())
        if len(names) > 1:
            why = (
                f"{latex} is the LaTeX of {' and '.join(names)}: "
                "give them different LaTeX in [latex]"
            )
            self.emit("unknown", latex, start, end, why)
            return
        if names:
            name = names[0]
            kind = "func" if name in self.scope.functions else "name"
            self.emit(kind, name, start, end, latex)
        elif latex in BUILTIN_FUNCTIONS or latex.lstrip("\\") in BUILTIN_FUNCTIONS:
            self.emit("builtin", BUILTIN_FUNCTIONS[latex.lstrip("\\")], start, end, latex)
        elif latex == "e":
            self.emit("e", "E", start, end)
        else:
            why = f"{latex} is not the LaTeX of any declared name; declare it or add it to [latex]"
            self.emit("unknown", latex, start, end, why)

    def group_end(self, k: int) -> int:
        """``k`` is at ``{``: the offset just after its matching ``}``."""
        depth = 0
        for j in range(k, len(self.text)):
            if self.text[j] == "{" and self.text[j - 1 : j] != "\\":
                depth += 1
            elif self.text[j] == "}" and self.text[j - 1 : j] != "\\":
                depth -= 1
                if depth == 0:
                    return j + 1
        raise self.fail(k, "a '{' is never closed")

    def command(self, k: int) -> int:
        text = self.text
        m = re.match(r"\\([A-Za-z]+|.)", text[k:])
        if m is None:
            raise self.fail(k, "a lone backslash ends the LaTeX")
        word = m.group(0)
        end = k + m.end()
        if word in _SPACES:
            return end
        if word in _SIZES:
            return self.delimiter(end, word)
        if word in ("\\begin", "\\end"):
            env = re.match(r"\\(?:begin|end)\s*\{\s*([A-Za-z*]+)\s*\}", text[k:])
            if env is None:
                raise self.fail(k, f"{word} needs an environment: {word}{{cases}}")
            self.emit("cmd", word, k, k + env.end(), env.group(1))
            return k + env.end()
        if word in ("\\frac", "\\dfrac", "\\tfrac"):
            d = _DERIVATIVE.match(text, k)
            if d:
                var = canonical(d.group(2))
                names = self.table.names.get(var, ())
                if len(names) != 1 or names[0] not in self.scope.symbols:
                    raise self.fail(k, f"d{d.group(2)}: {var} is not a declared symbol")
                top, bottom = d.group(1) or "1", d.group(3) or "1"
                if top != bottom:
                    raise self.fail(k, f"the orders of d^{top} and d{var}^{bottom} differ")
                self.emit("deriv", names[0], k, d.end(), top)
                return d.end()
            self.emit("cmd", "\\frac", k, end)
            return end
        if word == "\\lim":
            lim = _LIMIT.match(text, k)
            if lim is None:
                raise self.fail(k, "write a limit as \\lim_{x \\to a} …")
            close = self.group_end(text.index("{", k))
            inner = text[lim.end() : close - 1]
            var = canonical(lim.group("var"))
            names = self.table.names.get(var, ())
            if len(names) != 1 or names[0] not in self.scope.symbols:
                raise self.fail(k, f"\\lim: {var} is not a declared symbol")
            direction = _DIRECTION.search(inner)
            point = inner[: direction.start()] if direction else inner
            where = lim.end() + 1
            point_text = self.parser.sub(point, where)
            self.emit(
                "lim",
                names[0],
                k,
                close,
                f"{point_text}\x00{direction.group(1) if direction else ''}",
            )
            return close
        if word in ACCENTS:
            j = end
            while j < len(text) and text[j] == " ":
                j += 1
            if j < len(text) and text[j] == "{":
                close = self.group_end(j)
                arg = text[j + 1 : close - 1].strip()
            else:
                a = re.match(r"\\[A-Za-z]+|.", text[j:])
                if a is None:
                    raise self.fail(k, f"{word} needs an argument")
                arg, close = a.group(0), j + a.end()
            latex = canonical(f"{word}{{{arg}}}")
            if latex == "\\text{otherwise}":
                self.emit("otherwise", "True", k, close)
            elif latex in self.table.names:
                self.name(latex, k, close)
            elif word in ("\\mathrm", "\\operatorname", "\\text", "\\mathit") and (
                arg in self.table.names or arg in BUILTIN_FUNCTIONS
            ):
                self.name(arg, k, close)
            else:
                self.name(latex, k, close)
            return close
        if word in _OPERATORS:
            self.emit("op", _OPERATORS[word], k, end)
            return end
        if word in _RELATIONS or word in _CONDITION_RELATIONS:
            self.emit("rel", word, k, end)
            return end
        if canonical(word) in self.table.names:
            self.name(canonical(word), k, end)
            return end
        if word[1:] in BUILTIN_FUNCTIONS:
            self.name(word, k, end)
            return end
        if word in ("\\mid", "\\vert"):
            self.emit("op", "|", k, end)
            return end
        if word in ("\\lvert", "\\rvert"):
            self.emit("op", "|" + ("L" if word == "\\lvert" else "R"), k, end)
            return end
        if word in _KNOWN_COMMANDS:
            self.emit("cmd", word, k, end)
            return end
        raise self.fail(k, f"the LaTeX command {word} is not understood here")

    def delimiter(self, k: int, size: str) -> int:
        """After ``\\left`` and friends: the delimiter, as a plain bracket token."""
        text = self.text
        while k < len(text) and text[k] == " ":
            k += 1
        m = re.match(r"\\[A-Za-z]+|\\.|.", text[k:])
        if m is None:
            raise self.fail(k, f"{size} needs a delimiter")
        d = m.group(0)
        end = k + m.end()
        side = "L" if size.endswith("l") or size == "\\left" else "R"
        if d == ".":
            return end
        if d in ("(", ")", "[", "]"):
            self.emit("op", d, k, end)
        elif d in ("|", "\\vert", "\\lvert", "\\rvert"):
            self.emit("op", "|" + side, k, end)
        elif d in ("\\{", "\\lbrace"):
            self.emit("op", "(", k, end)
        elif d in ("\\}", "\\rbrace"):
            self.emit("op", ")", k, end)
        else:
            raise self.fail(k, f"{size}{d} is not a delimiter this reader knows")
        return end


_OPEN = {"(": ")", "[": "]", "{": "}", "|L": "|R"}


class _Parser:
    def __init__(
        self,
        text: str,
        scope: Scope,
        notation: Notation,
        table: NameTable | None = None,
        offset: int = 0,
    ) -> None:
        self.source = text
        self.scope = scope
        self.notation = notation
        self.table = table or reverse_names(scope, notation)
        self.offset = offset
        self.depth = 0
        self.tokens = _Tokens(text, self.table, scope, self).run()
        self.k = 0

    # -- helpers ---------------------------------------------------------------------------

    def sub(self, text: str, at: int) -> str:
        """Read a piece of the same LaTeX (a limit's point) as one expression."""
        inner = _Parser(text, self.scope, self.notation, self.table, self.offset + at)
        parts = inner.chain()
        if len(parts) != 1:
            raise ExpressionError("a limit's point is one expression", column=self.offset + at + 1)
        return parts[0][1]

    @property
    def tok(self) -> Token:
        return self.tokens[self.k]

    def next(self) -> Token:
        t = self.tokens[self.k]
        self.k += 1
        return t

    def fail(self, tok: Token, message: str) -> ExpressionError:
        return ExpressionError(message, column=self.offset + tok.col)

    def is_op(self, text: str) -> bool:
        return self.tok.kind == "op" and self.tok.text == text

    def expect(self, text: str, what: str) -> Token:
        if not self.is_op(text):
            found = self.tok.text or "the end"
            raise self.fail(self.tok, f"expected '{text}' {what}, found '{found}'")
        return self.next()

    @contextmanager
    def nested(self) -> Iterator[None]:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(self.tok, f"the LaTeX is nested deeper than {MAX_DEPTH} levels")
        try:
            yield
        finally:
            self.depth -= 1

    # -- grammar ---------------------------------------------------------------------------

    def chain(self) -> list[tuple[str | None, str]]:
        parts: list[tuple[str | None, str]] = [(None, self.expr().text)]
        while self.tok.kind == "rel":
            rel = self.next()
            if rel.text in _CONDITION_RELATIONS and rel.text != "=":
                raise self.fail(rel, f"{rel.text} is not a relation between steps")
            parts.append((_RELATIONS[rel.text], self.expr().text))
        if self.tok.kind != "end":
            raise self.fail(self.tok, f"unexpected '{self.tok.text}' here")
        return parts

    def expr(self) -> _Out:
        with self.nested():
            sign = ""
            if self.is_op("+") or self.is_op("-"):
                sign = self.next().text
            first = self.term()
            text = f"-{_wrap(first, _MUL)}" if sign == "-" else first.text
            prec = _ADD if sign == "-" else first.prec
            while self.is_op("+") or self.is_op("-"):
                op = self.next().text
                term = self.term()
                text = f"{text} {op} {_wrap(term, _MUL if op == '-' else _ADD)}"
                prec = _ADD
            return _Out(text, prec)

    def starts_factor(self) -> bool:
        t = self.tok
        if t.kind in ("num", "name", "func", "builtin", "e", "deriv", "lim", "unknown"):
            return True
        if t.kind == "op":
            return t.text in ("(", "[", "{", "|L")
        return t.kind == "cmd" and t.text in (
            "\\frac",
            "\\sqrt",
            "\\sum",
            "\\prod",
            "\\infty",
            "\\pi",
            "\\delta",
            "\\begin",
        )

    def term(self) -> _Out:
        factors = [self.signed()]
        ops = [""]
        while True:
            if self.is_op("*") or self.is_op("/"):
                ops.append(self.next().text)
                factors.append(self.signed())
            elif self.starts_factor():
                ops.append("*")
                factors.append(self.power())
            else:
                break
        if len(factors) == 1:
            return factors[0]
        text = _wrap(factors[0], _MUL)
        for op, f in zip(ops[1:], factors[1:], strict=True):
            text += f"{op}{_wrap(f, _MUL + (1 if op == '/' else 0))}"
        return _Out(text, _MUL)

    def signed(self) -> _Out:
        if self.is_op("-"):
            self.next()
            inner = self.power()
            return _Out(f"-{_wrap(inner, _POW)}", _UNARY)
        return self.power()

    def power(self) -> _Out:
        with self.nested():
            base = self.primary()
            while self.is_op("^") or self.is_op("_"):
                op = self.next()
                script = self.subscript if op.text == "_" else self.superscript
                base = script(op, base)
            if base.family is not None:
                raise self.fail(
                    self.tok, f"{base.family} is an indexed family: write it with its index"
                )
            return base

    def script(self) -> tuple[_Out, bool]:
        """A superscript or subscript: ``{…}`` or one token. Second: written as ``{(…)}``."""
        if self.is_op("{"):
            self.next()
            if self.is_op("("):
                save = self.k
                self.next()
                inner = self.expressions()
                if self.is_op(")"):
                    self.next()
                    if self.is_op("}"):
                        self.next()
                        return inner, True
                self.k = save
            inner = self.expressions()
            self.expect("}", "to close the script")
            return inner, False
        return self.primary(script=True), False

    def expressions(self) -> _Out:
        """``a`` or ``a, b, …`` (the indices of a member of a family of rank 2 or more)."""
        parts = [self.expr()]
        while self.is_op(","):
            self.next()
            parts.append(self.expr())
        if len(parts) == 1:
            return parts[0]
        return _Out(", ".join(p.text for p in parts), _ATOM, several=True)

    def superscript(self, op: Token, base: _Out) -> _Out:
        if base.family is not None:
            index, paren = self.script()
            if not paren:
                raise self.fail(
                    op,
                    f"write a member of {base.family} as "
                    f"{base.family}^{{(i)}} or {base.family}_{{i}}",
                )
            return self.member(op, base.family, index)
        exponent, paren = self.script()
        if exponent.several:
            raise self.fail(op, f"an exponent is one expression, not '{exponent.text}'")
        if paren:
            exponent = _Out(f"({exponent.text})", _ATOM)
        if base.text == "E":
            return _Out(f"exp({exponent.text})", _ATOM)
        return _Out(f"{_wrap(base, _ATOM)}**{_wrap(exponent, _POW)}", _POW)

    def subscript(self, op: Token, base: _Out) -> _Out:
        if base.family is not None:
            index, _ = self.script()
            return self.member(op, base.family, index)
        raise self.fail(
            op,
            f"a subscript on {base.text} means nothing declared; declare a family {base.text}[i]",
        )

    def member(self, op: Token, family: str, index: _Out) -> _Out:
        rank = self.scope.families[family][1]
        count = index.text.count(",") + 1
        if count != rank:
            raise self.fail(op, f"{family} takes {rank} index(es), got {count}")
        return _Out(f"{family}[{index.text}]", _ATOM)

    def primary(self, *, script: bool = False) -> _Out:
        t = self.tok
        if t.kind == "num":
            self.next()
            return _Out(t.text, _ATOM)
        if t.kind == "name":
            self.next()
            family = t.text if t.text in self.scope.families else None
            is_symbol = t.text in self.scope.symbols
            if family is not None and (not is_symbol or self.is_op("^") or self.is_op("_")):
                if is_symbol and self.is_op("^") and not self.index_follows():
                    return _Out(t.text, _ATOM)
                return _Out(t.text, _ATOM, family)
            return _Out(t.text, _ATOM)
        if t.kind == "e":
            self.next()
            return _Out("E", _ATOM)
        if t.kind == "func":
            return self.call(t)
        if t.kind == "builtin":
            return self.builtin(t)
        if t.kind == "deriv":
            self.next()
            body = self.term()
            order = "" if t.extra == "1" else f", {t.extra}"
            return _Out(f"Derivative({body.text}, {t.text}{order})", _ATOM)
        if t.kind == "lim":
            self.next()
            body = self.term()
            point, direction = t.extra.split("\x00")
            tail = f", '{direction}'" if direction else ""
            return _Out(f"Limit({body.text}, {t.text}, {point}{tail})", _ATOM)
        if t.kind == "op" and t.text in _OPEN:
            self.next()
            inner = self.expr()
            self.expect(_OPEN[t.text], f"to close the '{t.text.rstrip('L')}' at column {t.col}")
            if t.text == "|L":
                return _Out(f"Abs({inner.text})", _ATOM)
            return _Out(f"({inner.text})" if inner.prec < _ATOM else inner.text, _ATOM)
        if t.kind == "op" and t.text == "|" and not script:
            self.next()
            inner = self.expr()
            self.expect("|", f"to close the '|' at column {t.col}")
            return _Out(f"Abs({inner.text})", _ATOM)
        if t.kind == "cmd":
            return self.command(t)
        if t.kind == "unknown":
            raise self.fail(t, t.extra)
        found = t.text or "the end"
        raise self.fail(t, f"expected a number, a name or a bracket, found '{found}'")

    def index_follows(self) -> bool:
        """At ``^``: is it ``^{(…)}``, the index of a family member?"""
        k = self.k
        toks = self.tokens
        return (
            toks[k].text == "^"
            and toks[k + 1].kind == "op"
            and toks[k + 1].text == "{"
            and toks[k + 2].kind == "op"
            and toks[k + 2].text == "("
        )

    def group(self, what: str) -> _Out:
        self.expect("{", what)
        inner = self.expr()
        self.expect("}", what)
        return inner

    def command(self, t: Token) -> _Out:
        self.next()
        if t.text == "\\frac":
            top = self.group("after \\frac")
            bottom = self.group("for the denominator of \\frac")
            return _Out(f"{_wrap(top, _MUL)}/{_wrap(bottom, _MUL + 1)}", _MUL)
        if t.text == "\\sqrt":
            if self.is_op("["):
                raise self.fail(t, "\\sqrt[n]{…} is not supported: write a power")
            inner = self.group("after \\sqrt")
            return _Out(f"sqrt({inner.text})", _ATOM)
        if t.text in ("\\sum", "\\prod"):
            return self.big(t)
        if t.text == "\\infty":
            return _Out("oo", _ATOM)
        if t.text == "\\pi":
            return _Out("pi", _ATOM)
        if t.text == "\\delta":
            self.expect("_", "after \\delta (Kronecker's delta is \\delta_{i,k})")
            self.expect("{", "after \\delta_")
            first = self.expr()
            if self.is_op(","):
                self.next()
                second = self.expr()
                self.expect("}", "to close \\delta_{i,k}")
            else:
                raise self.fail(t, "write Kronecker's delta as \\delta_{i,k}")
            return _Out(f"KroneckerDelta({first.text}, {second.text})", _ATOM)
        if t.text == "\\begin":
            return self.cases(t)
        raise self.fail(t, f"{t.text} is out of place here")

    def big(self, t: Token) -> _Out:
        name = "Sum" if t.text == "\\sum" else "Product"
        self.expect("_", f"after {t.text}: write {t.text}_{{i=1}}^{{N}}")
        self.expect("{", f"after {t.text}_")
        var = self.next()
        if var.kind != "name" or var.text not in self.scope.symbols:
            raise self.fail(var, f"{t.text}: the index must be a declared name, found '{var.text}'")
        if not (self.tok.kind == "rel" and self.tok.text == "="):
            raise self.fail(self.tok, f"{t.text}: write the index's start as {{{var.text}=1}}")
        self.next()
        lo = self.expr()
        self.expect("}", f"to close {t.text}_{{…}}")
        self.expect("^", f"{t.text} needs an upper bound: {t.text}_{{{var.text}=1}}^{{N}}")
        hi, _ = self.script()
        body = self.term()
        return _Out(f"{name}({body.text}, ({var.text}, {lo.text}, {hi.text}))", _ATOM)

    def cases(self, t: Token) -> _Out:
        if t.extra != "cases":
            raise self.fail(t, f"the environment {t.extra} is not understood here; only cases")
        pieces: list[str] = []
        while True:
            value = self.expr()
            self.expect("&", "between a value and its condition in cases")
            condition = self.condition()
            pieces.append(f"({value.text}, {condition})")
            if self.tok.kind == "cmd" and self.tok.text == "\\\\":
                self.next()
                if self.tok.kind == "cmd" and self.tok.text == "\\end":
                    break
                continue
            break
        end = self.tok
        if end.kind != "cmd" or end.text != "\\end":
            raise self.fail(end, "expected \\end{cases}")
        self.next()
        return _Out(f"Piecewise({', '.join(pieces)})", _ATOM)

    def condition(self) -> str:
        t = self.tok
        if t.kind == "otherwise":
            self.next()
            return "True"
        left = self.expr()
        rel = self.tok
        if rel.kind != "rel":
            raise self.fail(rel, "expected a condition such as y = 1 or x > 0")
        self.next()
        right = self.expr()
        if rel.text in _CONDITION_RELATIONS:
            return f"{_CONDITION_RELATIONS[rel.text]}({left.text}, {right.text})"
        if rel.text in ("<", ">", "\\le", "\\leq", "\\ge", "\\geq"):
            return f"{left.text} {_RELATIONS[rel.text]} {right.text}"
        raise self.fail(rel, f"{rel.text} is not a condition")

    def arguments(self, t: Token) -> tuple[list[str], str | None, Token]:
        """``(a, b | given)``: the arguments, the raw condition, and the closing token."""
        self.expect("(", f"after {t.text}")
        args: list[str] = []
        given: str | None = None
        while True:
            if (
                self.tok.kind == "name"
                and self.tokens[self.k + 1].kind == "rel"
                and self.tokens[self.k + 1].text == "="
                and self.tok.text in self.scope.symbols
            ):
                # P(y=1|x): the function at the event y = 1
                self.k += 2
            args.append(self.expr().text)
            if self.is_op(","):
                self.next()
                continue
            break
        if self.is_op("|"):
            bar = self.next()
            depth = 0
            start = bar.end
            while not (self.is_op(")") and depth == 0):
                if self.tok.kind == "end":
                    raise self.fail(bar, f"the '(' after {t.text} is never closed")
                if self.is_op("("):
                    depth += 1
                elif self.is_op(")"):
                    depth -= 1
                self.next()
            given = canonical(self.source[start : self.tok.col - 1])
        close = self.expect(")", f"to close the arguments of {t.text}")
        return args, given, close

    def call(self, t: Token) -> _Out:
        self.next()
        if not self.is_op("("):
            raise self.fail(t, f"{t.text} is a declared function: write {t.extra}(…)")
        args, given, _ = self.arguments(t)
        arity = self.scope.functions[t.text][1]
        if len(args) != arity:
            raise self.fail(t, f"{t.text} takes {arity} argument(s), got {len(args)}")
        template = self.table.templates.get(t.text)
        wanted = template.given if template else None
        if given != wanted:
            if given is None:
                raise self.fail(
                    t, f"{t.text} is written with a condition: {t.extra}(… \\mid {wanted})"
                )
            if wanted is None:
                raise self.fail(
                    t,
                    f"{t.text}(… | {given}): {t.text} has no condition in [latex]; "
                    f"write {t.extra}(…)",
                )
            raise self.fail(
                t, f"{t.text}(… | {given}): the condition declared in [latex] is {wanted}"
            )
        return _Out(f"{t.text}({', '.join(args)})", _ATOM)

    def builtin(self, t: Token) -> _Out:
        self.next()
        name = t.text
        if self.is_op("("):
            args, given, _ = self.arguments(t)
            if given is not None:
                raise self.fail(t, f"{t.extra} takes no condition")
            if name in ("Max", "Min"):
                if len(args) < 2:
                    raise self.fail(t, f"{t.extra} takes two or more arguments")
            elif len(args) != 1:
                raise self.fail(t, f"{t.extra} takes one argument")
            return _Out(f"{name}({', '.join(args)})", _ATOM)
        if name in ("Max", "Min"):
            raise self.fail(t, f"write {t.extra}(a, b)")
        argument = self.power()
        if self.starts_factor():
            raise self.fail(
                self.tok,
                f"ambiguous: does the argument of {t.extra} go on past here? "
                f"write {t.extra}(…) with brackets",
            )
        return _Out(f"{name}({argument.text})", _ATOM)


def _wrap(out: _Out, need: int) -> str:
    return out.text if out.prec >= need else f"({out.text})"
