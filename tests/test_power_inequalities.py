"""Issue 18, item 3: inequalities beyond canonical forms.

- inequality lemmas: a chain of ``<=``/``<`` cited with its variables substituted
  (``by = { rule = …, at = {…} }``) and combined monotonically, its side conditions shown or
  the citation refused with the reason;
- automatic methods: exact sums of squares (``polynomial``), derivatives and convexity in
  one variable (``convexity``), sums compared term by term (``inequalities``).

Every method has near misses: a false relation one edit away that it must not prove. The
truth of each relation is by hand (the point where a false one fails is in its comment),
never from SymPy's evaluation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.domains import parse_domain
from xentproof.errors import InputError
from xentproof.loader import load_text
from xentproof.prover.convexity import prove_on_domain
from xentproof.prover.polynomial import prove_polynomial
from xentproof.result import Verdict

from .helpers import check_text

x1, x2, x3, x, u = sympy.symbols("x1 x2 x3 x u", real=True)
t = sympy.Symbol("t", positive=True)


@pytest.mark.parametrize(
    ("value", "strict"),
    [
        (2 * x1**2 + 2 * x1 * x2 + x2**2, False),
        (3 * (x1**2 + x2**2 + x3**2) - (x1 + x2 + x3) ** 2, False),
        (x1**2 + x2**2 + x3**2 - (x1 * x2 + x2 * x3 + x3 * x1), False),
        (x**2 - 2 * x + 2, True),  # (x − 1)² + 1
        (x**4 + u**4 - 2 * x**2 * u**2, False),
        ((sympy.exp(x) + sympy.exp(u)) / 2 - sympy.exp((x + u) / 2), False),
        (t**3, False),  # t = s², s real: (s³)²
    ],
)
def test_sums_of_squares_prove_what_is_nonnegative(value: sympy.Expr, strict: bool) -> None:
    found = prove_polynomial(value, strict)
    assert found is not None
    assert "sum of squares" in found[0]


@pytest.mark.parametrize(
    ("value", "strict"),
    [
        (x1**2 + 3 * x1 * x2 + 2 * x2**2, False),  # x1 = 3, x2 = −2: 9 − 18 + 8 < 0
        (x1**2 + x2**2 + x3**2 - 2 * (x1 * x2 + x2 * x3 + x3 * x1), False),  # all ones: −3
        (x**2 - 2 * x + 1, True),  # 0 at x = 1: not > 0
        (x**4 + u**4 - 3 * x**2 * u**2, False),  # x = u = 1: −1
        (2 * x1**2 + 2 * x1 * x2 + x2**2 - sympy.Rational(1, 100), False),  # −1/100 at 0
        ((sympy.exp(x) + sympy.exp(u)) / 2 - sympy.exp((x + u) / 2), True),  # 0 at x = u
    ],
)
def test_sums_of_squares_near_misses(value: sympy.Expr, strict: bool) -> None:
    assert prove_polynomial(value, strict) is None


@pytest.mark.parametrize(
    ("value", "strict", "domain"),
    [
        (sympy.exp(t) - 1 - t - t**2 / 2, False, "positive"),
        (sympy.exp(x) - 1 - x, False, "real"),
        (t - 1 - sympy.log(t), False, "positive"),
        (sympy.log(1 + t) - t + t**2 / 2, False, "positive"),
        (sympy.log(2) + x * sympy.log(x) + (1 - x) * sympy.log(1 - x), False, "(0, 1)"),
    ],
)
def test_derivatives_prove_one_variable(value: sympy.Expr, strict: bool, domain: str) -> None:
    # the search is bounded by a count of steps (the same on any machine); no wall-clock
    # budget is armed here, so the load of the machine cannot decide what the test measures
    (symbol,) = value.free_symbols
    assert prove_on_domain(value, strict, symbol, parse_domain(domain)) is not None


@pytest.mark.parametrize(
    ("value", "strict", "domain"),
    [
        (sympy.exp(x) - 1 - x, True, "real"),  # 0 at x = 0
        (sympy.exp(x) - 1 - x - x**2 / 2, False, "real"),  # x = −1: e⁻¹ − 1/2 < 0
        (sympy.log(1 + t) - t + t**2 / 3, False, "positive"),  # t = 1/10: < 0
        (t - 1 - sympy.log(t), True, "positive"),  # 0 at t = 1
        (sympy.log(2) + x * sympy.log(x) + (1 - x) * sympy.log(1 - x), True, "(0, 1)"),  # x = 1/2
        (x * sympy.log(x) - x + sympy.Rational(1, 2), False, "positive"),  # x = 1: −1/2
    ],
)
def test_derivatives_near_misses(value: sympy.Expr, strict: bool, domain: str) -> None:
    (symbol,) = value.free_symbols
    assert prove_on_domain(value, strict, symbol, parse_domain(domain)) is None


SUMS = """
title = "t"
[symbols]
N = "positive integer"
"xs[i]" = "real"
"c[i]" = "positive"
"""


def test_sums_compared_term_by_term(tmp_path: Path) -> None:
    report = check_text(
        tmp_path,
        SUMS + '[[chain]]\nname = "c"\nsteps = ["Sum(exp(xs[i]), (i, 1, N))", '
        '">= Sum(1 + xs[i], (i, 1, N))"]\n',
        timeout=30,
    )
    (relation,) = report.relations
    assert relation.verdict is Verdict.PROVED
    assert relation.method == "termwise comparison of sums"


def test_sums_term_by_term_near_miss(tmp_path: Path) -> None:
    # exp(−x) ≥ 1 − x, not 1 + x: at N = 1, xs[1] = 1 the left side is 1/e, the right 2
    report = check_text(
        tmp_path,
        SUMS + '[[chain]]\nname = "c"\nsteps = ["Sum(exp(-xs[i]), (i, 1, N))", '
        '">= Sum(1 + xs[i], (i, 1, N))"]\n',
        timeout=30,
    )
    (relation,) = report.relations
    assert relation.verdict is not Verdict.PROVED


LEMMAS = """
title = "t"
[symbols]
K = "positive integer"
t = "positive"
a = "positive"
s = "real"
x = "real"
"p[i]" = "positive"
"q[i]" = "positive"
[[chain]]
name = "log-below-tangent"
lemma = "log-below-tangent"
steps = ["log(t)", "<= t - 1"]
[[chain]]
name = "exp-above-tangent"
lemma = "exp-above-tangent"
steps = ["exp(s)", ">= 1 + s"]
[[chain]]
name = "exp-above-quadratic"
lemma = "exp-above-quadratic"
steps = ["exp(t)", ">= 1 + t + t**2/2"]
"""


def _cited(tmp_path: Path, step: str) -> tuple[Verdict, str, tuple[str, ...]]:
    """The verdict, method and warnings of one step after the lemmas."""
    report = check_text(tmp_path, LEMMAS + f'[[chain]]\nname = "c"\nsteps = [{step}]\n', 30)
    relation = report.relations[-1]
    assert all(r.verdict is Verdict.PROVED for r in report.relations[:-1])
    return relation.verdict, relation.method, relation.warnings


GIBBS = '"Sum(p[i]*log(q[i]/p[i]), (i, 1, K))"'
AT = 'by = { rule = "log-below-tangent", at = { t = "q[i]/p[i]" } }'


def test_gibbs_by_a_cited_lemma(tmp_path: Path) -> None:
    verdict, method, _ = _cited(
        tmp_path, GIBBS + f', {{ rel = "<=", expr = "Sum(p[i]*(q[i]/p[i] - 1), (i, 1, K))", {AT} }}'
    )
    assert verdict is Verdict.PROVED
    assert method.startswith("log-below-tangent (cited, at t = ")


@pytest.mark.parametrize(
    ("step", "why"),
    [
        # the relation turned over: at K = 1, p = 2, q = 1 the left is −2·log 2, the right −1
        (
            GIBBS + f', {{ rel = ">=", expr = "Sum(p[i]*(q[i]/p[i] - 1), (i, 1, K))", {AT} }}',
            "other way",
        ),
        # a factor of any sign: x = 0, t = 1 gives −5e < −10
        (
            '"(x - 5)*exp(t)", { rel = ">=", expr = "(x - 5)*(1 + t)", by = "exp-above-tangent" }',
            "x − 5 ≥ 0",
        ),
        # outside the lemma's domain t > 0: x = −1 gives 1/e < 1/2
        (
            '"exp(x)", { rel = ">=", expr = "1 + x + x**2/2", by = { rule = "exp-above-quadratic", '
            'at = { t = "x" } } }',
            "x > 0",
        ),
        # strict from a weak lemma: equality at a = 1
        ('"log(a)", { rel = "<", expr = "a - 1", by = "log-below-tangent" }', "gives <="),
        # inside Abs, which is not monotone: x = 1 gives e − 3 against 1
        ('"Abs(exp(x) - 3)", { rel = ">=", expr = "Abs(x - 2)", by = "exp-above-tangent" }', "Abs"),
        # a decreasing function turns the bound over: t = 1 gives 1/log 2 > 1
        (
            '"1/log(1 + t)", { rel = "<=", expr = "1/t", by = { rule = "log-below-tangent", '
            'at = { t = "1 + t" } } }',
            "other way",
        ),
        # the sum's index from 0: t = i − 1 is −1 at i = 0 (K = 1: e⁻¹ + 1 < 1/2 + 1)
        (
            '"Sum(exp(i - 1), (i, 0, K))", { rel = ">=", '
            'expr = "Sum(i + (i - 1)**2/2, (i, 0, K))", '
            'by = { rule = "exp-above-quadratic", at = { t = "i - 1" } } }',
            "> 0",
        ),
    ],
)
def test_citations_refused_with_the_reason(tmp_path: Path, step: str, why: str) -> None:
    verdict, method, warnings = _cited(tmp_path, step)
    assert verdict is not Verdict.PROVED
    assert "cited" not in method
    assert any(why in w for w in warnings), warnings


@pytest.mark.parametrize(
    "step",
    [
        '"exp(x) + exp(2*x)", { rel = ">=", expr = "2 + 3*x", by = "exp-above-tangent" }',
        '"sqrt(1 + exp(t))", { rel = ">=", expr = "sqrt(2 + t)", by = "exp-above-tangent" }',
        '"a*exp(x)", { rel = ">=", expr = "a*(1 + x)", by = "exp-above-tangent" }',
        '"-log(a)", { rel = ">=", expr = "1 - a", by = "log-below-tangent" }',
        '"1/log(1 + t)", { rel = ">=", expr = "1/t", by = { rule = "log-below-tangent", '
        'at = { t = "1 + t" } } }',
    ],
)
def test_instances_combined_monotonically(tmp_path: Path, step: str) -> None:
    verdict, method, _ = _cited(tmp_path, step)
    assert verdict is Verdict.PROVED
    assert "(cited" in method


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('steps = ["log(t)", "<= t", ">= t - 1"]', "must be a chain of"),
        ('steps = ["log(t)", { rel = "<=", expr = "t", by = { rule = "x", bogus = 1 } }]', "bogus"),
        ('steps = ["log(t)", { rel = "<=", expr = "t", by = { at = { t = "1" } } }]', "rule"),
        (
            'steps = ["log(t)", { rel = "<=", expr = "t", '
            'by = { rule = "x", at = { t = "1 +" } } }]',
            "1 +",
        ),
    ],
)
def test_citation_syntax_errors(text: str, message: str) -> None:
    lemma = 'lemma = "mixed"\n' if "must be" in message else ""
    source = f'title = "t"\n[symbols]\nt = "positive"\n[[chain]]\nname = "c"\n{lemma}{text}\n'
    with pytest.raises(InputError, match=message):
        load_text(source)


def test_at_values_are_read_as_expressions() -> None:
    source = (
        'title = "t"\n[symbols]\nt = "positive"\n[[chain]]\nname = "c"\n'
        'steps = ["log(t)", { rel = "<=", expr = "t", by = { rule = "r", at = { t = "2*t" } } }]\n'
    )
    step = load_text(source).chains[0].steps[1]
    assert step.by == "r"
    assert step.at == (("t", 2 * sympy.Symbol("t", positive=True)),)


def test_the_readme_example_of_an_inequality_lemma(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Lemmas of inequalities") :]
    block = section[section.index("```toml\n") + 8 : section.index("```\n", 10)]
    report = check_text(tmp_path, 'title = "readme"\n' + block, timeout=30)
    assert [r.verdict for r in report.relations] == [Verdict.PROVED] * 3
    assert report.relations[1].method == "log-below-tangent (cited, at t = q[i]/p[i])"
