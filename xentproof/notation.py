"""One-line unicode for SymPy expressions the checker builds itself (side conditions,
rewritten forms). Steps as the author wrote them are displayed from their own text
(``syntax.reader.Parsed.display``), which keeps the author's order; this printer is only for
expressions that have no text of their own.
"""

from __future__ import annotations

import sympy
from sympy.printing.str import StrPrinter

from .memo import TextMemo
from .syntax.display import display_name


class _UnicodePrinter(StrPrinter):  # type: ignore[misc]
    def _print_Symbol(self, expr: sympy.Symbol) -> str:
        return display_name(expr.name)

    def _print_Dummy(self, expr: sympy.Dummy) -> str:
        return display_name(expr.name)

    def _print_Exp1(self, expr: sympy.Basic) -> str:
        return "e"

    def _print_Pi(self, expr: sympy.Basic) -> str:
        return "π"

    def _print_Infinity(self, expr: sympy.Basic) -> str:
        return "∞"

    def _print_NegativeInfinity(self, expr: sympy.Basic) -> str:
        return "-∞"

    def _print_Piecewise(self, expr: sympy.Piecewise) -> str:
        parts = []
        for value, condition in expr.args:
            shown = self._print(value)
            parts.append(
                f"{shown} otherwise"
                if condition is sympy.true
                else f"{shown} if {self._print(condition)}"
            )
        return "{" + "; ".join(parts) + "}"

    def _print_Limit(self, expr: sympy.Limit) -> str:
        body, variable, point, direction = expr.args
        side = {"+": "⁺", "-": "⁻"}.get(str(direction), "") if point.is_finite else ""
        return f"lim[{self._print(variable)}→{self._print(point)}{side}] {self._print(body)}"

    def _print_Derivative(self, expr: sympy.Derivative) -> str:
        (variable, order), *_ = expr.variable_count
        power = "" if order == 1 else str(order)
        return f"d{power}/d{self._print(variable)}{power} ({self._print(expr.expr)})"

    def _print_Equality(self, expr: sympy.Eq) -> str:
        return f"{self._print(expr.lhs)} = {self._print(expr.rhs)}"

    def _print_Unequality(self, expr: sympy.Ne) -> str:
        return f"{self._print(expr.lhs)} ≠ {self._print(expr.rhs)}"


_PRINTER = _UnicodePrinter()


def math_text(expr: sympy.Basic) -> str:
    """``yhat**y*(1 - yhat)`` → ``ŷ^y·(1 - ŷ)``."""
    return _TEXTS(expr)


def _shown(expr: sympy.Basic) -> str:
    text = str(_PRINTER.doprint(expr))
    return text.replace("**", "^").replace("*", "·").replace(" - ", " − ").replace("-", "−")


# Once per expression: the side conditions of every relation of a chain name its steps'
# parts again and again.
_TEXTS = TextMemo(_shown)
