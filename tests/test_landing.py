"""What a reader of the reproduce run gets: figures in every rendered notebook, a landing page whose
links all resolve, and kernels that start in parallel without racing for ports."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from alliancegames.publishing.reproduce import NotebookFigureError, execute_notebook, html_images, run

TWO_FIGURES = """\
import matplotlib.pyplot as plt
fig, ax = plt.subplots()
ax.plot([0, 1], [1, 0])
plt.show()
fig, ax = plt.subplots()
ax.bar([0, 1], [2, 3])
plt.show()
assert 1 + 1 == 2
"""


def _notebook(folder: Path, name: str, *cells: str, title: str = "A test notebook") -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}\n\nIt draws figures. It asserts.")]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in cells]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def _images(nb) -> int:
    return sum(1 for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {}))


def test_every_figure_drawn_is_embedded_in_the_notebook_and_its_html(tmp_path):
    path = _notebook(tmp_path / "src", "figs", TWO_FIGURES)
    ipynb, html = execute_notebook(path, tmp_path / "out")
    nb = nbformat.read(ipynb, as_version=4)
    assert _images(nb) == 2
    assert html_images(html.read_text()) == 2
    # the probe cells are not in the written copy, and execution counts start at 1
    assert [c.execution_count for c in nb.cells if c.cell_type == "code"] == [1]
    assert "_ag_figures_created" not in ipynb.read_text()


def test_a_notebook_that_loses_its_figures_fails(tmp_path):
    lost = "import matplotlib.pyplot as plt\nfig = plt.figure()\nplt.close(fig)\n"
    path = _notebook(tmp_path / "src", "lost", lost)
    with pytest.raises(NotebookFigureError, match="drew 1 figure"):
        execute_notebook(path, tmp_path / "out")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "img" and "src" in a:
            self.srcs.append(a["src"])


def _check_landing(out: Path) -> _Links:
    page = (out / "index.html").read_text()
    links = _Links()
    links.feed(page)
    for target in links.hrefs + links.srcs:
        assert not target.startswith(("http:", "https:", "/")), target
        assert (out / target).is_file(), f"index.html links to {target}, which the run did not produce"
    return links


def test_landing_page_links_resolve_and_show_thumbnails(tmp_path):
    src = tmp_path / "src"
    _notebook(src, "01-figs", TWO_FIGURES, title="Two figures")
    _notebook(src, "02-plain", "x = 3\nassert x == 3", title="No figures")
    summary = run(
        tmp_path / "out",
        notebooks=src,
        only=["01-figs", "02-plain", "buck-passing"],
        workers=1,
        progress=False,
    )
    assert summary.ok, summary.report()
    assert "index.html" in summary.report()
    links = _check_landing(tmp_path / "out")
    assert "notebooks/01-figs.html" in links.hrefs and "notebooks/02-plain.html" in links.hrefs
    assert "thumbnails/01-figs.png" in links.srcs and "thumbnails/02-plain.png" not in links.srcs
    assert "paper/figures/buck-passing.png" in links.srcs
    assert "manifest.json" in links.hrefs
    page = (tmp_path / "out" / "index.html").read_text()
    assert "Two figures" in page and "It draws figures." in page
    assert 'class="run-time"' in page and "nashpy" in page


@pytest.mark.slow
def test_parallel_kernels_start_without_races(tmp_path):
    """Six notebooks, two workers, three runs: every kernel starts (the TCP port race is gone)."""
    src = tmp_path / "src"
    for k in range(6):
        _notebook(src, f"nb{k}", f"assert {k} + 1 == {k + 1}")
    for attempt in range(3):
        summary = run(
            tmp_path / f"out{attempt}", notebooks=src, only=["notebook:nb"], workers=2, progress=False
        )
        assert summary.ok, summary.report()
        assert len(summary.results) == 6
