"""Scenario sweeps: one notebook over a grid of parameters, one tidy table of verdicts and numbers.

``reelib sweep 05 -p coal_ash_concentration "200..400 ppm REE,400..800 ppm REE" -p level 0.8,0.9``
runs the notebook at every combination (or at each row of ``--csv``), each
point as a parameterised run in its own folder, and collects every point's
verdicts and reproduced values into ``results.csv`` with a summary figure.

Points run on a local process pool (``--jobs``) or, with ``--scheduler
ADDRESS``, on a running **dask.distributed** cluster: the engine researchers
already run on HPC and cloud, reached through its standard
``concurrent.futures`` interface (``Client.get_executor``), so the same code
drives both. A notebook whose model runs without a kernel
(:data:`reelib.catalog.NotebookSpec.sweep` = ``"in-process"``) is swept by
calling that model once per point in this process, instead of a kernel per point.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import paths
from ..errors import ParameterError, RunError
from . import _parameters, _print, find_notebook, parse_value, run_id, run_tasks
from .execute import Outcome, Task

__all__ = ["collect", "grid", "point_base", "sweep", "verdict_rows"]


def grid(pairs: Sequence[tuple[str, str]], csv_file: str | None = None) -> list[dict[str, Any]]:
    """The points of a sweep: the product of ``-p NAME V1,V2`` lists, or the rows of a CSV file."""
    if pairs and csv_file:
        raise RunError("give either -p NAME V1,V2,... or --csv FILE, not both")
    if csv_file:
        try:
            with open(csv_file, newline="", encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
        except OSError as error:
            raise RunError(f"{csv_file}: cannot read the parameter sets: {error.strerror or error}") from None
        if not rows:
            raise RunError(f"{csv_file}: no parameter sets (a header and at least one row are needed)")
        return [{name: parse_value(value) for name, value in row.items()} for row in rows]
    if not pairs:
        raise RunError("nothing to sweep: give -p NAME V1,V2,... (or --csv FILE)")
    names = [name for name, _ in pairs]
    if len(set(names)) != len(names):
        raise RunError(f"a parameter is swept twice: {names}")
    values = [[parse_value(v.strip()) for v in text.split(",")] for _, text in pairs]
    return [dict(zip(names, combination)) for combination in itertools.product(*values)]


def verdict_rows(base: Mapping[str, Any], verdict: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per claim part and deciding piece of evidence of a verdict record (``reports/verdicts/<ID>.json``)."""
    from ..claims import provenance_text

    rows = []
    for part in verdict["parts"]:
        deciding = [e for e in part.get("evidence", []) if e["role"] == "decides"] or [{}]
        for evidence in deciding:
            rows.append(
                dict(base)
                | {
                    "claim": verdict["claim"],
                    "claim verdict": verdict["verdict"],
                    "part": part["part"],
                    "part verdict": part["verdict"],
                    "value": evidence.get("value"),
                    "low": evidence.get("low"),
                    "high": evidence.get("high"),
                    "unit": evidence.get("unit", ""),
                    "provenance": provenance_text(evidence) if evidence else "",
                }
            )
    return rows


def point_base(index: int, point: Mapping[str, Any], *, ok: bool, error: str) -> dict[str, Any]:
    """The columns every row of a sweep point starts with."""
    return {"point": index, **{f"parameter {k}": v for k, v in point.items()}, "ok": ok, "error": error}


def collect(outcomes: Sequence[Outcome], points: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per point, claim part and deciding piece of evidence (or one row for a failed point)."""
    rows: list[dict[str, Any]] = []
    by_folder = {Path(o.folder).name: o for o in outcomes}
    for index, point in enumerate(points):
        outcome = by_folder[f"{index:04d}"]
        base = point_base(index, point, ok=outcome.ok, error=outcome.error)
        records = sorted((Path(outcome.folder) / "verdicts").glob("*.json")) if outcome.ok else []
        if not records:
            rows.append(base)  # a failed point, or one whose notebook assesses no claim
            continue
        for record in records:
            rows.extend(verdict_rows(base, json.loads(record.read_text(encoding="utf-8"))))
    return rows


def _write_table(rows: Sequence[Mapping[str, Any]], target: Path) -> None:
    columns = list(dict.fromkeys(column for row in rows for column in row))
    with open(target, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _summary_figure(rows: Sequence[Mapping[str, Any]], swept: Sequence[str], target: Path, stem: str) -> None:
    """Each claim part's reproduced value at every point (labelled by the swept parameters), coloured by verdict."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..plotting import VERDICT_COLOURS, use_style

    use_style()
    parts = sorted({(r["claim"], r["part"]) for r in rows if r.get("claim") and r.get("value") is not None})
    if not parts:
        return
    columns = min(3, len(parts))
    lines = -(-len(parts) // columns)
    fig, axes = plt.subplots(lines, columns, figsize=(4.5 * columns, 3.2 * lines), squeeze=False, layout="constrained")
    for ax, (claim, part) in zip(axes.flat, parts):
        mine = [r for r in rows if r.get("claim") == claim and r.get("part") == part and r.get("value") is not None]
        labels = [" · ".join(str(r[f"parameter {name}"]) for name in swept) for r in mine]
        for position, row in enumerate(mine):
            low = row["value"] if row["low"] is None else row["low"]
            high = row["value"] if row["high"] is None else row["high"]
            ax.errorbar(position, row["value"], yerr=[[row["value"] - low], [high - row["value"]]], fmt="o", capsize=3,
                        color=VERDICT_COLOURS.get(row["part verdict"], "grey"))
        ax.set_xticks(range(len(mine)), labels, rotation=30, ha="right", fontsize="x-small")
        ax.set(title=f"{claim} · {part}", xlabel=" · ".join(swept), ylabel=mine[0]["unit"] or "ratio")
    for ax in list(axes.flat)[len(parts):]:
        ax.set_visible(False)
    handles = [plt.Line2D([], [], marker="o", ls="none", color=c, label=v) for v, c in VERDICT_COLOURS.items()]
    fig.legend(handles=handles, loc="outside lower center", ncol=len(handles), fontsize="small")
    fig.suptitle(f"Sweep of {stem} over {', '.join(swept)}: reproduced value, interval and verdict per point")
    fig.savefig(target, dpi=120)
    plt.close(fig)


def sweep(
    name: str,
    pairs: Sequence[tuple[str, str]],
    *,
    csv: str | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    out: Any = _print,
) -> int:
    """Run ``name`` at every point of the grid; write ``results.csv`` and ``summary.png``. Returns the exit status."""
    import os

    from .. import catalog

    if scheduler is not None and not scheduler.strip():
        # An empty address (an unset shell variable, say) must not quietly fall back to the local pool.
        raise RunError("--scheduler: the address is empty; give the dask scheduler's address, e.g. tcp://host:8786")
    stem = find_notebook(name)
    points = grid(pairs, csv)
    checked = []
    for index, point in enumerate(points):
        try:
            checked.append(_parameters(stem, point))
        except ParameterError as error:
            raise ParameterError(error.parameter, f"{error.detail} (sweep point {index}: {point})") from None
    folder = paths.BUILD_DIR / "sweeps" / stem / run_id()
    if catalog.spec(stem).sweep == "in-process":
        from .. import sweeps

        rows = sweeps.run(stem, checked, points, out=out)
    else:
        tasks = [
            Task(stem, full, point, str(folder / "points" / f"{index:04d}"), root=str(paths.ROOT), quiet=scheduler is None)
            for index, (full, point) in enumerate(zip(checked, points))
        ]
        executor, close = _executor(scheduler, jobs or os.cpu_count() or 1, len(tasks))
        how = f"dask scheduler {scheduler}" if scheduler else f"{min(jobs or os.cpu_count() or 1, len(tasks))} local worker(s)"
        out(f"sweeping {stem} over {len(tasks)} point(s) on {how}")
        try:
            outcomes = run_tasks(tasks, executor, out)
        finally:
            close()
        rows = collect(outcomes, points)
    folder.mkdir(parents=True, exist_ok=True)
    _write_table(rows, folder / "results.csv")
    _summary_figure(rows, list(points[0]), folder / "summary.png", stem)
    failed = sorted({r["point"] for r in rows if not r["ok"]})
    out(f"results: {(folder / 'results.csv').relative_to(paths.ROOT)} ({len(rows)} rows), figure: {(folder / 'summary.png').relative_to(paths.ROOT)}")
    if failed:
        out(f"{len(failed)} of {len(points)} point(s) failed: {failed}; their errors are in the table")
        return 1
    return 0


def _executor(scheduler: str | None, jobs: int, points: int):
    """The executor the points run on, and how to release it."""
    if scheduler:
        try:
            from distributed import Client
        except ImportError:  # pragma: no cover - distributed is in the lock
            raise RunError("--scheduler needs dask.distributed, which is not installed") from None
        try:
            client = Client(scheduler, timeout=10)
        except (OSError, TimeoutError) as error:
            raise RunError(f"cannot reach the dask scheduler at {scheduler}: {error}") from None
        return client.get_executor(), client.close
    if jobs == 1 or points == 1:
        return None, lambda: None
    from . import _executor as local

    pool = local(min(jobs, points))
    return pool, pool.shutdown
