"""LaTeX helpers shared by every ``to_latex``: escaping text and writing a conjunction of conditions.

Text (player, action and outcome labels, model names, prose) goes through
:func:`escape`; symbolic conditions through :func:`conditions`.  Every module
that writes LaTeX imports these two instead of keeping its own copy.

Examples
--------
>>> escape("R&D_2 → 50%")
'R\\\\&D\\\\_2 $\\\\to$ 50\\\\%'
>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> conditions(sp.And(x > 1, x < 2))
'1 < x < 2'
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

__all__ = ["condition_cases", "conditions", "escape", "relation_items", "relation_latex"]

# one pass, character by character, so that the backslash of an escape is never escaped again
_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "^": r"\^{}",
    "~": r"\~{}",
    "\u2192": r"$\to$",  # → in outcome paths
}


def escape(text: object) -> str:
    """``str(text)`` with LaTeX's special characters escaped (and ``→`` as ``$\\to$``).

    Parameters
    ----------
    text : object
        A label or sentence; converted with ``str``.

    Returns
    -------
    str
        Text that LaTeX typesets as written.

    Examples
    --------
    >>> escape("c_entrap")
    'c\\\\_entrap'
    >>> escape("Firm/Weak")
    'Firm/Weak'
    """
    return "".join(_SPECIAL.get(ch, ch) for ch in str(text))


_TEXT_OPS = {
    sp.StrictGreaterThan: ">",
    sp.GreaterThan: ">=",
    sp.StrictLessThan: "<",
    sp.LessThan: "<=",
    sp.Equality: "=",
    sp.Unequality: "!=",
}
_LATEX_OPS = {">": ">", ">=": r"\geq", "<": "<", "<=": r"\leq", "=": "=", "!=": r"\neq"}
_REVERSED = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "=": "=", "!=": "!="}


def condition_cases(cond: sp.Basic) -> list[sp.Basic]:
    """The cases of a condition: the arguments of an :class:`sympy.Or`, else the condition itself.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> len(condition_cases(sp.Or(x < 0, x > 1))), condition_cases(x > 1)
    (2, [x > 1])
    """
    return list(cond.args) if isinstance(cond, sp.Or) else [cond]


def relation_items(cond: sp.Basic) -> list[tuple]:
    """A conjunction as display items: ``("rel", lhs, op, rhs)``, ``("chain", lo, op, s, op, hi)``
    or ``("other", expr)``.

    A relation with a lone symbol on the right is turned round (``1 < x`` reads
    ``x > 1``); a lower and an upper bound on the same symbol become one chain
    ``lo < s < hi``.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> relation_items(sp.And(x > 1, x < 2))
    [('chain', 1, '<', x, '<', 2)]
    """
    if cond is sp.true or cond is True:
        return []
    rels: list[tuple] = []
    for a in cond.args if isinstance(cond, sp.And) else [cond]:
        op = _TEXT_OPS.get(type(a))
        if op is None:
            rels.append(("other", a))
            continue
        lhs, rhs = a.lhs, a.rhs
        if not isinstance(lhs, sp.Symbol) and isinstance(rhs, sp.Symbol) and rhs not in lhs.free_symbols:
            lhs, rhs, op = rhs, lhs, _REVERSED[op]
        rels.append(("rel", lhs, op, rhs))
    out: list[tuple] = []
    used: set[int] = set()
    for i, r in enumerate(rels):
        if i in used:
            continue
        if r[0] == "rel" and isinstance(r[1], sp.Symbol) and r[2] in (">", ">="):
            j = next(
                (
                    j
                    for j, t in enumerate(rels)
                    if j not in used and j != i and t[0] == "rel" and t[1] == r[1] and t[2] in ("<", "<=")
                ),
                None,
            )
            if j is not None:
                used |= {i, j}
                t = rels[j]
                out.append(("chain", r[3], _REVERSED[r[2]], r[1], t[2], t[3]))
                continue
        used.add(i)
        out.append(r)
    return out


def relation_latex(item: tuple) -> str:
    """LaTeX of one display item of :func:`relation_items`.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> print(relation_latex(relation_items(sp.And(x >= 1, x <= 2))[0]))
    1 \\leq x \\leq 2
    """
    if item[0] == "chain":
        return (
            f"{sp.latex(item[1])} {_LATEX_OPS[item[2]]} {sp.latex(item[3])} "
            f"{_LATEX_OPS[item[4]]} {sp.latex(item[5])}"
        )
    if item[0] == "rel":
        return f"{sp.latex(item[1])} {_LATEX_OPS[item[2]]} {sp.latex(item[3])}"
    return sp.latex(item[1])


def conditions(cond: sp.Basic, *, per_line: int = 2, names: Sequence[str] = ()) -> str:
    r"""LaTeX of conditions: chains ``lo < x < hi``, long conjunctions over aligned lines.

    ``\text{always}`` for ``True``, ``\text{never}`` for ``False``.  A
    conjunction of more than ``per_line`` relations (or an :class:`sympy.Or` of
    several cases) is set as an ``aligned`` block, ``per_line`` relations a
    line, so that a table column stays narrow; each case may be preceded by its
    name.

    Examples
    --------
    >>> conditions(sp.true)
    '\\text{always}'
    >>> conditions(sp.Symbol("p") < sp.Rational(1, 2))
    'p < \\frac{1}{2}'
    >>> q, r, g, c = sp.symbols("q r g c", positive=True)
    >>> print(conditions(sp.And(q > r / c, q < 2 * g / c)))
    \frac{r}{c} < q < \frac{2 g}{c}
    >>> print(conditions(sp.And(q > r / c, q < 2 * g / c, r < g, c < 1), per_line=1))
    \begin{aligned}&c < 1\\ \wedge\ &r < g\\ \wedge\ &\frac{r}{c} < q < \frac{2 g}{c}\end{aligned}
    """
    if cond is sp.true or cond is True:
        return r"\text{always}"
    if cond is sp.false or cond is False:
        return r"\text{never}"
    lines: list[str] = []
    for k, case in enumerate(condition_cases(cond)):
        items = [relation_latex(i) for i in relation_items(case)] or [r"\text{always}"]
        chunks = [r" \wedge ".join(items[i : i + per_line]) for i in range(0, len(items), per_line)]
        name = names[k] if k < len(names) and names[k] else ""
        head = (r"\vee\ " if k else "") + (rf"\text{{{escape(name)}: }}" if name else "")
        lines.append(head + "&" + chunks[0])
        lines += [r"\wedge\ &" + ch for ch in chunks[1:]]
    if len(lines) == 1:
        return lines[0].replace("&", "", 1)
    return r"\begin{aligned}" + r"\\ ".join(lines) + r"\end{aligned}"
