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

FILES = [POLYNOMIALS, CONVEXITY, TERMWISE, LOG_SUM_EXP]
