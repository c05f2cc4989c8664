"""Check the labels of the issue-18 cases independently of xentproof and of SymPy.

Every relation of ``bench/corpus/power_*.toml`` and ``bench/pending/*.toml`` is evaluated
with mpmath at many points sampled inside the declared domains (and the proposed
constraints of the pending files), by an evaluator of our own over the expression's
syntax tree (``ast.parse`` only builds the tree; nothing in a file is executed). A step
labelled true must hold at every sampled point; a step labelled false
(``expect = "refuted"``) must fail at some point, which is printed as its witness.

Meaning follows the conventions of real analysis that xentproof's DESIGN.md lists: a side
is undefined where any subterm is (log of a nonpositive number, an even root of a negative
one, division by zero, a negative base to a non-integer power), a relation fails where one
side is defined and the other is not, an empty range sums to 0 and multiplies to 1, a limit
without a direction is two-sided. Derivatives are evaluated by mpmath's numerical
differentiation, limits by evaluating the body ever closer to the point (so a limit is
only an estimate: its tolerance is loose, and a limit that does not settle is skipped, see
README.md). An equation step ``A = B`` joined by ``<=>``/``=>`` is compared by its
roots in one unknown (``EQUATION_UNKNOWN``) for sampled values of the other symbols.

Usage: python -m bench.pending.check_labels [FILE ...]   (exit 1 on any disagreement)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# The parts of this checker sit next to it: label_model (domains, points; it sets mpmath
# to 60 digits), label_eval (the evaluator), label_relations (expression and equation pairs).
from .label_model import Unsupported, read_file
from .label_relations import Outcome, check_equation_pair, check_expression_pair, read_steps
from .label_statements import check_statement_pair, is_inequality_statement

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_FILES = sorted((ROOT / "corpus").glob("power_*.toml")) + sorted(HERE.glob("*.toml"))
POINTS = 60  # sampled points per relation (fewer for the heavy ones, see HEAVY)
HEAVY = 16

# The unknown whose roots an equation pair is compared on, by "file-stem::chain".
EQUATION_UNKNOWN: dict[str, str] = {
    **{
        f"power_equations::{name}": "x"
        for name in (
            "t-tanh-inverse",
            "f-tanh-inverse-half-lost",
            "f-tanh-inverse-ratio-flipped",
            "t-sigmoid-inverse",
            "f-sigmoid-inverse-ratio-flipped",
            "t-softplus-inverse",
            "f-softplus-inverse-sign",
            "t-exp-inverse",
            "t-square-both-roots",
            "f-square-root-lost",
            "t-squaring-keeps-solutions",
            "f-square-root-taken-as-implied",
            "t-quadratic-factored",
            "f-quadratic-one-root",
            "t-cancelled-quotient-isolated-root",
            "f-cancelled-quotient-identity",
            "t-identity-without-quotient",
            "f-quotient-equals-one",
            "t-exp-shifted-inverse",
            "f-exp-shifted-inverse-sign",
        )
    },
    **{
        f"power_refuter_adversarial::{name}": "x"
        for name in (
            "f-equation-far-root-lost",
            "f-equation-zero-root-lost",
            "f-equation-log-square-negative-root",
        )
    },
    **{
        f"power_equations::{name}": "c"
        for name in ("t-poisson-rate-stationarity", "f-poisson-rate-stationarity-plus-one")
    },
    **{
        f"power_equations::{name}": "p"
        for name in (
            "t-bernoulli-stationarity",
            "f-bernoulli-stationarity-laplace",
            "t-bernoulli-worked-example",
            "f-bernoulli-worked-example-odds",
            "t-bernoulli-derivative-stationarity",
            "f-bernoulli-derivative-stationarity-n-plus-one",
        )
    },
    **{
        f"power_equations::{name}": "mu"
        for name in (
            "t-gaussian-mean-stationarity",
            "f-gaussian-mean-stationarity-bessel",
            "t-least-squares-stationarity",
            "f-least-squares-stationarity-two",
        )
    },
    **{
        f"power_equations::{name}": "v"
        for name in (
            "t-gaussian-variance-stationarity",
            "f-gaussian-variance-stationarity-source",
        )
    },
    **{
        f"power_equations::{name}": "b"
        for name in (
            "t-intercept-stationarity",
            "f-intercept-stationarity-log-mean",
        )
    },
    **{
        f"power_hard_equations::{name}": unknown
        for name, unknown in {
            "t-half-tanh-inverse": "x",
            "f-half-tanh-inverse-half-kept": "x",
            "t-atanh-equation": "x",
            "f-atanh-equation-half-argument": "x",
            "t-logit-equation-solved-for-p": "p",
            "f-logit-equation-sign-lost": "p",
            "t-sigmoid-double-rate-inverse": "x",
            "f-sigmoid-double-rate-inverse-factor": "x",
            "t-two-class-softmax-inverse": "x",
            "f-two-class-softmax-inverse-flipped": "x",
            "t-sharp-softplus-inverse": "x",
            "f-sharp-softplus-inverse-inner-beta-lost": "x",
            "t-exponential-scale-stationarity": "q",
            "f-exponential-scale-taken-as-rate": "q",
            "t-exponential-rate-stationarity": "r",
            "f-exponential-rate-taken-as-scale": "r",
            "t-weighted-mean-stationarity": "mu",
            "f-weighted-mean-divided-by-count": "mu",
            "t-slope-through-origin-stationarity": "m",
            "f-slope-through-origin-ratio-of-sums": "m",
            "t-poisson-derivative-stationarity": "q",
            "f-poisson-derivative-stationarity-off-by-one": "q",
            "t-geometric-stationarity": "p",
            "f-geometric-stationarity-without-n": "p",
            "t-intercept-worked-example": "b",
            "f-intercept-worked-example-rate": "b",
            "t-divide-by-positive-unknown": "z",
            "f-divide-by-real-unknown": "x",
            "t-exp-quadratic-factored": "x",
            "f-exp-quadratic-one-root": "x",
            "t-root-equation-spurious-root-excluded": "x",
            "f-squared-root-equation-root-lost": "x",
            "t-sum-of-logs-guarded": "x",
            "f-log-of-product-unguarded": "x",
        }.items()
    },
    **{
        f"power_hard_equations_more::{name}": unknown
        for name, unknown in {
            "t-tempered-sigmoid-inverse": "x",
            "f-tempered-sigmoid-inverse-divided": "x",
            "t-logistic-input-for-probability": "x",
            "f-logistic-input-intercept-sign": "x",
            "t-tanh-injective": "x",
            "f-tanh-squared-not-injective": "x",
            "t-exp-injective-linear": "x",
            "f-exp-injective-linear-sign": "x",
            "t-known-variance-mean-stationarity": "mu",
            "f-known-variance-mean-scaled": "mu",
            "t-gamma-scale-stationarity": "q",
            "f-gamma-scale-stationarity-times-shape": "q",
            "t-ridge-slope-stationarity": "m",
            "f-ridge-slope-stationarity-penalty-sign": "m",
            "t-natural-parameter-moment-match": "eta",
            "f-natural-parameter-log-outside": "eta",
            "t-poisson-written-out-stationarity": "q",
            "f-poisson-written-out-stationarity-inverted": "q",
            "t-log-of-square-both-roots": "x",
            "f-log-of-square-one-root": "x",
            "t-cancelled-pole-excluded": "x",
            "f-cancelled-pole-kept": "x",
            "t-softplus-equation-positive-level": "x",
            "f-softplus-equation-level-dropped": "x",
        }.items()
    },
}
# Hand-chosen witness points of false steps that random sampling may miss (an equality
# case of a strict inequality, a single bad point). Checked like any other point.
WITNESS_HINTS: dict[str, list[dict[str, Any]]] = {
    "power_refuter::f-lse-strictly-below-max-plus-log2": [{"a": 0, "b": 0}],
    **{
        f"power_refuter_adversarial::{name}": [hint]
        for name, hint in dict[str, dict[str, Any]](
            {
                "f-softplus-linear-tail": {"s": 41},
                "f-lse-gap-bounded-below": {"a": 80, "b": 0},
                "f-identity-moved-far-out": {"x": 1000000},
                "f-derivative-softplus-clipped": {"x": 41},
                "f-bump-narrow-interval": {"s": "7/3"},
                "f-two-kinks-tiny-gap": {"x": "3/8"},
                "f-square-positive-irrational-root": {
                    "x": "1.41421356237309504880168872420969807857"
                },
                "f-square-positive-far-root": {"x": 1000},
                "f-sine-below-one": {"x": "1.57079632679489661923132169163975144209858"},
                "f-am-gm-strict-diagonal": {"a": 1, "b": 1},
                "f-quotient-cancelled-far-pole": {"x": 100},
                "f-integer-quadratic-gap": {"n": 25},
                "f-integer-quadratic-two-points": {"n": 17},
                "f-harmonic-below-three": {"N": 11},
                "f-geometric-strictly-short": {"N": 40},
                "f-delta-sum-vanishes": {"N": 9},
            }
        ).items()
    },
    "power_positivity::f-softmax-below-one": [{"c": 1, "m": 0}],
    "power_positivity::f-shifted-range-off-by-one": [{"c": 1, "m": 0}],
    "power_positivity::f-nonnegative-terms-strict": [{"N": 1, "v[1]": 0}],
    "power_positivity::f-weighted-squares-positive": [{"N": 1, "z[1]": 0}],
    "power_positivity::f-product-strictly-above-one": [{"N": 1, "z[1]": 0}],
    "power_positivity::f-product-of-squares-positive": [{"N": 1, "z[1]": 0}],
    "power_positivity::f-lse-above-first-plus-log-n": [{"c": 2, "m": 0, "o[1]": 0, "o[2]": -5}],
    "power_sums::f-normalisation-without-exp": [{"N": 2, "z[1]": 1, "z[2]": -1}],
    "power_sums::f-peel-two-terms": [{"N": 1, "a[1]": 1, "a[2]": 1}],
    "power_sums::f-peel-two-factors": [{"N": 1, "a[1]": 1, "a[2]": 2}],
    "power_sums::f-geometric-tail-any-ratio": [{"c": 1, "N": 2}],
    "power_sums::f-self-ratio-real-terms": [{"N": 1, "a[1]": 0}],
    "power_constraints::f-one-hot-range-without-class": [{"k": 1, "m": 0}],
    "power_member_derivatives::f-cross-entropy-gradient-without-one-hot": [
        {"y1": 0, "y2": 0, "y3": 0}
    ],
    "power_limits::f-temperature-to-zero-ties": [{"a": 1, "b": 1}],
    "power_constraint_forms::f-one-hot-sum-misses-last-class": [{"C": 2, "y[1]": 0, "y[2]": 1}],
    "inequalities::f-exp-lemma-half-substituted": [{"x": "-0.4"}],
    "inequalities::f-collision-probability-strict": [{"K": 2, "p[1]": "0.5", "p[2]": "0.5"}],
    "inequalities::f-sum-of-roots-off-by-one": [{"K": 2, "p[1]": "0.5", "p[2]": "0.5"}],
    "inequalities::f-gibbs-lemma-reversed": [
        {"K": 2, "p[1]": "0.5", "p[2]": "0.5", "q[1]": "0.6", "q[2]": "0.4"}
    ],
    "positivity::f-normaliser-from-three": [{"C": 2}],
    "positivity::f-partial-normaliser-above-last-term": [{"k": 1}],
    "positivity::f-tail-after-class-positive": [{"C": 3, "k": 3}],
    "positivity::f-complement-of-partial-softmax-positive": [{"k": 1}],
    "power_member_families::f-cross-entropy-gradient-without-one-hot": [
        {"C": 2, "k": 1, "u[1]": 0, "u[2]": 0, "z[1]": 0, "z[2]": 0}
    ],
    "power_constraint_forms::f-simplex-member-below-one-single-class": [{"K1": 1, "s[1]": 1}],
    "power_constraint_forms::f-entropy-below-log-K": [{"K": 2, "p[1]": "0.5", "p[2]": "0.5"}],
    "power_constraint_forms::f-gibbs-unnormalised": [{"K": 2, "r[1]": "0.999", "r[2]": "0.999"}],
    "power_constraint_forms::f-pinsker-half-lost": [
        {"K": 2, "p[1]": "0.5", "p[2]": "0.5", "q[1]": "0.6", "q[2]": "0.4"}
    ],
    "power_constraint_forms::f-log-of-class-count-one": [{"C1": 1}],
    "power_constraint_forms::f-class-index-from-two": [{"k": 1}],
    "power_constraint_forms::f-other-classes-off-by-one": [{"C": 2}],
    "power_constraint_forms::f-sign-on-nonpositives": [{"x": 0}],
    "power_limits::f-log-rate-divided-by-a": [{"a": 0}],
    "power_limits::f-cos-limit-any-rate": [{"a": 0}],
    "power_limits::f-ratio-limit-any-rate": [{"a": 0}],
    "power_limits::f-decay-any-rate": [{"a": 0}],
    "power_constraints::f-softmax-cross-entropy-range": [{"k": 1, "m": 0}],
    "power_constraints::f-softmax-below-one-one-class": [{"k": 1, "m": 0}],
    "power_constraints::f-gradient-shortcut-without-one-hot": [{"y1": 0, "y2": 0, "y3": 0}],
    "power_inequalities::f-kl-binary-positive": [{"p": "0.3", "q": "0.3"}],
    "power_families::f-kl-strict": [
        {"K": 2, "p[1]": "0.5", "p[2]": "0.5", "q[1]": "0.5", "q[2]": "0.5"}
    ],
    "power_families::f-entropy-strictly-below-log-K": [{"K": 2, "p[1]": "0.5", "p[2]": "0.5"}],
    "power_inequalities::f-binary-entropy-below-log2": [{"p": "0.5"}],
    "power_inequalities::f-lse-strictly-below-max-plus-log3": [{"z1": 0, "z2": 0, "z3": 0}],
    "power_inequalities::f-lse-below-max-plus-log2": [{"z1": 0, "z2": 0, "z3": 0}],
    "power_inequalities::f-jensen-exp-strict": [{"x": 1, "u": 1}],
    "power_inequalities::f-sigmoid-derivative-strict": [{"x": 0}],
    "power_inequalities::f-square-of-sum-strict": [{"x1": 1, "x2": 1, "x3": 1}],
    "power_inequalities::f-two-to-the-k-strict": [{"k": 1}],
    "power_inequalities::f-pinsker-binary-constant": [{"p": "0.6", "q": "0.5"}],
    "power_inequalities::f-bernoulli-inequality-any-real": [{"x": -4, "n": 3}],
    "power_inequality_steps::f-exp-both-sides-strictness-lost": [{"x": 1, "y": 1}],
    "power_inequality_steps::f-softplus-both-sides-strict": [{"x": 0, "y": 0}],
    "power_inequality_steps::f-am-gm-two-strict": [{"x": 2, "y": 2}],
    "power_lemma_lists::f-two-terms-bounded-strict": [{"t": 1, "s": 0}],
    "power_lemma_lists::f-three-lemmas-coefficient": [{"u": 1, "v": 1, "x": 0}],
    "power_lemma_lists::f-squared-log-bound-one-lost": [{"s": 0, "t": 1, "u": 1, "x": 1}],
    **{
        f"power_inequality_hard::{name}": [hint]
        for name, hint in dict[str, dict[str, Any]](
            {
                "f-sum-squared-four-strict": {"x": 1, "y": 1, "z": 1, "u": 1},
                "f-quartic-above-twice-xyz-sum": {"x": 1, "y": 1, "z": 1},
                "f-am-gm-two-strict": {"a": 2, "b": 2},
                "f-am-gm-cubes-four": {"a": 1, "b": 1, "c": 1},
                "f-motzkin-strict": {"x": 1, "y": 1},
                "f-jensen-log-two-strict": {"a": 3, "b": 3},
                "f-lse-two-strictly-below-max-plus-log2": {"x": 0, "y": 0},
                "f-entropy-four-strictly-below-log4": {
                    "R[1]": "0.25",
                    "R[2]": "0.25",
                    "R[3]": "0.25",
                    "R[4]": "0.25",
                },
                "f-kl-three-positive": {
                    "P[1]": "0.2",
                    "P[2]": "0.3",
                    "P[3]": "0.5",
                    "Q[1]": "0.2",
                    "Q[2]": "0.3",
                    "Q[3]": "0.5",
                },
            }
        ).items()
    },
    "power_hard_refuter::f-tanh-squared-below-tanh-of-double": [{"u": 0}],
    "power_hard_refuter::f-lse-large-scale-above-max-plus-log2": [{"a": 0, "b": 1}],
    "power_hard_refuter::f-softplus-strictly-below-relu-plus-log2": [{"u": 0}],
    "power_hard_refuter::f-softplus-gap-above-half-exp": [{"u": -5}],
    "power_hard_refuter::f-product-squared-positive": [{"N": 1, "x[1]": 0}],
    "power_hard_refuter::f-product-one-plus-members": [{"N": 2, "x[1]": 1, "x[2]": -1}],
    "power_hard_refuter::f-mean-of-squares-strictly-above": [{"N": 1, "x[1]": 1}],
    "power_hard_refuter::f-log-one-plus-sum-of-members": [{"N": 1, "x[1]": "-0.5"}],
    "power_hard_limits::f-sigmoid-cools-to-indicator": [{"x": 0}],
    "power_hard_equations::f-divide-by-real-unknown": [{}],
    "power_hard_limits_more::f-gaussian-kernel-narrows-to-zero": [{"x": 1, "a": 1}],
    "power_hard_refuter_more::f-lse-three-below-max-plus-log2": [{"a": 0, "b": 0, "c": 0}],
    "power_hard_refuter_more::f-product-of-squares-minus-one-bounded": [
        {"N": 2, "x[1]": 0, "x[2]": 2}
    ],
    "power_hard_refuter_more::f-sum-of-squares-of-family-positive": [{"N": 1, "x[1]": 1, "a": 1}],
    "power_hard_refuter_more::f-gaussian-below-exp-decay": [{"u": "0.5"}],
}


# ---------------------------------------------------------------------------------------


def check_file(path: Path) -> tuple[list[tuple[str, bool, Outcome]], list[str]]:
    model = read_file(path)
    rows: list[tuple[str, bool, Outcome]] = []
    problems: list[str] = []
    for chain in model.chains:
        steps = read_steps(chain)
        for k in range(1, len(steps)):
            prev, step = steps[k - 1], steps[k]
            key = f"{path.stem}::{chain['name']}"
            label = f"{key}::{k}"
            hints = WITNESS_HINTS.get(key, []) if step.expect_false else []
            heavy = (
                max(len(prev.text), len(step.text)) > 600
                or "Derivative(Sum" in prev.text + step.text
            )
            count = HEAVY if heavy else POINTS
            try:
                inequalities = is_inequality_statement(prev.text) or is_inequality_statement(
                    step.text
                )
                if step.rel in ("<=>", "=>") and inequalities:
                    out = check_statement_pair(model, chain, prev, step, hints, count)
                elif step.rel in ("<=>", "=>"):
                    unknown = EQUATION_UNKNOWN.get(key)
                    if unknown is None:
                        raise Unsupported("no EQUATION_UNKNOWN for this chain")
                    out = check_equation_pair(
                        model, chain, prev, step, unknown, hints, min(count, 12)
                    )
                else:
                    out = check_expression_pair(model, chain, prev, step, hints, count)
            except Unsupported as why:
                problems.append(f"{label}: cannot check: {why}")
                continue
            truth = not step.expect_false
            rows.append((label, truth, out))
            if truth and out.fails:
                problems.append(f"{label}: labelled true, fails at {out.fails[0]}")
            if truth and out.undefined_both:
                problems.append(
                    f"{label}: labelled true, both sides undefined at {out.undefined_both} points"
                )
            if truth and out.holds == 0:
                problems.append(f"{label}: labelled true, no point evaluated ({out.skipped[:1]})")
            if not truth and not out.fails:
                problems.append(
                    f"{label}: labelled false, no witness found "
                    f"(holds at {out.holds}, close {out.close_calls})"
                )
    return rows, problems


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or DEFAULT_FILES
    all_problems: list[str] = []
    counts = {"true": 0, "false": 0}
    for path in files:
        rows, problems = check_file(path)
        print(f"== {path}: {len(rows)} relations")
        for label, truth, out in rows:
            counts["true" if truth else "false"] += 1
            if not truth and out.fails:
                print(f"  false {label.split('::', 1)[1]}: witness {out.fails[0]}")
            elif truth:
                note = f" ({out.close_calls} too close to call)" if out.close_calls else ""
                print(f"  true  {label.split('::', 1)[1]}: holds at {out.holds} points{note}")
        for p in problems:
            print(f"  PROBLEM {p}")
        all_problems += problems
    print(
        f"\n{counts['true']} true and {counts['false']} false relations checked; "
        f"{len(all_problems)} problems"
    )
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
