"""The parts of LaTeX that are commands and calls: ``\\frac``, ``\\sqrt``, ``\\sum`` and
``\\prod``, Kronecker's ``\\delta``, ``cases`` with their conditions, declared functions
(with a condition after ``|`` where ``[latex]`` writes one) and the built-in functions."""

from __future__ import annotations

import abc
import re

from ..model import Notation
from ..syntax.display import Precedence
from .cases import CasesReader
from .cursor import Out, wrap
from .names import canonical
from .tokens import Token
from .vocabulary import CONDITION_RELATIONS, RELATIONS


def _one_token(t: Token) -> bool:
    """Whether a name is one TeX token: a letter, or one control word (``\\alpha``)."""
    return t.end - t.col == 0 or re.fullmatch(r"\\[A-Za-z]+", t.extra) is not None


_ORDER = ("<", ">", "\\le", "\\leq", "\\ge", "\\geq")
_MAX_TERMS = 50  # values a maximum over a range of numbers is written out with


class CommandReader(CasesReader):
    """Reads the commands and calls; the grammar around them is ``parser.Parser``'s."""

    notation: Notation
    set_ranges: dict[int, str]  # a sum over a declared set, by its column (tex.ranges)
    expectation_variables: list[str]  # the variables of the expectations being read
    calls: int = 0  # the calls whose arguments are being read
    open_bars: int = 0  # the absolute values |…| being read

    @abc.abstractmethod
    def primary(self, *, script: bool = False) -> Out:
        """A number, a name, a bracket, a command: one atom of the grammar."""

    @abc.abstractmethod
    def read_apart(self, latex: str, what: str) -> Out:
        """A piece of LaTeX declared apart (a range's bound), read as one expression."""

    def command(self, t: Token) -> Out:
        self.next()
        if t.text == "\\frac":
            top = self.group("after \\frac")
            bottom = self.group("for the denominator of \\frac")
            return Out(
                f"{wrap(top, Precedence.MUL)}/{wrap(bottom, Precedence.MUL + 1)}", Precedence.MUL
            )
        if t.text in ("\\binom", "\\dbinom", "\\tbinom"):
            top = self.group(f"after {t.text}")
            bottom = self.group(f"for the lower argument of {t.text}")
            return Out(f"binomial({top.text}, {bottom.text})", Precedence.ATOM)
        if t.text == "\\sqrt":
            if self.is_op("["):
                return self.root(t)
            inner = self.group("after \\sqrt")
            return Out(f"sqrt({inner.text})", Precedence.ATOM)
        if t.text in ("\\sum", "\\prod"):
            return self.big(t)
        if t.text == "\\infty":
            return Out("oo", Precedence.ATOM)
        if t.text == "\\pi":
            return Out("pi", Precedence.ATOM)
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
            return Out(f"KroneckerDelta({first.text}, {second.text})", Precedence.ATOM)
        if t.text == "\\begin":
            return self.cases(t)
        if t.text == "\\indicator":
            return self.indicator(t)
        if t.text == "\\expectation":
            return self.expectation(t)
        raise self.fail(t, f"{t.text} is out of place here")

    def root(self, t: Token) -> Out:
        """``\\sqrt[n]{x}``, n a whole number ≥ 2: the real n-th root. Odd n: defined for
        every real x (``\\sqrt[3]{-8} = -2``), written ``sign(x)*Abs(x)**(1/n)`` (SymPy's
        ``x**(1/3)`` is the principal complex root, not real at negative x); even n: the
        power ``x**(1/n)``, defined where x ≥ 0, as ``\\sqrt``."""
        self.expect("[", "after \\sqrt")
        index = self.tok
        if index.kind != "num" or not index.text.isdigit() or int(index.text) < 2:
            raise self.fail(
                index, "\\sqrt[n]{…}: the index must be a whole number 2, 3, …; write a power"
            )
        self.next()
        self.expect("]", "to close \\sqrt[n]")
        inner = self.group("after \\sqrt[n]")
        n = int(index.text)
        if n == 2:
            return Out(f"sqrt({inner.text})", Precedence.ATOM)
        if n % 2 == 0:
            return Out(f"({inner.text})**(1/{n})", Precedence.POW)
        return Out(f"sign({inner.text})*Abs({inner.text})**(1/{n})", Precedence.MUL)

    def big(self, t: Token) -> Out:
        name = "Sum" if t.text == "\\sum" else "Product"
        upper: Out | None = None
        if self.is_op("^"):  # \sum^n_{i=1}: TeX takes the two scripts in either order
            self.next()
            upper, _ = self.script()
        self.expect("_", f"after {t.text}: write {t.text}_{{i=1}}^{{N}}")
        braced = self.is_op("{")
        if braced:
            self.next()
        var = self.next()
        if var.kind != "name" or var.text not in self.scope.symbols:
            raise self.fail(var, f"{t.text}: the index must be a declared name, found '{var.text}'")
        lo: Out | None = None
        skipped: Out | None = None
        if braced and self.tok.kind == "rel" and self.tok.text == "=":
            self.next()
            lo = self.expr()
        elif braced and self.tok.kind == "rel" and self.tok.text in ("\\ne", "\\neq"):
            self.next()  # \sum_{k \neq i}: every k of the declared range but i
            skipped = self.expr()
        elif not braced and not _one_token(var):  # \sum_ij: TeX's index is one letter
            raise self.fail(var, f"{t.text}_{var.extra}: write the index in braces")
        if braced:
            self.expect("}", f"to close {t.text}_{{…}}")
        if upper is None and self.is_op("^"):
            self.next()
            upper, _ = self.script()
        if lo is None or upper is None:
            lo, upper = self.declared_range(t, var, lo, upper)
        body = self.term()
        if self.is_op("+") or self.is_op("-"):  # TeX's reading: the body ends here
            self.ended_sums.append(var.text)
        text = body.text
        if skipped is not None:  # the skipped term is the operation's neutral element
            unit = "0" if name == "Sum" else "1"
            text = f"Piecewise(({unit}, Eq({var.text}, {skipped.text})), ({text}, True))"
        return Out(f"{name}({text}, ({var.text}, {lo.text}, {upper.text}))", Precedence.ATOM)

    def expectation(self, t: Token) -> Out:
        """``E_{x \\sim p}[…]`` (the lexer checked p and x): the sum over the declared range
        of x of p(x) times the bracket."""
        var = self.next()
        if not (self.is_op("[") or self.is_op("(")):
            raise self.fail(
                t, f"E_{{{var.text} \\sim …}}: write the expectation's body in brackets"
            )
        self.expectation_variables.append(var.text)
        try:
            body = self.primary()
        finally:
            self.expectation_variables.pop()
        key = canonical(var.extra or var.text)
        if key not in self.notation.ranges:
            key = self.support(t, key)
        lo = self.read_apart(self.notation.ranges[key][0], f"the range of {key}")
        upper = self.read_apart(self.notation.ranges[key][1], f"the range of {key}")
        member = f"{t.extra}[{var.text}]"
        return Out(
            f"Sum({member}*{body.text}, ({var.text}, {lo.text}, {upper.text}))", Precedence.ATOM
        )

    def support(self, t: Token, key: str) -> str:
        """The range an expectation over ``t.extra``'s family takes when its variable has
        none: that of the one index the family is declared with, if declared."""
        indices = self.notation.family_indices.get(t.extra, ())
        if len(indices) == 1 and canonical(indices[0]) in self.notation.ranges:
            return canonical(indices[0])
        raise self.fail(
            t, f"E_{{{key} \\sim …}} leaves the range of {key} unsaid: range: {key} = 1..N"
        )

    def declared_range(
        self, t: Token, var: Token, lo: Out | None, upper: Out | None
    ) -> tuple[Out, Out]:
        """The bounds a sum leaves unsaid, from ``range:``; never guessed."""
        key = self.set_ranges.get(t.col) or canonical(var.extra or var.text)
        declared = self.notation.ranges.get(key)
        if declared is None:
            index = var.extra or var.text
            written = f"{t.text}_{{{index}}}" + (f"^{{{upper.text}}}" if upper else "")
            raise self.fail(
                t,
                f"{written} leaves the range of {index} unsaid: write "
                f"{t.text}_{{{index}=1}}^{{N}}, or declare it once: range: {index} = 1..N",
            )
        low = lo or self.read_apart(declared[0], f"the range of {key}")
        high = upper or self.read_apart(declared[1], f"the range of {key}")
        return low, high

    def indicator(self, t: Token) -> Out:
        """The indicator: ``\\mathbb{1}(c)``, ``\\mathbb{1}\\{c\\}``, ``\\mathbb{1}_{c}``,
        ``\\mathds{1}_{\\{c\\}}``: 1 where the condition holds, else 0."""
        if self.is_op("_"):
            self.next()
            self.expect("{", "after \\mathbb{1}_")
            condition = self.braced_condition()
            self.expect("}", "to close \\mathbb{1}_{…}")
        elif self.is_op("("):
            self.next()
            condition = self.condition()
            self.expect(")", "to close \\mathbb{1}(…)")
        elif self.tok.kind == "cmd" and self.tok.text == "\\{":
            condition = self.braced_condition()
        else:
            raise self.fail(t, "write the indicator with its condition: \\mathbb{1}(y = k)")
        return Out(f"Piecewise((1, {condition}), (0, True))", Precedence.ATOM)

    def braced_condition(self) -> str:
        """A condition, in ``\\{…\\}`` when it is written so."""
        if not (self.tok.kind == "cmd" and self.tok.text == "\\{"):
            return self.condition()
        self.next()
        condition = self.condition()
        if not (self.tok.kind == "cmd" and self.tok.text == "\\}"):
            raise self.fail(self.tok, "expected \\} to close the condition")
        self.next()
        return condition

    def iverson(self, left: Out) -> str:
        """``[y = k]``: a bracket that holds a condition is Iverson's, 1 or 0 (nothing else
        a bracket around a relation could mean); ``left`` is what precedes the relation."""
        return self.condition(left)

    def condition(self, read: Out | None = None) -> str:
        t = self.tok
        if read is None and t.kind == "otherwise":
            self.next()
            return "True"
        left = read or self.expr()
        rel = self.tok
        if rel.kind != "rel":
            raise self.fail(rel, "expected a condition such as y = 1 or x > 0")
        self.next()
        right = self.expr()
        first = self.relation(rel, left, right)
        if rel.text in _ORDER and self.tok.kind == "rel" and self.tok.text in _ORDER:
            second = self.next()  # 0 < x \le 1: both hold
            return f"And({first}, {self.relation(second, right, self.expr())})"
        return first

    def relation(self, rel: Token, left: Out, right: Out) -> str:
        if rel.text in CONDITION_RELATIONS:
            return f"{CONDITION_RELATIONS[rel.text]}({left.text}, {right.text})"
        if rel.text in _ORDER:
            return f"{left.text} {RELATIONS[rel.text]} {right.text}"
        raise self.fail(rel, f"{rel.text} is not a condition")

    def arguments(self, t: Token) -> tuple[list[str], str | None, Token]:
        """``(a, b | given)``: the arguments, the raw condition, and the closing token (a
        '|' inside is the condition's bar, never an absolute value's)."""
        self.calls += 1
        try:
            return self._arguments(t)
        finally:
            self.calls -= 1

    def _arguments(self, t: Token) -> tuple[list[str], str | None, Token]:
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

    def call(self, t: Token) -> Out:
        self.next()
        primes = 0
        while self.is_op("'"):  # f'(x), f''(x): the derivatives of a declared function
            primes += 1
            self.next()
        if not self.is_op("("):
            raise self.fail(t, f"{t.text} is a declared function: write {t.extra}(…)")
        args, given, _ = self.arguments(t)
        if primes:
            return self.derivative_call(t, args, given, primes)
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
        return Out(f"{t.text}({', '.join(args)})", Precedence.ATOM)

    def derivative_call(self, t: Token, args: list[str], given: str | None, order: int) -> Out:
        """``f'(x)``: the derivative of the declared function f of one argument, at a
        declared variable x, that is d/dx f(x) (Lagrange's notation). At anything else
        (``f'(2x)``, ``f'(x_i)``) it is the derivative's value at a point, which a step
        cannot write as a derivative by a variable: refused, as is f' of several
        arguments (by which one?)."""
        marks = "'" * order
        if self.scope.functions[t.text][1] != 1 or len(args) != 1 or given is not None:
            raise self.fail(
                t,
                f"{t.extra}{marks}(…): a prime is the derivative of a function of one "
                f"argument; write \\frac{{\\partial}}{{\\partial x}} {t.extra}(…)",
            )
        (variable,) = args
        if variable not in self.scope.symbols or variable in self.scope.families:
            raise self.fail(
                t,
                f"{t.extra}{marks}({variable}): a prime is read at a declared variable only "
                f"(f'(x) is d/dx f(x)); write \\frac{{d}}{{dt}} {t.extra}(t) for a new t",
            )
        suffix = "" if order == 1 else f", {order}"
        return Out(f"Derivative({t.text}({variable}), {variable}{suffix})", Precedence.ATOM)

    def builtin(self, t: Token) -> Out:
        self.next()
        name = t.text
        power = self.function_power(t) if self.is_op("^") and name not in ("Max", "Min") else ""
        if name == "log" and t.extra.lstrip("\\") == "log":
            value = self.logarithm(t)
        else:
            value = self.builtin_call(t, name)
        if power:  # \sin^2 x is (\sin x)^2
            return Out(f"{value.text}**{power}", Precedence.POW)
        return value

    def function_power(self, t: Token) -> str:
        """The exponent of ``\\sin^2 x`` (a power of the value): a whole number from 2 on;
        ``\\sin^{-1}`` (the inverse or the reciprocal?) is refused."""
        self.next()  # ^
        exponent, _ = self.script()
        if not exponent.text.isdigit() or int(exponent.text) < 2:
            raise self.fail(
                t,
                f"{t.extra}^{{{exponent.text}}}: a power of a function is read for a whole "
                f"number from 2 on (for the inverse write \\arcsin, \\arctan, …; for "
                f"the reciprocal 1/{t.extra}(…))",
            )
        return exponent.text

    def logarithm(self, t: Token) -> Out:
        """``\\log_2 x``, ``\\log_{10}(x)``, and ``\\log x`` where ``log-base:`` says the
        text's base (``\\ln`` is always natural)."""
        base: str | None = self.notation.log_base
        if self.is_op("_"):
            self.next()
            written, _ = self.script()
            base = written.text
        value = self.builtin_call(t, "log")
        if base is None or base in ("e", "E"):
            return value
        return Out(f"{value.text}/log({base})", Precedence.MUL)

    def extremum(self, t: Token, name: str) -> Out:
        """``\\max_j f_j``, ``\\min_{k} …``: the largest (smallest) value of the body over
        the index's declared range (``range: j = 1..3``), written out as Max(f[1], f[2],
        f[3]); a range with a bound that is no number is refused (derivation files have no
        maximum over a family of unknown size)."""
        self.next()  # _
        braced = self.is_op("{")
        if braced:
            self.next()
        var = self.next()
        if (
            var.kind != "name"
            or var.text not in self.scope.symbols
            or var.text in (self.scope.families)
        ):
            raise self.fail(var, f"{t.extra}_…: the index must be a declared name")
        if braced:
            self.expect("}", f"to close {t.extra}_{{…}}")
        lo, high = self.declared_range(t, var, None, None)
        body = self.power()
        # \max_j f_j x, \max_j f_j \cdot x, \max_j f_j / x: a \sum's body runs on over
        # the product, a function's argument stops before it; both readings are refused
        if self.starts_factor() or self.is_op("*") or self.is_op("/"):
            raise self.fail(
                self.tok,
                f"ambiguous: does the body of {t.extra}_{var.extra or var.text} go on past "
                f"here? write {t.extra}_{var.extra or var.text} (…) with brackets",
            )
        if not (lo.text.isdigit() and high.text.isdigit()):
            raise self.fail(
                t,
                f"{t.extra}_{var.extra or var.text} over {lo.text}..{high.text}: a maximum or "
                "minimum is read over a range of numbers only (range: "
                f"{var.extra or var.text} = 1..3)",
            )
        first, last = int(lo.text), int(high.text)
        if not 1 <= last - first + 1 <= _MAX_TERMS:
            raise self.fail(t, f"{t.extra} over {first}..{last}: 1 to {_MAX_TERMS} values")
        index = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(var.text)}(?![A-Za-z0-9_])")
        if re.search(rf"\(\s*{re.escape(var.text)}\s*,", body.text):
            raise self.fail(t, f"{t.extra}: its index {var.text} is bound again inside")
        terms = [index.sub(str(n), body.text) for n in range(first, last + 1)]
        if len(terms) == 1:
            return Out(f"({terms[0]})", Precedence.ATOM)
        return Out(f"{name}({', '.join(terms)})", Precedence.ATOM)

    def builtin_call(self, t: Token, name: str) -> Out:
        if self.is_op("("):
            args, given, _ = self.arguments(t)
            if given is not None:
                raise self.fail(t, f"{t.extra} takes no condition")
            if name in ("Max", "Min"):
                if len(args) < 2:
                    raise self.fail(t, f"{t.extra} takes two or more arguments")
            elif len(args) != 1:
                raise self.fail(t, f"{t.extra} takes one argument")
            return Out(f"{name}({', '.join(args)})", Precedence.ATOM)
        if name in ("Max", "Min") and self.is_op("_"):
            return self.extremum(t, name)
        if name in ("Max", "Min"):
            raise self.fail(t, f"write {t.extra}(a, b)")
        argument = self.power()
        if self.starts_factor():
            raise self.fail(
                self.tok,
                f"ambiguous: does the argument of {t.extra} go on past here? "
                f"write {t.extra}(…) with brackets",
            )
        return Out(f"{name}({argument.text})", Precedence.ATOM)
