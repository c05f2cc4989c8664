"""Members of declared families as texts write them: ``y_{ij}`` of a family of two indices,
``y[i]`` as code does, ``p(x)`` at an expectation's variable; and the derivative by a
variable of a body that, as declared, does not depend on it (refused). The grammar around
them is ``parser.Parser``'s."""

from __future__ import annotations

import abc
import re

from ..syntax.display import Precedence
from .cursor import Out, TokenCursor
from .tokens import Token


class MemberReader(TokenCursor):
    """Reads the members of families written in the ways texts write them."""

    expectation_variables: list[str]  # the variables of the expectations being read

    @abc.abstractmethod
    def expressions(self) -> Out:
        """``a`` or ``a, b, …``."""

    def letter_pair(self, family: str) -> str | None:
        """``y_{ij}``, ``w_{11}``, ``w_{1j}`` of a family declared with two indices: the two
        characters are its two indices (one index, a product or the number 11, is no member
        of it). Only two one-character indices written together in braces, each a digit
        or a declared one-letter name; anything else is read as written."""
        if self.scope.families[family][1] != 2:
            return None
        toks = self.tokens[self.k : self.k + 4]
        if len(toks) >= 3 and _is_op(toks[0], "{") and _is_op(toks[2], "}"):
            number = toks[1]  # w_{11}: the lexer reads the two digits as one number
            written = number.kind == "num" and re.fullmatch("[0-9]{2}", number.text)
            if written and toks[2].col == number.col + 2:
                self.k += 3
                return f"{number.text[0]}, {number.text[1]}"
        if len(toks) < 4 or not (_is_op(toks[0], "{") and _is_op(toks[3], "}")):
            return None
        _, first, second, closing = toks
        if not all(_one_character_index(t) for t in (first, second)):
            return None
        if second.col != first.col + 1 or closing.col != second.col + 1:
            return None
        self.k += 4
        return f"{first.text}, {second.text}"

    def member(self, op: Token, family: str, index: Out) -> Out:
        rank = self.scope.families[family][1]
        count = index.text.count(",") + 1
        if count != rank:
            hint = ""
            if rank == 2 and count == 1:  # z_j^{(i)}: which script is which index?
                hint = (
                    f": write both, {family}_{{i,j}}, or declare how a member is written, "
                    f"[latex] {family} = '{family}_{{#2}}^{{(#1)}}' (z_j^{{(i)}} is z[i, j])"
                )
            raise self.fail(op, f"{family} takes {rank} index(es), got {count}{hint}")
        return Out(f"{family}[{index.text}]", Precedence.ATOM)

    def at_expectation_variable(self, family: str) -> bool:
        """``p(x)`` inside ``E_{x \\sim …}[…]``, p a family of one index, x the variable the
        expectation binds: the member p[x] (a mass function at the outcome)."""
        ahead = self.tokens[self.k : self.k + 3]
        return (
            self.scope.families[family][1] == 1
            and len(ahead) == 3
            and _is_op(ahead[0], "(")
            and ahead[1].kind == "name"
            and ahead[1].text in self.expectation_variables
            and _is_op(ahead[2], ")")
        )

    def code_member(self, t: Token, is_symbol: bool) -> Out:
        """``y[i]`` as code writes a member (PyTorch's docstrings): the bracket right after
        a family's name holds its indices. Where the name is also a declared symbol, only
        plain indices (``x[i]``, ``x[n, 2]``: declared integer names or numbers, as many as
        the family has) make a member, since no text writes x times a bracketed index;
        ``x[1 - x]`` may be a product: refused, naming the two readings."""
        if is_symbol and not self.plain_indices(t.text):
            raise self.fail(
                t,
                f"ambiguous: {t.extra or t.text}[…] is the member {t.text}_{{…}} or "
                f"{t.text} times […] ({t.text} is a symbol and a family); write "
                f"{t.text}_{{…}} or {t.text} \\cdot […]",
            )
        opening = self.next()
        index = self.expressions()
        self.expect("]", f"to close {t.extra or t.text}[…]")
        return self.member(opening, t.text, index)

    def plain_indices(self, family: str) -> bool:
        """Whether ``[…]`` at the cursor holds only the family's indices, each one declared
        integer name or a whole number."""
        rank = self.scope.families[family][1]
        ahead = self.tokens[self.k : self.k + 2 * rank + 1]
        if len(ahead) != 2 * rank + 1 or not _is_op(ahead[-1], "]"):
            return False
        for n, token in enumerate(ahead[1:-1]):
            if n % 2:
                if not _is_op(token, ","):
                    return False
                continue
            symbol = self.scope.symbols.get(token.text) if token.kind == "name" else None
            integer = symbol is not None and bool(symbol.is_integer)
            if not (integer or (token.kind == "num" and token.text.isdigit())):
                return False
        return True

    def check_dependence(self, deriv: Token, body: list[Token]) -> None:
        """A derivative by x of a body that names declared quantities, none of them x (its
        family), a function or a defined name: as declared, the body is independent of x and
        the derivative 0, but a text that writes ∂y/∂x means y depends on x. Refused, naming
        the declaration that settles it; a body of numbers alone is a constant."""
        variable = _base(deriv.text)
        names = [t for t in body if t.kind in ("name", "vector")]
        may_depend = any(
            t.kind in ("func", "deriv", "lim") or (t.kind == "cmd" and t.text == "\\expectation")
            for t in body
        )
        if not names or may_depend:
            return
        for token in names:
            base = _base(token.text)
            if base == variable:
                return
            symbol = self.scope.symbols.get(token.text)
            if symbol is not None and symbol.assumptions0.get("defined_name"):
                return
            family = self.scope.families.get(base)
            if family is not None and family[0].label.assumptions0.get("defined_name"):
                return  # L_i defined member by member (let: L_i = …): its body's derivative
        written = names[0].extra or names[0].text
        raise self.fail(
            deriv,
            f"the derivative by {deriv.text} of {written}, which as declared does not depend "
            f"on {deriv.text}, reads as 0; if {written} depends on {deriv.text}, define it "
            f"(let: {written} = … in terms of {deriv.text}, or a function let: "
            f"{written}({deriv.text}) = …)",
        )


def _base(name: str) -> str:
    return name.split("[", 1)[0]


def _is_op(token: Token, text: str) -> bool:
    return token.kind == "op" and token.text == text


def _one_character_index(token: Token) -> bool:
    """A declared one-letter name (``i``) or a one-digit number, written as one character."""
    if token.kind == "name":
        return token.end - token.col == 0
    return token.kind == "num" and re.fullmatch("[0-9]", token.text) is not None
