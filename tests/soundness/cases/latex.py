"""Steps written in LaTeX where TeX or the usual reading disagree with a guess (issue 15,
the LaTeX reader). Each label is the meaning TeX and the usual reading give (``meanings``);
an ambiguity error from the reader is a rightly refused input, so every file may be refused.
"""

from __future__ import annotations

from typing import Any

from . import Chain, F, File, Fw, T


def latex_case(
    path: str,
    symbols: dict[str, str],
    first: str,
    rel: str,
    latex: str,
    meaning: str,
    label: object,
    *,
    notation: dict[str, Any] | None = None,
) -> File:
    """A file of one chain: ``first rel <latex>``, the LaTeX meaning ``meaning``."""
    chain = Chain(
        "step",
        [first, {"rel": rel, "latex": latex}],
        [label],  # type: ignore[list-item]
        meanings={2: meaning},
    )
    return File(f"latex/{path}.toml", symbols, [chain], latex=notation or {}, input_error_ok=True)


REAL = {"x": "real", "y": "real", "z": "real"}
NONZERO_Y = {"x": "real", "y": "nonzero", "z": "real"}

FILES = [
    latex_case("double-superscript-false", REAL, "64", "=", "2^3^2", "2**(3**2)", F()),
    latex_case("double-superscript-true", REAL, "512", "=", "2^3^2", "2**(3**2)", T()),
    latex_case(
        "exp-double-superscript-false", REAL, "exp(x)**2", "=", "e^x^2", "exp(x**2)", F(x=1)
    ),
    latex_case("exp-double-superscript-true", REAL, "exp(x**2)", "=", "e^x^2", "exp(x**2)", T()),
    latex_case("slash-then-juxtaposition", REAL, "x/2", "=", "1/2x", "1/(2*x)", F(x=2)),
    latex_case("slash-then-product", REAL, "x*z/y", "=", "x/yz", "x/(y*z)", F(x=1, y=1, z=2)),
    latex_case("ungrouped-exponent", REAL, "1024", "=", "2^10", "2**1*0", F()),
    latex_case("scientific-notation", REAL, "3*E", "=", "1e3", "1000", F()),
    latex_case("frac-then-name", REAL, "x/2", "=", r"\frac{1}{2}x", "x/2", T()),
    latex_case("grouped-exponent", REAL, "1024", "=", "2^{10}", "2**10", T()),
    latex_case("grouped-exp", REAL, "exp(x**2)", "=", "e^{x^2}", "exp(x**2)", T()),
    latex_case("sine-of-square", REAL, "sin(x**2)", "=", r"\sin x^2", "sin(x**2)", T()),
    latex_case(
        "log-of-square", {"w": "nonzero"}, "2*log(Abs(w))", "=", r"\ln w^2", "log(w**2)", T()
    ),
    latex_case("minus-square", REAL, "-4", "=", "-2^2", "-(2**2)", T()),
    latex_case("square-of-sine", REAL, "sin(x)**2", "=", r"\sin(x)^2", "sin(x)**2", T()),
    latex_case("negative-exponent", REAL, "1/1000", "=", "10^{-3}", "10**(-3)", T()),
    # e^-x takes one token after the minus (README): ^-34 is 2^{-3}4 by that rule, never
    # 2^{-34} (read so, the first was REFUTED and the second PROVED)
    latex_case("minus-exponent-two-digits", REAL, "1/2", "=", "2^-34", "2**(-3)*4", T()),
    latex_case("exp-minus-two-digits", REAL, "exp(-12)", "=", "e^-12", "exp(-1)*2", F()),
    # TeX drops the blank between digits: '2 3' is set as 23 (read as 2·3, 6 = 2 3 was PROVED
    # and 23 = 2 3 REFUTED); a thin space between digits groups thousands to many readers
    latex_case("digits-with-a-blank", REAL, "6", "=", "2 3", "23", F()),
    latex_case("digits-with-a-blank-true", REAL, "23", "=", "2 3", "23", T()),
    latex_case("thousands-thin-space", REAL, "2000", "=", r"2\,000", "2000", T()),
    # \frac{df}{dx}(2) is f'(2) to most readers: read as f'(x)·2 it was REFUTED
    File(
        "latex/leibniz-at-a-point.toml",
        {"x": "real"},
        [
            Chain(
                "at-two",
                ["12", {"rel": "=", "latex": r"\frac{df}{dx}(2)"}],
                [T()],
                meanings={2: "3*2**2"},
            ),
            Chain(
                "times-two",
                ["6*x**2", {"rel": "=", "latex": r"\frac{df}{dx}(2)"}],
                [F(x=1)],
                meanings={2: "3*2**2"},
            ),
        ],
        functions={"f": "t -> t**3"},
        input_error_ok=True,
    ),
    # \max_j f_j \cdot x: the body runs on over the product as a \sum's does, or stops as a
    # function's argument: read as Max(f)·x it was PROVED, false where x < 0 when read so
    latex_case(
        "max-body-times",
        {"f[j]": "real", "x": "real"},
        "x*Max(f[1], f[2])",
        "=",
        r"\max_j f_j \cdot x",
        "Max(f[1]*x, f[2]*x)",
        Fw({"x": -1, "f[1]": 0, "f[2]": 1}),
        notation={"range": {"j": "1..2"}},
    ),
    latex_case("fraction-times-name", NONZERO_Y, "x*z/y", "=", r"\frac{x}{y}z", "x*z/y", T()),
    latex_case(
        "literal-shadowed-false",
        REAL,
        "2*y",
        "=",
        "2 + 2",
        "2 + 2",
        F(y=0),
        notation={"y": "2"},
    ),
    latex_case(
        "literal-shadowed-true",
        REAL,
        "4",
        "=",
        "2 + 2",
        "2 + 2",
        T(),
        notation={"y": "2"},
    ),
    latex_case(
        "pi-shadowed-false",
        {"p": "real"},
        "cos(p)",
        "=",
        r"\cos(\pi)",
        "cos(pi)",
        F(p=0),
        notation={"p": r"\pi"},
    ),
    latex_case(
        "pi-shadowed-true",
        {"p": "real"},
        "-1",
        "=",
        r"\cos(\pi)",
        "cos(pi)",
        T(),
        notation={"p": r"\pi"},
    ),
    latex_case(
        "e-shadowed-false",
        {"p": "real", "x": "real"},
        "p**x",
        "=",
        "e^{x}",
        "exp(x)",
        F(p=1, x=1),
        notation={"p": "e"},
    ),
    latex_case(
        "e-shadowed-true",
        {"p": "real", "x": "real"},
        "exp(x)",
        "=",
        "e^{x}",
        "exp(x)",
        T(),
        notation={"p": "e"},
    ),
    latex_case(
        "name-or-product",
        {"y": "real", "z": "real", "yz": "real"},
        "y*z",
        "=",
        "yz",
        "yz",
        F(y=1, z=1, yz=0),
    ),
    latex_case(
        "lim-two-sided-jump",
        REAL,
        "4",
        "=",
        r"\lim_{x \to 1} \begin{cases} 2 & x < 1 \\ x + 3 & \text{otherwise} \end{cases}",
        "Limit(Piecewise((2, x < 1), (x + 3, True)), x, 1)",
        F(),
    ),
    latex_case(
        "lim-one-sided-jump",
        REAL,
        "4",
        "=",
        r"\lim_{x \to 1^{+}} \begin{cases} 2 & x < 1 \\ x + 3 & \text{otherwise} \end{cases}",
        "Limit(Piecewise((2, x < 1), (x + 3, True)), x, 1, '+')",
        T(),
    ),
    latex_case(
        "sum-to-half",
        {"N": "positive integer", "w[i]": "real"},
        "N/2",
        "=",
        r"\sum_{i=1}^{N/2} 1",
        "Sum(1, (i, 1, N/2))",
        F(N=3),
    ),
    latex_case(
        "sum-empty-range",
        {"N": "nonnegative integer", "w[i]": "real"},
        "3*N - 3",
        "=",
        r"\sum_{i=1}^{N-1} 3",
        "Sum(3, (i, 1, N - 1))",
        F(N=0),
    ),
    latex_case(
        "derivative-of-abs",
        REAL,
        "1",
        ">=",
        r"\frac{d}{dx} |x|",
        "Derivative(Abs(x), x)",
        F(x=0),
    ),
    latex_case(  # \sqrt[3]: the real root, defined at negative x (documents-6)
        "real-cube-root-true",
        REAL,
        "x",
        "=",
        r"\left(\sqrt[3]{x}\right)^3",
        "(sign(x)*Abs(x)**(1/3))**3",
        T(),
    ),
    latex_case(
        "real-cube-root-false",
        REAL,
        "sign(x)*Abs(x)**(1/3)",
        "=",
        r"\sqrt[3]{-x}",
        "sign(-x)*Abs(-x)**(1/3)",
        F(x=1),
    ),
    latex_case(  # rows whose conditions overlap where their values differ: refused
        "overlapping-cases",
        REAL,
        "1",
        "=",
        r"\begin{cases} 1 & x \ge 0 \\ 0 & x \le 0 \end{cases}",
        "Piecewise((1, x >= 0), (0, x <= 0))",
        F(x=-1),
    ),
    latex_case(
        "cube-root-power",
        REAL,
        "x",
        "=",
        r"\left(x^{1/3}\right)^3",
        "(x**(1/3))**3",
        F(x=-1),
    ),
    File(
        "latex/subscript-forms.toml",
        {"y1": "negative", "y[i]": "positive"},
        [
            Chain(
                "subscript-digit",
                ["0", {"rel": ">", "latex": "y_1"}],
                [Fw({"y[1]": 1})],
                meanings={2: "y[1]"},
                note="y_1 and y_{1} typeset alike: y₁ is either y1 or y[1]",
            ),
            Chain(
                "subscript-group",
                ["0", {"rel": "<", "latex": "y_{1}"}],
                [F(y1=-1)],
                meanings={2: "y1"},
            ),
        ],
        input_error_ok=True,
    ),
    # \sum_{k \neq i} (documents-7): every k of the declared range but i, whatever i is; the
    # whole sum (or the sum minus a term outside the range) must never be proved equal to it
    latex_case(
        "sum-but-one-not-whole",
        {"y[k]": "real", "i": "{1, 2, 3}"},
        "Sum(y[k], (k, 1, 3))",
        "=",
        r"\sum_{k \neq i} y_k",
        "Sum(y[k], (k, 1, 3)) - y[i]",
        Fw({"i": 1, "y[1]": 1, "y[2]": 0, "y[3]": 0}),
        notation={"range": {"k": "1..3"}},
    ),
    latex_case(
        "sum-but-one-true",
        {"y[k]": "real", "i": "{1, 2, 3}"},
        "Sum(y[k], (k, 1, 3)) - y[i]",
        "=",
        r"\sum_{k \neq i} y_k",
        "Sum(y[k], (k, 1, 3)) - y[i]",
        T(),
        notation={"range": {"k": "1..3"}},
    ),
    latex_case(
        "sum-but-one-index-outside",
        {"y[k]": "real", "i": "{4, 5}"},
        "Sum(y[k], (k, 1, 3)) - y[i]",
        "=",
        r"\sum_{k \neq i} y_k",
        "Sum(y[k], (k, 1, 3))",
        Fw({"i": 5, "y[1]": 0, "y[2]": 0, "y[3]": 0, "y[5]": 1}),
        notation={"range": {"k": "1..3"}},
    ),
]
