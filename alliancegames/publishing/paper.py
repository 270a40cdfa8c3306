"""The working paper: its generated artefacts, its source, and its typeset build.

The paper's source ships inside the package
(``alliancegames/publishing/papers/alliance-security-dilemma/paper.md``), so an
installed wheel builds it too.  It is Pandoc Markdown with four kinds of
generated content, all produced by the builders listed in :data:`ARTEFACTS`
(functions of :mod:`alliancegames.publishing.paper_artefacts`; the list is
explicit, nothing registers itself on import):

* ``<!-- include: tables/NAME.md -->`` -- a generated table, included verbatim;
* ``![caption](figures/NAME.png){#fig:NAME}`` -- a generated figure (the PDF
  uses its vector twin ``figures/NAME.pdf``);
* ``{{NAME.key}}`` -- a number the prose quotes, read from ``numbers/NAME.json``
  written by the builder that computed it; the prose holds no other digits
  than years (a test checks), so no number in the text is typed by hand;
* ``@fig:NAME`` / ``@tbl:NAME`` -- references to numbered figures and tables
  (``Table: caption {#tbl:NAME}`` after an included table gives it a number).

:func:`build_paper` assembles ``paper/paper.md`` and typesets ``paper.pdf`` and
``paper.html`` (:mod:`alliancegames.publishing.typeset`).  :func:`tasks` lists the
reproduce run's units for the paper; :mod:`alliancegames.publishing.reproduce`
wraps them as jobs (this module does not import it: no import circle).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from alliancegames.publishing import paper_artefacts as A
from alliancegames.publishing.tasks import Task
from alliancegames.publishing.typeset import typeset

__all__ = [
    "Artefact",
    "ARTEFACTS",
    "Task",
    "tasks",
    "references",
    "paper_source",
    "paper_text",
    "assemble",
    "build_paper",
    "PaperError",
    "PAPER_TITLE",
]

PAPER_RESOURCE = ("papers", "alliance-security-dilemma", "paper.md")
PAPER_TITLE = "The Alliance Security Dilemma, Computed"
_INCLUDE = re.compile(r"<!--\s*include:\s*(\S+)\s*-->")
_FIGURE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
_NUMBER = re.compile(r"\{\{\s*([\w-]+)\.(\w+)\s*\}\}")
_LABEL = re.compile(r"\{#(fig|tbl):([\w-]+)\}")
_REF = re.compile(r"@(fig|tbl):([\w-]+)")


class PaperError(ValueError):
    """The paper refers to a figure, table, number or label that the run did not produce."""


@dataclass(frozen=True)
class Artefact:
    """A generated part of the paper: ``build(paper_dir)`` writes ``outputs`` (relative to ``paper_dir``)."""

    name: str
    kind: str  # "figure", "table", "scorecard"
    outputs: tuple[str, ...]
    build: Callable[[Path], list[Path]]
    description: str = ""

    def run(self, out: Path) -> list[Path]:
        """Build into ``out / "paper"`` (the reproduce run's folder layout)."""
        d = Path(out) / "paper"
        d.mkdir(parents=True, exist_ok=True)
        return self.build(d)


def _fig(name: str) -> tuple[str, str]:
    return (f"figures/{name}.pdf", f"figures/{name}.png")


ARTEFACTS: tuple[Artefact, ...] = (
    Artefact(
        "models",
        "table",
        ("tables/models.md", "numbers/models.json"),
        A.build_models,
        "the model library with its sources",
    ),
    Artefact(
        "regions-snyder-alliance",
        "table",
        (
            "tables/regions-snyder-alliance.md",
            "tables/regions-snyder-alliance.tex",
            "numbers/regions-snyder-alliance.json",
        ),
        A.build_regions_snyder,
        "equilibrium regions of Snyder's alliance game",
    ),
    Artefact(
        "statics-snyder-alliance",
        "table",
        ("tables/statics-snyder-alliance.md",),
        A.build_statics,
        "signed comparative statics of the mixed commitment equilibrium of Snyder's alliance game",
    ),
    Artefact(
        "regions-primary-alliance",
        "table",
        ("tables/regions-primary-alliance.md",),
        A.build_regions_primary,
        "equilibrium regions of the primary alliance dilemma",
    ),
    Artefact(
        "regime-map-snyder-alliance",
        "figure",
        (*_fig("regime-map-snyder-alliance"), "numbers/regime-map-snyder-alliance.json"),
        A.build_regime_map,
        "regime map of Snyder's alliance game over the cost of entrapment and the probability of conflict",
    ),
    Artefact(
        "monte-carlo-snyder-alliance",
        "figure",
        (
            "tables/monte-carlo-snyder-alliance.md",
            *_fig("monte-carlo-snyder-alliance"),
            "numbers/monte-carlo-snyder-alliance.json",
        ),
        A.build_monte_carlo,
        "regime probabilities of Snyder's alliance game over the codings' plausible ranges",
    ),
    Artefact(
        "deterrence-spe",
        "table",
        ("tables/deterrence-spe.md",),
        A.build_deterrence,
        "calculus of deterrence by backward induction",
    ),
    Artefact(
        "extended-deterrence-spe",
        "table",
        ("tables/extended-deterrence-spe.md", "numbers/extended-deterrence.json"),
        A.build_extended_deterrence,
        "extended deterrence with a protégé by backward induction",
    ),
    Artefact(
        "signalling",
        "figure",
        (
            *_fig("signalling-regime-map"),
            "tables/signalling-pbe.md",
            "tables/taiwan-case.md",
            "tables/taiwan-clarity.md",
            "numbers/signalling.json",
        ),
        A.build_signalling,
        "perfect Bayesian equilibria of the costly-alliance signal and the Taiwan case (strategic ambiguity)",
    ),
    Artefact(
        "buck-passing",
        "figure",
        ("tables/buck-passing.md", *_fig("buck-passing"), "numbers/buck-passing.json"),
        A.build_buck_passing,
        "volunteer's dilemma: probability of balancing and of nobody balancing against N",
    ),
    Artefact(
        "burden-sharing-theory",
        "table",
        ("tables/burden-sharing-theory.md",),
        A.build_burden_theory,
        "Olson-Zeckhauser closed forms",
    ),
    Artefact(
        "burden-sharing-nato",
        "figure",
        ("tables/burden-sharing-nato.md", *_fig("nato-burden-sharing"), "numbers/burden-sharing-nato.json"),
        A.build_burden_nato,
        "NATO defence burdens against economic size, 2014 and 2024 (estimates)",
    ),
    Artefact(
        "scorecard",
        "scorecard",
        ("tables/scorecard.md", "tables/scorecard.csv", "numbers/scorecard.json"),
        A.build_scorecard,
        "every case: predicted regime with its probability against the observed outcome",
    ),
)


def paper_source() -> Path:
    """The path of the paper's source inside the installed package."""
    return Path(str(resources.files("alliancegames.publishing").joinpath(*PAPER_RESOURCE)))


def paper_text() -> str:
    """The paper's source text (package data)."""
    return resources.files("alliancegames.publishing").joinpath(*PAPER_RESOURCE).read_text(encoding="utf-8")


def references(text: str | None = None) -> set[str]:
    """Relative paths of every figure, included table and number file the paper refers to.

    Examples
    --------
    >>> sorted(references("![a](figures/x.png){#fig:x} <!-- include: tables/y.md --> {{z.k}}"))
    ['figures/x.png', 'numbers/z.json', 'tables/y.md']
    """
    if text is None:
        text = paper_text()
    figures = {f for f in _FIGURE.findall(text) if not f.startswith("http")}
    numbers = {f"numbers/{m.group(1)}.json" for m in _NUMBER.finditer(text)}
    return set(_INCLUDE.findall(text)) | figures | numbers


def _number_labels(text: str) -> str:
    """Number figures and tables in order of appearance; resolve ``@fig:``/``@tbl:`` references."""
    numbers: dict[tuple[str, str], int] = {}
    counters = {"fig": 0, "tbl": 0}
    word = {"fig": "Figure", "tbl": "Table"}

    def label(m: re.Match) -> str:
        kind, name = m.group(1), m.group(2)
        if (kind, name) in numbers:
            raise PaperError(f"label {kind}:{name} is defined twice")
        counters[kind] += 1
        numbers[(kind, name)] = counters[kind]
        return "{#fig-" + name + "}" if kind == "fig" else ""

    # captions: a figure's is the image's alt text; a table's is its "Table: ..." line
    out_lines = []
    for line in text.split("\n"):
        m = _LABEL.search(line)
        if m:
            line = _LABEL.sub(label, line).rstrip()
            n = numbers[(m.group(1), m.group(2))]
            prefix = f"{word[m.group(1)]} {n}: "
            if m.group(1) == "fig":
                line = re.sub(r"!\[", "![" + prefix, line, count=1)
            else:  # a caption paragraph above the table, as social-science journals set them
                line = re.sub(r"^Table:\s*", f"**{word['tbl']} {n}.** ", line)
        out_lines.append(line)
    text = "\n".join(out_lines)

    def ref(m: re.Match) -> str:
        key = (m.group(1), m.group(2))
        if key not in numbers:
            raise PaperError(f"reference to an undefined {word[key[0]].lower()} {key[0]}:{key[1]}")
        return f"{word[key[0]]} {numbers[key]}"

    return _REF.sub(ref, text)


def assemble(paper_dir: Path, text: str | None = None) -> str:
    """The paper's Markdown with tables included, numbers filled in and labels numbered."""
    text = paper_text() if text is None else text
    missing = sorted(r for r in references(text) if not (paper_dir / r).is_file())
    if missing:
        raise FileNotFoundError(f"the paper refers to artefacts the run did not produce: {missing}")

    def include(m: re.Match) -> str:
        return (paper_dir / m.group(1)).read_text(encoding="utf-8").rstrip("\n")

    values: dict[str, dict[str, str]] = {}

    def number(m: re.Match) -> str:
        name, key = m.group(1), m.group(2)
        if name not in values:
            values[name] = json.loads((paper_dir / "numbers" / f"{name}.json").read_text(encoding="utf-8"))
        if key not in values[name]:
            raise PaperError(f"numbers/{name}.json has no {key!r}; it has {sorted(values[name])}")
        return str(values[name][key])

    text = _NUMBER.sub(number, text)
    text = _INCLUDE.sub(include, text)
    return _number_labels(text)


def build_paper(paper_dir: Path, formats: tuple[str, ...] = ("pdf", "html")) -> list[Path]:
    """Write ``paper.md`` (assembled), ``paper.typ``, ``paper.pdf`` and ``paper.html`` into ``paper_dir``."""
    text = assemble(paper_dir)
    md = paper_dir / "paper.md"
    md.write_text(text, encoding="utf-8")
    return [md, *typeset(text, paper_dir, "paper", formats=formats)]


def _run_paper(out: Path) -> list[Path]:
    return build_paper(Path(out) / "paper")


def tasks() -> list[Task]:
    """The paper's units of the reproduce run: every artefact, then the paper (which needs them all)."""
    out = [Task(f"{a.kind}:{a.name}", a.kind, a.run, a.description) for a in ARTEFACTS]
    out.append(
        Task(
            "paper:alliance-security-dilemma",
            "paper",
            _run_paper,
            "the working paper, assembled and typeset (paper.pdf, paper.html)",
        )
    )
    return out
