"""factorial and binomial (Poisson and binomial likelihoods): n! only for integers n ≥ 0,
C(r, k) for an integer k, read from files and printed in LaTeX; a derivative in one
variable does not ask a part it leaves alone to be defined beside the point."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import check_text, relation_of
from xentproof.model import Notation
from xentproof.result import Verdict
from xentproof.tex.printer import expression_latex

COUNTS = 'n = "nonnegative integer"\nk = "nonnegative integer"\nm = "integer"\nlam = "positive"'
POISSON = 'N = "positive integer"\n"y[i]" = "nonnegative integer"\nlam = "positive"'


@pytest.mark.parametrize(
    "lhs, rhs, verdict",
    [
        ("factorial(n + 1)/factorial(n)", "n + 1", Verdict.PROVED),
        ("factorial(n + 1)/factorial(n)", "n", Verdict.REFUTED),  # near miss
        ("binomial(n + k, k)", "factorial(n + k)/(factorial(n)*factorial(k))", Verdict.PROVED),
        ("binomial(n + k, k)", "factorial(n + k)/factorial(n)", Verdict.REFUTED),  # near miss
        ("binomial(n + 1, k + 1)", "binomial(n, k) + binomial(n, k + 1)", Verdict.PROVED),
        ("Sum(binomial(n, j), (j, 0, n))", "2**n", Verdict.PROVED),
        ("Sum(binomial(n, j), (j, 0, n))", "2**n - 1", Verdict.REFUTED),  # near miss
        (
            "log(lam**k*exp(-lam)/factorial(k))",
            "k*log(lam) - lam - log(factorial(k))",
            Verdict.PROVED,
        ),
    ],
)
def test_counting_identities(tmp_path: Path, lhs: str, rhs: str, verdict: Verdict) -> None:
    assert relation_of(tmp_path, COUNTS, lhs, rhs).verdict is verdict


def test_factorial_of_a_negative_integer_is_not_proved(tmp_path: Path) -> None:
    # m! (m + 1) = (m + 1)! holds for m ≥ 0 only: m = -1 leaves the left undefined
    result = relation_of(tmp_path, COUNTS, "factorial(m)*(m + 1)", "factorial(m + 1)")
    assert result.verdict is not Verdict.PROVED


def test_the_poisson_log_likelihood_gradient(tmp_path: Path) -> None:
    nll = "Derivative(Sum(y[i]*log(lam) - lam - log(factorial(y[i])), (i, 1, N)), lam)"
    right = relation_of(tmp_path, POISSON, nll, "Sum(y[i], (i, 1, N))/lam - N")
    assert right.verdict is Verdict.PROVED
    wrong = relation_of(tmp_path, POISSON, nll, "Sum(y[i], (i, 1, N))/lam - 1")  # near miss
    assert wrong.verdict is Verdict.REFUTED


def test_a_part_the_variable_leaves_alone_needs_to_be_defined_at_the_point_only(
    tmp_path: Path,
) -> None:
    symbols = 'x = "real"\ny = "nonnegative"\nu = "nonnegative"'
    beside = relation_of(tmp_path, symbols, "Derivative(x*sqrt(y), x)", "sqrt(y)")
    assert beside.verdict is Verdict.PROVED
    # near miss: sqrt(u) in d/du is not differentiable at u = 0, the end of its domain
    own = relation_of(tmp_path, symbols, "Derivative(sqrt(u), u)", "1/(2*sqrt(u))")
    assert own.verdict is not Verdict.PROVED


@pytest.mark.parametrize(
    "text, latex",
    [("factorial(n + 1)", "(n+1)!"), ("factorial(n)", "n!"), ("binomial(n, k)", "\\binom{n}{k}")],
)
def test_latex_of_counting_functions(text: str, latex: str) -> None:
    assert expression_latex(text, Notation()).replace(" ", "") == latex


def test_a_huge_factorial_is_an_input_error_at_once(tmp_path: Path) -> None:
    # SymPy computes 10**7! in C, where no alarm interrupts it
    text = 'title = "t"\n[symbols]\nx = "real"\n[[chain]]\nname = "c"\n'
    report = check_text(tmp_path, text + 'steps = ["factorial(10**7)", "= x"]\n')
    assert report.errors and "factorial" in str(report.errors[0])


def _latex_verdict(tmp_path: Path, symbols: str, left: str, right: str) -> Verdict:
    text = f'title = "t"\n[symbols]\n{symbols}\n[[chain]]\nname = "c"\n'
    text += f"steps = [{{ latex = '{left}' }}, {{ rel = \"=\", latex = '{right}' }}]\n"
    report = check_text(tmp_path, text)
    assert not report.errors, report.errors
    (relation,) = report.relations
    return relation.verdict


@pytest.mark.parametrize(
    "left, right, verdict",
    [
        (r"(n+1)!", r"(n+1) \cdot n!", Verdict.PROVED),
        (r"(n+1)!", r"n \cdot n!", Verdict.REFUTED),  # near miss
        (r"\binom{n+k}{k}", r"\frac{(n+k)!}{n!\,k!}", Verdict.PROVED),
        (r"\dbinom{n+k}{k}", r"\frac{(n+k)!}{n!}", Verdict.REFUTED),  # near miss
        (
            r"\log \frac{\lambda^k e^{-\lambda}}{k!}",
            r"k\log\lambda - \lambda - \log k!",
            Verdict.PROVED,
        ),
        (r"y_1!", r"\binom{y_1}{1} (y_1 - 1)!", Verdict.PROVED),
    ],
)
def test_counting_functions_in_latex(
    tmp_path: Path, left: str, right: str, verdict: Verdict
) -> None:
    symbols = (
        'n = "nonnegative integer"\nk = "nonnegative integer"\nlamda = "positive"\n'
        '"y[i]" = "positive integer"'
    )
    assert _latex_verdict(tmp_path, symbols, left, right) is verdict


def test_a_factorial_after_a_power_is_refused(tmp_path: Path) -> None:
    text = 'title = "t"\n[symbols]\nn = "nonnegative integer"\n[[chain]]\nname = "c"\n'
    text += "steps = [{ latex = 'n^2!' }, { rel = \"=\", latex = 'n' }]\n"
    report = check_text(tmp_path, text)
    assert report.errors and "x^n!" in str(report.errors[0])


# redteam-7: SymPy's simplify rewrites C(r, k) by identities of the nonnegative integers.
# By the contract C(−1, 0) = 1 and C(−1, −1) = 0 (mpmath.binomial(−1, 0) = 1; k < 0 gives
# 0), so each of these fails at m = −1001, a point the sampled integers (−3 … 3) never
# reach: they were PROVED by simplify.
@pytest.mark.parametrize(
    "lhs, rhs",
    [
        ("binomial(m + 1000, m + 1000)", "1"),  # m = −1001: 0, not 1
        ("binomial(m + 1000, k)", "binomial(m + 1000, m + 1000 - k)"),  # k = 0: 1 against 0
        ("binomial(m + 1000, m + 999)", "m + 1000"),  # m = −1001: 0 against −1
        ("binomial(m + 1000, m + 1001)", "0"),  # m = −1001: C(−1, 0) = 1
    ],
)
def test_binomial_identities_of_the_naturals_are_not_proved_for_any_integer_top(
    tmp_path: Path, lhs: str, rhs: str
) -> None:
    assert relation_of(tmp_path, COUNTS, lhs, rhs).verdict is not Verdict.PROVED


@pytest.mark.parametrize(
    "lhs, rhs",
    [
        ("binomial(n + 1000, n + 1000)", "1"),  # the near misses: a top shown ≥ 0
        ("binomial(n + k, k)", "binomial(n + k, n)"),
        ("binomial(m, 2)", "m*(m - 1)/2"),  # a number below: a polynomial in the top
    ],
)
def test_binomial_identities_with_a_top_shown_natural_are_proved(
    tmp_path: Path, lhs: str, rhs: str
) -> None:
    assert relation_of(tmp_path, COUNTS, lhs, rhs).verdict is Verdict.PROVED
