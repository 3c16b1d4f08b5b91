"""Sweeps that run in the Python process: models that need no kernel per point.

A notebook declared ``sweep="in-process"`` in :mod:`reelib.catalog` has a
function that computes all its verdicts from a set of parameters
(:func:`reelib.urban.evaluate` for ``07_urban_mine``): the same functions the
notebook calls, without the figures. ``reelib sweep`` then evaluates each
point in turn, instead of starting a kernel and drawing every figure per
point (each evaluation still reads its data files); the rows it writes are the
rows a kernel sweep writes (:func:`reelib.runner.sweep.verdict_rows`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .errors import ReelibError

__all__ = ["EVALUATORS", "run"]


def _urban(parameters: Mapping[str, Any]) -> list[Any]:
    from .urban import evaluate

    return evaluate(parameters)


#: The notebooks that sweep in-process, and the function that gives their verdicts for one set of parameters.
EVALUATORS: Mapping[str, Callable[[Mapping[str, Any]], list[Any]]] = {"07_urban_mine": _urban}


def run(stem: str, checked: Sequence[Mapping[str, Any]], points: Sequence[Mapping[str, Any]], *, out: Callable[[str], None] = print) -> list[dict[str, Any]]:
    """Evaluate ``stem`` at every point; a point that fails gives one row with its error, and the others go on.

    ``checked`` holds each point's full parameters (defaults filled in),
    ``points`` what the sweep varied (the table's parameter columns).
    """
    from .runner.sweep import point_base, verdict_rows

    if stem not in EVALUATORS:
        raise ReelibError(f"{stem} has no in-process sweep; known: {', '.join(EVALUATORS)}")
    evaluate = EVALUATORS[stem]
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    out(f"sweeping {stem} over {len(points)} point(s) in this process")
    for index, (parameters, point) in enumerate(zip(checked, points)):
        try:
            verdicts = evaluate(parameters)
        except ReelibError as error:
            rows.append(point_base(index, point, ok=False, error=str(error)))
            out(f"[{index + 1}/{len(points)}] {point}: FAILED: {error}")
            continue
        base = point_base(index, point, ok=True, error="")
        for verdict in verdicts:
            rows.extend(verdict_rows(base, json.loads(verdict.to_json())))
        out(f"[{index + 1}/{len(points)}] {point}: " + ", ".join(f"{v.claim} {v.verdict}" for v in verdicts)
            + f" ({time.perf_counter() - started:.1f} s)")
    return rows
