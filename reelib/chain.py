"""Multi-stage supply chains: direct versus effective dependency on one country.

A buyer's import statistics show only the last step: magnets bought from
Japan look like Japanese magnets, even when the rare earths in them were mined
and separated in China (CLEPA's "cathodes sourced via Korea/Japan but
originating in China"). This module follows each unit of supply upstream,
stage by stage, with one sourcing table per stage: the share of each buyer's
inputs that comes from each supplier country. It is a Markov chain whose
states are countries; the *effective* dependency on a country is the share of
the buyer's supply that passes through that country at **any** stage.

What the sourcing tables do not say is kept as "unknown origin", never
guessed: shares of a buyer that sum to less than one leave the rest unknown,
and a supplier whose own sourcing is not in the next table passes its share
on as unknown. The effective dependency is therefore an interval, from
"none of the unknown passes through the country" to "all of it does"; more
data narrows it. By construction the effective dependency is at least the
direct one, so the interesting number is how much larger it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pint

from .errors import DataValidationError, ParameterError
from .units import Q_

__all__ = [
    "UNKNOWN", "Exposure", "ExposureRange", "Route", "SupplyChain", "describe_routes", "describe_shares", "exposure_range", "reported_shares",
    "route_exposure", "route_exposures", "share_spread",
]

#: The state that supply of untraced origin is kept in.
UNKNOWN = "unknown origin"
#: Shares of one buyer may exceed 1 by this much, for rounding in the sources.
SUM_TOLERANCE = 0.02


@dataclass(frozen=True)
class Exposure:
    """A buyer's dependency on one country: direct, and effective as an interval."""

    buyer: str
    country: str
    direct: pint.Quantity
    effective_low: pint.Quantity
    effective_high: pint.Quantity
    #: Share of supply passing through the country first at each stage (lower bound).
    by_stage: pd.Series


def _fractions(values: pd.Series) -> np.ndarray:
    if isinstance(values.dtype, pd.api.extensions.ExtensionDtype) and hasattr(values, "pint"):
        return values.pint.to("dimensionless").pint.magnitude.to_numpy(dtype=float)
    return values.to_numpy(dtype=float)


@dataclass(frozen=True)
class SupplyChain:
    """Sourcing shares for each stage, from the buyer's purchase up to the mine.

    Build it with :meth:`from_table`. ``stages`` runs downstream → upstream,
    e.g. ``("magnet", "separation", "mining")``: the first table says where
    the buyer's magnets were made, the second where those magnet makers'
    rare-earth oxides were separated, and so on.
    """

    stages: tuple[str, ...]
    countries: tuple[str, ...]
    #: stage → (buyers, matrix): row i is buyer i's sourcing over ``countries``.
    tables: dict[str, tuple[tuple[str, ...], np.ndarray]]

    @classmethod
    def from_table(cls, table: pd.DataFrame, stages: Sequence[str], *, name: str = "sourcing table") -> SupplyChain:
        """Read a tidy table with columns ``stage``, ``buyer``, ``supplier``, ``share``.

        ``share`` is a fraction (a pint dimensionless/percent column or plain
        floats). Each (stage, buyer) row set may sum to less than one; the
        rest is unknown origin. ``name`` is used in error messages.
        """
        missing = {"stage", "buyer", "supplier", "share"} - set(table.columns)
        if missing:
            raise DataValidationError(name, f"missing columns {sorted(missing)}")
        stages = tuple(stages)
        if len(set(stages)) != len(stages) or not stages:
            raise ParameterError("stages", f"{list(stages)} must be a non-empty list of distinct stage names")
        unknown_stages = sorted(set(table["stage"]) - set(stages))
        if unknown_stages:
            raise DataValidationError(name, f"stages {unknown_stages} are not in the chain {list(stages)}")
        shares = _fractions(table["share"])
        if np.isnan(shares).any() or (shares < 0).any() or (shares > 1).any():
            position = int(np.flatnonzero(np.isnan(shares) | (shares < 0) | (shares > 1))[0])
            bad = table.iloc[position]
            raise DataValidationError(
                name,
                f"stage {bad['stage']!r}, buyer {bad['buyer']!r}, supplier {bad['supplier']!r}: share {shares[position]:g} is not a fraction within 0–1",
                column="share",
            )
        frame = table.assign(fraction=shares)
        countries = sorted((set(frame["buyer"]) | set(frame["supplier"])) - {UNKNOWN}) + [UNKNOWN]
        column = {c: i for i, c in enumerate(countries)}
        tables = {}
        for stage in stages:
            rows = frame[frame["stage"] == stage]
            buyers = tuple(sorted(rows["buyer"].unique()))
            matrix = np.zeros((len(buyers), len(countries)))
            for i, buyer in enumerate(buyers):
                mine = rows[rows["buyer"] == buyer]
                duplicated = mine["supplier"][mine["supplier"].duplicated()]
                if len(duplicated):
                    raise DataValidationError(name, f"stage {stage!r}, buyer {buyer!r}: supplier {duplicated.iloc[0]!r} is listed twice")
                for supplier, fraction in zip(mine["supplier"], mine["fraction"]):
                    matrix[i, column[supplier]] += fraction
                total = matrix[i].sum()
                if total > 1 + SUM_TOLERANCE:
                    raise DataValidationError(name, f"stage {stage!r}, buyer {buyer!r}: shares sum to {total:.3f}, more than 1")
                matrix[i] /= max(total, 1.0)
                matrix[i, column[UNKNOWN]] += 1 - matrix[i].sum()
            tables[stage] = (buyers, matrix)
        return cls(stages, tuple(countries), tables)

    def _transition(self, stage: str) -> np.ndarray:
        """Country → country matrix for ``stage``: untraced countries go to unknown."""
        buyers, matrix = self.tables[stage]
        n = len(self.countries)
        transition = np.zeros((n, n))
        transition[:, n - 1] = 1.0
        for i, buyer in enumerate(buyers):
            transition[self.countries.index(buyer)] = matrix[i]
        return transition

    def _start(self, buyer: str) -> np.ndarray:
        buyers, matrix = self.tables[self.stages[0]]
        if buyer not in buyers:
            raise ParameterError("buyer", f"{buyer!r} has no sourcing at stage {self.stages[0]!r}; buyers there: {', '.join(buyers)}")
        return matrix[buyers.index(buyer)].copy()

    def exposure(self, buyer: str, country: str) -> Exposure:
        """Direct and effective dependency of ``buyer`` on ``country``.

        Supply is followed upstream; whatever passes through ``country`` is
        counted once, at the first stage where it does, and not followed
        further. The lower bound assumes no untraced supply passes through the
        country, the upper bound that all of it does.
        """
        if country not in self.countries or country == UNKNOWN:
            raise ParameterError("country", f"{country!r} does not appear in the sourcing tables")
        index = self.countries.index(country)
        state = self._start(buyer)
        first_pass = []
        for position, stage in enumerate(self.stages):
            if position:
                state = state @ self._transition(stage)
            first_pass.append(state[index])
            state[index] = 0.0
        passed = float(np.sum(first_pass))
        return Exposure(
            buyer=buyer,
            country=country,
            direct=Q_(100 * first_pass[0], "percent"),
            effective_low=Q_(100 * passed, "percent"),
            effective_high=Q_(100 * (passed + state[-1]), "percent"),
            by_stage=pd.Series(100 * np.array(first_pass), index=list(self.stages), dtype="pint[percent]"),
        )


def route_exposure(table: pd.DataFrame, stages: Sequence[str], *, buyer: str, via: str, country: str) -> Exposure:
    """Dependency on ``country`` of what ``buyer`` buys from ``via``, per unit bought.

    Import shares of the buyer by partner are often not published for an
    intermediate good (EU imports of cathode material by origin, say), while
    the partner's own sourcing is. Following one route at a time needs no
    guess of the buyer's split: a purchase stage ``stages[0]`` with all of
    the buyer's supply from ``via`` replaces whatever ``table`` says the
    buyer buys at that stage; the rest of ``table`` gives the upstream stages.
    """
    if via == country:
        raise ParameterError("via", f"{via!r} is the country whose share is measured; choose a third country")
    purchase = pd.DataFrame({"stage": [stages[0]], "buyer": [buyer], "supplier": [via], "share": [1.0]})
    # The buyer's own purchase shares, if the table has them, are replaced by the route.
    keep = ~((table["stage"] == stages[0]) & (table["buyer"] == buyer))
    upstream = table.loc[keep, ["stage", "buyer", "supplier"]].assign(share=_fractions(table.loc[keep, "share"]))
    return SupplyChain.from_table(pd.concat([purchase, upstream], ignore_index=True), stages).exposure(buyer, country)


def share_spread(table: pd.DataFrame, since: int) -> pd.DataFrame:
    """One row per (chain, stage, buyer, supplier): the median share and its spread.

    Trade shares are reported by several sources, for different periods and
    on different bases (weight, value), and they disagree by tens of points.
    Rather than pick one, the median of the reports from ``since`` on is used
    as the central value and their range as its interval; ``reports`` counts
    them. A cell with no report since ``since`` is dropped, and an empty
    result is an error naming the parameter. ``attrs["source_ids"]`` lists
    the reports used.
    """
    recent = table[table["year"] >= since]
    if recent.empty:
        raise ParameterError("since", f"no sourcing share reported for {since} or later; latest is {int(table['year'].max())}")
    fraction = pd.Series(_fractions(recent["share"]), index=recent.index)
    grouped = fraction.groupby([recent["chain"], recent["stage"], recent["buyer"], recent["supplier"]])
    spread = pd.DataFrame({"share": grouped.median(), "share_low": grouped.min(), "share_high": grouped.max(), "reports": grouped.size()})
    for column in ("share", "share_low", "share_high"):
        spread[column] = (100 * spread[column]).astype("pint[percent]")
    spread = spread.reset_index()
    spread.attrs["source_ids"] = sorted(set(recent["source_id"]))
    return spread


@dataclass(frozen=True)
class ExposureRange:
    """An exposure at the median sourcing shares, with the reports' spread carried through."""

    central: Exposure
    #: Fewest passes through the country the reports allow, untraced supply not counted.
    low: pint.Quantity
    #: Most passes the reports allow, all untraced supply counted as passing through it.
    high: pint.Quantity


def exposure_range(spread: pd.DataFrame, stages: Sequence[str], *, buyer: str, country: str, via: str | None = None) -> ExposureRange:
    """Exposure of ``buyer`` to ``country`` from :func:`share_spread` output, with its range.

    The share of supply that passes through the country is a sum of products
    of shares, so it can only grow when any share grows: its lowest value
    has every share at its lowest report. The upper bound also counts the
    untraced remainder, which shrinks when another supplier's share grows;
    it is highest with the country's shares at their highest and every other
    share at its lowest. Setting all shares high at once would understate it.
    ``via`` follows one route, as :func:`route_exposure`.
    """
    is_country = (spread["supplier"] == country).to_numpy()

    def at(country_column: str, other_column: str) -> Exposure:
        shares = np.where(is_country, _fractions(spread[country_column]), _fractions(spread[other_column]))
        table = spread[["stage", "buyer", "supplier"]].assign(share=shares)
        if via is None:
            return SupplyChain.from_table(table, stages).exposure(buyer, country)
        return route_exposure(table, stages, buyer=buyer, via=via, country=country)

    return ExposureRange(
        central=at("share", "share"),
        low=at("share_low", "share_low").effective_low,
        high=at("share_high", "share_low").effective_high,
    )


@dataclass(frozen=True)
class Route:
    """A route a claim speaks of: the sourcing chain, its stages from the buyer back to the raw material, who buys, and through whom.

    ``via`` (a supplier country of the first stage) follows one route, as
    :func:`route_exposure`; without it the buyer's whole supply is followed.
    """

    name: str
    chain: str
    stages: tuple[str, ...]
    buyer: str
    via: str | None = None


def route_exposures(spread: pd.DataFrame, routes: Sequence[Route], *, country: str) -> list[tuple[str, ExposureRange]]:
    """:func:`exposure_range` of each route to ``country``, from the :func:`share_spread` rows of the route's chain."""
    known = set(spread["chain"])
    results = []
    for route in routes:
        if route.chain not in known:
            raise ParameterError(route.name, f"no sourcing shares for chain {route.chain!r}; chains: {', '.join(sorted(known))}")
        flows = spread[spread["chain"] == route.chain]
        results.append((route.name, exposure_range(flows, list(route.stages), buyer=route.buyer, country=country, via=route.via)))
    return results


def describe_routes(exposures: Sequence[tuple[str, ExposureRange]], *, country: str) -> str:
    """One line per route of :func:`route_exposures`: direct and effective dependency, where supply first passes ``country``, range."""
    lines = []
    for name, result in exposures:
        stages = ", ".join(f"{stage} {share:.0f~P}" for stage, share in result.central.by_stage.items())
        lines.append(f"{name:<26} direct {result.central.direct:5.1f~P}   effective ≥ {result.central.effective_low:5.1f~P} "
                     f"(first passes {country} at: {stages})  range {result.low:.1f~P} – {result.high:.1f~P}")
    return "\n".join(lines)


def reported_shares(table: pd.DataFrame, *, stage: str, buyer: str, supplier: str, since: int | None = None) -> pd.DataFrame:
    """The rows of a sourcing table (or its :func:`share_spread`) for one flow, from year ``since`` on if given."""
    rows = table[(table["stage"] == stage) & (table["buyer"] == buyer) & (table["supplier"] == supplier)]
    return rows if since is None else rows[rows["year"] >= since]


def describe_shares(rows: pd.DataFrame, *, supplier: str) -> str:
    """Shares of :func:`share_spread` rows as ``"60 % from China [50 %–70 %]"``, joined by commas."""
    return ", ".join(f"{row['share']:.0f~P} from {supplier} [{row['share_low']:.0f~P}–{row['share_high']:.0f~P}]" for _, row in rows.iterrows())
