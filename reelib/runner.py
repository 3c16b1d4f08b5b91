"""Execute the notebooks with papermill, without ever losing a good result.

Each notebook runs with its outputs (figures, verdicts) redirected to a
staging directory under ``build/staging``. Only when it succeeds are they
moved into place: the executed notebook back into ``notebooks/`` (so that the
committed notebooks show current results and nbval compares against them),
a copy into ``build/notebooks/``, its HTML export into ``reports/``, figures
into ``figures/``, verdicts into ``build/verdicts/``. A failed notebook is
reported with its failing cell and error; its staging copy is kept in
``build/failed/`` for inspection, and everything from the last good run stays.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import outputs, paths

ROOT = paths.ROOT
NOTEBOOK_DIR = paths.NOTEBOOK_DIR
BUILD_DIR = paths.BUILD_DIR
FIGURE_DIR = paths.FIGURE_DIR
REPORT_DIR = paths.REPORT_DIR
VERDICT_DIR = paths.VERDICT_DIR

__all__ = ["Outcome", "find_notebook", "notebooks", "reproduce", "run"]


@dataclass
class Outcome:
    """What happened to one notebook."""

    notebook: str
    ok: bool
    seconds: float
    error: str = ""


def notebooks() -> list[Path]:
    """The theme notebooks, in their numbered order."""
    return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def find_notebook(name: str) -> Path:
    """A notebook by path, file name, stem, or number prefix ("01")."""
    path = Path(name)
    if path.suffix == ".ipynb" and path.exists():
        return path.resolve()
    matches = [p for p in notebooks() if p.stem == name or p.name == name or p.stem.startswith(f"{name}_")]
    if len(matches) != 1:
        known = ", ".join(p.stem for p in notebooks())
        raise SystemExit(f"error: no single notebook matches {name!r}; known: {known}")
    return matches[0]


def check_parameter_names(notebook: Path, parameters: Mapping[str, Any]) -> None:
    """Refuse parameters the notebook does not declare.

    papermill only warns about them and runs the notebook with defaults, which
    would let a misspelt parameter go unnoticed in a batch run.
    """
    import papermill

    declared = papermill.inspect_notebook(str(notebook))
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        options = ", ".join(f"{k} (default {v['default']})" for k, v in declared.items())
        raise SystemExit(f"error: {notebook.stem} has no parameter {', '.join(map(repr, unknown))}; its parameters are: {options}")


def _strip_papermill_metadata(path: Path) -> None:
    """Remove run timestamps and durations so a rerun leaves the file unchanged."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)


def _export_html(notebook: Path, target: Path) -> None:
    import nbconvert
    import nbformat

    exporter = nbconvert.HTMLExporter()
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    target.write_text(body)


def _describe_failure(error: BaseException) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(error, PapermillExecutionError):
        return f"cell {error.exec_count}: {error.ename}: {error.evalue}"
    return f"{type(error).__name__}: {error}"


def _replace_tree(source: Path, target: Path, *, stale: Sequence[Path] = ()) -> None:
    # os.replace is atomic per file: a reader never sees a half-written figure.
    target.mkdir(parents=True, exist_ok=True)
    produced = set()
    for item in sorted(source.glob("*")):
        os.replace(item, target / item.name)
        produced.add(item.name)
    for old in stale:
        if old.name not in produced:
            old.unlink(missing_ok=True)


def _figures_of(stem: str) -> list[Path]:
    """Figures in figures/ whose sidecar says this notebook drew them."""
    found = []
    for sidecar in FIGURE_DIR.glob("*.json"):
        try:
            if json.loads(sidecar.read_text()).get("notebook") == stem:
                found += [sidecar, sidecar.with_suffix(".png"), sidecar.with_suffix(".svg")]
        except json.JSONDecodeError:
            continue
    return found


def execute(
    notebook: Path,
    parameters: Mapping[str, Any] | None = None,
    *,
    publish: bool,
    out_dir: Path | None = None,
) -> Outcome:
    """Run one notebook in a staging area; move its results into place on success.

    ``publish=True`` (reproduce with defaults) updates notebooks/, figures/,
    reports/ and build/verdicts/. ``publish=False`` (a parameterised run)
    writes everything under ``out_dir`` and leaves the published results alone.
    """
    import papermill

    stem = notebook.stem
    staging = BUILD_DIR / "staging" / stem
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "figures").mkdir(parents=True)
    (staging / "verdicts").mkdir()
    executed = staging / notebook.name
    manifest = {"notebook": stem, "parameters": dict(parameters or {})}
    (staging / outputs.MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    start = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(notebook),
            str(executed),
            parameters=dict(parameters or {}),
            cwd=str(staging),
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
        )
    except Exception as error:  # noqa: BLE001 - any failure is reported, none is fatal to the batch
        failed_dir = BUILD_DIR / "failed"
        failed_dir.mkdir(parents=True, exist_ok=True)
        if executed.exists():
            shutil.copy2(executed, failed_dir / notebook.name)
        return Outcome(stem, False, time.perf_counter() - start, _describe_failure(error))
    for scratch in (outputs.MANIFEST, "inputs.json"):
        (staging / scratch).unlink(missing_ok=True)
    _strip_papermill_metadata(executed)
    if publish:
        (BUILD_DIR / "notebooks").mkdir(parents=True, exist_ok=True)
        REPORT_DIR.mkdir(exist_ok=True)
        _export_html(executed, REPORT_DIR / f"{stem}.html")
        shutil.copy2(executed, BUILD_DIR / "notebooks" / notebook.name)
        _replace_tree(staging / "figures", FIGURE_DIR, stale=_figures_of(stem))
        _replace_tree(staging / "verdicts", VERDICT_DIR)
        os.replace(executed, notebook)
    else:
        assert out_dir is not None
        out_dir.mkdir(parents=True, exist_ok=True)
        _export_html(executed, out_dir / f"{stem}.html")
        _replace_tree(staging, out_dir)
    shutil.rmtree(staging, ignore_errors=True)
    return Outcome(stem, True, time.perf_counter() - start)


def _print(message: str) -> None:
    print(message, flush=True)


def reproduce(selection: Sequence[str] = ()) -> int:
    """Run every notebook (or a selection) with its defaults; return the exit status."""
    from .registry import claims

    # A broken registry would fail every notebook half-way: refuse before touching anything.
    claims()
    chosen = [find_notebook(n) for n in selection] if selection else notebooks()
    outcomes = []
    for index, notebook in enumerate(chosen, start=1):
        _print(f"[{index}/{len(chosen)}] {notebook.stem} …")
        outcome = execute(notebook, publish=True)
        outcomes.append(outcome)
        status = "ok" if outcome.ok else f"FAILED in {outcome.error}"
        _print(f"[{index}/{len(chosen)}] {notebook.stem}: {status} ({outcome.seconds:.1f} s)")
    from .claims import summarise

    _print("")
    _print(summarise(VERDICT_DIR, REPORT_DIR / "verdicts.json")[1])
    failed = [o for o in outcomes if not o.ok]
    if failed:
        _print(f"\n{len(failed)} of {len(outcomes)} notebook(s) failed; their earlier figures and reports were kept:")
        for outcome in failed:
            _print(f"  {outcome.notebook}: {outcome.error}  (executed copy: build/failed/{outcome.notebook}.ipynb)")
        return 1
    return 0


def run(name: str, parameters: Mapping[str, Any]) -> int:
    """Run one notebook with parameters into ``build/runs/<notebook>/``."""
    notebook = find_notebook(name)
    check_parameter_names(notebook, parameters)
    out_dir = BUILD_DIR / "runs" / notebook.stem
    outcome = execute(notebook, parameters, publish=False, out_dir=out_dir)
    if not outcome.ok:
        _print(f"{notebook.stem}: FAILED in {outcome.error}\n(executed copy: build/failed/{notebook.name})")
        return 1
    _print(f"{notebook.stem}: ok ({outcome.seconds:.1f} s); results in {out_dir.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(reproduce())
