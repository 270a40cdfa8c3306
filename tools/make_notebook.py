"""Write a notebook from a simple cell script (used to author notebooks/*.ipynb).

Usage: python tools/make_notebook.py SOURCE.py OUT.ipynb

SOURCE.py separates cells with lines ``# %%`` (code) or ``# %% [markdown]``
(markdown; each line's leading ``# `` is stripped).  Outputs are not stored:
notebooks are executed by the test suite and by ``alliancegames reproduce``.
"""

import sys

import nbformat


def build(text: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cells, kind, buf = [], None, []

    def flush():
        if kind is None:
            return
        src = "\n".join(buf).strip("\n")
        if kind == "markdown":
            src = "\n".join(line[2:] if line.startswith("# ") else line.lstrip("#") for line in src.splitlines())
            cells.append(nbformat.v4.new_markdown_cell(src))
        elif src:
            cells.append(nbformat.v4.new_code_cell(src))

    for line in text.splitlines():
        if line.startswith("# %%"):
            flush()
            kind, buf = ("markdown" if "[markdown]" in line else "code"), []
        else:
            buf.append(line)
    flush()
    nb.cells = cells
    for i, c in enumerate(nb.cells):
        c["id"] = f"cell-{i:02d}"
    return nb


if __name__ == "__main__":
    src, out = sys.argv[1], sys.argv[2]
    nbformat.write(build(open(src).read()), out)
