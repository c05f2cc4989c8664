"""One-variable inequalities by pieces (branch power-10, issue 18 class 3): the sides meet
at an interior point and tend together at the open ends (the binary-entropy bounds). Near
misses one edit away: a constant just too large (0.7 for ln 2 at the touching point), the
strict relation, an interval closed where a log is 0, a function that touches and crosses,
a shift that breaks the end or the middle."""

from __future__ import annotations

from . import F, File, T, rel

H = "-p*log(p) - (1 - p)*log(1 - p)"  # the binary entropy in nats
HB = "(-p*log(p)/log(2) - (1 - p)*log(1 - p)/log(2))"

PIECES = File(
    "one-variable-pieces/entropy.toml",
    {"p": "(0, 1)", "q": "(0, 1]"},
    [
        rel("bits", "4*p*(1 - p)", "<=", HB, T()),
        rel("nats", "4*log(2)*p*(1 - p)", "<=", H, T()),
        rel("constant-too-large", "4*(7/10)*p*(1 - p)", "<=", H, F(p="1/2")),
        rel("strict", "4*p*(1 - p)", "<", HB, F(p="1/2")),
        rel(
            "closed-at-one",
            "4*q*(1 - q)",
            "<=",
            "(-q*log(q)/log(2) - (1 - q)*log(1 - q)/log(2))",
            F(q="1", note="log(0)"),
        ),
        rel("touches-and-crosses", "(p - 1/2)**3", ">=", "0", F(p="1/4")),
        rel("shifted-middle", "4*log(2)*p*(1 - p) + p/1000", "<=", H, F(p="1/2")),
        rel("shifted-end", "4*log(2)*p*(1 - p) + 3*p", "<=", H, F(p="1/4")),
    ],
)

FILES = [PIECES]
