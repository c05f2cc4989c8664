"""More false steps where the first classes had mostly true ones: wrong links inside calc
chains, magnitudes just past a threshold, families and free indices, where fixes, functions."""

from __future__ import annotations

from . import Chain, F, File, Fw, T, rel

CALC_WRONG = File(
    "calc-chains/wrong-links.toml",
    {"x": "real", "t": "positive", "u": "(0, 1)"},
    [
        Chain("step-back", ["x", "<= x + 1", "<= x"], [T(), F(x=0)], conclusion=T()),
        Chain("jump-ahead", ["exp(x)", ">= x + 1", ">= x + 2"], [T(), F(x=0)], conclusion=F(x=0)),
        Chain("strict-too-far", ["u", "< 1", "< u"], [T(), F(u="1/2")], conclusion=F(u="1/2")),
        Chain(
            "equal-then-wrong-way",
            ["t + 1/t", "= (t**2 + 1)/t", "<= 2"],
            [T(), F(t=2)],
            conclusion=F(t=2),
        ),
        Chain(
            "loss-bound-wrong-way",
            ["-log(u)", ">= 1 - u", ">= 1"],
            [T(), F(u="1/2")],
            conclusion=F(u="1/2"),
        ),
        Chain("square-chain", ["x**2", ">= 2*x - 1", ">= 2*x"], [T(), F(x=0)], conclusion=F(x=1)),
        Chain(
            "mixed-with-false-conclusion",
            ["x", "<= Abs(x)", ">= -x", "= x - 2*x"],
            [T(), T(), T()],
            conclusion=F("a <= b >= c concludes nothing"),
        ),
    ],
)

THRESHOLDS = File(
    "magnitudes/thresholds.toml",
    {"x": "real", "t": "positive"},
    [
        rel("exp-709-below", "exp(709)", "<", "10**308", T()),
        rel("exp-710-below", "exp(710)", "<", "10**308", F()),
        rel("log-of-power-of-ten", "log(10**300)", "=", "690", F()),
        rel("powers-of-ten-cancel-wrong", "10**(-300)*10**300", "=", "10**(-1)", F()),
        rel("two-to-thousand", "2**1000", ">", "10**302", F()),
        rel("two-to-thousand-below", "2**1000", "<", "10**302", T()),
        rel("huge-offset", "x**2 + 10**300", ">", "10**300", F(x=0)),
        rel("sigmoid-near-one", "1/(1 + exp(-x))", ">", "99/100", F(x=0)),
        rel("gaussian-strict", "exp(-x**2)", "<", "1", F(x=0)),
        rel("softplus-below-shift", "log(1 + exp(x))", "<", "x + 1", F(x=-1)),
        rel("compound-below-two", "(1 + 1/t)**t", "<", "2", F(t=2)),
        rel("tanh-below-one", "tanh(x)", "<", "1", T()),
    ],
)

FAMILY_TRAPS = File(
    "families/traps.toml",
    {"N": "positive integer", "y[i]": "{0, 1}", "p[i]": "(0, 1)", "a[i]": "real"},
    [
        rel(
            "members-all-equal",
            "Sum(p[i], (i, 1, N))",
            "=",
            "N*p[1]",
            Fw({"N": 2, "p[1]": "1/2", "p[2]": "1/4"}),
        ),
        rel("free-index-positive", "a[i]", ">", "0", Fw({"i": 1, "a[1]": -1})),
        rel("free-index-label", "y[i]", "=", "1", Fw({"i": 1, "y[1]": 0})),
        rel(
            "likelihood-positive-labels",
            "Product(p[i]**y[i]*(1 - p[i])**(1 - y[i]), (i, 1, N))",
            ">",
            "0",
            T(),
        ),
        rel(
            "likelihood-below-half",
            "Product(p[i]**y[i]*(1 - p[i])**(1 - y[i]), (i, 1, N))",
            "<",
            "1/2",
            Fw({"N": 1, "y[1]": 1, "p[1]": "3/4"}),
        ),
        rel(
            "log-likelihood-as-sum",
            "log(Product(p[i]**y[i]*(1 - p[i])**(1 - y[i]), (i, 1, N)))",
            "=",
            "Sum(y[i]*log(p[i]) + (1 - y[i])*log(1 - p[i]), (i, 1, N))",
            T(),
        ),
        rel(
            "dropped-complement",
            "Sum(y[i]*log(p[i]) + (1 - y[i])*log(1 - p[i]), (i, 1, N))",
            "=",
            "Sum(y[i]*log(p[i]) + log(1 - p[i]), (i, 1, N))",
            Fw({"N": 1, "y[1]": 1, "p[1]": "1/2"}),
        ),
        rel(
            "swapped-member",
            "Sum(y[i]*log(p[i]), (i, 1, N))",
            "=",
            "Sum(y[i]*log(p[N + 1 - i]), (i, 1, N))",
            Fw({"N": 2, "y[1]": 1, "y[2]": 0, "p[1]": "1/2", "p[2]": "1/4"}),
        ),
        rel(
            "mean-at-most-max",
            "Sum(a[i], (i, 1, N))/N",
            "<=",
            "Sum(Abs(a[i]), (i, 1, N))",
            T(),
        ),
    ],
)

WHERE_TRAPS = File(
    "where/traps.toml",
    {"x": "real", "y": "real", "n": "positive integer", "u": "(0, 1)"},
    [
        rel("fixed-elsewhere", "x*y", "=", "x", F(x=1), where={"y": "2"}),
        rel("fixed-root", "x**2", "=", "2", T(), where={"x": "sqrt(2)"}),
        rel(
            "fixed-root-wrong-sign",
            "x",
            "=",
            "sqrt(x**2)",
            F(x="-sqrt(2)"),
            where={"x": "-sqrt(2)"},
        ),
        rel("fixed-index-count", "Sum(1, (i, 1, n))", "=", "3", F(n=2), where={"n": "2"}),
        rel(
            "fixed-interval-point",
            "log(u) + log(1 - u)",
            "=",
            "2*log(1/2)",
            T(),
            where={"u": "1/2"},
        ),
        rel(
            "fixed-interval-point-wrong",
            "log(u) + log(1 - u)",
            "=",
            "log(1/2)",
            F(u="1/2"),
            where={"u": "1/2"},
        ),
        rel("two-fixes", "x + y", "=", "1", F(x=2, y=3), where={"x": "2", "y": "3"}),
        rel("two-fixes-true", "x*y", "=", "6", T(), where={"x": "2", "y": "3"}),
    ],
)

FUNCTION_TRAPS = File(
    "functions/traps.toml",
    {"x": "real", "u": "(0, 1)", "a": "real"},
    [
        rel("odd-sigmoid", "g(-x)", "=", "-g(x)", F(x=0)),
        rel("sigmoid-half-line", "g(x)", ">", "1/2", F(x=0)),
        rel("softplus-at-zero", "sp(x)", "=", "Max(x, 0)", F(x=0)),
        rel("softplus-difference", "sp(x) - sp(-x)", "=", "x", T()),
        rel("shift-depends-on-symbol", "sh(x)", "=", "x + 1", F(a=2, x=0)),
        rel("nested-calls", "g(sp(x))", ">", "1/2", T()),
        rel("logit-of-sigmoid", "lg(g(x))", "=", "x", T()),
        rel("sigmoid-of-logit-real", "g(lg(x))", "=", "x", F(x=2)),
        rel("sigmoid-of-logit", "g(lg(u))", "=", "u", T()),
    ],
    functions={
        "g": "t -> 1/(1 + exp(-t))",
        "sp": "t -> log(1 + exp(t))",
        "sh": "t -> t + a",
        "lg": "t -> log(t/(1 - t))",
    },
)

# The inverse functions are real on part of the line only; SymPy folds sin(asin(x)) to x
# while building; sign(0) = 0 as written, but |x| has no derivative there.
INVERSE_TRAPS = File(
    "functions/inverse.toml",
    {"x": "real", "u": "(-1, 1)", "c": "[-1, 1]", "p": "positive"},
    [
        rel("sin-of-asin-real", "sin(asin(x))", "=", "x", F(x=2)),
        rel("sin-of-asin", "sin(asin(c))", "=", "c", T()),
        rel("asin-of-sin", "asin(sin(x))", "=", "x", F(x=2)),
        rel("cos-of-acos-real", "cos(acos(x))", "=", "x", F(x=-2)),
        rel("tanh-of-atanh", "tanh(atanh(u))", "=", "u", T()),
        rel("tanh-of-atanh-closed", "tanh(atanh(c))", "=", "c", F(c=1)),
        rel("atanh-as-log", "atanh(u)", "=", "log((1 + u)/(1 - u))/2", T()),
        rel("atanh-as-log-no-half", "atanh(u)", "=", "log((1 + u)/(1 - u))", F(u="1/2")),
        rel("cosh-of-acosh-real", "cosh(acosh(x))", "=", "x", F(x=0)),
        rel("acosh-shifted", "acosh(1 + p)", "=", "log(1 + p + sqrt(p*(p + 2)))", T()),
        rel("asinh-odd", "asinh(-x)", "=", "-asinh(x)", T()),
        rel("atan-reciprocal", "atan(x) + atan(1/x)", "=", "pi/2", F(x=-1)),
        rel("atan-reciprocal-positive", "atan(p) + atan(1/p)", "=", "pi/2", T()),
        rel("sign-times-abs", "sign(x)*Abs(x)", "=", "x", T()),
        rel("sign-squared", "sign(x)**2", "=", "1", F(x=0)),
        rel("sign-derivative", "Derivative(sign(x), x)", "=", "0", F(x=0)),
        rel("abs-derivative-is-sign", "Derivative(Abs(x), x)", "=", "sign(x)", F(x=0)),
        rel("erf-odd", "erf(-x)", "=", "-erf(x)", T()),
        rel("erf-below-one", "erf(c)", "<", "1", T()),
        rel("erf-at-most-x", "erf(p)", "<=", "p", F(p="1/10")),
    ],
)

FILES = [CALC_WRONG, THRESHOLDS, FAMILY_TRAPS, WHERE_TRAPS, FUNCTION_TRAPS, INVERSE_TRAPS]
