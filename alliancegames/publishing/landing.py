"""The landing page of a reproduce run: ``index.html`` at the top of the output folder.

It tells a newcomer what the analysis is and where to start: one line and a thumbnail per notebook,
the paper and its figures and tables, the problem set, the documentation when it was built, and a
summary of the manifest (versions, seeds, run time, files and their hashes). Every link is relative
and points at a file the run produced; ``tests/test_landing.py`` parses the page and checks that.

Everything on the page is deterministic except the run time, which sits in one element
``<span class="run-time">`` so that two runs can be compared with it removed.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["NotebookEntry", "notebook_entry", "write_index", "write_thumbnails"]

_TITLE = "alliancegames — reproduced analyses"
_ABOUT = (
    "The game theory of military alliances, computed: symbolic models of abandonment and entrapment, "
    "every Nash equilibrium found exactly, the conditions under which each exists, regime maps, "
    "historical cases scored against the models, and the working paper built from these outputs."
)
_CSS = """
body { font-family: system-ui, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.7rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: .6rem; }
.card img { width: 100%; height: 9rem; object-fit: contain; background: #fafafa; }
.card .noimg { height: 9rem; display: flex; align-items: center; justify-content: center; background: #fafafa; color: #888; }
.card p { margin: .3rem 0; font-size: .9rem; }
table { border-collapse: collapse; font-size: .85rem; } td, th { padding: .2rem .6rem; border-bottom: 1px solid #eee; text-align: left; }
code { font-size: .85rem; }
"""


@dataclass(frozen=True)
class NotebookEntry:
    """What the landing page shows of one executed notebook."""

    stem: str
    title: str
    summary: str
    seeds: tuple[int, ...]
    thumbnail_png: bytes | None


def _first_sentence(text: str) -> str:
    """The first sentence of a Markdown paragraph, without markup or a run-in heading.

    >>> _first_sentence("**Question.** Was the commitment *credible*? The outcome: no attack.")
    'Was the commitment credible?'
    """
    text = re.sub(r"^\s*\*\*[^*\n]{1,40}[.:]\*\*\s*", "", text)  # a run-in heading ("**Question.**")
    text = re.sub(r"\s+", " ", re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", text)).strip()
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    return (m.group(1) if m else text)[:240]


def notebook_entry(ipynb: Path) -> NotebookEntry:
    """Title (first heading), first sentence, seeds set in its code and first image of a notebook."""
    nb = json.loads(Path(ipynb).read_text(encoding="utf-8"))
    title, summary, seeds, thumb = Path(ipynb).stem, "", set(), None
    for cell in nb.get("cells", []):
        src = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "markdown":
            for block in re.split(r"\n\s*\n", src):
                block = block.strip()
                if block.startswith("#") and title == Path(ipynb).stem:
                    title = block.splitlines()[0].lstrip("#").strip()
                    rest = "\n".join(block.splitlines()[1:]).strip()
                    if rest and not summary:
                        summary = _first_sentence(rest)
                elif block and not block.startswith("#") and not summary:
                    summary = _first_sentence(block)
        elif cell.get("cell_type") == "code":
            seeds.update(int(s) for s in re.findall(r"\b(?:seed|random_state)\s*=\s*(\d+)", src))
            for out in cell.get("outputs", []):
                png = out.get("data", {}).get("image/png")
                if png and thumb is None:
                    thumb = base64.b64decode("".join(png) if isinstance(png, list) else png)
    return NotebookEntry(Path(ipynb).stem, title, summary, tuple(sorted(seeds)), thumb)


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


def _files(out: Path, pattern: str) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.glob(pattern) if p.is_file())


def write_thumbnails(out: Path, notebooks: Sequence[Path]) -> list[Path]:
    """Write ``thumbnails/STEM.png`` (the first figure) for each executed notebook that has one."""
    thumbs = []
    for ipynb in notebooks:
        entry = notebook_entry(ipynb)
        if entry.thumbnail_png is not None:
            thumb = Path(out) / "thumbnails" / f"{entry.stem}.png"
            thumb.parent.mkdir(parents=True, exist_ok=True)
            thumb.write_bytes(entry.thumbnail_png)
            thumbs.append(thumb)
    return thumbs


def write_index(
    out: Path,
    notebooks: Sequence[Path],
    manifest: dict,
    seconds: float,
    failed: Sequence[str] = (),
) -> Path:
    """Write ``index.html`` into ``out`` and return its path.

    ``notebooks`` are the executed ``.ipynb`` files (their HTML renderings sit beside them, their
    thumbnails were written by :func:`write_thumbnails`); ``manifest`` is the run's manifest
    (versions, jobs, files with hashes).
    """
    out = Path(out)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(_TITLE)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(_TITLE)}</h1>",
        f"<p>{html.escape(_ABOUT)}</p>",
    ]
    if failed:
        parts.append(
            "<p><strong>Some jobs failed:</strong> "
            + html.escape(", ".join(failed))
            + " (see the run's report).</p>"
        )

    start = [
        ("paper/paper.pdf", "the paper (PDF)"),
        ("paper/paper.html", "the paper (HTML)"),
        ("paper/paper.md", "the paper (Markdown)"),
        ("docs/index.html", "the documentation"),
    ]
    present = [(h, t) for h, t in start if (out / h).is_file()]
    if present:
        parts.append("<p>Start here: " + " · ".join(_link(h, t) for h, t in present) + ".</p>")

    parts.append("<h2>Notebooks</h2><div class='cards'>")
    for ipynb in notebooks:
        entry = notebook_entry(ipynb)
        page = Path(ipynb).with_suffix(".html").relative_to(out).as_posix()
        if (out / "thumbnails" / f"{entry.stem}.png").is_file():
            img = f'<a href="{html.escape(page)}"><img src="thumbnails/{html.escape(entry.stem)}.png" alt="first figure of {html.escape(entry.title)}"></a>'
        else:
            img = "<div class='noimg'>no figure</div>"
        seeds = f" Seeds: {', '.join(map(str, entry.seeds))}." if entry.seeds else ""
        parts.append(
            f"<div class='card'>{img}<p><strong>{_link(page, entry.title)}</strong></p>"
            f"<p>{html.escape(entry.summary)}{html.escape(seeds)}</p>"
            f"<p>{_link(Path(ipynb).relative_to(out).as_posix(), 'executed notebook (.ipynb)')}</p></div>"
        )
    parts.append("</div>")

    figures = _files(out, "paper/figures/*.png")
    if figures:
        parts.append("<h2>Paper figures</h2><div class='cards'>")
        for f in figures:
            pdf = f[:-4] + ".pdf"
            extra = f" · {_link(pdf, 'PDF')}" if (out / pdf).is_file() else ""
            parts.append(
                f'<div class=\'card\'><a href="{html.escape(f)}"><img src="{html.escape(f)}" alt="{html.escape(Path(f).stem)}"></a>'
                f"<p>{_link(f, Path(f).stem)}{extra}</p></div>"
            )
        parts.append("</div>")
    tables = [
        f
        for f in _files(out, "paper/**/*")
        if Path(f).suffix in (".md", ".csv", ".tex") and not f.startswith("paper/paper.")
    ]
    if tables:
        parts.append("<h2>Tables</h2><ul>" + "".join(f"<li>{_link(f, f)}</li>" for f in tables) + "</ul>")
    problems = [
        f
        for f in _files(out, "**/*")
        if ("problem" in f or "answer" in f) and not f.endswith(".ipynb") and not f.startswith("thumbnails/")
    ]
    if problems:
        parts.append(
            "<h2>Problem set</h2><ul>" + "".join(f"<li>{_link(f, f)}</li>" for f in problems) + "</ul>"
        )

    versions = manifest.get("versions", {})
    jobs = manifest.get("jobs", [])
    files = manifest.get("files", [])
    parts.append("<h2>Run</h2>")
    parts.append(
        f"<p>{sum(1 for j in jobs if j.get('ok'))}/{len(jobs)} jobs ok; {len(files)} files, each with its "
        f"SHA-256 in {_link('manifest.json', 'manifest.json')}; run time "
        f'<span class="run-time">{seconds:.0f} s</span>.</p>'
    )
    parts.append(
        "<table><tr><th>package</th><th>version</th></tr>"
        + "".join(
            f"<tr><td>{html.escape(k)}</td><td>{html.escape(str(v))}</td></tr>"
            for k, v in sorted(versions.items())
        )
        + "</table>"
    )
    parts.append(
        "<details><summary>Files and hashes</summary><table><tr><th>file</th><th>SHA-256 (first 12)</th><th>job</th></tr>"
        + "".join(
            f"<tr><td>{_link(f['file'], f['file'])}</td><td><code>{f['sha256'][:12]}</code></td>"
            f"<td>{html.escape(f['produced_by'])}</td></tr>"
            for f in files
        )
        + "</table></details>"
    )
    parts.append("</body></html>\n")
    index = out / "index.html"
    index.write_text("\n".join(parts), encoding="utf-8")
    return index
