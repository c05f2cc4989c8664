"""Declared domains and the declarations of a derivation, read independently of ``xentproof``.

A domain is a finite set of numbers or an interval (possibly of the integers, possibly without
0); its ends are constant expressions of the reference tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from .parse import parse_expression
from .tree import Node, Num

_KEYWORDS: dict[str, tuple[str | None, str | None, bool, bool, bool, bool]] = {
    # name: (lo, hi, lo_open, hi_open, integer, nonzero); None is an infinite end
    "real": (None, None, True, True, False, False),
    "positive": ("0", None, True, True, False, False),
    "negative": (None, "0", True, True, False, False),
    "nonnegative": ("0", None, False, True, False, False),
    "nonpositive": (None, "0", True, False, False, False),
    "nonzero": (None, None, True, True, False, True),
    "integer": (None, None, True, True, True, False),
    "positive integer": ("1", None, False, True, True, False),
    "nonnegative integer": ("0", None, False, True, True, False),
    "negative integer": (None, "-1", True, False, True, False),
    "nonzero integer": (None, None, True, True, True, True),
}


@dataclass(frozen=True)
class Domain:
    text: str
    values: tuple[Node, ...] | None = None  # a finite set
    lo: Node | None = None  # None: -oo
    hi: Node | None = None  # None: +oo
    lo_open: bool = True
    hi_open: bool = True
    integer: bool = False
    nonzero: bool = False
    # "{1, ..., C}": the upper end is the value of the symbol C at the point (``hi`` None);
    # "one-hot(C)", "simplex(K)": a family whose members 1..C (along the last index) are
    # one label / one probability vector; ``bound`` is C (a name or a whole number).
    bound: str | None = None
    joint: str | None = None

    @property
    def is_real_interval(self) -> bool:
        """An interval of real numbers: the only kind of domain a derivative may be taken in."""
        return self.values is None and not self.integer


@dataclass
class Declarations:
    """What a relation may refer to: symbols, families, functions, and the chain's fixes."""

    symbols: dict[str, Domain] = field(default_factory=dict)
    families: dict[str, tuple[Domain, tuple[str, ...]]] = field(default_factory=dict)
    functions: dict[str, tuple[tuple[str, ...], Node]] = field(default_factory=dict)
    where: dict[str, Node] = field(default_factory=dict)
    # a chain's ``assume``: the domain a symbol is narrowed to (the point must lie in both)
    assume: dict[str, Domain] = field(default_factory=dict)
    # the file's ``[constraints]``: (name, comparison "<", "<=", ">", ">=", left, right);
    # a point lies in the domains only where every one holds
    constraints: list[tuple[str, str, Node, Node]] = field(default_factory=list)

    @property
    def index_names(self) -> set[str]:
        """The index names of the families (``i`` in ``"y[i]"``): integers when free."""
        return {i for _, indices in self.families.values() for i in indices} - set(self.symbols)

    def domain_of(self, name: str) -> Domain:
        if name in self.assume:
            return self.assume[name]
        if name in self.symbols:
            return self.symbols[name]
        if name in self.index_names:
            return INDEX_DOMAIN
        raise KeyError(name)


def _constant(text: str) -> Node | None:
    text = text.strip()
    if text in ("oo", "-oo"):
        return None
    return parse_expression(text)


def parse_domain(text: str) -> Domain:
    norm = " ".join(text.split())
    key = norm.lower()
    if key in _KEYWORDS:
        lo, hi, lo_open, hi_open, integer, nonzero = _KEYWORDS[key]
        return Domain(
            key,
            None,
            None if lo is None else Num(Fraction(lo)),
            None if hi is None else Num(Fraction(hi)),
            lo_open,
            hi_open,
            integer,
            nonzero,
        )
    special = _special(norm)
    if special is not None:
        return special
    if norm.startswith("{") and norm.endswith("}"):
        values = tuple(parse_expression(part) for part in norm[1:-1].split(","))
        return Domain(norm, values=values)
    if norm[0] in "([" and norm[-1] in ")]" and norm.count(",") == 1:
        lo_text, hi_text = norm[1:-1].split(",")
        return Domain(
            norm,
            None,
            _constant(lo_text),
            _constant(hi_text),
            norm[0] == "(",
            norm[-1] == ")",
        )
    raise ValueError(f"domain {text!r} is not understood")


def _special(norm: str) -> Domain | None:
    """The forms that constrain more than each value alone, and integers from a bound."""
    compact = norm.replace(" ", "")
    lowered = compact.lower()
    for sign, shift in ((">=", 0), (">", 1)):
        head = "integer" + sign
        if lowered.startswith(head) and lowered[len(head) :].lstrip("-").isdigit():
            lo = int(lowered[len(head) :]) + shift
            return Domain(norm, None, Num(Fraction(lo)), None, False, True, True)
    for kind in ("one-hot", "simplex"):
        if lowered.startswith(kind + "(") and compact.endswith(")"):
            size = compact[len(kind) + 1 : -1]
            if kind == "one-hot":
                label = (Num(Fraction(0)), Num(Fraction(1)))
                return Domain(norm, label, bound=size, joint=kind)
            one = Num(Fraction(1))
            return Domain(norm, None, Num(Fraction(0)), one, True, False, bound=size, joint=kind)
    if compact.startswith("{") and compact.endswith("}") and compact.count(",") == 2:
        first, dots, last = compact[1:-1].split(",")
        if dots in ("...", "…"):
            if last.isdigit():
                values = tuple(Num(Fraction(v)) for v in range(int(first), int(last) + 1))
                return Domain(norm, values)
            return Domain(
                norm, None, Num(Fraction(int(first))), None, False, True, True, bound=last
            )
    return None


INDEX_DOMAIN = Domain("positive integer", lo=Num(Fraction(1)), lo_open=False, integer=True)


__all__ = ["INDEX_DOMAIN", "Declarations", "Domain", "parse_domain"]
