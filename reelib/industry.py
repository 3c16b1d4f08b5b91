"""The EU automotive supplier industry in figures (``eu_automotive_statistics``), for CLEPA-02.

CLEPA states its industry's size (people employed, companies, R&D spending)
without an open statistic behind it. The data file keeps CLEPA's figures next
to the nearest official ones, each with its scope, and a column ``independent``
that says whether it comes from someone other than CLEPA; only those can
test the claim.
"""

from __future__ import annotations

import pandas as pd

from .errors import ParameterError
from .units import Q_

__all__ = ["independent_figures"]


def independent_figures(statistics: pd.DataFrame, indicator: str, unit: str) -> str:
    """What independent sources say about ``indicator``, in ``unit``, with scope, region and year; or that none was found."""
    if indicator not in set(statistics["indicator"]):
        raise ParameterError("indicator", f"{indicator!r} is not in the statistics; indicators: {', '.join(sorted(set(statistics['indicator'])))}")
    rows = statistics[(statistics["indicator"] == indicator) & statistics["independent"]]
    return "; ".join(
        f"{row['scope']} ({row['region']}, {row['year'] if pd.notna(row['year']) else 'year n/a'}): "
        f"{Q_(row['value'], row['unit'] if pd.notna(row['unit']) else '').to(unit):,.3g~P}"
        for _, row in rows.iterrows()
    ) or "nothing independent found"
