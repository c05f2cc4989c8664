"""Undefined constants and undefined Piecewise branches (issue 15, class 5), a negative base
with an exponent that is not an integer (class 9) and 0**0."""

from __future__ import annotations

from . import F, File, Fw, T, rel

CONSTANTS = File(
    "undefined-constants/constants.toml",
    {"x": "real", "t": "positive"},
    [
        rel("log-minus-one-squared", "log(-1)**2", "<", "0", F()),
        rel("square-of-root-of-minus-one", "sqrt(-1)**2", "=", "-1", F()),
        rel("exp-log-minus-one", "exp(log(-1))", "=", "-1", F()),
        rel("log-quotient-of-negatives", "log(-2) - log(2)", "=", "log(-1)", F()),
        rel("zero-times-log-minus-one", "0*log(-1)", "=", "0", F()),
        rel("log-minus-one-cancels", "log(-1) - log(-1)", "=", "0", F()),
        rel("log-one", "log(1)", "=", "0", T()),
        rel("symbol-times-undefined", "x*log(-1)", "=", "0", F(x=0)),
        rel("symbol-cancels-undefined-stays", "x - x + log(-1)", "=", "log(-1)", F(x=0)),
        rel("root-of-minus-four", "sqrt(-4)", "=", "2*sqrt(-1)", F()),
        rel("half-power-of-minus-one", "(-1)**(1/2)", "=", "sqrt(-1)", F()),
        rel("modulus-of-log-minus-one", "Abs(log(-1))", "=", "pi", F()),
        rel("log-minus-one-over-itself", "log(-1)/log(-1)", "=", "1", F()),
        rel("exp-log-minus-two", "exp(log(-2))", "=", "-2", F()),
        rel("log-exp-minus-two", "log(exp(-2))", "=", "-2", T()),
        rel("square-of-root-below-one", "sqrt(x**2 - 1)**2", "=", "x**2 - 1", F(x=0)),
        rel("log-minus-one-below-log-two", "log(-1)", "<", "log(2)", F()),
        rel("root-of-minus-two-below-one", "sqrt(-2)", "<", "1", F()),
        rel("kronecker-of-undefined", "KroneckerDelta(log(-1), 0)", "=", "0", F()),
        rel("sum-of-undefined-times-zero", "Sum(log(-1)*0, (i, 1, 3))", "=", "0", F()),
        rel("empty-sum-of-undefined", "Sum(log(i - 2), (i, 1, 0))", "=", "0", T()),
        rel("product-avoiding-pole", "Product(1/(i - 2), (i, 3, 5))", "=", "1/6", T()),
        rel("sum-through-pole", "Sum(1/(i - 2), (i, 1, 3))", "=", "0", F()),
        rel("zero-times-undefined-limit", "0*Limit(1/x, x, 0)", "=", "0", F()),
        rel("derivative-of-undefined", "Derivative(0*log(-1)*x, x)", "=", "0", F(x=0)),
        rel("log-of-positive-square", "log(t**2)", "=", "2*log(t)", T()),
        rel("log-of-square", "log(x**2)", "=", "2*log(x)", F(x=-1)),
        rel("log-of-cube", "log(x**3)", "=", "3*log(x)", F(x=-1)),
    ],
)

REFUSED = File(
    "undefined-constants/division-by-zero.toml",
    {"x": "real"},
    [
        rel("reciprocal-zero-times-zero", "1/0*0", "=", "0", F()),
        rel("zero-over-zero", "0/0", "=", "1", F()),
        rel("divide-by-difference-of-equals", "x/(x - x)", "=", "0", F(x=1)),
        rel("zero-to-minus-one", "0**(-1)", ">", "0", F()),
        rel("log-zero", "log(0)", "<", "0", F()),
        rel("zero-times-log-zero", "0*log(0)", "=", "0", F()),
        rel("tan-at-pole-times-zero", "tan(pi/2)*0", "=", "0", F()),
        rel("max-with-undefined", "Max(sqrt(-1), 0)", "=", "0", F()),
    ],
    input_error_ok=True,
)

PIECEWISE_BRANCHES = File(
    "undefined-constants/piecewise-branches.toml",
    {"x": "real"},
    [
        rel(
            "branch-undefined-where-selected",
            "Piecewise((x/x, x > -5), (1, True))",
            "=",
            "1",
            F(x=0),
        ),
        rel(
            "log-branch-guarded",
            "Piecewise((log(x), x > 0), (0, True))",
            "<=",
            "Abs(x)",
            T(),
        ),
        rel(
            "log-branch-badly-guarded",
            "Piecewise((log(x), x > -1), (0, True))",
            "=",
            "Piecewise((log(x), x > 0), (0, True))",
            F(x="-1/2"),
        ),
        rel("reciprocal-branch-at-zero", "Piecewise((1/x, x >= 0), (0, True))", ">=", "0", F(x=0)),
        rel(
            "root-branches",
            "Piecewise((sqrt(x), x >= 0), (sqrt(-x), True))",
            "=",
            "sqrt(Abs(x))",
            T(),
        ),
        rel(
            "root-branch-badly-guarded",
            "Piecewise((sqrt(x), x > -1), (0, True))",
            ">=",
            "0",
            F(x="-1/2"),
        ),
        rel("max-with-log", "Max(log(x), 0)", ">=", "0", F(x=-1)),
        rel(
            "unselected-branch-undefined",
            "Piecewise((0, x < 1), (log(x - 1), x > 1), (7, True))",
            "<=",
            "Max(log(Abs(x - 1) + 1), 7)",
            T(),
        ),
        rel("no-branch-selected", "Piecewise((1, x > 0), (-1, x < 0))", "=", "x/Abs(x)", F(x=0)),
    ],
)

POWERS = File(
    "negative-base/powers.toml",
    {
        "x": "real",
        "y": "{1, 3}",
        "n": "integer",
        "k": "positive integer",
        "q": "{1/3, 2/3}",
        "t": "positive",
        "h": "nonnegative",
        "yhat": "[0, 1]",
        "c": "{0, 1}",
    },
    [
        rel("half-power-squared", "((-1)**(y/2))**2", "=", "-1", F(y=1)),
        rel("half-power-squared-negative", "((-1)**(y/2))**2", "<", "0", F(y=1)),
        rel("real-power-of-minus-one", "(-1)**x", "=", "(-1)**x", F(x="1/2")),
        rel("integer-power-of-minus-one", "(-1)**n", "=", "(-1)**n", T()),
        rel("even-power-of-minus-one", "(-1)**(2*n)", "=", "1", T()),
        rel("even-real-power-of-minus-one", "(-1)**(2*x)", "=", "1", F(x="1/4")),
        rel("square-of-real-power", "((-1)**x)**2", "=", "1", F(x="1/2")),
        rel("cube-root-of-minus-eight", "(-8)**(1/3)", "=", "-2", F()),
        rel("rational-power-of-minus-eight", "(-8)**q", "<=", "4", F(q="1/3")),
        rel("product-of-integer-powers", "(-2)**k*(-2)**k", "=", "4**k", T()),
        rel("square-of-half-power", "((-2)**(k/2))**2", "=", "(-2)**k", F(k=1)),
        rel("zero-times-root-of-minus-one", "(-1)**(1/2)*0", "=", "0", F()),
        rel("product-of-signs", "(-1)**n*(-1)**n", "=", "1", T()),
        rel("half-odd-power", "((-1)**(n + 1/2))**2", "=", "-1", F(n=0)),
        rel("root-of-negative-square", "(-x**2)**(1/2)", "=", "0", F(x=1)),
        rel("cube-of-cube-root", "(x**(1/3))**3", "=", "x", F(x=-8)),
        rel("cube-root-of-cube", "(x**3)**(1/3)", "=", "x", F(x=-1)),
        rel("root-of-square", "(x**2)**(1/2)", "=", "Abs(x)", T()),
        rel("root-of-square-wrong", "(x**2)**(1/2)", "=", "x", F(x=-1)),
        rel("three-halves-of-square", "(x**2)**(3/2)", "=", "Abs(x)**3", T()),
        rel("two-thirds", "x**(2/3)", "=", "(x**2)**(1/3)", F(x=-1)),
        rel("zero-to-zero", "0**0", "=", "1", T("0**0 = 1: the empty product")),
        rel("anything-to-zero", "x**0", "=", "1", T()),
        rel("zero-to-positive", "0**t", "=", "0", T()),
        rel("zero-to-nonnegative", "0**h", "=", "0", F(h=0)),
        rel("power-tower-at-zero", "h**h", "=", "exp(h*log(h))", F(h=0)),
        rel("polynomial-at-zero", "Sum(x**i, (i, 0, 2))", "=", "1 + x + x**2", T()),
        rel(
            "bernoulli-closed-ends",
            "yhat**c*(1 - yhat)**(1 - c)",
            "=",
            "Piecewise((yhat, Eq(c, 1)), (1 - yhat, True))",
            T("0**0 = 1 at yhat = 0, c = 0 and yhat = 1, c = 1"),
        ),
        rel("cube-root-of-minus-one-negative", "(-1)**(1/3)", "<", "0", F()),
        rel("exponent-written-as-fraction", "(-2)**(2/2)", "=", "-2", T()),
        rel("two-sixths", "(-8)**(2/6)", "=", "-2", F()),
        rel("root-times-root", "(-4)**(1/2)*(-4)**(1/2)", "=", "-4", F()),
        rel("exp-of-log-of-minus-one", "exp(x*log(-1))", "=", "(-1)**x", F(x=0)),
    ],
)

# A power of a product taken into it (``prover/product_powers``): only over factors of the
# right sign
PRODUCT_POWERS = File(
    "negative-base/product-powers.toml",
    {"N": "positive integer", "x[i]": "real", "w[i]": "positive"},
    [
        rel(
            "root-of-squares",
            "sqrt(Product(x[i]**2, (i, 1, N)))",
            "=",
            "Product(Abs(x[i]), (i, 1, N))",
            T(),
        ),
        rel(
            "root-of-squares-signed",
            "sqrt(Product(x[i]**2, (i, 1, N)))",
            "=",
            "Product(x[i], (i, 1, N))",
            Fw({"N": 1, "x[1]": -1}),
        ),
        rel(
            "root-of-reals",
            "sqrt(Product(x[i], (i, 1, N)))",
            "=",
            "Product(sqrt(x[i]), (i, 1, N))",
            Fw({"N": 2, "x[1]": -1, "x[2]": -1}),
        ),
        rel(
            "cube-root-of-positives",
            "Product(w[i], (i, 1, N))**(1/3)",
            "=",
            "Product(w[i]**(1/3), (i, 1, N))",
            T(),
        ),
    ],
)

FILES = [CONSTANTS, REFUSED, PIECEWISE_BRANCHES, POWERS, PRODUCT_POWERS]
