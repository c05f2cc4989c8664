"""Bars as texts type them: a bare ``|`` after a factor opens an absolute value
(``2\\epsilon|z|``) when nothing else could be meant; ``|a|b|c|`` (``|a|·b·|c|`` or
``|a·|b|·c|``) and a bar inside a call's arguments (``P(y|x)``, the condition) are left as
they were: the first refused, the second the condition's bar."""

from __future__ import annotations

from .cursor import TokenCursor
from .tokens import Token


class BarReader(TokenCursor):
    """Whether a bare bar opens an absolute value; the grammar is ``parser.Parser``'s."""

    calls: int
    open_bars: int

    def bar_opens(self, t: Token) -> bool:
        """After a factor, whether a '|' opens an absolute value (``2\\epsilon|z|``): a
        '|' typed as such, outside every call's arguments (``P(y|x)``) and every open
        ``|…|`` (where it may close it), with a '|' after it to close it."""
        return (
            self.open_bars == 0
            and self.calls == 0
            and self.source[t.col - 1 : t.col] == "|"
            and any(x.kind == "op" and x.text == "|" for x in self.tokens[self.k + 1 :])
            and not self.bar_before()
        )

    def bar_before(self) -> bool:
        """Whether a bare '|' comes before this one in the same expression (back to a
        relation, '&', ',' or a row's end): ``|a|b|c|`` is ``|a|·b·|c|`` or ``|a·|b|·c|``,
        and the first reading is no more the text's than the second."""
        for x in reversed(self.tokens[: self.k]):
            if x.kind == "rel" or (x.kind == "op" and x.text in ("&", ",")):
                return False
            if x.kind == "cmd" and x.text in ("\\\\", "\\begin", "\\end"):
                return False
            if x.kind == "op" and x.text == "|":
                return True
        return False
