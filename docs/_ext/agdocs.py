"""Sphinx helpers for the alliancegames site: the reference pages and the library registries.

``config-inited`` writes one reST page per architectural layer into ``reference/api/``
(before Sphinx lists the sources and autosummary generates its stubs), listing every public name of every module in the
layer: the module's ``__all__``.  A name that a module re-exports from another one is
documented once, where it is defined, and linked from the module that re-exports it.  New
modules and new public names therefore appear in the reference without editing the docs.

Two directives list the library from its registries: ``model-registry`` (from
:data:`alliancegames.models.REGISTRY`) and ``case-registry`` (from
:func:`alliancegames.cases.list_cases`).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

# Sphinx and docutils are imported by ``setup`` only: the quick tests use the reference helpers
# of this module without the documentation toolchain installed (it is in the ``slow`` extra).

# cross-reference targets outside this package: not checked (the build is offline, no intersphinx)
EXTERNAL_TARGETS = (
    r"(np|numpy|pd|pandas|sp|sympy|scipy|matplotlib|mpl|plt|dask|distributed|nbformat|yaml|"
    r"concurrent|collections|typing|typing_extensions|types|fractions|pathlib|os|io|ast|enum|"
    r"dataclasses|decimal|numbers|importlib|hashlib|json|re|shutil|subprocess|datetime|argparse|"
    r"builtins|abc|nashpy|pygambit|seaborn)(\..*)?"
)
BUILTIN_TARGETS = (
    r"int|float|str|bool|bytes|complex|object|None|NoneType|type|list|tuple|dict|set|frozenset|"
    r"callable|Callable|Iterable|Iterator|Sequence|Mapping|Any|Path|Fraction|Expr|Symbol|"
    r"ndarray|DataFrame|Series|Axes|Figure|Executor|Client|TextIO|Literal|Self|"
    r"ValueError|TypeError|KeyError|Exception|RuntimeError|OSError|FileNotFoundError|IndexError|"
    r"NotImplementedError|AttributeError|ZeroDivisionError|OverflowError|Warning|UserWarning|eval|exec|ast\.parse"
)

# layer -> (title, packages, one line), lowest layer first (the order of alliancegames/__init__.py)
LAYERS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "core": (
        "Core",
        ("alliancegames.core",),
        "the symbolic game, the sympy→numpy bridge, numeric games, model files",
    ),
    "solvers": (
        "Solvers",
        ("alliancegames.solvers",),
        "exact normal-form equilibria, verification, batched solving",
    ),
    "analysis": (
        "Analysis",
        ("alliancegames.analysis",),
        "symbolic conditions, regions, comparative statics, game trees",
    ),
    "studies": ("Studies", ("alliancegames.studies",), "sweeps, uncertainty, plots"),
    "library": (
        "Library",
        ("alliancegames.models", "alliancegames.cases"),
        "literature models and historical cases",
    ),
    "publishing": (
        "Publishing",
        ("alliancegames.publishing",),
        "the reproduce job, the paper, problem sets, the command line",
    ),
}


def layer_modules(packages: tuple[str, ...]) -> list[str]:
    """Every module of the packages, each package before its submodules (private ones skipped)."""
    out: list[str] = []
    for pkg in packages:
        mod = importlib.import_module(pkg)
        out.append(pkg)
        for info in sorted(pkgutil.iter_modules(mod.__path__), key=lambda i: i.name):
            if not info.name.startswith("_"):
                out.append(f"{pkg}.{info.name}")
    return out


def all_modules() -> list[str]:
    return [m for _, pkgs, _ in LAYERS.values() for m in layer_modules(pkgs)]


def public_names(modname: str) -> list[str]:
    """The module's ``__all__``; without one, the classes and functions it defines without a leading ``_``."""
    module = importlib.import_module(modname)
    if hasattr(module, "__all__"):
        return list(module.__all__)
    return [
        name
        for name, obj in vars(module).items()
        if not name.startswith("_")
        and (inspect.isclass(obj) or inspect.isfunction(obj))
        and getattr(obj, "__module__", None) == modname
    ]


def _home(obj: object, name: str, modules: list[str]) -> str | None:
    """The module where a public object is defined (documented there, linked from elsewhere)."""
    home = getattr(obj, "__module__", None)
    if (inspect.isclass(obj) or inspect.isfunction(obj)) and home and getattr(obj, "__name__", None) == name:
        if home in modules and name in public_names(home):
            return home
        # defined in a private module (models._common): documented where first exported
    # data (and objects exported from private modules): the deepest module exporting it
    for mod in sorted(modules, key=lambda m: (-m.count("."), m)):
        module = importlib.import_module(mod)
        if name in public_names(mod) and getattr(module, name, None) is obj:
            return mod
    return None


def canonical_names() -> dict[tuple[str, str], str]:
    """(module, name) -> fully qualified documented name, for every public name of every module."""
    modules = all_modules()
    out: dict[tuple[str, str], str] = {}
    for mod in modules:
        module = importlib.import_module(mod)
        for name in public_names(mod):
            home = _home(getattr(module, name), name, modules) or mod
            out[(mod, name)] = f"{home}.{name}"
    return out


def _first_line(modname: str) -> str:
    doc = inspect.getdoc(importlib.import_module(modname)) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def write_reference(srcdir: Path) -> list[Path]:
    """Write reference/api/<layer>.rst; return the files written."""
    canon = canonical_names()
    outdir = srcdir / "reference" / "api"
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for layer, (title, packages, line) in LAYERS.items():
        lines = [
            ".. This page is generated by docs/_ext/agdocs.py from the modules' __all__; do not edit.",
            "",
            f"{title} layer",
            "=" * (len(title) + 6),
            "",
            f"{line[0].upper()}{line[1:]}.",
            "",
        ]
        for mod in layer_modules(packages):
            names = public_names(mod)
            # a submodule listed in __all__ is documented as a module (its own section), not again as a name
            own = [
                n
                for n in names
                if canon[(mod, n)] == f"{mod}.{n}"
                and not inspect.ismodule(getattr(importlib.import_module(mod), n))
            ]
            elsewhere = [n for n in names if n not in own]
            if not names and not _first_line(mod):
                continue
            lines += [
                f"``{mod}``",
                "-" * (len(mod) + 4),
                "",
                f".. automodule:: {mod}",
                "   :no-members:",
                "",
                f".. currentmodule:: {mod}",
                "",
            ]
            if own:
                lines += [".. autosummary::", "   :toctree: ../generated", "   :nosignatures:", ""]
                lines += [f"   {n}" for n in own] + [""]
            if elsewhere:
                links = ", ".join(f":py:obj:`{n} <{canon[(mod, n)]}>`" for n in elsewhere)
                lines += [f"Also exported here (documented where defined): {links}.", ""]
        path = outdir / f"{layer}.rst"
        text = "\n".join(lines)
        if not path.exists() or path.read_text() != text:  # unchanged files keep Sphinx's cache valid
            path.write_text(text)
        written.append(path)
    return written


def write_toplevel(srcdir: Path) -> Path:
    """reference/api/toplevel.rst: every name of ``import alliancegames as ag``, linked to its entry."""
    import alliancegames as ag

    canon = canonical_names()
    rows = []
    for name in sorted(ag.__all__, key=str.lower):
        module, attr = ag._LAZY[name] if name in ag._LAZY else (getattr(ag, name).__module__, name)
        full = canon.get((module, attr)) or f"{module}.{attr}"
        rows.append(f"   * - ``ag.{name}``\n     - :py:obj:`{full}`")
    submodules = sorted(n for n, (_, attr) in ag._LAZY.items() if attr is None)
    text = "\n".join(
        [
            ".. This page is generated by docs/_ext/agdocs.py from alliancegames.__all__; do not edit.",
            "",
            "Top-level API",
            "=============",
            "",
            "``import alliancegames as ag`` gives these names (heavy parts load on first use); each links",
            "to its entry in the layer where it is defined.",
            "",
            ".. list-table::",
            "   :header-rows: 1",
            "",
            "   * - name",
            "     - defined as",
            *rows,
            "",
            "Submodules reachable as attributes: "
            + ", ".join(f"``ag.{n}`` (:py:mod:`{ag._LAZY[n][0]}`)" for n in submodules)
            + ".",
            "",
        ]
    )
    path = srcdir / "reference" / "api" / "toplevel.rst"
    if not path.exists() or path.read_text() != text:
        path.write_text(text)
    return path


def _on_config_inited(app, config) -> None:
    srcdir = Path(app.srcdir)
    # stubs of names that are no longer public would be orphan pages: remove them
    current = {full for full in canonical_names().values() if full not in set(all_modules())}
    for stub in (srcdir / "reference" / "generated").glob("*.rst"):
        if stub.stem not in current:
            stub.unlink()
    write_reference(srcdir)
    write_toplevel(srcdir)


def _aliases() -> dict[str, str]:
    """Public paths that are re-exports (``alliancegames.models.snyder_alliance``, ``alliancegames.solve``)
    mapped to the documented name, so references written either way resolve."""
    import alliancegames as ag

    out = {
        f"{mod}.{name}": full for (mod, name), full in canonical_names().items() if f"{mod}.{name}" != full
    }
    canon = canonical_names()
    for name in ag.__all__:
        module, attr = ag._LAZY[name] if name in ag._LAZY else (getattr(ag, name).__module__, name)
        out[f"alliancegames.{name}"] = canon.get((module, attr), f"{module}.{attr}")
    return out


_ALIASES: dict[str, str] = {}


def _on_missing_reference(app, env, node, contnode):
    """Resolve a reference to a public re-export by its documented name (nothing else)."""
    if node.get("refdomain") != "py":
        return None
    if not _ALIASES:
        _ALIASES.update(_aliases())
    target = node["reftarget"]
    candidates = [target]
    if node.get("py:module"):
        candidates.insert(0, f"{node['py:module']}.{target}")
    for cand in candidates:
        if cand in _ALIASES:
            domain = env.domains["py"]
            return domain.resolve_xref(
                env, node["refdoc"], app.builder, node["reftype"], _ALIASES[cand], node, contnode
            )
    return None


_BRACKET = re.compile(r"\[([^\[\]]*@[^\[\]]*)\]")


def _citations_to_roles(lines: list[str]) -> None:
    """Pandoc citations in docstrings (``[@snyder1984; @cha1999, p. 3]``) become ``:cite:p:`` roles,
    so they link to the one bibliography; doctest lines and inline literals are left alone."""
    from alliancegames.core.references import citation_keys

    for i, line in enumerate(lines):
        if "[@" not in line or line.lstrip().startswith((">>>", "...")):
            continue

        def repl(m: re.Match, line: str = line) -> str:
            if line[: m.start()].count("``") % 2:  # inside an inline literal
                return m.group(0)
            keys = citation_keys(m.group(0), bracketed=True)
            if not keys:
                return m.group(0)
            rest = re.sub(r"@[\w]+", "", m.group(1)).strip(" ;,")
            return f":cite:p:`{','.join(keys)}`" + (f" ({rest})" if rest else "")

        lines[i] = _BRACKET.sub(repl, line)


def _on_process_docstring(app, what, name, obj, options, lines) -> None:
    _citations_to_roles(lines)
    """Module-level constants: drop the docstring of their type (``str(object='') -> str``) and say
    what they are instead; a documented constant (``#:`` comment) keeps its own text."""
    if what not in ("data", "attribute"):
        return
    typedoc = inspect.getdoc(type(obj)) or ""
    if lines and " ".join(" ".join(lines).split()) == " ".join(typedoc.split()):
        lines[:] = []
    if lines or what != "data":
        return
    if isinstance(obj, str):
        lines[:] = [obj.replace("*", "\\*"), ""]
    else:
        kind = type(obj)
        ref = (
            f":py:class:`~{kind.__module__}.{kind.__qualname__}`"
            if kind.__module__.startswith("alliancegames")
            else f"``{kind.__qualname__}``"
        )
        size = f" of {len(obj)} entries" if hasattr(obj, "__len__") else ""
        lines[:] = [f"A {ref}{size}.", ""]


def _table(headers: list[str], rows: list[list[str]], widths: list[int]) -> list[str]:
    out = [".. list-table::", "   :header-rows: 1", f"   :widths: {' '.join(map(str, widths))}", ""]
    for row in [headers, *rows]:
        out.append(f"   * - {row[0]}")
        out += [f"     - {cell}" for cell in row[1:]]
    return out


def model_registry_rst() -> list[str]:
    """A table of :data:`alliancegames.models.REGISTRY`: name, kind, description, source."""
    from alliancegames.models import REGISTRY

    canon = canonical_names()
    rows = []
    for name, entry in REGISTRY.items():
        factory = entry.factory
        target = (
            canon.get(("alliancegames.models", factory.__name__))
            or f"{factory.__module__}.{factory.__name__}"
        )
        rows.append(
            [
                f"``{name}`` (:py:func:`{factory.__name__} <{target}>`)",
                entry.kind.replace("_", " "),
                entry.description,
                f":cite:p:`{','.join(entry.references)}`" if entry.references else "",
            ]
        )
    return _table(["name", "kind", "what it models", "source"], rows, [20, 10, 35, 35])


def case_registry_rst() -> list[str]:
    """A table of :func:`alliancegames.cases.list_cases`: id, case, years, model, observed outcome."""
    from alliancegames.cases import list_cases

    rows = []
    for r in list_cases().itertuples():
        years = f"{r.first_year}–{r.last_year}" if r.first_year != r.last_year else f"{r.first_year}"
        rows.append(
            [
                f"``{r.id}``",
                str(r.name),
                years,
                f"``{r.model}``",
                str(r.observed),
                f"{r.n_codings} ({r.n_judgements} judgements)",
                str(r.n_sources),
            ]
        )
    return _table(
        ["id", "case", "years", "model", "observed", "codings", "sources"],
        rows,
        [16, 28, 10, 16, 14, 10, 6],
    )


def _rst_directive(make_rst):
    """A directive class that parses the reStructuredText lines ``make_rst()`` returns."""
    from docutils import nodes  # Sphinx's own dependencies: imported when Sphinx loads the extension
    from docutils.statemachine import StringList
    from sphinx.util.docutils import SphinxDirective

    class _RstDirective(SphinxDirective):
        has_content = False

        def run(self) -> list:
            container = nodes.container()
            self.state.nested_parse(StringList(make_rst(), source="<agdocs>"), self.content_offset, container)
            return container.children

    return _RstDirective


def setup(app):
    # config-inited: before Sphinx lists the source files and autosummary generates its stubs
    app.connect("config-inited", _on_config_inited)
    app.connect("missing-reference", _on_missing_reference)
    app.connect("autodoc-process-docstring", _on_process_docstring, priority=100)  # before numpydoc
    app.add_directive("model-registry", _rst_directive(model_registry_rst))
    app.add_directive("case-registry", _rst_directive(case_registry_rst))
    return {"parallel_read_safe": True, "parallel_write_safe": True}


# ------------------------------------------------------------------ a quick check without Sphinx
_ROLE = re.compile(r":(?:py:)?(func|class|meth|attr|mod|data|obj|exc|const):`([^`]+)`")


def _documented() -> set[str]:
    """Names a reference can point to: modules, public names (and their re-export paths), class members."""
    import alliancegames as ag

    names = set(all_modules()) | {"alliancegames"} | set(_aliases())
    for full in set(canonical_names().values()):
        names.add(full)
        mod, _, attr = full.rpartition(".")
        obj = getattr(importlib.import_module(mod), attr)
        if inspect.isclass(obj):  # members autodoc documents: methods and properties with a docstring
            for klass in obj.__mro__:
                if klass.__module__.startswith("alliancegames"):
                    names |= {
                        f"{full}.{m}"
                        for m, v in vars(klass).items()
                        if not m.startswith("_")
                        and isinstance(
                            v, (property, classmethod, staticmethod) + (type(len), type(lambda: 0))
                        )
                        and (
                            getattr(v, "__doc__", None)
                            or getattr(getattr(v, "__func__", None), "__doc__", None)
                        )
                    }
    names |= {f"alliancegames.{n}" for n in ag.__all__}
    return names


def unresolved_references() -> list[str]:
    """Cross-references in public docstrings that the documentation build would not resolve.

    An approximation of Sphinx's lookup (the object's class, its module, then the global name),
    cheap enough for the quick test suite; the documentation build itself is the final check.
    """
    documented = _documented()
    skip = re.compile(rf"({EXTERNAL_TARGETS}|{BUILTIN_TARGETS})$")
    bad = []
    for full in sorted(set(canonical_names().values())) + all_modules():
        mod, _, attr = full.rpartition(".")
        obj = (
            importlib.import_module(full)
            if full in all_modules()
            else getattr(importlib.import_module(mod), attr)
        )
        module = full if full in all_modules() else mod
        owners: list[tuple[str, object]] = [(full, obj)]
        if inspect.isclass(obj):
            owners += [(f"{full}.{m}", v) for m, v in vars(obj).items() if not m.startswith("_")]
        for where, member in owners:
            doc = member.__doc__ if isinstance(member, property) else inspect.getdoc(member)
            if not doc or (where != full and isinstance(member, (str, int, float, tuple, dict))):
                continue
            cls = full if inspect.isclass(obj) else None
            for _, target in _ROLE.findall(doc):
                t = target.split("<")[-1].rstrip(">").lstrip("~!.").removesuffix("()").strip()
                if skip.match(t):
                    continue
                candidates = [f"{cls}.{t}"] if cls else []
                candidates += [f"{module}.{t}", t]
                if not any(c in documented for c in candidates):
                    bad.append(f"{where}: {target}")
    return bad


def undocumented_names() -> list[str]:
    """Public functions and classes without a docstring of their own (numpydoc GL08 in the build)."""
    out = []
    for full in sorted(set(canonical_names().values())):
        mod, _, attr = full.rpartition(".")
        obj = getattr(importlib.import_module(mod), attr)
        if (inspect.isfunction(obj) or inspect.isclass(obj)) and not (obj.__doc__ or "").strip():
            out.append(full)
    return out
