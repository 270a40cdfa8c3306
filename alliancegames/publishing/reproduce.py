"""Reproduce every analysis with one command: ``alliancegames reproduce --out DIR``.

The run executes every notebook (writing the executed ``.ipynb`` and an HTML
rendering), builds every paper figure and table registered in
:mod:`alliancegames.publishing.paper` (when present), and writes ``manifest.json``: each
output file with its SHA-256, the job that produced it, and the versions of
Python, the package and its dependencies.

Determinism: seeds are fixed by the analyses; volatile metadata is stripped
(``SOURCE_DATE_EPOCH=0`` for matplotlib's PDF/PS dates, a fixed SVG hash salt,
no PNG software/date tags, no execution timestamps in notebooks), so a second
run produces byte-identical files.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from importlib import metadata
from pathlib import Path

from alliancegames.publishing import paper, problems
from alliancegames.publishing.landing import write_index, write_thumbnails

__all__ = [
    "Job",
    "JobResult",
    "RunSummary",
    "collect_jobs",
    "run",
    "notebook_dir",
    "sha256",
    "docs_site",
    "docs_job",
]

DETERMINISTIC_ENV = {
    "SOURCE_DATE_EPOCH": "0",
    "PYTHONHASHSEED": "0",
    "MPLBACKEND": "Agg",
    "TQDM_DISABLE": "1",
}

# A notebook kernel draws with the inline backend, so ``plt.show()`` embeds every open figure as an
# image in the cell's output (the first version set Agg here too, and its notebooks had no figures).
KERNEL_ENV = {**DETERMINISTIC_ENV, "MPLBACKEND": "module://matplotlib_inline.backend_inline"}

# Run before a notebook's own cells (and removed from the written copy): count every figure created,
# fix the inline PNG resolution, and make SVG output deterministic.
_FIGURE_PROBE = """\
import matplotlib as _ag_mpl
import matplotlib.figure as _ag_figure
_ag_mpl.rcParams["svg.hashsalt"] = "alliancegames"
_ag_mpl.rcParams["figure.dpi"] = 100
_ag_figures_created = [0]
_ag_figure_init = _ag_figure.Figure.__init__
def _ag_counting_init(self, *args, **kwargs):
    _ag_figures_created[0] += 1
    _ag_figure_init(self, *args, **kwargs)
_ag_figure.Figure.__init__ = _ag_counting_init
"""
_FIGURE_REPORT = "print(_ag_figures_created[0])"
_IMAGE_TYPES = ("image/png", "image/svg+xml", "image/jpeg")


class NotebookFigureError(RuntimeError):
    """A notebook drew more figures than its executed output (or HTML) carries as images."""


_DEPENDENCIES = (
    "nashpy",
    "numpy",
    "sympy",
    "scipy",
    "pandas",
    "matplotlib",
    "seaborn",
    "nbclient",
    "nbformat",
    "nbconvert",
    "pyyaml",
    "tqdm",
    "typst",
    "pypandoc-binary",
)


@dataclass(frozen=True)
class Job:
    """One unit of the reproduce run: ``run(out_dir)`` returns the files it wrote."""

    name: str
    kind: str  # "notebook", "figure", "table", "scorecard"
    run: Callable[[Path], list[Path]] = field(compare=False)
    description: str = ""


@dataclass(frozen=True)
class JobResult:
    name: str
    kind: str
    files: tuple[str, ...]
    seconds: float
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class RunSummary:
    out: Path
    results: tuple[JobResult, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    @property
    def failed(self) -> tuple[JobResult, ...]:
        return tuple(r for r in self.results if not r.ok)

    def report(self) -> str:
        lines = [f"{'job':40s} {'kind':10s} {'files':>5s} {'seconds':>8s}  status"]
        for r in self.results:
            lines.append(
                f"{r.name:40s} {r.kind:10s} {len(r.files):5d} {r.seconds:8.1f}  "
                + ("ok" if r.ok else "FAILED: " + (r.error or "").strip().splitlines()[-1][:120])
            )
        n_files = sum(len(r.files) for r in self.results)
        lines.append(
            f"{len(self.results) - len(self.failed)}/{len(self.results)} jobs ok, {n_files} files in {self.out} "
            f"({self.seconds:.1f} s)"
        )
        lines.append(f"Start here: {self.out / 'index.html'}")
        return "\n".join(lines)


@contextmanager
def deterministic_env(env: dict[str, str] = DETERMINISTIC_ENV):
    """Set ``env`` (default :data:`DETERMINISTIC_ENV`) for the duration of a job, then restore it."""
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def sha256(path: Path) -> str:
    """The SHA-256 hex digest of a file's bytes (read in 1 MiB chunks)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def notebook_dir() -> Path | None:
    """The ``notebooks/`` folder of a source checkout (``None`` for a plain install)."""
    here = Path(__file__).resolve().parents[2] / "notebooks"
    return here if here.is_dir() else None


# --------------------------------------------------------------------------- notebooks
def _strip_notebook(nb) -> None:
    """Remove volatile metadata and merge stream chunks (their split depends on timing)."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        merged: list = []
        for out in cell.get("outputs", []):
            out.get("metadata", {}).pop("execution", None)
            if (
                out.get("output_type") == "stream"
                and merged
                and merged[-1].get("output_type") == "stream"
                and merged[-1].get("name") == out.get("name")
            ):
                merged[-1]["text"] += out["text"]
            else:
                merged.append(out)
        if "outputs" in cell:
            cell["outputs"] = merged


def notebook_images(nb) -> int:
    """The number of images (PNG, SVG, JPEG) in the outputs of an executed notebook."""
    return sum(
        1
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if out.get("output_type") in ("display_data", "execute_result")
        and any(t in out.get("data", {}) for t in _IMAGE_TYPES)
    )


def html_images(html: str) -> int:
    """The number of embedded images in an HTML rendering of a notebook."""
    return html.count('src="data:image/') + html.count("<svg ")


def _kernel_config(socket_dir: str):
    """Kernel-manager configuration: IPC (Unix) sockets in a private folder.

    Over TCP, the client picks free ports by binding and releasing them and the kernel binds them
    later, so two kernels started at once can race for one port (seen: ``Address already in use``,
    then ``Kernel died before replying to kernel_info``). Sockets in a folder of their own cannot
    collide, and the path is absolute because the kernel runs in the notebook's folder.
    """
    from traitlets.config import Config  # import time: the notebook stack only when notebooks run

    return Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(socket_dir, "kernel")}})


def execute_notebook(path: Path, out_dir: Path, timeout: int = 600) -> list[Path]:
    """Execute one notebook in its own folder; write the executed copy and its HTML beside it.

    The kernel draws inline, so every figure the notebook shows is embedded as an image; a hidden
    probe counts the figures created, and the run fails (:class:`NotebookFigureError`) when the
    executed notebook or its HTML carries fewer images than that.
    """
    import nbformat  # import time: the notebook stack only when notebooks run
    from nbclient import NotebookClient  # import time: loaded only when a notebook runs
    from nbconvert import HTMLExporter  # import time: loaded only when a notebook runs

    path, out_dir = Path(path), Path(out_dir)
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(_FIGURE_PROBE))
    nb.cells.append(nbformat.v4.new_code_cell(_FIGURE_REPORT))
    with tempfile.TemporaryDirectory(prefix="ag-kernel-") as socket_dir, deterministic_env(KERNEL_ENV):
        client = NotebookClient(
            nb,
            config=_kernel_config(socket_dir),  # the client owns (and shuts down) the kernel
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
            record_timing=False,
        )
        client.execute()
    report = nb.cells.pop()
    nb.cells.pop(0)
    drawn = int("".join(o.get("text", "") for o in report.outputs if o.get("output_type") == "stream"))
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.get("execution_count"):
            cell.execution_count -= 1
            for out in cell.outputs:
                if out.get("execution_count"):
                    out.execution_count -= 1
    _strip_notebook(nb)
    shown = notebook_images(nb)
    body, _ = HTMLExporter().from_notebook_node(nb)
    if shown < drawn or html_images(body) < shown:
        raise NotebookFigureError(
            f"{path.name}: drew {drawn} figure(s), the executed notebook carries {shown} image(s) "
            f"and its HTML {html_images(body)}"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    ipynb = out_dir / path.name
    nbformat.write(nb, ipynb)
    html = out_dir / (path.stem + ".html")
    html.write_text(body, encoding="utf-8")
    return [ipynb, html]


def _run_notebook(path: Path, out: Path) -> list[Path]:
    return execute_notebook(path, out / "notebooks")


def _notebook_job(path: Path) -> Job:
    # a partial of a module-level function pickles, so jobs can run in worker processes
    return Job(f"notebook:{path.stem}", "notebook", partial(_run_notebook, path), f"execute {path.name}")


# --------------------------------------------------------------------------- documentation
def docs_site() -> Path | None:
    """The built documentation of a source checkout, ``docs/_build/html`` (``None`` if not built).

    Build it with ``python -m sphinx -W -n -b html docs docs/_build/html``; the run copies it and
    the landing page links it.  (Building it inside the run would take minutes.)

    Examples
    --------
    >>> site = docs_site()
    >>> site is None or (site / "index.html").is_file()
    True
    """
    site = Path(__file__).resolve().parents[2] / "docs" / "_build" / "html"
    return site if (site / "index.html").is_file() else None


def _copy_docs(site: Path, out: Path) -> list[Path]:
    """Copy a built documentation site to ``out/docs`` (Sphinx's build cache left out)."""
    dest = Path(out) / "docs"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(site, dest, ignore=shutil.ignore_patterns(".doctrees", ".buildinfo"))
    return sorted(p for p in dest.rglob("*") if p.is_file())


def docs_job(site: Path) -> Job:
    """The job that copies a built documentation site into the run's output.

    Examples
    --------
    >>> import tempfile
    >>> site, out = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
    >>> (site / "index.html").write_text("<p>docs</p>")
    11
    >>> [p.relative_to(out).as_posix() for p in docs_job(site).run(out)]
    ['docs/index.html']
    """
    return Job("docs:site", "docs", partial(_copy_docs, Path(site)), "copy the built documentation site")


# --------------------------------------------------------------------------- collection
def collect_jobs(notebooks: Path | None = None, only: Sequence[str] | None = None) -> list[Job]:
    """Every job of the run: notebooks, the paper's figures, tables and typeset paper, the problem set,
    then a copy of the built documentation if there is one (:func:`docs_site`).

    ``only`` keeps jobs whose name contains one of the given strings.
    """
    jobs: list[Job] = []
    nbdir = notebooks or notebook_dir()
    if nbdir is not None:
        jobs += [_notebook_job(p) for p in sorted(nbdir.glob("*.ipynb"))]
    # the paper's artefacts and the paper, then the typeset problem set: composed explicitly
    jobs += [Job(t.name, t.kind, t.run, t.description) for t in (*paper.tasks(), *problems.tasks())]
    site = docs_site()
    if site is not None:
        jobs.append(docs_job(site))
    if only:
        jobs = [j for j in jobs if any(o in j.name for o in only)]
    return jobs


def _run_job(job: Job, out: Path) -> JobResult:
    t0 = time.perf_counter()
    try:
        with deterministic_env():
            files = job.run(out)
        return JobResult(
            job.name, job.kind, tuple(str(Path(f).relative_to(out)) for f in files), time.perf_counter() - t0
        )
    except Exception:  # noqa: BLE001 - a failed job is reported, not fatal to the run
        return JobResult(job.name, job.kind, (), time.perf_counter() - t0, traceback.format_exc())


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in ("alliancegames",) + _DEPENDENCIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def write_manifest(out: Path, results: Sequence[JobResult]) -> dict:
    files = []
    for r in results:
        for f in r.files:
            files.append({"file": f, "sha256": sha256(out / f), "produced_by": r.name, "kind": r.kind})
    manifest = {
        "generator": "alliancegames reproduce",
        "versions": versions(),
        "jobs": [{"name": r.name, "kind": r.kind, "ok": r.ok} for r in results],
        "files": sorted(files, key=lambda d: d["file"]),
    }
    path = out / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def _log(progress: bool, done: int, total: int, r: JobResult) -> None:
    line = f"[{done}/{total}] {r.name}: {'ok' if r.ok else 'FAILED'} ({r.seconds:.1f} s)"
    if progress:
        from tqdm.auto import tqdm  # import time: the progress bar only when shown

        tqdm.write(line, file=sys.stderr)
    else:
        print(line, file=sys.stderr)


def run(
    out: Path | str = "reproduced",
    *,
    only: Sequence[str] | None = None,
    notebooks: Path | None = None,
    workers: int = 2,
    progress: bool | None = None,
) -> RunSummary:
    """Run every job (or those matching ``only``) into ``out`` and write the manifest.

    Jobs run in ``workers`` processes; results are reported in job order.
    """
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    jobs = collect_jobs(notebooks, only)
    if only and not jobs:
        raise ValueError(
            f"--only {list(only)} matches no job; jobs are: {[j.name for j in collect_jobs(notebooks)]}"
        )
    t0 = time.perf_counter()
    if progress is None:
        progress = sys.stderr.isatty()
    from tqdm.auto import tqdm  # import time: the progress bar only when shown

    bar = tqdm(total=len(jobs), desc="reproduce", unit="job", disable=not progress, file=sys.stderr)
    results: dict[str, JobResult] = {}
    # Jobs of kind "paper" assemble the outputs of the others, so they run last.
    for phase in ([j for j in jobs if j.kind != "paper"], [j for j in jobs if j.kind == "paper"]):
        if workers <= 1 or len(phase) <= 1:
            for j in phase:
                bar.set_postfix_str(j.name)
                results[j.name] = _run_job(j, out)
                bar.update()
                _log(progress, len(results), len(jobs), results[j.name])
            continue
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futs = [pool.submit(_run_job, j, out) for j in phase]
            for fut in as_completed(futs):
                r = fut.result()
                results[r.name] = r
                bar.set_postfix_str(r.name)
                bar.update()
                _log(progress, len(results), len(jobs), r)
    bar.close()
    ordered = tuple(results[j.name] for j in jobs)
    executed = [out / f for r in ordered for f in r.files if f.endswith(".ipynb")]
    t1 = time.perf_counter()
    thumbs = write_thumbnails(out, executed)
    landing = JobResult(
        "landing", "landing", tuple(p.relative_to(out).as_posix() for p in thumbs), time.perf_counter() - t1
    )
    manifest = write_manifest(out, ordered + (landing,))
    seconds = time.perf_counter() - t0
    write_index(out, executed, manifest, seconds, failed=[r.name for r in ordered if not r.ok])
    return RunSummary(out, ordered, seconds)
