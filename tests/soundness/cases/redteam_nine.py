"""Redteam-9's probes: SymPy's closed forms of sums over a symbolic bound, numeric
acceptance far along the domains of family members and of several symbols at once, guards
needed only under a condition (0^x), and tie points of a case condition under a range
constraint.

- closed forms: SymPy 1.14 closes Σ_{k=1}^{n+1} k²·C(2, k) to 2 (it is 6 for every n ≥ 1)
  and Σ_{k=1}^{m+1} k·C(3, k) to a form that is 6 at m = 0 (the sum is 3); a canonical form
  brought each false difference to 0 (only the refuter stood between them and PROVED);
- accept-expect: atan(z[2]) < 1.5707963 and Σ w[i] < 10⁷ fail far along a family's domain,
  which the far scales never took; exp(−1/x − 1/y) < 0.9999999 fails only where x and y are
  both beyond 2·10⁷ (each alone far, the other at a sample point, it holds); an integer
  symbol was sampled at 1 … 7 (or −3 … 3) and then at 10⁷ …: sin(n) < 0.999 fails first at
  n = 33;
- guards: 0^x needs 0 ≠ 0 only where x < 0; read as needed everywhere, 0^x = 1 had no
  solution (0^0 = 1: false steps PROVED, true ones REFUTED);
- ties: with k in {1, ..., C}, a counterexample k = 500 must come with C ≥ 500;
- number-signs: SymPy's sign of exp(−101) − log(1 + exp(−100)) (−2.4·10⁻⁴⁴) was positive
  (its evalf of the log is 0), in Abs, Max, comparisons and its assumptions.

Ground truth: the reference evaluator (mpmath), confirm.py.
"""

from __future__ import annotations

from . import F, File, Fw, T, eqn, rel

CLOSED_FORMS = File(
    "closed-forms/sympy-closed-forms.toml",
    {"n": "positive integer", "m": "nonnegative integer", "x": "real"},
    [
        rel("binomial-two-squares", "Sum(k**2*binomial(2, k), (k, 1, n + 1))", "=", "2", F(n=1)),
        rel("binomial-two-squares-true", "Sum(k**2*binomial(2, k), (k, 1, n + 1))", "=", "6", T()),
        rel(
            "binomial-three-weighted",
            "Sum(k*binomial(3, k), (k, 1, m + 1))",
            "=",
            "12 - 6/(factorial(1 - m)*factorial(m + 1))",
            F(m=0),
        ),
        rel(
            "binomial-three-weighted-true",
            "Sum(k*binomial(3, k), (k, 1, n + 2))",
            "=",
            "12",
            T(),
        ),
        rel("alternating-row", "Sum((-1)**k*binomial(m, k), (k, 0, m))", "=", "0", F(m=0)),
        rel(
            "alternating-row-true",
            "Sum((-1)**k*binomial(n, k), (k, 0, n))",
            "=",
            "0",
            T(),
        ),
        rel(
            "geometric-at-one",
            "Sum(x**k, (k, 0, m))",
            "=",
            "Piecewise((m + 1, Eq(x, 1)), ((1 - x**(m + 1))/(1 - x), True))",
            T(),
        ),
        rel(
            "geometric-at-one-off",
            "Sum(x**k, (k, 0, m))",
            "=",
            "Piecewise((m, Eq(x, 1)), ((1 - x**(m + 1))/(1 - x), True))",
            F(x=1, m=0),
        ),
    ],
)

FAR_MEMBERS = File(
    "accept-far/members-and-pairs.toml",
    {
        "x": "positive",
        "y": "positive",
        "n": "positive integer",
        "m": "integer",
        "r": "real",
        "z[i]": "real",
        "w[i]": "positive",
        "p[i]": "simplex(3)",
    },
    [
        rel(
            "member-atan",
            "atan(z[2])",
            "<",
            {"expr": "15707963/10000000", "accept": "numeric"},
            Fw({"z[2]": "10**8"}),
        ),
        rel(
            "member-atan-true",
            "atan(z[2])",
            "<",
            {"expr": "15707964/10000000", "accept": "numeric"},
            T(),
        ),
        rel(
            "member-sum",
            "Sum(w[i], (i, 1, 3))",
            "<",
            {"expr": "10**7", "accept": "numeric"},
            Fw({"w[1]": "10**7", "w[2]": "1", "w[3]": "1"}),
        ),
        rel(
            "member-bump",
            "exp(-(log(w[1]) - 20)**2)",
            "<",
            {"expr": "1/2", "accept": "numeric"},
            Fw({"w[1]": "485165195"}),
        ),
        rel(
            "pair-exp",
            "exp(-1/x - 1/y)",
            "<",
            {"expr": "9999999/10000000", "accept": "numeric"},
            F(x="10**8", y="10**8"),
        ),
        rel("pair-exp-true", "exp(-1/x - 1/y)", "<", {"expr": "1", "accept": "numeric"}, T()),
        rel(
            "integer-window",
            "sin(n)*exp(-r**2)",
            "<",
            {"expr": "999/1000", "accept": "numeric"},
            F(n=33, r=0),
        ),
        rel(
            "integer-window-true",
            "sin(n)*exp(-r**2)",
            "<",
            {"expr": "1", "accept": "numeric"},
            T(),
        ),
        rel(
            "integer-window-negative",
            "cos(m)*exp(-r**2)",
            ">",
            {"expr": "-9999/10000", "accept": "numeric"},
            F(m=-22, r=0),
        ),
        rel(
            "simplex-squares-true",
            "Sum(p[i]**2, (i, 1, 3))",
            "<=",
            {"expr": "1", "accept": "numeric"},
            T(),
        ),
    ],
)

GUARDS = File(
    "guards/zero-powers.toml",
    {"x": "real", "n": "nonnegative integer"},
    [
        eqn("zero-power-one-implies", "0**x = 1", "=>", "x = 5", F(x=0)),
        eqn("zero-power-one-empty", "0**x = 1", "<=>", "x**2 = -1", F(x=0)),
        eqn("zero-power-one-true", "0**x = 1", "<=>", "x = 0", T()),
        eqn("zero-power-zero-true", "0**x = 0", "<=>", "x > 0", T()),
        eqn("zero-power-zero-weak", "0**x = 0", "<=>", "x >= 0", F(x=0)),
        eqn("zero-power-integer", "0**n = 1", "=>", "n >= 1", F(n=0)),
        eqn("zero-power-half", "0**x > 1/2", "<=>", "x > 3", F(x=4)),
    ],
)

TIES = File(
    "ties/range-constraint.toml",
    {"C": "integer >= 3", "k": "{1, ..., C}"},
    [
        rel("spike-far", "Piecewise((-1, Eq(k, 500)), (0, True))", ">=", "0", F(k=500, C=500)),
        rel("spike-near", "Piecewise((-1, Eq(k, 2)), (0, True))", ">=", "0", F(k=2, C=3)),
        rel("spike-outside", "Piecewise((-1, Eq(k, 0)), (0, True))", ">=", "0", T()),
    ],
)

# c = exp(−101) − log(1 + exp(−100)) = −2.4·10⁻⁴⁴; SymPy's evalf took log(1 + exp(−100)) for
# 0 and gave c a positive sign, in its assumptions, Abs, Max and comparisons of numbers
C = "(exp(-101) - log(1 + exp(-100)))"
NUMBER_SIGNS = File(
    "number-signs/log-near-one.toml",
    {"x": "positive", "y": "real"},
    [
        rel("scaled", "x*exp(-101)", ">", "x*log(1 + exp(-100))", F(x=1)),
        rel("scaled-true", "x*exp(-100)", ">=", "x*log(1 + exp(-100))", T()),
        rel("squared", "exp(-101)*y**2", ">=", "log(1 + exp(-100))*y**2", F(y=1)),
        rel("quadratic", f"{C}*x**2 + 1", ">", "1", F(x=1)),
        rel("absolute", f"Abs({C})", "=", C, F()),
        rel("absolute-true", f"Abs({C})", "=", f"-{C}", T()),
        rel("largest", "Max(exp(-101), log(1 + exp(-100)))", "=", "exp(-101)", F()),
        rel("largest-true", "Max(exp(-101), log(1 + exp(-100)))", "=", "log(1 + exp(-100))", T()),
        rel("root", f"sqrt({C})", ">=", "0", F()),
        rel("compared", "log(1 + exp(-100))", "<", "exp(-101)", F()),
        rel("compared-true", "log(1 + exp(-100))", ">", "exp(-101)", T()),
        rel(
            "condition", "Piecewise((1, exp(-101) > log(1 + exp(-100))), (0, True))", "=", "1", F()
        ),
        rel("limit", f"Limit(x*{C}, x, oo)", "=", "oo", F()),
    ],
)

FILES = [CLOSED_FORMS, FAR_MEMBERS, GUARDS, TIES, NUMBER_SIGNS]
