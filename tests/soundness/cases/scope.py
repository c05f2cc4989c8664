"""Families and free indices, what ``where`` means, declared functions, and the scope of a
lemma (issue 15, class 1): where fixes, domains, errata and numeric chains as lemmas, and a
lemma in a neighbouring file of the same folder."""

from __future__ import annotations

from . import Chain, F, File, Fw, T, rel

FAMILIES = File(
    "families/members.toml",
    {
        "N": "positive integer",
        "y[i]": "{0, 1}",
        "p[i]": "(0, 1)",
        "a[i]": "real",
        "q[n, i]": "(0, 1)",
    },
    [
        rel("labels-nonnegative", "Sum(y[i], (i, 1, N))", ">=", "0", T()),
        rel("log-likelihood-nonpositive", "Sum(y[i]*log(p[i]), (i, 1, N))", "<=", "0", T()),
        rel(
            "log-of-product-positive",
            "Sum(log(p[i]), (i, 1, N))",
            "=",
            "log(Product(p[i], (i, 1, N)))",
            T(),
        ),
        rel(
            "log-of-product-real",
            "Sum(log(a[i]), (i, 1, N))",
            "=",
            "log(Product(a[i], (i, 1, N)))",
            Fw({"N": 2, "a[1]": -1, "a[2]": -1}),
        ),
        rel("sum-of-squares", "Sum(a[i]**2, (i, 1, N))", ">=", "0", T()),
        rel(
            "sum-of-squares-positive", "Sum(a[i]**2, (i, 1, N))", ">", "0", Fw({"N": 1, "a[1]": 0})
        ),
        rel("free-index-idempotent", "y[i]**2", "=", "y[i]", T()),
        rel("free-index-cube", "y[i]", "=", "y[i]**3", T()),
        rel("free-index-variance", "p[i]*(1 - p[i])", "<", "1/4", Fw({"i": 1, "p[1]": "1/2"})),
        rel(
            "sum-is-n-times-first",
            "Sum(y[i], (i, 1, N))",
            "=",
            "N*y[1]",
            Fw({"N": 2, "y[1]": 1, "y[2]": 0}),
        ),
        rel("difference-cancels", "Sum(y[i] - y[i], (i, 1, N))", "=", "0", T()),
        rel("row-sum-positive", "Sum(q[1, i], (i, 1, N))", ">", "0", T()),
        rel("grid-sum-bound", "Sum(Sum(q[j, i], (i, 1, N)), (j, 1, N))", "<=", "N**2", T()),
        rel("product-below-one", "Product(p[i], (i, 1, N))", "<", "1", T()),
        rel("product-at-most-first", "Product(p[i], (i, 1, N))", "<=", "p[1]", T()),
        rel(
            "product-below-first",
            "Product(p[i], (i, 1, N))",
            "<",
            "p[1]",
            Fw({"N": 1, "p[1]": "1/2"}),
        ),
        rel("labels-times-complement", "Sum(y[i]*(1 - y[i]), (i, 1, N))", "=", "0", T()),
        rel(
            "cauchy-schwarz",
            "Sum(a[i], (i, 1, N))**2",
            "<=",
            "N*Sum(a[i]**2, (i, 1, N))",
            T(),
        ),
        rel(
            "square-of-sum-wrong",
            "Sum(a[i], (i, 1, N))**2",
            "=",
            "Sum(a[i]**2, (i, 1, N))",
            Fw({"N": 2, "a[1]": 1, "a[2]": 1}),
        ),
    ],
)

WHERE = File(
    "where/fixes.toml",
    {"x": "real", "y": "real", "a": "real", "n": "positive integer"},
    [
        rel("zero-factor", "x*y", "=", "0", T(), where={"y": "0"}),
        rel("zero-term", "x + y", "=", "x", T(), where={"y": "0"}),
        rel("one-factor-is-not-zero", "x*y", "=", "0", F(x=1), where={"y": "1"}),
        rel("half", "2*a", "=", "1", T(), where={"a": "1/2"}),
        rel("square-of-two", "x**2", "=", "4", T(), where={"x": "2"}),
        rel("square-is-double", "x**2", "=", "2*x", T(), where={"x": "2"}),
        rel("cube-is-four-x", "x**3", "=", "4*x", T(), where={"x": "2"}),
        rel("square-of-two-wrong", "x**2", "=", "5", F(x=2), where={"x": "2"}),
        rel("log-power-at-minus-one", "log(x**2)", "=", "2*log(x)", F(x=-1), where={"x": "-1"}),
        rel("sine-of-pi", "sin(x)", "=", "0", T(), where={"x": "pi"}),
        rel("gauss-at-three", "Sum(i, (i, 1, n))", "=", "6", T(), where={"n": "3"}),
        rel("coincidence-at-three", "Sum(i, (i, 1, n))", "=", "n*(n - 1)", T(), where={"n": "3"}),
        rel("coincidence-at-one", "Sum(i, (i, 1, n))", "=", "n**2", T(), where={"n": "1"}),
        rel("derivative-in-fixed", "Derivative(x*y, y)", "=", "x", T(), where={"y": "0"}),
        rel(
            "derivative-substituted-first",
            "Derivative(x*y, y)",
            "=",
            "0",
            F(x=1, y=0),
            where={"y": "0"},
        ),
        rel("limit-variable-fixed", "Limit(x**2, x, 2)", "=", "4", T(), where={"x": "1"}),
        rel("limit-variable-fixed-wrong", "Limit(x**2, x, 2)", "=", "1", F(x=1), where={"x": "1"}),
        rel("odd-power-of-minus-one", "(-1)**(2*y)", "=", "-1", T(), where={"y": "1/2"}),
        rel("quarter-power-of-minus-one", "(-1)**(4*y)", "=", "-1", T(), where={"y": "1/4"}),
        rel("half-power-of-minus-one", "(-1)**y", "<", "0", F(y="1/2"), where={"y": "1/2"}),
    ],
)

FUNCTIONS = File(
    "functions/definitions.toml",
    {"x": "real", "u": "(0, 1)", "p": "positive", "a": "real"},
    [
        rel("sigmoid-symmetry", "g(x) + g(-x)", "=", "1", T()),
        rel("sigmoid-complement", "1 - g(x)", "=", "g(-x)", T()),
        rel("log-of-interval", "f(u)", "<", "0", T()),
        rel("log-tangent-real", "f(x)", "<=", "x - 1", F(x=-1)),
        rel("log-tangent-positive", "f(p)", "<=", "p - 1", T()),
        rel("quotient-of-equals", "h(x, x)", "=", "1", F(x=0)),
        rel("quotient-of-equals-positive", "h(p, p)", "=", "1", T()),
        rel("square-of-root", "r(x)**2", "=", "x", F(x=-1)),
        rel("root-of-square", "r(x**2)", "=", "Abs(x)", T()),
        rel("ramp", "k(x)", "=", "Max(x, 0)", T()),
        rel("log-sigmoid", "f(g(x))", "=", "-log(1 + exp(-x))", T()),
        rel("log-of-one", "f(0*x + 1)", "=", "0", T()),
        rel("log-of-zero", "f(x - x)", "=", "0", F(x=1)),
        rel("sigmoid-derivative", "Derivative(g(x), x)", "=", "g(x)*(1 - g(x))", T()),
        rel("ramp-derivative", "Derivative(k(x), x)", ">=", "0", F(x=0)),
        rel("body-uses-symbol", "Min(ga(1), 30)", "=", "ga(1)", F(a=31)),
        rel("body-uses-symbol-one", "Min(ga(1), 1)", "=", "ga(1)", F(a=2)),
    ],
    functions={
        "g": "t -> 1/(1 + exp(-t))",
        "f": "t -> log(t)",
        "h": "(s, t) -> s/t",
        "r": "t -> sqrt(t)",
        "k": "t -> Piecewise((t, t > 0), (0, True))",
        "ga": "t -> a*t",
    },
)

LEMMA_WHERE = File(
    "lemma-scope/where.toml",
    {"a": "real", "x": "real"},
    [
        rel(
            "lemma-min-g-half",
            "Min(g(1), 30)",
            "=",
            "g(1)",
            T(),
            where={"a": "1/2"},
            lemma="min-g-half",
        ),
        rel("cite-for-any-a", "Min(g(1), 30)", "=", {"expr": "g(1)", "by": "min-g-half"}, F(a=31)),
        rel(
            "cite-inside-the-fix",
            "Min(g(1), 30)",
            "=",
            {"expr": "g(1)", "by": "min-g-half"},
            T(),
            where={"a": "1/2"},
        ),
        rel(
            "cite-under-another-fix",
            "Min(g(1), 30)",
            "=",
            {"expr": "g(1)", "by": "min-g-half"},
            F(a=100),
            where={"a": "100"},
        ),
        rel(
            "cite-for-another-argument",
            "Min(g(2), 30)",
            "=",
            {"expr": "g(2)", "by": "min-g-half"},
            F(a=16),
        ),
        rel(
            "lemma-zero-product",
            "a*x",
            "=",
            "0",
            T(),
            where={"a": "0"},
            lemma="zero-product-at-a-zero",
        ),
        rel(
            "cite-zero-product",
            "a*x",
            "=",
            {"expr": "0", "by": "zero-product-at-a-zero"},
            F(a=1, x=1),
        ),
    ],
    functions={"g": "t -> a*t"},
)

LEMMA_DOMAINS = File(
    "lemma-scope/domains.toml",
    {"u": "(0, 1)", "x": "real", "y": "real", "p": "positive", "q": "positive"},
    [
        rel("lemma-min-u", "Min(u, 1)", "=", "u", T(), lemma="min-u-one"),
        rel("cite-min-u-for-real", "Min(x, 1)", "=", {"expr": "x", "by": "min-u-one"}, F(x=2)),
        rel("cite-min-u-inside", "Min(u, 1)", "=", {"expr": "u", "by": "min-u-one"}, T()),
        rel(
            "lemma-log-product",
            "log(p*q)",
            "=",
            "log(p) + log(q)",
            T(),
            lemma="log-product-positive",
        ),
        rel(
            "cite-log-product-for-reals",
            "log(x*y)",
            "=",
            {"expr": "log(x) + log(y)", "by": "log-product-positive"},
            F(x=-1, y=-1),
        ),
        rel("lemma-root-square", "sqrt(p**2)", "=", "p", T(), lemma="root-square-positive"),
        rel(
            "cite-root-square-for-real",
            "sqrt(x**2)",
            "=",
            {"expr": "x", "by": "root-square-positive"},
            F(x=-1),
        ),
    ],
)

LEMMA_ERRATUM = File(
    "lemma-scope/erratum-and-numeric.toml",
    {"x": "real", "v": "(0, 1)"},
    [
        rel(
            "erratum-as-lemma",
            "Min(x, 30)",
            "=",
            {"expr": "x", "expect": "refuted"},
            F(x=31),
            lemma="min-x-thirty-erratum",
        ),
        rel(
            "cite-erratum", "Min(x, 30)", "=", {"expr": "x", "by": "min-x-thirty-erratum"}, F(x=31)
        ),
        rel(
            "numeric-as-lemma",
            "Min(v, 30)",
            "=",
            {"expr": "v", "accept": "numeric"},
            T(),
            lemma="min-v-thirty-numeric",
        ),
        rel(
            "cite-numeric", "Min(x, 30)", "=", {"expr": "x", "by": "min-v-thirty-numeric"}, F(x=31)
        ),
        rel(
            "near-identity-numeric-lemma",
            "v + 10**(-40)",
            "=",
            {"expr": "v", "accept": "numeric"},
            F(v="1/2"),
            lemma="near-identity-lemma",
        ),
        rel(
            "cite-near-identity",
            "x + 10**(-40)",
            "=",
            {"expr": "x", "by": "near-identity-lemma"},
            F(x=0),
        ),
    ],
)

NEIGHBOUR_LIBRARY = File(
    "lemma-scope/neighbour-lemmas.toml",
    {"u": "(0, 1)", "x": "real"},
    [
        rel("neighbour-min", "Min(u, 1)", "=", "u", T(), lemma="neighbour-min-u"),
        rel(
            "neighbour-erratum",
            "Min(x, 30)",
            "=",
            {"expr": "x", "expect": "refuted"},
            F(x=31),
            lemma="neighbour-erratum-lemma",
        ),
    ],
    library=True,
)

NEIGHBOUR_USE = File(
    "lemma-scope/neighbour-citations.toml",
    {"u": "(0, 1)", "x": "real"},
    [
        rel(
            "cite-neighbour-for-real",
            "Min(x, 1)",
            "=",
            {"expr": "x", "by": "neighbour-min-u"},
            F(x=2),
        ),
        rel("cite-neighbour-inside", "Min(u, 1)", "=", {"expr": "u", "by": "neighbour-min-u"}, T()),
        rel(
            "cite-neighbour-erratum",
            "Min(x, 30)",
            "=",
            {"expr": "x", "by": "neighbour-erratum-lemma"},
            F(x=31),
        ),
    ],
)

CHAINED_LEMMA = File(
    "lemma-scope/chained.toml",
    {"x": "real", "t": "positive"},
    [
        Chain(
            "lemma-through-steps",
            ["sqrt(t**2)*1", "= sqrt(t**2)", "= t"],
            [T(), T()],
            lemma="root-square-two-steps",
        ),
        rel(
            "cite-two-step-lemma-for-real",
            "sqrt(x**2)*1",
            "=",
            {"expr": "x", "by": "root-square-two-steps"},
            F(x=-1),
        ),
    ],
)

FILES = [
    FAMILIES,
    WHERE,
    FUNCTIONS,
    LEMMA_WHERE,
    LEMMA_DOMAINS,
    LEMMA_ERRATUM,
    NEIGHBOUR_LIBRARY,
    NEIGHBOUR_USE,
    CHAINED_LEMMA,
]
