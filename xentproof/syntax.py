"""The safe expression reader: text of a derivation file → SymPy object and display text.

Derivation files come from strangers, so nothing in them is ever executed. The text is
parsed with ``ast.parse(..., mode="eval")``; the tree is walked against an allow-list of node
types, operators and names; SymPy objects are built directly from their constructors. There
is no ``eval``, ``sympify`` or ``parse_expr`` anywhere on this path.

Everything that could exhaust the machine is bounded before or while building: the length
of the text, the nesting of brackets and of the tree, the size of literals, exponents and
exact powers, the order of derivatives, and (as a backstop for SymPy's own automatic
evaluation, e.g. comparing ``exp(exp(exp(100)))`` with 3) the CPU time of the build
(``timing.cpu_time_limit``).

The display text is built from the same tree, so it keeps the author's order of terms
(SymPy would reorder them): ``1 - yhat`` displays as ``1 − ŷ``.
"""

from __future__ import annotations

import ast
import contextlib
import difflib
import operator
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy
from sympy.logic.boolalg import Boolean

from xentproof.definedness import Requirement, own_requirements
from xentproof.errors import ExpressionError
from xentproof.timing import OutOfTime, cpu_time_limit

MAX_LENGTH: int = 4000
"""Longest expression text, in characters."""
MAX_DEPTH: int = 60
"""Deepest nesting of brackets, and of the syntax tree (a flat chain ``a + b + c`` is one level)."""
MAX_INT_DIGITS: int = 30
"""Longest integer literal; also the most significant digits of a decimal literal."""
MAX_DECIMAL_EXPONENT: int = 1000
"""Largest |n| in a decimal literal's scale ``…e±n``."""
MAX_EXPONENT: int = 1000
"""Largest |exponent| when an exponent is a number."""
MAX_POWER_BITS: int = 10_000
"""Largest exact number (in bits) that a power of numbers may produce."""
MAX_ROOT_WORK: int = 2048
"""Largest bits(base) × denominator for a fractional power of a number (SymPy factors the base)."""
MAX_DERIVATIVE_ORDER: int = 10
TIME_LIMIT: float = 2.0
"""Seconds that building one expression may take before it is refused."""

CONSTANTS: Mapping[str, sympy.Basic] = {"pi": sympy.pi, "E": sympy.E, "oo": sympy.oo}
_CONSTANT_TEXT = {"pi": "π", "E": "e", "oo": "∞"}

# Functions of numbers: name -> (SymPy constructor, least and most number of arguments).
_NUMERIC_FUNCTIONS: Mapping[str, tuple[Callable[..., Any], int, int | None]] = {
    "exp": (sympy.exp, 1, 1),
    "log": (sympy.log, 1, 1),
    "sqrt": (sympy.sqrt, 1, 1),
    "Abs": (sympy.Abs, 1, 1),
    "sin": (sympy.sin, 1, 1),
    "cos": (sympy.cos, 1, 1),
    "tan": (sympy.tan, 1, 1),
    "sinh": (sympy.sinh, 1, 1),
    "cosh": (sympy.cosh, 1, 1),
    "tanh": (sympy.tanh, 1, 1),
    "Max": (sympy.Max, 2, None),
    "Min": (sympy.Min, 2, None),
    "KroneckerDelta": (sympy.KroneckerDelta, 2, 2),
}
# Forms with a syntax of their own (tuples, bound indices, a direction, conditions).
_SPECIAL_FORMS = frozenset(
    {"Piecewise", "Sum", "Product", "Derivative", "Limit", "Eq", "Ne", "And", "Or", "Not"}
)
_CONSTANT_FUNCTIONS = frozenset({"sqrt", "exp", "log"})

RESERVED_NAMES: frozenset[str] = (
    frozenset(CONSTANTS) | frozenset(_NUMERIC_FUNCTIONS) | frozenset(_SPECIAL_FORMS)
)
"""Names the reader gives a meaning of its own; declarations should not reuse them."""

# Names people type from habit, with what they mean here.
_HINTS = {
    "I": "complex numbers are not supported",
    "zoo": "undefined values are not supported",
    "nan": "undefined values are not supported",
    "e": "did you mean 'E'?",
    "inf": "did you mean 'oo'?",
    "infinity": "did you mean 'oo'?",
    "ln": "did you mean 'log'?",
    "abs": "did you mean 'Abs'?",
    "max": "did you mean 'Max'?",
    "min": "did you mean 'Min'?",
    "sum": "did you mean 'Sum'?",
}

_OPERATOR_TEXT: Mapping[type[ast.AST], str] = {
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.Invert: "~",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
}
_FORBIDDEN_NODES: Mapping[type[ast.AST], str] = {
    ast.Lambda: "a lambda",
    ast.ListComp: "a comprehension",
    ast.SetComp: "a comprehension",
    ast.DictComp: "a comprehension",
    ast.GeneratorExp: "a generator expression",
    ast.List: "a list",
    ast.Dict: "a dict",
    ast.Set: "a set",
    ast.Tuple: "a tuple outside Sum, Product and Piecewise",
    ast.JoinedStr: "an f-string",
    ast.FormattedValue: "an f-string",
    ast.NamedExpr: "an assignment expression (':=')",
    ast.IfExp: "'a if c else b' (write Piecewise((a, c), (b, True)))",
    ast.Starred: "a starred expression",
    ast.Slice: "a slice",
    ast.Await: "'await'",
    ast.Yield: "'yield'",
    ast.YieldFrom: "'yield'",
}
_COMPARISONS: Mapping[type[ast.cmpop], tuple[Callable[..., Any], str]] = {
    ast.Lt: (sympy.Lt, "<"),
    ast.LtE: (sympy.Le, "≤"),
    ast.Gt: (sympy.Gt, ">"),
    ast.GtE: (sympy.Ge, "≥"),
}

# Display precedences, loosest first. A built node's ``prec`` is the loosest binding visible
# at its top level: "−a·b" (a prefix that swallows a product) reports the product's level.
_OR, _AND, _NOT, _COMPARE, _ADD = 10, 20, 30, 40, 50
_BIG = 55  # Σ[…] f, ∏[…] f, lim[…] f, d/dx f: the operand runs to the end of a product
_MUL, _UNARY, _POW, _ROOT, _ATOM = 60, 70, 80, 85, 90

# Errors SymPy raises on input it cannot build (e.g. comparing with an undefined value).
_SYMPY_ERRORS = (
    TypeError,
    ValueError,
    ArithmeticError,
    NotImplementedError,
    RecursionError,
    MemoryError,
)

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "lamda": "λ",
    "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "rho": "ρ", "sigma": "σ", "tau": "τ",
    "upsilon": "υ", "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}  # fmt: skip
_DECIMAL = re.compile(r"(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?")


def display_name(name: str) -> str:
    """Unicode for a name: ``yhat`` → ``ŷ``, ``alpha`` → ``α``, ``x1`` → ``x₁``."""
    stem = name.rstrip("0123456789")
    digits = name[len(stem) :]
    if not stem:
        return name
    if stem.endswith("hat") and len(stem) > 3:
        base = _GREEK.get(stem[:-3], stem[:-3])
        # NFC: "ŷ" as one precomposed character where Unicode has one (terminals draw
        # it better than a combining accent); "p̂" stays base + combining circumflex.
        shown = unicodedata.normalize("NFC", base + "\u0302") if len(base) == 1 else stem
    else:
        shown = _GREEK.get(stem, stem)
    return shown + digits.translate(_SUBSCRIPT)


@dataclass(frozen=True)
class Scope:
    """The names an expression may use, besides the built-in ones."""

    symbols: Mapping[str, sympy.Symbol] = field(default_factory=dict)
    families: Mapping[str, tuple[sympy.IndexedBase, int]] = field(default_factory=dict)
    functions: Mapping[str, tuple[sympy.FunctionClass, int]] = field(default_factory=dict)
    display: Mapping[str, str] = field(default_factory=dict)

    def with_symbols(self, extra: Mapping[str, sympy.Symbol]) -> Scope:
        """A new scope where the names in ``extra`` are symbols, shadowing any other meaning."""
        return Scope(
            symbols={**self.symbols, **extra},
            families={k: v for k, v in self.families.items() if k not in extra},
            functions={k: v for k, v in self.functions.items() if k not in extra},
            display=self.display,
        )


@dataclass(frozen=True)
class Parsed:
    """An expression read from text: the SymPy object, and its display in the author's order.

    ``guards`` are what the written form needs to be defined: SymPy simplifies as it builds
    (``x*(x + 1)/x`` is ``x + 1``, ``exp(log(u))`` is ``u``), so the object alone would not
    show that the step divides by ``x`` or takes the log of ``u``.
    """

    expr: sympy.Basic
    display: str
    guards: tuple[Requirement, ...] = ()


def read_expression(text: str, scope: Scope) -> Parsed:
    """Read an expression or a condition; raise ``ExpressionError`` for anything else."""
    reader = _Reader(text, scope)
    built = reader.read()
    return Parsed(built.expr, built.text, tuple(reader.guards.values()))


def read_constant(text: str) -> sympy.Expr:
    """Read a closed real constant such as ``-1``, ``1/2``, ``sqrt(2)``, ``oo`` or ``-oo``."""
    built = _Reader(text, Scope(), constant=True).read()
    if not isinstance(built.expr, sympy.Expr):
        raise ExpressionError(f"expected a constant, got the condition '{text.strip()}'", column=1)
    if built.expr.is_extended_real is False:
        raise ExpressionError(f"'{text.strip()}' is not a real number", column=1)
    return built.expr


@dataclass(frozen=True)
class _Built:
    expr: Any  # a sympy.Basic; SymPy has no type hints, so this is Any either way
    text: str
    prec: int = _ATOM


def _paren(b: _Built) -> _Built:
    return _Built(b.expr, f"({b.text})", _ATOM)


def _left(b: _Built, need: int) -> _Built:
    """``b`` as the left operand of an operator that needs at least ``need``."""
    return _paren(b) if b.prec < need else b


def _right(b: _Built, need: int) -> _Built:
    """``b`` as a right operand: operators are left-associative, and "a·−b" reads badly."""
    return _paren(b) if b.prec <= need or b.text.startswith(("−", "+")) else b


class _Reader:
    """One walk over one expression's tree, building the SymPy object and the display."""

    def __init__(self, text: str, scope: Scope, *, constant: bool = False) -> None:
        self.source = text
        self.scope = scope
        self.constant = constant
        self.bound: dict[str, sympy.Symbol] = {}  # Sum/Product indices in force
        self.lead = 0  # characters of leading blank space, removed before parsing
        self.text = ""  # the text that was parsed (without the leading blank space)
        self.lines: list[int] = [0]  # offset where each line of the parsed text starts
        # What each written operation needs to be defined (see Parsed.guards); not collected
        # inside the values of a Piecewise (each only where its condition holds).
        self.guards: dict[tuple[Any, str], Requirement] = {}
        self.unguarded = 0

    # -- entry point and bounds ----------------------------------------------------------

    def read(self) -> _Built:
        text = self.source
        if len(text) > MAX_LENGTH:
            raise ExpressionError(
                f"expression is {len(text)} characters long; the limit is {MAX_LENGTH}", column=1
            )
        body = text.lstrip()  # the parser rejects leading blanks as an indent
        self.lead = len(text) - len(body)
        if not body.strip():
            raise ExpressionError("empty expression: expected a formula such as 'x + 1'", column=1)
        self.lines = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", body)]
        self._check_brackets(body)
        try:
            # Python warns about some texts as it parses them ("1and x": invalid decimal
            # literal, '"\\d"' invalid escape); for a reader of derivations that is noise on
            # stderr (or, under -W error, a different message), not something to say.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(body, mode="eval")
        except SyntaxError as exc:
            column = self._offset(exc.lineno or 1, (exc.offset or 1) - 1)
            raise ExpressionError(f"not a valid expression: {exc.msg}", column=column) from None
        except (RecursionError, MemoryError) as exc:
            raise ExpressionError(f"expression is too deeply nested ({exc})", column=1) from None
        except (ValueError, OverflowError) as exc:
            raise ExpressionError(f"not a valid expression: {exc}", column=1) from None
        self.text = body
        self._check_depth(tree.body)
        try:
            with cpu_time_limit(TIME_LIMIT):
                built = self.build(tree.body)
        except OutOfTime:
            raise ExpressionError(
                f"building the expression took longer than {TIME_LIMIT:g} s;"
                " it probably asks SymPy to evaluate a very large or very precise number",
                column=1,
            ) from None
        if isinstance(built.expr, sympy.Basic) and built.expr.has(sympy.nan, sympy.zoo):
            raise ExpressionError(
                "the expression is undefined: it divides by zero or contains a form like oo − oo",
                column=1,
            )
        return built

    def _check_brackets(self, body: str) -> None:
        # Before parsing: CPython's parser recurses on nesting and may fail in odd ways.
        depth = 0
        for i, char in enumerate(body):
            if char in "([{":
                depth += 1
                if depth > MAX_DEPTH:
                    raise ExpressionError(
                        f"brackets are nested more than {MAX_DEPTH} deep", column=self.lead + i + 1
                    )
            elif char in ")]}":
                depth -= 1

    def _check_depth(self, root: ast.expr) -> None:
        # Iterative, so a hostile tree cannot exhaust the Python stack. A chain of the same
        # left-associative operator (a + b - c + …) counts as one level: the walk flattens it.
        stack: list[tuple[ast.AST, int]] = [(root, 1)]
        while stack:
            node, depth = stack.pop()
            if depth > MAX_DEPTH:
                raise ExpressionError(
                    f"expression is nested more than {MAX_DEPTH} levels deep",
                    column=self._column(node),
                )
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.expr_context | ast.operator | ast.cmpop | ast.boolop):
                    continue
                same_chain = (
                    isinstance(node, ast.BinOp)
                    and child is node.left
                    and isinstance(child, ast.BinOp)
                    and _chain_ops(child.op) is _chain_ops(node.op) is not None
                )
                stack.append((child, depth if same_chain else depth + 1))

    # -- positions and errors ------------------------------------------------------------

    def _offset(self, lineno: int, char_col: int) -> int:
        start = self.lines[min(lineno, len(self.lines)) - 1]
        return self.lead + start + max(char_col, 0) + 1

    def _column(self, node: ast.AST) -> int | None:
        lineno = getattr(node, "lineno", None)
        byte_col = getattr(node, "col_offset", None)
        if lineno is None or byte_col is None:
            return None
        start = self.lines[min(lineno, len(self.lines)) - 1]
        line = self.text[start:]
        char_col = len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))
        return self._offset(lineno, char_col)

    def fail(self, node: ast.AST, message: str) -> ExpressionError:
        return ExpressionError(message, column=self._column(node))

    def segment(self, node: ast.AST) -> str:
        text = ast.get_source_segment(self.text, node) or type(node).__name__
        return text if len(text) <= 40 else text[:37] + "..."

    # -- the walk ------------------------------------------------------------------------

    def build(self, node: ast.expr) -> _Built:
        try:
            built = self._dispatch(node)
            self.guard(built.expr)
            return built
        except _SYMPY_ERRORS as exc:
            detail = str(exc)[:200] or type(exc).__name__
            raise self.fail(node, f"cannot build '{self.segment(node)}': {detail}") from None

    def guard(self, expr: Any) -> None:
        """Record what the outermost operation of a just-built part needs."""
        if self.unguarded or self.constant or not isinstance(expr, sympy.Expr):
            return
        for requirement in own_requirements(expr):
            if not requirement.expr.is_number:
                self.guards.setdefault((requirement.expr, requirement.kind), requirement)

    def _dispatch(self, node: ast.expr) -> _Built:
        if isinstance(node, ast.Constant):
            return self.constant_literal(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.BinOp):
            return self.binary(node)
        if isinstance(node, ast.UnaryOp):
            return self.unary(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Subscript):
            return self.subscript(node)
        if isinstance(node, ast.Compare | ast.BoolOp) and not self.constant:
            return self.compare(node) if isinstance(node, ast.Compare) else self.boolean(node)
        if isinstance(node, ast.Attribute):
            raise self.fail(node, f"attribute access '{self.segment(node)}' is not allowed")
        if self.constant:
            raise self.fail(node, f"'{self.segment(node)}' is not allowed in a constant")
        what = _FORBIDDEN_NODES.get(type(node), f"'{self.segment(node)}'")
        raise self.fail(node, f"{what} is not allowed in an expression")

    def number(self, node: ast.expr) -> _Built:
        built = self.build(node)
        if not isinstance(built.expr, sympy.Expr):
            raise self.fail(node, f"expected a number here, got the condition '{built.text}'")
        return built

    def condition(self, node: ast.expr) -> _Built:
        built = self.build(node)
        # A SymPy Symbol is a Boolean too (for propositional logic); here it is a number.
        if not isinstance(built.expr, Boolean) or isinstance(built.expr, sympy.Expr):
            raise self.fail(
                node,
                f"expected a condition (a comparison, Eq, Ne, And, Or, Not), got '{built.text}'",
            )
        return built

    # -- leaves --------------------------------------------------------------------------

    def constant_literal(self, node: ast.Constant) -> _Built:
        value = node.value
        if isinstance(value, bool):
            raise self.fail(node, f"'{value}' is allowed only as a Piecewise condition")
        if isinstance(value, int):
            if abs(value) >= 10**MAX_INT_DIGITS:
                raise self.fail(node, f"integer literal has more than {MAX_INT_DIGITS} digits")
            return _Built(sympy.Integer(value), str(value))
        if isinstance(value, float):
            source = ast.get_source_segment(self.text, node) or repr(value)
            return _Built(self.decimal(node, source), source)
        if isinstance(value, complex):
            raise self.fail(node, "complex numbers are not supported")
        if isinstance(value, str):
            raise self.fail(
                node, "a string is allowed only as the direction of Limit: '+', '-' or '+-'"
            )
        raise self.fail(node, f"the literal '{self.segment(node)}' is not allowed")

    def decimal(self, node: ast.AST, source: str) -> sympy.Rational:
        """The exact value of a decimal literal, from its text: ``0.1`` is 1/10, not a float."""
        match = _DECIMAL.fullmatch(source.replace("_", ""))
        if match is None:
            raise self.fail(node, f"cannot read the number '{source}'")
        whole, fraction, scale = match.group(1), match.group(2) or "", int(match.group(3) or 0)
        digits = (whole + fraction).lstrip("0")
        exponent = scale - len(fraction)
        if len(digits) > MAX_INT_DIGITS or abs(exponent) > MAX_DECIMAL_EXPONENT:
            raise self.fail(
                node,
                f"the number '{source}' is too long: at most {MAX_INT_DIGITS} digits"
                f" and a scale up to e±{MAX_DECIMAL_EXPONENT}",
            )
        mantissa = int(digits or "0")
        if exponent >= 0:
            return sympy.Rational(mantissa * 10**exponent)
        return sympy.Rational(mantissa, 10**-exponent)

    def shown(self, name: str) -> str:
        return self.scope.display.get(name) or display_name(name)

    def name(self, node: ast.Name) -> _Built:
        name = node.id
        if name in self.bound:
            return _Built(self.bound[name], self.shown(name))
        if name in self.scope.symbols:
            return _Built(self.scope.symbols[name], self.shown(name))
        if name in self.scope.families:
            rank = self.scope.families[name][1]
            example = ", ".join("ijklmn"[:rank])
            raise self.fail(node, f"'{name}' is an indexed family: write {name}[{example}]")
        if name in CONSTANTS:
            return _Built(CONSTANTS[name], _CONSTANT_TEXT[name])
        if name in self.scope.functions or name in RESERVED_NAMES:
            raise self.fail(node, f"'{name}' is a function: call it as {name}(...)")
        raise self.unknown(node, name)

    def unknown(self, node: ast.AST, name: str) -> ExpressionError:
        known = set(self.bound) | set(CONSTANTS)
        if self.constant:
            known |= _CONSTANT_FUNCTIONS
        else:
            known |= RESERVED_NAMES | set(self.scope.symbols)
            known |= set(self.scope.families) | set(self.scope.functions)
        if name in _HINTS:
            return self.fail(node, f"unknown name '{name}' ({_HINTS[name]})")
        close = difflib.get_close_matches(name, sorted(known), n=1)
        if close:
            return self.fail(node, f"unknown name '{name}' (did you mean '{close[0]}'?)")
        if self.constant:
            expected = "a constant may use numbers, pi, E, oo, + - * / ** and sqrt, exp, log"
        else:
            expected = "expected a declared symbol, family or function, or pi, E, oo"
        return self.fail(node, f"unknown name '{name}': {expected}")

    def subscript(self, node: ast.Subscript) -> _Built:
        target = node.value
        if not isinstance(target, ast.Name):
            raise self.fail(node, "subscripts are allowed only on declared families, as in y[i]")
        name = target.id
        if name not in self.scope.families:
            if name in self.scope.symbols or name in self.bound or name in CONSTANTS:
                raise self.fail(
                    node, f"'{name}' is not an indexed family, so '{name}[...]' is wrong"
                )
            raise self.unknown(target, name)
        base, rank = self.scope.families[name]
        parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if len(parts) != rank:
            raise self.fail(
                node, f"'{name}' takes {rank} {_plural(rank, 'index')}, got {len(parts)}"
            )
        indices = [self.number(part) for part in parts]
        exprs = [i.expr for i in indices]
        expr = _make(base.__getitem__, exprs[0] if rank == 1 else tuple(exprs))
        return _Built(expr, f"{self.shown(name)}[{','.join(i.text for i in indices)}]")

    # -- operators -----------------------------------------------------------------------

    def binary(self, node: ast.BinOp) -> _Built:
        op = node.op
        if isinstance(op, ast.Pow):
            return self.power(node)
        if isinstance(op, ast.BitXor):
            raise self.fail(node, "'^' is not a power in this syntax: write '**'")
        if _chain_ops(op) is None:
            raise self.fail(
                node,
                f"operator '{_OPERATOR_TEXT[type(op)]}' is not allowed: expected one of + - * / **",
            )
        # Flatten a left-leaning chain a + b - c + … (or a * b / c …) without recursion.
        operands: list[tuple[ast.operator, ast.expr]] = []
        first: ast.expr = node
        while isinstance(first, ast.BinOp) and _chain_ops(first.op) is _chain_ops(op):
            operands.append((first.op, first.right))
            first = first.left
        operands.reverse()
        additive = isinstance(op, ast.Add | ast.Sub)
        prec = _ADD if additive else _MUL
        head = self.number(first)
        terms, text = [head.expr], _left(head, prec).text
        for term_op, term_node in operands:
            term = self.number(term_node)
            if isinstance(term_op, ast.Add):
                terms.append(term.expr)
                text += f" + {_right(term, prec).text}"
            elif isinstance(term_op, ast.Sub):
                terms.append(_make(operator.neg, term.expr))
                text += f" − {_right(term, prec).text}"
            elif isinstance(term_op, ast.Mult):
                terms.append(term.expr)
                text += f"·{_right(term, prec).text}"
            else:
                self.guard(sympy.Pow(term.expr, -1, evaluate=False))
                terms.append(_make(sympy.Pow, term.expr, -1))
                text += f"/{_right(term, prec).text}"
        expr = _make(sympy.Add if additive else sympy.Mul, *terms)
        return _Built(expr, text, prec)

    def power(self, node: ast.BinOp) -> _Built:
        base = self.number(node.left)
        exponent = self.number(node.right)
        expr = self.checked_power(node, base.expr, exponent.expr)
        shown = node.right
        if isinstance(shown, ast.UnaryOp) and isinstance(shown.op, ast.USub):
            negated, shown = "-", shown.operand
        else:
            negated = ""
        if _is_int_literal(shown):
            tail = (negated + exponent.text.lstrip("−")).translate(_SUPERSCRIPT)
        elif isinstance(node.right, ast.Name | ast.Constant):
            tail = f"^{exponent.text}"
        else:
            tail = f"^({exponent.text})"
        return _Built(expr, _left(base, _ATOM).text + tail, _POW)

    def checked_power(self, node: ast.AST, base: Any, exponent: Any) -> Any:
        """``base ** exponent``, refused when SymPy would compute a huge exact number."""
        if isinstance(exponent, sympy.Number):
            if not exponent.is_finite:
                raise self.fail(node, f"the exponent {exponent} is not a finite number")
            if abs(exponent) > MAX_EXPONENT:
                raise self.fail(
                    node, f"exponent {exponent} is too large: at most {MAX_EXPONENT} in size"
                )
            bits = _numeric_bits(base)
            if bits * float(abs(exponent)) > MAX_POWER_BITS:
                raise self.fail(
                    node,
                    f"the power would be an exact number of about {bits * float(abs(exponent)):.0f}"
                    f" bits; the limit is {MAX_POWER_BITS}",
                )
            # A fractional power of a number makes SymPy factor the number.
            if not exponent.is_Integer and bits * exponent.q > MAX_ROOT_WORK:
                raise self.fail(
                    node,
                    f"this fractional power of a {bits:.0f}-bit number is too costly to evaluate:"
                    f" bits × denominator of the exponent may be at most {MAX_ROOT_WORK}",
                )
        inert = base == sympy.E and _log_power_risk(exponent)
        return _make(sympy.Pow, base, exponent, inert=inert)

    def unary(self, node: ast.UnaryOp) -> _Built:
        op = node.op
        if isinstance(op, ast.Not) and not self.constant:
            inner = self.condition(node.operand)
            return _Built(_make(sympy.Not, inner.expr), f"¬{_left(inner, _ATOM).text}", _NOT)
        if isinstance(op, ast.USub | ast.UAdd):
            inner = self.number(node.operand)
            sign = "−" if isinstance(op, ast.USub) else "+"
            shown = _left(inner, _BIG)
            expr = _make(operator.neg, inner.expr) if isinstance(op, ast.USub) else inner.expr
            return _Built(expr, sign + shown.text, min(_UNARY, shown.prec))
        symbol = "not" if isinstance(op, ast.Not) else _OPERATOR_TEXT[type(op)]
        raise self.fail(node, f"operator '{symbol}' is not allowed here")

    def compare(self, node: ast.Compare) -> _Built:
        for op in node.ops:
            if isinstance(op, ast.Eq):
                raise self.fail(node, "'==' is not an equation in this syntax: write Eq(a, b)")
            if isinstance(op, ast.NotEq):
                raise self.fail(node, "'!=' is not allowed in this syntax: write Ne(a, b)")
            if type(op) not in _COMPARISONS:
                raise self.fail(node, f"'{_OPERATOR_TEXT[type(op)]}' is not a comparison here")
        sides = [self.number(n) for n in (node.left, *node.comparators)]
        relations, text = [], _left(sides[0], _ADD).text
        for op, lhs, rhs in zip(node.ops, sides, sides[1:], strict=False):
            build, symbol = _COMPARISONS[type(op)]
            relations.append(_make(build, lhs.expr, rhs.expr))
            text += f" {symbol} {_left(rhs, _ADD).text}"
        expr = relations[0] if len(relations) == 1 else _make(sympy.And, *relations)
        return _Built(expr, text, _COMPARE)

    def boolean(self, node: ast.BoolOp) -> _Built:
        parts = [self.condition(v) for v in node.values]
        return self.join_conditions(isinstance(node.op, ast.And), parts)

    def join_conditions(self, conjunction: bool, parts: Sequence[_Built]) -> _Built:
        if conjunction:
            expr = _make(sympy.And, *(p.expr for p in parts))
            return _Built(expr, " ∧ ".join(_left(p, _NOT).text for p in parts), _AND)
        expr = _make(sympy.Or, *(p.expr for p in parts))
        return _Built(expr, " ∨ ".join(_left(p, _NOT).text for p in parts), _OR)

    # -- calls ---------------------------------------------------------------------------

    def call(self, node: ast.Call) -> _Built:
        if not isinstance(node.func, ast.Name):
            if isinstance(node.func, ast.Attribute):
                raise self.fail(
                    node, f"attribute access '{self.segment(node.func)}' is not allowed"
                )
            raise self.fail(node, "only named functions can be called, as in log(x)")
        if node.keywords:
            raise self.fail(node, "keyword arguments are not allowed")
        if any(isinstance(arg, ast.Starred) for arg in node.args):
            raise self.fail(node, "starred arguments ('*args') are not allowed")
        name = node.func.id
        if self.constant and name not in _CONSTANT_FUNCTIONS:
            if name in RESERVED_NAMES:
                raise self.fail(
                    node, f"'{name}' is not allowed in a constant: use sqrt, exp or log"
                )
            raise self.unknown(node.func, name)
        if name in self.scope.functions:
            func, arity = self.scope.functions[name]
            self.check_arity(node, name, arity, arity)
            args = [self.number(a) for a in node.args]
            text = ", ".join(a.text for a in args)
            expr = _make(func, *(a.expr for a in args))
            return _Built(expr, f"{self.shown(name)}({text})")
        if name in _NUMERIC_FUNCTIONS:
            return self.numeric_function(node, name)
        special: Mapping[str, Callable[[ast.Call, str], _Built]] = {
            "Piecewise": self.piecewise,
            "Sum": self.big_operator,
            "Product": self.big_operator,
            "Derivative": self.derivative,
            "Limit": self.limit,
            "Eq": self.equation,
            "Ne": self.equation,
            "And": self.logic,
            "Or": self.logic,
            "Not": self.logic,
        }
        if name in special:
            return special[name](node, name)
        if name in self.scope.symbols or name in self.scope.families or name in self.bound:
            raise self.fail(node, f"'{name}' is not a function, so '{name}(...)' is wrong")
        raise self.unknown(node.func, name)

    def check_arity(self, node: ast.Call, name: str, least: int, most: int | None) -> None:
        got = len(node.args)
        if least <= got and (most is None or got <= most):
            return
        wanted = f"{least} {_plural(least, 'argument')}"
        if most is None:
            wanted = "at least " + wanted
        raise self.fail(node, f"function '{name}' takes {wanted}, got {got}")

    def numeric_function(self, node: ast.Call, name: str) -> _Built:
        build, least, most = _NUMERIC_FUNCTIONS[name]
        self.check_arity(node, name, least, most)
        args = [self.number(a) for a in node.args]
        exprs = [a.expr for a in args]
        if name == "sqrt":
            expr = self.checked_power(node, exprs[0], sympy.Rational(1, 2))
            if isinstance(node.args[0], ast.Name | ast.Constant):
                return _Built(expr, f"√{args[0].text}", _ROOT)
            return _Built(expr, f"√({args[0].text})", _ROOT)
        expr = _make(build, *exprs, inert=name == "exp" and _log_power_risk(exprs[0]))
        if name == "Abs":
            return _Built(expr, f"|{args[0].text}|")
        if name == "KroneckerDelta":
            return _Built(expr, f"δ({args[0].text},{args[1].text})")
        return _Built(expr, f"{name}({', '.join(a.text for a in args)})")

    def equation(self, node: ast.Call, name: str) -> _Built:
        self.check_arity(node, name, 2, 2)
        lhs, rhs = (self.number(a) for a in node.args)
        build, symbol = (sympy.Eq, "=") if name == "Eq" else (sympy.Ne, "≠")
        text = f"{_left(lhs, _ADD).text} {symbol} {_left(rhs, _ADD).text}"
        return _Built(_make(build, lhs.expr, rhs.expr), text, _COMPARE)

    def logic(self, node: ast.Call, name: str) -> _Built:
        if name == "Not":
            self.check_arity(node, name, 1, 1)
            inner = self.condition(node.args[0])
            return _Built(_make(sympy.Not, inner.expr), f"¬{_left(inner, _ATOM).text}", _NOT)
        self.check_arity(node, name, 2, None)
        return self.join_conditions(name == "And", [self.condition(a) for a in node.args])

    def piecewise(self, node: ast.Call, name: str) -> _Built:
        usage = f"'{name}' expects {name}((value, condition), ..., (value, True))"
        if not node.args:
            raise self.fail(node, usage)
        pieces, texts = [], []
        for k, arg in enumerate(node.args):
            if not (isinstance(arg, ast.Tuple) and len(arg.elts) == 2):
                raise self.fail(arg, usage)
            value_node, cond_node = arg.elts
            self.unguarded += 1
            try:
                value = self.number(value_node)
            finally:
                self.unguarded -= 1
            if isinstance(cond_node, ast.Constant) and isinstance(cond_node.value, bool):
                # The Python constants True/False are allowed here and nowhere else.
                if cond_node.value and k != len(node.args) - 1:
                    raise self.fail(cond_node, "'True' is allowed only as the last condition")
                cond = sympy.true if cond_node.value else sympy.false
                texts.append(
                    f"{value.text} otherwise" if cond_node.value else f"{value.text} if false"
                )
            else:
                built = self.condition(cond_node)
                cond = built.expr
                texts.append(f"{value.text} if {built.text}")
            pieces.append((value.expr, cond))
        return _Built(_make(sympy.Piecewise, *pieces), "{" + "; ".join(texts) + "}")

    def big_operator(self, node: ast.Call, name: str) -> _Built:
        usage = f"'{name}' expects {name}(expr, (i, lower, upper))"
        if len(node.args) < 2:
            raise self.fail(node, usage)
        indices: list[str] = []
        ranges: list[tuple[ast.expr, ast.expr]] = []
        for arg in node.args[1:]:
            if not (isinstance(arg, ast.Tuple) and len(arg.elts) == 3):
                raise self.fail(arg, usage)
            index_node, lower, upper = arg.elts
            if not isinstance(index_node, ast.Name):
                raise self.fail(index_node, f"{usage}: the index must be a plain name")
            index = index_node.id
            taken = RESERVED_NAMES | set(self.scope.families) | set(self.scope.functions)
            if index in taken:
                raise self.fail(
                    index_node, f"'{index}' cannot be an index: it names something else"
                )
            if index in indices:
                raise self.fail(index_node, f"index '{index}' is used twice in one {name}")
            indices.append(index)
            ranges.append((lower, upper))
        symbols = {index: sympy.Symbol(index, integer=True) for index in indices}
        # SymPy reads the limits innermost first: in Sum(f, (i, 1, j), (j, 1, N)) the sum over
        # i is inside the sum over j. So the bounds of a limit see the indices of LATER limits
        # (bound there); an earlier index in a later bound would be a different, free symbol.
        bounds: list[tuple[_Built, _Built]] = []
        for k, (lower, upper) in enumerate(ranges):
            with self.binding({index: symbols[index] for index in indices[k + 1 :]}):
                bounds.append((self.number(lower), self.number(upper)))
        with self.binding(symbols):
            body = self.number(node.args[0])
        build, sign = (sympy.Sum, "Σ") if name == "Sum" else (sympy.Product, "∏")
        limits = [
            (symbols[i], lo.expr, hi.expr) for i, (lo, hi) in zip(indices, bounds, strict=True)
        ]
        shown = _left(body, _BIG)
        text = shown.text
        for index, (lo, hi) in zip(indices, bounds, strict=True):
            text = f"{sign}[{self.shown(index)}={lo.text}..{hi.text}] {text}"  # outermost first
        return _Built(_make(build, body.expr, *limits), text, min(_BIG, shown.prec))

    def variable(self, node: ast.expr, form: str) -> tuple[sympy.Symbol, str]:
        """The declared symbol that Derivative or Limit works on, and its display."""
        if not isinstance(node, ast.Name):
            raise self.fail(node, f"the variable of '{form}' must be a declared symbol")
        if node.id in self.bound or node.id not in self.scope.symbols:
            raise self.fail(
                node, f"the variable of '{form}' must be a declared symbol; '{node.id}' is not"
            )
        return self.scope.symbols[node.id], self.shown(node.id)

    def derivative(self, node: ast.Call, name: str) -> _Built:
        usage = f"'{name}' expects {name}(expr, x) or {name}(expr, x, n)"
        if len(node.args) not in (2, 3):
            raise self.fail(node, usage)
        body = self.number(node.args[0])
        var, var_text = self.variable(node.args[1], name)
        order = 1
        if len(node.args) == 3:
            order_node = node.args[2]
            if (
                not isinstance(order_node, ast.Constant)
                or type(order_node.value) is not int
                or not 1 <= order_node.value <= MAX_DERIVATIVE_ORDER
            ):
                raise self.fail(
                    order_node,
                    f"the order must be a whole number from 1 to {MAX_DERIVATIVE_ORDER}",
                )
            order = order_node.value
        expr = _make(sympy.Derivative, body.expr, (var, order))
        sup = str(order).translate(_SUPERSCRIPT) if order > 1 else ""
        return _Built(expr, f"d{sup}/d{var_text}{sup} {_left(body, _ATOM).text}", _BIG)

    def limit(self, node: ast.Call, name: str) -> _Built:
        usage = f"'{name}' expects {name}(expr, x, point) or {name}(expr, x, point, '+'|'-'|'+-')"
        if len(node.args) not in (3, 4):
            raise self.fail(node, usage)
        before = set(self.guards)
        body = self.number(node.args[0])
        var, var_text = self.variable(node.args[1], name)
        # The body needs to be defined near the point, not at it: drop what the body's own
        # operations need of the limit's variable (x/x → 1 as x → 0).
        for key in set(self.guards) - before:
            if var in key[0].free_symbols:
                del self.guards[key]
        point = self.number(node.args[2])
        # No direction written means the two-sided limit, which is what "lim[x→a]" shows;
        # SymPy's own default would be the one-sided limit from the right.
        direction = "+-"
        if len(node.args) == 4:
            dir_node = node.args[3]
            if not (isinstance(dir_node, ast.Constant) and dir_node.value in ("+", "-", "+-")):
                raise self.fail(dir_node, usage)
            direction = str(dir_node.value)
        infinite = point.expr in (sympy.oo, -sympy.oo)
        # At ±oo only one side exists; SymPy picks it.
        expr = _make(sympy.Limit, body.expr, var, point.expr, "+" if infinite else direction)
        mark = "" if infinite else {"+": "⁺", "-": "⁻", "+-": ""}[direction]
        shown = _left(body, _BIG)
        return _Built(
            expr, f"lim[{var_text}→{point.text}{mark}] {shown.text}", min(_BIG, shown.prec)
        )

    @contextlib.contextmanager
    def binding(self, names: Mapping[str, sympy.Symbol]) -> Iterator[None]:
        """Bind Sum/Product indices for the duration of the block, shadowing other meanings."""
        saved = self.bound
        self.bound = {**saved, **names}
        try:
            yield
        finally:
            self.bound = saved


def _chain_ops(op: ast.operator) -> str | None:
    """The family of a left-associative chain operator, or None."""
    if isinstance(op, ast.Add | ast.Sub):
        return "add"
    if isinstance(op, ast.Mult | ast.Div):
        return "mul"
    return None


def _is_int_literal(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int)
        and not isinstance(node.value, bool)
    )


def _plural(count: int, word: str) -> str:
    if count == 1:
        return word
    return "indices" if word == "index" else word + "s"


def _rational_bits(value: Any) -> int:
    return max(int(value.p).bit_length(), int(value.q).bit_length())


def _numeric_bits(expr: Any) -> float:
    """About how many bits the numbers in ``expr`` take once SymPy raises it to a power.

    SymPy distributes a power over a product's numeric factors, so ``(3*sqrt(2))**n``
    computes 3**n and 2**(n/2); symbolic factors (x, pi, log(2)) stay symbolic.
    """
    bits = 0.0
    for factor in sympy.Mul.make_args(expr):
        if isinstance(factor, sympy.Rational):
            bits += _rational_bits(factor)
        elif (
            isinstance(factor, sympy.Pow)
            and isinstance(factor.base, sympy.Rational)
            and isinstance(factor.exp, sympy.Rational)
        ):
            bits += _rational_bits(factor.base) * float(abs(factor.exp))
    return bits


def _has_closed_series(value: object) -> bool:
    """Whether ``value`` holds a Sum or Product with no free symbols, i.e. a plain number."""
    if isinstance(value, tuple):
        return any(_has_closed_series(v) for v in value)
    if not isinstance(value, sympy.Basic):
        return False
    return any(not series.free_symbols for series in value.atoms(sympy.Sum, sympy.Product))


def _make(build: Callable[..., Any], *args: Any, inert: bool = False) -> Any:
    """``build(*args)``, with SymPy's evaluation off if ``inert`` or an argument is risky.

    An argument is risky when it holds a closed series (a Sum or Product with no free symbols).
    SymPy evaluates a Sum or Product with constant bounds numerically as soon as anything
    asks for its sign or order (Max, Abs, a comparison, even printing a sum of terms), and
    that can run for ever inside one C-level operation that no time limit interrupts.
    """
    if inert or any(_has_closed_series(arg) for arg in args):
        with sympy.evaluate(False):
            return build(*args)
    return build(*args)


def _log_power_risk(exponent: Any) -> bool:
    """Whether ``exp(exponent)`` could turn into a huge exact power, as exp(c*log(n)) = n**c."""
    if not isinstance(exponent, sympy.Basic) or not exponent.has(sympy.log):
        return False
    if _has_closed_series(exponent):
        return True
    return any(max(abs(r.p), r.q) > MAX_EXPONENT for r in exponent.atoms(sympy.Rational))
