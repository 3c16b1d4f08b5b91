"""Run one notebook in its own folder: the work a worker process does.

The notebook's source is its jupytext file (``notebooks/<stem>.py``); it is
executed by papermill in a fresh folder, the kernel started *in* that folder
with a manifest (:mod:`reelib.outputs`) telling reelib where its figures and
verdicts go and which parameters the run has. Nothing here touches a
published file: the caller decides what to publish.

Everything crossing the process boundary is plain data (:class:`Task`,
:class:`Outcome`), so a task runs the same in a process pool or on a dask
worker.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import outputs, paths
from ..errors import RunError
from .keys import dependency_key

__all__ = ["Outcome", "Task", "execute"]

#: papermill records per notebook that change with every run (times, paths); its parameters are kept.
_VOLATILE_NOTEBOOK_KEYS = ("start_time", "end_time", "duration", "input_path", "output_path", "environment_variables", "exception")


@dataclass(frozen=True)
class Task:
    """One notebook run: which notebook, with which parameters, in which folder."""

    stem: str
    #: Every parameter: declared defaults with the overrides applied (recorded in sidecars).
    parameters: Mapping[str, Any]
    #: Only the overrides: what papermill injects.
    overrides: Mapping[str, Any]
    folder: str
    #: The checkout that submitted the task; a worker must run reelib from the same one.
    root: str = ""
    #: Write the kernel's own output (warnings) to a log in the folder instead of the terminal.
    quiet: bool = True


@dataclass(frozen=True)
class Outcome:
    """What happened to one run."""

    stem: str
    ok: bool
    seconds: float
    folder: str
    error: str = ""
    #: Data files the kernel loaded: name -> {path, sha256}.
    inputs: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: The dependency key the run's outputs were stamped with (successful runs).
    key: str = ""


def _describe_failure(error: BaseException) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(error, PapermillExecutionError):
        return f"cell {error.exec_count}: {error.ename}: {error.evalue}"
    return f"{type(error).__name__}: {error}"


def _clean(notebook_path: Path) -> None:
    """Drop what differs from run to run (times, staging paths), keep papermill's parameter record."""
    import nbformat

    nb = nbformat.read(notebook_path, as_version=4)
    record = nb.metadata.get("papermill", {})
    for key in _VOLATILE_NOTEBOOK_KEYS:
        record.pop(key, None)
    nb.metadata.pop("jupytext", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    nbformat.write(nb, notebook_path)


def _ipc_kernel_manager() -> type:
    """Kernels that talk over Unix sockets: with TCP, kernels starting at once in parallel workers
    race for the same free port ("Address already in use")."""
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(transport="ipc", **kwargs)

    return IPCKernelManager


def source_notebook(stem: str):
    """The notebook to execute, read from its jupytext source."""
    import jupytext

    notebook = jupytext.read(paths.NOTEBOOK_DIR / f"{stem}.py")
    # The published notebook opens in JupyterLab and papermill with the project's kernel.
    notebook.metadata.setdefault("kernelspec", {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"})
    # Cell ids by position, not random: a rerun must write the same bytes.
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"c{index:02d}"
    return notebook


def execute(task: Task) -> Outcome:
    """Execute ``task`` into its folder: ``<stem>.ipynb``, ``report.html``, ``figures/``, ``verdicts/``, ``inputs.json``."""
    import nbformat
    import papermill

    from .report import export_html

    if task.root and Path(task.root) != paths.ROOT:
        raise RunError(
            f"this worker runs reelib from {paths.ROOT}, not from the checkout {task.root} that submitted the task; "
            "start the workers in that checkout's environment (same files, same PYTHONPATH)"
        )
    folder = Path(task.folder)
    folder.mkdir(parents=True, exist_ok=False)
    manifest = {"notebook": task.stem, "parameters": dict(task.parameters)}
    (folder / outputs.MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    source = folder / "source.ipynb"
    nbformat.write(source_notebook(task.stem), source)
    executed = folder / f"{task.stem}.ipynb"
    start = time.perf_counter()
    saved_stderr = None
    if task.quiet:
        # The kernel inherits this process's stderr; its start-up warnings belong in a log, not the terminal.
        saved_stderr = os.dup(2)
        log = os.open(folder / "kernel.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(log, 2)
        os.close(log)
    try:
        papermill.execute_notebook(
            str(source),
            str(executed),
            parameters=dict(task.overrides),
            cwd=str(folder),
            kernel_name="python3",
            language="python",
            progress_bar=False,
            log_output=False,
            kernel_manager_class=_ipc_kernel_manager(),
        )
        error = ""
    except Exception as failure:  # noqa: BLE001 - any failure is reported, none is fatal to the batch
        error = _describe_failure(failure)
    finally:
        if saved_stderr is not None:
            sys.stderr.flush()
            os.dup2(saved_stderr, 2)
            os.close(saved_stderr)
    seconds = time.perf_counter() - start
    inputs_file = folder / "inputs.json"
    inputs = json.loads(inputs_file.read_text(encoding="utf-8")) if inputs_file.exists() else {}
    if error:
        return Outcome(task.stem, False, seconds, str(folder), error, inputs)
    source.unlink()
    _clean(executed)
    # The key is known only now that the kernel has said which data it read; the runner stamps it.
    key = dependency_key(task.stem, task.parameters, inputs)
    _stamp_sidecars(folder / "figures", key)
    export_html(executed, folder / "report.html", stem=task.stem, key=key, parameters=task.parameters)
    return Outcome(task.stem, True, seconds, str(folder), "", inputs, key)


def _stamp_sidecars(figures: Path, key: str) -> None:
    for sidecar in sorted(figures.glob("*.json")):
        record = json.loads(sidecar.read_text(encoding="utf-8"))
        record["dependency_key"] = key
        sidecar.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
