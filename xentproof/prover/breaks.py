"""Values where an expression switches, for the sample points to look at: the point where
Max, Min, Abs, sign or a Piecewise condition changes branch, where a range of a sum becomes
empty, and just beyond each; and the scale of the large or tiny constants it holds.

Sampling across scales does not reach them: ``Max(x, 10**40) = 10**40`` fails only beyond
10**40, ``Sum(1, (i, 1, N - 10)) = 0`` only from N = 11 on. A switch is found exactly where
it is the root of a polynomial in one symbol (the other symbols set to their finite values,
if they have them); a value is offered only if it lies in the symbol's domain.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence

import sympy

from ..domains import contains
from .declared import DomainInfo

MAX_DEGREE = 2  # roots of a switch found exactly up to this degree
MAX_PER_SYMBOL = 10  # values offered for one symbol
MAX_SWITCHES = 24  # switch expressions (and their variants) looked at per relation
MAX_CASES = 4  # values of the finite-set symbols a switch is solved under
MAX_OPS = 200  # a switch larger than this is not solved
LARGE = sympy.Integer(10) ** 3  # a constant at least this large (or 1/it small) sets a scale


def switches(expr: sympy.Basic) -> list[sympy.Expr]:
    """The expressions whose sign decides a branch of ``expr`` (a − b for Max(a, b), the
    argument of Abs, lhs − rhs of a condition) and the sizes of its ranges (hi − lo + 1,
    which is 0 where a range becomes empty, and hi − lo); each also in the forms
    ``_variants`` gives."""
    found: list[sympy.Expr] = []
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Max, sympy.Min)):
            found += [a - b for a, b in itertools.combinations(node.args, 2)]
        elif isinstance(node, (sympy.Abs, sympy.sign, sympy.Heaviside)):
            found.append(node.args[0])
        elif isinstance(node, sympy.Piecewise):
            for _, condition in node.args:
                if isinstance(condition, sympy.Basic):
                    found += [
                        r.lhs - r.rhs for r in condition.atoms(sympy.core.relational.Relational)
                    ]
        elif isinstance(node, (sympy.Sum, sympy.Product)):
            found += [hi - lo + 1 for _, lo, hi in node.limits]
            found += [hi - lo for _, lo, hi in node.limits]
    return list(dict.fromkeys(v for s in found for v in _variants(s)))


_ROUNDING = (sympy.floor, sympy.ceiling)
MAX_VARIANTS = 4  # branch choices of Max and Min per switch


def _variants(switch: sympy.Expr) -> list[sympy.Expr]:
    """``switch`` and the forms of it whose roots are its switches too, where a
    polynomial solver can find them: its sums of polynomials carried out
    (Σ_{i=-M}^{3} 1 ≤ 100 fails from M = 97 on), ⌊u⌋ and ⌈u⌉ read as u (against an integer
    c, ⌊u⌋ ≥ c exactly where u ≥ c: a range to ⌊K/1000⌋ gets its first term at K = 1000),
    and each Max or Min read as each of its arguments (the branch it takes somewhere)."""
    forms = [switch]
    closed = _closed_sums(switch).replace(lambda e: isinstance(e, _ROUNDING), lambda e: e.args[0])
    choices = [m.args for m in closed.atoms(sympy.Max, sympy.Min)]
    for picks in itertools.islice(itertools.product(*choices), MAX_VARIANTS):
        nodes = closed.atoms(sympy.Max, sympy.Min)
        forms.append(closed.xreplace(dict(zip(nodes, picks, strict=False))) if choices else closed)
    return forms


def _closed_sums(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with each one-range sum of a polynomial in its index carried out (cheap:
    Faulhaber's formulas); the sums are in the contract form, where SymPy's result is
    the contract's."""
    replacements = {}
    for node in expr.atoms(sympy.Sum):
        if len(node.limits) != 1 or node.function.has(sympy.Indexed, sympy.Sum, sympy.Product):
            continue
        index = node.limits[0][0]
        if node.function.is_polynomial(index) and sympy.count_ops(node) <= MAX_OPS:
            replacements[node] = node.doit()
    return expr.xreplace(replacements) if replacements else expr


def break_values(
    exprs: Sequence[sympy.Basic],
    symbols: Sequence[sympy.Basic],
    infos: Mapping[sympy.Basic, DomainInfo],
    difference: sympy.Expr | None = None,
    switched: Sequence[sympy.Expr] | None = None,
) -> dict[sympy.Basic, list[sympy.Expr]]:
    """For each symbol that does not range over a finite set, the values in its domain at
    and just beyond the switches of ``exprs`` and at the scale of their large or tiny
    constants, most telling first; with the ``difference`` of an inequality's sides, first
    where it changes sign (in the forms ``_variants`` gives). ``switched``: the switches
    of ``exprs`` (``all_switches``) where the caller has them already."""
    wanted = [s for s in symbols if s in infos and not infos[s].domain.is_finite]
    found: dict[sympy.Basic, list[sympy.Expr]] = {s: [] for s in wanted}
    if not wanted:
        return {}
    own = [] if difference is None else _variants(difference)
    found_switches = all_switches(exprs) if switched is None else switched
    candidates = list(dict.fromkeys([*own, *found_switches]))[:MAX_SWITCHES]
    finite = [s for s in symbols if s in infos and infos[s].domain.is_finite]
    roots: dict[sympy.Basic, list[sympy.Expr]] = {s: [] for s in wanted}
    for switch in candidates:
        for s in wanted:
            if s in switch.free_symbols:
                for root in _roots(switch, s, finite, infos):
                    found[s] += _around(root, infos[s])
                    roots[s].append(root)
    for s in wanted:  # rare, and the most telling: before the values around each root
        found[s] = _between(roots[s], infos[s]) + found[s]
    constants = _scales(exprs)
    for s in wanted:
        if not infos[s].domain.integer:
            found[s] += _trigonometric_points(exprs, s)
            found[s] += [v for c in constants for v in (c, 2 * c, -c, -2 * c)]
    kept = {s: _inside(values, infos[s])[:MAX_PER_SYMBOL] for s, values in found.items()}
    return {s: values for s, values in kept.items() if values}


MAX_ON_SWITCHES = 12  # points moved onto a switch between symbols, per relation
ON_SWITCH_FROM = 6  # sample points moved so


def all_switches(exprs: Sequence[sympy.Basic]) -> list[sympy.Expr]:
    """The switches of every expression (``switches``), each once."""
    return list(dict.fromkeys(g for e in exprs for g in switches(e)))


def on_switches(
    switched: Sequence[sympy.Expr],
    points: Sequence[Mapping[sympy.Basic, sympy.Expr]],
    infos: Mapping[sympy.Basic, DomainInfo],
) -> list[dict[sympy.Basic, sympy.Expr]]:
    """Sample points moved onto a switch (of ``all_switches``) that compares symbols
    (|a| ≤ δ, Max(a, b)): one
    symbol ``s`` in which the switch is linear set to where it vanishes, the others kept
    (a = δ at δ = 7/2). ``break_values`` finds a switch's roots only where the other
    symbols take finitely many values; a point on a diagonal a = δ is never drawn. Only
    rational roots inside the symbol's domain are kept."""
    found: list[dict[sympy.Basic, sympy.Expr]] = []
    for switch in switched[:MAX_SWITCHES]:
        for s in sorted(switch.free_symbols, key=str):
            if not _free_real(s, infos) or len(switch.free_symbols) < 2:
                continue
            if sympy.count_ops(switch) > MAX_OPS or not switch.is_polynomial(s):
                continue
            slope = sympy.diff(switch, s)
            if s in slope.free_symbols:
                continue  # not linear in s
            rest = switch.xreplace({s: sympy.Integer(0)})
            for point in points[:ON_SWITCH_FROM]:
                if not switch.free_symbols - {s} <= point.keys():
                    continue
                at = slope.xreplace(point)
                if not at.is_Rational or at == 0:
                    continue
                root = -rest.xreplace(point) / at
                if not root.is_Rational or not contains(infos[s].domain, root):
                    continue
                moved = {**point, s: root}
                if moved not in found and moved != point:
                    found.append(moved)
                if len(found) >= MAX_ON_SWITCHES:
                    return found
    return found


def _free_real(s: sympy.Basic, infos: Mapping[sympy.Basic, DomainInfo]) -> bool:
    """A declared symbol of an interval of reals (not integers, not a finite set)."""
    info = infos.get(s)
    return (
        isinstance(s, sympy.Symbol)
        and info is not None
        and not info.domain.is_finite
        and not info.domain.integer
    )


def _roots(
    switch: sympy.Expr,
    s: sympy.Basic,
    finite: Sequence[sympy.Basic],
    infos: Mapping[sympy.Basic, DomainInfo],
) -> list[sympy.Expr]:
    """The real roots of ``switch`` in ``s``, exactly, where the other symbols are the
    finite-set ones (at each of their values, up to a few) and it is a polynomial of low
    degree with rational coefficients; none otherwise."""
    others = [t for t in switch.free_symbols if t != s]
    if any(t not in finite for t in others) or sympy.count_ops(switch) > MAX_OPS:
        return []
    if not switch.is_rational_function(s):
        return []  # no polynomial: spare ``together`` a transcendental expression
    roots: list[sympy.Expr] = []
    choices = [infos[t].domain.values or () for t in others]
    for combo in itertools.islice(itertools.product(*choices), MAX_CASES):
        curve = switch.xreplace(dict(zip(others, combo, strict=True)))
        numerator, _ = sympy.fraction(sympy.together(curve))
        try:
            polynomial = sympy.Poly(numerator, s)
            if polynomial.get_domain() not in (sympy.ZZ, sympy.QQ):
                continue
            if not 1 <= polynomial.degree() <= MAX_DEGREE:
                continue
            roots += [r for r in polynomial.real_roots() if not isinstance(r, sympy.CRootOf)]
        except (sympy.PolynomialError, NotImplementedError, ValueError):
            continue
    return roots


# Beyond the small integers every integer symbol is sampled at: a bound of a sum reaches
# these too (Σ 1/i < 3 fails from N = 11 on, Σ 2^-i < 1 − 10^-12 from N = 40 on); a sum
# over family members only the first two (each point gives every member a value).
LADDER = (9, 12, 40)
LADDER_MEMBERS = 2


def far_counts(
    exprs: Sequence[sympy.Basic],
    symbols: Sequence[sympy.Basic],
    infos: Mapping[sympy.Basic, DomainInfo],
) -> dict[sympy.Basic, list[sympy.Expr]]:
    """For each integer symbol that counts terms (a bound of a range, an argument of a
    Kronecker delta), the values beyond its usual samples to try last (``_ladder``)."""
    counted = _counting(exprs)
    members = any(e.has(sympy.Indexed) for e in exprs)
    found: dict[sympy.Basic, list[sympy.Expr]] = {}
    for s in symbols:
        info = infos.get(s)
        if info is None or info.domain.is_finite or not info.domain.integer or s not in counted:
            continue
        values = _inside(_ladder(exprs, info, members), info)
        if values:
            found[s] = values
    return found


def _counting(exprs: Iterable[sympy.Basic]) -> set[sympy.Basic]:
    """The symbols that bound a range of a sum or product, or that a Kronecker delta
    compares: an integer symbol whose value counts terms or picks one."""
    found: set[sympy.Basic] = set()
    for expr in exprs:
        for node in sympy.preorder_traversal(expr):
            if isinstance(node, (sympy.Sum, sympy.Product)):
                for _, lo, hi in node.limits:
                    found |= lo.free_symbols | hi.free_symbols
            elif isinstance(node, sympy.KroneckerDelta):
                found |= node.free_symbols
    return found


def _ladder(exprs: Iterable[sympy.Basic], info: DomainInfo, members: bool) -> list[sympy.Expr]:
    """Values of an integer symbol that counts terms: the integers the expressions name
    (a delta at i = 9 is seen from N = 9 on), then ever further from the domain's lower
    end (or from 0)."""
    named = sorted(
        {c for e in exprs for c in e.atoms(sympy.Integer) if 7 <= abs(c) <= 1000},
        key=abs,
    )
    start = info.domain.lo if info.domain.lo.is_finite else sympy.Integer(0)
    steps = LADDER[:LADDER_MEMBERS] if members else LADDER
    return [*named, *(start + k for k in steps)]


TRIG_QUARTERS = (1, 0, -1, 2, 3)  # k of the points where a·s + b = k·π/2


def _trigonometric_points(exprs: Iterable[sympy.Basic], s: sympy.Basic) -> list[sympy.Expr]:
    """Where a sine, cosine or tangent of a·s + b (a, b numbers) reaches ±1, 0 or a pole:
    s = (k·π/2 − b)/a, exactly (sin s < 1 − 10⁻³⁰ fails only near s = π/2 + 2kπ)."""
    found: list[sympy.Expr] = []
    for expr in exprs:
        for node in sympy.preorder_traversal(expr):
            if not isinstance(node, (sympy.sin, sympy.cos, sympy.tan)):
                continue
            argument = node.args[0]
            if argument.free_symbols != {s} or not argument.is_polynomial(s):
                continue
            try:
                line = sympy.Poly(argument, s)
            except sympy.PolynomialError:
                continue
            if line.degree() != 1 or not all(c.is_number for c in line.all_coeffs()):
                continue
            a, b = line.all_coeffs()
            found += [(k * sympy.pi / 2 - b) / a for k in TRIG_QUARTERS]
    return found


def _around(root: sympy.Expr, info: DomainInfo) -> list[sympy.Expr]:
    """The root and values just beyond it on both sides, at its own scale (10**40 + 1 is
    10**40 to the working precision; 10**40·(1 + 1/1000) is not), and well beyond it."""
    if info.domain.integer:
        below, above = sympy.floor(root), sympy.ceiling(root)
        return [above, below, above + 1, below - 1, above + 2, below - 2]
    scale = sympy.Max(1, abs(root))
    step = scale / 1000
    return [root, root + step, root - step, root + scale, root - scale]


def _between(roots: Sequence[sympy.Expr], info: DomainInfo) -> list[sympy.Expr]:
    """The midpoints of adjacent roots closer together than the steps ``_around`` takes
    beyond each: the inside of a narrow piece (3 < x < 3 + 10**-12) is tried too."""
    if info.domain.integer:
        return []
    values = sorted({r for r in roots if r.is_Rational})
    return [
        (a + b) / 2 for a, b in itertools.pairwise(values) if b - a < sympy.Max(1, abs(a)) / 1000
    ]


def _scales(exprs: Iterable[sympy.Basic]) -> list[sympy.Expr]:
    """The large and the tiny rational constants of ``exprs``, and the reciprocals of the
    tiny ones (p/10**6 reaches 1 at p = 10**6: Σ_{i=1}^{1 + p/10**6} 1 = 1 fails from
    there on), largest first."""
    constants = {
        abs(c)
        for e in exprs
        for c in e.atoms(sympy.Rational)
        if c != 0 and (abs(c) >= LARGE or abs(c) <= 1 / LARGE)
    }
    constants |= {1 / c for c in constants if c <= 1 / LARGE}
    return sorted(constants, key=lambda c: -c)


def _inside(values: Iterable[sympy.Expr], info: DomainInfo) -> list[sympy.Expr]:
    """The exact real values in the domain, each once, in order."""
    kept: list[sympy.Expr] = []
    for value in values:
        if not (value.is_number and value.is_real) or value in kept:
            continue
        if contains(info.domain, value):
            kept.append(value)
    return kept
