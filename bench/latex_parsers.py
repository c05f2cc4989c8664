"""SymPy's own LaTeX parsers (lark and antlr) on the formulas of the seed document.

    python -m bench.latex_parsers

Measured once to decide whether xentproof could read LaTeX through SymPy (see
``xentproof/tex/parser.py``): each formula is parsed by both, and what came out or why it
failed is printed, with the count and the time. A measurement on the fixed text below:
xentproof never hands a file's text to these parsers.
"""

from __future__ import annotations

import time

from sympy.parsing.latex import parse_latex, parse_latex_lark

F = r"""g(s)=\frac{1}{1+e^{-s}}
\hat y=P(y=1|x)
1-\hat y=P(y=0|x)
P(y|x)=\hat y^y\cdot (1-\hat y)^{1-y}
P(y=0|x)=1-\hat y
P(y=1|x)=\hat y
log\ P(y|x)=log(\hat y^y\cdot (1-\hat y)^{1-y})=ylog\ \hat y+(1-y)log(1-\hat y)
L=-[ylog\ \hat y+(1-y)log\ (1-\hat y)]
L=-\sum_{i=1}^Ny^{(i)}log\ \hat y^{(i)}+(1-y^{(i)})log\ (1-\hat y^{(i)})
L=-log\ \hat y
L=-log\ (1-\hat y)
1-g(s)=g(-s)
P(y=+1|x)=g(s)
P(y=-1|x)=1-g(s)=g(-s)
P(y|x)=g(ys)
log\ P(y|x)=log\ g(ys)
L=-log g(ys)
L=-log\frac{1}{1+e^{-ys}}=log\ (1+e^{-ys})
L=\sum_{i=1}^Nlog\ (1+e^{-ys})
L=log\ (1+e^{-s})
L=log(1+e^s)""".splitlines()


def main() -> int:
    for name, fn in [("lark", parse_latex_lark), ("antlr", parse_latex)]:
        ok = 0
        t = time.perf_counter()
        for f in F:
            try:
                r = fn(f)
                ok += 1
                print(name, "OK  ", f, "->", r)
            except Exception as e:
                print(name, "FAIL", f, "->", type(e).__name__, str(e).splitlines()[0][:80])
        print(name, ok, "of", len(F), "parsed", time.perf_counter() - t)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
