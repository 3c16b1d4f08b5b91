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
import os
import subprocess
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import matplotlib.figure
import matplotlib.pyplot as plt
import seaborn as sns

from . import data

__all__ = ["FIGURE_DIR", "save_figure", "use_style"]

ROOT = Path(__file__).resolve().parents[1]
#: Where figures go; ``$REELIB_FIGURE_DIR`` overrides (the runner's staging area).
FIGURE_DIR = Path(os.environ.get("REELIB_FIGURE_DIR", ROOT / "figures"))


def use_style() -> None:
    """The compendium's one style: readable at report width, colour-blind safe."""
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


@lru_cache(maxsize=1)
def _git_commit() -> str:
    """HEAD, with "+dirty" when reelib/ or data/ differ from it.

    notebooks/ is left out: the runner itself rewrites their stored outputs.
    """
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()

    try:
        commit = git("rev-parse", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no", "--", "reelib", "data")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("+dirty" if dirty else "")


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
    FIGURE_DIR.mkdir(parents=True, exist_ok=True)
    png, svg, sidecar = (FIGURE_DIR / f"{name}.{ext}" for ext in ("png", "svg", "json"))
    fig.savefig(png, metadata={"Software": None})
    fig.savefig(svg, metadata={"Date": None, "Creator": None})
    provenance = {
        "figure": name,
        "caption": caption,
        "notebook": notebook,
        "claims": sorted(claims),
        "parameters": _jsonable(parameters or {}),
        "data_sha256": data.loaded_checksums(),
        "reelib_version": _version(),
        "git_commit": _git_commit(),
    }
    sidecar.write_text(json.dumps(provenance, indent=2, ensure_ascii=False) + "\n")
    return png


def _version() -> str:
    from . import __version__

    return __version__
