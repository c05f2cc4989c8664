"""Inequalities joined by <=> and => (issue 18, class 3): a statement holds where both its
sides are defined and compare as it says; near misses of each monotone rewriting."""

from __future__ import annotations

from . import F, File, T, eqn

INEQUALITIES = File(
    "statements/inequalities.toml",
    {"x": "real", "y": "real", "a": "real", "b": "real", "t": "positive", "u": "positive"},
    [
        eqn("log-of-reals", "log(a) <= log(b)", "<=>", "a <= b", F(a=-1, b=0)),
        eqn("log-of-positives", "log(t) <= log(u)", "<=>", "t <= u", T()),
        eqn("implied-log-of-reals", "a <= b", "=>", "log(a) <= log(b)", F(a=-1, b=0)),
        eqn("implied-log-of-positives", "t <= u", "=>", "log(t) <= log(u)", T()),
        eqn("even-power-any-sign", "x**2 <= y**2", "<=>", "x <= y", F(x=1, y=-2)),
        eqn("odd-power", "a**3 <= b**3", "<=>", "a <= b", T()),
        eqn("reciprocal-any-sign", "1/x <= 1/y", "<=>", "y <= x", F(x=-1, y=1)),
        eqn("reciprocal-positive", "1/t <= 1/u", "<=>", "u <= t", T()),
        eqn("exp-below-negative", "exp(x) <= -1", "<=>", "x <= 0", F(x=0)),
        eqn("log-below-number", "log(t) <= -1", "<=>", "t <= exp(-1)", T()),
        eqn("factor-any-sign", "a*x <= a*y", "<=>", "x <= y", F(a=-1, x=1, y=0)),
        eqn("factor-positive", "t*x <= t*y", "<=>", "x <= y", T()),
        eqn(
            "common-undefined-term", "x + log(a) <= y + log(a)", "<=>", "x <= y", F(a=-1, x=0, y=1)
        ),
        eqn("common-defined-term", "x + log(t) <= y + log(t)", "<=>", "x <= y", T()),
        eqn("written-quotient", "x/x <= 1", "<=>", "1 <= 1", F(x=0)),
        eqn("written-cancelled", "x**2/x <= 1", "<=>", "x <= 1", F(x=0)),
        eqn("strict-cube", "x < 0", "=>", "x**3 < 0", T()),
        eqn("weak-to-strict-cube", "x <= 0", "=>", "x**3 < 0", F(x=0)),
        eqn("square-below-one", "x < 1", "=>", "x**2 < 1", F(x=-2)),
        eqn("equation-to-bound", "x**2 = 4", "=>", "x <= 2", T()),
        eqn("equation-to-sign", "x**2 = 4", "=>", "x >= 0", F(x=-2)),
        eqn("exp-turned", "exp(x) >= exp(y)", "<=>", "x >= y", T()),
        eqn("tanh-strict", "tanh(x) < tanh(y)", "<=>", "x < y", T()),
        eqn("tanh-strict-to-weak", "tanh(x) < tanh(y)", "<=>", "x <= y", F(x=1, y=1)),
        eqn("sqrt-of-reals", "sqrt(a) <= sqrt(b)", "<=>", "a <= b", F(a=-1, b=0)),
        eqn("squares-rewritten", "(a - b)**2 >= 0", "<=>", "a**2 + b**2 >= 2*a*b", T()),
        eqn("squares-strict", "(a - b)**2 >= 0", "<=>", "a**2 + b**2 > 2*a*b", F(a=1, b=1)),
        eqn("bound-weakened", "x <= 1", "=>", "x <= 2", T()),
        eqn("bound-weakened-both-ways", "x <= 1", "<=>", "x <= 2", F(x=2)),
        eqn("bound-strengthened", "x <= 2", "=>", "x <= 1", F(x=2)),
    ],
)

FILES = [INEQUALITIES]
