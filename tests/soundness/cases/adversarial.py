"""Redteam-7's probes of what landed last: factorial and binomial past the sampled integers,
plain-text and ellipsis notation, numeric acceptance over sums that grow without bound,
and the newer inequality methods (Max/Min split, Lipschitz bounds, common factors, sums
split at an index, powers of products), each true relation beside a false one an edit away.

Ground truth: the contract of docs/semantics.md (C(r, k) = 0 for k < 0, so C(−1, −1) = 0
where mpmath.binomial gives 1), mpmath for every value (confirm.py)."""

from __future__ import annotations

from . import Chain, F, File, Fw, Label, T, rel
from .latex import latex_case

BINOMIAL_TOPS = File(
    "counting/binomial-far-tops.toml",
    {"m": "integer", "k": "nonnegative integer", "n": "nonnegative integer"},
    [
        # PROVED by simplify before (its identities of the naturals): false at m = -1001
        rel("diagonal-far", "binomial(m + 1000, m + 1000)", "=", "1", F(m=-1001)),
        rel("diagonal-natural", "binomial(n + 1000, n + 1000)", "=", "1", T()),
        rel(
            "symmetry-far",
            "binomial(m + 1000, k)",
            "=",
            "binomial(m + 1000, m + 1000 - k)",
            F(m=-1001, k=0),
        ),
        rel("symmetry-natural", "binomial(n + k, k)", "=", "binomial(n + k, n)", T()),
        rel("below-diagonal-far", "binomial(m + 1000, m + 999)", "=", "m + 1000", F(m=-1001)),
        rel("past-the-row-far", "binomial(m + 1000, m + 1001)", "=", "0", F(m=-1001)),
        rel("past-the-row-natural", "binomial(n + 1000, n + 1001)", "=", "0", T()),
        rel("number-below", "binomial(m + 1000, 2)", "=", "(m + 1000)*(m + 999)/2", T()),
        rel("number-below-off", "binomial(m + 1000, 2)", "=", "(m + 1000)*(m + 1001)/2", F(m=0)),
        rel("negative-bottom", "binomial(m, -1)", "=", "0", T()),
        rel("alternating-row", "Sum((-1)**j*binomial(n, j), (j, 0, n))", "=", "0", F(n=0)),
        rel(
            "alternating-row-shifted",
            "Sum((-1)**j*binomial(n + 1, j), (j, 0, n + 1))",
            "=",
            "0",
            T(),
        ),
        rel("factorial-far", "factorial(m + 1000)", ">=", "1", F(m=-1001)),
        rel("factorial-below-power", "factorial(n)", "<", "10**n", F(n=25)),
        rel("central-binomial", "binomial(2*n, n)", "<=", "4**n", T()),
        rel("central-binomial-strict", "binomial(2*n, n)", "<", "4**n", F(n=0)),
    ],
)

FAR_OUT = File(
    "accept-expect/far-out-sums.toml",
    {"N": "integer", "n": "positive integer", "x": "(0, 1)"},
    [
        # agree at every sampled count (≤ 40); false from N = 83 (Σ 1/i ≥ 5 there)
        rel(
            "harmonic-below-five",
            "Sum(1/i, (i, 1, N))",
            "<",
            {"expr": "5", "accept": "numeric"},
            F(N=83),
        ),
        rel(
            "basel-below",  # false from n = 7350 on (Σ 1/i² → π²/6 = 1.644934…)
            "Sum(1/i**2, (i, 1, n))",
            "<",
            {"expr": "16448/10000", "accept": "numeric"},
            F(n=8000),
        ),
        rel(
            "basel-below-limit",
            "Sum(1/i**2, (i, 1, n))",
            "<",
            {"expr": "1645/1000", "accept": "numeric"},
            T(),
        ),
        rel(
            "geometric-below-limit",
            "Sum(x**i, (i, 0, n))",
            "<=",
            {"expr": "1/(1 - x)", "accept": "numeric"},
            T(),
        ),
        rel(
            "geometric-below-less",
            "Sum(x**i, (i, 0, n))",
            "<=",
            {"expr": "1/(1 - x) - 1/10**6", "accept": "numeric"},
            F(n=40, x="1/2"),
        ),
        rel(
            "product-empty-below",  # false for N ≤ -2, where the empty product is 1
            "Product(1 - 1/(i + 1)**2, (i, 1, N))",
            "=",
            {"expr": "1/2 + 1/(2*N + 2)", "accept": "numeric"},
            F(N=-3),
        ),
    ],
)

METHODS = File(
    "inequality-methods/redteam-seven.toml",
    {
        "a": "real",
        "b": "real",
        "c": "real",
        "t": "positive",
        "u": "(0, 1)",
        "v": "(0, 1)",
        "n": "positive integer",
        "k": "positive integer",
        "z[i]": "real",
        "x[i]": "real",
    },
    [
        rel("max-times-min", "Max(a, b)*Min(a, b)", "<=", "a*b", T()),
        rel("max-times-min-strict", "Max(a, b)*Min(a, b)", "<", "a*b", F(a=0, b=0)),
        rel("max-squared", "Max(a, b)**2", "<=", "a**2 + b**2", T()),
        rel("max-of-squares", "Max(a**2, b**2)", "<=", "Max(a, b)**2", F(a=-1, b=0)),
        rel("soft-max-scaled", "t*log(exp(a/t) + exp(b/t))", "<=", "Max(a, b) + t*log(2)", T()),
        rel(
            "soft-max-unscaled",
            "t*log(exp(a/t) + exp(b/t))",
            "<=",
            "Max(a, b) + log(2)",
            F(a=0, b=0, t=2),
        ),
        rel("gap-pole", "Max(a, b) - a - 1/(a - b - 1)", ">=", "0", F(a=2, b=0)),
        rel("gap-arctan", "Max(a, b) - a + atan(b - a)", ">=", "-2", T()),
        rel("square-lipschitz", "Abs(u**2 - v**2)", "<=", "2*Abs(u - v)", T()),
        rel(
            "square-lipschitz-short",
            "Abs(u**2 - v**2)",
            "<=",
            "3*Abs(u - v)/2",
            F(u="99/100", v="9/10"),
        ),
        rel("scaled-lipschitz", "Abs(c*a - c*b)", "<=", "Abs(c)*Abs(a - b)", T()),
        rel("scaled-lipschitz-sign", "Abs(c*a - c*b)", "<=", "c*Abs(a - b)", F(a=1, b=0, c=-1)),
        rel(
            "log-lipschitz-on-unit",
            "Abs(log(u) - log(v))",
            "<=",
            "Abs(u - v)",
            F(u="1/10", v="1/2"),
        ),
        rel("common-factor", "log(exp(a) + exp(a + t))", "<", "a + t + log(2)", T()),
        rel(
            "common-factor-squared",
            "log(exp(2*a) + exp(a + t))",
            "<",
            "a + t + log(2)",
            F(a=2, t="1/1000"),
        ),
        rel(
            "common-factor-scaled",
            "log(u*exp(a) + u*exp(a + t))",
            "<",
            "log(u) + a + t + log(2)",
            T(),
        ),
        rel(
            "softmax-split",
            "exp(z[k])/Sum(exp(z[i]), (i, 1, k + n))",
            "<",
            "1",
            T(),
        ),
        Chain(
            "softmax-whole",
            ["exp(z[k])/Sum(exp(z[i]), (i, 1, k))", "< 1"],
            [Fw({"k": "1", "z[1]": "0"})],
        ),
        rel(
            "split-keeps-next",
            "Sum(exp(z[i]), (i, 1, k + n)) - exp(z[k])",
            ">=",
            "exp(z[k + 1])",
            T(),
        ),
        Chain(
            "split-keeps-next-strict",
            ["Sum(exp(z[i]), (i, 1, k + n)) - exp(z[k])", "> exp(z[k + 1])"],
            [Fw({"k": "1", "n": "1", "z[1]": "0", "z[2]": "0"})],
        ),
        rel(
            "root-of-product-of-squares",
            "Product(x[i]**2, (i, 1, n))**(1/2)",
            "=",
            "Product(Abs(x[i]), (i, 1, n))",
            T(),
        ),
        Chain(
            "root-of-product-of-cubes",
            ["Product(x[i]**3, (i, 1, n))**(1/3)", "= Product(x[i], (i, 1, n))"],
            [Fw({"n": "1", "x[1]": "-1"})],
        ),
        Chain(
            "power-of-product-sign-lost",
            ["Product(x[i], (i, 1, n))**t", "= Product(x[i]**t, (i, 1, n))"],
            [Fw({"n": "2", "t": "1/2", "x[1]": "-1", "x[2]": "-1"})],
        ),
    ],
)


def _numeric(name: str, lhs: str, op: str, rhs: str, label: Label) -> Chain:
    return rel(name, lhs, op, {"expr": rhs, "accept": "numeric"}, label)


# Agree at every sample point (within about 10⁶ of the ends), fail far along a domain:
# each was accepted on numeric agreement
FAR_SCALES = File(
    "accept-expect/far-scales.toml",
    {"x": "real", "t": "positive"},
    [
        _numeric("atan-below", "atan(x)", "<", "15707963/10000000", F(x="10**8")),
        _numeric("atan-below-half-pi", "atan(x)", "<", "15707964/10000000", T()),
        _numeric("log-above", "log(t)", ">", "-30", F(t="10**(-16)")),
        _numeric("root-below", "sqrt(t)", "<", "10**5", F(t="10**11")),
        _numeric("exp-reciprocal-below", "exp(-1/t)", "<", "999999/1000000", F(t="10**7")),
        _numeric("log-one-plus-below", "log(1 + t)", "<", "20", F(t="10**9")),
        _numeric("compound-below", "(1 + 1/t)**t", "<", "271828/100000", F(t="10**7")),
        _numeric("compound-below-e", "(1 + 1/t)**t", "<", "E", T()),
    ],
)

REAL = {"x": "real", "t": "positive"}
FAMILY = {"w[i]": "real", "i": "positive integer", "m": "positive integer"}

NOTATION = [
    # x_3 + … + x_1 was the empty sum from 3 to 1: 0 = x_3 + … + x_1 was PROVED
    latex_case(
        "dots-counting-down",
        FAMILY,
        "0",
        "=",
        r"w_3 + \dots + w_1",
        "w[3] + w[2] + w[1]",
        Fw({"w[1]": "1", "w[2]": "0", "w[3]": "0"}),
    ),
    latex_case(
        "dots-last-term-written-before",
        FAMILY,
        "w[1] + w[2]",
        "=",
        r"w_1 + w_2 + w_3 + \dots + w_2",
        "w[1] + w[2] + w[3] + w[2]",
        Fw({"w[1]": "0", "w[2]": "1", "w[3]": "0"}),
    ),
    latex_case(
        "dots-up-to-a-number",
        FAMILY,
        "w[1] + w[2] + w[3]",
        "=",
        r"w_1 + \dots + w_3",
        "w[1] + w[2] + w[3]",
        T(),
    ),
    latex_case(
        "dots-up-to-m",
        FAMILY,
        "Sum(w[i], (i, 1, m))",
        "=",
        r"w_1 + w_2 + \dots + w_m",
        "Sum(w[i], (i, 1, m))",
        T(),
    ),
    # t.2 was read as t·0.2; plain text's product dot (α.e^z) reads t·2
    latex_case("dot-before-digits", REAL, "2*t", "=", "t.2", "t*2", T()),
    latex_case("dot-before-digits-decimal", REAL, "t/5", "=", "t.2", "t*2", F(t=1)),
    latex_case("leading-dot-decimal", REAL, "t/2", "=", r"t \cdot .5", "t*(1/2)", T()),
    latex_case("factorial-then-plus", REAL, "6", "=", "2 + 2!", "2 + 2", F()),
    latex_case("factorial-of-bracket", REAL, "24", "=", "(2 + 2)!", "24", T()),
    latex_case("binom-squared", REAL, "36", "=", r"\binom{4}{2}^2", "36", T()),
    latex_case("unicode-minus-twice", REAL, "x", "=", "−−x", "x", T()),
    latex_case("unicode-dot-product", REAL, "x*t", "=", "x·t", "x*t", T()),
    latex_case("unicode-dot-product-off", REAL, "x + t", "=", "x·t", "x*t", F(x=1, t=1)),
]

FILES = [BINOMIAL_TOPS, FAR_OUT, FAR_SCALES, METHODS, *NOTATION]
