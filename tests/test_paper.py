"""The working paper refers only to artefacts the reproduce run produces, and they build."""

import pytest

from alliancegames.publishing import paper


def _declared():
    paper.jobs()  # registers the builders
    return {out: a for a in paper.ARTEFACTS.values() for out in a.outputs}


def test_every_reference_of_the_paper_is_produced_by_an_artefact():
    declared = _declared()
    refs = paper.references()
    assert refs, "the paper refers to no generated table or figure"
    missing = sorted(r for r in refs if r not in declared)
    assert not missing, f"paper.md refers to artefacts no builder produces: {missing}"


def test_references_are_found_in_markdown():
    text = "![a](figures/x.png)\n<!-- include: tables/y.md -->\n![web](https://example.org/z.png)"
    assert paper.references(text) == {"figures/x.png", "tables/y.md"}


def test_build_paper_refuses_a_missing_artefact(tmp_path):
    with pytest.raises(FileNotFoundError, match="did not produce"):
        paper.build_paper(tmp_path)


@pytest.mark.slow
def test_all_artefacts_build_and_the_paper_assembles(tmp_path):
    declared = _declared()
    for a in paper.ARTEFACTS.values():
        files = a.build(tmp_path)
        assert {f.relative_to(tmp_path).as_posix() for f in files} == set(a.outputs), a.name
    for out in declared:
        assert (tmp_path / out).stat().st_size > 0
    (built,) = paper.build_paper(tmp_path)
    text = built.read_text()
    assert "<!-- include:" not in text
    assert "| model | kind |" in text


def test_statics_table_signs_agree_with_the_solver(tmp_path):
    """The table's signs for the cost of entrapment, checked by finite differences of solve()."""
    from fractions import Fraction as F

    from alliancegames import solve
    from alliancegames.models import get_model
    from alliancegames.publishing.paper_artefacts import build_statics

    (path,) = build_statics(tmp_path)
    row = next(line for line in path.read_text().splitlines() if line.startswith("| `c_entrap`"))
    assurance, chicken = [c.strip() for c in row.strip("|").split("|")][2:4]
    assert (assurance, chicken) == ("positive", "negative")

    model = get_model("snyder_alliance")

    def p_firm(**values):
        (mixed,) = [e for e in solve(model, params=values, exact=True) if not e.is_pure]
        return mixed.strategies[0][0]

    h = F(1, 100)
    # chicken: a > e, p e > v, p a > v
    chicken_pt = dict(v_protect=F(1), c_abandon=F(5), c_entrap=F(4), p_conflict=F(1, 2))
    assert p_firm(**{**chicken_pt, "c_entrap": chicken_pt["c_entrap"] + h}) < p_firm(**chicken_pt)
    # assurance: a < e, p e < v
    assurance_pt = dict(v_protect=F(3), c_abandon=F(1), c_entrap=F(4), p_conflict=F(1, 2))
    assert p_firm(**{**assurance_pt, "c_entrap": assurance_pt["c_entrap"] + h}) > p_firm(**assurance_pt)
