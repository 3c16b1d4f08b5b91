"""Heavy against light rare earths: supply concentration and supply risk, as the EU assessments give them.

CLEPA asks to focus "above all" on heavy rare earths. Concentration is read
here as China's share of world supply, which the European Commission's
criticality assessments state for heavy (HREE) and light (LREE) rare earths
alike, stage by stage; the ratio HREE/LREE above 1 means heavy rare earths
are the more concentrated. Each assessment is one estimate; as for the USGS
editions, the latest assessment decides and the earlier ones are shown.

The 2023 assessment names elements, not groups: Dy and Tb stand for the
heavy, Nd, Pr, La and Ce for the light rare earths (the shares it gives are
the same within each group).
"""

from __future__ import annotations

import pandas as pd

from . import data, statements
from .claims import Evidence
from .errors import ParameterError
from .units import Q_

__all__ = ["GROUPS", "china_share_ratios", "concentration_evidence", "group_scores", "share_table"]

#: The elements that stand for each group where an assessment names elements.
GROUPS: dict[str, tuple[str, ...]] = {"HREE": ("HREE", "Dy", "Tb"), "LREE": ("LREE", "Nd", "Pr", "La", "Ce")}


def _stage(basis: str) -> str:
    for stage in ("processing", "extraction"):
        if stage in basis:
            return stage
    return "primary supply"


def china_share_ratios(frame: pd.DataFrame) -> pd.DataFrame:
    """China's share of world supply of heavy and light rare earths, per assessment and stage, and their ratio.

    Only sources that state both groups (or their elements) count; a share
    of "all REE" says nothing about heavy against light.
    """
    rows = statements.select(frame, "china_share", region="World")
    rows = rows.assign(stage=[_stage(b) for b in rows["basis"]])
    out = []
    for (source, year, stage), group in rows.groupby(["source_id", "year", "stage"]):
        shares = {}
        for name, members in GROUPS.items():
            chosen = group[group["subject"].isin(members)]
            if not chosen.empty:
                shares[name] = [n.value for n in statements.numbers(chosen, "percent")]
        if len(shares) == 2:
            heavy, light = max(shares["HREE"]), max(shares["LREE"])
            out.append({"assessment": int(year), "stage": stage, "HREE (%)": heavy, "LREE (%)": light, "ratio": heavy / light,
                        "copy": group["copy"].iloc[0], "source_id": source})
    if not out:
        raise ParameterError("china_share", "no source in data/criticality.csv states China's share for both heavy and light rare earths")
    return pd.DataFrame(out).sort_values(["assessment", "stage"]).reset_index(drop=True)


def concentration_evidence(ratios: pd.DataFrame) -> list[Evidence]:
    """One piece of evidence per assessment: the median of its stages' ratios, from the lowest to the highest."""
    evidence = []
    for (year, source), group in ratios.groupby(["assessment", "source_id"]):
        values = group["ratio"].to_numpy(dtype=float)
        stages = ", ".join(group["stage"])
        evidence.append(Evidence(Q_(float(pd.Series(values).median()), ""), sources=source, low=Q_(float(values.min()), ""),
                                 high=Q_(float(values.max()), ""), note=f"China's share of HREE over LREE supply, {year} assessment ({stages})"))
    return evidence


def group_scores(frame: pd.DataFrame, quantity: str = "supply_risk") -> pd.DataFrame:
    """An assessment score (supply risk, economic importance) for HREE and LREE by assessment year, wide, with its copy.

    Where a source gives a group score twice for one year (a table and the
    running text), the table's value is kept: the text rounds.
    """
    rows = statements.select(frame, quantity, subject=["HREE", "LREE"], region="EU")
    rows = rows[~rows["basis"].str.contains("running text")]
    table = rows.pivot_table(index="year", columns="subject", values="central", aggfunc="first")
    table["copy"] = rows.groupby("year")["copy"].first()
    table["source_id"] = rows.groupby("year")["source_id"].first()
    table["ratio"] = table["HREE"] / table["LREE"]
    table.index = table.index.astype(int)
    return table


def share_table(ratios: pd.DataFrame) -> pd.DataFrame:
    """:func:`china_share_ratios` for a reader: one row per assessment and stage, with the citation."""
    return ratios.assign(source=data.citations(ratios["source_id"])).drop(columns="source_id").set_index(["assessment", "stage"]).round(3)
