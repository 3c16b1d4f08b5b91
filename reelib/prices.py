"""Oxide prices by element: USGS series with their editions, heavy-over-light ratios, volatility.

Prices keep what they are: currency and unit (``USD/kg``, ``CNY/t``), year,
basis (annual average FOB China, year-end range, China domestic spot,
Europe), and, for the USGS series, the edition that printed them. As for
production (:mod:`reelib.supply`), each year's value is the one of the
latest edition that gives it (``vintage="latest"``), or of the first
(``"first"``); the MCS 2016 edition prints year-end ranges, kept as ranges.

The ratio of a heavy to a light oxide is unit-free only when both prices
share a unit and a basis; ratios are therefore formed within one reporter
(USGS, or one SMM quotation day), never across reporters.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product

import numpy as np
import pandas as pd

from .claims import Evidence
from .errors import ParameterError
from .units import Q_

__all__ = ["HEAVY", "LIGHT", "heavy_over_light", "ratio_table", "ratio_evidence", "spot_ratio_evidence", "usgs_series", "volatility"]

#: The oxides the CNRS text names: Dy and Tb (magnets) against La and Ce (catalysts).
HEAVY: tuple[str, ...] = ("Dy", "Tb")
LIGHT: tuple[str, ...] = ("La", "Ce")


def usgs_series(frame: pd.DataFrame, vintage: str = "latest") -> pd.DataFrame:
    """One USGS price per element and year (USD/kg): from the latest (or first) edition that gives it.

    Columns: element, year, low, price, high (a year-end range gives low and
    high, its middle as price), edition, estimated, sources (an edition's
    chapters that print the same price).
    """
    if vintage not in ("latest", "first"):
        raise ParameterError("vintage", f"{vintage!r} is not 'latest' or 'first'")
    usgs = frame[frame["edition"].notna() & frame["source_id"].str.startswith("usgs-mcs")].copy()
    if (usgs["price"] < 0).any():
        bad = usgs[usgs["price"] < 0].iloc[0]
        raise ParameterError("price", f"negative price {bad['price']} for {bad['element']} {bad['year']} ({bad['source_id']})")
    usgs["price_usd_kg"] = [Q_(p, u).to("USD/kg").magnitude for p, u in zip(usgs["price"], usgs["unit"])]
    rows = []
    for (element, year, edition), group in usgs.groupby(["element", "year", "edition"]):
        values = group["price_usd_kg"].to_numpy(dtype=float)
        rows.append({"element": element, "year": int(year), "edition": int(edition), "low": values.min(), "price": float(np.mean(values)),
                     "high": values.max(), "estimated": bool(group["estimated"].any()), "sources": tuple(sorted(set(group["source_id"])))})
    table = pd.DataFrame(rows).sort_values(["element", "year", "edition"])
    pick = table.groupby(["element", "year"])["edition"].transform("max" if vintage == "latest" else "min")
    return table[table["edition"] == pick].reset_index(drop=True)


def heavy_over_light(series: pd.DataFrame, heavy: Sequence[str] = HEAVY, light: Sequence[str] = LIGHT) -> pd.DataFrame:
    """Every heavy-over-light price ratio per year in which all the named oxides have a price.

    Columns: year, ratio (median of the pairs), low and high (the smallest
    and largest pair, range ends included), pairs (how many), sources.
    """
    wide = series.pivot_table(index="year", columns="element", values=["low", "price", "high"])
    needed = [*heavy, *light]
    rows = []
    for year in wide.index:
        if any(pd.isna(wide.loc[year, ("price", e)]) if ("price", e) in wide.columns else True for e in needed):
            continue
        pairs = [wide.loc[year, ("price", h)] / wide.loc[year, ("price", lt)] for h, lt in product(heavy, light)]
        lows = [wide.loc[year, ("low", h)] / wide.loc[year, ("high", lt)] for h, lt in product(heavy, light)]
        highs = [wide.loc[year, ("high", h)] / wide.loc[year, ("low", lt)] for h, lt in product(heavy, light)]
        used = series[(series["year"] == year) & series["element"].isin(needed)]
        rows.append({"year": int(year), "ratio": float(np.median(pairs)), "low": float(min(lows)), "high": float(max(highs)),
                     "pairs": len(pairs), "sources": tuple(sorted({s for group in used["sources"] for s in group}))})
    return pd.DataFrame(rows, columns=["year", "ratio", "low", "high", "pairs", "sources"])


def ratio_table(ratios: pd.DataFrame) -> pd.DataFrame:
    """:func:`heavy_over_light` for a reader: by year, one decimal, without the source lists."""
    return ratios.drop(columns="sources").set_index("year").round(1)


def ratio_evidence(ratios: pd.DataFrame, year: int) -> Evidence:
    """The USGS ratio for ``year`` as evidence: the median of the heavy-light pairs, from the smallest pair to the largest."""
    row = ratios[ratios["year"] == year]
    if row.empty:
        raise ParameterError("year", f"no USGS price for every one of {', '.join(HEAVY + LIGHT)} in {year}")
    item = row.iloc[0]
    return Evidence(Q_(item["ratio"], ""), sources=item["sources"], low=Q_(item["low"], ""), high=Q_(item["high"], ""),
                    note=f"USGS oxide prices {year}, {'/'.join(HEAVY)} over {'/'.join(LIGHT)}: median of {item['pairs']} pairs, smallest to largest")


def spot_ratio_evidence(frame: pd.DataFrame, year: int, reporter: str = "smm-") -> Evidence:
    """Heavy-over-light ratios from one spot reporter's quotations of ``year`` (China domestic, CNY).

    Each heavy quotation is divided by each light one of the same reporter
    and year (the quotation days differ: the days each element was
    reported), low ends by high ends and back, so that the interval holds
    every pairing.
    """
    spot = frame[frame["source_id"].str.startswith(reporter) & (frame["year"] == year)].copy()
    if spot.empty:
        raise ParameterError("reporter", f"no quotation of {reporter!r} for {year}")
    spot["cny_t"] = [Q_(p, u).to("CNY/t").magnitude for p, u in zip(spot["price"], spot["unit"])]
    heavy = spot[spot["element"].isin(HEAVY)]["cny_t"].to_numpy(dtype=float)
    light = spot[spot["element"].isin(LIGHT)]["cny_t"].to_numpy(dtype=float)
    if heavy.size == 0 or light.size == 0:
        raise ParameterError("reporter", f"{reporter!r} quotes no heavy or no light oxide in {year}")
    ratios = heavy[:, None] / light[None, :]
    used = spot[spot["element"].isin(HEAVY + LIGHT)]
    return Evidence(Q_(float(np.median(ratios)), ""), sources=tuple(sorted(set(used["source_id"]))), low=Q_(float(ratios.min()), ""),
                    high=Q_(float(ratios.max()), ""), note=f"China spot quotations {year}: every heavy over every light quotation, median and range")


def volatility(series: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """Coefficient of variation of each oxide's annual price over ``first``–``last`` (standard deviation over mean).

    Only elements with a price in every year of the span count; a gap would
    make a volatile series look calm.
    """
    span = series[(series["year"] >= first) & (series["year"] <= last)]
    rows = []
    for element, group in span.groupby("element"):
        if group["year"].nunique() != last - first + 1:
            continue
        prices = group.sort_values("year")["price"].to_numpy(dtype=float)
        rows.append({"element": element, "years": f"{first}–{last}", "mean (USD/kg)": prices.mean(),
                     "coefficient of variation": prices.std(ddof=1) / prices.mean(),
                     "group": "heavy" if element in HEAVY else "light" if element in LIGHT else "other"})
    return pd.DataFrame(rows).sort_values("coefficient of variation", ascending=False).reset_index(drop=True)
