"""One bibliography for the whole package: every citation resolves, every entry is cited, years agree.

Citations live in four places: model docstrings and registry entries (``[@key]``), case records'
``sources:`` lists (bibliography keys), the working paper (Pandoc citations) and the notebooks
(author-year prose, checked against the bibliography).  The bibliography is
``alliancegames/data/references.bib`` (package data).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from alliancegames.cases import load_cases
from alliancegames.core.references import (
    STATUSES,
    BibliographyError,
    bibliography,
    bibliography_path,
    citation_keys,
    parse_bibtex,
    reference,
)
from alliancegames.models import REGISTRY
from alliancegames.publishing.paper import paper_source

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "alliancegames"
BIB = bibliography()


def _python_texts() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted(PKG.rglob("*.py"))}


def _notebook_texts() -> dict[str, str]:
    return {
        str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "notebooks" / "src").glob("*.py"))
    }


def _case_texts() -> dict[str, str]:
    return {
        str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
        for p in sorted((PKG / "cases" / "data").glob("*.yaml"))
    }


def _paper_text() -> str:
    return paper_source().read_text(encoding="utf-8")


def _cited() -> dict[str, set[str]]:
    """Every key cited anywhere in the package, with where it is cited."""
    where: dict[str, set[str]] = {}

    def add(keys, place):
        for k in keys:
            where.setdefault(k, set()).add(place)

    for name, text in {**_python_texts(), **_notebook_texts()}.items():
        add(citation_keys(text, bracketed=True), name)
    for e in REGISTRY.values():
        add(e.references, f"model registry: {e.name}")
    for rec in load_cases():
        add((s.id for s in rec.sources), f"case {rec.id}")
    for name, text in _case_texts().items():
        data = yaml.safe_load(text)
        add((v["key"] for k, v in data.items() if isinstance(v, dict) and "key" in v), name)
    add(citation_keys(_paper_text()), "paper")
    return where


@pytest.mark.slow  # pybtex comes with sphinxcontrib-bibtex, in the slow extra
def test_the_bibliography_is_package_data_and_parses_like_bibtex():
    import pybtex.database as pybtex  # the slow extra (--runslow checks it is installed)

    path = bibliography_path()
    assert path.is_file() and path.name == "references.bib"
    theirs = pybtex.parse_file(str(path)).entries
    assert set(theirs) == set(BIB)
    for key, entry in theirs.items():
        assert int(entry.fields["year"]) == BIB[key].year, key
        assert str(entry.fields["title"]).replace("{", "").replace("}", "") == BIB[key].fields[
            "title"
        ].replace("{", "").replace("}", ""), key


def test_every_entry_states_how_far_it_was_checked():
    bad = {k: r.status for k, r in BIB.items() if r.status not in STATUSES or "status" not in r.fields}
    assert not bad, f"entries without a valid status {STATUSES}: {bad}"
    keyform = re.compile(r"[a-z][a-z0-9_]*[a-z0-9]")
    assert all(keyform.fullmatch(k) for k in BIB)


def test_every_citation_in_the_package_resolves():
    missing = {k: sorted(w) for k, w in _cited().items() if k not in BIB}
    assert not missing, f"cited but not in references.bib: {missing}"


def test_every_reference_is_cited_somewhere():
    uncited = sorted(set(BIB) - set(_cited()))
    assert not uncited, f"in references.bib but cited nowhere in the package: {uncited}"


def test_the_paper_and_the_models_cite_by_key():
    paper = set(citation_keys(_paper_text()))
    assert {"snyder1984", "zagare_kilgour2006", "crawford2003"} <= paper
    for e in REGISTRY.values():
        assert e.references and all(k in BIB for k in e.references), e.name
        assert e.citation.startswith(BIB[e.references[0]].fields["author"].split(",")[0]), e.name


def test_case_records_list_bibliography_keys_only():
    for name, text in _case_texts().items():
        data = yaml.safe_load(text)
        for s in data.get("sources") or []:
            assert isinstance(s, str), f"{name}: source {s!r} should be a key of references.bib"
        for k, v in data.items():  # data tables name their source by key, and agree with it
            if isinstance(v, dict) and "key" in v:
                ref = reference(v["key"])
                assert int(v["year"]) == ref.year and v["title"].split(" (")[0] in ref.title, (name, k)
    rec = {r.id: r for r in load_cases()}["july_1914"]
    src = rec.source("christensen_snyder1990")
    assert (src.author, src.year, src.volume, src.issue, src.pages) == (
        "Thomas J. Christensen and Jack Snyder",
        1990,
        "44",
        "2",
        "137-168",
    )


def test_no_second_copy_of_a_full_reference_outside_the_bibliography():
    """Volumes and pages live in references.bib only, so they cannot disagree between copies."""
    full = re.compile(r"\b\d{1,3}\(\d{1,2}\)[,:]? ?(?:pp\. )?\d+[-–]\d+")
    texts = {**_python_texts(), **_notebook_texts(), **_case_texts(), "paper": _paper_text()}
    texts.pop("alliancegames/core/references.py")  # its doctests show formatted citations
    texts = {k: v for k, v in texts.items() if not k.endswith("records.py")}  # a Source doctest
    copies = {name: full.findall(t) for name, t in texts.items() if full.search(t)}
    assert not copies, f"volume(issue): pages outside references.bib: {copies}"


def _surname_years() -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for r in BIB.values():
        if r.fields.get("author", "").startswith("{"):
            continue  # corporate authors (governments, NATO) are not cited author-year in prose
        for s in r.surnames:
            out.setdefault(s, set()).add(r.year)
    return out


def test_author_year_mentions_agree_with_the_bibliography():
    """'Zagare and Kilgour (2000)', 'Snyder 1984', '(Olson & Zeckhauser, 1966)': the year must be one
    of that author's works in the bibliography (catches a work cited with two different years)."""
    years = _surname_years()
    texts = {**_python_texts(), **_notebook_texts(), **_case_texts(), "paper": _paper_text()}
    readme = ROOT / "README.md"
    if readme.is_file():
        texts["README.md"] = readme.read_text(encoding="utf-8")
    other = r"(?:,? (?:and|&) [A-Z][A-Za-z'-]+)*(?: et al\.)?"
    bad = []
    for surname, ok in years.items():
        pat = re.compile(rf"\b{re.escape(surname)}{other}[,\s]*\(?((?:18|19|20)\d\d)\b(?![-–]\d)")
        for name, text in texts.items():
            for m in pat.finditer(text):
                if int(m.group(1)) not in ok:
                    bad.append(f"{name}: {m.group(0)!r} (bibliography: {sorted(ok)})")
    assert not bad, "author-year mentions with a year the bibliography does not hold:\n" + "\n".join(bad)


def test_the_author_year_check_can_fail():
    years = _surname_years()
    assert 2000 in years["Zagare"] and 2006 in years["Zagare"] and 2005 not in years["Zagare"]


def test_unknown_keys_and_malformed_entries_fail_clearly():
    with pytest.raises(BibliographyError, match="snyder1984"):
        reference("snyder1985")
    with pytest.raises(BibliographyError, match="duplicate"):
        parse_bibtex("@book{a2000, title={T}, year={2000}}\n@book{a2000, title={U}, year={2000}}")
    with pytest.raises(BibliographyError, match="unbalanced"):
        parse_bibtex("@book{a2000, title={T, year={2000}")
