"""The figures of the LaTeX appendix: the points of each plot a chain asks for, computed
from the verified step itself before the appendix is written (the renderer only formats).

A step is drawn as the prover reads it (definitions unfolded, derivatives carried out, the
chain's fixed values put in), evaluated exactly at each sample and rounded from 30 digits;
a sample where it is undefined over the reals is left out.
"""

from __future__ import annotations

from collections.abc import Sequence

import mpmath
import sympy

from .model import Chain, Derivation, Plot
from .prepared import prepare
from .prover.numeric import evaluate

PLOT_SAMPLES = 101


def figures(derivations: Sequence[Derivation]) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """The points of every figure the chains of ``derivations`` ask for, by (file, chain)."""
    return {
        (d.path, c.name): plot_points(d, c, c.plot)
        for d in derivations
        for c in d.chains
        if c.plot is not None
    }


def plot_points(derivation: Derivation, chain: Chain, plot: Plot) -> list[tuple[float, float]]:
    """The points of one chain's figure, ``PLOT_SAMPLES`` of them evenly across its range
    (fewer where the step is undefined)."""
    step = chain.steps[plot.step]
    expr = prepare(step.expr, derivation.definitions()).subs(dict(chain.where))
    var = derivation.symbols[plot.var].symbol
    lo, hi = sympy.Rational(plot.lo), sympy.Rational(plot.hi)
    points: list[tuple[float, float]] = []
    for k in range(PLOT_SAMPLES):
        x = lo + (hi - lo) * sympy.Rational(k, PLOT_SAMPLES - 1)
        value = evaluate(expr, {var: x})
        if isinstance(value, mpmath.mpf):
            points.append((float(x), float(value)))
    return points
