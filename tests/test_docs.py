"""The documentation site builds without a warning, documents every public name, and its links resolve.

The build (``python -m sphinx -W --keep-going -n -b html docs OUT``) executes the tutorials and
how-to pages, so it is slow: CI runs it with ``--runslow``.  The quick tests check the sources.
"""

from __future__ import annotations

import configparser
import re
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "_ext"))

import agdocs  # noqa: E402


# ---------------------------------------------------------------------------- quick: the sources
def _toctree_entries(page: Path) -> list[str]:
    text = page.read_text()
    blocks = re.findall(r"```\{toctree\}\n(.*?)```", text, flags=re.S)
    return [
        line.strip() for b in blocks for line in b.splitlines() if line.strip() and not line.startswith(":")
    ]


def test_every_howto_and_tutorial_page_is_in_its_toctree_and_executed():
    for kind in ("howto", "tutorials"):
        entries = set(_toctree_entries(DOCS / kind / "index.md"))
        pages = {p.stem for p in (DOCS / kind).glob("*.md") if p.stem != "index"}
        assert pages <= entries, f"{kind}: not in the toctree: {pages - entries}"
        for page in (DOCS / kind).glob("*.md"):
            if page.stem == "index":
                continue
            text = page.read_text()
            assert text.startswith("---\n") and "format_name: myst" in text.split("---", 2)[1], (
                f"{page.name} must be a MyST notebook (executed at build time)"
            )
            assert "```{code-cell}" in text, f"{page.name} has no code cell"


def test_docs_extra_is_part_of_the_slow_extra():
    """The documentation build runs under --runslow, which needs the slow extra."""
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    extras = cfg["options.extras_require"]

    def reqs(name):
        return {
            line.strip() for line in extras[name].splitlines() if line.strip() and not line.startswith("#")
        }

    assert reqs("docs") and reqs("docs") <= reqs("slow")


def test_reference_pages_list_every_public_name(tmp_path):
    written = agdocs.write_reference(tmp_path)
    text = "\n".join(p.read_text() for p in written)
    canon = agdocs.canonical_names()
    for (mod, _name), full in canon.items():
        home, _, short = full.rpartition(".")
        assert home in agdocs.all_modules()
        if home == mod and full not in agdocs.all_modules():  # a submodule in __all__ has its own section
            assert re.search(
                rf"currentmodule:: {re.escape(mod)}\n(?:(?!currentmodule).)*\n   {short}\n", text, re.S
            ), full


# ---------------------------------------------------------------------------- slow: the build
@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("docs")
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-n",
        "-q",
        "-b",
        "html",
        "-d",
        str(out / "doctrees"),
        str(DOCS),
        str(out / "html"),
    ]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"sphinx-build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-6000:]}"
    return out / "html"


@pytest.mark.slow
def test_site_builds_without_warnings(site):
    assert (site / "index.html").is_file()


def _inventory(path: Path) -> set[str]:
    """Python object names in a Sphinx ``objects.inv`` (version 2: four header lines, then zlib text)."""
    raw = path.read_bytes()
    header = raw.split(b"\n", 4)
    assert header[0].startswith(b"# Sphinx inventory version 2")
    text = zlib.decompress(header[4]).decode()
    return {
        line.split(" ", 2)[0]
        for line in text.splitlines()
        if line.split(" ", 2)[1:2] and line.split(" ", 2)[1].startswith("py:")
    }


@pytest.mark.slow
def test_every_public_name_has_a_reference_entry(site):
    documented = _inventory(site / "objects.inv")
    missing = sorted(full for full in agdocs.canonical_names().values() if full not in documented)
    assert not missing
    import alliancegames as ag

    for name in ag.__all__:
        obj = getattr(ag, name)
        assert f"{obj.__module__}.{obj.__name__}" in documented or any(
            full.endswith(f".{name}") for full in documented
        ), name


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("preconnect", "dns-prefetch")):
                self.links.append(a[key])


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.mark.slow
def test_internal_links_resolve(site):
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:", "javascript:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = (pages.get(target) or _parse(target)).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)}: {link} (no anchor)")
    assert not broken, "\n".join(broken[:50])


@pytest.mark.slow
def test_executed_pages_show_their_outputs(site):
    for kind in ("howto", "tutorials"):
        for page in (DOCS / kind).glob("*.md"):
            if page.stem == "index":
                continue
            html = (site / kind / f"{page.stem}.html").read_text(encoding="utf-8")
            assert "cell_output" in html, f"{kind}/{page.stem}: no executed output"


@pytest.mark.slow
def test_library_pages_list_every_model_and_case(site):
    from alliancegames.cases import case_ids
    from alliancegames.models import REGISTRY

    html = (site / "reference" / "library.html").read_text(encoding="utf-8")
    for name in REGISTRY:
        assert f">{name}<" in html, name
    for cid in case_ids():
        assert f">{cid}<" in html, cid


def test_reproduce_copies_a_built_site_and_the_landing_page_links_it(tmp_path):
    from alliancegames.publishing.landing import write_index
    from alliancegames.publishing.reproduce import _run_job, docs_job, write_manifest

    site = tmp_path / "site"
    (site / "reference").mkdir(parents=True)
    (site / "index.html").write_text('<a href="reference/index.html">reference</a>')
    (site / "reference" / "index.html").write_text("<p>reference</p>")
    out = tmp_path / "out"
    out.mkdir()
    result = _run_job(docs_job(site), out)
    assert result.ok and set(result.files) == {"docs/index.html", "docs/reference/index.html"}
    index = write_index(out, [], write_manifest(out, [result]), 1.0).read_text()
    assert 'href="docs/index.html"' in index


# ---------------------------------------------------------------------------- quick: the docstrings
# The build (slow) is the final check; these catch its most common failures in the quick suite, so a
# new public name without a docstring, or a reference the build cannot resolve, fails before landing.
def test_every_public_function_and_class_has_a_docstring():
    assert not agdocs.undocumented_names()


def test_docstring_cross_references_resolve():
    assert not agdocs.unresolved_references()
