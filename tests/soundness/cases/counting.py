"""factorial and binomial (defined for the integers they count), a Piecewise with no
otherwise branch (no value where no condition holds), and limits whose value depends on
the order of two positive rates."""

from __future__ import annotations

from . import F, File, T, eqn, rel

COUNTING = File(
    "counting/factorial-binomial.toml",
    {
        "n": "nonnegative integer",
        "k": "nonnegative integer",
        "m": "integer",
        "x": "real",
        "t": "positive",
    },
    [
        rel("factorial-step", "factorial(n + 1)", "=", "(n + 1)*factorial(n)", T()),
        rel("factorial-step-wrong", "factorial(n + 1)", "=", "n*factorial(n)", F(n=0)),
        rel("factorial-of-any-integer", "factorial(m + 1)", "=", "(m + 1)*factorial(m)", F(m=-1)),
        rel("factorial-of-a-real", "factorial(x)", ">=", "1", F(x="1/2")),
        rel("factorial-grows", "factorial(n)", ">=", "1", T()),
        rel("binomial-symmetric", "binomial(n + k, k)", "=", "binomial(n + k, n)", T()),
        rel(
            "binomial-pascal",
            "binomial(n + 1, k + 1)",
            "=",
            "binomial(n, k) + binomial(n, k + 1)",
            T(),
        ),
        rel(
            "binomial-pascal-wrong",
            "binomial(n + 1, k + 1)",
            "=",
            "binomial(n, k) + binomial(n, k)",
            F(n=2, k=1),
        ),
        rel("binomial-row-sum", "Sum(binomial(n, j), (j, 0, n))", "=", "2**n", T()),
        rel("binomial-row-sum-off", "Sum(binomial(n, j), (j, 0, n))", "=", "2**n - 1", F(n=0)),
        rel("binomial-past-the-row", "binomial(n, n + 1)", "=", "0", T()),
        rel("binomial-of-a-real-top", "binomial(t, 2)", "=", "t*(t - 1)/2", T()),
        rel("binomial-real-bottom", "binomial(3, x)", ">=", "0", F(x="1/2")),
        rel(
            "poisson-log",
            "log(t**k*exp(-t)/factorial(k))",
            "=",
            "k*log(t) - t - log(factorial(k))",
            T(),
        ),
        rel(
            "poisson-log-wrong",
            "log(t**k*exp(-t)/factorial(k))",
            "=",
            "k*log(t) - t - log(k)",
            F(k=3, t=1),
        ),
    ],
)

BRANCHES = File(
    "definedness/piecewise-no-otherwise.toml",
    {"x": "real", "p": "positive", "y": "{0, 1}", "z": "{0, 1, 2}", "q": "(0, 1)"},
    [
        rel("one-branch", "Piecewise((1, x > 0))", "=", "1", F(x=0)),
        rel("one-branch-positive", "Piecewise((1, p > 0))", "=", "1", T()),
        rel("gap-at-zero", "Piecewise((x, x > 0), (-x, x < 0))", "=", "Abs(x)", F(x=0)),
        rel("no-gap", "Piecewise((x, x >= 0), (-x, x < 0))", "=", "Abs(x)", T()),
        rel(
            "finite-covered",
            "Piecewise((q, Eq(y, 1)), (1 - q, Eq(y, 0)))",
            "=",
            "q**y*(1 - q)**(1 - y)",
            T(),
        ),
        rel(
            "finite-not-covered",
            "Piecewise((q, Eq(z, 1)), (1 - q, Eq(z, 0)))",
            "=",
            "q**z*(1 - q)**(1 - z)",
            F(z=2),
        ),
        rel("sign-squared-at-zero", "sign(x)**2", "=", "Abs(sign(x))", T()),
        rel("abs-sign", "Abs(sign(x))", "=", "1", F(x=0)),
    ],
)

# Steps between equations whose solutions sit where a written guard asks for an integer
# (factorial's and binomial's): 0 is an integer, 1/2 is not.
COUNTING_EQUATIONS = File(
    "counting/equations.toml",
    {"n": "nonnegative integer", "k": "nonnegative integer", "x": "real", "y": "real"},
    [
        eqn("binomial-symmetry", "binomial(n, k) = x", "<=>", "x = binomial(n, n - k)", T()),
        eqn("factorial-is-one", "factorial(n) = 1", "<=>", "n*(n - 1) = 0", T()),
        eqn("factorial-is-one-lost-zero", "factorial(n) = 1", "<=>", "n = 1", F(n=0)),
        eqn("binomial-is-one", "binomial(2, y) = 1", "<=>", "y*(2 - y) = 0", T()),
        eqn(
            "binomial-is-one-gained-half",
            "binomial(2, y) = 1",
            "<=>",
            "y*(2 - y)*(2*y - 1) = 0",
            F(y="1/2"),
        ),
    ],
)

FILES = [COUNTING, BRANCHES, COUNTING_EQUATIONS]
