"""Dependency keys: a notebook reruns only when something it depends on changed.

A notebook's result is keyed by a content hash of everything it depends on:
its source (``notebooks/<stem>.py``, code and text), every parameter of the run
(declared defaults with overrides applied), the reelib package, the pinned
environment (``requirements.lock``), the claims registry and the data
package's metadata (sources and provenance), and each data file the notebook
loaded when it last ran, which the kernel records as it runs
(:func:`reelib.outputs.record_input`). A data file a notebook does not read
cannot rerun it; a changed one always does.

Why not a library: jupyter-cache keys on code cells only, so it serves stale
results after a data change; Snakemake and doit want each task's inputs
declared up front, while here they are recorded at run time, and they would
bring a workflow language or a task database for ten notebooks. The key is a
sha256 over files (stdlib ``hashlib``); the records are small JSON files in
``build/cache/``.
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import paths
from ..errors import RunError

__all__ = ["declared_defaults", "dependency_key", "file_sha256", "load_record", "save_record"]

#: Files every notebook depends on besides its own inputs, relative to the repository. Of
#: data/datapackage.json, only the sources (provenance) and the entries of the data a notebook
#: read count, so that rehashing one file reruns only the notebooks that read it.
SHARED_FILES = ("requirements.lock", "data/claims.yaml")
PACKAGE = "data/datapackage.json"
KEY_LENGTH = 20


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


#: Package files that cannot change what a notebook run produces (command line, sweeps, the publishing
#: transaction): editing them must not rerun every notebook.
NOT_IN_KEY = ("runner/cli.py", "runner/sweep.py", "runner/publish.py", "sweeps.py")


def _package_files() -> list[Path]:
    package = paths.ROOT / "reelib"
    return sorted(
        p for p in package.rglob("*")
        if p.is_file() and p.suffix in (".py", ".txt", ".j2", ".css", ".json") and "__pycache__" not in p.parts
        and p.relative_to(package).as_posix() not in NOT_IN_KEY
    )


def dependency_key(stem: str, parameters: Mapping[str, Any], inputs: Mapping[str, Mapping[str, str]]) -> str:
    """The content hash of everything a run of ``stem`` with ``parameters`` depends on.

    ``inputs`` are the data files the notebook read last time (name → path
    relative to the repository); their *current* content enters the key.
    """
    digest = hashlib.sha256()

    def feed(label: str, value: str) -> None:
        digest.update(f"{label}\0{value}\0".encode())

    feed("notebook", file_sha256(paths.NOTEBOOK_DIR / f"{stem}.py"))
    feed("parameters", json.dumps(parameters, sort_keys=True, default=str))
    for path in _package_files():
        feed(path.relative_to(paths.ROOT).as_posix(), file_sha256(path))
    for name in SHARED_FILES:
        feed(name, file_sha256(paths.ROOT / name))
    package = _package()
    feed("package", json.dumps({k: v for k, v in package.items() if k != "resources"}, sort_keys=True))
    entries = {entry.get("name"): entry for entry in package.get("resources", [])}
    for name, record in sorted(inputs.items()):
        feed(f"input:{name}:{record['path']}", file_sha256(paths.ROOT / record["path"]))
        feed(f"metadata:{name}", json.dumps(entries.get(name), sort_keys=True))
    return digest.hexdigest()[:KEY_LENGTH]


def _package() -> dict[str, Any]:
    try:
        return json.loads((paths.ROOT / PACKAGE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"unreadable": file_sha256(paths.ROOT / PACKAGE)}


def declared_defaults(stem: str) -> dict[str, Any]:
    """The parameters a notebook declares, with their defaults, read from its parameters cell.

    Read with ``ast`` from the jupytext source, so that checking a cache key
    needs neither papermill nor a kernel.
    """
    source = paths.NOTEBOOK_DIR / f"{stem}.py"
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as error:
        raise RunError(f"{source}: cannot read the notebook source: {error.strerror or error}") from None
    marker = '# %% tags=["parameters"]'
    if marker not in text:
        raise RunError(f"{source}: no cell tagged 'parameters'")
    cell = text.split(marker, 1)[1].split("\n# %%", 1)[0]
    defaults = {}
    for node in ast.parse(cell).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                defaults[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                raise RunError(f"{source}: parameter {node.targets[0].id!r} has a default that is not a plain value") from None
    return defaults


def _record_path(stem: str) -> Path:
    return paths.BUILD_DIR / "cache" / f"{stem}.json"


def load_record(stem: str) -> dict[str, Any] | None:
    try:
        return dict(json.loads(_record_path(stem).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def save_record(stem: str, record: Mapping[str, Any]) -> None:
    path = _record_path(stem)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    temporary.replace(path)
