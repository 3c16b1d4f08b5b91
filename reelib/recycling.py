"""Recovery chains: how much of the rare earth in a discarded product comes back.

A product's end-of-life recycling rate (EoL-RR) is the product of the yields
of the stages its rare earths pass through: collection, liberation of the
magnet (shredding or targeted dismantling), pre-processing, metallurgical
recovery, return to a magnet or alloy. Each yield is an uncertain fraction
(:class:`~reelib.secondary.Uncertain`), so the rate comes from a seeded,
vectorised Monte Carlo with its interval; the losses of each stage are
Quantities of the input that sum, with what is recovered, to the input.

Chains come from data: ``data/recovery_chains.csv`` says, for each product
and route, which stages it has and which sourced statements (in
``data/recycling.csv`` and ``data/urban_mine.csv``) give each yield, and why.
A stage no source quantifies is kept, with the whole 0–1 range: the rate is
then bounded by the stages that are known, and the figure says which one is
unknown rather than guessing it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pint

from . import statements
from .claims import Evidence
from .errors import ParameterError
from .secondary import Estimate, Uncertain
from .units import Q_

__all__ = [
    "Chain",
    "MagnetShare",
    "Stage",
    "chains_evidence",
    "chains_from_data",
    "eol_rates",
    "footprint_evidence",
    "footprint_ratios",
    "magnet_share_of_car",
    "rate_sources",
    "rate_table",
    "routes_in_use",
]

#: Routes that treat discarded products today; the others (targeted dismantling, …) are options.
ROUTES_IN_USE = ("car shredder (today)", "shredding")


@dataclass(frozen=True)
class Stage:
    """One stage of a recovery chain and the share of what enters it that passes on."""

    name: str
    yield_: Uncertain
    #: What the yield rests on, in words (the route, and why these statements).
    why: str = ""

    @property
    def known(self) -> bool:
        return bool(self.yield_.sources)


@dataclass(frozen=True)
class Chain:
    """An ordered list of stages a product's rare earths pass through at the end of its life."""

    product: str
    route: str
    stages: tuple[Stage, ...]

    def __post_init__(self) -> None:
        where = f"chain {self.product!r} ({self.route})"
        if not self.stages:
            raise ParameterError("stages", f"{where} has no stage")
        names = [s.name for s in self.stages]
        for stage in self.stages:
            if names.count(stage.name) > 1:
                raise ParameterError("stages", f"{where}: stage {stage.name!r} is given twice")
            low, high = (q.to("dimensionless").magnitude for q in stage.yield_.bounds)
            if not 0 <= low <= high <= 1:
                raise ParameterError("yield", f"{where}, stage {stage.name!r}: yield {stage.yield_.describe()} is not a fraction in [0, 1]")

    def central_yields(self) -> np.ndarray:
        """Each stage's central yield (its stated value, or the middle of its range)."""
        values = []
        for stage in self.stages:
            low, high = (q.to("dimensionless").magnitude for q in stage.yield_.bounds)
            central = stage.yield_.central.to("dimensionless").magnitude if stage.yield_.central is not None else (low + high) / 2
            values.append(central)
        return np.array(values)

    def draws(self, samples: int = 100_000, seed: int = 2011) -> np.ndarray:
        """Monte Carlo draws of every stage's yield: (samples, stages), seeded."""
        rng = np.random.default_rng(seed)
        return np.column_stack([stage.yield_.sample(rng, samples).to("dimensionless").magnitude for stage in self.stages])

    def eol_rate(self, samples: int = 100_000, seed: int = 2011, level: float = 0.9) -> Estimate:
        """The end-of-life recycling rate: the product of the stage yields, with its central interval."""
        rate = self.draws(samples, seed).prod(axis=1)
        sources = tuple(s for stage in self.stages for s in stage.yield_.sources)
        return Estimate.from_draws(Q_(rate * 100, "percent"), level, sources)

    def flows(self, amount: pint.Quantity, yields: Sequence[float] | None = None) -> pd.DataFrame:
        """What enters, passes and is lost at each stage, for ``amount`` entering the chain.

        The losses and what leaves the last stage sum to ``amount`` exactly.
        """
        shares = self.central_yields() if yields is None else np.asarray(yields, dtype=float)
        rows, entering = [], amount
        for stage, share in zip(self.stages, shares):
            passing = entering * share
            rows.append({"stage": stage.name, "entering": entering, "passing": passing, "lost": entering - passing, "known": stage.known})
            entering = passing
        return pd.DataFrame(rows).set_index("stage")

    def limiting_stage(self) -> str:
        """The sourced stage whose yield, raised to one, would raise the rate most: the lowest central yield.

        A stage no source quantifies (0–1) is not named: its yield is
        unknown, not low; :attr:`unknown_stages` lists those.
        """
        known = [(value, stage.name) for value, stage in zip(self.central_yields(), self.stages) if stage.known]
        return min(known)[1] if known else "unknown"

    @property
    def unknown_stages(self) -> list[str]:
        return [stage.name for stage in self.stages if not stage.known]


def _given(value: object) -> str:
    """A recipe cell's text, or "" for an empty one (the loader reads empty cells as missing)."""
    return "" if value is None or pd.isna(value) else str(value)


def _stage_yield(row: pd.Series, statements_frame: pd.DataFrame) -> Uncertain:
    name = f"{row['product']}: {row['stage']}"
    if not _given(row["quantity"]):
        return Uncertain(name, low=Q_(0, "dimensionless"), high=Q_(1, "dimensionless"))
    rows = statements.select(statements_frame, row["quantity"], subject=row["subject"])
    if _given(row["region"]):
        rows = rows[rows["region"] == row["region"]]
    if _given(row["basis_contains"]):
        rows = rows[rows["basis"].str.contains(row["basis_contains"], case=False, regex=False)]
    if rows.empty:
        raise ParameterError(name, f"no statement of {row['quantity']!r} for {row['subject']!r} in the data (data/recovery_chains.csv names it)")
    return statements.uncertain(rows, "dimensionless", name, complement=_given(row["transform"]) == "complement")


def chains_from_data(recipes: pd.DataFrame, *statement_frames: pd.DataFrame) -> dict[tuple[str, str], Chain]:
    """Every chain of ``data/recovery_chains.csv``, keyed by (product, route), yields read from the statements.

    ``statement_frames`` are the statement tables the recipes may name (``recycling``, ``urban_mine``).
    """
    if not statement_frames:
        raise ParameterError("statement_frames", "no statement table given to read the stage yields from")
    statements_frame = pd.concat(statement_frames, ignore_index=True)
    chains = {}
    for (product, route), rows in recipes.sort_values("order").groupby(["product", "route"], sort=False):
        stages = tuple(Stage(row["stage"], _stage_yield(row, statements_frame), row["why"]) for _, row in rows.iterrows())
        chains[(product, route)] = Chain(product, route, stages)
    return chains


def eol_rates(chains: Mapping[tuple[str, str], Chain], samples: int, seed: int, level: float) -> dict[tuple[str, str], Estimate]:
    """Each chain's end-of-life recycling rate (:meth:`Chain.eol_rate`), with the same draws' seed for all."""
    return {key: chain.eol_rate(samples, seed, level) for key, chain in chains.items()}


def rate_table(chains: Mapping[tuple[str, str], Chain], rates: Mapping[tuple[str, str], Estimate]) -> pd.DataFrame:
    """One row per chain: its rate with the interval, the sourced stage that limits it, the stages no source quantifies."""
    return pd.DataFrame(
        {"end-of-life recycling rate": [f"{r.median:.2g~P} [{r.low:.2g~P}–{r.high:.2g~P}]" for r in rates.values()],
         "limiting stage": [chains[key].limiting_stage() for key in rates],
         "stages without a sourced yield": [", ".join(chains[key].unknown_stages) or "—" for key in rates]},
        index=pd.MultiIndex.from_tuples(list(rates), names=["product", "route"]),
    )


def rate_sources(rates: Mapping[tuple[str, str], Estimate]) -> list[str]:
    """Every source the chains' rates rest on, once."""
    return sorted({s for r in rates.values() for s in r.sources})


def routes_in_use(chains: Mapping[tuple[str, str], Chain]) -> list[tuple[str, str]]:
    """The chains of the routes that treat discarded products today (:data:`ROUTES_IN_USE`)."""
    return [key for key in chains if key[1] in ROUTES_IN_USE]


def footprint_ratios(frame: pd.DataFrame) -> pd.DataFrame:
    """Recycled over primary footprint from the life-cycle statements, one row per statement.

    Studies state reductions ("18–33 % lower"): the ratio is one minus them.
    One states the primary route's damage as a share of the recycling
    route's: the ratio is its inverse. The ``greenhouse gas`` column says
    which statements are about the carbon footprint (the claim's subject).
    """
    from .data import citation

    rows = []
    for _, row in statements.select(frame, ["ghg_reduction", "impact_reduction", "impact_ratio_primary_to_recycled"]).iterrows():
        numbers = [v for v in (row["low"], row["central"], row["high"]) if pd.notna(v)]
        share = Q_(np.array(numbers, dtype=float), row["unit"]).to("dimensionless").magnitude
        ratio = 1 / share if row["quantity"] == "impact_ratio_primary_to_recycled" else 1 - share
        if row["bound"] in (">", ">="):  # "more than 80 % lower": the ratio is at most 0.2
            low, high = 0.0, float(ratio.max())
        else:
            low, high = float(ratio.min()), float(ratio.max())
        rows.append({
            "label": f"{row['subject']} ({citation(row['source_id'])}): {row['basis'][:60]}",
            "citation": citation(row["source_id"]),
            "basis": row["basis"],
            "low": low,
            "high": high,
            "greenhouse gas": row["quantity"] == "ghg_reduction",
            "copy": row["copy"],
            "source_id": row["source_id"],
        })
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class MagnetShare:
    """The mass of an average new EU car against the NdFeB in an electric car."""

    car: pint.Quantity
    magnets: tuple[pint.Quantity, pint.Quantity]
    sources: tuple[str, ...]

    @property
    def share(self) -> tuple[pint.Quantity, pint.Quantity]:
        """The magnets' share of the car's mass (low, high)."""
        return (self.magnets[0] / self.car).to("percent"), (self.magnets[1] / self.car).to("percent")

    def describe(self) -> str:
        low, high = self.share
        return (f"average new EU car {self.car:~P}; NdFeB in an electric car {self.magnets[0]:~P}–{self.magnets[1]:~P}: "
                f"{low:.2f~P}–{high:.2f~P} of its mass")


def magnet_share_of_car(*frames: pd.DataFrame) -> MagnetShare:
    """The latest average mass of a new EU car, the range of NdFeB per electric car, and their sources."""
    frame = pd.concat(frames, ignore_index=True)
    cars = statements.select(frame, "vehicle_mass", region="EU")
    magnets = statements.select(frame, "ndfeb_per_vehicle", subject="electric_vehicle")
    if cars.empty or magnets.empty:
        raise ParameterError("magnet_share_of_car", "needs statements of 'vehicle_mass' (EU) and 'ndfeb_per_vehicle' (electric_vehicle)")
    latest = cars.sort_values("year").iloc[-1]
    values = [n.value for n in statements.numbers(magnets, "kg")]
    return MagnetShare(Q_(float(latest["central"]), latest["unit"]), (Q_(min(values), "kg"), Q_(max(values), "kg")),
                       tuple(sorted({latest["source_id"], *magnets["source_id"]})))


def chains_evidence(rates: dict[tuple[str, str], Estimate], routes: Sequence[tuple[str, str]], *, note: str) -> Evidence:
    """Several chains' recycling rates as one model estimate: the median of their medians, from the lowest to the highest end."""
    chosen = [rates[key] for key in routes]
    if not chosen:
        raise ParameterError("routes", "no recovery chain chosen")
    unit = chosen[0].median.units
    medians = np.array([r.median.to(unit).magnitude for r in chosen])
    return Evidence(
        Q_(float(np.median(medians)), unit),
        sources=sorted({s for r in chosen for s in r.sources}),
        low=Q_(min(r.low.to(unit).magnitude for r in chosen), unit),
        high=Q_(max(r.high.to(unit).magnitude for r in chosen), unit),
        basis="model",
        note=f"{note}: {len(chosen)} chains, median of their medians, lowest to highest {chosen[0].level:.0%} bound",
    )


def footprint_evidence(ratios: pd.DataFrame) -> Evidence:
    """The greenhouse-gas rows of :func:`footprint_ratios` as evidence: each study's range enters with both ends."""
    ghg = ratios[ratios["greenhouse gas"]]
    if ghg.empty:
        raise ParameterError("footprint", "no greenhouse-gas figure in the data")
    values = Q_(np.concatenate([ghg["low"].to_numpy(), ghg["high"].to_numpy()]), "dimensionless")
    return Evidence.spread(values, list(ghg["source_id"]) * 2, note="recycled over primary carbon footprint, one minus the published reductions")
