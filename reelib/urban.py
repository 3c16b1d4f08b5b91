"""The EU urban mine of NdFeB magnets: inflows by product, scenarios, stock, scrap, secondary supply.

Inflows are built from sourced statements (``data/urban_mine.csv``) by rules
written here once, each a documented reading of what the sources give:

* **EU demand for magnets** (t NdFeB per year) runs through the sourced
  anchors (the Nd put into magnets in 2010 over the Nd content of NdFeB;
  18 kt in 2019; about 20 kt in 2023–2025; 35–40 kt in 2030), log-linearly
  between them; before the first anchor at the rate between the first two;
  after the last at a growth rate that is a parameter (no EU projection
  beyond 2030 was found; by default demand is held at its 2030 level).
* **EV traction motors**: battery-electric cars registered in the EU (2021–2024),
  earlier years from their market share relative to 2021 (none before 2018,
  when it was under 1 %); afterwards EVs keep their 2024 share of demand;
  times the share of traction motors with rare-earth magnets and the magnet
  mass per motor.
* **Wind turbines**: new EU capacity (the 2000–2019 average from Europe's
  cumulative capacity, the 2023–2024 installations, then what reaches the
  2030 forecast), times the share of permanent-magnet generators (JRC, by
  year and scenario) and the magnet mass per MW.
* **Electronics**: the global share of NdFeB used in consumer electronics,
  applied to EU demand (no EU split was found).
* **Other uses**: what is left of EU demand. Where the product estimates
  exceed the anchored demand (before 2018, when the generators' magnet share
  is not known), the wind estimate gives way.

Each scenario draws every ranged input uniformly (seeded); lifetimes are
whole years drawn from the sourced ranges (for "other uses", the range of all
products' lifetimes, as nothing more is known). One call runs every scenario
(:func:`reelib.stocks.run_stock_model`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pint

from . import statements
from .claims import Evidence
from .errors import ParameterError
from .stocks import StockResult, run_stock_model
from .units import Q_

__all__ = [
    "PRODUCTS",
    "RECOVERY_ROUTES",
    "Inputs",
    "Scenarios",
    "SecondarySupply",
    "input_table",
    "inputs_from_data",
    "non_china_evidence",
    "outflow_over_demand",
    "scenario_inflows",
    "secondary_supply",
    "simulate",
    "summary",
    "UrbanMine",
    "claim_evidence",
    "evaluate",
    "model",
]

PRODUCTS = ("EV traction motors", "wind turbines", "electronics", "other uses")


@dataclass(frozen=True)
class Range:
    """A sourced input as a range (low = high for a point), in ``unit``, with its sources."""

    low: float
    high: float
    unit: str
    sources: tuple[str, ...]

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.uniform(self.low, self.high, n) if self.high > self.low else np.full(n, self.low)


def _central(rows: pd.DataFrame, unit: str) -> np.ndarray:
    """Each statement's central value in ``unit``, converted from the unit its row states (a wrong one is an error naming the source)."""
    return np.array([number.value for number in statements.numbers(rows.assign(low=np.nan, high=np.nan), unit)], dtype=float)


def _range(rows: pd.DataFrame, unit: str, name: str) -> Range:
    """The range the selected statements span, in ``unit``."""
    found = statements.numbers(rows, unit)
    if not found:
        raise ParameterError(name, "no sourced statement in data/urban_mine.csv")
    values = [n.value for n in found]
    return Range(min(values), max(values), unit, tuple(sorted({n.source_id for n in found})))


@dataclass(frozen=True)
class Inputs:
    """Everything the urban-mine model reads from the data, as ranges with their sources."""

    demand_anchors: Mapping[int, Range]
    bev_registrations: Mapping[int, float]
    bev_share: Mapping[int, float]
    pm_motor_share: Range
    magnet_per_ev: Range
    wind_installed: Mapping[int, float]
    wind_cumulative_europe: Mapping[int, float]
    wind_cumulative_eu_2024: float
    wind_forecast_eu_2030: float
    offshore_fraction: float
    pmg_share: Mapping[tuple[str, int, str], float]
    magnet_per_mw: Range
    electronics_share: Range
    lifetimes: Mapping[str, Range]
    sources: tuple[str, ...] = field(default_factory=tuple)


def inputs_from_data(frame: pd.DataFrame) -> Inputs:
    """Read the model's inputs from ``data/urban_mine.csv`` (see the module docstring for each rule)."""
    used: set[str] = set()

    def grab(rows: pd.DataFrame) -> pd.DataFrame:
        used.update(rows["source_id"])
        return rows

    def first_hand_first(rows: pd.DataFrame) -> pd.DataFrame:
        return rows.sort_values("copy", key=lambda c: c != "first-hand")

    anchors = {}
    demand = grab(statements.select(frame, "ndfeb_demand", subject="all", region=["EU", "Europe"]))
    for year, rows in demand.groupby("year"):
        anchors[int(year)] = _range(rows, "t/a", "ndfeb_demand")
    # An earlier anchor: the Nd put into magnets in the EU, over the Nd mass fraction of NdFeB the sources give.
    neodymium = grab(statements.select(frame, "ree_flow_into_use", subject="Nd", region="EU").pipe(lambda r: r[r["basis"].str.contains("magnet")]))
    fraction = _range(grab(statements.select(frame, "ndfeb_composition", subject="Nd")), "dimensionless", "Nd in NdFeB")
    for year, rows in neodymium.groupby("year"):
        nd = _range(rows, "t Nd/a", "Nd into magnets")
        anchors[int(year)] = Range(nd.low / fraction.high, nd.high / fraction.low, "t/a", nd.sources + fraction.sources)
    registrations = grab(first_hand_first(statements.select(frame, "bev_registrations", region="EU")))
    bev = {int(y): float(_central(rows.iloc[:1], "1/a")[0]) for y, rows in registrations.groupby("year")}
    shares = grab(statements.select(frame, "bev_share_new_registrations", region="EU-27"))
    bev_share = dict(zip(shares["year"].astype(int), _central(shares, "percent"), strict=True))
    installed = grab(statements.select(frame, "wind_capacity_installed", region="EU-27"))
    by_year: dict[int, float] = {}
    offshore: list[float] = []
    for year, rows in installed.groupby("year"):
        parts = rows[rows["basis"].str.startswith(("onshore", "offshore"))]
        by_year[int(year)] = float(_central(parts, "GW/a").sum())
        offshore.append(float(_central(parts[parts["basis"].str.startswith("offshore")], "GW/a").sum() / by_year[int(year)]))
    cumulative = grab(statements.select(frame, "wind_capacity_cumulative"))
    europe_rows = cumulative[(cumulative["region"] == "Europe") & cumulative["basis"].str.startswith("installed wind capacity")]
    europe = dict(zip(europe_rows["year"].astype(int), _central(europe_rows, "GW"), strict=True))
    eu_2024 = float(_central(cumulative[(cumulative["region"] == "EU-27") & (cumulative["year"] == 2024)], "GW").sum())
    eu_2030 = float(_central(cumulative[(cumulative["region"] == "EU") & (cumulative["year"] == 2030)].iloc[:1], "GW")[0])
    pmg = grab(statements.select(frame, "pmg_market_share", region="EU"))
    pmg_share = {}
    for (_, row), share in zip(pmg.iterrows(), _central(pmg, "dimensionless"), strict=True):
        sea = "offshore" if row["basis"].startswith("offshore") else "onshore"
        scenario = "high" if "high-demand" in row["basis"] else "low" if "low-demand" in row["basis"] else "both"
        pmg_share[(sea, int(row["year"]), scenario)] = float(share)
    cars = statements.select(frame, "product_lifetime_mean", subject="passenger_car")
    lifetimes = {
        "EV traction motors": _range(pd.concat([statements.select(frame, "product_lifetime", subject="electric_vehicle"),
                                                cars[cars["region"].str.startswith("Western")]]), "a", "lifetime"),
        "wind turbines": _range(statements.select(frame, "product_lifetime", subject="wind_turbine"), "a", "lifetime"),
        "electronics": _range(pd.concat([statements.select(frame, "product_lifetime", subject=["consumer_electronics", "phone"]),
                                         statements.select(frame, "product_lifetime_mean", subject="personal_computer")]), "a", "lifetime"),
    }
    every = [r for r in lifetimes.values()]
    lifetimes["other uses"] = Range(min(r.low for r in every), max(r.high for r in every), "a", tuple(sorted({s for r in every for s in r.sources})))
    for value in lifetimes.values():
        used.update(value.sources)
    pm = _range(statements.select(frame, "pm_motor_market_share", subject="ev_motor", region="EU"), "dimensionless", "pm_motor_market_share")
    magnet_ev = _range(statements.select(frame, "ndfeb_per_vehicle", subject="electric_vehicle", region="EU"), "kg", "ndfeb_per_vehicle") \
        if not statements.select(frame, "ndfeb_per_vehicle", subject="electric_vehicle", region="EU").empty else \
        _range(statements.select(frame, "ndfeb_per_motor", region="EU"), "kg", "ndfeb_per_motor")
    per_mw = _range(statements.select(frame, "ndfeb_per_mw", subject="wind_turbine").pipe(lambda r: r[~r["basis"].str.contains("fleet-average")]), "t/MW", "ndfeb_per_mw")
    electronics = _range(statements.select(frame, "application_share", subject="consumer_electronics"), "dimensionless", "application_share")
    for value in (pm, magnet_ev, per_mw, electronics, *anchors.values()):
        used.update(value.sources)
    return Inputs(anchors, bev, bev_share, pm, magnet_ev, by_year, europe, eu_2024, eu_2030, float(np.mean(offshore)), pmg_share,
                  per_mw, electronics, lifetimes, tuple(sorted(used)))


@dataclass(frozen=True)
class Scenarios:
    """Draws of every ranged input for ``n`` scenarios (seeded)."""

    n: int
    seed: int
    growth_after_2030: pint.Quantity
    jrc_scenario: str


def _loglinear(points: Mapping[int, np.ndarray], years: np.ndarray) -> np.ndarray:
    """Log-linear interpolation between anchor years, per scenario (anchors: year -> values over scenarios)."""
    anchor_years = np.array(sorted(points))
    logs = np.log(np.vstack([points[y] for y in anchor_years]))
    out = np.empty((len(years), logs.shape[1]))
    for s in range(logs.shape[1]):
        out[:, s] = np.exp(np.interp(years, anchor_years, logs[:, s]))
    return out


def scenario_inflows(data_in: Inputs, years: Sequence[int] | np.ndarray, scenarios: Scenarios) -> tuple[pint.Quantity, np.ndarray, pint.Quantity]:
    """EU magnet inflow (t NdFeB/a) by year, product and scenario; lifetimes (products × scenarios); demand (years × scenarios)."""
    if scenarios.n < 1:
        raise ParameterError("scenarios", f"{scenarios.n} must be at least 1")
    if scenarios.jrc_scenario not in ("low", "high"):
        raise ParameterError("jrc_scenario", f"{scenarios.jrc_scenario!r} is not 'low' or 'high'")
    years = np.asarray(list(years), dtype=int)
    n, rng = scenarios.n, np.random.default_rng(scenarios.seed)
    anchors = {y: r.draw(rng, n) for y, r in data_in.demand_anchors.items()}
    first, second = sorted(anchors)[:2]
    early_rate = np.log(anchors[second] / anchors[first]) / (second - first)
    growth = float(scenarios.growth_after_2030.to("1/a").magnitude)
    demand = _loglinear(anchors, np.clip(years, first, max(anchors)))
    before = years < first
    demand[before] = anchors[first][None, :] * np.exp(early_rate[None, :] * (years[before] - first)[:, None])
    after = years > max(anchors)
    demand[after] = demand[np.searchsorted(years, max(anchors))] * np.exp(np.log1p(growth) * (years[after] - max(anchors)))[:, None]

    # EV traction motors.
    registrations = np.zeros(len(years))
    known = sorted(data_in.bev_registrations)
    reference = data_in.bev_registrations[known[0]]
    for year, share in data_in.bev_share.items():
        if year < known[0] and year in years:
            registrations[years == year] = reference * share / data_in.bev_share[known[0]]
    for year in range(min(data_in.bev_share), known[0]):
        if year in years and year not in data_in.bev_share:
            lower = max(y for y in data_in.bev_share if y < year)
            upper = min(y for y in [*data_in.bev_share, known[0]] if y > year)
            registrations[years == year] = np.interp(year, [lower, upper], [registrations[years == lower][0], registrations[years == upper][0]])
    for year, count in data_in.bev_registrations.items():
        registrations[years == year] = count
    to_tonnes = Q_(1, data_in.magnet_per_ev.unit).to("t").magnitude
    per_vehicle = data_in.magnet_per_ev.draw(rng, n) * data_in.pm_motor_share.draw(rng, n) * to_tonnes  # t per vehicle
    ev = registrations[:, None] * per_vehicle[None, :]
    last = known[-1]
    share_last = ev[years == last][0] / demand[years == last][0]
    ev[years > last] = demand[years > last] * share_last

    # Wind turbines.
    installed = np.zeros(len(years))
    europe = data_in.wind_cumulative_europe
    early_average = (europe[max(europe)] - europe[min(europe)]) / (max(europe) - min(europe)) if len(europe) > 1 else 0.0
    installed_years = sorted(data_in.wind_installed)
    to_2030 = (data_in.wind_forecast_eu_2030 - data_in.wind_cumulative_eu_2024) / (2030 - 2024)
    for i, year in enumerate(years):
        if year <= min(europe, default=2019) + (max(europe) - min(europe)):
            installed[i] = early_average
        if year in data_in.wind_installed:
            installed[i] = data_in.wind_installed[year]
        elif installed_years and max(europe) < year < installed_years[0]:
            installed[i] = np.interp(year, [max(europe), installed_years[0]], [early_average, data_in.wind_installed[installed_years[0]]])
        elif year > installed_years[-1]:
            installed[i] = to_2030 * (1 + growth) ** max(0, year - 2030)
    pmg = np.array([_pmg(data_in, year, scenarios.jrc_scenario) for year in years])
    # Installed capacity (GW/a) × magnet per unit of capacity, in t/a whatever units the sources gave.
    to_tonnes_per_year = Q_(1, f"GW/a * ({data_in.magnet_per_mw.unit})").to("t/a").magnitude
    wind = (installed * pmg)[:, None] * data_in.magnet_per_mw.draw(rng, n)[None, :] * to_tonnes_per_year

    electronics = demand * data_in.electronics_share.draw(rng, n)[None, :]
    # Demand is the anchored total: where the product estimates exceed it (early years, when the
    # generators' magnet share is known only from 2018 on), wind, the least known of them, gives way.
    wind = np.minimum(wind, np.clip(demand - ev - electronics, 0, None))
    other = np.clip(demand - ev - wind - electronics, 0, None)
    inflow = np.stack([ev, wind, electronics, other], axis=1)
    lifetimes = np.vstack([np.rint(data_in.lifetimes[p].draw(rng, n)) for p in PRODUCTS]).astype(int)
    return Q_(inflow, "t/a"), lifetimes, Q_(demand, "t/a")


def _pmg(data_in: Inputs, year: int, scenario: str) -> float:
    """Share of new capacity with permanent-magnet generators, blending onshore and offshore."""
    def share(sea: str) -> float:
        points = {y: v for (s, y, sc), v in data_in.pmg_share.items() if s == sea and sc in (scenario, "both")}
        known = sorted(points)
        return float(np.interp(year, known, [points[y] for y in known]))

    fraction = data_in.offshore_fraction
    return (1 - fraction) * share("onshore") + fraction * share("offshore")


def simulate(data_in: Inputs, years: Sequence[int], scenarios: Scenarios) -> tuple[StockResult, pint.Quantity]:
    """Stock and end-of-life outflow of every product in every scenario, and EU demand."""
    inflow, lifetimes, demand = scenario_inflows(data_in, years, scenarios)
    return run_stock_model(years, PRODUCTS, inflow, lifetimes), demand


def percentiles(values: np.ndarray, level: float = 0.9) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Median and central interval over the last (scenario) axis."""
    tail = (1 - level) / 2 * 100
    low, median, high = np.percentile(values, [tail, 50, 100 - tail], axis=-1)
    return median, low, high


def collection_draws(chains: Mapping[tuple[str, str], object], n: int, seed: int) -> np.ndarray:
    """Draws of the share of each product's end-of-life magnets collected in the EU: (products, scenarios).

    From the collection stage of the recovery chains (EV motors: vehicles
    reaching treatment; wind: turbines not exported; electronics: the WEEE
    collection rate). For "other uses" nothing is known: 0–100 %.
    """
    from .secondary import Uncertain

    rng = np.random.default_rng(seed)
    stage = {product: next(s for s in chain.stages if s.name == "collection") for (product, _), chain in chains.items()}  # type: ignore[attr-defined]
    unknown = Uncertain("other uses: collection", low=Q_(0, "dimensionless"), high=Q_(1, "dimensionless"))
    chosen = [stage["ev_motor"].yield_, stage["wind_generator"].yield_, stage["hdd"].yield_, unknown]
    return np.vstack([u.sample(rng, n).to("dimensionless").magnitude for u in chosen])


def recycling_capacity(frame: pd.DataFrame, year: int, *, announced: bool) -> tuple[float, float, tuple[str, ...]]:
    """EU magnet recycling capacity in ``year`` (t/a): plants operating by then, or also those announced by then.

    For each plant and source the largest figure counts (an expansion
    supersedes the first figure); sources that disagree about a plant give
    a range. Statements without a year count as undated intentions.
    """
    rows = statements.select(frame, "recycling_capacity", region="EU")
    rows = rows[rows["year"].fillna(year).astype(int) <= year]
    if not announced:
        rows = rows[rows["basis"].str.startswith("operating")]
    low = high = 0.0
    for _, plant in rows.groupby("subject"):
        per_source = [max(n.value for n in statements.numbers(stated, "t/a")) for _, stated in plant.groupby("source_id")]
        low, high = low + min(per_source), high + max(per_source)
    return low, high, tuple(sorted(set(rows["source_id"])))


def capacity_series(frame: pd.DataFrame, years: Sequence[int] | np.ndarray, *, announced: bool) -> list[float]:
    """Upper end of :func:`recycling_capacity` in each year; NaN (a gap) before the first dated statement, when nothing is known."""
    dated = statements.select(frame, "recycling_capacity", region="EU")["year"].dropna()
    first = int(dated.min()) if not dated.empty else None
    return [recycling_capacity(frame, int(y), announced=announced)[1] if first is not None and y >= first else float("nan") for y in years]


def ratio_evidence(values: np.ndarray, sources: Sequence[str], *, note: str, level: float = 0.9) -> Evidence:
    """A ratio computed in every scenario, as model evidence: the median and the central interval."""
    median, low, high = percentiles(np.asarray(values, dtype=float), level)
    return Evidence(Q_(float(median), ""), sources=sorted(set(sources)), low=Q_(float(low), ""), high=Q_(float(high), ""), basis="model",
                    note=f"{note}: median and {level:.0%} interval of the scenarios")


#: Which composition statements describe each product's magnets (basis words of data/urban_mine.csv).
COMPOSITION_BASIS = {
    "EV traction motors": "generic grade",
    "wind turbines": "DD-PMSG",
    "electronics": "German desktop PC",
    "other uses": "generic grade",
}
ELEMENTS = ("Nd", "Pr", "Dy", "Tb")


def compositions(frame: pd.DataFrame) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Mass fraction of Nd, Pr, Dy and Tb in each product's magnets (NaN where no source states it).

    EV and other magnets take the generic sintered grade (no EV-specific
    analysis was found); wind magnets the Commission's figures for direct-drive
    generators; electronics the analysis of hard-drive magnets. A stated range
    counts at its middle.
    """
    table = pd.DataFrame(index=list(PRODUCTS), columns=list(ELEMENTS), dtype=float)
    used: set[str] = set()
    for product, words in COMPOSITION_BASIS.items():
        rows = statements.select(frame, "ndfeb_composition", basis_contains=words)
        for element in ELEMENTS:
            found = statements.numbers(rows[rows["subject"] == element], "dimensionless")
            if found:
                table.loc[product, element] = float(np.mean([n.value for n in found]))
                used.update(n.source_id for n in found)
    return table, tuple(sorted(used))


def element_outflow(result: StockResult, composition: pd.DataFrame) -> pd.DataFrame:
    """Median end-of-life outflow of each element (t/a) by year, over the products whose magnets' content is known."""
    outflow = np.median(result.outflow.to("t/a").magnitude, axis=-1)  # years × products
    frame = pd.DataFrame(index=pd.Index(result.years, name="year"))
    for element in composition.columns:
        fractions = composition[element].to_numpy(dtype=float)
        known = ~np.isnan(fractions)
        frame[element] = outflow[:, known] @ fractions[known]
    return frame


def processing_yield_draws(chains: Mapping[tuple[str, str], object], routes: Mapping[str, tuple[str, str]], n: int, seed: int) -> np.ndarray:
    """Draws of the share of collected magnets each product's chain turns back into rare earths (stages after collection).

    ``routes`` names the chain of each product in :data:`PRODUCTS` (a product
    without one, such as "other uses", gets the unknown 0–100 %).
    """
    rng = np.random.default_rng(seed)
    rows = []
    for product in PRODUCTS:
        key = routes.get(product)
        if key is None:
            rows.append(rng.uniform(0, 1, n))
            continue
        draws = chains[key].draws(n, int(rng.integers(2**31)))  # type: ignore[attr-defined]
        rows.append(draws[:, 1:].prod(axis=1))
    return np.vstack(rows)


def weighted_outflow(result: StockResult, weights: np.ndarray) -> np.ndarray:
    """Σ over products of end-of-life outflow × a per-product, per-scenario share (t/a): years × scenarios."""
    return np.einsum("tps,ps->ts", result.outflow.to("t/a").magnitude, weights)


#: The recovery chain (``data/recovery_chains.csv``: product, route) that treats each product's magnets today.
#: "Other uses" has none: what becomes of them is unknown (0–100 %).
RECOVERY_ROUTES: Mapping[str, tuple[str, str]] = {
    "EV traction motors": ("ev_motor", "car shredder (today)"),
    "wind turbines": ("wind_generator", "decommissioning"),
    "electronics": ("hdd", "shredding"),
}


def input_table(data_in: Inputs) -> pd.DataFrame:
    """The ranges the scenarios draw from, each with the short citations of its sources."""
    def line(label: str, value: Range, text: str) -> tuple[str, str, str]:
        return label, text, statements.citations(value.sources)

    rows = [line(f"EU magnet demand {year}", r, f"{r.low:,.0f}–{r.high:,.0f} t/a") for year, r in sorted(data_in.demand_anchors.items())]
    rows += [line(f"service life, {product}", r, f"{r.low:g}–{r.high:g} a") for product, r in data_in.lifetimes.items()]
    rows += [
        line("magnet per electric car", data_in.magnet_per_ev, f"{data_in.magnet_per_ev.low:g}–{data_in.magnet_per_ev.high:g} kg"),
        line("magnet per MW of PM generator", data_in.magnet_per_mw, f"{data_in.magnet_per_mw.low:g}–{data_in.magnet_per_mw.high:g} t/MW"),
        line("electronics' share of demand", data_in.electronics_share,
             f"{data_in.electronics_share.low:.0%}–{data_in.electronics_share.high:.0%}"),
    ]
    return pd.DataFrame(rows, columns=["input", "range", "sources"]).set_index("input")


def _year_index(result: StockResult, year: int, what: str) -> int:
    where = np.flatnonzero(result.years == year)
    if where.size == 0:
        raise ParameterError(what, f"{year} is outside the modelled years {result.years[0]}–{result.years[-1]}")
    return int(where[0])


def outflow_over_demand(result: StockResult, demand: pint.Quantity, year: int) -> np.ndarray:
    """End-of-life magnets of every product over EU demand in ``year``, per scenario."""
    at = _year_index(result, year, "year")
    outflow = result.outflow.to("t/a").magnitude[at].sum(axis=0)
    return outflow / demand.to("t/a").magnitude[at]


def summary(values: np.ndarray, level: float = 0.9) -> str:
    """'median [low–high]' of per-scenario values, two decimals."""
    median, low, high = percentiles(np.asarray(values, dtype=float), level)
    return f"{median:.2f} [{low:.2f}–{high:.2f}]"


@dataclass(frozen=True)
class SecondarySupply:
    """What EU recycling could supply, per year and scenario (t/a), and the two ratios CLEPA's claims turn on."""

    years: np.ndarray
    #: End-of-life magnets collected in the EU: (years, scenarios).
    collected: np.ndarray
    #: What today's recovery chains would turn back into rare earths from them: (years, scenarios).
    recovered: np.ndarray
    #: Capacity of plants operating in ``now`` (low, high, t/a) and operating or announced by ``horizon``.
    operating: tuple[float, float]
    planned: tuple[float, float]
    capacity_sources: tuple[str, ...]
    #: Upper end of the capacity operating, and operating or announced, in each modelled year (t/a).
    capacity_steps: Mapping[str, list[float]]
    now: int
    horizon: int
    #: Smaller of collected scrap and operating capacity over demand in ``now``, per scenario.
    available_over_demand: np.ndarray
    #: Collected scrap (all kept, as under an export ban) over capacity in ``horizon``, per scenario.
    kept_over_capacity: np.ndarray

    def collected_in(self, year: int) -> np.ndarray:
        """Collected end-of-life magnets in ``year`` (t/a), per scenario."""
        where = np.flatnonzero(self.years == year)
        if where.size == 0:
            raise ParameterError("year", f"{year} is outside the modelled years {self.years[0]}–{self.years[-1]}")
        return self.collected[int(where[0])]


def secondary_supply(
    result: StockResult,
    demand: pint.Quantity,
    chains: Mapping[tuple[str, str], object],
    frame: pd.DataFrame,
    *,
    now: int,
    horizon: int,
    seed: int,
) -> SecondarySupply:
    """Collected and recoverable end-of-life magnets, recycling capacity and the ratios of CLEPA-03 and CLEPA-08.

    Collection and processing shares are drawn from the recovery chains
    (:data:`RECOVERY_ROUTES`); capacity from ``data/urban_mine.csv``
    (:func:`recycling_capacity`), drawn uniformly within its range. Seeds
    ``seed``, ``seed + 1`` and ``seed + 2`` keep the three draws independent.
    """
    n = result.outflow.shape[-1]
    collection = collection_draws(chains, n, seed)
    collected = weighted_outflow(result, collection)
    recovered = weighted_outflow(result, collection * processing_yield_draws(chains, RECOVERY_ROUTES, n, seed + 1))
    low_now, high_now, operating_sources = recycling_capacity(frame, now, announced=False)
    low_later, high_later, planned_sources = recycling_capacity(frame, horizon, announced=True)
    rng = np.random.default_rng(seed + 2)
    now_at, horizon_at = _year_index(result, now, "now"), _year_index(result, horizon, "horizon")
    capacity_now = rng.uniform(low_now, high_now, n)
    available = np.minimum(collected[now_at], capacity_now) / demand.to("t/a").magnitude[now_at]
    kept = collected[horizon_at] / rng.uniform(low_later, high_later, n)
    steps = {
        "operating capacity": capacity_series(frame, result.years, announced=False),
        "operating or announced capacity": capacity_series(frame, result.years, announced=True),
    }
    return SecondarySupply(result.years, collected, recovered, (low_now, high_now), (low_later, high_later),
                           tuple(sorted(set(operating_sources) | set(planned_sources))), steps, now, horizon, available, kept)


def china_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """The statements of the share of EU rare-earth magnet demand met from China."""
    return statements.select(frame, "import_share_china", subject="rare earth magnets", region="EU")


def china_share_table(frame: pd.DataFrame) -> pd.DataFrame:
    """:func:`china_shares` as a reader's table (:func:`reelib.statements.table`)."""
    return statements.table(china_shares(frame))


def missing_compositions(composition: pd.DataFrame) -> dict[str, str]:
    """For each element, the products whose magnets' content of it no source gives ("" when all are known)."""
    return {element: ", ".join(composition.index[composition[element].isna()]) for element in composition.columns}


def non_china_evidence(rows: pd.DataFrame) -> Evidence:
    """Share of EU magnet demand not met from China: one minus each stated Chinese share, combined by the spread rule."""
    found = statements.numbers(rows, "dimensionless")
    if not found:
        raise ParameterError("import_share_china", "no statement of the share of EU magnet demand met from China")
    remaining = Q_(np.array([1 - n.value for n in found]), "dimensionless")
    return Evidence.spread(remaining, [n.source_id for n in found], note="one minus the share of EU magnet demand met by imports from China")


@dataclass(frozen=True)
class UrbanMine:
    """One run of the urban-mine model: what went in, the stocks and flows, and the secondary supply."""

    statements: pd.DataFrame
    inputs: Inputs
    result: StockResult
    demand: pint.Quantity
    supply: SecondarySupply
    #: The year the CNRS text speaks of ("remains insufficient"), from its window in data/claims.yaml.
    now: int
    level: float

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources of every model input and of the recycling capacity."""
        return tuple(sorted(set(self.inputs.sources) | set(self.supply.capacity_sources)))


def model(urban_statements: pd.DataFrame, recycling_statements: pd.DataFrame, recipes: pd.DataFrame, parameters: Mapping[str, Any]) -> UrbanMine:
    """Run the model for checked parameters (:func:`reelib.catalog.parameters` of ``07_urban_mine``).

    The years the claims speak of come from their windows in
    ``data/claims.yaml``: 2025 for "remains insufficient" (CNRS-22) and
    "current capacity" (CLEPA-03), 2030 for the build-up of CLEPA-08.
    """
    from .claims import claim
    from .recycling import chains_from_data

    p = parameters
    inputs = inputs_from_data(urban_statements)
    years = range(int(p["start"]), int(p["end"]) + 1)
    result, demand = simulate(inputs, years, Scenarios(int(p["scenarios"]), int(p["seed"]), p["growth_after_2030"], p["jrc_scenario"]))
    chains = chains_from_data(recipes, recycling_statements, urban_statements)
    supply = secondary_supply(result, demand, chains, urban_statements, seed=int(p["seed"]) + 1,
                              now=claim("CLEPA-03").part("scrap_over_demand").period.start,
                              horizon=claim("CLEPA-08").part("retained_over_capacity").period.start)
    now = claim("CNRS-22").part("scrap_over_demand").period.start
    return UrbanMine(urban_statements, inputs, result, demand, supply, now, float(p["level"]))


def claim_evidence(mine: UrbanMine) -> dict[str, dict[str, Any]]:
    """The evidence for each claim part the model bears on (claim ID → part name → Evidence).

    * CNRS-22 ``wind_lifetime``: the sourced service lives of wind turbines;
      ``scrap_over_demand``: end-of-life magnets over EU demand in its year.
    * CLEPA-03: the smaller of collected scrap and operating capacity over demand.
    * CLEPA-07: one minus the stated shares of EU magnet demand met from China.
    * CLEPA-08: collected scrap, all kept as under an export ban, over the capacity operating or announced.
    """
    supply, level = mine.supply, mine.level
    wind_lives = statements.select(mine.statements, "product_lifetime", subject="wind_turbine")
    return {
        "CNRS-22": {
            "wind_lifetime": statements.spread(wind_lives, "a", note="service lives of wind turbines"),
            "scrap_over_demand": ratio_evidence(outflow_over_demand(mine.result, mine.demand, mine.now), mine.inputs.sources, level=level,
                                                note=f"EU end-of-life magnets over EU demand, {mine.now}"),
        },
        "CLEPA-03": {
            "scrap_over_demand": ratio_evidence(supply.available_over_demand, mine.sources, level=level,
                                                note=f"smaller of collected scrap and operating capacity over demand, {supply.now}"),
        },
        "CLEPA-07": {"supply_over_demand": non_china_evidence(china_shares(mine.statements))},
        "CLEPA-08": {
            "retained_over_capacity": ratio_evidence(supply.kept_over_capacity, mine.sources, level=level,
                                                     note=f"collected scrap kept under a ban over capacity operating or announced, {supply.horizon}"),
        },
    }


def evaluate(parameters: Mapping[str, Any]) -> list[Any]:
    """Every verdict of ``07_urban_mine`` for one set of parameters, without writing records: one point of a sweep."""
    from . import catalog, data
    from .claims import assess

    p = catalog.parameters("07_urban_mine", **parameters)
    mine = model(data.load("urban_mine"), data.load("recycling"), data.load("recovery_chains"), p)
    return [assess(claim_id, record=False, **parts) for claim_id, parts in claim_evidence(mine).items()]
