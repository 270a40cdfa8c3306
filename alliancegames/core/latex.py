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
'x > 1 \\\\;\\\\wedge\\\\; x < 2'
"""

from __future__ import annotations

import sympy as sp

__all__ = ["conditions", "escape"]

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


def conditions(cond: sp.Basic) -> str:
    """LaTeX of a conjunction of conditions, ``\\text{always}`` for ``True``.

    The conjuncts of an :class:`sympy.And` are joined by ``\\;\\wedge\\;``.

    Examples
    --------
    >>> conditions(sp.true)
    '\\\\text{always}'
    >>> conditions(sp.Symbol("p") < sp.Rational(1, 2))
    'p < \\\\frac{1}{2}'
    """
    if cond is sp.true:
        return r"\text{always}"
    return r" \;\wedge\; ".join(sp.latex(a) for a in (cond.args if isinstance(cond, sp.And) else [cond]))
