"""What each notebook is and which parameters it takes: declared once.

The runner reads this to check a run's parameters before it starts a kernel,
to list the notebooks in ``reelib run --help``, and to know which notebooks can
sweep a scenario dimension in-process; each notebook reads it in its first
code cell (:func:`parameters`). A test checks that every notebook's
parameters cell declares exactly the names listed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import ParameterError
from .params import Param, Parameters, Window, check_parameters, choice, integer, number, quantity, uncertain

__all__ = ["NOTEBOOKS", "NotebookSpec", "parameters", "spec"]


def _editions() -> list[Any]:
    from . import data, supply

    return ["latest", *supply.editions(data.load("usgs_production"))]


def _grades(material: str) -> list[str]:
    from . import substitution

    return substitution.grade_names(material)


_EDITION = choice("MCS edition the verdicts use: 'latest' in data/, or an edition year to see what was known then", _editions)
_VINTAGE = choice("'latest': revised values as known at the edition; 'first': first estimates", ("latest", "first"))
_TONNAGE: dict[str, Any] = dict(dimension="[mass]/[time]", minimum="0 Mt/a", maximum="1e5 Mt/a", keywords=("sources",))
_CONCENTRATION: dict[str, Any] = dict(dimension="[REE]", minimum="0 ppm REE", maximum="1e6 ppm REE", keywords=("sources",))


@dataclass(frozen=True)
class NotebookSpec:
    """A theme notebook: its title and its parameters' declarations."""

    title: str
    parameters: Mapping[str, Param]
    windows: tuple[Window, ...] = ()
    #: How ``reelib sweep`` runs it: "kernel" (one papermill run per point) or "in-process" (a model function called per point, no kernel).
    sweep: str = "kernel"
    extras: Mapping[str, Any] = field(default_factory=dict)


NOTEBOOKS: Mapping[str, NotebookSpec] = {
    "01_supply_concentration": NotebookSpec(
        "Supply concentration: who mines rare earths",
        {
            "edition": _EDITION,
            "vintage": _VINTAGE,
            "lookback": integer("years before the embargo in which a new producer reported no production (CNRS-24)", 1, 20),
            "min_share": number("share of world output (fraction, 0–1) a new producer must reach to count (CNRS-24)", 0, 1),
            "refining_since": integer("oldest data year of a refining share that speaks for 'still' (CNRS-03)", 2000, 2030),
        },
    ),
    "02_production_growth": NotebookSpec(
        "Growth of world mine production",
        {
            "edition": _EDITION,
            "vintage": _VINTAGE,
            "confidence": number("level of the confidence intervals", 0.5, 0.999),
        },
    ),
    "03_resources_and_reserves": NotebookSpec(
        "Resources and reserves: how much is in the ground",
        {
            "edition": _EDITION,
            "production_year": integer("year whose world mine production sets the 'years of supply'", 2000, 2030),
            "min_reserve_share": number("a country counts for CNRS-25 if its reserves are at least this fraction (0–1) of the listed total", 0, 1),
        },
    ),
    "04_dependency_chain": NotebookSpec(
        "Dependency along the chain: direct and effective",
        {"since": integer("oldest data year of a sourcing share that is used", 2000, 2030)},
    ),
    "05_secondary_sources": NotebookSpec(
        "Secondary sources: coal ash and bauxite residue",
        {
            "coal_ash_tonnage": uncertain("coal ash generated per year: 'sources' or a range", example="750..1000 Mt/a", **_TONNAGE),
            "coal_ash_concentration": uncertain("REE in coal ash, element mass: 'sources' or a range", example="264..500 ppm REE", **_CONCENTRATION),
            "residue_tonnage": uncertain("bauxite residue generated per year: 'sources' or a range", example="160..175 Mt/a", **_TONNAGE),
            "residue_concentration": uncertain("REE in bauxite residue, element mass: 'sources' or a range", example="300..1000 ppm REE", **_CONCENTRATION),
            "edition": _EDITION,
            "samples": integer("Monte Carlo draws", 1, 10_000_000),
            "seed": integer("random seed, fixed so that the intervals are reproducible", 0, 2**32 - 1),
            "level": number("central probability of the reported intervals", 0.5, 0.99),
        },
    ),
    "06_recovery_chains": NotebookSpec(
        "Recycling recovery chains: how much comes back",
        {
            "amount": quantity("mass entering each chain in the Sankey diagrams (NdFeB magnets; phosphor for lamps)", "[mass]", "1 kg", "1e9 kg", "1000 kg"),
            "samples": integer("Monte Carlo draws of the stage yields", 1, 10_000_000),
            "seed": integer("random seed, fixed so that the intervals are reproducible", 0, 2**32 - 1),
            "level": number("central probability of the reported intervals", 0.5, 0.99),
        },
    ),
    "07_urban_mine": NotebookSpec(
        "The EU urban mine of NdFeB magnets",
        {
            "start": integer("first year of the stock model (the first cohort)", 1980, 2020),
            "end": integer("last year of the stock model", 2030, 2100),
            "scenarios": integer("scenarios drawn from the sourced ranges (one vectorised run)", 1, 100_000),
            "seed": integer("random seed of the scenario draws", 0, 2**32 - 1),
            "level": number("central probability of the scenario intervals", 0.5, 0.99),
            "growth_after_2030": quantity("growth of EU magnet demand after 2030 (no sourced projection: held by default)", "1/[time]", "-10 %/a", "20 %/a", "2 %/a"),
            "jrc_scenario": choice("JRC scenario for the share of permanent-magnet wind generators: 'low' or 'high' demand", ("low", "high")),
        },
        windows=(Window("start", "end", 20),),
        sweep="in-process",
    ),
    "08_uses_and_intensity": NotebookSpec(
        "Uses and intensity: what rare earths go into",
        {
            "turbine": choice("which turbine 'one offshore wind turbine' is: the average new one in Europe or the large direct-drive models",
                              ("average new offshore", "large direct-drive")),
            "samples": integer("Monte Carlo draws of the turbine-against-phones ratio", 1, 10_000_000),
            "seed": integer("random seed, fixed so that the intervals are reproducible", 0, 2**32 - 1),
            "level": number("central probability of the reported intervals", 0.5, 0.99),
        },
    ),
    "09_prices_and_criticality": NotebookSpec(
        "Prices and criticality: heavy against light rare earths",
        {
            "vintage": _VINTAGE,
            "volatility_from": integer("first year of the price volatility (every oxide needs a price in every year)", 2011, 2024),
            "volatility_to": integer("last year of the price volatility", 2012, 2025),
        },
        windows=(Window("volatility_from", "volatility_to", 2),),
    ),
    "10_substitution": NotebookSpec(
        "Substitution: less rare earth, or none",
        {
            "ndfeb_grade": choice("NdFeB grade compared with ferrite ('all': every grade in the data)", lambda: _grades("NdFeB")),
            "ferrite_grade": choice("ferrite grade compared with NdFeB ('all': every grade in the data)", lambda: _grades("ferrite")),
        },
    ),
}


def spec(notebook: str) -> NotebookSpec:
    """One notebook's declaration, by its stem."""
    try:
        return NOTEBOOKS[notebook]
    except KeyError:
        raise ParameterError("notebook", f"{notebook!r} is not a theme notebook; known: {', '.join(NOTEBOOKS)}") from None


def parameters(notebook: str, **values: Any) -> Parameters:
    """Check a notebook's parameters against its declaration (the first code cell of every notebook)."""
    declared = spec(notebook)
    return check_parameters(declared.parameters, values, windows=declared.windows, owner=notebook)
