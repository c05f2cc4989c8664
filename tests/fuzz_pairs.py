"""Random relations for the checker's fuzz test (``tests/test_fuzz.py``).

An expression tree over the symbols ``a``, ``b``, ``c`` (each with a random declared domain)
is rendered as file text; the relation's other side is a rewrite SymPy made of it (true by
SymPy's conventions), a rewrite that needs a positivity the domain may not give, a single
edit of it (a near miss) or another random tree. Besides arithmetic, ``exp``, ``log``,
``Abs``, ``sqrt`` and ``Max``, the trees hold the constructs whose meaning SymPy does not
share with the contract of ``docs/semantics.md``:

- ``Sum``/``Product`` over ranges that may be empty or have bounds that are not integers
  (SymPy: Karr's convention, steps from the lower bound);
- ``Limit`` without a direction (two-sided), of a Piecewise with a jump or of a body defined
  on one side only, and at points that are not limit points of the domain (SymPy: the limit
  from the right, with no domain);
- ``Derivative`` of ``Abs``, ``Max``, ``Min`` and Piecewise bodies at their kinks, and in
  variables that are not real (SymPy: ``sign``, ``Heaviside``, branch by branch);
- constant subterms with no real value, ``0*log(-1)`` (SymPy drops them while building);
- negative constant bases with symbolic exponents, ``(-1)**(a/2)`` (SymPy: complex);
- Piecewise values that are undefined where their condition selects them.

``constructs(domains, lhs, rhs)`` names the constructs a relation contains, read from its
text with the reference evaluator's reader (``tests/reference``), so that the test can leave
out those with open known failures. SymPy makes the inputs here; it never judges them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy
from hypothesis import assume
from hypothesis import strategies as st
from sympy.printing.str import StrPrinter

from tests.reference import (
    Declarations,
    Undecidable,
    Undefined,
    Unsupported,
    parse_domain,
    parse_expression,
)
from tests.reference import numbers as ref_numbers
from tests.reference.evaluate import Evaluator, MissingValue
from tests.reference.tree import (
    Apply,
    Big,
    BinOp,
    Const,
    Derivative,
    Limit,
    Name,
    Neg,
    Node,
    Num,
    children,
    walk,
)
from tests.reference.tree import Piecewise as PiecewiseNode
from xentproof.domains import assumptions
from xentproof.domains import parse_domain as checker_domain
from xentproof.errors import XentproofError
from xentproof.syntax.reader import read_expression
from xentproof.syntax.scope import Scope
from xentproof.timing import ProofTimeout, time_limit

NAMES = ("a", "b", "c")
INTERVALS = ("real", "positive", "(0, 1)", "nonnegative", "[0, 1]", "(1, 2)")
DISCRETE = ("{0, 1}", "{-1, 1}", "integer", "nonnegative integer", "positive integer", "{1, 3}")
DOMAINS = INTERVALS + DISCRETE
RELATIONS = ("=", "=", "=", "<", "<=", ">", ">=")

# What each construct is, for the exclusion list of the test and its messages.
CONSTRUCTS: Mapping[str, str] = {
    "range": "a Sum or Product over a nonempty range of integers",
    "empty-range": "a Sum or Product whose range is empty at some point of the domains",
    "fractional-range": "a Sum or Product with a bound that is not an integer somewhere",
    "limit": "a one-sided limit at a limit point of the domain from that side",
    "two-sided-limit": "a limit without a direction (two-sided)",
    "limit-domain": "a limit at a point that is not a limit point of the variable's domain",
    "derivative": "a derivative of a body without kinks in a real variable",
    "kink-derivative": (
        "a derivative of a body with Abs, Max, Min, sqrt, Piecewise, a limit, a sum or a power "
        "to an exponent that is not an integer"
    ),
    "derivative-variable": "a derivative in a variable whose domain is not an interval",
    "undefined-constant": "a constant subterm with no real value (log(-1), 0*log(-1))",
    "negative-base": "a negative constant base with a symbolic exponent",
    "piecewise": "a Piecewise",
    "partial-piecewise": (
        "a Piecewise with a value or condition that is undefined somewhere (a division, log, "
        "sqrt, tan, or a power to an exponent that is not a positive integer)"
    ),
}

# -- trees ----------------------------------------------------------------------------------

# An expression tree: ("sym", name) | ("num", text) | ("const", text) | (op, child, ...), and
# the special forms ("sum", kind, body, lo, hi), ("limit", body, var, point, dir),
# ("deriv", body, var), ("pw", v1, left, op, right, v2), ("negpow", base, exponent).
Tree = tuple[Any, ...]
_NUMBERS = st.sampled_from(["0", "1", "2", "3", "-1", "1/2", "-1/2", "1/3", "3/2", "2/3", "5"])
_UNARY = ("neg", "exp", "log", "Abs", "sqrt")
_BINARY = ("+", "-", "*", "/", "**", "Max")
_POWERS = ("2", "3", "-1", "-2", "1/2", "3/2", "-1/2")
SPECIALS = ("sum", "limit", "deriv", "pw", "const", "negpow")
# Constant subterms with no real value, and some that have one (so that the construct does
# not always mean "undefined").
_CONSTANTS = (
    "0*log(-1)", "log(-1)", "sqrt(-1)**2", "(-8)**(1/3)", "log(-2) - log(2)", "(-1)**(1/2)",
    "0*(1/0)", "log(0)", "0**0", "(-2)**2", "log(1)",
)  # fmt: skip
_DEFINED = ("0**0", "(-2)**2", "log(1)", "sqrt(4)", "exp(0) - 1")
_POINTS = ("0", "1", "-1", "1/2", "oo")
_KINKS = ("Abs", "Max", "Min", "jump", "sqrt")
# Child positions of each special form (the other slots are names, operators, texts).
_CHILDREN: Mapping[str, tuple[int, ...]] = {
    "sum": (2, 3, 4),
    "limit": (1,),
    "deriv": (1,),
    "pw": (1, 2, 4, 5),
    "negpow": (2,),
    "const": (),
    "sym": (),
    "num": (),
}


def children_of(tree: Tree) -> tuple[int, ...]:
    return _CHILDREN.get(tree[0], tuple(range(1, len(tree))))


@st.composite
def trees(draw: st.DrawFn, depth: int = 3, names: tuple[str, ...] = NAMES) -> Tree:
    """A random tree of arithmetic, exp, log, Abs, sqrt and Max."""
    if depth == 0 or draw(st.integers(0, 4)) == 0:
        if draw(st.integers(0, 2)) == 0:
            return ("num", draw(_NUMBERS))
        return ("sym", draw(st.sampled_from(names)))
    kind = draw(st.sampled_from((*_UNARY, *_BINARY, "**k", "**k")))
    if kind in _UNARY:
        return (kind, draw(trees(depth - 1, names)))
    if kind == "**k":
        return (
            "**",
            draw(trees(depth - 1, names)),
            ("num", draw(st.sampled_from(_POWERS))),
        )
    return (kind, draw(trees(depth - 1, names)), draw(trees(depth - 1, names)))


def plain(names: tuple[str, ...] = NAMES, depth: int = 2) -> st.SearchStrategy[Tree]:
    return trees(depth, names)


@dataclass(frozen=True)
class Grammar:
    """What a relation's trees may hold: the declared domains of its symbols, and the
    constructs to leave out (the special forms are then drawn so as to avoid them)."""

    domains: tuple[tuple[str, str], ...]
    excluded: frozenset[str] = frozenset()

    def names(self, *kinds: tuple[str, ...]) -> tuple[str, ...]:
        """The symbols whose domain is one of ``kinds`` (all of them without kinds)."""
        wanted = {d for kind in kinds for d in kind}
        return tuple(n for n, d in self.domains if not kinds or d in wanted)

    @property
    def specials(self) -> tuple[str, ...]:
        return tuple(s for s in SPECIALS if s != "negpow" or "negative-base" not in self.excluded)


@st.composite
def with_special(draw: st.DrawFn, grammar: Grammar) -> Tree:
    """A tree with a special form at its root or just below it."""
    form = draw(special(draw(st.sampled_from(grammar.specials)), grammar))
    shape = draw(st.sampled_from(("alone", "alone", "unary", "binary", "power")))
    if shape == "unary":
        return (draw(st.sampled_from(_UNARY)), form)
    if shape == "power":
        return ("**", form, ("num", draw(st.sampled_from(_POWERS))))
    if shape == "binary":
        other = draw(plain(NAMES, 1))
        op = draw(st.sampled_from(_BINARY))
        return (op, form, other) if draw(st.booleans()) else (op, other, form)
    return form


@st.composite
def special(draw: st.DrawFn, kind: str, grammar: Grammar) -> Tree:
    """One special form whose parts are plain trees."""
    names = NAMES
    if kind == "const":
        undefined = "undefined-constant" not in grammar.excluded
        return ("const", draw(st.sampled_from(_CONSTANTS if undefined else _DEFINED)))
    if kind == "negpow":
        base = draw(st.sampled_from(("-1", "-2", "-1/2")))
        exponent = draw(st.one_of(plain(names, 1), st.builds(_half, st.sampled_from(names))))
        return ("negpow", base, exponent)
    if kind == "pw":
        op = draw(st.sampled_from(("<", "<=", ">", ">=")))
        parts = [draw(plain(names)) for _ in range(4)]
        return ("pw", parts[0], parts[1], op, parts[2], parts[3])
    if kind == "sum":
        return draw(sums(grammar))
    if kind == "deriv":
        return draw(derivatives(grammar))
    return draw(limits(grammar))


def _half(name: str) -> Tree:
    return ("/", ("sym", name), ("num", "2"))


@st.composite
def derivatives(draw: st.DrawFn, grammar: Grammar) -> Tree:
    """A derivative in a real variable (or, unless left out, in an integer or finite-set
    one) of a smooth body, or of one with a kink or a jump (unless left out)."""
    variables = grammar.names() if "derivative-variable" not in grammar.excluded else ()
    var = draw(st.sampled_from(variables or grammar.names(INTERVALS) or NAMES))
    kinks = "kink-derivative" not in grammar.excluded
    body = draw(st.one_of(plain(NAMES), kinked(var)) if kinks else smooth((var, *NAMES)))
    return ("deriv", body, var)


# The points of a limit that lie inside each interval domain (from both sides), and the
# ends it has (approached from inside only).
_INSIDE: Mapping[str, tuple[str, ...]] = {
    "real": ("0", "1", "-1", "1/2"),
    "positive": ("1", "1/2"),
    "nonnegative": ("1", "1/2"),
    "(0, 1)": ("1/2", "1/3"),
    "[0, 1]": ("1/2", "1/3"),
    "(1, 2)": ("3/2", "5/4"),
}
_ENDS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "positive": (("0", "+"),),
    "nonnegative": (("0", "+"),),
    "(0, 1)": (("0", "+"), ("1", "-")),
    "[0, 1]": (("0", "+"), ("1", "-")),
    "(1, 2)": (("1", "+"), ("2", "-")),
}


@st.composite
def limits(draw: st.DrawFn, grammar: Grammar) -> Tree:
    """A limit of a plain body or of one with a jump, a kink or one-sided definedness, at a
    point inside the variable's domain, at an end of it, at oo, or (unless left out) at a
    point that is not a limit point of the domain."""
    anywhere = "limit-domain" not in grammar.excluded
    var = draw(st.sampled_from(grammar.names() if anywhere else grammar.names(INTERVALS) or NAMES))
    domain = dict(grammar.domains)[var]
    body = draw(st.one_of(plain(NAMES), kinked(var)))
    sides = ("+", "-") if "two-sided-limit" in grammar.excluded else ("", "", "+", "-")
    choices = [(p, d) for p in _INSIDE.get(domain, ()) for d in sides]
    choices += list(_ENDS.get(domain, ()))
    if domain in ("real", "positive", "nonnegative"):
        choices.append(("oo", ""))
    if anywhere or not choices:
        choices += [(p, d) for p in _POINTS for d in sides]
    point, direction = draw(st.sampled_from(choices))
    return ("limit", body, var, point, "" if point == "oo" else direction)


@st.composite
def kinked(draw: st.DrawFn, var: str) -> Tree:
    """A body in ``var`` with a kink, a jump or one-sided definedness at a small point."""
    at = ("num", draw(st.sampled_from(("0", "1", "-1", "1/2"))))
    shifted = ("-", ("sym", var), at)
    shape = draw(st.sampled_from((*_KINKS, "log", "one-over")))
    other = draw(plain((var,), 1))
    if shape == "Abs":
        return ("Abs", shifted)
    if shape in ("Max", "Min"):
        return (shape, ("sym", var), at)
    if shape == "jump":
        return ("pw", other, ("sym", var), "<", at, ("+", other, ("num", "1")))
    if shape == "sqrt":
        return ("sqrt", shifted)
    if shape == "log":
        return ("*", shifted, ("log", shifted))
    return ("/", other, shifted)


@st.composite
def smooth(draw: st.DrawFn, names: tuple[str, ...], depth: int = 2) -> Tree:
    """A tree of +, -, *, /, exp, log and integer powers: differentiable where defined."""
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        leaf = draw(st.sampled_from((*names, "1", "2", "1/2", "-1")))
        return ("sym", leaf) if leaf in names else ("num", leaf)
    kind = draw(st.sampled_from(("+", "-", "*", "/", "exp", "log", "neg", "**k")))
    inner = draw(smooth(names, depth - 1))
    if kind in ("exp", "log", "neg"):
        return (kind, inner)
    if kind == "**k":
        return ("**", inner, ("num", draw(st.sampled_from(("2", "3", "-1")))))
    return (kind, inner, draw(smooth(names, depth - 1)))


@st.composite
def sums(draw: st.DrawFn, grammar: Grammar) -> Tree:
    """A Sum or Product over ``i``: constant bounds, an upper bound that is a positive
    integer symbol, and unless left out, reversed bounds, an upper bound a symbol minus 1 or
    2 (empty ranges) and bounds that need not be integers (``a/2``, ``sqrt(a)``, ``1/2``)."""
    big = draw(st.sampled_from(("Sum", "Sum", "Product")))
    body = draw(plain((*NAMES, "i"), 1)) if big == "Sum" else draw(plain(("i",), 1))
    bounds: list[tuple[Tree, Tree]] = [(("num", "1"), ("num", "3")), (("num", "0"), ("num", "2"))]
    counting = grammar.names(("positive integer", "{1, 3}"))
    bounds += [(("num", "1"), ("sym", n)) for n in counting]
    if "empty-range" not in grammar.excluded:
        bounds.append((("num", "3"), ("num", "1")))
        for n in grammar.names(DISCRETE):
            bounds += [(("num", "1"), ("-", ("sym", n), ("num", k))) for k in ("1", "2")]
    if "fractional-range" not in grammar.excluded:
        bounds.append((("num", "1/2"), ("num", "3")))
        for n in NAMES:
            bounds += [(("num", "1"), ("/", ("sym", n), ("num", "2"))), (("num", "1"), ("sym", n))]
            bounds.append((("num", "1"), ("sqrt", ("sym", n))))
    lo, hi = draw(st.sampled_from(bounds))
    return ("sum", big, body, lo, hi)


def render(tree: Tree) -> str:
    kind = tree[0]
    if kind == "sym":
        return str(tree[1])
    if kind == "num":
        return f"({tree[1]})" if "/" in tree[1] or tree[1].startswith("-") else str(tree[1])
    if kind == "const":
        return f"({tree[1]})"
    if kind == "neg":
        return f"-({render(tree[1])})"
    if kind in ("exp", "log", "Abs", "sqrt"):
        return f"{kind}({render(tree[1])})"
    if kind in ("Max", "Min"):
        return f"{kind}({render(tree[1])}, {render(tree[2])})"
    if kind == "sum":
        return f"{tree[1]}({render(tree[2])}, (i, {render(tree[3])}, {render(tree[4])}))"
    if kind == "limit":
        direction = f", '{tree[4]}'" if tree[4] else ""
        return f"Limit({render(tree[1])}, {tree[2]}, {tree[3]}{direction})"
    if kind == "deriv":
        return f"Derivative({render(tree[1])}, {tree[2]})"
    if kind == "pw":
        condition = f"{render(tree[2])} {tree[3]} {render(tree[4])}"
        return f"Piecewise(({render(tree[1])}, {condition}), ({render(tree[5])}, True))"
    if kind == "negpow":
        return f"({tree[1]})**({render(tree[2])})"
    return f"({render(tree[1])}) {kind} ({render(tree[2])})"


def _subtrees(tree: Tree) -> list[tuple[int, ...]]:
    """Paths to every node, root first."""
    paths: list[tuple[int, ...]] = [()]
    for k in children_of(tree):
        paths += [(k, *p) for p in _subtrees(tree[k])]
    return paths


def _at(tree: Tree, path: tuple[int, ...]) -> Tree:
    for k in path:
        tree = tree[k]
    return tree


def _replace(tree: Tree, path: tuple[int, ...], new: Tree) -> Tree:
    if not path:
        return new
    k = path[0]
    return (*tree[:k], _replace(tree[k], path[1:], new), *tree[k + 1 :])


@st.composite
def mutants(draw: st.DrawFn, tree: Tree) -> Tree:
    """One small edit of ``tree``: a near miss, usually false."""
    path = draw(st.sampled_from(_subtrees(tree)))
    node = _at(tree, path)
    kind = node[0]
    edits: list[Tree] = [("neg", node), ("+", node, ("num", draw(_NUMBERS)))]
    if kind == "sym":
        edits.append(("sym", draw(st.sampled_from(NAMES))))
    if kind == "num":
        edits.append(("num", draw(_NUMBERS)))
    if kind in ("exp", "log", "Abs", "sqrt", "neg"):
        edits.append((draw(st.sampled_from(("exp", "log", "Abs", "sqrt", "neg"))), node[1]))
        edits.append(node[1])
    if kind in _BINARY:
        edits += [node[1], node[2], (kind, node[2], node[1])]
        edits.append((draw(st.sampled_from(_BINARY)), node[1], node[2]))
    if kind == "sum":  # off by one, the other kind
        edits.append((*node[:4], ("+", node[4], ("num", "1"))))
        edits.append((*node[:3], ("-", node[3], ("num", "1")), node[4]))
        edits.append((node[0], "Product" if node[1] == "Sum" else "Sum", *node[2:]))
    if kind == "limit":
        edits.append((*node[:4], draw(st.sampled_from(("", "+", "-")))))
    if kind in ("deriv", "limit", "pw"):
        edits.append(node[1])
    return _replace(tree, path, draw(st.sampled_from(edits)))


# -- rewrites ---------------------------------------------------------------------------------


class FilePrinter(StrPrinter):  # type: ignore[misc]
    """SymPy's text, with limits and derivatives in the file syntax (``Limit(f, x, a, '+')``,
    ``Derivative(f, x, 2)``) rather than with keywords and tuples."""

    def _print_Limit(self, expr: Any) -> str:
        body, var, point, direction = expr.args
        tail = "" if str(direction) == "+-" else f", '{direction}'"
        return f"Limit({self._print(body)}, {self._print(var)}, {self._print(point)}{tail})"

    def _print_Derivative(self, expr: Any) -> str:
        ((var, order),) = expr.variable_count  # one variable: the file syntax's only form
        tail = "" if order == 1 else f", {order}"
        return f"Derivative({self._print(expr.expr)}, {self._print(var)}{tail})"


def file_text(expr: Any) -> str:
    return str(FilePrinter().doprint(expr))


def _doit(expr: Any) -> Any:
    """SymPy's own evaluation of sums, limits and derivatives (Karr sums, the right-hand
    limit, ``sign`` and ``Heaviside``), written with Piecewise so that a file can say it."""
    return expr.doit().rewrite(sympy.Piecewise)


# Rewrites that hold wherever both sides are defined (by SymPy's conventions), and rewrites
# that need positivity (``force=True``) the declared domain may not give: the near misses.
TRUE_REWRITES: Mapping[str, Callable[[Any], Any]] = {
    "expand": sympy.expand,
    "factor": sympy.factor,
    "together": sympy.together,
    "cancel": sympy.cancel,
    "expand_log": sympy.expand_log,
    "logcombine": sympy.logcombine,
    "powsimp": sympy.powsimp,
    "powdenest": sympy.powdenest,
    "radsimp": sympy.radsimp,
    "piecewise": lambda e: e.rewrite(sympy.Piecewise),
    "expand_mul": sympy.expand_mul,
    "doit": _doit,
    "doit+simplify": lambda e: sympy.simplify(_doit(e)),
}
FORCED_REWRITES: Mapping[str, Callable[[Any], Any]] = {
    "expand_log(force)": lambda e: sympy.expand_log(e, force=True),
    "logcombine(force)": lambda e: sympy.logcombine(e, force=True),
    "powsimp(force)": lambda e: sympy.powsimp(e, force=True),
    "powdenest(force)": lambda e: sympy.powdenest(e, force=True),
    "expand(force)": lambda e: sympy.expand(e, force=True),
    "simplify(positive)": lambda e: _as_if_positive(sympy.simplify, e),
    "powdenest(positive)": lambda e: _as_if_positive(lambda f: sympy.powdenest(f, force=True), e),
}


def _as_if_positive(rewrite: Callable[[Any], Any], expr: Any) -> Any:
    """``rewrite`` applied as if every symbol were positive, then the symbols put back."""
    positive, back = sympy.posify(expr)
    return rewrite(positive).xreplace(back)


def checker_scope(domains: Mapping[str, str]) -> Scope:
    return Scope(
        symbols={
            name: sympy.Symbol(name, **assumptions(checker_domain(text)))
            for name, text in domains.items()
        }
    )


Pair = tuple[dict[str, str], str, str, str, str]


@st.composite
def pairs(
    draw: st.DrawFn,
    kinds: tuple[str, ...] = ("true", "true", "forced", "mutant", "mutant", "random"),
    depth: int = 3,
    specials: bool = False,
    excluded: Iterable[str] = (),
) -> Pair:
    """(domains, lhs, relation, rhs, kind) for one relation to check; with ``specials``,
    the left side holds a special form (a sum, a limit, ...). None contains an ``excluded``
    construct (see ``constructs``)."""
    domains = {n: draw(st.sampled_from(DOMAINS)) for n in NAMES}
    grammar = Grammar(tuple(domains.items()), frozenset(excluded))
    tree = draw(with_special(grammar) if specials else trees(depth, NAMES))
    lhs = render(tree)
    kind = draw(st.sampled_from(kinds))
    relation = "="
    if kind == "random":
        other = with_special(grammar) if specials and draw(st.booleans()) else trees(depth)
        rhs_tree = draw(other)
        relation = draw(st.sampled_from(RELATIONS))
    elif kind == "mutant":
        rhs_tree = draw(mutants(tree))
        relation = draw(st.sampled_from(RELATIONS))
    else:
        rhs_tree = tree
    rewrites = TRUE_REWRITES if kind != "forced" else FORCED_REWRITES
    name = draw(st.sampled_from(sorted(rewrites)))
    written = kind == "random" and draw(st.booleans())
    rhs = _rhs(domains, lhs, rhs_tree, None if written else rewrites[name])
    assume(rhs is not None)
    assert rhs is not None
    assume(not (constructs(domains, lhs, rhs) & set(excluded)))
    return domains, lhs, relation, rhs, kind if written else f"{kind} {name}"


def _rhs(
    domains: Mapping[str, str], lhs: str, tree: Tree, rewrite: Callable[[Any], Any] | None
) -> str | None:
    """The other side's text: ``tree`` as written, or SymPy's rewrite of the checker's
    reading of it; None when the checker cannot read a side or SymPy fails."""
    scope = checker_scope(domains)
    try:
        with time_limit(3.0):
            read_expression(lhs, scope)
            written = render(tree)
            expr = read_expression(written, scope).expr
            rhs = written if rewrite is None else file_text(rewrite(expr))
            read_expression(rhs, scope)
            parse_expression(rhs)
    except (XentproofError, ProofTimeout, RecursionError, ValueError, TypeError):
        return None
    except (AttributeError, NotImplementedError, ArithmeticError, IndexError):
        return None  # SymPy's rewrites fail in their own ways on unusual input
    return rhs


# -- constructs -------------------------------------------------------------------------------


def constructs(domains: Mapping[str, str], lhs: str, rhs: str) -> set[str]:
    """The constructs of ``CONSTRUCTS`` that the relation's text contains, judged with the
    reference evaluator's reader and arithmetic (bounds at the points of the domains)."""
    decl = Declarations(symbols={n: parse_domain(d) for n, d in domains.items()})
    found: set[str] = set()
    for text in (lhs, rhs):
        for node in walk(parse_expression(text)):
            found |= _construct(decl, node)
    return found


def _construct(decl: Declarations, node: Node) -> set[str]:
    found = _form_construct(decl, node)
    if not free(node) and _undefined(decl, node):
        found.add("undefined-constant")  # log(-1), Sum(log(i), (i, 0, 2)), a limit of none
    return found


def _form_construct(decl: Declarations, node: Node) -> set[str]:
    if isinstance(node, Big):
        return _range_constructs(decl, node)
    if isinstance(node, Limit):
        return {_limit_construct(decl, node)}
    if isinstance(node, Derivative):
        domain = decl.symbols.get(node.var)
        if domain is None or not domain.is_real_interval:
            return {"derivative-variable"}
        kinks = any(_has_kink(n) for n in walk(node.body))
        return {"kink-derivative" if kinks else "derivative"}
    if isinstance(node, PiecewiseNode):
        partial = any(_partial(n) for n in walk(node))
        return {"piecewise", "partial-piecewise"} if partial else {"piecewise"}
    if isinstance(node, BinOp) and node.op == "**" and free(node.right):
        negative = not free(node.left) and _negative_constant(decl, node.left)
        return {"negative-base"} if negative else set()
    return set()


def free(node: Node, bound: frozenset[str] = frozenset()) -> set[str]:
    """The names ``node`` depends on: not the index of a Sum or Product, nor the variable of
    a limit, inside them (the variable of a derivative is free: it is the point)."""
    if isinstance(node, Name):
        return set() if node.name in bound else {node.name}
    if isinstance(node, Big):
        found: set[str] = set()
        inner = bound
        for index, lo, hi in reversed(node.ranges):
            found |= free(lo, inner) | free(hi, inner)
            inner = inner | {index}
        return found | free(node.body, inner)
    if isinstance(node, Limit):
        return free(node.point, bound) | free(node.body, bound | {node.var})
    if isinstance(node, Derivative):
        return free(node.body, bound) | ({node.var} - bound)
    return set().union(*(free(child, bound) for child in children(node)))


def _partial(node: Node) -> bool:
    """An operation that is undefined somewhere: a division, log, sqrt, tan, or a power to
    an exponent that is not a positive integer."""
    if isinstance(node, Apply):
        return node.func in ("log", "sqrt", "tan")
    if isinstance(node, BinOp) and node.op == "**":
        exponent = node.right
        return not (
            isinstance(exponent, Num) and exponent.value.denominator == 1 and exponent.value > 0
        )
    return isinstance(node, BinOp) and node.op == "/"


def _has_kink(node: Node) -> bool:
    if isinstance(node, Apply) and node.func in ("Abs", "Max", "Min", "sqrt"):
        return True
    if isinstance(node, BinOp) and node.op == "**":
        return not _integer_constant(node.right)  # x**(1/2) at 0, 0**x: no derivative
    return isinstance(node, PiecewiseNode | Limit | Big)


def _integer_constant(node: Node) -> bool:
    if isinstance(node, Neg):
        return _integer_constant(node.arg)
    return isinstance(node, Num) and node.value.denominator == 1


def _negative_constant(decl: Declarations, node: Node) -> bool:
    try:
        value = Evaluator(decl, {}).value(node)
        return not isinstance(value, ref_numbers.Infinite) and ref_numbers.sign(value) < 0
    except (Undefined, Undecidable, Unsupported, MissingValue):
        return False


def _undefined(decl: Declarations, node: Node) -> bool:
    try:
        Evaluator(decl, {}).value(node)
    except Undefined:
        return True
    except (Undecidable, Unsupported, MissingValue):
        return False
    return False


_BOUND_VALUES = tuple(
    Fraction(v) for v in ("-3", "-1", "0", "1", "2", "3", "7", "1/2", "3/2", "5/4", "1/100")
)


def _range_constructs(decl: Declarations, node: Big) -> set[str]:
    """Empty and fractional ranges: the bounds evaluated where their symbols take small
    values of their domains (the ends of intervals, the members of sets)."""
    found: set[str] = set()
    for _, lo, hi in node.ranges:
        names = sorted({n.name for n in walk(lo) + walk(hi) if isinstance(n, Name)})
        for point in _bound_points(decl, names):
            ev = Evaluator(decl, point)
            try:
                lo_value, hi_value = ev.real(lo, {}), ev.real(hi, {})
                whole = [ref_numbers.as_integer(v) for v in (lo_value, hi_value)]
                if None in whole:
                    found.add("fractional-range")
                if ref_numbers.ceil_int(lo_value) > ref_numbers.floor_int(hi_value):
                    found.add("empty-range")
            except (Undefined, Undecidable, Unsupported, MissingValue):
                found.add("fractional-range")  # a bound that is not even a real number
    return found or {"range"}


def _bound_points(decl: Declarations, names: list[str]) -> list[dict[str, Node]]:
    points: list[dict[str, Node]] = [{}]
    for name in names:
        domain = decl.symbols.get(name)
        if domain is None:
            continue
        values = list(domain.values) if domain.values is not None else []
        if domain.values is None:
            ev = Evaluator(decl, {})
            values = [
                parse_expression(str(q))
                for q in _BOUND_VALUES
                if ev.contains(domain, ref_numbers.exact(q))
            ]
        points = [{**p, name: v} for p in points for v in values]
    return points


def _limit_construct(decl: Declarations, node: Limit) -> str:
    domain = decl.symbols.get(node.var)
    if domain is None:
        return "limit-domain"
    point = node.point
    if isinstance(point, Const) or (isinstance(point, Neg) and isinstance(point.arg, Const)):
        upward = isinstance(point, Const)
        end = domain.hi if upward else domain.lo
        discrete_set = domain.values is not None
        return "limit-domain" if discrete_set or end is not None else "limit"
    if domain.values is not None or domain.integer:
        return "limit-domain"
    ev = Evaluator(decl, {})
    at = ev.real(point, {})
    sides = {"+": (1,), "-": (-1,), "+-": (1, -1)}[node.direction]
    for side in sides:
        if domain.lo is not None:
            above = ref_numbers.sign(ref_numbers.sub(at, ev.real(domain.lo, {})))
            if above < 0 or (above == 0 and side < 0):
                return "limit-domain"
        if domain.hi is not None:
            below = ref_numbers.sign(ref_numbers.sub(ev.real(domain.hi, {}), at))
            if below < 0 or (below == 0 and side > 0):
                return "limit-domain"
    return "two-sided-limit" if node.direction == "+-" else "limit"
