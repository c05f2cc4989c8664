"""Inequalities and log arguments shown by the bounds of each part over the domains
(prover/box_bounds.py): true relations beside false ones one edit away, where the bound is
reached (a strict version), a member of a family or a symbol bounded by another, and a root
whose argument reaches its bound.

Ground truth: mpmath through the reference evaluator (confirm.py), at each witness.
"""

from __future__ import annotations

from . import F, File, Fw, T, rel

SYMBOLS = {
    "x": "real",
    "y": "real",
    "C": "integer >= 2",
    "k": "{1, ..., C}",
    "K": "integer >= 2",
    "p[i]": "simplex(K)",
}

FILES = [
    File(
        "part-bounds/ranges.toml",
        SYMBOLS,
        [
            rel("gauss-cos", "exp(-x**2)*cos(3*x)", "<=", "1", T()),
            rel("gauss-cos-strict", "exp(-x**2)*cos(3*x)", "<", "1", F(x=0)),
            rel("sin-gauss-below", "sin(x)*exp(-x**2)", ">=", "-1/3", F(x="-13/20")),
            rel("index-inverse", "cos(x) + 1/k", "<=", "2", T()),
            rel("index-inverse-strict", "cos(x) + 1/k", "<", "2", F(x=0, k=1, C=2)),
            rel("member-times-sin", "p[1]*sin(x)", "<=", "1", T()),
            rel(
                "member-times-sin-half",
                "p[1]*sin(x)",
                "<=",
                "1/2",
                Fw({"x": "pi/2", "K": "2", "p[1]": "9/10", "p[2]": "1/10"}),
            ),
            rel("root-above-one", "sqrt(2 + sin(x))", ">=", "1", T()),
            rel("root-above-one-strict", "sqrt(2 + sin(x))", ">", "1", F(x="-pi/2")),
            rel("tanh-cos", "tanh(x) + cos(y)", "<=", "2", T()),
            rel("tanh-cos-one", "tanh(x) + cos(y)", "<=", "1", F(x=1, y=0)),
            rel("cos-cosh", "cos(3*x)*cosh(x/3)", "<=", "cosh(x/3)", T()),
            rel("cos-cosh-strict", "cos(3*x)*cosh(x/3)", "<", "cosh(x/3)", F(x=0)),
        ],
    ),
    File(
        "part-bounds/logs.toml",
        SYMBOLS,
        [
            rel("log-mixture", "log(3 + cos(x)*sin(y))", ">=", "log(2)", T()),
            rel(
                "log-mixture-strict",
                "log(3 + cos(x)*sin(y))",
                ">",
                "log(2)",
                F(x="pi", y="pi/2"),
            ),
            rel("log-mixture-zero", "log(2 + cos(x)*sin(y))", ">=", "0", T()),
            rel("log-one-plus-sin", "log(1 + sin(x))", "<=", "log(2)", F(x="-pi/2")),
            rel("log-index", "log(k + cos(x))", ">=", "log(k - 1)", F(k=1, x=0, C=2)),
            rel("log-classes", "log(C + cos(x))", ">=", "log(C - 1)", T()),
        ],
    ),
]
