"""Issue 18, classes 5 and 6: constraints between symbols and derivatives in one member of a
family (docs/semantics.md §6, §9).

- the domain forms ``integer >= n``, ``{1, ..., C}``, ``one-hot(C)``, ``simplex(K)`` and a
  chain's ``assume``, read and refused as the contract says;
- sampled points keep to the constraints, so every counterexample does;
- the proofs that use a constraint (one-hot and simplex sums to 1, sums of deltas, a range
  deciding a condition, a simplex member below 1) name it, and each has a near miss: a false
  relation one edit away (the constraint not declared, a range one short, one class) that
  it must not prove;
- ``Derivative(f, z[k])`` treats ``z[j]`` and ``z[k]`` as one variable exactly when j = k.

The truth of each relation is by hand (the point where a false one fails is in its comment),
never from SymPy's evaluation.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import sympy

from xentproof.domains import narrow, parse_domain
from xentproof.errors import InputError
from xentproof.loader import load_text
from xentproof.prover.constrained import keep_to_constraints, satisfies
from xentproof.prover.declared import DomainInfo
from xentproof.result import Verdict

from .helpers import check_text

SYMBOLS = """\
C = "integer >= 2"
C1 = "positive integer"
m = "positive integer"
k = "{1, ..., C}"
h = "{1, ..., C}"
"y[j]" = "one-hot(C)"
"y1[j]" = "one-hot(C1)"
"v[j]" = "{0, 1}"
"p[i]" = "simplex(C)"
"p1[i]" = "simplex(C1)"
"Y[n, j]" = "one-hot(C)"
"z[i]" = "real"
"u[i]" = "{0, 1}"
a = "real"
x = "real"
N = "positive integer"
"""

CE = "-Sum(y[j]*log(exp(z[j])/Sum(exp(z[i]), (i, 1, C))), (j, 1, C))"
SOFTMAX = "exp(z[k])/Sum(exp(z[i]), (i, 1, C))"


def _results(tmp_path: Path, cases: list[tuple[str, str, str]]) -> list[tuple[Verdict, str]]:
    chains = "".join(
        f'[[chain]]\nname = "c{n}"\nsteps = ["{lhs}", {{ rel = "{rel}", expr = "{rhs}" }}]\n'
        for n, (lhs, rel, rhs) in enumerate(cases)
    )
    report = check_text(tmp_path, f'title = "t"\n[symbols]\n{SYMBOLS}\n{chains}', timeout=30)
    assert not report.errors, report.errors
    return [(r.verdict, " ".join(r.conditions)) for r in report.relations]


TRUE = [
    ("Sum(y[j], (j, 1, C))", "=", "1"),
    ("Sum(y[j]*a, (j, 1, C))", "=", "a"),
    ("Sum(p[i], (i, 1, C))", "=", "1"),
    ("Sum(Sum(Y[n, j], (j, 1, C)), (n, 1, N))", "=", "N"),
    ("Sum(KroneckerDelta(j, k)*z[j], (j, 1, C))", "=", "z[k]"),
    ("p[1]", "<", "1"),
    (f"Derivative({CE}, z[k])", "=", f"{SOFTMAX} - y[k]"),
    ("Derivative(Sum(z[i]**2, (i, 1, C)), z[k])", "=", "2*z[k]"),
    ("Derivative(Sum(z[i]**2, (i, 1, C)), z[C + 1])", "=", "0"),
    ("Derivative(z[h]**2, z[k])", "=", "2*z[k]*KroneckerDelta(h, k)"),
    ("Derivative(Derivative(log(Sum(exp(z[i]), (i, 1, C))), z[k]), z[h])", "=",
     f"{SOFTMAX}*(KroneckerDelta(h, k) - exp(z[h])/Sum(exp(z[i]), (i, 1, C)))"),
]  # fmt: skip

# Each one edit away from a case above; the point where it fails in the comment.
NEAR_MISSES = [
    ("Sum(y[j], (j, 1, C - 1))", "=", "1"),  # C = 2, y = (0, 1)
    ("Sum(v[j], (j, 1, C))", "=", "1"),  # v = (0, 0): {0, 1} is no label
    ("Sum(y[j]*a, (j, 1, C))", "=", "C*a"),  # a = 1, C = 2
    ("Sum(p[i], (i, 1, C - 1))", "=", "1"),  # C = 2, p = (1/2, 1/2)
    ("Sum(Sum(Y[n, j], (j, 1, C)), (n, 1, N))", "=", "N*C"),  # N = 1, C = 2
    ("Sum(KroneckerDelta(j, k)*z[j], (j, 2, C))", "=", "z[k]"),  # k = 1, z[1] = 1
    ("Sum(KroneckerDelta(j, m), (j, 1, C))", "=", "1"),  # m = 3 > C = 2: m is no class
    ("p1[1]", "<", "1"),  # C1 = 1: p1[1] = 1
    ("y1[1]", "<", "1"),  # C1 = 1: the one label is 1
    (f"Derivative({CE}, z[k])", "=", f"y[k] - {SOFTMAX}"),  # y = (1, 0), k = 1
    (f"Derivative({CE.replace('y[j]', 'u[j]')}, z[k])", "=", f"{SOFTMAX} - u[k]"),  # u = 0
    ("Derivative(Sum(z[i]**2, (i, 1, C)), z[C + 1])", "=", "2*z[C + 1]"),  # z[3] = 1
    ("Derivative(z[h]**2, z[k])", "=", "2*z[h]"),  # h = 1, k = 2, z[1] = 1
    ("Derivative(z[1]**2, z[k])", "=", "2*z[1]"),  # k = 2
]


def test_constraints_prove_what_holds_and_name_what_they_use(tmp_path: Path) -> None:
    results = _results(tmp_path, TRUE)
    assert [v for v, _ in results] == [Verdict.PROVED] * len(TRUE)
    conditions = dict(zip((lhs for lhs, _, _ in TRUE), (c for _, c in results), strict=True))
    assert "y[j] = 1 (y one-hot(C))" in conditions["Sum(y[j]*a, (j, 1, C))"]
    assert "p[i] < 1" in conditions["p[1]"]
    assert "y[j] = 1 (y one-hot(C))" in conditions[f"Derivative({CE}, z[k])"]


def test_near_misses_are_refuted_at_points_that_keep_to_the_constraints(tmp_path: Path) -> None:
    results = _results(tmp_path, NEAR_MISSES)
    assert [v for v, _ in results] == [Verdict.REFUTED] * len(NEAR_MISSES)


def test_a_derivative_in_a_label_or_a_simplex_member_has_no_value(tmp_path: Path) -> None:
    cases = [("Derivative(y[k], y[k])", "=", "1"), ("Derivative(p[1], p[1])", "=", "1")]
    results = _results(tmp_path, cases)
    assert [v for v, _ in results] == [Verdict.UNPROVED] * 2


def test_a_member_derivative_through_a_switch_is_not_carried_out(tmp_path: Path) -> None:
    # d/dz[k] Σ|z[i]| has no value where z[k] = 0, so this is false there
    cases = [("z[k]*Derivative(Sum(Abs(z[i]), (i, 1, C)), z[k])", "=", "Abs(z[k])")]
    assert [v for v, _ in _results(tmp_path, cases)] != [Verdict.PROVED]


@pytest.mark.parametrize(
    ("text", "lo", "bound", "joint"),
    [
        ("integer >= 2", 2, None, None),
        ("integer > 0", 1, None, None),
        ("{1, ..., C}", 1, "C", None),
        ("{0, ..., K}", 0, "K", None),
        ("one-hot(C)", None, "C", "one-hot"),
        ("simplex(K)", 0, "K", "simplex"),
    ],
)
def test_domain_forms_are_read(
    text: str, lo: int | None, bound: str | None, joint: str | None
) -> None:
    domain = parse_domain(text)
    assert (domain.bound, domain.joint) == (bound, joint)
    if lo is not None:
        assert domain.lo == lo


def test_a_numeric_range_is_a_finite_set() -> None:
    assert parse_domain("{1, ..., 3}").values == (1, 2, 3)


@pytest.mark.parametrize(
    ("symbols", "why"),
    [
        ('k = "{1, ..., C}"', "C"),  # C not declared
        ('C = "real"\nk = "{1, ..., C}"', "integer"),  # not an integer
        ('C = "nonnegative integer"\n"y[j]" = "one-hot(C)"', "starts at 1"),  # may be empty
        ('C = "integer >= 2"\ny = "one-hot(C)"', "family"),  # a scalar cannot be one-hot
        ('C = "integer >= 2"\n"y[j]" = "{1, ..., C}"', "family"),
    ],
)
def test_a_bound_must_be_a_declared_integer_that_keeps_the_range_nonempty(
    symbols: str, why: str
) -> None:
    text = f'title = "t"\n[symbols]\n{symbols}\n[[chain]]\nname = "c"\nsteps = ["1", "= 1"]\n'
    with pytest.raises(InputError, match=why):
        load_text(text)


@pytest.mark.parametrize(
    ("chain_keys", "why"),
    [
        ('where = { k = "1" }', "bound up"),
        ('where = { C = "3" }', "bound up"),
        ('assume = { x = "(0, 1)" }\nwhere = { x = "1/2" }', "both"),
        ('assume = { N = "negative" }', "leaves nothing"),
    ],
)
def test_where_and_assume_keep_off_the_constrained_symbols(chain_keys: str, why: str) -> None:
    text = (
        f'title = "t"\n[symbols]\n{SYMBOLS}\n[[chain]]\nname = "c"\n{chain_keys}\n'
        'steps = ["1", "= 1"]\n'
    )
    with pytest.raises(InputError, match=why):
        load_text(text)


def test_assume_narrows_and_is_stated_with_every_relation(tmp_path: Path) -> None:
    text = (
        f'title = "t"\n[symbols]\n{SYMBOLS}\n'
        '[[chain]]\nname = "on"\nassume = { x = "negative" }\n'
        'steps = ["Max(x, 0) - x + log(1 + exp(-Abs(x)))", "= log(1 + exp(x)) - x", "> 0"]\n'
        '[[chain]]\nname = "off"\nassume = { x = "nonpositive" }\n'
        'steps = ["Abs(x)/x", "= -1"]\n'  # x = 0 is nonpositive, and 0/0 has no value
    )
    report = check_text(tmp_path, text, timeout=30)
    first, second, third = report.relations
    assert [first.verdict, second.verdict, third.verdict] == [
        Verdict.PROVED,
        Verdict.PROVED,
        Verdict.REFUTED,
    ]
    for result in report.relations:
        assert result.conditions[0].startswith("assumed in this chain: x")


def test_narrowing_never_widens() -> None:
    assert narrow(parse_domain("(0, 1)"), parse_domain("negative")) is None
    assert narrow(parse_domain("real"), parse_domain("negative")) == parse_domain("negative")
    narrowed = narrow(parse_domain("positive"), parse_domain("(-2, 5]"))
    assert narrowed is not None and (narrowed.lo, narrowed.hi) == (0, 5)
    assert narrow(parse_domain("{0, 1, 2}"), parse_domain("positive")) == parse_domain("{1, 2}")


def _infos() -> dict[sympy.Basic, DomainInfo]:
    C = sympy.Symbol("C", integer=True, positive=True)
    k = sympy.Symbol("k", integer=True, positive=True)
    y = sympy.IndexedBase(sympy.Symbol("y", family=True))
    p = sympy.IndexedBase(sympy.Symbol("p", family=True))
    return {
        C: DomainInfo(C, "C", parse_domain("integer >= 2")),
        k: DomainInfo(k, "k", parse_domain("{1, ..., C}")),
        y: DomainInfo(y, "y", parse_domain("one-hot(C)"), 1),
        p: DomainInfo(p, "p", parse_domain("simplex(C)"), 1),
    }


def test_points_are_brought_into_the_constrained_set() -> None:
    infos = _infos()
    C, k, y, p = infos
    rng = random.Random(1)
    for size in range(2, 9):
        for index in range(1, 10):
            start = {C: sympy.Integer(size), k: sympy.Integer(index)}
            start |= {y[j]: sympy.Integer(1) for j in range(-2, 10)}  # not one label
            start |= {p[j]: sympy.Rational(1, 2) for j in range(0, 10)}
            kept = keep_to_constraints(start, infos, rng)
            assert kept is not None and satisfies(kept, infos)
            assert 1 <= kept[k] <= size
            assert sum(kept[y[j]] for j in range(1, size + 1)) == 1
            assert sum(kept[p[j]] for j in range(1, size + 1)) == 1
            assert y[0] not in kept and y[size + 1] not in kept  # no such members


@pytest.mark.parametrize(
    "point",
    [
        {"k": 3, "C": 2},  # k above its bound
        {"C": 2, "y[1]": 1, "y[2]": 1},  # two classes marked
        {"C": 2, "y[1]": 0, "y[2]": 0},  # none marked
        {"C": 2, "y[3]": 0},  # a member that does not exist
        {"C": 2, "p[1]": "1/2", "p[2]": "1/3"},  # does not sum to 1
    ],
)
def test_a_point_outside_the_constraints_is_told(point: dict[str, object]) -> None:
    infos = _infos()
    C, k, y, p = infos
    names = {"C": C, "k": k}
    values: dict[sympy.Basic, sympy.Expr] = {}
    for key, value in point.items():
        family, _, rest = key.partition("[")
        base = {"y": y, "p": p}.get(family)
        symbol = base[int(rest[:-1])] if base is not None else names[key]
        values[symbol] = sympy.Rational(str(value))
    assert not satisfies(values, infos)


def test_an_undefined_as_written_counterexample_keeps_a_one_hot_label(tmp_path: Path) -> None:
    # documents-4's report: the point where ŷ[j] = 0 made a side undefined gave the label
    # y = (0, 0), outside one-hot(q); the step is false, its point must be inside the domains
    text = (
        'title = "t"\n[symbols]\nq = "positive integer"\n"y[j]" = "one-hot(q)"\n'
        '"yhat[j]" = "real"\n"o[j]" = "real"\n'
        '[[chain]]\nname = "d"\nsteps = ["Sum(y[j]*o[j]*yhat[j]/yhat[j], (j, 1, q))", '
        '"= Sum(y[j]*o[j], (j, 1, q))"]\n'
    )
    (relation,) = check_text(tmp_path, text).relations
    assert relation.verdict is Verdict.REFUTED and relation.counterexample is not None
    point = relation.counterexample.point
    size = int(point["q"])
    labels = [int(point[f"y[{j}]"]) for j in range(1, size + 1)]
    assert sorted(labels) == [0] * (size - 1) + [1]


@pytest.mark.parametrize(
    ("family", "verdict"),
    [
        ('"simplex(K)"', Verdict.PROVED),  # K >= 2: every member below 1
        ('"simplex(2)"', Verdict.PROVED),
        ('"simplex(K1)"', Verdict.REFUTED),  # near miss: K1 = 1 makes p[1] = 1
        ('"simplex(1)"', Verdict.REFUTED),
    ],
)
def test_a_member_of_a_simplex_of_two_or_more_is_below_one_where_a_log_needs_it(
    tmp_path: Path, family: str, verdict: Verdict
) -> None:
    # bench/sources (jerrylicious-fano, mygrad): log(1 - P[1]) was "possibly undefined"
    text = (
        'title = "t"\n[symbols]\nK = "integer >= 2"\nK1 = "positive integer"\n'
        f'"p[i]" = {family}\n[[chain]]\nname = "c"\nsteps = ["log(1 - p[1])", "<= 0"]\n'
    )
    (relation,) = check_text(tmp_path, text).relations
    assert relation.verdict is verdict


def test_a_constraint_grounded_once_is_grounded_again_for_another_kind_of_value() -> None:
    # the written-out form of Sum(q[i], (i, 1, K)) <= 1 is kept per value of K; K = 3.0 is
    # no integer bound (the sum is not written out and the point is dropped), even after
    # K = 3 (equal to it as a number) was written out and met
    from xentproof.prover import constraint_table

    q, i, k = sympy.IndexedBase("q"), sympy.Symbol("i", integer=True), sympy.Symbol("K")
    relation = sympy.Sum(q[i], (i, 1, k)) <= 1
    infos = {
        q: DomainInfo(q, "q", parse_domain("(0, 1)"), 1),
        k: DomainInfo(k, "K", parse_domain("positive integer")),
    }
    small = {q[1]: sympy.Rational(1, 5), q[2]: sympy.Rational(1, 5), q[3]: sympy.Rational(1, 5)}
    rng = random.Random(3)
    assert constraint_table.holds(relation, {k: sympy.Integer(3), **small}, infos, rng)
    assert not constraint_table.holds(relation, {k: sympy.Float(3.0), **small}, infos, rng)
    assert not constraint_table.holds(
        relation, {k: sympy.Integer(3), **small, q[3]: sympy.Rational(4, 5)}, infos, rng
    )


@pytest.mark.parametrize(
    ("lhs", "rhs", "verdict"),
    [
        ("p[0]", ">= 0", Verdict.REFUTED),  # members 1..K only: p[0] has no value
        ("p[K + 1]", "> 0", Verdict.REFUTED),
        ("y[0]", ">= 0", Verdict.REFUTED),
        ("q[4]", "> 0", Verdict.REFUTED),
        ("Sum(p[i], (i, 1, K + 1))", "> 0", Verdict.REFUTED),
        ("p[n]", "> 0", Verdict.REFUTED),
        # near misses inside 1..K are still proved
        ("Sum(p[i], (i, 1, K))", "> 0", Verdict.PROVED),
        ("Sum(p[i], (i, 2, K))", ">= 0", Verdict.PROVED),
        ("t[j]", ">= 0", Verdict.PROVED),
        ("-Sum(p[i]*log(p[i]), (i, 1, K))", ">= 0", Verdict.PROVED),
        # a need shown with no facts (2**i ≠ 0) is shown: it was lost on the way once
        ("Sum(1/2**i, (i, 1, K))", "= 1 - 1/2**K", Verdict.PROVED),
    ],
)
def test_a_member_outside_one_to_the_size_of_a_joint_family_has_no_value(
    tmp_path: Path, lhs: str, rhs: str, verdict: Verdict
) -> None:
    # redteam-6: p[0] >= 0 was PROVED from the domain (0, 1] of every member
    text = (
        'title = "t"\n[symbols]\nK = "positive integer"\nC = "integer >= 2"\n'
        'n = "positive integer"\nj = "{1, ..., C}"\n"p[i]" = "simplex(K)"\n'
        '"y[i]" = "one-hot(K)"\n"q[i]" = "simplex(3)"\n"t[i]" = "one-hot(C)"\n'
        f'[[chain]]\nname = "c"\nsteps = ["{lhs}", "{rhs}"]\n'
    )
    (relation,) = check_text(tmp_path, text).relations
    assert relation.verdict is verdict
