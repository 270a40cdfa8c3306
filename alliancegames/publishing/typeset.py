"""Typeset Markdown (Pandoc's dialect, TeX math, Pandoc citations) to PDF and HTML.

The toolchain comes from the package index alone (the ``paper`` extra):

* **Pandoc** (``pypandoc-binary``, which ships the ``pandoc`` executable): Markdown
  to HTML (MathML, no network at read time) and Markdown to Typst; its citeproc
  formats citations and the reference list from the package bibliography
  (``alliancegames/data/references.bib``, Chicago author-date).
* **Typst** (``typst``, the compiler as a Python extension with its fonts built in):
  Typst to PDF.  A LaTeX installation is not on the package index; Typst is, it
  compiles a paper in well under a second, embeds vector PDF figures, and with
  system fonts ignored and a fixed date it writes the same bytes on every machine.

Determinism: no dates in the documents, ``SOURCE_DATE_EPOCH``-style fixed
timestamp for Typst, only Typst's embedded fonts, no generator timestamps in HTML.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> files = typeset("# A title\\n\\nAs @snyder1984 argues, $x^2 < 1$.\\n", d, "demo", title="Demo")
>>> sorted(p.name for p in files)
['demo.html', 'demo.pdf', 'demo.typ']
>>> b"Snyder" in (d / "demo.html").read_bytes(), (d / "demo.pdf").read_bytes()[:5]
(True, b'%PDF-')
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from pathlib import Path

from alliancegames.core.references import bibliography_path

__all__ = ["TypesetError", "typeset", "typst_source", "html_document", "TYPST_PREAMBLE"]


class TypesetError(RuntimeError):
    """The typesetting tools are missing or a document does not compile."""


# A4, 11 pt Libertinus (embedded in Typst), numbered sections; figures and tables are numbered by
# the paper's own pass (so that HTML and PDF agree), hence no Typst numbering; no document date.
TYPST_PREAMBLE = """#set document(date: none)
#set figure(numbering: none)
#show figure: set block(breakable: true)
#show figure.where(kind: table): set figure.caption(position: top)
#set table(inset: (x: 4pt, y: 3pt), stroke: (x, y) => if y == 0 { (bottom: 0.6pt) } else { none })
#show table: set text(size: 8.5pt)
#show table: set par(justify: false)
#set par(justify: true)
"""

_FIXED_DATE = _dt.datetime(2000, 1, 1, tzinfo=_dt.UTC)


def _tools():
    try:
        import pypandoc  # import time: the typesetters only when typesetting
        import typst  # import time: the compiler binding loads only when typesetting
    except ImportError as exc:  # an optional extra: say which
        raise TypesetError(
            f"typesetting needs pandoc and typst: pip install 'alliancegames[paper]' ({exc})"
        ) from None
    return pypandoc, typst


def _pandoc_args(title: str | None, citations: bool) -> list[str]:  # shared by both writers
    args = ["--standalone", "--wrap=none"]
    if title:
        args += ["--metadata", f"title={title}"]
    if citations:
        args += ["--citeproc", f"--bibliography={bibliography_path()}"]
    return args


def typst_source(
    markdown: str, *, title: str | None = None, citations: bool = True, numbered: bool = True
) -> str:
    """The Typst source Pandoc writes for ``markdown`` (A4, 11 pt, numbered sections)."""
    pypandoc, _ = _tools()
    args = _pandoc_args(title, citations) + [
        "--variable=papersize:a4",
        "--variable=fontsize:11pt",
    ]
    if numbered:
        args.append("--variable=section-numbering:1.1")
    typ = pypandoc.convert_text(markdown, "typst", format="markdown", extra_args=args)
    # the preamble goes after Pandoc's template definitions, before the document body
    return TYPST_PREAMBLE + typ


def html_document(
    markdown: str, *, title: str | None = None, citations: bool = True, numbered: bool = True
) -> str:
    """A standalone HTML5 page (MathML for the mathematics, numbered sections)."""
    pypandoc, _ = _tools()
    args = (
        _pandoc_args(title, citations)
        + ["--mathml", "--section-divs"]
        + (["--number-sections"] if numbered else [])
    )
    return pypandoc.convert_text(markdown, "html5", format="markdown", extra_args=args)


_IMAGE_PNG = re.compile(r"(!\[[^\]]*\]\()([^)\s]+)\.png(\))")


def typeset(
    markdown: str,
    out_dir: Path | str,
    stem: str,
    *,
    title: str | None = None,
    formats: Sequence[str] = ("pdf", "html"),
    citations: bool = True,
    numbered: bool = True,
) -> list[Path]:
    """Write ``stem.pdf`` (via ``stem.typ``) and/or ``stem.html`` into ``out_dir``.

    Images are referred to by relative path from ``out_dir``; for the PDF a
    figure ``figures/x.png`` is replaced by its vector twin ``figures/x.pdf``
    when that file exists.  Returns the paths written.

    Raises
    ------
    TypesetError
        If pandoc or typst is not installed, or the Typst source does not compile.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if "pdf" in formats:
        _, typst = _tools()

        def vector(m: re.Match) -> str:
            pdf = out / (m.group(2) + ".pdf")
            return m.group(1) + m.group(2) + (".pdf" if pdf.is_file() else ".png") + m.group(3)

        typ_path = out / f"{stem}.typ"
        typ_path.write_text(
            typst_source(
                _IMAGE_PNG.sub(vector, markdown), title=title, citations=citations, numbered=numbered
            ),
            "utf-8",
        )
        pdf_path = out / f"{stem}.pdf"
        try:
            typst.compile(
                str(typ_path),
                output=str(pdf_path),
                root=str(out),
                ignore_system_fonts=True,
                timestamp=int(_FIXED_DATE.timestamp()),
            )
        except Exception as exc:  # typst raises its own error type with the compiler's message
            raise TypesetError(f"typst could not compile {typ_path.name}: {exc}") from None
        written += [typ_path, pdf_path]
    if "html" in formats:
        html_path = out / f"{stem}.html"
        html_path.write_text(
            html_document(markdown, title=title, citations=citations, numbered=numbered), encoding="utf-8"
        )
        written.append(html_path)
    return written
