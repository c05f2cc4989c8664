"""``cases`` as texts write them: a value and its condition on each row, the condition
perhaps introduced by a word (``\\text{if } x > 0``, ``\\text{for }p=0``), followed by a
note in brackets (``\\text{ (Normal)}``), made of several parts joined by commas
(``x > 0, y > 0``: both hold), with a comma or a full stop at the end of the row
(``z^2, & \\text{if } |z| < \\epsilon,``).

A text's ``cases`` gives one value at each point: its rows' conditions exclude each other.
SymPy's ``Piecewise`` takes the first row that holds, so a display whose conditions overlap
(``1 & x \\ge 0 \\\\ 0 & x \\le 0``) would be read as its first row at the overlap, a meaning the
text does not state. Such a display is refused, unless the rows' values are the same
expression or the conditions are shown to exclude each other (by one symbol's sets, within
what its declaration says of its sign): the message names the rows and what settles it.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable

import sympy

from ..errors import ExpressionError
from ..syntax.display import Precedence
from ..syntax.reader import read_expression
from .cursor import Out, TokenCursor
from .tokens import Token

CASES_ENVIRONMENTS = ("cases", "dcases", "Bmatrix")


class CasesReader(TokenCursor):
    """Reads ``\\begin{cases} … \\end{cases}``; the grammar around it is the parser's."""

    @abc.abstractmethod
    def condition(self, read: Out | None = None) -> str:
        """One relation (or a chain of them) read as a condition."""

    def cases(self, t: Token) -> Out:
        # Bmatrix: ML Glossary writes cases so, braces both sides; every row must still be
        # a value and its condition, which no matrix of numbers is
        if t.extra not in CASES_ENVIRONMENTS:
            raise self.fail(t, f"the environment {t.extra} is not understood here; only cases")
        rows: list[tuple[str, str]] = []
        while True:
            value = self.expr()
            if self.is_op(",") and self._next_is_op("&"):  # z^2, & \text{if} …
                self.next()
            self.expect("&", "between a value and its condition in cases")
            rows.append((value.text, self.row_condition()))
            if self.tok.kind == "cmd" and self.tok.text == "\\\\":
                self.next()
                if self.tok.kind == "cmd" and self.tok.text == "\\end":
                    break
                continue
            break
        end = self.tok
        if end.kind != "cmd" or end.text != "\\end" or end.extra != t.extra:
            raise self.fail(end, f"expected \\end{{{t.extra}}}")
        self.next()
        self.check_exclusive(t, rows)
        pieces = ", ".join(f"({value}, {condition})" for value, condition in rows)
        return Out(f"Piecewise({pieces})", Precedence.ATOM)

    def _next_is_op(self, text: str) -> bool:
        after = self.tokens[self.k + 1]
        return after.kind == "op" and after.text == text

    def _row_ends(self) -> bool:
        after = self.tokens[self.k + 1]
        return after.kind == "end" or (after.kind == "cmd" and after.text in ("\\\\", "\\end"))

    def _skip_words(self, words: str) -> bool:
        if self.tok.kind == "cmd" and self.tok.text == words:
            self.next()
            return True
        return False

    def row_condition(self) -> str:
        """A row's condition: ``\\text{otherwise}``, or parts joined by commas or
        ``\\text{ and }`` (all hold), each perhaps after ``\\text{if }`` and before a note
        in brackets; a comma or a full stop that ends the row is punctuation."""
        self._skip_words("\\textif")
        if self.tok.kind == "otherwise":
            self.next()
            self._end_punctuation()
            return "True"
        parts = [self.condition()]
        while True:
            self._skip_words("\\textnote")
            if self._end_punctuation():
                break
            if self.is_op(",") or self._skip_words("\\textand"):
                if self.is_op(","):
                    self.next()
                self._skip_words("\\textif")
                parts.append(self.condition())
                continue
            break
        return parts[0] if len(parts) == 1 else f"And({', '.join(parts)})"

    def _end_punctuation(self) -> bool:
        if (self.is_op(",") or self.is_op(".")) and self._row_ends():
            self.next()
            return True
        return False

    def check_exclusive(self, t: Token, rows: list[tuple[str, str]]) -> None:
        """Refuse rows whose conditions may hold together where their values differ."""
        read = _read_rows(rows, self)
        if read is None:
            return
        shapes = _shapes([condition for _, condition in read])
        for a in range(len(read)):
            for b in range(a + 1, len(read)):
                (value_a, cond_a), (value_b, cond_b) = read[a], read[b]
                if rows[b][1] == "True" or value_a == value_b:  # b is \text{otherwise}
                    continue
                if cond_a is sympy.false or cond_b is sympy.false:
                    continue
                # a condition the declarations make true (x > 0 of a positive x) holds
                # wherever the other row's does: it is no \text{otherwise}
                always = cond_a is sympy.true or cond_b is sympy.true
                if always or not _apart(shapes[a], shapes[b]):
                    raise self.fail(
                        t,
                        f"the conditions of rows {a + 1} and {b + 1} of cases, "
                        f"{rows[a][1]} and {rows[b][1]}, may hold together and the rows' "
                        "values differ: a text's cases give one value at each point. Write "
                        "conditions that exclude each other (\\text{otherwise} for the last "
                        "row), or declare the symbols' sets so that they cannot both hold",
                    )


def _read_rows(
    rows: list[tuple[str, str]], cursor: TokenCursor
) -> list[tuple[sympy.Basic, sympy.Basic]] | None:
    """The rows as SymPy objects, read by the safe reader; None when one does not read
    (the step is then refused or read later, where the error is reported)."""
    out = []
    try:
        for value, condition in rows:
            v = read_expression(value, cursor.scope).expr
            c = read_expression(condition, cursor.scope).expr if condition != "True" else None
            out.append((v, sympy.true if c is None else c))
    except ExpressionError:
        return None
    return out


def _conjuncts(condition: sympy.Basic) -> Iterable[sympy.Basic]:
    if isinstance(condition, sympy.And):
        return tuple(condition.args)
    return (condition,)


def _sign_set(symbol: sympy.Symbol) -> sympy.Set:
    """What a symbol's assumptions say of its values (the declaration's sign)."""
    if symbol.is_positive:
        return sympy.Interval.open(0, sympy.oo)
    if symbol.is_nonnegative:
        return sympy.Interval(0, sympy.oo)
    if symbol.is_negative:
        return sympy.Interval.open(-sympy.oo, 0)
    if symbol.is_nonpositive:
        return sympy.Interval(-sympy.oo, 0)
    return sympy.Reals


Shape = dict[sympy.Basic, sympy.Set]


def _shapes(conditions: list[sympy.Basic]) -> list[Shape]:
    """For each condition, what its parts say of one quantity each: of a symbol (its sign
    as declared, and the parts that speak of it alone), and of an expression ``d`` compared
    with 0 (``sin(x) > 0``: d = sin(x) in (0, ∞)). Family members stand in as symbols (one
    stand-in for a member throughout). Two conditions exclude each other when one of these
    quantities has sets that do not meet."""
    members = sorted(
        set().union(*(c.atoms(sympy.Indexed) for c in conditions)), key=sympy.default_sort_key
    )
    stand_in = {m: sympy.Dummy(f"m{k}", real=True) for k, m in enumerate(members)}
    value = sympy.Dummy("t", real=True)
    shapes: list[Shape] = []
    for condition in conditions:
        shape: Shape = {}
        if condition in (sympy.true, sympy.false):
            shapes.append(shape)
            continue
        for part in _conjuncts(condition.xreplace(stand_in)):
            if not isinstance(part, sympy.core.relational.Relational):
                continue
            for key, written in _quantities(part, value):
                try:
                    found = written.as_set()
                    if isinstance(key, sympy.Symbol) and key not in shape:
                        found = found.intersect(_sign_set(key))
                    shape[key] = shape[key].intersect(found) if key in shape else found
                except (NotImplementedError, TypeError, ValueError):
                    continue
        shapes.append(shape)
    return shapes


def _quantities(part: sympy.Basic, value: sympy.Symbol) -> list[tuple[sympy.Basic, sympy.Basic]]:
    """The quantities a relation speaks of, each with the relation written of it alone:
    its one symbol (``x > 1``), and its two sides' difference compared with 0 (as ``t``)."""
    out: list[tuple[sympy.Basic, sympy.Basic]] = []
    symbols = part.free_symbols
    if len(symbols) == 1:
        (symbol,) = symbols
        out.append((symbol, part))
    difference = part.lhs - part.rhs
    if difference.could_extract_minus_sign():
        out.append((-difference, part.func(-value, 0)))
    else:
        out.append((difference, part.func(value, 0)))
    return out


def _apart(a: Shape, b: Shape) -> bool:
    """Whether one quantity's sets in two conditions do not meet."""
    for key in a.keys() & b.keys():
        try:
            if a[key].intersect(b[key]) is sympy.S.EmptySet:
                return True
        except (NotImplementedError, TypeError):
            continue
    return False
