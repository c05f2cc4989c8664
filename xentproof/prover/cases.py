"""Case analysis: the pieces a domain is cut into so that each can be proved on its own.

Symbols over finite sets are enumerated. ``Abs``, ``Max``, ``Min`` and ``Piecewise`` cut the
domain of a symbol at the points where their conditions change (``s = 0`` for ``Max(s, 0)``),
and every resulting interval is reparametrised (see ``domains.pieces``) so that SymPy sees
it; the branch of each ``Piecewise`` then follows from the assumptions alone.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import sympy

from ..domains import Piece, pieces
from ..syntax.display import display_name
from .declared import DomainInfo

MAX_CASES = 256


@dataclass(frozen=True)
class Case:
    substitution: Mapping[sympy.Basic, sympy.Expr]
    labels: tuple[str, ...]
    conditions: tuple[str, ...]


class TooManyCases(Exception):
    """The case split would exceed MAX_CASES."""


def _free(exprs: Iterable[sympy.Basic]) -> set[sympy.Basic]:
    found: set[sympy.Basic] = set()
    for e in exprs:
        found |= e.free_symbols
    return found


def finite_cases(
    exprs: Sequence[sympy.Basic], infos: Mapping[sympy.Basic, DomainInfo]
) -> list[Case]:
    """Every combination of the values of the finite-set symbols the expressions use."""
    used = sorted((s for s in _free(exprs) if s in infos and infos[s].domain.is_finite), key=str)
    total = 1
    for s in used:
        total *= len(infos[s].domain.values or ())
    if total > MAX_CASES:
        raise TooManyCases(f"{total} cases of finite-set symbols exceed {MAX_CASES}")
    cases: list[Case] = []
    for combo in itertools.product(*(infos[s].domain.values or () for s in used)):
        substitution = dict(zip(used, combo, strict=True))
        labels = tuple(f"{display_name(infos[s].name)} = {v}" for s, v in substitution.items())
        cases.append(Case(substitution, labels, ()))
    return cases


def _as_piecewise(atom: sympy.Basic) -> sympy.Basic:
    """Abs, Max, Min, sign, Heaviside written as the Piecewise whose conditions cut."""
    if isinstance(atom, sympy.Piecewise):
        return atom
    if isinstance(atom, sympy.Abs):  # rewrite(Piecewise) needs the argument known real
        (arg,) = atom.args
        return sympy.Piecewise((arg, arg >= 0), (-arg, True))
    return atom.rewrite(sympy.Piecewise)


def _split_points(exprs: Sequence[sympy.Basic], symbol: sympy.Symbol) -> list[sympy.Expr]:
    """Points where a condition of a piecewise-defined part of the expressions changes."""
    relations: set[sympy.Basic] = set()
    for e in exprs:
        for atom in e.atoms(
            sympy.Abs, sympy.Max, sympy.Min, sympy.Piecewise, sympy.sign, sympy.Heaviside
        ):
            if symbol not in atom.free_symbols:
                continue
            for p in _as_piecewise(atom).atoms(sympy.Piecewise):
                for _, cond in p.args:
                    relations |= cond.atoms(sympy.core.relational.Relational)
    points: set[sympy.Expr] = set()
    for rel in relations:
        if rel.free_symbols != {symbol}:
            continue
        try:
            roots = sympy.solveset(rel.lhs - rel.rhs, symbol, domain=sympy.S.Reals)
        except (NotImplementedError, ValueError, TypeError):
            continue
        if isinstance(roots, sympy.FiniteSet):
            points |= {r for r in roots if r.is_real and r.is_finite}
    return sorted(points, key=lambda p: float(p))


def _integer_from(info: DomainInfo) -> Piece | None:
    """An integer symbol from a lower end its assumptions do not say (``C`` over
    ``integer >= 2``), written as ``2 + n`` with ``n`` a nonnegative integer."""
    domain = info.domain
    if not domain.integer or domain.values is not None or not domain.lo.is_finite:
        return None
    if domain.lo in (0, 1) or domain.hi.is_finite:
        return None
    n = sympy.Symbol(f"n_{info.name}", integer=True, nonnegative=True)
    shown = display_name(info.name)
    return Piece(
        domain.lo + n, f"{shown} = {domain.lo} + n, n ≥ 0 an integer, so {shown} ≥ {domain.lo}"
    )


def interval_cases(
    exprs: Sequence[sympy.Basic], infos: Mapping[sympy.Basic, DomainInfo], *, reparametrise: bool
) -> list[Case]:
    """Cut interval symbols at piecewise break points and write each piece for SymPy.

    Without ``reparametrise`` only symbols that must be cut are rewritten; the others keep
    the assumptions of their declaration (fewer side conditions to report).
    """
    symbols: list[sympy.Basic] = []
    per_symbol: list[list[tuple[Piece, str]]] = []
    for s in sorted(_free(exprs), key=str):
        integer_piece = _integer_from(infos[s]) if reparametrise and s in infos else None
        if integer_piece is not None:
            symbols.append(s)
            per_symbol.append([(integer_piece, "")])
            continue
        if s not in infos or infos[s].domain.is_finite or infos[s].domain.integer:
            continue
        info = infos[s]
        domain = info.domain
        cuts = [p for p in _split_points(exprs, s) if bool(p > domain.lo) and bool(p < domain.hi)]
        whole_line = domain.lo.is_infinite and domain.hi.is_infinite
        if not cuts and (not reparametrise or whole_line):
            continue
        shown = display_name(info.name)
        ends = [domain.lo, *cuts, domain.hi]
        options: list[tuple[Piece, str]] = []
        for k in range(len(ends) - 1):
            lo, hi = ends[k], ends[k + 1]
            lo_open = k > 0 or domain.lo_open
            hi_open = k < len(ends) - 2 or domain.hi_open
            for piece in pieces(info.name, s, lo, hi, lo_open, hi_open):
                options.append((piece, _label(shown, lo, hi, piece) if cuts else ""))
        options += [(Piece(c, ""), f"{shown} = {c}") for c in cuts]
        symbols.append(s)
        per_symbol.append(options)
    total = 1
    for options in per_symbol:
        total *= len(options)
    if total > MAX_CASES:
        raise TooManyCases(f"{total} cases exceed {MAX_CASES}")
    cases: list[Case] = []
    for combo in itertools.product(*per_symbol):
        substitution = {
            s: piece.value for s, (piece, _) in zip(symbols, combo, strict=True) if piece.value != s
        }
        labels = tuple(label for _, label in combo if label)
        # A piece of a split is named by its label; only a whole declared interval
        # written through a positive symbol is a side condition worth stating.
        conditions = tuple(
            piece.condition for piece, label in combo if piece.condition and not label
        )
        cases.append(Case(substitution, labels, conditions))
    return cases


def _label(shown: str, lo: sympy.Expr, hi: sympy.Expr, piece: Piece) -> str:
    if not piece.value.free_symbols:
        return f"{shown} = {piece.value}"
    if lo.is_infinite:
        return f"{shown} < {hi}"
    if hi.is_infinite:
        return f"{shown} > {lo}"
    return f"{lo} < {shown} < {hi}"
