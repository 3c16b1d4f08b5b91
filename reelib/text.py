"""Short printed summaries of what a notebook computed.

Notebooks print what they pass to :func:`reelib.claims.assess` so that a
reader (and nbval) sees the numbers behind each verdict. The joining and
formatting live here, not in notebook loops, so that it is tested and every
notebook writes lists the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import pint

from .claims import Evidence

__all__ = ["evidence_lines", "pairs", "quantities"]


def evidence_lines(evidence: Sequence[Evidence], spec: str = ".4g~P") -> str:
    """One line per piece of evidence, ``note: value``, the value formatted with ``spec``."""
    return "\n".join(f"{item.note}: {item.value:{spec}}" for item in evidence)


def pairs(mapping: Mapping[Any, Any] | pd.Series, spec: str = "", *, separator: str = ", ", prefix: str = "") -> str:
    """``"key: value, key: value"``, each value formatted with ``spec`` and each key after ``prefix``."""
    items: Iterable[tuple[Any, Any]] = mapping.items()
    return separator.join(f"{prefix}{key}: {value:{spec}}" for key, value in items)


def quantities(values: pint.Quantity | Iterable[pint.Quantity], spec: str = ".3g~P", *, separator: str = ", ") -> str:
    """Quantities (an array Quantity or any iterable of them) as one list, each formatted with ``spec``."""
    return separator.join(f"{value:{spec}}" for value in values)
