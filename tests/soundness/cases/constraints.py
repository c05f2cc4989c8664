"""Constraints between symbols and derivatives in a member of a family (issue 18, classes 5
and 6): a step that holds only under a constraint must be false where the constraint is not
declared (or does not bite: one class, an index out of range), a counterexample must keep to
the declared constraints, and a derivative in z[k] must treat z[j] and z[k] as one variable
exactly when j = k."""

from __future__ import annotations

from . import Chain, F, File, Fw, T, rel

# Logits over a bounded interval: the reference evaluator confirms a derivative by difference
# quotients, which an absorbed term (exp(0) beside exp(10**5)) leaves undecided.
CE = "-Sum(y[j]*log(exp(w[j])/Sum(exp(w[i]), (i, 1, C))), (j, 1, C))"
SOFTMAX_K = "exp(w[k])/Sum(exp(w[i]), (i, 1, C))"

DECLARED = File(
    "constraints/declared.toml",
    {
        "C": "integer >= 2",
        "C1": "positive integer",
        "k": "{1, ..., C}",
        "k1": "{1, ..., C1}",
        "m": "positive integer",
        "y[j]": "one-hot(C)",
        "y1[j]": "one-hot(C1)",
        "v[j]": "{0, 1}",
        "p[i]": "simplex(C)",
        "p1[i]": "simplex(C1)",
        "z[i]": "real",
        "w[i]": "(-10, 10)",
        "a": "real",
        "x": "real",
    },
    [
        rel("one-hot-sums-to-one", "Sum(y[j], (j, 1, C))", "=", "1", T()),
        rel(
            "one-hot-misses-last",
            "Sum(y[j], (j, 1, C - 1))",
            "=",
            "1",
            Fw({"C": 2, "y[1]": 0, "y[2]": 1}),
        ),
        rel(
            "labels-are-not-one-hot",
            "Sum(v[j], (j, 1, C))",
            "=",
            "1",
            Fw({"C": 2, "v[1]": 0, "v[2]": 0}),
        ),
        rel("one-hot-constant-out", "Sum(y[j]*a, (j, 1, C))", "=", "a", T()),
        rel(
            "one-hot-constant-times-C",
            "Sum(y[j]*a, (j, 1, C))",
            "=",
            "C*a",
            Fw({"C": 2, "a": 1, "y[1]": 1, "y[2]": 0}),
        ),
        # one class: the label is 1, so a step true only for "at least two classes" fails
        rel("one-hot-one-class-member-below-one", "y1[1]", "<", "1", Fw({"C1": 1, "y1[1]": 1})),
        rel("one-hot-member-at-most-one", "y[k]", "<=", "1", T()),
        rel("simplex-member-below-one", "p[1]", "<", "1", T()),
        rel("simplex-one-member", "p1[1]", "<", "1", Fw({"C1": 1, "p1[1]": 1})),
        rel("simplex-sums-to-one", "Sum(p[i], (i, 1, C))", "=", "1", T()),
        rel("simplex-half-sum", "Sum(p[i], (i, 1, C - 1))", "<", "1", T()),
        rel(
            "simplex-half-sum-equal",
            "Sum(p[i], (i, 1, C - 1))",
            "=",
            "1",
            Fw({"C": 2, "p[1]": "1/2", "p[2]": "1/2"}),
        ),
        # an index in range, and one that may be out of range
        rel("delta-in-range", "Sum(KroneckerDelta(j, k), (j, 1, C))", "=", "1", T()),
        rel("delta-from-two", "Sum(KroneckerDelta(j, k), (j, 2, C))", "=", "1", F(C=2, k=1)),
        rel("delta-index-unbounded", "Sum(KroneckerDelta(j, m), (j, 1, C))", "=", "1", F(C=2, m=3)),
        rel(
            "delta-past-the-end",
            "Sum(KroneckerDelta(j, C + 1)*z[j], (j, 1, C))",
            "=",
            "z[C + 1]",
            Fw({"C": 2, "z[1]": 0, "z[2]": 0, "z[3]": 1}),
        ),
        rel("range-below-bound", "C - k", ">=", "0", T()),
        rel("range-strictly-below-bound", "C - k", ">", "0", F(C=2, k=2)),
        rel("class-count-log-positive", "log(C)", ">", "0", T()),
        rel("class-count-one-log", "log(C1)", ">", "0", F(C1=1)),
        rel("class-count-minus-two", "1/(C - 2)", ">", "0", F(C=2)),
        # the member derivative: z[j] and z[k] are one variable exactly when j = k
        rel(
            "lse-gradient", "Derivative(log(Sum(exp(w[i]), (i, 1, C))), w[k])", "=", SOFTMAX_K, T()
        ),
        rel(
            "lse-gradient-other-family",
            "Derivative(log(Sum(exp(w[i]), (i, 1, C))), z[k])",
            "=",
            SOFTMAX_K,
            Fw({"C": 2, "k": 1, "w[1]": 0, "w[2]": 0, "z[1]": 0}, note="w does not depend on z"),
        ),
        rel(
            "derivative-in-a-label",
            "Derivative(y[k], y[k])",
            "=",
            "1",
            Fw({"C": 2, "k": 1, "y[1]": 1, "y[2]": 0}, note="no value: labels do not vary"),
        ),
        rel(
            "sum-of-squares-member", "Derivative(Sum(z[i]**2, (i, 1, C)), z[k])", "=", "2*z[k]", T()
        ),
        rel(
            "square-other-member",
            "Derivative(z[1]**2, z[k])",
            "=",
            "2*z[1]",
            Fw({"k": 2, "C": 2, "z[1]": 1}),
        ),
        rel(
            "square-member-past-end",
            "Derivative(Sum(z[i]**2, (i, 1, C)), z[C + 1])",
            "=",
            "2*z[C + 1]",
            Fw({"C": 2, "z[1]": 0, "z[2]": 0, "z[3]": 1}),
        ),
        rel("gradient-one-hot", f"Derivative({CE}, w[k])", "=", f"{SOFTMAX_K} - y[k]", T()),
        rel(
            "gradient-labels-not-one-hot",
            f"Derivative({CE.replace('y[j]', 'v[j]')}, w[k])",
            "=",
            f"{SOFTMAX_K} - v[k]",
            Fw({"C": 2, "k": 1, "w[1]": 0, "w[2]": 0, "v[1]": 0, "v[2]": 0}),
        ),
        rel(
            "gradient-sign",
            f"Derivative({CE}, w[k])",
            "=",
            f"y[k] - {SOFTMAX_K}",
            Fw({"C": 2, "k": 1, "w[1]": 0, "w[2]": 0, "y[1]": 1, "y[2]": 0}),
        ),
        # members left out at the ends of a range, a sum split at the class (``constraint_use``,
        # ``split_at_index``): exact only with the ends and the size right
        rel("simplex-without-first", "Sum(p[i + 1], (i, 1, C - 1))", "=", "1 - p[1]", T()),
        rel(
            "simplex-without-first-one-short",
            "Sum(p[i + 1], (i, 1, C - 2))",
            "=",
            "1 - p[1]",
            Fw({"C": 3, "p[1]": "1/2", "p[2]": "1/4", "p[3]": "1/4"}),
        ),
        rel("one-hot-without-ends", "Sum(y[j], (j, 2, C - 1))", "=", "1 - y[1] - y[C]", T()),
        rel(
            "one-hot-without-ends-size-one",
            "Sum(y1[j], (j, 2, C1 - 1))",
            "=",
            "1 - y1[1] - y1[C1]",
            Fw({"C1": 1, "y1[1]": 1}),
        ),
        rel("softmax-entry-below-one", "exp(z[k])/Sum(exp(z[i]), (i, 1, C))", "<", "1", T()),
        rel(
            "softmax-entry-one-class",
            "exp(z[k1])/Sum(exp(z[i]), (i, 1, C1))",
            "<",
            "1",
            Fw({"C1": 1, "k1": 1, "z[1]": 0}),
        ),
        rel(
            "sum-split-past-its-range",
            "Sum(z[j], (j, 1, m))",
            "=",
            "Sum(z[j], (j, 1, k - 1)) + z[k] + Sum(z[j], (j, k + 1, m))",
            Fw({"C": 2, "m": 1, "k": 2, "z[1]": 0, "z[2]": 1}),
        ),
        # a case split of the author's narrows, and is claimed only there
        Chain("assumed-positive", ["Abs(x)/x", "= 1"], [T()], assume={"x": "positive"}),
        Chain("assumed-nonpositive", ["Abs(x)/x", "= -1"], [F(x=0)], assume={"x": "nonpositive"}),
        Chain("assumed-negative-max", ["Max(x, 0)", "= 0"], [T()], assume={"x": "negative"}),
        Chain(
            "assumed-negative-max-wrong", ["Max(x, 0)", "= x"], [F(x=-1)], assume={"x": "negative"}
        ),
    ],
)

# The members of a one-hot(C) or simplex(C) family are those from 1 to C only (§9): a step
# that uses another has no value. Such steps were PROVED from the family's domain alone.
OUTSIDE = File(
    "constraints/members-outside.toml",
    {
        "K": "positive integer",
        "j": "{1, ..., K}",
        "n": "positive integer",
        "p[i]": "simplex(K)",
        "y[i]": "one-hot(K)",
        "q[i]": "simplex(3)",
    },
    [
        rel("simplex-member-zero", "p[0]", ">=", "0", F(K=1)),
        rel("simplex-member-negative-index", "p[-1]**2", ">=", "0", F(K=1)),
        rel("simplex-member-past-size", "p[K + 1]", ">", "0", F(K=1)),
        rel("one-hot-member-zero", "y[0]", ">=", "0", F(K=1)),
        rel("one-hot-member-past-size", "y[K + 1]", "<=", "1", F(K=2)),
        rel("fixed-size-member-past", "q[4]", ">", "0", F()),
        rel("member-at-free-index", "p[n]", ">", "0", Fw({"K": 2, "n": 3})),
        rel("sum-one-past-size", "Sum(p[i], (i, 1, K + 1))", ">", "0", Fw({"K": 1, "p[1]": 1})),
        rel("sum-from-zero", "Sum(y[i]**2, (i, 0, K))", ">=", "0", Fw({"K": 1, "y[1]": 1})),
        rel("sum-fixed-size-past", "Sum(q[i], (i, 1, 4))", ">", "0", F()),
        # near misses that stay inside 1..C
        rel("sum-inside-size", "Sum(p[i], (i, 2, K))", ">=", "0", T()),
        rel("member-at-range-symbol", "y[j]", "<=", "1", T()),
        rel("sum-at-range-symbol", "Sum(y[i]*y[j], (i, 1, K))", "=", "y[j]", T()),
        rel("nested-sum-inside", "Sum(Sum(p[i], (i, 1, k)), (k, 1, K))", ">", "0", T()),
    ],
)

FILES = [DECLARED, OUTSIDE]
