"""The package's one bibliography: ``alliancegames/data/references.bib``.

Every citation in the package names a key of that BibTeX file: model registry
entries and docstrings (``[@snyder1984]``, Pandoc's syntax), case records'
``sources:`` lists, the working paper and the notebooks.  This module reads the
file (shipped as package data, so it works from an installed wheel) with a
small parser for the subset of BibTeX the file uses -- ``@type{key, field =
{value}, ...}`` with braced or numeric values -- and formats one-line
citations.  The same file feeds Pandoc's citeproc for the typeset paper and
sphinxcontrib-bibtex for the documentation.

Examples
--------
>>> ref = reference("snyder1984")
>>> ref.year, ref.surnames
(1984, ('Snyder',))
>>> cite("snyder1984")
'Snyder, Glenn H. (1984). The Security Dilemma in Alliance Politics. World Politics 36(4): 461-495.'
>>> citation_keys("as argued [@snyder1984, p. 470; @cha1999] and by @crawford2003")
['snyder1984', 'cha1999', 'crawford2003']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = [
    "BibliographyError",
    "Reference",
    "bibliography",
    "bibliography_path",
    "reference",
    "cite",
    "citation_keys",
    "parse_bibtex",
    "plain_text",
]

DATA_PACKAGE = "alliancegames"
BIB_FILE = "data/references.bib"
STATUSES = ("checked", "document", "recall")

# a Pandoc citation: "@key" not preceded by a word character or a dot (so no e-mail addresses)
_CITE = re.compile(r"(?<![\w.@])@([a-z][a-z0-9_]*[a-z0-9])(?![\w:])")
_BRACKETED = re.compile(r"\[([^\[\]]*@[^\[\]]*)\]")


class BibliographyError(KeyError):
    """A citation key that the bibliography does not hold, or a malformed ``.bib`` file."""

    def __str__(self) -> str:  # KeyError quotes its message; show it plainly
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Reference:
    """One entry of the bibliography.

    ``fields`` holds every BibTeX field as text (``author``, ``title``,
    ``year``, ``journal``, ``volume``, ``number``, ``pages``, ``publisher``,
    ``address``, ``howpublished``, ``date``, ``status`` ...).

    Examples
    --------
    >>> r = Reference("x2000", "article", {"author": "Doe, Jane and Roe, R.", "title": "T",
    ...               "journal": "J", "volume": "1", "number": "2", "pages": "3--4", "year": "2000"})
    >>> r.surnames, r.citation
    (('Doe', 'Roe'), 'Doe, Jane and Roe, R. (2000). T. J 1(2): 3-4.')
    """

    key: str
    type: str
    fields: dict[str, str] = field(compare=False)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.fields.get(name, default)

    @property
    def year(self) -> int:
        return int(self.fields["year"])

    @property
    def title(self) -> str:
        return plain_text(self.fields.get("title", ""))

    @property
    def people(self) -> tuple[str, ...]:
        """Authors (or editors) as written, ``"Last, First"`` or a corporate name."""
        raw = self.fields.get("author") or self.fields.get("editor") or ""
        if raw.startswith("{") and raw.endswith("}"):
            return (raw[1:-1],)
        return tuple(p.strip() for p in re.split(r"\s+and\s+", raw) if p.strip())

    @property
    def names(self) -> str:
        """Authors in natural order, ``"Thomas J. Christensen and Jack Snyder"`` (editors marked).

        Examples
        --------
        >>> reference("olson_zeckhauser1966").names
        'Mancur Olson Jr. and Richard Zeckhauser'
        """
        out = []
        for p in self.people:
            parts = [x.strip() for x in p.split(",")]
            if len(parts) == 3:  # "Last, Jr., First"
                out.append(f"{parts[2]} {parts[0]} {parts[1]}")
            elif len(parts) == 2:
                out.append(f"{parts[1]} {parts[0]}")
            else:
                out.append(p)
        who = " and ".join(out)
        return who + (" (eds.)" if self.fields.get("editor") and not self.fields.get("author") else "")

    @property
    def surnames(self) -> tuple[str, ...]:
        """Family names of the authors (a corporate author is returned whole)."""
        raw = self.fields.get("author") or self.fields.get("editor") or ""
        if raw.startswith("{"):
            return self.people
        return tuple(p.split(",")[0].strip() for p in self.people)

    @property
    def short(self) -> str:
        """Author-year form, e.g. ``Christensen and Snyder (1990)``."""
        s = self.surnames
        names = s[0] if len(s) == 1 else f"{s[0]} and {s[1]}" if len(s) == 2 else f"{s[0]} et al."
        return f"{names} ({self.year})"

    @property
    def status(self) -> str:
        return self.fields.get("status", "recall")

    @property
    def citation(self) -> str:
        """A one-line citation (author-year, plain text)."""
        who = " and ".join(self.people)
        if self.fields.get("editor") and not self.fields.get("author"):
            who += " (eds.)"
        out = f"{who} ({self.year}). {self.title}."
        f = self.fields
        if f.get("journal"):
            out += f" {plain_text(f['journal'])}"
            if f.get("volume"):
                out += f" {f['volume']}" + (f"({f['number']})" if f.get("number") else "")
            out += f": {plain_text(f['pages'])}." if f.get("pages") else "."
        else:
            where = ", ".join(plain_text(f[k]) for k in ("address", "publisher", "howpublished") if f.get(k))
            if where:
                out += f" {where}" + (f", {f['date']}" if f.get("date") else "") + "."
        return out


def plain_text(text: str) -> str:
    """BibTeX text to plain text: drop protecting braces, ``--`` to a hyphen, ``\\&`` to ``&``."""
    text = text.replace("---", "\u2014").replace("--", "-").replace(r"\&", "&")
    text = text.replace("``", '"').replace("''", '"')
    return text.replace("{", "").replace("}", "")


def _braced(text: str, i: int) -> tuple[str, int]:
    """The content of the brace group opening at ``text[i]`` and the index after it."""
    depth, j = 0, i
    while j < len(text):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[i + 1 : j], j + 1
        j += 1
    raise BibliographyError(f"unbalanced braces from character {i}")


def parse_bibtex(text: str) -> dict[str, Reference]:
    """Parse the BibTeX subset the bibliography uses into ``{key: Reference}``.

    Comments (``%`` to the end of a line) are dropped; values are ``{braced}``
    (nested braces kept) or bare numbers.  Duplicate keys and entries without
    ``year`` or ``title`` raise :class:`BibliographyError`.

    Examples
    --------
    >>> refs = parse_bibtex("@book{a2001, author = {A, B}, title = {{T}}, year = 2001, publisher = {P}}")
    >>> refs["a2001"].title, refs["a2001"].year
    ('T', 2001)
    >>> parse_bibtex("@book{a2001, title = {T}}")
    Traceback (most recent call last):
    ...
    alliancegames.core.references.BibliographyError: entry 'a2001' has no year
    """
    text = re.sub(r"(?m)^\s*%.*$", "", text)
    out: dict[str, Reference] = {}
    for m in re.finditer(r"@(\w+)\s*\{\s*([^,\s]+)\s*,", text):
        etype, key = m.group(1).lower(), m.group(2)
        body, _ = _braced(text, text.index("{", m.start()))
        body = body[body.index(",") + 1 :]
        fields: dict[str, str] = {}
        i = 0
        while True:
            fm = re.compile(r"\s*(\w+)\s*=\s*").match(body, i)
            if fm is None:
                break
            name, j = fm.group(1).lower(), fm.end()
            if body[j] == "{":
                value, i = _braced(body, j)
            else:
                vm = re.compile(r"[\w.-]+").match(body, j)
                if vm is None:
                    raise BibliographyError(f"entry {key!r}: field {name!r} has no value")
                value, i = vm.group(0), vm.end()
            fields[name] = re.sub(r"\s+", " ", value.strip())
            cm = re.compile(r"\s*,?").match(body, i)
            i = cm.end() if cm else i
        if key in out:
            raise BibliographyError(f"duplicate bibliography key {key!r}")
        for need in ("year", "title"):
            if need not in fields:
                raise BibliographyError(f"entry {key!r} has no {need}")
        if not fields["year"].isdigit():
            raise BibliographyError(f"entry {key!r}: year {fields['year']!r} is not a number")
        out[key] = Reference(key, etype, fields)
    return out


def bibliography_path() -> Path:
    """The path of ``references.bib`` inside the installed package (for Pandoc, Sphinx, Typst)."""
    return Path(str(resources.files(DATA_PACKAGE).joinpath(BIB_FILE)))


@lru_cache(maxsize=1)
def _load() -> dict[str, Reference]:
    return parse_bibtex(resources.files(DATA_PACKAGE).joinpath(BIB_FILE).read_text(encoding="utf-8"))


def bibliography() -> dict[str, Reference]:
    """Every entry of the package's bibliography, by key (a fresh dict; entries are frozen).

    Examples
    --------
    >>> refs = bibliography()
    >>> "christensen_snyder1990" in refs and refs["christensen_snyder1990"].surnames
    ('Christensen', 'Snyder')
    """
    return dict(_load())


def reference(key: str) -> Reference:
    """The entry called ``key`` (:class:`BibliographyError` naming the nearest keys if unknown).

    Examples
    --------
    >>> reference("crawford2003").year
    2003
    >>> reference("snyder1985")
    Traceback (most recent call last):
    ...
    alliancegames.core.references.BibliographyError: no reference 'snyder1985' in the bibliography (similar: snyder1984, snyder1997)
    """
    refs = _load()
    if key not in refs:
        import difflib  # standard library; only needed for the error message

        near = difflib.get_close_matches(str(key), list(refs), n=3, cutoff=0.6)
        hint = f" (similar: {', '.join(sorted(near))})" if near else ""
        raise BibliographyError(f"no reference {key!r} in the bibliography{hint}")
    return refs[key]


def cite(*keys: str) -> str:
    """One-line citations of ``keys``, joined by ``"; "``.

    Examples
    --------
    >>> cite("kim2011")
    'Kim, Tongfi (2011). Why Alliances Entangle But Seldom Entrap States. Security Studies 20(3): 350-377.'
    """
    return "; ".join(reference(k).citation for k in keys)


def citation_keys(text: str, *, bracketed: bool = False) -> list[str]:
    """The citation keys in ``text`` (Pandoc syntax), in order of appearance, repeats kept.

    With ``bracketed=True`` only keys inside ``[...]`` count (``[@a; @b, p. 3]``): use it for
    Python docstrings, where a bare ``@name`` may be a decorator.
    """
    if bracketed:
        return [k for m in _BRACKETED.finditer(text) for k in _CITE.findall(m.group(1))]
    return _CITE.findall(text)
