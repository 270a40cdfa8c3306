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
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from importlib import metadata
from pathlib import Path

__all__ = ["Job", "JobResult", "RunSummary", "collect_jobs", "run", "notebook_dir", "sha256"]

DETERMINISTIC_ENV = {
    "SOURCE_DATE_EPOCH": "0",
    "PYTHONHASHSEED": "0",
    "MPLBACKEND": "Agg",
    "TQDM_DISABLE": "1",
}

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
        return "\n".join(lines)


@contextmanager
def deterministic_env():
    """Set :data:`DETERMINISTIC_ENV` for the duration of a job, then restore the environment."""
    saved = {k: os.environ.get(k) for k in DETERMINISTIC_ENV}
    os.environ.update(DETERMINISTIC_ENV)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def sha256(path: Path) -> str:
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


def execute_notebook(path: Path, out_dir: Path, timeout: int = 600) -> list[Path]:
    """Execute one notebook in its own folder; write the executed copy and its HTML beside it."""
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    path, out_dir = Path(path), Path(out_dir)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
    )
    with deterministic_env():
        client.execute()
    _strip_notebook(nb)
    out_dir.mkdir(parents=True, exist_ok=True)
    ipynb = out_dir / path.name
    nbformat.write(nb, ipynb)
    body, _ = HTMLExporter().from_notebook_node(nb)
    html = out_dir / (path.stem + ".html")
    html.write_text(body, encoding="utf-8")
    return [ipynb, html]


def _run_notebook(path: Path, out: Path) -> list[Path]:
    return execute_notebook(path, out / "notebooks")


def _notebook_job(path: Path) -> Job:
    # a partial of a module-level function pickles, so jobs can run in worker processes
    return Job(f"notebook:{path.stem}", "notebook", partial(_run_notebook, path), f"execute {path.name}")


# --------------------------------------------------------------------------- collection
def collect_jobs(notebooks: Path | None = None, only: Sequence[str] | None = None) -> list[Job]:
    """Every job of the run: notebooks, then paper figures/tables (if :mod:`alliancegames.publishing.paper` exists).

    ``only`` keeps jobs whose name contains one of the given strings.
    """
    jobs: list[Job] = []
    nbdir = notebooks or notebook_dir()
    if nbdir is not None:
        jobs += [_notebook_job(p) for p in sorted(nbdir.glob("*.ipynb"))]
    try:
        from alliancegames.publishing import paper
    except ImportError:
        paper = None
    if paper is not None:
        jobs += list(paper.jobs())
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


def write_manifest(out: Path, results: Sequence[JobResult]) -> Path:
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
    return path


def _log(progress: bool, done: int, total: int, r: JobResult) -> None:
    if not progress:
        print(f"[{done}/{total}] {r.name}: {'ok' if r.ok else 'FAILED'} ({r.seconds:.1f} s)", file=sys.stderr)


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
    from tqdm.auto import tqdm

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
    write_manifest(out, ordered)
    return RunSummary(out, ordered, time.perf_counter() - t0)
