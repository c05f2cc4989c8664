"""Inequalities aimed at the methods that decide them by their class (issue 18, class 3):
exact polynomial certificates (sums of squares, a quadratic form's LDLᵀ), convexity (above
the tangent, below the chord), term-by-term comparison of sums, and bounds of log-sum-exp.
Each false relation is one edit from a true one: a strict sign where equality is reached, a
coefficient past the best constant, a domain one step too wide (reals for positives), a
range that may be empty, a Taylor bound one term too far. Written adversarially."""

from __future__ import annotations

from . import F, File, Fw, T, rel

POLYNOMIALS = File(
    "inequality-methods/polynomials.toml",
    {
        "x": "real",
        "y": "real",
        "a": "positive",
        "b": "positive",
        "n": "positive integer",
        "u": "(0, 1)",
        "v": "[0, 1]",
    },
    [
        rel("am-gm-two", "x**2 + y**2", ">=", "2*x*y", T()),
        rel("am-gm-two-strict", "x**2 + y**2", ">", "2*x*y", F(x=1, y=1)),
        rel("square-of-difference", "x**2 - 2*x*y + y**2", ">=", "0", T()),
        rel("square-of-difference-strict", "x**2 - 2*x*y + y**2", ">", "0", F(x=1, y=1)),
        rel("definite-form", "x**2 + x*y + y**2", ">=", "0", T()),
        rel("indefinite-form", "x**2 + 3*x*y + y**2", ">=", "0", F(x=1, y=-1)),
        rel("fourth-power", "x**4 - 4*x**3*y + 6*x**2*y**2 - 4*x*y**3 + y**4", ">=", "0", T()),
        rel("odd-degree", "x**3 + y**3", ">=", "0", F(x=-1, y=0)),
        rel("product-square", "x**2*y**2 + 1", ">=", "2*x*y", T()),
        rel("product-square-past-best", "x**2*y**2 + 1", ">=", "3*x*y", F(x=1, y=1)),
        # Motzkin's polynomial is nonnegative but no sum of squares: never refuted
        rel("motzkin", "x**4*y**2 + x**2*y**4 - 3*x**2*y**2 + 1", ">=", "0", T()),
        rel("motzkin-short", "x**4*y**2 + x**2*y**4 - 3*x**2*y**2 + 9/10", ">=", "0", F(x=1, y=1)),
        rel("cubes-on-positives", "a**3 + b**3", ">=", "a**2*b + a*b**2", T()),
        rel("cubes-on-reals", "x**3 + y**3", ">=", "x**2*y + x*y**2", F(x=-1, y=0)),
        rel("am-gm-past-equality", "a**2 + b**2", ">=", "2*a*b + 1/1000", F(a=1, b=1)),
        rel("integer-square", "n**2", ">=", "n", T()),
        rel("integer-square-strict", "n**2", ">", "n", F(n=1)),
        rel("real-square-above", "x**2", ">=", "x", F(x="1/2")),
        rel("open-unit-square", "u**2", "<", "u", T()),
        rel("closed-unit-square", "v**2", "<", "v", F(v=0)),
        rel("open-unit-cube", "u**2", "<=", "u**3", F(u="1/2")),
    ],
)

CONVEXITY = File(
    "inequality-methods/convexity.toml",
    {"x": "real", "t": "positive"},
    [
        rel("exp-tangent", "exp(x)", ">=", "1 + x", T()),
        rel("exp-second-order", "exp(x)", ">=", "1 + x + x**2/2", F(x=-1)),
        rel("log-tangent", "log(t)", "<=", "t - 1", T()),
        rel("log-tangent-strict", "log(t)", "<", "t - 1", F(t=1)),
        rel("log-tangent-shifted", "log(t)", "<=", "t - 2", F(t=1)),
        rel("log-reciprocal-tangent", "log(t)", ">=", "1 - 1/t", T()),
        rel("log-reciprocal-square", "log(t)", ">=", "1 - 1/t**2", F(t=2)),
        rel("softplus-above-identity", "log(1 + exp(x))", ">=", "x", T()),
        rel("softplus-above-shifted", "log(1 + exp(x))", ">=", "x + 1/100", F(x=10)),
        rel("softplus-positive", "log(1 + exp(x))", ">", "0", T()),
        rel("softplus-even-part", "log(1 + exp(x))", ">=", "log(2) + x/2", T()),
        rel(
            "softplus-even-part-quadratic",
            "log(1 + exp(x))",
            ">=",
            "log(2) + x/2 + x**2/100",
            F(x=100),
        ),
        rel("tanh-below-identity-reals", "tanh(x)", "<=", "x", F(x=-1)),
        rel("tanh-below-identity", "tanh(t)", "<=", "t", T()),
        rel("tanh-below-identity-strict", "tanh(t)", "<", "t", T()),
        rel("tanh-cubic", "tanh(t)", ">=", "t - t**3/3", T()),
        rel("tanh-cubic-quarter", "tanh(t)", ">=", "t - t**3/4", F(t="1/2")),
        rel("sin-below-identity-reals", "sin(x)", "<=", "x", F(x=-1)),
        rel("sin-below-identity", "sin(t)", "<", "t", T()),
        rel("sin-cubic", "sin(t)", ">=", "t - t**3/6", T()),
        rel("sin-cubic-seventh", "sin(t)", ">=", "t - t**3/7", F(t=1)),
        rel("root-am-gm", "sqrt(t)", "<=", "(1 + t)/2", T()),
        rel("root-am-gm-strict", "sqrt(t)", "<", "(1 + t)/2", F(t=1)),
        rel("log-one-plus-square", "log(x**2 + 1)", "<=", "x**2", T()),
        rel("log-one-plus-square-half", "log(x**2 + 1)", "<=", "x**2/2", F(x="1/2")),
    ],
)

TERMWISE = File(
    "inequality-methods/termwise.toml",
    {"x": "real", "y": "real", "x[i]": "real", "N": "positive integer", "M": "nonnegative integer"},
    [
        rel("sum-of-squares", "Sum(x[i]**2, (i, 1, N))", ">=", "0", T()),
        rel(
            "sum-of-squares-less-one",
            "Sum(x[i]**2 - 1, (i, 1, N))",
            ">=",
            "0",
            Fw({"N": 1, "x[1]": 0}),
        ),
        rel("sum-of-tangents", "Sum(exp(x[i]), (i, 1, N))", ">=", "Sum(1 + x[i], (i, 1, N))", T()),
        rel(
            "sum-of-tangents-doubled",
            "Sum(exp(x[i]), (i, 1, N))",
            ">=",
            "Sum(1 + 2*x[i], (i, 1, N))",
            Fw({"N": 1, "x[1]": 1}),
        ),
        rel("sum-above-count", "Sum(exp(x[i]), (i, 1, N))", ">", "N", Fw({"N": 1, "x[1]": -1})),
        rel("sum-positive", "Sum(exp(x[i]), (i, 1, N))", ">", "0", T()),
        rel("sum-positive-maybe-empty", "Sum(exp(x[i]), (i, 1, M))", ">", "0", F(M=0)),
        rel("sum-nonnegative-maybe-empty", "Sum(exp(x[i]), (i, 1, M))", ">=", "0", T()),
        rel("two-tangents", "exp(x) + exp(y)", ">=", "2 + x + y", T()),
        rel("tangent-difference", "exp(x) - exp(y)", ">=", "x - y", F(x=0, y=1)),
        rel("tangent-doubled", "2*exp(x)", ">=", "2 + 2*x", T()),
        rel("tangent-negated", "-exp(x)", "<=", "-1 - x", T()),
        rel("tangent-negated-reversed", "-exp(x)", ">=", "-1 - x", F(x=1)),
    ],
)

LOG_SUM_EXP = File(
    "inequality-methods/log-sum-exp.toml",
    {"x": "real", "y": "real"},
    [
        rel("max-below-mean-max", "Max(x, y)", ">=", "(x + y)/2", T()),
        rel("max-above-mean-strict", "Max(x, y)", ">", "(x + y)/2", F(x=1, y=1)),
        rel("lse-above-max", "log(exp(x) + exp(y))", ">", "Max(x, y)", T()),
        rel("lse-below-max-plus-log", "log(exp(x) + exp(y))", "<=", "Max(x, y) + log(2)", T()),
        rel(
            "lse-below-max-plus-log-strict",
            "log(exp(x) + exp(y))",
            "<",
            "Max(x, y) + log(2)",
            F(x=0, y=0),
        ),
        rel(
            "lse-below-max-plus-half-log",
            "log(exp(x) + exp(y))",
            "<=",
            "Max(x, y) + log(2)/2",
            F(x=0, y=0),
        ),
        rel("lse-above-mean", "log(exp(x) + exp(y))", ">=", "(x + y)/2 + log(2)", T()),
        rel(
            "lse-above-mean-strict", "log(exp(x) + exp(y))", ">", "(x + y)/2 + log(2)", F(x=0, y=0)
        ),
    ],
)

LSE3 = "log(exp(x) + exp(y) + exp(z))"

# A Max/Min of n variables split by the largest (``prover/largest``), a variable cancelled by
# the logs' common factors (``prover/common_factor``), Lipschitz bounds by the mean value
# theorem (``prover/lipschitz``): each true relation beside false ones an edit away.
MAX_SPLIT_LIPSCHITZ = File(
    "inequality-methods/max-split-lipschitz.toml",
    {"x": "real", "y": "real", "z": "real", "w": "real", "t": "positive", "a": "(0, 1)"},
    [
        rel("lse3-below-max-plus-log3", LSE3, "<=", "Max(x, y, z) + log(3)", T()),
        rel(
            "lse3-below-max-plus-log3-less",
            LSE3,
            "<=",
            "Max(x, y, z) + log(3) - 1/1000",
            F(x=0, y=0, z=0),
        ),
        rel("lse3-above-max", LSE3, ">", "Max(x, y, z)", T()),
        rel("lse2-above-max3", "log(exp(x) + exp(y))", ">=", "Max(x, y, z)", F(x=0, y=0, z=1)),
        rel(
            "lse4-below-max-plus-log4",
            "log(exp(x) + exp(y) + exp(z) + exp(w))",
            "<=",
            "Max(x, y, z, w) + log(4)",
            T(),
        ),
        rel(
            "lse4-strictly-below-max-plus-log4",
            "log(exp(x) + exp(y) + exp(z) + exp(w))",
            "<",
            "Max(x, y, z, w) + log(4)",
            F(x=0, y=0, z=0, w=0),
        ),
        rel("min3-below-mean", "Min(x, y, z)", "<=", "(x + y + z)/3", T()),
        rel("min3-strictly-below-mean", "Min(x, y, z)", "<", "(x + y + z)/3", F(x=0, y=0, z=0)),
        rel(
            "spread-above-gaps",
            "Max(x, y, z) - Min(x, y, z)",
            ">=",
            "Abs(x - y) + Abs(y - z)",
            F(x=0, y=1, z=0),
        ),
        rel(
            "max-plus-min-below-sum",
            "Max(x, y, z) + Min(x, y, z)",
            "<=",
            "x + y + z",
            F(x=-1, y=-1, z=-1),
        ),
        rel("shifted-exp-at-most-one", "exp(z - Max(x, y, z))", "<=", "1", T()),
        rel("shifted-exp-member-missing", "exp(z - Max(x, y))", "<=", "1", F(x=0, y=0, z=1)),
        rel("pair-shifted-by-t", "log(exp(x) + exp(x + t))", "<=", "x + t + log(2)", T()),
        rel("pair-shifted-by-t-no-log", "log(exp(x) + exp(x + t))", "<=", "x + t", F(x=0, t=1)),
        rel("tanh-lipschitz", "Abs(tanh(x) - tanh(y))", "<=", "Abs(x - y)", T()),
        rel(
            "tanh-lipschitz-short",
            "Abs(tanh(x) - tanh(y))",
            "<=",
            "99*Abs(x - y)/100",
            F(x="1/1000", y=0),
        ),
        rel("exp-not-lipschitz", "Abs(exp(x) - exp(y))", "<=", "Abs(x - y)", F(x=1, y=0)),
        rel("sine-doubled", "Abs(sin(2*x) - sin(2*y))", "<=", "2*Abs(x - y)", T()),
        rel(
            "sine-doubled-slope-one",
            "Abs(sin(2*x) - sin(2*y))",
            "<=",
            "Abs(x - y)",
            F(x="1/100", y=0),
        ),
        rel(
            "softplus-lipschitz", "Abs(log(1 + exp(x)) - log(1 + exp(y)))", "<=", "Abs(x - y)", T()
        ),
        rel(
            "softplus-lipschitz-strict",
            "Abs(log(1 + exp(x)) - log(1 + exp(y)))",
            "<",
            "Abs(x - y)",
            F(x=0, y=0),
        ),
        rel("two-functions", "Abs(tanh(x) - atan(y))", "<=", "Abs(x - y)", F(x=2, y=2)),
        rel(
            "root-not-lipschitz",
            "Abs(sqrt(a) - sqrt(a/100))",
            "<=",
            "Abs(a - a/100)",
            F(a="1/10000"),
        ),
    ],
)

FILES = [POLYNOMIALS, CONVEXITY, TERMWISE, LOG_SUM_EXP, MAX_SPLIT_LIPSCHITZ]
