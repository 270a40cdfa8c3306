"""The working paper: built only from generated artefacts, numbered, typeset, found from an install."""

import ast
import json
import re
from pathlib import Path

import pytest

from alliancegames.publishing import paper, paper_artefacts

ROOT = Path(__file__).resolve().parents[1]
PUBLISHING = ROOT / "alliancegames" / "publishing"


def _declared():
    return {out: a for a in paper.ARTEFACTS for out in a.outputs}


def test_every_reference_of_the_paper_is_produced_by_an_artefact():
    declared = _declared()
    refs = paper.references()
    assert refs, "the paper refers to no generated table, figure or number"
    missing = sorted(r for r in refs if r not in declared)
    assert not missing, f"paper.md refers to artefacts no builder produces: {missing}"


def test_references_are_found_in_markdown():
    text = "![a](figures/x.png)\n<!-- include: tables/y.md -->\n![web](https://example.org/z.png) {{n.k}}"
    assert paper.references(text) == {"figures/x.png", "tables/y.md", "numbers/n.json"}


def test_build_paper_refuses_a_missing_artefact(tmp_path):
    with pytest.raises(FileNotFoundError, match="did not produce"):
        paper.build_paper(tmp_path)


def test_the_paper_has_the_sections_a_paper_needs():
    text = paper.paper_text()
    assert re.search(r"^abstract: \|", text, re.M)
    heads = re.findall(r"^# (.+)$", text, re.M)
    for need in (
        "Introduction",
        "Literature",
        "Models",
        "Results",
        "Cases and the scorecard",
        "Discussion and limits",
    ):
        assert need in heads, need
    assert "::: {#refs}" in text  # the reference list comes from the bibliography


def _prose(text: str) -> str:
    """The paper's own words: generated parts, citations, mathematics and labels removed."""
    text = re.sub(r"\{\{[^}]*\}\}", " ", text)  # numbers filled in from artefacts
    text = re.sub(r"<!--.*?-->", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # image paths
    text = re.sub(r"\{#[^}]*\}", " ", text)
    text = re.sub(r"@(?:fig|tbl):[\w-]+", " ", text)
    text = re.sub(r"\[-?@[^\]]*\]|@[a-z][a-z0-9_]*", " ", text)
    text = re.sub(r"\$[^$]*\$", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    return re.sub(r"\b(?:1[89]\d\d|20[0-4]\d)s?\b", " ", text)  # years and decades


def test_every_number_in_the_prose_comes_from_an_artefact():
    """Apart from years, the prose holds no digit: every figure it quotes is a {{artefact.key}}."""
    typed = re.findall(r"[^\n]{0,30}\d[^\n]{0,30}", _prose(paper.paper_text()))
    assert not typed, (
        f"numbers typed into the paper's prose (use a {{{{name.key}}}} from an artefact): {typed}"
    )


def test_the_number_check_can_fail():
    assert re.search(r"\d", _prose("Agreement in 9 of 16 cases (Snyder 1984, $p < 1/2$)."))
    assert not re.search(r"\d", _prose("In {{scorecard.n_yes}} cases since 1945 [@snyder1984], $p < 1/2$."))


def test_numbers_figures_and_tables_in_order_and_resolves_references():
    text = (
        "See @fig:b and @tbl:a.\n\n![Second.](figures/b.png){#fig:b}\n\nTable: First table. {#tbl:a}\n\n"
        "| x |\n|---|\n| 1 |\n\n![Third.](figures/c.png){#fig:c} and @fig:c."
    )
    out = paper._number_labels(text)
    assert out.startswith("See Figure 1 and Table 1.")
    assert "![Figure 1: Second.](figures/b.png){#fig-b}" in out
    assert "**Table 1.** First table." in out
    assert "Figure 2: Third." in out and out.endswith("and Figure 2.")
    with pytest.raises(paper.PaperError, match="undefined"):
        paper._number_labels("see @fig:nowhere")


def test_every_figure_and_table_is_captioned_and_referred_to():
    text = paper.paper_text()
    labels = re.findall(r"\{#((?:fig|tbl):[\w-]+)\}", text)
    refs = set(re.findall(r"@((?:fig|tbl):[\w-]+)", text))
    assert labels and len(labels) == len(set(labels))
    assert set(labels) == refs, f"unreferenced: {set(labels) - refs}; undefined: {refs - set(labels)}"
    assert len(re.findall(r"<!-- include: tables/", text)) == sum(lab.startswith("tbl:") for lab in labels)


def test_the_paper_source_is_package_data():
    src = paper.paper_source()
    assert src.is_file() and PUBLISHING in src.parents
    cfg = (ROOT / "setup.cfg").read_text()
    assert "publishing/papers/*/*.md" in cfg and "data/*.bib" in cfg


def _imports(module: Path) -> set[str]:
    tree = ast.parse(module.read_text())
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out


def test_no_import_circle_and_no_registration_by_import():
    assert not any("reproduce" in m for m in _imports(PUBLISHING / "paper.py"))
    assert not any(
        m.endswith(".paper") or m.endswith("paper") for m in _imports(PUBLISHING / "paper_artefacts.py")
    )
    assert not any("reproduce" in m for m in _imports(PUBLISHING / "problems.py"))
    # the builders are listed explicitly: every public build_* function is in ARTEFACTS
    builders = {n for n in dir(paper_artefacts) if n.startswith("build_")}
    assert builders == {a.build.__name__ for a in paper.ARTEFACTS}


# --------------------------------------------------------------------------- figures
FAST_FIGURES = ("buck-passing", "nato-burden-sharing")


def _check_figure(name):
    from matplotlib.text import Annotation

    from alliancegames.studies.plot import overlapping_labels, text_outside_canvas

    fig = paper_artefacts.FIGURES[name]()
    try:
        assert text_outside_canvas(fig) == [], name
        for ax in fig.axes:
            assert overlapping_labels(ax) == [], name
            assert ax.get_title() == "", f"{name}: titles belong in the caption"
            for label in (ax.get_xlabel(), ax.get_ylabel()):
                assert not re.search(r"(?<![{$\\])\b[a-z]+_[a-z]+\b(?![^$]*\$)", label), (
                    f"{name}: raw name in {label!r}"
                )
        assert fig._suptitle is None
        labelled = [t for ax in fig.axes for t in ax.texts if isinstance(t, Annotation)]
        return fig, labelled
    finally:
        import matplotlib.pyplot as plt

        plt.close(fig)


@pytest.mark.parametrize("name", FAST_FIGURES)
def test_figure_text_inside_canvas_labels_apart_no_titles(name):
    _check_figure(name)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(set(paper_artefacts.FIGURES) - set(FAST_FIGURES)))
def test_slow_figure_text_inside_canvas_labels_apart_no_titles(name):
    _check_figure(name)


def test_nato_labels_do_not_overlap_where_they_used_to():
    _, labelled = _check_figure("nato-burden-sharing")
    assert {"France", "Germany"} <= {t.get_text() for t in labelled}


def test_figures_are_vector_pdf_and_300_dpi_png(tmp_path):
    from PIL import Image

    files = paper_artefacts.build_buck_passing(tmp_path)
    png = next(f for f in files if f.suffix == ".png")
    pdf = next(f for f in files if f.suffix == ".pdf")
    dpi = Image.open(png).info.get("dpi")
    assert dpi and round(dpi[0]) == 300
    assert pdf.read_bytes().startswith(b"%PDF") and b"/Subtype /Image" not in pdf.read_bytes()


# --------------------------------------------------------------------------- the full build
@pytest.mark.slow
def test_all_artefacts_build_and_the_paper_typesets_identically_twice(tmp_path):
    pytest.importorskip("typst")
    pytest.importorskip("pypandoc")
    for a in paper.ARTEFACTS:
        files = a.build(tmp_path)
        assert {f.relative_to(tmp_path).as_posix() for f in files} == set(a.outputs), a.name
    for out in _declared():
        assert (tmp_path / out).stat().st_size > 0
    built = paper.build_paper(tmp_path)
    assert {p.name for p in built} == {"paper.md", "paper.typ", "paper.pdf", "paper.html"}
    text = " ".join((tmp_path / "paper.md").read_text().split())
    assert "<!-- include:" not in text and "{{" not in text and "@fig:" not in text
    numbers = json.loads((tmp_path / "numbers" / "scorecard.json").read_text())
    assert f"in {numbers['n_yes']}, partly in {numbers['n_partial']}" in text and "informative" in text
    html = (tmp_path / "paper.html").read_text()
    assert "Figure 1:" in html and "Snyder, Glenn H. 1984" in html and 'src="figures/' in html
    first = {p.name: p.read_bytes() for p in built}
    again = paper.build_paper(tmp_path)
    assert {p.name: p.read_bytes() for p in again} == first
