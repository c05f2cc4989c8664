"""Redteam-8's probes of documents-6's readings and of SymPy's closed forms of sums.

``cases`` whose row condition the declarations make true (``x > 0`` of a positive x): read
as the first row that holds, a later row that overlaps it was dropped without a word (1 =
{1 if x > 0, 2 if x > 1} was PROVED). The text gives no one value where two rows hold, so
each false label reads the rows in the other order, as a reader may; the true ones have rows
that exclude each other. Real roots ``\\sqrt[n]{x}`` beside near misses; SymPy's wrong closed
forms of alternating binomial sums (Σ (−1)^j j C(n, j) = 0, false at n = 1) must be refuted.

Ground truth: mpmath through the reference evaluator (confirm.py); the meaning of each
LaTeX step is written out as expression text.
"""

from __future__ import annotations

from . import F, File, T, rel
from .latex import latex_case

POSITIVE = {"x": "positive", "y": "real"}
REAL = {"x": "real", "y": "real"}

CASES = [
    # x > 0 is true of a positive x: row 2 was dropped (read as 1 everywhere)
    latex_case(
        "cases-true-row-first",
        POSITIVE,
        "1",
        "=",
        r"\begin{cases} 1 & x > 0 \\ 2 & x > 1 \end{cases}",
        "Piecewise((2, x > 1), (1, x > 0))",
        F(x=2),
    ),
    # row 2 made true by the declaration was taken for \text{otherwise}
    latex_case(
        "cases-true-row-second",
        POSITIVE,
        "Piecewise((1, x > 1), (2, True))",
        "=",
        r"\begin{cases} 1 & x > 1 \\ 2 & x > 0 \end{cases}",
        "Piecewise((2, x > 0), (1, x > 1))",
        F(x=2),
    ),
    latex_case(
        "cases-true-row-with-words",
        {"x": "nonnegative", "y": "real"},
        "x",
        "=",
        r"\begin{cases} x & \text{if } x \ge 0, \\ 0 & \text{if } x < 1 \end{cases}",
        "Piecewise((0, x < 1), (x, x >= 0))",
        F(x="1/2"),
    ),
    # near misses: rows that exclude each other, and an \text{otherwise} row
    latex_case(
        "cases-exclusive-positive",
        POSITIVE,
        "Piecewise((1, x > 1), (2, True))",
        "=",
        r"\begin{cases} 1 & x > 1 \\ 2 & x \le 1 \end{cases}",
        "Piecewise((1, x > 1), (2, x <= 1))",
        T(),
    ),
    latex_case(
        "cases-otherwise-positive",
        POSITIVE,
        "Piecewise((1, x > 1), (2, True))",
        "=",
        r"\begin{cases} 1 & x > 1 \\ 2 & \text{otherwise} \end{cases}",
        "Piecewise((1, x > 1), (2, True))",
        T(),
    ),
    latex_case(
        "cases-false-row",
        POSITIVE,
        "1",
        "=",
        r"\begin{cases} 1 & x > 0 \\ 2 & x < 0 \end{cases}",
        "Piecewise((1, x > 0), (2, x < 0))",
        T(),
    ),
    latex_case(
        "cases-same-values",
        POSITIVE,
        "1",
        "=",
        r"\begin{cases} 1 & x \ge 0 \\ 1 & x > 1 \end{cases}",
        "1",
        T(),
    ),
    latex_case(
        "cases-chained-condition",
        REAL,
        "Piecewise((1, And(x > 0, x < 1)), (0, True))",
        "=",
        r"\begin{cases} 1 & 0 < x < 1 \\ 0 & \text{otherwise} \end{cases}",
        "Piecewise((1, And(x > 0, x < 1)), (0, True))",
        T(),
    ),
    latex_case(
        "cases-chained-condition-off",
        REAL,
        "Piecewise((1, x > 0), (0, True))",
        "=",
        r"\begin{cases} 1 & 0 < x < 1 \\ 0 & \text{otherwise} \end{cases}",
        "Piecewise((1, And(x > 0, x < 1)), (0, True))",
        F(x=2),
    ),
]

NOTES = [
    # a note in brackets after a condition was dropped whatever it said
    latex_case(
        "cases-note-with-a-condition",
        {"n": "integer"},
        "Piecewise((1, n >= 0), (0, True))",
        "=",
        r"\begin{cases} 1 & n \ge 0 \text{ (n even)} \\ 0 & \text{otherwise} \end{cases}",
        "Piecewise((1, And(n >= 0, Eq((-1)**n, 1))), (0, True))",
        F(n=1),
    ),
    latex_case(
        "cases-note-naming-the-case",
        {"n": "integer"},
        "Piecewise((1, n >= 0), (0, True))",
        "=",
        r"\begin{cases} 1 & n \ge 0 \text{ (Normal)} \\ 0 & \text{otherwise} \end{cases}",
        "Piecewise((1, n >= 0), (0, True))",
        T(),
    ),
]

ROOTS = [
    latex_case("root-fifth-odd", REAL, "-2", "=", r"\sqrt[5]{-32}", "-2", T()),
    latex_case(
        "root-cube-of-cube", REAL, "x", "=", r"\sqrt[3]{x^3}", "sign(x**3)*Abs(x**3)**(1/3)", T()
    ),
    latex_case(
        "root-fourth-power",
        REAL,
        "x",
        "=",
        r"\sqrt[4]{x}^4",
        "(x**(1/4))**4",
        F(x=-1, note="x^(1/4) is undefined at x < 0"),
    ),
    latex_case(
        "root-sixth-of-cube",
        REAL,
        "sqrt(x)",
        "=",
        r"\sqrt[6]{x^3}",
        "(x**3)**(1/6)",
        F(x=-1, note="undefined at x < 0"),
    ),
    latex_case(
        "root-cube-squared",
        REAL,
        "Abs(x)**(2/3)",
        "=",
        r"\sqrt[3]{x}^2",
        "(sign(x)*Abs(x)**(1/3))**2",
        T(),
    ),
    latex_case(
        "root-cube-squared-sign",
        REAL,
        "x**(2/3)",
        "=",
        r"\sqrt[3]{x}^2",
        "(sign(x)*Abs(x)**(1/3))**2",
        F(x=-1, note="x^(2/3) is undefined at x < 0 by the contract"),
    ),
]

# SymPy closes each alternating sum to a form wrong at the first tops (its identities hold
# for n ≥ 2 or 3); the refuter must find the tops where they fail
SUMS = File(
    "sum-bounds/redteam-eight-closed-forms.toml",
    {"n": "nonnegative integer", "m": "integer", "k": "positive integer"},
    [
        rel("alternating-times-j", "Sum((-1)**j*j*binomial(n, j), (j, 0, n))", "=", "0", F(n=1)),
        rel(
            "alternating-times-j-square",
            "Sum((-1)**j*j**2*binomial(n, j), (j, 0, n))",
            "=",
            "0",
            F(n=2),
        ),
        rel(
            "alternating-half-row",
            "Sum((-1)**j*binomial(2*n, j), (j, 0, n))",
            "=",
            "(-1)**n*binomial(2*n, n)/2",
            F(n=0),
        ),
        rel(
            "alternating-half-row-positive",
            "Sum((-1)**j*binomial(2*k, j), (j, 0, k))",
            "=",
            "(-1)**k*binomial(2*k, k)/2",
            T(),
        ),
        rel(
            "alternating-times-j-far",
            "Sum((-1)**j*j*binomial((m - 1000)**2, j), (j, 0, (m - 1000)**2))",
            "=",
            "0",
            F(m=1001),
        ),
        rel(
            "alternating-square-top",
            "Sum((-1)**j*binomial((m - 1000)**2, j), (j, 0, (m - 1000)**2))",
            "=",
            "0",
            F(m=1000),
        ),
        rel(
            "triangular-far", "Sum(j, (j, 1, m + 1000))", "=", "(m + 1000)*(m + 1001)/2", F(m=-1002)
        ),
        rel("geometric-far", "Sum(2**j, (j, 0, m + 1000))", "=", "2**(m + 1001) - 1", F(m=-1002)),
        rel("product-far", "Product(1 + 1/j, (j, 1, m + 1000))", "=", "m + 1001", F(m=-1001)),
        rel("zero-powers", "Sum(0**j, (j, 0, n))", "=", "1", T()),
        rel("zero-powers-off", "Sum(0**j, (j, 0, n))", "=", "0", F(n=0)),
    ],
)

# Numeric acceptance: fail only between the last sample scale (about 10^6) and the far
# scales that were taken (10^8, 10^16, …); each was accepted on numeric agreement
BETWEEN_SCALES = File(
    "accept-expect/between-scales.toml",
    {"t": "positive"},
    [
        rel(
            "bump-near-e16",
            "exp(-(log(t) - 16)**2)",
            "<",
            {"expr": "1/2", "accept": "numeric"},
            F(t="10**7"),
        ),
        rel(
            "bump-near-e-16",
            "exp(-(log(t) + 16)**2)",
            "<",
            {"expr": "1/2", "accept": "numeric"},
            F(t="10**(-7)"),
        ),
        rel(
            "bump-near-e30",
            "exp(-(log(t) - 30)**2)",
            "<",
            {"expr": "1/2", "accept": "numeric"},
            F(t="10**13"),
        ),
        rel(
            "bump-below-one",
            "exp(-(log(t) - 16)**2)",
            "<=",
            {"expr": "1", "accept": "numeric"},
            T(),
        ),
    ],
)

# Σ_{i=1}^N (3000 − i)/i³ peaks at N = 3000 above its limit 3000·ζ(3) − ζ(2) = 3604.52577…
OVERSHOOT = File(
    "accept-expect/overshoot-between.toml",
    {"N": "positive integer"},
    [
        rel(
            "overshoot-below-peak",
            "Sum((3000 - i)/i**3, (i, 1, N))",
            "<",
            {"expr": "36045258/10000", "accept": "numeric"},
            F(N=3000),
        ),
        rel(
            "overshoot-above-peak",
            "Sum((3000 - i)/i**3, (i, 1, N))",
            "<",
            {"expr": "36045260/10000", "accept": "numeric"},
            T(),
        ),
    ],
)

FILES = [*CASES, *NOTES, *ROOTS, SUMS, BETWEEN_SCALES, OVERSHOOT]
