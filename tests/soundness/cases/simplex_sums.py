"""Facts shown through the simplex constraint and sums compared over the same outer range
(branch power-10, issue 18 classes 4 and 5): 1 − Σ_{k=1}^{K−1} θ[k] is θ[K] only for a
simplex family summed over all but its last member; two outer sums are equal only when their
summands are at every index of the same range. Each true case has near misses one edit
away: the whole range, a doubled sum, a family that is not a simplex, one class, the last
term at the wrong index, outer ranges that differ."""

from __future__ import annotations

from . import File, Fw, T, rel

LEFT = "Sum(Sum(X[i, k]*log(th[k]), (k, 1, K)), (i, 1, N))"

SIMPLEX_LOGS = File(
    "simplex-sums/defined.toml",
    {
        "K": "integer >= 2",
        "K1": "positive integer",
        "th[k]": "simplex(K)",
        "t1[k]": "simplex(K1)",
        "u[k]": "(0, 1)",
    },
    [
        rel("last-member", "log(1 - Sum(th[k], (k, 1, K - 1)))", "=", "log(th[K])", T()),
        rel("last-member-positive", "1 - Sum(th[k], (k, 1, K - 1))", ">", "0", T()),
        rel(
            "whole-range",
            "log(1 - Sum(th[k], (k, 1, K)))",
            "=",
            "0",
            Fw({"K": 2, "th[1]": "1/2", "th[2]": "1/2"}, note="log(0)"),
        ),
        rel(
            "whole-range-positive",
            "1 - Sum(th[k], (k, 1, K))",
            ">",
            "0",
            Fw({"K": 2, "th[1]": "1/2", "th[2]": "1/2"}),
        ),
        rel(
            "doubled",
            "log(1 - 2*Sum(th[k], (k, 1, K - 1)))",
            "=",
            "log(2*th[K] - 1)",
            Fw({"K": 2, "th[1]": "3/4", "th[2]": "1/4"}, note="both logs of -1/2"),
        ),
        rel(
            "flipped",
            "Sum(th[k], (k, 1, K - 1)) - 1",
            ">",
            "0",
            Fw({"K": 2, "th[1]": "1/2", "th[2]": "1/2"}),
        ),
        rel(
            "not-a-simplex",
            "log(1 - Sum(u[k], (k, 1, K - 1)))",
            "=",
            "log(1 - Sum(u[k], (k, 1, K - 1)))",
            Fw({"K": 3, "u[1]": "1/2", "u[2]": "1/2", "u[3]": "1/2"}, note="log(0)"),
        ),
        # one class: the range 1..0 is empty, 1 − 0 = 1 = t1[1]: true
        rel("one-class", "log(1 - Sum(t1[k], (k, 1, K1 - 1)))", "=", "log(t1[K1])", T()),
    ],
)

OUTER_SUMS = File(
    "simplex-sums/outer.toml",
    {"K": "integer >= 2", "N": "positive integer", "th[k]": "simplex(K)", "X[i, k]": "real"},
    [
        rel(
            "last-class-split",
            LEFT,
            "=",
            "Sum(Sum(X[i, k]*log(th[k]), (k, 1, K - 1)) + X[i, K]*log(th[K]), (i, 1, N))",
            T(),
        ),
        rel(
            "last-class-eliminated",
            LEFT,
            "=",
            "Sum(Sum(X[i, k]*log(th[k]), (k, 1, K - 1))"
            " + X[i, K]*log(1 - Sum(th[k], (k, 1, K - 1))), (i, 1, N))",
            T(),
        ),
        rel(
            "wrong-index",
            LEFT,
            "=",
            "Sum(Sum(X[i, k]*log(th[k]), (k, 1, K - 1)) + X[i, K - 1]*log(th[K]), (i, 1, N))",
            Fw(
                {"K": 2, "N": 1, "X[1, 1]": 1, "X[1, 2]": 0, "th[1]": "1/2", "th[2]": "1/2"},
            ),
        ),
        rel(
            "shorter-outer",
            LEFT,
            "=",
            "Sum(Sum(X[i, k]*log(th[k]), (k, 1, K - 1)) + X[i, K]*log(th[K]), (i, 1, N - 1))",
            Fw(
                {"K": 2, "N": 1, "X[1, 1]": 1, "X[1, 2]": 0, "th[1]": "1/2", "th[2]": "1/2"},
            ),
        ),
        rel(
            "index-leaks-out",
            LEFT,
            "=",
            "Sum(Sum(X[i, k]*log(th[k]), (k, 1, K - 1)) + X[N, K]*log(th[K]), (i, 1, N))",
            Fw(
                {
                    "K": 2,
                    "N": 2,
                    "X[1, 1]": 0,
                    "X[1, 2]": 1,
                    "X[2, 1]": 0,
                    "X[2, 2]": 0,
                    "th[1]": "1/2",
                    "th[2]": "1/2",
                },
            ),
        ),
    ],
)


FANO_SYMBOLS = {"m": "integer >= 2", "P[j]": "simplex(m)", "u[j]": "(0, 1)"}
H = "-Sum(P[j]*log(P[j]), (j, 1, m))"
FANO_RHS = "-P[1]*log(P[1]) - (1 - P[1])*log(1 - P[1]) + (1 - P[1])*log(m - 1)"
UNIFORM3 = {"m": 3, "P[1]": "1/3", "P[2]": "1/3", "P[3]": "1/3"}

FANO = File(
    "simplex-sums/fano.toml",
    FANO_SYMBOLS,
    [
        rel("fano-bound", H, "<=", FANO_RHS, T()),
        rel(
            "fano-rest",
            "-Sum(P[j + 1]*log(P[j + 1]), (j, 1, m - 1))",
            "<=",
            "-(1 - P[1])*log(1 - P[1]) + (1 - P[1])*log(m - 1)",
            T(),
        ),
        rel(
            "fano-one-class-short",
            H,
            "<=",
            "-P[1]*log(P[1]) - (1 - P[1])*log(1 - P[1]) + (1 - P[1])*log(m - 2)",
            Fw(UNIFORM3),
        ),
        rel(
            "fano-wrong-weight",
            H,
            "<=",
            "-P[1]*log(P[1]) - (1 - P[1])*log(1 - P[1]) + P[1]*log(m - 1)",
            Fw(UNIFORM3),
        ),
        rel("fano-strict", H, "<", FANO_RHS, Fw(UNIFORM3, note="equal when P[2..m] is uniform")),
        rel(
            "fano-not-a-simplex",
            "-Sum(u[j]*log(u[j]), (j, 1, m))",
            "<=",
            "-u[1]*log(u[1]) - (1 - u[1])*log(1 - u[1]) + (1 - u[1])*log(m - 1)",
            Fw({"m": 2, "u[1]": "1/10", "u[2]": "3/10"}),
        ),
    ],
)

FILES = [SIMPLEX_LOGS, OUTER_SUMS, FANO]

KL_POSTERIOR = "Sum(q[k]*log(q[k]/(a[k]/Sum(a[j], (j, 1, n)))), (k, 1, n))"

POSTERIOR = File(
    "simplex-sums/kl-posterior.toml",
    {"n": "integer >= 2", "a[k]": "positive", "q[k]": "simplex(n)", "w[k]": "positive"},
    [
        rel("kl-to-posterior", KL_POSTERIOR, ">=", "0", T()),
        rel(
            "kl-to-posterior-strict",
            KL_POSTERIOR,
            ">",
            "0",
            Fw({"n": 2, "a[1]": 1, "a[2]": 1, "q[1]": "1/2", "q[2]": "1/2"}),
        ),
        rel(
            "normaliser-one-short",
            "Sum(q[k]*log(q[k]/(a[k]/Sum(a[j], (j, 1, n - 1)))), (k, 1, n))",
            ">=",
            "0",
            Fw({"n": 2, "a[1]": 1, "a[2]": 1, "q[1]": "1/2", "q[2]": "1/2"}),
        ),
        rel(
            "weights-not-a-simplex",
            "Sum(w[k]*log(w[k]/(a[k]/Sum(a[j], (j, 1, n)))), (k, 1, n))",
            ">=",
            "0",
            Fw({"n": 2, "a[1]": 1, "a[2]": 1, "w[1]": "1/4", "w[2]": "1/4"}),
        ),
    ],
)

FILES.append(POSTERIOR)
