"""Writes the stress set: relations that are true (checked with mpmath at a few points by
``python -m bench.stress.make --check``) but that the cascade is not expected to prove
within its budget: mixtures of transcendental functions, sums over a symbolic range with
no closed form the cascade finds, nested limits, inequalities no method of the cascade
covers. Each family is one file, its members differ by a parameter k.

    python -m bench.stress.make            # rewrite bench/stress/*.toml
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
KS = range(2, 11)  # the parameter of each family: 9 members each

SYMBOLS = """[symbols]
x = "real"
y = "real"
p = "positive"
q = "positive"
t = "(0, 1)"
N = "positive integer"
"""

# name -> (title, [(chain name, lhs, relation, rhs)]) built from k
FAMILIES: dict[str, tuple[str, list[tuple[str, str, str, str]]]] = {}


def family(name: str, title: str, members: list[tuple[str, str, str, str]]) -> None:
    FAMILIES[name] = (title, members)


family(
    "trig_exp_inequalities",
    "Inequalities mixing trigonometric and exponential functions",
    [(f"sin-exp-{k}", f"sin(x)**{k}*exp(-x**2)", "<=", "1") for k in KS]
    + [(f"cos-cosh-{k}", f"cos({k}*x)*cosh(x/{k})", "<=", f"cosh(x/{k})") for k in KS]
    + [(f"sin-sum-{k}", f"sin(x) + sin({k}*x)/{k}", "<", "2") for k in KS],
)
family(
    "log_trig_inequalities",
    "Inequalities of logarithms of trigonometric mixtures",
    [(f"log-cos-{k}", f"log({k} + cos(x)*sin(y))", ">=", f"log({k} - 1)") for k in KS]
    + [(f"tanh-sin-{k}", f"tanh(p)*sin(q)**{2 * k}", "<", "1") for k in KS],
)
family(
    "sum_inequalities",
    "Sums over a symbolic range bounded by a constant",
    [(f"inverse-powers-{k}", f"Sum(1/i**{k}, (i, 1, N))", "<", f"{k}/({k} - 1)") for k in KS]
    + [(f"inverse-squares-shift-{k}", f"Sum(1/(i**2 + {k}), (i, 1, N))", "<", "2") for k in KS]
    + [(f"exp-decay-{k}", f"Sum(exp(-{k}*i)*sin(i)**2, (i, 1, N))", "<", "1") for k in KS],
)
family(
    "nested_limits",
    "Nested and parametric limits",
    [
        (
            f"compound-{k}",
            f"Limit(Limit((1 + p/x)**({k}*x), x, oo), p, 0, '+')",
            "=",
            "1",
        )
        for k in KS
    ],
)
family(
    "hyperbolic_mixtures",
    "Hyperbolic and trigonometric functions together",
    [(f"cosh-above-cos-{k}", f"cosh({k}*x)", ">=", "cos(x)") for k in KS]
    + [(f"gauss-cos-{k}", f"exp(-x**2)*cos({k}*x)", "<=", "1") for k in KS]
    + [(f"tanh-cos-{k}", f"tanh(x)**2 + cos({k}*x)**2/{k}", "<", "2") for k in KS]
    + [(f"sin-squares-sum-{k}", f"Sum(sin(i)**2/(i**2 + {k}), (i, 1, N))", "<", "2") for k in KS],
)

# Added when the bounds of each part over the domains (prover/box_bounds.py) proved 63 of
# the families above: each member here needs more than the range of each part (a strict
# bound that a closed interval cannot show, a sum's terms compared with a convergent sum,
# sin² + cos² = 1 inside a power).
family(
    "beyond_ranges",
    "Bounds that need more than the range of each part",
    [(f"sin-cos-powers-{k}", f"sin(x)**{2 * k} + cos(x)**{2 * k}", "<=", "1") for k in KS]
    + [(f"tanh-sin-strict-{k}", f"tanh({k}*x)*sin(y)", "<", "1") for k in KS]
    + [(f"sin-over-squares-{k}", f"Sum(sin({k}*i)/i**2, (i, 1, N))", "<", "2") for k in KS]
    + [(f"cos-over-cubes-{k}", f"Sum(cos({k}*i)/i**3, (i, 1, N))", "<", "2") for k in KS]
    + [(f"exp-cos-sum-{k}", f"Sum(exp(-i)*cos({k}*i), (i, 1, N))", "<", "1") for k in KS]
    + [(f"sin-cos-sum-{k}", f"Sum(sin(i)*cos({k}*i)/i**2, (i, 1, N))", "<", "2") for k in KS],
)


def write() -> list[Path]:
    written = []
    for name, (title, members) in FAMILIES.items():
        lines = [f'title = "Stress: {title.lower()}"', 'source = "bench/stress/make.py"']
        lines += ["", SYMBOLS]
        for chain, lhs, relation, rhs in members:
            steps = f'steps = ["{lhs}", "{relation} {rhs}"]'
            lines += ["[[chain]]", f'name = "{chain}"', steps, ""]
        path = HERE / f"{name}.toml"
        path.write_text("\n".join(lines), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write():
        print(path)
