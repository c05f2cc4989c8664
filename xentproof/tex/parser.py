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

The text is split into tokens by ``lexer``; this module holds the grammar (a small
recursive descent), ``commands`` the commands and calls, ``cursor`` the place in the tokens.

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

from ..errors import ExpressionError
from ..model import Notation
from ..syntax.bounds import MAX_LENGTH
from ..syntax.display import Precedence
from ..syntax.scope import Scope
from .bars import BarReader
from .commands import CommandReader
from .cursor import Out, wrap
from .ellipsis import fold
from .lexer import Lexer
from .members import MemberReader
from .names import NameTable, reverse_names
from .ranges import set_sums, with_bound_indices
from .tokens import LimitPoint, Token
from .vectors import VectorReader
from .vocabulary import CONDITION_RELATIONS, RELATIONS


def read_latex(text: str, scope: Scope, notation: Notation) -> str:
    """One step's LaTeX → expression text (an equation ``a = b`` is kept as one), as TeX
    reads it; a step that can carry the warnings of its reading is read by
    ``read_latex_noted`` (the loader's steps and a document's rows are)."""
    return read_latex_noted(text, scope, notation)[0]


def read_latex_noted(text: str, scope: Scope, notation: Notation) -> tuple[str, tuple[str, ...]]:
    """One step's LaTeX → expression text, and the warnings of its reading: where TeX's
    reading is taken though the author may mean another (a sum whose index appears after its
    body ended), the step says so."""
    parser = _parser(text, scope, notation)
    parts = parser.chain()
    notes = tuple(parser.warnings)
    if len(parts) == 1:
        return parts[0][1], notes
    if len(parts) == 2 and parts[1][0] == "=":
        return f"{parts[0][1]} = {parts[1][1]}", notes
    rels = " ".join(r for r, _ in parts[1:] if r)
    raise ExpressionError(
        f"a LaTeX step holds one expression or one equation, but this one has the relations "
        f"{rels}: write each part as its own step",
        column=1,
    )


def read_latex_chain(text: str, scope: Scope, notation: Notation) -> list[tuple[str | None, str]]:
    """A formula such as ``L=-\\log\\frac{1}{1+e^{-ys}}=\\log(1+e^{-ys})`` → its parts,
    each with the relation before it (None for the first), as TeX reads it."""
    return _parser(text, scope, notation).chain()


def _parser(text: str, scope: Scope, notation: Notation) -> Parser:
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"LaTeX is {len(text)} characters long; the limit is {MAX_LENGTH}", column=1
        )
    if not text.strip():
        raise ExpressionError("empty LaTeX: expected a formula such as 'x + 1'", column=1)
    return Parser(text, scope, notation)


_OPEN = {"(": ")", "[": "]", "{": "}", "|L": "|R"}


class Parser(VectorReader, MemberReader, BarReader, CommandReader):
    """The grammar of one LaTeX formula: relations, sums, products, signs, powers and
    scripts, and the primaries they are made of."""

    def __init__(
        self,
        text: str,
        scope: Scope,
        notation: Notation,
        table: NameTable | None = None,
        offset: int = 0,
    ) -> None:
        text, self.set_ranges = set_sums(text, notation.ranges, offset)
        self.expectation_variables = []
        scope = with_bound_indices(text, scope)
        super().__init__(text, scope, table or reverse_names(scope, notation), offset)
        self.notation = notation
        # Each limit's point, read as an expression as soon as its token comes (before the
        # text after it is split), by the position of the "lim" token.
        self.limit_points: dict[int, str] = {}
        for token in Lexer(text, self.table, scope, notation.log_base).tokens():
            if token.limit is not None:
                self.limit_points[len(self.tokens)] = self.point(token.limit)
            self.tokens.append(token)

    def point(self, limit: LimitPoint) -> str:
        """Read a limit's point, a piece of the same LaTeX, as one expression."""
        at = limit.offset
        inner = Parser(limit.latex, self.scope, self.notation, self.table, self.offset + at)
        parts = inner.chain()
        if len(parts) != 1:
            raise ExpressionError("a limit's point is one expression", column=self.offset + at + 1)
        return parts[0][1]

    def read_apart(self, latex: str, what: str) -> Out:
        try:
            parts = Parser(latex, self.scope, self.notation, self.table).chain()
        except ExpressionError as error:
            raise ExpressionError(f"{what}, {latex!r}: {error.message}") from None
        if len(parts) != 1:
            raise ExpressionError(f"{what}, {latex!r}, is one expression")
        return Out(parts[0][1], Precedence.ADD)

    # -- grammar ---------------------------------------------------------------------------

    def chain(self) -> list[tuple[str | None, str]]:
        parts: list[tuple[str | None, str]] = [(None, self.expr().text)]
        while self.tok.kind == "rel":
            rel = self.next()
            if rel.text in CONDITION_RELATIONS and rel.text != "=":
                raise self.fail(rel, f"{rel.text} is not a relation between steps")
            parts.append((RELATIONS[rel.text], self.expr().text))
        if self.tok.kind != "end":
            raise self.fail(self.tok, f"unexpected '{self.tok.text}' here")
        return parts

    def expr(self) -> Out:
        with self.nested():
            mark = len(self.ended_sums)
            sign = ""
            if self.is_op("+") or self.is_op("-"):
                sign = self.next().text
            first = self.scalar(self.term())
            head = f"-{wrap(first, Precedence.MUL)}" if sign == "-" else first.text
            prec = Precedence.ADD if sign == "-" else first.prec
            # the terms after the first, each with its sign; run: the first terms joined
            # by '+' just before the place (an ellipsis folds them)
            tail: list[tuple[str, Out]] = []
            run = [] if sign else [first.text]
            while self.is_op("+") or self.is_op("-"):
                ended = self.ended_sums[mark:]
                op = self.next()
                if op.text == "+" and self.is_dots() and run and len(run) == len(tail) + 1:
                    kept, folded = self.ellipsis(run)
                    if kept == 0:
                        head, tail, prec = folded, [], Precedence.ATOM
                    else:
                        tail = [*tail[: kept - 1], ("+", Out(folded, Precedence.ATOM))]
                    run = []
                    continue
                term = self.scalar(self.term())
                self.check_ended_sums(ended, op, term)
                tail.append((op.text, term))
                run = [*run, term.text] if op.text == "+" and run else []
                prec = Precedence.ADD
            del self.ended_sums[mark:]
            if not tail:
                return Out(head, prec)
            text = head
            for op_text, term in tail:
                joined = wrap(term, Precedence.MUL if op_text == "-" else Precedence.ADD)
                text = f"{text} {op_text} {joined}"
            return Out(text, Precedence.ADD)

    def is_dots(self) -> bool:
        return self.tok.kind == "cmd" and self.tok.text in _DOTS

    def ellipsis(self, run: list[str]) -> tuple[int, str]:
        """``b + a_1 + a_2 + … + a_m``: of the terms ``run`` (all the terms so far, joined by
        '+'), the longest last ones that the term after the dots continues, as one sum
        (``tex.ellipsis``); with how many terms before them stay as written."""
        dots = self.next()
        if not self.is_op("+"):
            raise self.fail(dots, "the dots of a sum stand between two '+': a_1 + … + a_m")
        self.next()
        last = self.scalar(self.term())
        taken = {*self.scope.symbols, *self.scope.families, *self.scope.functions}
        for kept in range(len(run)):
            try:
                folded = fold(run[kept:], last.text, taken)
            except ExpressionError as error:
                if kept == len(run) - 1:
                    raise self.fail(dots, error.message) from None
                continue
            if kept and _folds(run[kept - 1], last.text, taken):
                # x_1 + x_3 + … + x_n: a term of the same shape that does not continue
                # (odd terms? or x_1 and then x_3, x_4, …?)
                raise self.fail(
                    dots,
                    f"ambiguous: which terms do the dots stand for after {run[kept - 1]} and "
                    f"{run[kept]}? write the sum, \\sum_{{l=1}}^{{m}} …",
                )
            return kept, folded
        raise AssertionError("unreachable: run is not empty")

    def check_ended_sums(self, ended: list[str], op: Token, term: Out) -> None:
        """A sum written without brackets ends at the first '+' or '-' (TeX's reading,
        ``\\sum_i a_i + b``); a term after it that names the sum's index, unbound
        (``\\sum_i y_i \\log p_i + (1 - y_i) …``), shows that the author may mean the sum to
        go on. TeX's reading is kept (a checker then refutes the erratum), with a warning."""
        for index in ended:
            named = re.search(rf"(?<![A-Za-z0-9_]){re.escape(index)}(?![A-Za-z0-9_])", term.text)
            bound = re.search(rf"\(\s*{re.escape(index)}\s*,", term.text)
            if named is not None and bound is None:
                self.warnings.append(
                    f"read as TeX reads it: the sum over {index} ends at the '{op.text}' at "
                    f"column {self.offset + op.col}, but {index} appears after it; if the "
                    f"sum goes on, write its body in brackets, \\sum_{{{index}}} (…)"
                )
                return

    def starts_factor(self) -> bool:
        t = self.tok
        if t.kind in ("num", "name", "func", "builtin", "e", "deriv", "lim", "unknown", "vector"):
            return True
        if t.kind == "op" and t.text == "|":  # 2\epsilon|z|: an absolute value opens
            return self.bar_opens(t)
        if t.kind == "op" and t.text == "‖":  # \frac{\lambda}{2}\|\mathbf{w}\|^2
            return self.open_norms == 0
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

    def term(self) -> Out:
        factors = [self.signed()]
        ops = [""]
        while True:
            if self.is_op("*") or self.is_op("/"):
                written = self.next()
                times = written.extra in ("\\cdot", "\\times")
                ops.append(written.extra if times else written.text)
                factors.append(self.signed())
            elif self.starts_factor():
                if ops[-1] == "/":
                    # 1/2x: many read 1/(2x), TeX and Python (1/2)·x.
                    top, bottom = factors[-2].text, factors[-1].text
                    raise self.fail(
                        self.tok,
                        f"ambiguous: a product after '{top}/{bottom}' reads as "
                        f"{top}/({bottom}·…) or as ({top}/{bottom})·…; write \\frac{{…}}{{…}} "
                        "or brackets",
                    )
                ops.append("*")
                factors.append(self.power())
            else:
                break
        factors, ops = self.inner_products(factors, ops)
        if len(factors) == 1:
            return factors[0]
        factors = [self.scalar(f) for f in factors]
        ops = ["*" if op in ("\\cdot", "\\times") else op for op in ops]
        text = wrap(factors[0], Precedence.MUL)
        for op, f in zip(ops[1:], factors[1:], strict=True):
            text += f"{op}{wrap(f, Precedence.MUL + (1 if op == '/' else 0))}"
        return Out(text, Precedence.MUL)

    def signed(self) -> Out:
        if self.is_op("-"):
            self.next()
            inner = self.scalar(self.power())
            return Out(f"-{wrap(inner, Precedence.POW)}", Precedence.UNARY)
        return self.power()

    def power(self) -> Out:
        with self.nested():
            base = self.primary()
            scripts: set[str] = set()
            while self.is_op("^") or self.is_op("_"):
                op = self.next()
                if op.text in scripts:
                    # TeX stops with "Double superscript": x^a^b is x^{a^b} to some, {x^a}^b
                    # to others.
                    where = "superscript" if op.text == "^" else "subscript"
                    raise self.fail(
                        op,
                        f"double {where}: TeX refuses a{op.text}b{op.text}c; write "
                        f"a{op.text}{{b{op.text}c}} or {{a{op.text}b}}{op.text}c",
                    )
                scripts.add(op.text)
                script = self.subscript if op.text == "_" else self.superscript
                base = script(op, base)
            if self.is_op("!"):  # n!, y_i!, (n + 1)!: the factorial of what it follows
                bang = self.next()
                if "^" in scripts:
                    raise self.fail(bang, "x^n! is x^{n!} to some, (x^n)! to others: write one")
                base = Out(f"factorial({base.text})", Precedence.ATOM)
            if base.family is not None:
                raise self.fail(
                    self.tok, f"{base.family} is an indexed family: write it with its index"
                )
            return base

    def script(self) -> tuple[Out, bool]:
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
        if self.is_op("-"):
            # e^-x: TeX sets e^{-}x, the author means e^{-x}; read so when one token
            # follows the minus and nothing is multiplied onto it (e^-2x is ambiguous)
            minus = self.next()
            inner = self.primary(script=True)
            if self.starts_factor():
                raise self.fail(
                    minus,
                    "ambiguous: a script '^-' takes one token after the minus; write "
                    "^{-…} with braces",
                )
            return Out(f"-{wrap(inner, Precedence.POW)}", Precedence.UNARY), False
        return self.primary(script=True), False

    def expressions(self) -> Out:
        """``a`` or ``a, b, …`` (the indices of a member of a family of rank 2 or more)."""
        parts = [self.expr()]
        while self.is_op(","):
            self.next()
            parts.append(self.expr())
        if len(parts) == 1:
            return parts[0]
        return Out(", ".join(p.text for p in parts), Precedence.ATOM, several=True)

    def superscript(self, op: Token, base: Out) -> Out:
        if self.tok.kind == "cmd" and self.tok.text in ("\\top", "\\intercal"):
            if base.family is not None:  # y^\top of a whole family: a vector, not read
                raise self.fail(op, f"{base.family}^\\top: write a member of {base.family}")
            self.next()  # the transpose of a number (every declared name is one) is itself
            return base
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
            exponent = Out(f"({exponent.text})", Precedence.ATOM)
        if base.text == "E":
            return Out(f"exp({exponent.text})", Precedence.ATOM)
        return Out(
            f"{wrap(base, Precedence.ATOM)}**{wrap(exponent, Precedence.POW)}", Precedence.POW
        )

    def subscript(self, op: Token, base: Out) -> Out:
        if base.family is not None:
            pair = self.letter_pair(base.family)
            if pair is not None:
                return Out(f"{base.family}[{pair}]", Precedence.ATOM)
            index, _ = self.script()
            return self.member(op, base.family, index)
        raise self.fail(
            op,
            f"a subscript on {base.text} means nothing declared; declare a family {base.text}[i]",
        )

    def primary(self, *, script: bool = False) -> Out:
        t = self.tok
        if t.kind == "num":
            self.next()
            return Out(t.text, Precedence.ATOM)
        if t.kind == "name":
            self.next()
            family = t.text if t.text in self.scope.families else None
            is_symbol = t.text in self.scope.symbols
            if family in self.notation.called_families and not is_symbol and self.is_op("("):
                opening = self.next()  # p(x): a member written as a call, as declared
                index = self.expressions()
                self.expect(")", f"to close {t.extra}(…)")
                return self.member(opening, t.text, index)
            if family is not None and self.at_expectation_variable(family):
                opening = self.next()  # E_{x \\sim p}[\\log p(x)]: p's member at x
                index = self.expressions()
                self.expect(")", f"to close {t.extra}(…)")
                return self.member(opening, t.text, index)
            if family is not None and self.is_op("[") and self.tok.col - 1 == t.end:
                return self.code_member(t, is_symbol)
            if family is not None and (not is_symbol or self.is_op("^") or self.is_op("_")):
                if is_symbol and self.is_op("^") and not self.index_follows():
                    return Out(t.text, Precedence.ATOM)
                return Out(t.text, Precedence.ATOM, family)
            return Out(t.text, Precedence.ATOM)
        if t.kind == "e":
            self.next()
            return Out("E", Precedence.ATOM)
        if t.kind == "vector":
            return self.vector(t)
        if t.kind == "func":
            return self.call(t)
        if t.kind == "builtin":
            return self.builtin(t)
        if t.kind == "deriv":
            self.next()
            start = self.k
            body = self.primary() if t.closed else self.term()
            self.check_dependence(t, self.tokens[start : self.k])
            order = "" if t.extra == "1" else f", {t.extra}"
            return Out(f"Derivative({body.text}, {t.text}{order})", Precedence.ATOM)
        if t.kind == "lim" and t.limit is not None:
            point = self.limit_points[self.k]
            self.next()
            body = self.term()
            tail = f", '{t.limit.direction}'" if t.limit.direction else ""
            return Out(f"Limit({body.text}, {t.text}, {point}{tail})", Precedence.ATOM)
        if t.kind == "op" and t.text in _OPEN:
            self.next()
            inner = self.expr()
            if t.text == "[" and self.tok.kind == "rel":  # [y = k]: Iverson's bracket
                condition = self.iverson(inner)
                self.expect("]", f"to close the '[' at column {t.col}")
                return Out(f"Piecewise((1, {condition}), (0, True))", Precedence.ATOM)
            self.expect(_OPEN[t.text], f"to close the '{t.text.rstrip('L')}' at column {t.col}")
            if t.text == "|L":
                return Out(f"Abs({inner.text})", Precedence.ATOM)
            return Out(
                f"({inner.text})" if inner.prec < Precedence.ATOM else inner.text, Precedence.ATOM
            )
        if t.kind == "op" and t.text == "‖":
            return self.norm(t)
        if t.kind == "op" and t.text == "|" and not script:
            self.next()
            self.open_bars += 1
            try:
                inner = self.expr()
            finally:
                self.open_bars -= 1
            self.expect("|", f"to close the '|' at column {t.col}")
            return Out(f"Abs({inner.text})", Precedence.ATOM)
        if t.kind == "cmd":
            return self.command(t)
        if t.kind == "unknown":
            raise self.fail(t, t.extra)
        found = t.text or "the end"
        raise self.fail(t, f"expected a number, a name or a bracket, found '{found}'")


_DOTS = frozenset({"\\dots", "\\ldots", "\\cdots", "..."})


def _folds(term: str, last: str, taken: set[str]) -> bool:
    """Whether ``term`` has the shape of ``last`` with one number in place of its bound."""
    try:
        fold([term], last, taken)
    except ExpressionError:
        return False
    return True


def _is_op(token: Token, text: str) -> bool:
    return token.kind == "op" and token.text == text
