"""Figures and tables of the working paper, built by ``alliancegames reproduce``.

Each artefact is a function ``build(out_dir) -> list[Path]`` registered under a
name with :func:`artefact`; its files go to ``out_dir / "paper" / ...``.  The
paper (``papers/alliance-security-dilemma/paper.md``) refers to them by
relative path — ``![caption](figures/NAME.png)`` for figures and
``<!-- include: tables/NAME.md -->`` for tables — and the ``paper`` job writes
``paper/paper.md`` with every table included, so no number is copied by hand.
:func:`references` lists what the paper refers to; a test checks that the run
produces each of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from alliancegames.publishing.reproduce import Job

__all__ = ["Artefact", "artefact", "ARTEFACTS", "jobs", "references", "paper_source", "build_paper"]

PAPER_DIR = Path(__file__).resolve().parents[2] / "papers" / "alliance-security-dilemma"
_INCLUDE = re.compile(r"<!--\s*include:\s*(\S+)\s*-->")
_FIGURE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


@dataclass(frozen=True)
class Artefact:
    name: str
    kind: str  # "figure", "table", "scorecard"
    outputs: tuple[str, ...]  # paths relative to out/paper
    build: Callable[[Path], list[Path]]
    description: str = ""


ARTEFACTS: dict[str, Artefact] = {}


def artefact(name: str, kind: str, outputs: tuple[str, ...], description: str = ""):
    """Register a builder ``f(paper_dir) -> list[Path]`` that writes ``outputs`` under ``paper_dir``."""

    def deco(f: Callable[[Path], list[Path]]) -> Callable[[Path], list[Path]]:
        ARTEFACTS[name] = Artefact(name, kind, outputs, f, description)
        return f

    return deco


def paper_source() -> Path:
    """The paper's source, ``paper.md`` with its include markers."""
    return PAPER_DIR / "paper.md"


def references(text: str | None = None) -> set[str]:
    """Relative paths of every figure and included table the paper refers to."""
    if text is None:
        text = paper_source().read_text(encoding="utf-8")
    return set(_INCLUDE.findall(text)) | {f for f in _FIGURE.findall(text) if not f.startswith("http")}


def build_paper(paper_dir: Path) -> list[Path]:
    """Write ``paper.md`` with every include marker (``<!-- include: PATH -->``) replaced by the generated file."""
    text = paper_source().read_text(encoding="utf-8")
    missing = sorted(r for r in references(text) if not (paper_dir / r).is_file())
    if missing:
        raise FileNotFoundError(f"the paper refers to artefacts the run did not produce: {missing}")

    def include(m: re.Match) -> str:
        return (paper_dir / m.group(1)).read_text(encoding="utf-8").rstrip("\n")

    out = paper_dir / "paper.md"
    out.write_text(_INCLUDE.sub(include, text), encoding="utf-8")
    return [out]


def _run_artefact(name: str, out: Path) -> list[Path]:
    from alliancegames.publishing import paper_artefacts  # noqa: F401  (registers the builders in a worker process)

    d = out / "paper"
    d.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS[name].build(d)


def _run_paper(out: Path) -> list[Path]:
    return build_paper(out / "paper")


def _artefact_job(a: Artefact) -> Job:
    return Job(f"{a.kind}:{a.name}", a.kind, partial(_run_artefact, a.name), a.description)


def jobs() -> list[Job]:
    """Jobs for the reproduce run: every artefact, then the paper itself (which needs them all)."""
    from alliancegames.publishing import paper_artefacts  # noqa: F401  (registers the builders)

    js = [_artefact_job(a) for a in ARTEFACTS.values()]
    if paper_source().is_file():
        js.append(
            Job(
                "paper:alliance-security-dilemma",
                "paper",
                _run_paper,
                "the working paper with generated tables included",
            )
        )
    return js
