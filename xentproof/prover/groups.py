"""Long steps brought to 0 group by group, never as a whole: the canonical forms for a loss
summed over a data set written out (12 terms, each with an exponential of its own), its
derivatives, and sigmoids nested five deep.

``cancel`` on the whole of such a difference multiplies out one denominator per term (2¹²
monomials and more) and runs out of time; nested exponentials make SymPy's polynomial
code take them apart again and again. Here the terms (of a sum) or factors (of a product)
are grouped by the exponentials and functions they share (exp(u) and exp(−u) count as
one); each group is brought to its canonical form on its own, with every function value
(exp(u), log(…), a sum) as an unknown of its own (exp(−u) written 1/exp(u) first), and
the groups are added (multiplied) again.

Both transforms are exact where the expression is defined, as ``cancel`` is: the unknowns
are plain symbols with no assumptions, so what cancels, cancels for every value of them.
``exp_by_groups`` also writes a group with a log as q + log c when exp of the group is
brought to c·exp(q) (c > 0, q free of logs): exact where the group is real, which is the
condition its method states.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy

# Fewest terms for which a sum is taken apart: a shorter one is left to the usual forms
# (and keeps the method it was proved by).
MIN_TERMS = 6
# What counts as an unknown of its own: an applied function, a sum or a product.
_OPAQUE = (sympy.Function, sympy.Sum, sympy.Product)

Key = tuple[str, sympy.Basic]


def _exp_key(argument: sympy.Expr) -> sympy.Expr:
    """exp(c + k·u) and exp(c′ − k′·u) share one key: u, up to its sign and a factor."""
    _, variable = argument.as_coeff_Add()
    _, primitive = variable.as_content_primitive()
    return -primitive if primitive.could_extract_minus_sign() else primitive


def _keys(part: sympy.Basic) -> set[Key]:
    """The exponentials and functions a term (or factor) shares with others."""
    found: set[Key] = set()
    for atom in part.atoms(*_OPAQUE):
        if isinstance(atom, sympy.exp):
            found.add(("exp", _exp_key(atom.args[0])))
        else:
            found.add(("other", atom))
    return found


def split(parts: Sequence[sympy.Basic]) -> list[list[sympy.Basic]]:
    """The parts grouped so that no two groups share a key; the parts without any key form
    one group of their own (the algebraic rest)."""
    owner: dict[Key, int] = {}
    parent = list(range(len(parts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    plain: list[sympy.Basic] = []
    keyed: list[int] = []
    for i, part in enumerate(parts):
        keys = _keys(part)
        if not keys:
            plain.append(part)
            continue
        keyed.append(i)
        for key in keys:
            if key in owner:
                parent[root(i)] = root(owner[key])
            else:
                owner[key] = i
    groups: dict[int, list[sympy.Basic]] = {}
    for i in keyed:
        groups.setdefault(root(i), []).append(parts[i])
    return [*groups.values(), *([plain] if plain else [])]


def cancel_with_unknowns(e: sympy.Expr) -> sympy.Expr:
    """``cancel`` with each function value an unknown of its own (a plain symbol), exp(−u)
    written 1/exp(u) so that both are one unknown."""
    unknowns: dict[sympy.Basic, sympy.Dummy] = {}

    def unknown(atom: sympy.Basic) -> sympy.Dummy:
        return unknowns.setdefault(atom, sympy.Dummy(f"f{len(unknowns)}"))

    put: dict[sympy.Basic, sympy.Expr] = {}
    for atom in sorted(e.atoms(*_OPAQUE), key=sympy.default_sort_key):
        if isinstance(atom, sympy.exp) and atom.args[0].could_extract_minus_sign():
            put[atom] = 1 / unknown(sympy.exp(-atom.args[0]))
        else:
            put[atom] = unknown(atom)
    cancelled = sympy.cancel(sympy.together(e.xreplace(put)))
    return cancelled.xreplace({v: k for k, v in unknowns.items()})


def _by_groups(e: sympy.Expr, each: Callable[[sympy.Expr], sympy.Expr]) -> sympy.Expr:
    """``each`` applied to every group of the terms of a sum (or the factors of a product)."""
    if isinstance(e, sympy.Add):
        total = sympy.Add(*(each(sympy.Add(*g)) for g in split(e.args)))
        # the top level only, exp(a + b) kept whole: what is left is compared, not multiplied out
        return sympy.expand(total, deep=False, power_exp=False, power_base=False, log=False)
    if isinstance(e, sympy.Mul):
        return sympy.Mul(*(each(sympy.Mul(*g)) for g in split(e.args)))
    return each(e)


def long_step(e: sympy.Expr) -> bool:
    """A long sum whose terms fall into several groups, many function values, or a nested
    exponential: what is worth taking apart."""
    if isinstance(e, sympy.Add) and len(e.args) >= MIN_TERMS and len(split(e.args)) > 1:
        return True
    return len(e.atoms(sympy.exp)) >= MIN_TERMS or nested_exponentials(e)


def cancel_by_groups(e: sympy.Expr) -> sympy.Expr:
    """Each group of terms (factors) cancelled on its own, function values as unknowns."""
    return _by_groups(e, cancel_with_unknowns)


def real_where_defined(group: sympy.Expr) -> bool:
    """Whether the group is real wherever it is defined: it is once each log is (its
    argument positive, which a proof shows for both sides before it stands)."""
    logs = {log: sympy.Dummy(real=True) for log in group.atoms(sympy.log)}
    return group.xreplace(logs).is_extended_real is True


def _exp_of_group(group: sympy.Expr) -> sympy.Expr:
    """A group with a log as q + log c, where it is real and exp of it is c·exp(q) (c > 0,
    q real and without a log); otherwise cancelled as it is."""
    if not group.has(sympy.log) or not real_where_defined(group):
        return cancel_with_unknowns(group)
    terms = group.args if isinstance(group, sympy.Add) else (group,)
    exponential = sympy.Mul(*(sympy.exp(t) for t in terms))  # exp(a·log x) is x**a
    shown = sympy.powsimp(cancel_by_groups(exponential))
    coefficient, rest = shown.as_coeff_Mul()
    if not (coefficient.is_Rational and coefficient > 0):
        return cancel_with_unknowns(group)
    if rest == 1:
        return sympy.log(coefficient)
    if isinstance(rest, sympy.exp) and not rest.has(sympy.log):
        exponent = rest.args[0]
        if exponent.is_extended_real:
            return exponent + sympy.log(coefficient)
    return cancel_with_unknowns(group)


def exp_by_groups(e: sympy.Expr) -> sympy.Expr:
    """Each group of terms with a log written as q + log c through exp of it (see
    ``_exp_of_group``), the others cancelled: exact where the sides are defined."""
    return _by_groups(e, _exp_of_group)


def nested_exponentials(e: sympy.Expr) -> bool:
    """An exponential inside the argument of another (sigmoids nested): ``expand`` would
    multiply out every level."""
    return any(a.args[0].has(sympy.exp) for a in e.atoms(sympy.exp))
