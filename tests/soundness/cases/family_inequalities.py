"""Inequalities over families and the [constraints] table (issue 18, classes 3 and 5):
weighted logs over a simplex (Gibbs, KL >= 0, entropy <= log K, Jensen for log) and their
near misses one edit away (weights off the simplex, a ratio upside down, log(K - 1), a
strict sign where equality is reached), nested sums compared term by term, and relations
that hold only under a declared constraint (a < b; Σ s <= 1), each beside the same relation
without it or one edit from it."""

from __future__ import annotations

from . import File, Fw, T, rel

ENTROPY = "-Sum(p[i]*log(p[i]), (i, 1, K))"
ENTROPY2 = "-Sum(p[i]*log(p[i]), (i, 1, 2))"
HALF = {"K": 2, "p[1]": "1/2", "p[2]": "1/2"}

WEIGHTED_LOGS = File(
    "families/weighted-logs.toml",
    {
        "K": "integer >= 2",
        "C": "integer >= 2",
        "N": "positive integer",
        "p[i]": "simplex(K)",
        "q[i]": "simplex(K)",
        "r[i]": "(0, 1)",
        "w[i]": "positive",
        "x[i]": "positive",
        "Y[n, j]": "one-hot(C)",
        "P[n, j]": "simplex(C)",
    },
    [
        rel("gibbs", ENTROPY, "<=", "-Sum(p[i]*log(q[i]), (i, 1, K))", T()),
        rel(
            "gibbs-off-the-simplex",
            ENTROPY,
            "<=",
            "-Sum(p[i]*log(r[i]), (i, 1, K))",
            Fw({**HALF, "r[1]": "999/1000", "r[2]": "999/1000"}),
        ),
        rel("kl-nonnegative", "Sum(p[i]*log(p[i]/q[i]), (i, 1, K))", ">=", "0", T()),
        rel(
            "kl-upside-down",
            "Sum(p[i]*log(q[i]/p[i]), (i, 1, K))",
            ">=",
            "0",
            Fw({"K": 2, "p[1]": "9/10", "p[2]": "1/10", "q[1]": "1/2", "q[2]": "1/2"}),
        ),
        rel(
            "kl-strict",
            "Sum(p[i]*log(p[i]/q[i]), (i, 1, K))",
            ">",
            "0",
            Fw({**HALF, "q[1]": "1/2", "q[2]": "1/2"}),
        ),
        rel(
            "kl-positive-weights",
            "Sum(w[i]*log(w[i]/q[i]), (i, 1, K))",
            ">=",
            "0",
            Fw({"K": 2, "w[1]": "1/10", "w[2]": "1/10", "q[1]": "1/2", "q[2]": "1/2"}),
        ),
        rel("entropy-at-most-log-K", ENTROPY, "<=", "log(K)", T()),
        rel("entropy-at-most-log-K-minus-one", ENTROPY, "<=", "log(K - 1)", Fw(HALF)),
        rel("entropy-strictly-below-log-K", ENTROPY, "<", "log(K)", Fw(HALF)),
        rel(
            "jensen-log",
            "Sum(p[i]*log(x[i]), (i, 1, K))",
            "<=",
            "log(Sum(p[i]*x[i], (i, 1, K)))",
            T(),
        ),
        rel(
            "jensen-log-reversed",
            "Sum(p[i]*log(x[i]), (i, 1, K))",
            ">=",
            "log(Sum(p[i]*x[i], (i, 1, K)))",
            Fw({**HALF, "x[1]": 1, "x[2]": 2}),
        ),
        rel(
            "jensen-log-positive-weights",
            "Sum(w[i]*log(x[i]), (i, 1, K))",
            "<=",
            "log(Sum(w[i]*x[i], (i, 1, K)))",
            Fw({"K": 2, "w[1]": "1/10", "w[2]": "1/10", "x[1]": 1, "x[2]": 1}),
        ),
        rel(
            "entropy-in-bits",
            "-Sum(p[i]*log(p[i])/log(2), (i, 1, K))",
            "<=",
            "log(K)/log(2)",
            T(),
        ),
        rel(
            "entropy-in-bits-K-minus-one",
            "-Sum(p[i]*log(p[i])/log(2), (i, 1, K))",
            "<=",
            "log(K - 1)/log(2)",
            Fw(HALF),
        ),
        rel(
            "dataset-cross-entropy-nonnegative",
            "-Sum(Sum(Y[n, j]*log(P[n, j]), (j, 1, C)), (n, 1, N))",
            ">=",
            "0",
            T(),
        ),
        rel(
            "dataset-log-likelihood-nonnegative",
            "Sum(Sum(Y[n, j]*log(P[n, j]), (j, 1, C)), (n, 1, N))",
            ">=",
            "0",
            Fw(
                {
                    "C": 2,
                    "N": 1,
                    "Y[1, 1]": 1,
                    "Y[1, 2]": 0,
                    "P[1, 1]": "1/2",
                    "P[1, 2]": "1/2",
                }
            ),
        ),
    ],
)

ORDERED = File(
    "families/constrained-order.toml",
    {"a": "real", "b": "real"},
    [
        rel("ordered", "a", "<", "b", T()),
        rel("ordered-reversed", "b", "<=", "a", Fw({"a": 0, "b": 1})),
        rel("ordered-max", "Max(a, b)", "=", "b", T()),
        rel("ordered-max-is-a", "Max(a, b)", "=", "a", Fw({"a": 0, "b": 1})),
        rel(
            "ordered-lse-wrong-maximum",
            "log(exp(a) + exp(b))",
            "<",
            "a + log(2)",
            Fw({"a": 0, "b": 1}),
        ),
    ],
    constraints={"ordered": "a < b"},
)

# Two members, so that independent draws of s in (0, 1) often meet Σ s <= 1
SUBNORMAL = File(
    "families/constrained-subnormal.toml",
    {"p[i]": "simplex(2)", "s[i]": "(0, 1)"},
    [
        rel("subnormal", "Sum(s[i], (i, 1, 2))", "<=", "1", T()),
        rel(
            "subnormal-is-normal",
            "Sum(s[i], (i, 1, 2))",
            "=",
            "1",
            Fw({"s[1]": "1/4", "s[2]": "1/4"}),
        ),
        rel(
            "gibbs-subnormal",
            ENTROPY2,
            "<=",
            {"expr": "-Sum(p[i]*log(s[i]), (i, 1, 2))", "timeout": 30},
            T(),
        ),
        rel(
            "gibbs-subnormal-reversed",
            ENTROPY2,
            ">=",
            "-Sum(p[i]*log(s[i]), (i, 1, 2))",
            Fw({"p[1]": "1/2", "p[2]": "1/2", "s[1]": "1/4", "s[2]": "1/4"}),
        ),
    ],
    constraints={"subnormal": "Sum(s[i], (i, 1, 2)) <= 1"},
)

# The same relations with the constraints dropped: each is false somewhere
UNCONSTRAINED = File(
    "families/unconstrained.toml",
    {"K": "integer >= 2", "a": "real", "b": "real", "p[i]": "simplex(K)", "s[i]": "(0, 1)"},
    [
        rel("ordered-not-declared", "a", "<", "b", Fw({"a": 1, "b": 0})),
        rel("ordered-max-not-declared", "Max(a, b)", "=", "b", Fw({"a": 1, "b": 0})),
        rel(
            "subnormal-not-declared",
            "Sum(s[i], (i, 1, K))",
            "<=",
            "1",
            Fw({"K": 2, "s[1]": "3/4", "s[2]": "3/4"}),
        ),
        rel(
            "gibbs-subnormal-not-declared",
            ENTROPY,
            "<=",
            "-Sum(p[i]*log(s[i]), (i, 1, K))",
            Fw({**HALF, "s[1]": "999/1000", "s[2]": "999/1000"}),
        ),
    ],
)

FILES = [WEIGHTED_LOGS, ORDERED, SUBNORMAL, UNCONSTRAINED]
