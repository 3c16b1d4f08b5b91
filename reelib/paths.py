"""The compendium's folders, named once.

Everything else asks this module where things are, so that moving a folder
(or pointing tests at a temporary copy) is one change, not a search.

Nothing here decides where a *run* writes: that is :mod:`reelib.outputs`.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BUILD_DIR",
    "DATA_DIR",
    "FIGURE_DIR",
    "NOTEBOOK_DIR",
    "REPORT_DIR",
    "ROOT",
    "SOURCE_TEXT_DIR",
    "VERDICT_DIR",
]

#: The repository: the folder above the ``reelib`` package.
ROOT = Path(__file__).resolve().parents[1]
#: Sourced inputs and their metadata (``datapackage.json``, ``claims.yaml``).
DATA_DIR = ROOT / "data"
NOTEBOOK_DIR = ROOT / "notebooks"
#: Published figures: written only by ``reelib reproduce``.
FIGURE_DIR = ROOT / "figures"
#: Published reports (HTML) and verdicts: written only by ``reelib reproduce``.
REPORT_DIR = ROOT / "reports"
#: One JSON record per assessed claim, and ``verdicts.json`` for all of them.
VERDICT_DIR = REPORT_DIR / "verdicts"
#: Scratch space: caches, staging, parameterised runs. Never committed.
BUILD_DIR = ROOT / "build"
#: The two source texts, beside the repository (not part of it).
SOURCE_TEXT_DIR = ROOT.parent / "shared" / "sources"
