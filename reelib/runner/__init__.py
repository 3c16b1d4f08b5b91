"""Batch reproduction: run what changed, in parallel, and publish only what succeeded.

``reelib reproduce`` runs each theme notebook whose dependency key
(:mod:`reelib.runner.keys`) changed since its last good run, in a process
pool, each in its own folder under ``build/staging/<run id>/``. A notebook
that succeeds is published as one transaction (:mod:`reelib.runner.publish`):
the executed notebook back into ``notebooks/``, its report into ``reports/``,
its figures into ``figures/``, its verdicts into ``reports/verdicts/``. A
notebook that fails is reported with its cell and error, its folder is kept
in ``build/failed/``, and everything it published before stays as it was.

One checkout runs one ``reproduce`` at a time (a lock file in ``build/``); a
second one refuses, or waits with ``--wait``. ``reelib run`` writes a
parameterised run into its own ``build/runs/<notebook>/<run id>/`` and
publishes nothing, so it needs no lock.

Every mistake of the user's (an unknown notebook, a bad parameter, a broken
data file or claims registry, a published folder that cannot be written) is a
:class:`~reelib.errors.ReelibError` with one line to say, raised before any
work where it can be known before.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import paths
from ..errors import PublishError, RunError
from . import keys, publish
from .execute import Outcome, Task, execute

__all__ = ["find_notebook", "notebooks", "parse_value", "reproduce", "run", "run_id"]

Print = Callable[[str], None]


def _print(message: str) -> None:
    print(message, flush=True)


def notebooks() -> list[str]:
    """The theme notebooks (their stems), in their numbered order."""
    return sorted(p.stem for p in paths.NOTEBOOK_DIR.glob("[0-9][0-9]_*.py"))


def find_notebook(name: str) -> str:
    """A notebook's stem from its stem, file name, path, or number prefix ("01")."""
    stem = Path(name).name.removesuffix(".ipynb").removesuffix(".py")
    matches = [s for s in notebooks() if s == stem or s.startswith(f"{stem}_")]
    if len(matches) != 1:
        raise RunError(f"no single notebook matches {name!r}; known: {', '.join(notebooks())}")
    return matches[0]


def run_id() -> str:
    """A fresh, sortable identifier for one run: time, process and a random suffix."""
    return f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{secrets.token_hex(2)}"


def parse_value(text: str) -> Any:
    """A command-line value as papermill's ``-p`` reads it: int, float, bool, None, or the string itself.

    Only ASCII text becomes a number: Python's ``int("５")`` would quietly read
    a full-width digit, which the parameter checks refuse by name instead.
    """
    if not text.isascii():
        return text
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    return {"True": True, "False": False, "None": None}.get(text, text)


def _parameters(stem: str, overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Every parameter of a run, checked against the notebook's declaration before any work."""
    from .. import catalog

    full = keys.declared_defaults(stem) | dict(overrides)
    catalog.parameters(stem, **full)
    return full


@dataclass(frozen=True)
class _Plan:
    stem: str
    parameters: dict[str, Any]
    reason: str  # why it runs; empty when cached


def _plan(stem: str, force: bool) -> _Plan:
    defaults = keys.declared_defaults(stem)
    record = keys.load_record(stem)
    if force:
        return _Plan(stem, defaults, "forced")
    if record is None:
        return _Plan(stem, defaults, "no earlier run")
    if keys.dependency_key(stem, defaults, record.get("inputs", {})) != record.get("key"):
        return _Plan(stem, defaults, "changed")
    for name, digest in record.get("published", {}).items():
        if keys.file_sha256(paths.ROOT / name) != digest:
            return _Plan(stem, defaults, f"{name} differs from its last published version")
    return _Plan(stem, defaults, "")


def _check_inputs() -> None:
    """The claims registry and every dataset, validated before any notebook starts."""
    from .. import data, registry

    registry.claims()
    for name in data.resources():
        data.load(name)


def _published_by(stem: str) -> list[Path]:
    """Figures and verdicts published for this notebook, as their sidecars and records say.

    What a new run no longer produces (a figure renamed, a claim moved to
    another notebook) is removed when it publishes, so nothing stale stays.
    """
    found = []
    for record in [*paths.FIGURE_DIR.glob("*.json"), *paths.VERDICT_DIR.glob("*.json")]:
        try:
            if json.loads(record.read_text(encoding="utf-8")).get("notebook") != stem:
                continue
        except (OSError, ValueError):
            continue
        found += [record] if record.parent == paths.VERDICT_DIR else [record, record.with_suffix(".png"), record.with_suffix(".svg")]
    return found


def _items(outcome: Outcome) -> list[publish.Item]:
    folder = Path(outcome.folder)
    items = [
        publish.Item(folder / f"{outcome.stem}.ipynb", paths.NOTEBOOK_DIR / f"{outcome.stem}.ipynb"),
        publish.Item(folder / "report.html", paths.REPORT_DIR / f"{outcome.stem}.html"),
    ]
    items += [publish.Item(f, paths.FIGURE_DIR / f.name) for f in sorted((folder / "figures").glob("*")) if f.is_file()]
    items += [publish.Item(f, paths.VERDICT_DIR / f.name) for f in sorted((folder / "verdicts").glob("*.json"))]
    return items


def _publish(outcome: Outcome, parameters: Mapping[str, Any]) -> None:
    items = _items(outcome)
    produced = {item.target for item in items}
    stale = [p for p in _published_by(outcome.stem) if p not in produced]
    publish.publish(items, stale=stale)
    keys.save_record(
        outcome.stem,
        {
            "key": outcome.key,
            "parameters": dict(parameters),
            "inputs": dict(outcome.inputs),
            "published": {item.target.relative_to(paths.ROOT).as_posix(): keys.file_sha256(item.target) for item in items},
        },
    )


def _keep_failed(outcome: Outcome, run: str) -> Path:
    kept = paths.BUILD_DIR / "failed" / run / outcome.stem
    kept.parent.mkdir(parents=True, exist_ok=True)
    if Path(outcome.folder).exists():
        shutil.move(outcome.folder, kept)
    return kept


def _executor(jobs: int) -> Executor:
    import multiprocessing

    # "spawn": each worker starts clean, whatever the parent imported (no forked zmq or matplotlib state).
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))


def _summary(out: Print) -> None:
    from ..claims import STATUSES, summarise

    rows, text = summarise(paths.VERDICT_DIR)
    document = json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    for target, content in ((paths.REPORT_DIR / "verdicts.json", document), (paths.REPORT_DIR / "index.html", _dashboard(rows))):
        if not target.exists() or target.read_text(encoding="utf-8") != content:
            publish.write_atomic(target, content)
    out("")
    out(text if len(rows) <= 40 else "; ".join(f"{sum(r['verdict'] == s for r in rows)} {s}" for s in STATUSES))


def _dashboard(rows: Sequence[Mapping[str, Any]]) -> str:
    from .. import catalog, data, registry
    from .report import index_html

    return index_html(
        rows,
        figure_dir=paths.FIGURE_DIR,
        report_dir=paths.REPORT_DIR,
        notebooks={stem: catalog.spec(stem).title for stem in notebooks()},
        resources={name: (data.resource(name).path.name, data.resource(name).description) for name in data.resources()},
        source_texts=registry.source_titles(),
        sources=data.sources(),
    )


def _print_summary(out: Print) -> None:
    """The published summary's counts, read without loading the claims machinery (a no-op run stays fast)."""
    summary = paths.REPORT_DIR / "verdicts.json"
    try:
        rows = json.loads(summary.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        _summary(out)
        return
    if not (paths.REPORT_DIR / "index.html").exists():
        _summary(out)
        return
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["verdict"]] = counts.get(row["verdict"], 0) + 1
    out(f"nothing to run; {len(rows)} claims in {summary.relative_to(paths.ROOT)}: " + "; ".join(f"{n} {v}" for v, n in counts.items()))


def _lock(wait: bool, out: Print):
    from filelock import FileLock, Timeout

    paths.BUILD_DIR.mkdir(parents=True, exist_ok=True)
    lock = FileLock(paths.BUILD_DIR / "reproduce.lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise RunError(
                "another 'reelib reproduce' is publishing in this checkout (lock build/reproduce.lock); "
                "wait for it to finish, or pass --wait to queue behind it"
            ) from None
        out("waiting for another 'reelib reproduce' in this checkout to finish …")
        lock.acquire()
    return lock


def reproduce(selection: Sequence[str] = (), *, jobs: int | None = None, force: bool = False, wait: bool = False, out: Print = _print) -> int:
    """Run the notebooks (or a selection) whose key changed, with their defaults, and publish them.

    Returns the exit status: 0 when every notebook is published or cached, 1
    when one failed (its earlier results are kept).
    """
    stems = [find_notebook(n) for n in selection] if selection else notebooks()
    jobs = max(1, jobs or os.cpu_count() or 1)
    lock = _lock(wait, out)
    try:
        recovered = publish.recover()
        if recovered:
            out(recovered)
        plans = [_plan(stem, force) for stem in stems]
        to_run = [p for p in plans if p.reason]
        for plan in plans:
            if not plan.reason:
                out(f"{plan.stem}: cached")
        if not to_run:
            _print_summary(out)
            return 0
        _check_inputs()
        for plan in to_run:
            _parameters(plan.stem, {})
        run = run_id()
        staging = paths.BUILD_DIR / "staging" / run
        out(f"running {len(to_run)} notebook(s) on {min(jobs, len(to_run))} worker(s): "
            + ", ".join(f"{p.stem} ({p.reason})" for p in to_run))
        tasks = {p.stem: Task(p.stem, p.parameters, {}, str(staging / p.stem)) for p in to_run}
        failed = _run_all(list(tasks.values()), jobs, run, out)
        shutil.rmtree(staging, ignore_errors=True)
        _summary(out)
        if failed:
            out(f"\n{len(failed)} of {len(to_run)} notebook(s) failed; their earlier figures, reports and verdicts were kept:")
            for line in failed:
                out(f"  {line}")
            return 1
        return 0
    finally:
        lock.release()


def _run_all(tasks: list[Task], jobs: int, run: str, out: Print) -> list[str]:
    failed: list[str] = []

    def finish(task: Task, outcome: Outcome) -> None:
        if outcome.ok:
            try:
                _publish(outcome, task.parameters)
            except PublishError as error:
                kept = _keep_failed(outcome, run)
                failed.append(f"{task.stem}: not published: {error} (results kept in {kept.relative_to(paths.ROOT)})")
                out(f"{task.stem}: ran ({outcome.seconds:.1f} s) but NOT PUBLISHED: {error}")
                return
            out(f"{task.stem}: ran ({outcome.seconds:.1f} s), published")
        else:
            kept = _keep_failed(outcome, run)
            failed.append(f"{task.stem}: {outcome.error}  (executed copy: {kept.relative_to(paths.ROOT)}/)")
            out(f"{task.stem}: FAILED in {outcome.error}")

    if jobs == 1 or len(tasks) == 1:
        for task in tasks:
            finish(task, execute(task))
        return failed
    with _executor(min(jobs, len(tasks))) as pool:
        futures: dict[Future, Task] = {pool.submit(execute, task): task for task in tasks}
        for future in as_completed(futures):
            finish(futures[future], future.result())
    return failed


def run(name: str, overrides: Mapping[str, Any], *, out: Print = _print) -> int:
    """Run one notebook with parameters into a fresh ``build/runs/<notebook>/<run id>/``; publish nothing."""
    stem = find_notebook(name)
    parameters = _parameters(stem, overrides)
    folder = paths.BUILD_DIR / "runs" / stem / run_id()
    outcome = execute(Task(stem, parameters, dict(overrides), str(folder)))
    relative = folder.relative_to(paths.ROOT)
    if not outcome.ok:
        out(f"{stem}: FAILED in {outcome.error}  (executed copy: {relative}/)")
        return 1
    latest = folder.parent / "latest"
    try:
        latest.unlink(missing_ok=True)
        latest.symlink_to(folder.name)
    except OSError:
        pass  # a convenience only
    out(f"{stem}: ok ({outcome.seconds:.1f} s); results in {relative}/ (also build/runs/{stem}/latest)")
    return 0


def run_tasks(tasks: Iterable[Task], executor: Executor | None, out: Print = _print) -> list[Outcome]:
    """Execute tasks on ``executor`` (or here, one by one), reporting each as it ends."""
    tasks = list(tasks)
    outcomes: list[Outcome] = []
    if executor is None:
        for task in tasks:
            outcomes.append(execute(task))
            out(f"{task.stem} {Path(task.folder).name}: {'ok' if outcomes[-1].ok else 'FAILED in ' + outcomes[-1].error}")
        return outcomes
    futures = {executor.submit(execute, task): task for task in tasks}
    for future in as_completed(futures):
        try:
            outcome = future.result()
        except Exception as error:  # noqa: BLE001 - a point that fails is reported in the table, not fatal to the sweep
            task = futures[future]
            outcome = Outcome(task.stem, False, 0.0, task.folder, f"{type(error).__name__}: {error}")
        outcomes.append(outcome)
        out(f"{outcome.stem} {Path(outcome.folder).name}: {'ok' if outcome.ok else 'FAILED in ' + outcome.error} ({len(outcomes)}/{len(tasks)})")
    return outcomes
