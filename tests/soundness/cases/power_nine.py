"""Power-9's methods (issue 18, classes 1, 7, 8, 9) against their near misses: limits of
functions of a limit and splits inside a case of a split, Piecewise conditions split in
three (>, =, <), a rational body cancelled over one denominator (its removable 0/0 at a
parameter value must still be seen), (−log u)^c beaten by powers, tanh applied to both
sides of an equation with an atanh, nested compositions cancelled level by level, the
exponentials of one symbol as powers of E = exp(s/q), erf and atan enclosed on the line,
|∏ f| = ∏ |f|.

Ground truth: mpmath through the reference evaluator (confirm.py); every false label has
its witness point.
"""

from __future__ import annotations

from . import F, File, Fw, T, eqn, rel

LIMITS = File(
    "power-nine/limits.toml",
    {"a": "real", "b": "real", "t": "positive", "tau": "positive", "x": "real"},
    [
        rel("tanh-rate-one", "Limit(tanh(a*t), t, oo)", "=", "1", F(a=0)),
        rel("atan-rate-half-pi", "Limit(atan(a*t), t, oo)", "=", "pi/2", F(a=0)),
        rel("log-cosh-rate-a", "Limit(log(cosh(a*t))/t, t, oo)", "=", "a", F(a=-1)),
        # The proofs of these limits (tanh(a·t) → sign(a), the three rates, the cold
        # sigmoid, t·log((t + a)/(t + b))) and the near misses of the three rates are in
        # tests/test_limit_functions.py: the reference evaluator cannot probe them.
        rel(
            "cold-sigmoid-indicator",
            "Limit(1/(1 + exp(-x/tau)), tau, 0, '+')",
            "=",
            "Max(sign(x), 0)",
            F(x=0),
        ),
        rel(
            "log-ratio-of-shifts-sum",
            "Limit(t*log((t + a)/(t + b)), t, oo)",
            "=",
            "a + b",
            F(a=1, b=1),
        ),
        rel("power-against-exp", "Limit(t**a*exp(-t), t, oo)", "=", "0", T()),
        rel("power-against-exp-same-rate", "Limit(t**a*exp(-a*t), t, oo)", "=", "0", F(a=0)),
        rel("power-against-exp-inverse", "Limit(t**a*exp(-1/t), t, oo)", "=", "0", F(a=0)),
        # a rational body cancelled over one denominator: its 0/0 at a = 0 is still seen
        rel("cancelled-quotient-any-a", "Limit((a*x + a*x**2)/(a*x), x, 0)", "=", "1", F(a=0)),
        rel(
            "cancelled-quotient-two-rates", "Limit((a*x**2 + x)/(b*x**2 + x), x, 0)", "=", "1", T()
        ),
        rel(
            "cancelled-quotient-wrong", "Limit((a*x**2)/(b*x**2 + x), x, 0)", "=", "a", F(a=1, b=1)
        ),
    ],
)

SPLITS = File(
    "power-nine/splits.toml",
    {"a": "real", "b": "real"},
    [
        rel("piecewise-min", "Piecewise((b, a > b), (a, True))", "=", "Min(a, b)", T()),
        rel(
            "piecewise-min-tie-other-side",
            "Piecewise((b, a >= b), (a, True))",
            "=",
            "Min(a, b)",
            T(),
        ),
        rel(
            "piecewise-min-shifted",
            "Piecewise((b, a > b), (a + 1, True))",
            "=",
            "Min(a, b)",
            F(a=0, b=1),
        ),
        rel(
            "piecewise-max-for-min",
            "Piecewise((b, a > b), (a, True))",
            "=",
            "Max(a, b)",
            F(a=1, b=0),
        ),
        rel(
            "step-without-tie",
            "Piecewise((1, a > b), (0, True))",
            "=",
            "(1 + sign(a - b))/2",
            F(a=1, b=1),
        ),
        rel(
            "step-with-tie",
            "Piecewise((1, a > b), (1/2, Eq(a, b)), (0, True))",
            "=",
            "(1 + sign(a - b))/2",
            T(),
        ),
        rel("unequal-indicator", "Piecewise((1, Ne(a, b)), (0, True))", "=", "sign(a - b)**2", T()),
        rel(
            "unequal-indicator-signed",
            "Piecewise((1, Ne(a, b)), (0, True))",
            "=",
            "sign(a - b)",
            F(a=0, b=1),
        ),
    ],
)

EQUATIONS = File(
    "power-nine/equations.toml",
    {
        "x": "real",
        "a": "real",
        "h": "(-2, 2)",
        "mu": "real",
        "N": "positive integer",
        "o[i]": "real",
        "w[i]": "positive",
    },
    [
        eqn("atanh-inverse", "atanh(x) = a", "<=>", "x = tanh(a)", T()),
        eqn(
            "atanh-inverse-halved", "atanh(x) = a", "<=>", "x = tanh(a)/2", F(a="log(3)/2", x="1/2")
        ),
        eqn("atanh-half-argument", "atanh(x/2) = h", "<=>", "x = tanh(h)", F(h="log(3)/2", x=1)),
        eqn("tanh-injective", "tanh(x) = tanh(a)", "<=>", "x = a", T()),
        eqn("tanh-squared-not-injective", "tanh(x)**2 = tanh(a)**2", "<=>", "x = a", F(a=1, x=-1)),
        eqn(
            "weighted-mean",
            "Sum(w[i]*(o[i] - mu), (i, 1, N)) = 0",
            "<=>",
            "mu = Sum(w[i]*o[i], (i, 1, N))/Sum(w[i], (i, 1, N))",
            T(),
        ),
    ],
)

SIGMOID5 = "1/(1 + exp(-1/(1 + exp(-1/(1 + exp(-1/(1 + exp(-1/(1 + exp(-x))))))))))"
TANH5 = "(1 + tanh((1 + tanh((1 + tanh((1 + tanh((1 + tanh(x/2))/4))/4))/4))/4))/2"
TANH5_WRONG = "(1 + tanh((1 + tanh((1 + tanh((1 + tanh((1 + tanh(x))/4))/4))/4))/4))/2"

SHAPES = File(
    "power-nine/shapes.toml",
    {
        "x": "real",
        "u": "real",
        "v": "positive",
        "n": "nonnegative",
        "N": "positive integer",
        "x[i]": "real",
    },
    [
        rel("nested-sigmoids-tanh-form", SIGMOID5, "=", TANH5, T()),
        rel("nested-sigmoids-innermost-wrong", SIGMOID5, "=", TANH5_WRONG, F(x=-3)),
        rel("tanh-tail", "1 - tanh(v)", ">=", "exp(-2*v)", T()),
        rel("tanh-tail-doubled", "1 - tanh(v)", ">=", "2*exp(-2*v)", F(v=20)),
        rel("tanh-tail-strict-at-zero", "1 - tanh(n)", ">", "exp(-2*n)", F(n=0)),
        rel("tanh-tail-any-sign", "1 - tanh(u)", ">=", "exp(-2*u)", F(u=-1)),
        rel("erf-squared", "erf(u)**2", "<=", "1", T()),
        rel("erf-squared-below", "erf(u)**2", "<=", "99/100", F(u=3)),
        rel("atan-squared", "atan(u)**2", "<=", "5/2", T()),
        rel("atan-squared-below", "atan(u)**2", "<=", "61/25", F(u=1000)),
        rel(
            "abs-of-product",
            "Abs(Product(x[i], (i, 1, N)))",
            "=",
            "Product(Abs(x[i]), (i, 1, N))",
            T(),
        ),
        rel(
            "abs-of-product-dropped",
            "Abs(Product(x[i], (i, 1, N)))",
            "=",
            "Product(x[i], (i, 1, N))",
            Fw({"N": 1, "x[1]": -1}),
        ),
        rel(
            "abs-of-product-short",
            "Abs(Product(x[i], (i, 1, N)))",
            "=",
            "Product(Abs(x[i]), (i, 1, N - 1))",
            Fw({"N": 1, "x[1]": 2}),
        ),
    ],
)

FILES = [LIMITS, SPLITS, EQUATIONS, SHAPES]
