"""Near misses for the methods of branch power-11 (issue 18, class 3): members of a simplex
or one-hot family written out (their linear part sums to 1), induction over the integers
(products up to n, base cases before the step, differences of sums), tangent lines of exp
(Jensen), nonnegative combinations of monomials times squares (AM-GM, Nesbitt, roots of
nonnegative variables), weighted AM-GM on monomials (Motzkin), products of sums as multiple
sums (deltas, logs of a softmax), a number moved across an inequality, and a positive
denominator cleared in one variable.
Each false relation is one edit from a true one beside it. Written adversarially."""

from __future__ import annotations

from . import F, File, Fw, T, rel

THIRD = {"P[1]": "1/3", "P[2]": "1/3", "P[3]": "1/3"}
SKEWED = {"P[1]": "1/5", "P[2]": "3/10", "P[3]": "1/2"}
KL = "P[1]*log(P[1]/Q[1]) + P[2]*log(P[2]/Q[2]) + P[3]*log(P[3]/Q[3])"
ENTROPY = "-(P[1]*log(P[1]) + P[2]*log(P[2]) + P[3]*log(P[3]))"

MEMBERS = File(
    "power-eleven/members.toml",
    {"P[i]": "simplex(3)", "Q[i]": "simplex(3)", "Y[i]": "one-hot(3)"},
    [
        rel("simplex-sum", "P[1] + P[2] + P[3]", "=", "1", T()),
        rel("simplex-sum-short", "P[1] + P[2]", "=", "1", Fw(SKEWED)),
        rel(
            "simplex-sums-other-short",
            "P[1] + P[2] + P[3]",
            "=",
            "Q[1] + Q[2]",
            Fw({**SKEWED, "Q[1]": "1/5", "Q[2]": "3/10", "Q[3]": "1/2"}),
        ),
        rel("last-member", "P[3]", "=", "1 - P[1] - P[2]", T()),
        rel("last-member-squared", "P[3]**2", "=", "1 - P[1] - P[2]", Fw(SKEWED)),
        rel("one-hot-sum", "Y[1] + Y[2] + Y[3]", "=", "1", T()),
        rel("one-hot-sum-short", "Y[1] + Y[2]", "=", "1", Fw({"Y[1]": 0, "Y[2]": 0, "Y[3]": 1})),
        rel("kl-three", KL, ">=", "0", T()),
        rel(
            "kl-three-strict",
            KL,
            ">",
            "0",
            Fw({**THIRD, "Q[1]": "1/3", "Q[2]": "1/3", "Q[3]": "1/3"}),
        ),
        rel("entropy-three", ENTROPY, "<=", "log(3)", T()),
        rel("entropy-three-strict", ENTROPY, "<", "log(3)", Fw(THIRD)),
        rel(
            "entropy-three-above-log2",
            ENTROPY,
            ">=",
            "log(2)",
            Fw({"P[1]": "49/50", "P[2]": "1/100", "P[3]": "1/100"}),
        ),
        rel(
            "entropy-two-members-log2",
            "-(P[1]*log(P[1]) + P[2]*log(P[2]))",
            "<=",
            "log(2)",
            Fw({"P[1]": "3/8", "P[2]": "3/8", "P[3]": "1/4"}),
        ),
    ],
)

INDUCTION = File(
    "power-eleven/induction.toml",
    {"k": "positive integer", "n": "positive integer"},
    [
        rel("square-below-power-plus-one", "k**2", "<=", "2**k + 1", T()),
        rel("square-below-power", "k**2", "<=", "2**k", F(k=3)),
        rel("cube-strictly-below-power", "k**3", "<", "3**k", F(k=3)),
        rel("factorial-above-power", "Product(i, (i, 1, k))", ">=", "2**(k - 1)", T()),
        rel("factorial-above-power-k", "Product(i, (i, 1, k))", ">=", "2**k", F(k=1)),
        rel("factorial-above-three-power", "Product(i, (i, 1, k))", ">=", "3**(k - 1)", F(k=2)),
        rel("basel-bound", "Sum(1/i**2, (i, 1, n))", "<=", "2 - 1/n", T()),
        rel("basel-bound-strict", "Sum(1/i**2, (i, 1, n))", "<", "2 - 1/n", F(n=1)),
        rel("harmonic-bound", "Sum(1/i, (i, 1, n))", "<=", "2 - 1/n", F(n=3)),
        rel("powers-and-square", "3**k", ">=", "2**k + k**2", T()),
        rel("powers-and-square-plus-one", "3**k", ">=", "2**k + k**2 + 1", F(k=1)),
        rel("power-above-square-less-one", "2**k", ">=", "k**2 - 1", T()),
        rel("power-strictly-above-square-less-one", "2**k", ">", "k**2 - 1", F(k=3)),
    ],
)

EXP_TANGENTS = File(
    "power-eleven/exp-tangents.toml",
    {"x": "real", "y": "real", "z": "real", "p": "(0, 1)", "r": "(-1, 2)"},
    [
        rel("jensen-weighted", "exp(p*x + (1 - p)*y)", "<=", "p*exp(x) + (1 - p)*exp(y)", T()),
        rel(
            "jensen-weight-outside",
            "exp(r*x + (1 - r)*y)",
            "<=",
            "r*exp(x) + (1 - r)*exp(y)",
            F(r="3/2", x=0, y=2),
        ),
        rel("jensen-two-strict", "exp((x + y)/2)", "<", "(exp(x) + exp(y))/2", F(x=0, y=0)),
        rel(
            "jensen-three-gap",
            "exp((x + y + z)/3)",
            "<=",
            "(exp(x) + exp(y) + exp(z))/3 - 1/1000",
            F(x=0, y=0, z=0),
        ),
        rel("jensen-with-zero", "exp(p*x)", "<=", "p*exp(x) + 1 - p", T()),
        rel("jensen-zero-lost", "exp(p*x)", "<=", "p*exp(x)", F(p="1/2", x=0)),
    ],
)

NESBITT = "a/(b + c) + b/(c + a) + c/(a + b)"
MOTZKIN = "x**4*y**2 + x**2*y**4 - 3*x**2*y**2 + 1"
MONOMIAL_SQUARES = File(
    "power-eleven/monomial-squares.toml",
    {
        "x": "real",
        "y": "real",
        "z": "real",
        "a": "positive",
        "b": "positive",
        "c": "positive",
        "e": "nonnegative",
        "f": "nonnegative",
    },
    [
        rel("am-gm-cubes", "a**3 + b**3 + c**3", ">=", "3*a*b*c", T()),
        rel("am-gm-cubes-reals", "x**3 + y**3 + z**3", ">=", "3*x*y*z", F(x=-1, y=0, z=0)),
        rel("am-gm-cubes-strict", "a**3 + b**3 + c**3", ">", "3*a*b*c", F(a=1, b=1, c=1)),
        rel("two-cubes-gap", "a**3 + b**3", ">=", "a**2*b + a*b**2 + 1/1000", F(a=1, b=1)),
        rel("nesbitt", NESBITT, ">=", "3/2", T()),
        rel("nesbitt-gap", NESBITT, ">=", "3/2 + 1/1000", F(a=1, b=1, c=1)),
        rel("root-below-one", "1", ">=", "sqrt(e)", F(e=4)),
        rel("am-gm-roots", "(e + f)/2", ">=", "sqrt(e*f)", T()),
        rel("am-gm-roots-gap", "(e + f)/2", ">=", "sqrt(e*f) + 1/1000", F(e=1, f=1)),
        rel("am-gm-cube-root", "(a + b + c)/3", ">=", "(a*b*c)**(1/3)", T()),
        rel("am-gm-cube-root-strict", "(a + b + c)/3", ">", "(a*b*c)**(1/3)", F(a=1, b=1, c=1)),
        rel("quartic-xyz", "x**4 + y**4 + z**4", ">=", "x*y*z*(x + y + z)", T()),
        rel(
            "quartic-xyz-gap",
            "x**4 + y**4 + z**4",
            ">=",
            "x*y*z*(x + y + z) + 1/1000",
            F(x=0, y=0, z=0),
        ),
        rel("shifted-squares-gap", "(x**2 + 1)*(y**2 + 1)", ">=", "4*x*y + 1/100", F(x=1, y=1)),
        rel("motzkin", MOTZKIN, ">=", "0", T()),
        rel("motzkin-gap", MOTZKIN, ">=", "1/100", F(x=1, y=1)),
        rel("motzkin-strict", MOTZKIN, ">", "0", F(x=1, y=1)),
        rel("motzkin-odd-term", "x**3*y**2 + x**2*y**4 - 3*x**2*y**2 + 1", ">=", "0", F(x=-1, y=1)),
    ],
)

FLAT_SUMS = File(
    "power-eleven/flat-sums.toml",
    {
        "n": "positive integer",
        "m": "positive integer",
        "k": "positive integer",
        "a[i]": "real",
        "b[i]": "real",
        "c[i]": "real",
        "z[i]": "real",
    },
    [
        rel(
            "product-of-sums",
            "Sum(a[i], (i, 1, n))*Sum(b[j], (j, 1, m))",
            "=",
            "Sum(Sum(a[i]*b[j], (j, 1, m)), (i, 1, n))",
            T(),
        ),
        rel(
            "square-as-sum-of-squares",
            "Sum(a[i], (i, 1, n))**2",
            "=",
            "Sum(a[i]**2, (i, 1, n))",
            Fw({"n": 2, "a[1]": 1, "a[2]": 1}),
        ),
        rel(
            "ranges-swapped",
            "Sum(a[i], (i, 1, n))*Sum(b[j], (j, 1, m))",
            "=",
            "Sum(Sum(a[i]*b[j], (j, 1, n)), (i, 1, m))",
            Fw({"n": 1, "m": 2, "a[1]": 1, "a[2]": 0, "b[1]": 1, "b[2]": 1}),
        ),
        rel(
            "delta-outside",
            "Sum(KroneckerDelta(j, k)*z[j], (j, 1, n))",
            "=",
            "z[k]",
            Fw({"n": 1, "k": 2, "z[1]": 0, "z[2]": 1}),
        ),
        rel("delta-inside", "Sum(KroneckerDelta(j, k)*z[j], (j, 1, k + n))", "=", "z[k]", T()),
        rel(
            "quadratic-form",
            "Sum(Sum(c[r]*c[s]*a[r]*a[s], (s, 1, n)), (r, 1, n))",
            "=",
            "Sum(c[r]*a[r], (r, 1, n))**2",
            T(),
        ),
        rel(
            "quadratic-form-diagonal",
            "Sum(Sum(c[r]*c[s], (s, 1, n)), (r, 1, n))",
            "=",
            "n*Sum(c[r]**2, (r, 1, n))",
            Fw({"n": 2, "c[1]": 1, "c[2]": -1}),
        ),
        rel(
            "log-of-square",
            "Sum(log(z[i]**2), (i, 1, n))",
            "=",
            "2*Sum(log(z[i]), (i, 1, n))",
            Fw({"n": 1, "z[1]": -1}),
        ),
        rel(
            "log-of-softmax",
            "Sum(log(exp(z[i])/Sum(exp(z[j]), (j, 1, n))), (i, 1, n))",
            "=",
            "Sum(z[i], (i, 1, n)) - n*log(Sum(exp(z[j]), (j, 1, n)))",
            T(),
        ),
        rel(
            "log-of-softmax-count-lost",
            "Sum(log(exp(z[i])/Sum(exp(z[j]), (j, 1, n))), (i, 1, n))",
            "=",
            "Sum(z[i], (i, 1, n)) - log(Sum(exp(z[j]), (j, 1, n)))",
            Fw({"n": 2, "z[1]": 0, "z[2]": 0}),
        ),
    ],
)

SOFTMAX = "exp(zz[k])/Sum(exp(zz[j]), (j, 1, K))"
SOFTMAX1 = "exp(zz[k1])/Sum(exp(zz[j]), (j, 1, K1))"
NUMBERS_AND_QUOTIENTS = File(
    "power-eleven/numbers-and-quotients.toml",
    {
        "K": "integer >= 2",
        "K1": "positive integer",
        "k": "{1, ..., K}",
        "k1": "{1, ..., K1}",
        "zz[j]": "real",
        "h": "nonnegative",
    },
    [
        rel("softmax-gradient-negative", f"{SOFTMAX} - 1", "<", "0", T()),
        rel(
            "softmax-gradient-one-class",
            f"{SOFTMAX1} - 1",
            "<",
            "0",
            Fw({"K1": 1, "k1": 1, "zz[1]": 0}),
        ),
        rel(
            "softmax-gradient-below-half",
            f"{SOFTMAX} - 1",
            "<",
            "-1/2",
            Fw({"K": 2, "k": 1, "zz[1]": 10, "zz[2]": 0}),
        ),
        rel("exp-below-reciprocal", "exp(-h)", "<=", "1/(1 + h)", T()),
        rel("exp-below-reciprocal-two", "exp(-h)", "<=", "1/(1 + 2*h)", F(h=1)),
        rel("exp-below-reciprocal-strict", "exp(-h)", "<", "1/(1 + h)", F(h=0)),
    ],
)

FILES = [MEMBERS, INDUCTION, EXP_TANGENTS, MONOMIAL_SQUARES, FLAT_SUMS, NUMBERS_AND_QUOTIENTS]
