"""Where a notebook's results go: a scratch folder, unless the runner says otherwise.

Only ``reelib reproduce`` publishes (into ``figures/`` and ``reports/``), and
only after a notebook has succeeded. A notebook run any other way (plain
papermill, JupyterLab, nbconvert, nbval) writes its figures and verdicts into
``build/scratch/``, so a half-finished run can never overwrite a good figure.

The runner tells a kernel where to write by starting it in a fresh run folder
that holds a manifest, ``reelib-run.json`` (the run's folder, notebook and
parameters). Nothing is passed through environment variables, so runs in
parallel worker processes cannot see each other's settings. The kernel also
records in that folder which data files it loaded (``inputs.json``), so the
runner can key its cache on them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import paths

__all__ = ["MANIFEST", "Run", "current", "record_input"]

#: The file the runner writes into a run folder before starting the kernel there.
MANIFEST = "reelib-run.json"
#: Where results go when no runner started the kernel.
SCRATCH_DIR = paths.BUILD_DIR / "scratch"


@dataclass(frozen=True)
class Run:
    """The destination of this process's results and what the runner said about the run."""

    directory: Path
    notebook: str | None = None
    #: Every parameter of the run: declared defaults, with overrides applied.
    parameters: Mapping[str, Any] = field(default_factory=dict)
    managed: bool = False

    @property
    def figure_dir(self) -> Path:
        return self.directory / "figures"

    @property
    def verdict_dir(self) -> Path:
        return self.directory / "verdicts"


@lru_cache(maxsize=1)
def _from_manifest(cwd: str) -> Run | None:
    manifest = Path(cwd) / MANIFEST
    if not manifest.is_file():
        return None
    spec = json.loads(manifest.read_text(encoding="utf-8"))
    return Run(Path(cwd), spec.get("notebook"), spec.get("parameters", {}), managed=True)


def current() -> Run:
    """The run this process belongs to: the runner's, or the scratch folder."""
    return _from_manifest(os.getcwd()) or Run(SCRATCH_DIR)


def record_input(name: str, path: Path, sha256: str) -> None:
    """Note that this run read a data file, for the runner's dependency key.

    Only a run started by the runner keeps the record; elsewhere the checksums
    are still kept in memory for figure sidecars (reelib.data).
    """
    run = current()
    if not run.managed:
        return
    record = run.directory / "inputs.json"
    known = json.loads(record.read_text(encoding="utf-8")) if record.exists() else {}
    known[name] = {"path": os.path.relpath(path, paths.ROOT), "sha256": sha256}
    record.write_text(json.dumps(dict(sorted(known.items())), indent=2) + "\n", encoding="utf-8")
