"""Products of sums as multiple sums over rectangles (``flat_sums``): a quadratic form
Σ_r Σ_s c_r·c_s·Σ_i w_i·x_{i,r}·x_{i,s} = Σ_i w_i·(Σ_r x_{i,r}·c_r)² (jordanott's
convexity notebook) is proved at once; near misses (a square of a sum taken for the sum of
squares, a triangle, ranges swapped, a factor left out) are not proved by the method."""

from __future__ import annotations

import sympy

from xentproof.prover.flat_sums import flat_sums_equal

i, j, r, s = sympy.symbols("i j r s", integer=True)
n, m, d = sympy.symbols("n m d", positive=True, integer=True)
a, b, c = sympy.IndexedBase("a"), sympy.IndexedBase("b"), sympy.IndexedBase("c")
x = sympy.IndexedBase("x")
w = 1 / (1 + sympy.exp(-sympy.Sum(x[i, j] * a[j], (j, 1, d))))  # a sum inside a function


def test_a_quadratic_form_as_a_sum_of_squares() -> None:
    inner = sympy.Sum(w * x[i, r] * x[i, s], (i, 1, n))
    lhs = sympy.Sum(sympy.Sum(c[r] * c[s] * inner, (s, 1, d)), (r, 1, d))
    rhs = sympy.Sum(w * sympy.Sum(x[i, r] * c[r], (r, 1, d)) ** 2, (i, 1, n))
    assert flat_sums_equal(lhs, rhs) is not None
    assert flat_sums_equal(rhs, lhs) is not None
    # c_r·c_r for c_r·c_s: a factor's index wrong
    wrong = sympy.Sum(sympy.Sum(c[r] * c[r] * inner, (s, 1, d)), (r, 1, d))
    assert flat_sums_equal(wrong, rhs) is None


def test_a_product_of_sums() -> None:
    product = sympy.Sum(a[i], (i, 1, n)) * sympy.Sum(b[j], (j, 1, m))
    double = sympy.Sum(sympy.Sum(a[i] * b[j], (j, 1, m)), (i, 1, n))
    assert flat_sums_equal(product, double) is not None
    # the ranges swapped between the factors
    swapped = sympy.Sum(sympy.Sum(a[i] * b[j], (j, 1, n)), (i, 1, m))
    assert flat_sums_equal(product, swapped) is None


def test_near_misses() -> None:
    square = sympy.Sum(a[i], (i, 1, n)) ** 2
    assert flat_sums_equal(square, sympy.Sum(a[i] ** 2, (i, 1, n))) is None
    assert flat_sums_equal(square, sympy.Sum(sympy.Sum(a[i] * a[j], (j, 1, n)), (i, 1, n)))
    # a triangle is not a rectangle: nothing is said
    triangle = sympy.Sum(sympy.Sum(a[i] * b[j], (j, 1, i)), (i, 1, n))
    rectangle = sympy.Sum(sympy.Sum(a[i] * b[j], (i, j, n)), (j, 1, n))
    assert flat_sums_equal(triangle, rectangle) is None
    # an asymmetric body over two ranges swapped is not symmetric
    f = sympy.Function("f")
    one = sympy.Sum(sympy.Sum(f(i, j), (j, 1, m)), (i, 1, n))
    other = sympy.Sum(sympy.Sum(f(i, j), (j, 1, n)), (i, 1, m))
    assert flat_sums_equal(one, other) is None
    # over equal ranges the order of the indices does not matter
    same = sympy.Sum(sympy.Sum(f(j, i), (j, 1, n)), (i, 1, n))
    assert flat_sums_equal(sympy.Sum(sympy.Sum(f(i, j), (j, 1, n)), (i, 1, n)), same)


def test_label_smoothing_with_deltas_and_logs_of_softmax() -> None:
    z = sympy.IndexedBase("z")
    k = sympy.Symbol("k", positive=True, integer=True)
    extra = sympy.Symbol("extra", nonnegative=True, integer=True)
    eps = sympy.Symbol("eps", positive=True)
    size = k + extra
    total = sympy.Sum(sympy.exp(z[i]), (i, 1, size))
    target = (1 - eps) * sympy.KroneckerDelta(j, k) + eps / size
    lhs = -sympy.Sum(target * sympy.log(sympy.exp(z[j]) / total), (j, 1, size))
    mean = sympy.Sum(z[j], (j, 1, size)) / size
    rhs = (1 - eps) * (sympy.log(total) - z[k]) + eps * (sympy.log(total) - mean)
    assert flat_sums_equal(lhs, rhs) is not None
    # the uniform part without its 1/K (a mistake of the pending corpus) is not proved
    wrong = (1 - eps) * (sympy.log(total) - z[k]) + eps * (sympy.log(total) - mean * size)
    assert flat_sums_equal(lhs, wrong) is None


def test_deltas_only_inside_the_range() -> None:
    z = sympy.IndexedBase("z")
    k = sympy.Symbol("k", positive=True, integer=True)
    top = sympy.Symbol("top", nonnegative=True, integer=True)
    # k may lie past top: Σ_{j=1}^{top} δ(j, k)·z_j is 0 there, not z_k
    picked = sympy.Sum(sympy.KroneckerDelta(j, k) * z[j], (j, 1, top))
    assert flat_sums_equal(picked, z[k]) is None
    assert flat_sums_equal(sympy.Sum(sympy.KroneckerDelta(j, k) * z[j], (j, 1, k + top)), z[k])


def test_logs_split_only_where_the_rule_holds() -> None:
    u = sympy.Symbol("u", real=True)
    v = sympy.Symbol("v", positive=True)
    both = sympy.Sum(sympy.log(sympy.exp(a[i]) * v), (i, 1, n))
    assert flat_sums_equal(both, sympy.Sum(a[i], (i, 1, n)) + n * sympy.log(v))
    # log(u²) is 2·log|u|, not 2·log(u): left alone
    square = sympy.Sum(sympy.log(u**2 * a[i] ** 2), (i, 1, n))
    assert (
        flat_sums_equal(square, 2 * n * sympy.log(u) + sympy.Sum(2 * sympy.log(a[i]), (i, 1, n)))
        is None
    )
