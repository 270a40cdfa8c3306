"""Sphinx configuration for the alliancegames documentation.

Build (from the repository root, after ``pip install -e ".[docs]"``)::

    python -m sphinx -W --keep-going -n -b html docs docs/_build/html

``-W`` turns every warning into an error and ``-n`` (nitpicky) reports every cross-reference
that does not resolve; references to names outside this package (numpy, sympy, pandas, the
standard library) are not checked, since the build is offline (no intersphinx).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(ROOT))  # document this checkout, not an installed copy
sys.path.insert(0, str(DOCS / "_ext"))
# notebook kernels import this checkout too
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")

import alliancegames  # noqa: E402

project = "alliancegames"
author = "the alliancegames authors"
copyright = "the alliancegames authors, MIT licence"
release = version = alliancegames.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "myst_nb",
    "sphinxcontrib.bibtex",
    "agdocs",
]

templates_path = ["_templates"]
exclude_patterns = ["_build", "**.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"

# -- reference ---------------------------------------------------------------------------------
autosummary_generate = True
autosummary_ignore_module_all = False
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_default_options = {"member-order": "bysource"}
numpydoc_show_class_members = False
numpydoc_xref_param_type = False
numpydoc_validation_checks = {"GL08"}  # every documented public object has a docstring
add_module_names = False

# -- cross-references: every internal one must resolve (-n); external names are not checked ----
nitpicky = True
from agdocs import BUILTIN_TARGETS, EXTERNAL_TARGETS  # noqa: E402

nitpick_ignore_regex = [
    (r"py:.*", EXTERNAL_TARGETS),
    (r"py:.*", BUILTIN_TARGETS),
]

# -- citations: the package's one bibliography (also read by the paper and the models) -----------
bibtex_bibfiles = ["../alliancegames/data/references.bib"]
bibtex_default_style = "alpha"
bibtex_reference_style = "label"

# -- notebooks (MyST-NB) -----------------------------------------------------------------------
# Tutorials and how-to pages are executed at every build; a failing cell fails the build.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 300
nb_execution_in_temp = True  # pages that write files (figures, tables) write them to a temporary folder
nb_merge_streams = True
nb_render_markdown_format = "myst"  # Markdown outputs (problem statements) keep their $math$
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
suppress_warnings = ["mystnb.unknown_mime_type"]

# -- HTML --------------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"alliancegames {release}"
html_static_path: list[str] = []
html_show_sourcelink = False
