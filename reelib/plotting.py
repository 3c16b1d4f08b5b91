"""One way to draw and save figures, so that every figure looks and is recorded alike.

:func:`save_figure` writes PNG and SVG into ``figures/`` with bytes that depend
only on the figure (no dates, no random ids: a rerun that changes nothing
changes no file), and a JSON sidecar saying where the figure came from: the
notebook, its parameters, the checksums of the data it read, and the code
version. The runner redirects the output to a staging directory so that a
failed run never replaces a good figure.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import matplotlib.figure
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from . import data, outputs

__all__ = ["VERDICT_COLOURS", "save_figure", "use_style"]

#: One colour per status, the same in every figure and report (Okabe–Ito, colour-blind safe).
VERDICT_COLOURS = {
    "reproduced": "#009E73",
    "consistent": "#0072B2",
    "not supported": "#D55E00",
    "not checkable": "#999999",
    "not assessed": "#CCCCCC",
}


def use_style() -> None:
    """The compendium's one style: readable at report width, colour-blind safe.

    Tables are shown whole: a verdict's reason cut off with "…" would hide
    the part a reader needs.
    """
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.width", 250)
    pd.set_option("display.max_columns", None)
    sns.set_theme(context="notebook", style="whitegrid", palette="colorblind")
    plt.rcParams.update(
        {
            "figure.figsize": (8, 4.5),
            "figure.dpi": 100,
            "savefig.dpi": 150,
            "savefig.bbox": "tight",
            "axes.titlesize": "medium",
            "axes.titleweight": "bold",
            "svg.hashsalt": "reelib",  # fixed ids in SVG output
            "svg.fonttype": "path",  # text as paths: identical rendering everywhere
        }
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def save_figure(
    fig: matplotlib.figure.Figure,
    name: str,
    *,
    notebook: str,
    parameters: Mapping[str, Any] | None = None,
    claims: Iterable[str] = (),
    caption: str = "",
) -> Path:
    """Save ``fig`` as ``figures/<name>.png`` and ``.svg``, with a provenance sidecar.

    Parameters
    ----------
    fig
        The figure; it is closed after saving, so notebooks show it first.
    name
        File stem, conventionally ``<notebook number>_<what it shows>``.
    notebook
        The notebook that drew it (for the sidecar).
    parameters
        The notebook's raw parameters (``Parameters.raw``).
    claims
        Claim IDs the figure bears on.
    caption
        One sentence saying what the figure shows, stored in the sidecar.

    Returns
    -------
    Path
        The PNG path.
    """
    run = outputs.current()
    run.figure_dir.mkdir(parents=True, exist_ok=True)
    png, svg, sidecar = (run.figure_dir / f"{name}.{ext}" for ext in ("png", "svg", "json"))
    fig.savefig(png, metadata={"Software": None})
    fig.savefig(svg, metadata={"Date": None, "Creator": None})
    provenance = {
        "figure": name,
        "caption": caption,
        "notebook": notebook,
        "claims": sorted(claims),
        # Every parameter of the run (the runner's record: defaults and overrides), else what the notebook passed.
        "parameters": _jsonable(run.parameters or parameters or {}),
        "data_sha256": data.loaded_checksums(),
        "reelib_version": _version(),
        # Stamped by the runner once the run has said which data it read (reelib.runner.keys); null elsewhere.
        "dependency_key": None,
    }
    sidecar.write_text(json.dumps(provenance, indent=2, ensure_ascii=False) + "\n")
    return png


def _version() -> str:
    from . import __version__

    return __version__
