"""What rare earths are used for, and how much of them a product holds.

Four questions of the two texts, each answered from the statements of
``data/uses.csv`` (and, for magnet compositions, ``data/urban_mine.csv``) by
one rule written here:

* **Magnets' share of consumption** (CNRS-07): the world end-use shares of
  permanent magnets that sources give *by mass* for a year that has passed;
  forecasts, shares by value and broader groupings ("magnets and motors",
  "battery alloys + ceramics + magnets") are shown, not used.
* **One offshore turbine against phones** (CNRS-08): REE in one turbine =
  rating × NdFeB per MW × REE mass fraction of the magnet; REE in one phone
  is the whole phone's REE (measured in one phone, or the loudspeaker
  magnet's REE over the share of a phone's REE that sits in its magnets).
  Every factor is an :class:`~reelib.secondary.Uncertain` over what the
  sources span, and the ratio is a seeded Monte Carlo.
* **REE mass fraction by product** (CNRS-12): the doped fibre of an optical
  amplifier against a wind-turbine magnet, units kept (ppm versus %).
* **Minerals in an electric car** (CLEPA-01): the sum of a source's
  per-mineral list, only where the list is complete (a relay that leaves
  minerals out is not summed), and what the list does not count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import data, statements
from .claims import Evidence
from .errors import ParameterError
from .secondary import Estimate, Uncertain
from .units import Q_

__all__ = [
    "MAGNET_SUBJECTS",
    "RATINGS",
    "TurbinePhones",
    "fibre_fraction_evidence",
    "magnet_share_evidence",
    "magnet_shares",
    "mineral_lists",
    "minerals_evidence",
    "phone_ree",
    "turbine_phones",
    "wind_magnet_fractions",
    "share_summary",
    "totals_by_vehicle",
    "turbine_phones_by_kind",
    "wind_magnet_table",
    "describe_ratio",
    "wind_magnet_evidence",
]

#: Subjects of ``end_use_share`` that are permanent magnets and nothing else.
MAGNET_SUBJECTS = ("permanent magnets", "magnet applications", "NdFeB magnets")

#: Which turbines "one offshore wind turbine" can mean (the ``turbine`` parameter of notebook 08): a pattern
#: of the ``subject`` of ``turbine_rating`` statements. Large direct-drive: the models with a DD permanent-magnet generator.
RATINGS: Mapping[str, str] = {
    "average new offshore": r"average new offshore turbine",
    "large direct-drive": r"\bDD\b|direct drive",
}


def _kind(basis: str) -> str:
    if basis.startswith("forecast"):
        return "forecast, by mass"
    if "by value" in basis:
        return "by value"
    return "by mass"


def magnet_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """Every world end-use share of magnets, with what kind of share it is (by mass, by value, forecast).

    Broader groupings that include magnets are kept, marked ``grouping``,
    so that a figure can show them apart.
    """
    rows = statements.select(frame, "end_use_share", region="World")
    rows = rows[rows["subject"].str.contains("magnet", case=False)]
    numbers = []
    for _, row in rows.iterrows():
        found = statements.numbers(row.to_frame().T, "percent")
        values = [n.value for n in found]
        numbers.append((float(np.mean(values)), min(values), max(values)))
    return pd.DataFrame({
        "year": rows["year"].to_numpy(),
        "share": [n[0] for n in numbers],
        "low": [n[1] for n in numbers],
        "high": [n[2] for n in numbers],
        "bound": rows["bound"].to_numpy(),
        "kind": [_kind(b) for b in rows["basis"]],
        "grouping": ~rows["subject"].isin(MAGNET_SUBJECTS).to_numpy(),
        "subject": rows["subject"].to_numpy(),
        "copy": rows["copy"].to_numpy(),
        "source_id": rows["source_id"].to_numpy(),
    })


def share_summary(shares: pd.DataFrame) -> pd.DataFrame:
    """How many shares of each kind there are and what they span (%); undated statements counted apart."""
    table = shares.assign(dated=shares["year"].notna()).groupby(["kind", "grouping", "dated"])["share"].agg(["count", "min", "max"])
    return table.rename(columns={"min": "lowest (%)", "max": "highest (%)"})


def magnet_share_evidence(frame: pd.DataFrame) -> list[Evidence]:
    """The magnets' share of world REE consumption by mass in past years: one piece of evidence per copy (first-hand first)."""
    rows = statements.select(frame, "end_use_share", subject=list(MAGNET_SUBJECTS), region="World")
    rows = rows[rows["basis"].str.startswith("share of REO consumption by mass") & rows["year"].notna()]
    if rows.empty:
        raise ParameterError("end_use_share", "no world share of magnets by mass in data/uses.csv")
    evidence = []
    for copy in ("first-hand", "second-hand"):
        chosen = rows[rows["copy"] == copy]
        if not chosen.empty:
            years = f"{int(chosen['year'].min())}–{int(chosen['year'].max())}"
            evidence.append(statements.spread(chosen, "percent", note=f"world end-use share of magnets by mass, {years}, {copy}"))
    return evidence


# CNRS-08 · one turbine against two million phones


def _range(rows: pd.DataFrame, unit: str, name: str) -> Uncertain:
    """What the statements span, as an Uncertain (one value: a point)."""
    return statements.uncertain(rows, unit, name, open_low=False)


def phone_ree(frame: pd.DataFrame) -> Uncertain:
    """REE in one whole phone (mg), from the two ways the sources give it.

    A phone analysed whole (Nd + Pr of one source's analysis), and a
    loudspeaker magnet's REE over the share of a phone's REE that sits in its
    magnets. The range runs from the smaller to the larger.
    """
    whole = statements.select(frame, "ree_per_phone", basis_contains="whole phone")
    magnet = statements.select(frame, "ree_per_phone", subject="smartphone: total REE")
    in_magnets = statements.select(frame, "phone_ree_share_in_magnets")
    if whole.empty or magnet.empty or in_magnets.empty:
        raise ParameterError("ree_per_phone", "needs a whole-phone analysis, a magnet estimate and the share of REE in magnets")
    per_source = [sum(n.value for n in statements.numbers(rows, "mg")) for _, rows in whole.groupby("source_id")]
    magnet_mg = statements.numbers(magnet, "mg")[0].value
    share = statements.numbers(in_magnets, "dimensionless")[0].value
    if not 0 < share <= 1:
        raise ParameterError("phone_ree_share_in_magnets", f"{share:g} is not a share in (0, 1] ({in_magnets['source_id'].iloc[0]})")
    values = [*per_source, magnet_mg / share]
    sources = tuple(sorted({*whole["source_id"], *magnet["source_id"], *in_magnets["source_id"]}))
    return Uncertain("REE in one phone", low=Q_(min(values), "mg"), high=Q_(max(values), "mg"), sources=sources)


@dataclass(frozen=True)
class TurbinePhones:
    """The inputs and the Monte Carlo result of the turbine-against-phones comparison."""

    rating: Uncertain
    magnet_per_mw: Uncertain
    ree_fraction: Uncertain
    phone: Uncertain
    #: REE in one turbine (kg) and phones holding as much (dimensionless), as Monte Carlo estimates.
    turbine_ree: Estimate
    phones: Estimate

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({s for u in (self.rating, self.magnet_per_mw, self.ree_fraction, self.phone) for s in u.sources}))

    def inputs(self) -> pd.DataFrame:
        """The four factors with their ranges and sources, for a table."""
        return pd.DataFrame(
            [(u.name, u.describe(), statements.citations(u.sources)) for u in (self.rating, self.magnet_per_mw, self.ree_fraction, self.phone)],
            columns=["factor", "range", "sources"],
        ).set_index("factor")


def turbine_phones(frame: pd.DataFrame, turbine: str, *, samples: int, seed: int, level: float) -> TurbinePhones:
    """Phones that hold as much REE as one offshore turbine of the kind ``turbine`` (a key of :data:`RATINGS`).

    REE per turbine = rating (MW) × NdFeB per MW of a direct-drive
    permanent-magnet generator (t/MW) × REE mass fraction of the magnet; each
    drawn uniformly over what its sources span.
    """
    if turbine not in RATINGS:
        raise ParameterError("turbine", f"{turbine!r} is not one of {', '.join(map(repr, RATINGS))}")
    ratings = statements.select(frame, "turbine_rating")
    ratings = ratings[ratings["subject"].str.contains(RATINGS[turbine], regex=True)]
    rating = _range(ratings, "MW", f"rating ({turbine})")
    # Direct-drive generators only: an offshore turbine with magnets is direct-drive; the fleet average over drive types is not one.
    per_mw = statements.select(frame, "ndfeb_per_mw")
    per_mw = per_mw[per_mw["subject"].str.contains("direct-drive|low-speed", regex=True)]
    magnet_per_mw = _range(per_mw, "t/MW", "NdFeB per MW (direct-drive)")
    fractions = statements.select(frame, "ree_fraction_magnet")
    fractions = fractions[fractions["subject"].str.endswith("total REE")]
    ree_fraction = _range(fractions, "dimensionless", "REE mass fraction of NdFeB")
    if not 0 < ree_fraction.bounds[0].magnitude <= ree_fraction.bounds[1].magnitude <= 1:
        raise ParameterError("ree_fraction_magnet", f"{ree_fraction.describe()} is not a mass fraction in (0, 1]")
    phone = phone_ree(frame)
    rng = np.random.default_rng(seed)
    turbine_ree = (rating.sample(rng, samples) * magnet_per_mw.sample(rng, samples) * ree_fraction.sample(rng, samples)).to("kg")
    phones = (turbine_ree / phone.sample(rng, samples)).to("dimensionless")
    sources = tuple(sorted({s for u in (rating, magnet_per_mw, ree_fraction) for s in u.sources}))
    return TurbinePhones(rating, magnet_per_mw, ree_fraction, phone, Estimate.from_draws(turbine_ree, level, sources),
                         Estimate.from_draws(phones, level, sources + phone.sources))


def turbine_phones_by_kind(frame: pd.DataFrame, *, samples: int, seed: int, level: float) -> dict[str, TurbinePhones]:
    """:func:`turbine_phones` for every kind of turbine in :data:`RATINGS`, with the same draws' seed."""
    return {kind: turbine_phones(frame, kind, samples=samples, seed=seed, level=level) for kind in RATINGS}


# CNRS-12 · REE mass fraction by product


def fibre_fraction_evidence(frame: pd.DataFrame) -> Evidence:
    """The REE concentration of an erbium-doped amplifier fibre as stated (lumped amplifiers), in percent.

    The sources give the doped core's concentration, not the whole fibre's,
    and do not say whether by weight or by mole; the evidence says so.
    """
    rows = statements.select(frame, "ree_fraction_fibre", basis_contains="doped fibre")
    rows = rows[rows["subject"].str.contains("lumped")]
    return statements.spread(rows, "percent", note="Er2O3 in the doped fibre of lumped amplifiers (core; weight or mole basis not printed)")


def wind_magnet_fractions(uses: pd.DataFrame, compositions: pd.DataFrame) -> pd.DataFrame:
    """REE mass fraction of wind-turbine magnets: stated totals, and sums of element fractions where a source gives Nd, Pr and Dy.

    One row per source: ``fraction`` (dimensionless), how it was obtained, copy, source_id.
    """
    rows = []
    totals = statements.select(uses, "ree_fraction_magnet")
    totals = totals[totals["subject"].str.contains("wind turbine: total REE")]
    for _, row in totals.iterrows():
        rows.append((statements.numbers(row.to_frame().T, "dimensionless")[0].value, "stated total", row["copy"], row["source_id"]))
    elements = statements.select(compositions, "ndfeb_composition", subject=["Nd", "Pr", "Dy", "Tb"])
    elements = elements[elements["basis"].str.contains("wind", case=False)]
    for source, group in elements.groupby("source_id"):
        if {"Nd", "Pr", "Dy"} <= set(group["subject"]):
            total = sum(n.value for n in statements.numbers(group, "dimensionless"))
            rows.append((total, f"sum of {', '.join(sorted(group['subject']))}", group["copy"].iloc[0], source))
    return pd.DataFrame(rows, columns=["fraction", "how", "copy", "source_id"])


def wind_magnet_table(fractions: pd.DataFrame) -> pd.DataFrame:
    """:func:`wind_magnet_fractions` for a reader: the fraction in percent, how it was obtained, the citation."""
    return pd.DataFrame({
        "REE in the magnet (%)": (100 * fractions["fraction"]).round(2),
        "how": fractions["how"],
        "copy": fractions["copy"],
        "source": data.citations(fractions["source_id"]),
    })


def wind_magnet_evidence(fractions: pd.DataFrame) -> list[Evidence]:
    """:func:`wind_magnet_fractions` as evidence, one piece per copy (first-hand first)."""
    evidence = []
    for copy in ("first-hand", "second-hand"):
        chosen = fractions[fractions["copy"] == copy]
        if not chosen.empty:
            evidence.append(Evidence.spread(Q_(chosen["fraction"].to_numpy() * 100, "percent"), list(chosen["source_id"]),
                                            note=f"REE mass fraction of wind-turbine NdFeB magnets, {copy}"))
    if not evidence:
        raise ParameterError("ree_fraction_magnet", "no REE fraction of wind-turbine magnets in the data")
    return evidence


# CLEPA-01 · minerals in an electric car


def mineral_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """Minerals per car by source, vehicle and mineral (kg), with whether each source's list is complete.

    A list is complete when it names every mineral of the longest list for
    that vehicle; only complete lists are summed.
    """
    rows = statements.select(frame, "minerals_per_vehicle")
    split = rows["subject"].str.split(": ", n=1, expand=True)
    table = pd.DataFrame({
        "vehicle": split[0].to_numpy(),
        "mineral": split[1].str.replace(r" \(.*\)$", "", regex=True).to_numpy(),
        "kg": [statements.numbers(r.to_frame().T, "kg")[0].value for _, r in rows.iterrows()],
        "bound": rows["bound"].to_numpy(),
        "source_id": rows["source_id"].to_numpy(),
        "copy": rows["copy"].to_numpy(),
    })
    longest = table.groupby("vehicle")["mineral"].agg(lambda m: set(m))
    table["complete"] = [set(table[(table["vehicle"] == v) & (table["source_id"] == s)]["mineral"]) >= longest[v]
                         and not (table[(table["vehicle"] == v) & (table["source_id"] == s)]["bound"].isin([">", "~"]).any())
                         for v, s in zip(table["vehicle"], table["source_id"])]
    return table


def _full_list(lists: pd.DataFrame, vehicle: str) -> pd.DataFrame:
    complete = lists[(lists["vehicle"] == vehicle) & lists["complete"]]
    if complete.empty:
        raise ParameterError("minerals_per_vehicle", f"no complete list of minerals for {vehicle!r}")
    return complete


def minerals_evidence(lists: pd.DataFrame, vehicle: str = "electric car") -> Evidence:
    """The total of each complete list for ``vehicle`` (kg), combined by the spread rule."""
    complete = _full_list(lists, vehicle)
    totals = complete.groupby("source_id")["kg"].sum()
    return Evidence.spread(Q_(totals.to_numpy(), "kg"), list(totals.index),
                           note=f"sum of a complete per-mineral list for an {vehicle} (steel and aluminium not counted)")


def totals_by_vehicle(lists: pd.DataFrame) -> pd.DataFrame:
    """Total minerals per vehicle from the complete lists (kg), with the ratio of the electric to the conventional car."""
    totals = {vehicle: _full_list(lists, vehicle).groupby("source_id")["kg"].sum().median() for vehicle in sorted(set(lists["vehicle"]))}
    return pd.DataFrame({"total (kg)": totals})


def describe_ratio(lists: pd.DataFrame) -> str:
    """The electric car's total over the conventional car's, from complete lists."""
    totals = totals_by_vehicle(lists)["total (kg)"]
    return f"electric {totals['electric car']:.1f} kg, conventional {totals['conventional car']:.1f} kg: {totals['electric car'] / totals['conventional car']:.1f} times"
