"""What a chain was verified under, in English with its mathematics typeset: the domains
of the symbols it uses, the facts its proofs used (grouped and each said once), and for an
erratum its counterexample. ``--detail full`` adds, relation by relation, the line, the
method, every side condition and the LaTeX a step was written in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import sympy

from ..model import Chain, Derivation, Step
from ..result import ChainResult, Counterexample, RelationResult, Verdict
from .latex_math import MathText, exact_latex, number_latex, split_list
from .latex_rows import formula_width
from .latex_text import tex_code, tex_text

# Conditions that list facts; what follows the colon is a list of them.
_FACT_LISTS = ("defined: ", "defined as written: ")
_INJECTIVE = re.compile(r"^(\w+) is injective on the positives$")


def _function(name: str) -> str:
    """A function the checker names in its text (``log``) as LaTeX."""
    return {"log": "\\log", "exp": "\\exp"}.get(name, f"\\mathrm{{{name}}}")


@dataclass(frozen=True)
class ChainFacts:
    """The symbols' domains (``\\hat{y} \\in (0, 1)``, math) and the facts used (text with
    its mathematics in ``$…$``)."""

    domains: tuple[str, ...]
    uses: tuple[str, ...]


def chain_facts(derivation: Derivation, chain: Chain, result: ChainResult) -> ChainFacts:
    math = MathText(derivation)
    scalars, families = _chain_symbols(derivation, chain)
    fixed = {str(k) for k in chain.where}
    domains = []
    for name, decl in derivation.symbols.items():
        used = families if decl.is_family else scalars
        if name.split("[")[0] in used and name not in fixed:
            assumed = chain.assume.get(decl.symbol)  # the chain's own case: its narrowed domain
            domains.append(math.domain(replace(decl, domain=assumed) if assumed else decl))
    facts: dict[str, None] = {}
    for relation in result.relations:
        if relation.verdict is not Verdict.PROVED:
            continue
        for condition in relation.conditions:
            for fact in _facts(math, condition):
                facts[fact] = None
    return ChainFacts(tuple(domains), _without_weaker(list(facts)))


def _chain_symbols(derivation: Derivation, chain: Chain) -> tuple[set[str], set[str]]:
    """The names of the symbols and of the families a chain's steps use, also through the
    functions they apply."""
    scalars: set[str] = set()
    families: set[str] = set()
    applied: set[str] = set()
    bound: set[str] = set()  # a function's parameters, unless a step uses the name itself
    exprs = [step.expr for step in chain.steps]
    while exprs:
        for node in sympy.preorder_traversal(exprs.pop()):
            if isinstance(node, sympy.Indexed):
                families.add(str(node.base.label))
            elif isinstance(node, sympy.Symbol):
                scalars.add(node.name)
            elif isinstance(node, sympy.core.function.AppliedUndef):
                name = str(node.func)
                if name in derivation.functions and name not in applied:
                    applied.add(name)
                    exprs.append(derivation.functions[name].body)
                    bound |= {p.name for p in derivation.functions[name].params}
    direct = {str(s) for step in chain.steps for s in step.expr.free_symbols}
    scalars -= bound - direct
    # an Indexed's label is a Symbol of the same name: a family is not a scalar by that
    scalars -= {
        name for name in families if name in derivation.symbols and not _scalar_used(chain, name)
    }
    return scalars, families


def _scalar_used(chain: Chain, name: str) -> bool:
    """Whether a chain uses the scalar ``name`` outside ``name[...]``."""
    return any(
        isinstance(node, sympy.Symbol) and node.name == name
        for step in chain.steps
        for node in _outside_indexed(step.expr)
    )


def _outside_indexed(expr: sympy.Basic) -> Iterator[sympy.Basic]:
    yield expr
    if not isinstance(expr, sympy.Indexed):
        for arg in expr.args:
            yield from _outside_indexed(arg)


def _facts(math: MathText, condition: str) -> Iterator[str]:
    """The facts of one side condition that can be typeset; others are left to the full
    detail (the domains they come from are stated with every chain)."""
    for part in condition.split("; "):
        text = part
        for head in _FACT_LISTS:
            if text.startswith(head):
                for item in split_list(text[len(head) :]):
                    shown = math.fact(item)
                    if shown is not None:
                        yield f"${shown}$"
                text = ""
        if not text:
            continue
        injective = _INJECTIVE.match(text)
        if injective is not None:
            yield f"that ${_function(injective.group(1))}$ is injective on $(0, \\infty)$"
            continue
        text = re.sub(r" \((through|continuous|from|the quotient).*\)$", "", text)
        text = text.split(" from ")[0]
        if " ∈ " not in text and not re.search(r"^\S+ (real|positive|negative|non)", text):
            shown = math.fact(text)
            if shown is not None:
                yield f"${shown}$"


def _without_weaker(facts: list[str]) -> tuple[str, ...]:
    """Each fact once, and ``$x \\neq 0$`` left out where ``$x > 0$`` or ``$x < 0$`` is
    there."""
    strict = {f[: -len(" > 0$")] for f in facts if f.endswith((" > 0$", " < 0$"))}
    return tuple(
        f for f in facts if not (f.endswith(" \\neq 0$") and f[: -len(" \\neq 0$")] in strict)
    )


def and_list(items: tuple[str, ...] | list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def verified_sentence(facts: ChainFacts, where: str, conclusion: str = "") -> str:
    """ "Every step holds for all $…$ and $…$, with $y = 1$; the proofs use $…$. Hence
    $a < c$." (``conclusion``, LaTeX, for a chain with an inequality)"""
    parts = []
    if facts.domains:
        parts.append("for all " + and_list([f"${d}$" for d in facts.domains]))
    if where:
        parts.append(f"with {where}")
    sentence = "Every step holds " + ", ".join(parts) if parts else "Every step holds"
    if facts.uses:
        sentence += "; the proofs use " + and_list(list(facts.uses))
    sentence += "."
    if conclusion:
        sentence += f" Hence ${conclusion}$."
    return sentence


def counterexample_sentence(derivation: Derivation, ce: Counterexample, full: bool) -> str:
    """ "At $N = 1$, $\\hat{y}^{(1)} = 0.328$ the left side is $0.397497$ and the right
    side $-0.397497$." """
    math = MathText(derivation)
    point = []
    for name, value in ce.point.items():
        shown_name = math.name(name)
        shown_value = exact_latex(value) or math.expression(value)
        if shown_name is None or shown_value is None:
            point.append(tex_text(f"{name} = {value}"))
        else:
            point.append(f"${shown_name} = {shown_value}$")
    sides = [
        _side(math, exact, approx, full)
        for exact, approx in ((ce.lhs, ce.lhs_approx), (ce.rhs, ce.rhs_approx))
    ]
    return f"At {and_list(point)} the left side is {sides[0]} and the right side {sides[1]}."


def _side(math: MathText, exact: str, approx: str, full: bool) -> str:
    short = exact_latex(exact)
    if short:
        return f"${short}$"
    number = number_latex(approx) if approx else ""
    shown = math.expression(exact)
    if shown is not None and not full and number and formula_width(shown) > 60.0:
        shown = None  # a long exact value: its decimal says enough
    if shown and number:
        return f"${shown} \\approx {number}$"
    if number:
        return f"$\\approx {number}$"
    return f"${shown}$" if shown else tex_text(exact)


def relation_details(derivation: Derivation, chain: Chain, relation: RelationResult) -> str:
    """One item of the full detail: line, method, side conditions, the LaTeX as written."""
    math = MathText(derivation)
    step = chain.steps[relation.index]
    parts = [f"line {relation.line}, {tex_text(relation.method)}"]
    shown = [_condition(math, c) for c in relation.conditions]
    if shown:
        parts.append("side conditions: " + "; ".join(shown))
    parts.extend(_written(step))
    if relation.counterexample is not None:
        sentence = counterexample_sentence(derivation, relation.counterexample, True)
        parts.append("a counterexample: a" + sentence[1:-1])
    if relation.reason and relation.verdict is Verdict.UNPROVED:
        parts.append(f"not proved: {tex_text(relation.reason)}")
    return "; ".join(parts)


def _condition(math: MathText, condition: str) -> str:
    """A side condition as the full detail shows it: its facts typeset where they read
    back, the rest as text."""
    out = []
    for part in condition.split("; "):
        head = next((h for h in _FACT_LISTS if part.startswith(h)), None)
        if head is not None:
            items = [math.fact(i) for i in split_list(part[len(head) :])]
            if all(items):
                word = "defined where " if head == "defined: " else "defined as written where "
                out.append(word + and_list([f"${i}$" for i in items if i]))
                continue
        limit = re.fullmatch(r"(lim\[.*) \((.*)\)", part)
        if limit is not None and math.fact(limit.group(1)) is not None:
            out.append(f"${math.fact(limit.group(1))}$ ({mixed_text(math, limit.group(2))})")
            continue
        injective = _INJECTIVE.match(part)
        if injective is not None:
            out.append(f"${_function(injective.group(1))}$ is injective on $(0, \\infty)$")
            continue
        cases = part.startswith("cases ")
        claim, _, origin = part.removeprefix("cases ").partition(" from ")
        shown = math.membership(claim) or math.fact(claim)
        if shown is None:
            out.append(mixed_text(math, part))
            continue
        text = f"cases ${shown}$" if cases else f"${shown}$"
        if origin:
            sources = [math.membership(o) for o in split_list(origin)]
            text += " from " + (
                and_list([f"${o}$" for o in sources if o]) if all(sources) else tex_text(origin)
            )
        out.append(text)
    return "; ".join(out)


# Where prose and mathematics alternate in a condition: at these separators outside every
# bracket (``a > 0, b > 0``, ``… at the solutions, from y ∈ {0, 1}``, ``defined: …``).
_SEPARATORS = re.compile(r", | and |: ")
_PEEL = 6  # prose words peeled off either end of a piece before it reads as mathematics


def mixed_text(math: MathText, text: str) -> str:
    """A sentence of the checker's that mixes prose and mathematics (``where log(Pyx) =
    log(ŷ) holds, the other equation is defined: Pyx > 0``) with each piece of mathematics
    that reads back typeset and the words around it as text; what does not read back stays
    escaped text. Reading is the printer's (``ast``, never evaluation)."""
    loose = MathText(math.derivation, letters=True)
    return "".join(
        tex_text(piece) if _SEPARATORS.fullmatch(piece) else _mixed_piece(loose, piece)
        for piece in _pieces(text)
    )


def _pieces(text: str) -> list[str]:
    """``text`` cut at the separators outside every bracket, the separators kept."""
    pieces, depth, start, k = [], 0, 0, 0
    while k < len(text):
        char = text[k]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and (separator := _SEPARATORS.match(text, k)) is not None:
            pieces += [text[start:k], separator.group()]
            start = k = separator.end()
            continue
        k += 1
    return [*pieces, text[start:]]


def _mixed_piece(math: MathText, piece: str) -> str:
    """One piece: the fewest prose words (letters only) peeled off its ends such that the
    rest reads back as a fact, a membership or an expression with an operator."""
    words = piece.split(" ")
    for peeled in range(min(len(words), 2 * _PEEL) if len(words) < 60 else 0):
        for lead in range(peeled + 1):
            core = words[lead : len(words) - (peeled - lead)]
            ends = words[:lead] + words[len(words) - (peeled - lead) :]
            if not core or not all(w.isalpha() for w in ends):
                continue
            shown = _math_piece(math, " ".join(core))
            if shown is not None:
                before, after = " ".join(words[:lead]), " ".join(ends[lead:])
                return (
                    (tex_text(before) + " " if before else "")
                    + f"${shown}$"
                    + (" " + tex_text(after) if after else "")
                )
    return tex_text(piece)


def _math_piece(math: MathText, text: str) -> str | None:
    if not text or text.replace(" ", "").isalpha():
        return None  # words (``a number``) are prose, not names of one letter each
    if " → " in text:  # ``t = exp(s) → 0+``: a substitution and where it goes
        claim, point = text.rsplit(" → ", 1)
        side = {"+": "^{+}", "⁺": "^{+}", "-": "^{-}", "⁻": "^{-}"}.get(point[-1:], "")
        value = math.expression(point[:-1] if side else point)
        shown = math.fact(claim) or math.expression(claim)
        if value is None or shown is None:
            return None
        return f"{shown} \\to {{{value}}}{side}" if side else f"{shown} \\to {value}"
    return math.membership(text) or math.fact(text) or math.expression(text)


def _written(step: Step) -> list[str]:
    if step.latex is None:
        return []
    return [
        f"written in LaTeX as \\texttt{{{tex_code(step.latex)}}}, "
        f"read as \\texttt{{{tex_code(step.text)}}}"
    ]
