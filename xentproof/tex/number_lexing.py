"""The lexer's reading of numbers: a number at the text's offset, refused where TeX sets
it otherwise than it reads (``2^10``, ``e^-12``, ``2 3``, ``1e3``), and a unit of information
after one (``4 \\text{ bits}``). A part of ``lexer.Lexer``, which holds the text and the
tokens."""

from __future__ import annotations

import re

from .lexing_part import LexingPart

_NUMBER = re.compile(r"[0-9]*\.?[0-9]+|[0-9]+")
# What makes a number read as scientific notation: 1e3, 2.5E-4 (blanks do not count in TeX).
_SCALE = re.compile(r"\s*[eE]\s*[+-]?\s*[0-9]")
# The units of information a number is given in (4 \text{ bits}): the text's words, no factor.
_UNIT = re.compile(r"\s*\{\s*(?P<unit>bits?|nats?|shannons?|hartleys?)\s*\}")
_UNIT_BASES = {"bit": "2", "shannon": "2", "nat": "e", "hartley": "10"}


class NumberLexing(LexingPart):
    """Numbers and their units, for ``lexer.Lexer``."""

    log_base: str | None

    def number(self, k: int) -> int:
        """A number at ``k``. TeX raises only the first token after ``^`` or ``_`` (``2^10``
        typesets as 2¹0), and ``1e3`` reads as 1·e·3 as well as 10³: both are refused."""
        text = self.text
        m = _NUMBER.match(text, k)
        assert m is not None
        end = m.end()
        written = m.group(0)
        if self.beside_number():
            raise self.fail(
                k,
                "two numbers side by side: TeX drops the blank in '2 3' (it sets 23), and "
                "a space between digits ('2\\,000') reads as a thousands separator or as a "
                "product; write the number whole, or the product with \\cdot",
            )
        if self.after_script_minus() and len(written) > 1:
            script = self.out[-2].text
            raise self.fail(
                k,
                f"TeX puts only the minus after {script} in the script, and the short form "
                f"{script}-{written} would take one digit after it ({script}{{-{written[0]}}}"
                f"{written[1:]}): write {script}{{-{written}}}",
            )
        if self.after_script() and len(written) > 1:
            script = self.out[-1].text
            where = "superscript" if script == "^" else "subscript"
            raise self.fail(
                k,
                f"TeX puts only the first digit after {script} in the {where} "
                f"({script}{written} typesets as {script}{{{written[0]}}}{written[1:]}): "
                f"write {script}{{{written}}}",
            )
        scale = _SCALE.match(text, end)
        if scale is not None:
            shown = text[k : scale.end()]
            raise self.fail(
                k,
                f"{shown!r} is ambiguous: a number in scientific notation or a product with "
                f"Euler's number e; write {written} \\cdot 10^{{…}} or {written} \\cdot e …",
            )
        self.emit("num", written, k, end)
        return end

    def after_script(self) -> bool:
        return bool(self.out) and self.out[-1].kind == "op" and self.out[-1].text in "^_"

    def beside_number(self) -> bool:
        """Just after a number (not a script's) with only blanks or spacing between: TeX
        drops the blanks, so the digits run on, and a spacing command between digits is a
        thousands separator to some and a product to others."""
        if not self.after_number():
            return False
        before = [t.text for t in self.out[-3:-1]]
        scripted = before[-1:] in (["^"], ["_"]) or before in (["^", "-"], ["_", "-"])
        return not scripted

    def after_script_minus(self) -> bool:
        """Just after ``^-`` or ``_-``: the short form ``e^-x`` takes one token after the
        minus, so a number of several digits there is read by no one rule."""
        out = self.out
        return (
            len(out) >= 2
            and out[-1].kind == "op"
            and out[-1].text == "-"
            and out[-2].kind == "op"
            and out[-2].text in "^_"
        )

    def after_number(self) -> bool:
        return bool(self.out) and self.out[-1].kind == "num"

    def unit(self, k: int, end: int) -> int | None:
        """A unit of information after a number, its font command at ``k`` and its group at
        ``end``: read as the number when it is the unit of the text's ``\\log`` (bits where
        ``log-base: 2``, nats where \\log is natural), since the text's quantities are then in
        that unit; else refused, naming the base. None where the group is no such unit."""
        unit = _UNIT.match(self.text, end)
        if unit is None:
            return None
        word = unit.group("unit").rstrip("s")
        base = _UNIT_BASES[word]
        if base != (self.log_base or "e"):
            raise self.fail(
                k,
                f"a value in {word}s is read where the text's \\log has base {base} "
                f"(log-base: {base}); here it is {self.log_base or 'e'}",
            )
        return unit.end()
