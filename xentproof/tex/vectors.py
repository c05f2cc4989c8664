"""Vectors written whole: ``\\mathbf{w}^\\top \\mathbf{x}_i`` and ``\\mathbf{w} \\cdot
\\mathbf{x}_i`` (the sum over the components), ``\\mathbf{p}^{\\mathbf{z}}`` (the product of
the powers), and a vector left alone, which is refused. The grammar around them is
``parser.Parser``'s."""

from __future__ import annotations

import re

from ..model import Notation
from ..syntax.display import Precedence
from .cursor import Out, TokenCursor, Vector
from .tokens import Token


class VectorReader(TokenCursor):
    """Reads a vector written whole and the products of two."""

    notation: Notation
    open_norms: int = 0  # the norms ‖…‖ being read

    def inner_products(self, factors: list[Out], ops: list[str]) -> tuple[list[Out], list[str]]:
        """``\\mathbf{w}^\\top \\mathbf{x}_i`` or ``\\mathbf{w} \\cdot \\mathbf{x}_i`` among a
        product's factors: the sum over the components, Σ_c w[c]·x[i, c]. Two vectors side
        by side without a transpose (``\\mathbf{y}_i \\log \\hat{\\mathbf{y}}_i``), or with
        ``\\times``, are left for ``scalar`` to refuse."""
        out_f, out_o = [factors[0]], [ops[0]]
        for factor, op in zip(factors[1:], ops[1:], strict=True):
            left = out_f[-1].vector
            right = factor.vector
            joins = op == "\\cdot" or (op == "*" and left is not None and left.transposed)
            if left is not None and right is not None and joins and not right.transposed:
                out_f[-1] = self.inner_product(left, right)
                continue
            out_f.append(factor)
            out_o.append(op)
        return out_f, out_o

    def inner_product(self, left: Vector, right: Vector) -> Out:
        if left.dimension != right.dimension:
            raise self.fail(
                self.tok,
                f"{left.written} has {left.dimension} components and {right.written} "
                f"{right.dimension}: no inner product",
            )
        index = self.component_index(left, right)
        a = left.member.replace("#", index)
        b = right.member.replace("#", index)
        return Out(f"Sum({a}*{b}, ({index}, 1, {left.dimension}))", Precedence.ATOM)

    def multi_index_power(self, base: Vector, exponent: Vector) -> Out:
        """``\\mathbf{p}^{\\mathbf{z}}``: ∏_c p[c]^z[c], the power of a vector by a vector
        (multi-index notation, as texts define the multinoulli probability)."""
        if exponent.transposed or base.dimension != exponent.dimension:
            raise self.fail(
                self.tok, f"{base.written}^{exponent.written}: vectors of one dimension only"
            )
        index = self.component_index(base, exponent)
        a = base.member.replace("#", index)
        b = exponent.member.replace("#", index)
        return Out(f"Product({a}**{b}, ({index}, 1, {base.dimension}))", Precedence.ATOM)

    def component_index(self, left: Vector, right: Vector) -> str:
        """A name for the component an inner product or a power sums over: the index the
        family is declared with (``w_j``: j, as the text's own sums over it write) when no
        declaration makes it a name of its own (which a derivative ∂/∂w_j may hold free),
        else a name nothing declares; never one the members hold."""
        held = left.member + right.member
        for own in (left.index, right.index):
            if own and not re.search(rf"\b{own}\b", held) and own not in self.scope.families:
                return own
        taken = {*self.scope.symbols, *self.scope.families, *self.scope.functions}
        return next(
            c
            for c in ("l", "m", "r", "u", "v", "c", "q", "s", "t", *(f"c{n}" for n in range(99)))
            if c not in taken and not re.search(rf"\b{c}\b", left.member + right.member)
        )

    def norm(self, t: Token) -> Out:
        """``\\|\\mathbf{w}\\|_2^2``, ``||\\mathbf{w}||``, ``\\|\\mathbf{w}\\|_1`` of a vector
        declared with its dimension: the sum of the squares of its components (the norm
        squared), its square root (the norm), the sum of their absolute values (``_1``).
        A norm of anything else is refused, naming the declaration that reads it."""
        self.next()
        self.open_norms += 1
        try:
            inner = self.term()  # a vector is no term of a sum: ‖w - v‖ is not read
        finally:
            self.open_norms -= 1
        self.expect("‖", f"to close the ‖ at column {t.col}")
        p = "2"
        if self.is_op("_"):
            self.next()
            p = self.script()[0].text
        vector = inner.vector
        if vector is None:
            raise self.fail(
                t,
                "‖…‖ is read around a vector declared with its dimension (symbols: "
                "\\mathbf{w} \\in \\mathbb{R}^{d}): write the vector so, or its components",
            )
        index = self.component_index(vector, vector)
        member = vector.member.replace("#", index)
        bounds = f"({index}, 1, {vector.dimension})"
        if p == "1":
            return Out(f"Sum(Abs({member}), {bounds})", Precedence.ATOM)
        if p != "2":
            raise self.fail(t, f"‖…‖_{{{p}}}: the norms read are ‖·‖_1 and ‖·‖_2")
        squares = f"Sum({member}**2, {bounds})"
        if self.squared_follows():
            return Out(squares, Precedence.ATOM)
        return Out(f"sqrt({squares})", Precedence.ATOM)

    def squared_follows(self) -> bool:
        """At ``^2`` or ``^{2}``: read it (the norm squared is the sum of squares)."""
        kinds = [(x.kind, x.text) for x in self.tokens[self.k : self.k + 4]]
        if kinds[:2] == [("op", "^"), ("num", "2")]:
            self.k += 2
            return True
        if kinds == [("op", "^"), ("op", "{"), ("num", "2"), ("op", "}")]:
            self.k += 4
            return True
        return False

    def scalar(self, out: Out) -> Out:
        """``out``, which must be a number: a vector left alone is refused."""
        if out.vector is not None:
            raise self.fail(
                self.tok,
                f"{out.vector.written} is a vector: it is read in an inner product "
                f"({out.vector.written}^\\top \\mathbf{{x}} or {out.vector.written} \\cdot "
                "\\mathbf{x}); write a component with its index",
            )
        return out

    def vector(self, t: Token) -> Out:
        """A vector written whole: ``\\mathbf{w}``, or ``\\mathbf{x}_i``,
        ``\\mathbf{x}^{(i)}`` for a family of vectors (its indices before the component),
        then ``^\\top``, ``^T``, ``^{\\top}`` for its transpose."""
        self.next()
        family = t.text
        leading = self.scope.families[family][1] - 1
        named = self.notation.vectors[_vector_key(self.notation, family)]
        dimension = named.dimension
        own_index = named.index if named.bindable else ""
        indices: list[str] = []
        if leading:
            ahead = self.tokens[self.k + 1 : self.k + 3]
            paren = [a.text for a in ahead] == ["{", "("] and all(a.kind == "op" for a in ahead)
            if self.is_op("_") or (self.is_op("^") and paren):
                self.next()
                index, _ = self.script()
            else:
                raise self.fail(t, f"{t.extra} is a family of vectors: write {t.extra}_{{i}}")
            indices = [piece.strip() for piece in index.text.split(",")]
            if len(indices) != leading:
                raise self.fail(t, f"{t.extra} takes {leading} index(es), got {len(indices)}")
        transposed = False
        if self.is_op("^"):
            self.next()
            braced = self.is_op("{")
            if braced:
                self.next()
            mark = self.tok
            is_t = mark.kind in ("cmd", "name", "unknown") and mark.text in _TRANSPOSE
            if mark.kind == "vector":  # \mathbf{p}^{\mathbf{z}}: the multi-index power
                exponent = self.vector(mark)
                if braced:
                    self.expect("}", "to close the exponent")
                assert exponent.vector is not None
                member = f"{family}[{', '.join([*indices, '#'])}]"
                base = Vector(member, dimension, False, t.extra, own_index)
                return self.multi_index_power(base, exponent.vector)
            if not is_t:
                raise self.fail(
                    t, f"{t.extra}^…: a vector's transpose (^\\top) or a power by a vector is read"
                )
            self.next()
            if braced:
                self.expect("}", "to close the transpose")
            transposed = True
        if self.is_op("_") or self.is_op("^"):
            raise self.fail(t, f"{t.extra}: write a component of it as a member, not a script")
        member = f"{family}[{', '.join([*indices, '#'])}]"
        vector = Vector(member, dimension, transposed, t.extra, own_index)
        return Out(member, Precedence.ATOM, vector=vector)


_TRANSPOSE = frozenset({"\\top", "\\intercal", "T", "\\mathsf{T}", "\\mathrm{T}"})


def _vector_key(notation: Notation, family: str) -> str:
    return next(k for k, v in notation.vectors.items() if v.family == family)
