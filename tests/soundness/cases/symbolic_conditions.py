"""Piecewise conditions that compare symbols (Huber's |a| ≤ δ, a clip at a symbolic bound):
the sign splits decide each comparison; true relations beside false ones one edit away (a
factor, a strict/non-strict boundary, a swapped condition, a shifted break). The false ones
fail on the diagonal a = δ or beyond it, where no sample of a alone lands.

Ground truth: mpmath through the reference evaluator (confirm.py), at each witness.
"""

from __future__ import annotations

from . import F, File, T, rel

SYMBOLS = {"a": "real", "d": "positive", "b": "real"}
HUBER = "Piecewise((a**2/2, Abs(a) <= d), (d*(Abs(a) - d/2), True))"

FILES = [
    File(
        "symbolic-conditions/huber.toml",
        SYMBOLS,
        [
            rel("huber-nonnegative", HUBER, ">=", "0", T()),
            rel("huber-below-linear", HUBER, "<=", "d*Abs(a)", T()),
            rel("huber-below-square", HUBER, "<=", "a**2/2", T()),
            rel("huber-half-linear", HUBER, "<=", "d*Abs(a)/2", F(a=2, d=1)),
            rel("huber-above-square", HUBER, ">=", "a**2/2", F(a=2, d=1)),
            rel(
                "huber-swapped-condition",
                "Piecewise((a**2/2, Abs(a) >= d), (d*(Abs(a) - d/2), True))",
                ">=",
                "0",
                F(a=0, d=1),
            ),
            rel(
                "step-below-ratio",
                "Piecewise((0, Abs(a) < d), (1, True))",
                "<=",
                "Abs(a)/d",
                T(),
            ),
            rel(
                "step-strictly-below-ratio",
                "Piecewise((0, Abs(a) < d), (1, True))",
                "<",
                "Abs(a)/d",
                F(a=1, d=1),
            ),
        ],
    ),
    File(
        "symbolic-conditions/boundaries.toml",
        SYMBOLS,
        [
            rel("below-break", "Piecewise((a - d, a <= d), (0, True))", "<=", "0", T()),
            rel("above-break", "Piecewise((1, a < d), (a - d + 1, True))", ">", "0", T()),
            rel(
                "boundary-belongs-below",
                "Piecewise((1, a < d), (a - d, True))",
                ">",
                "0",
                F(a=1, d=1),
            ),
            rel(
                "break-shifted",
                "Piecewise((a - d, a <= d + 1), (0, True))",
                "<=",
                "0",
                F(a="3/2", d=1),
            ),
            rel("two-symbols", "Piecewise((b - a, a <= b), (a - b, True))", "=", "Abs(a - b)", T()),
            rel(
                "two-symbols-strict",
                "Piecewise((b - a, a < b), (a - b + 1, True))",
                "=",
                "Abs(a - b)",
                F(a=1, b=1),
            ),
            rel("clip-symbolic", "Piecewise((d, a > d), (a, True))", "<=", "d", T()),
            rel("clip-symbolic-strict", "Piecewise((d, a > d), (a, True))", "<", "d", F(a=1, d=1)),
        ],
    ),
]
