"""Secondary sources: REEs in wastes such as coal ash and bauxite residue.

A secondary source is a tonnage (per year, or a stock) and an REE
concentration, both uncertain. Their product, the REE content, is propagated
by Monte Carlo rather than linearly: the inputs are known as ranges that
span a factor of two or more, where first-order propagation misstates the
tails of a product. Sampling is vectorised with numpy and seeded, so the same
inputs give the same interval on every run (and nbval can compare it).

Each uncertain input is an :class:`Uncertain` (low, central, high). It is
sampled from a triangular distribution with its mode at the central value, or
uniformly when only a range is known: the least informative shapes that
respect what the sources state.

The residue mass balance (:func:`residue_enrichment`) is separate: when a
process dissolves part of the ore and leaves the REEs behind, their
concentration rises by the inverse of the mass fraction that remains.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pint

from .claims import Evidence
from .errors import ParameterError
from .params import parse_quantity
from .units import Q_

__all__ = [
    "ENRICHMENT_PAIRS",
    "Estimate",
    "SecondarySource",
    "Uncertain",
    "enrichment_estimate",
    "input_range",
    "describe_enrichments",
    "describe_inputs",
    "describe_statements",
    "input_rows",
    "measured_enrichment",
    "measured_enrichments",
    "PublishedEstimate",
    "published_estimate",
    "sensitivity_panel",
    "parse_uncertain",
    "ratio_to_mined",
    "reported_ranges",
    "residue_enrichment",
    "sourced_range",
    "uncertain_from_sources",
]


@dataclass(frozen=True)
class Uncertain:
    """A quantity known as a range, with or without a most likely value.

    Give ``central`` alone for a point value, ``low`` and ``high`` for a
    range (sampled uniformly), or all three (sampled triangularly).
    """

    name: str
    low: pint.Quantity | None = None
    central: pint.Quantity | None = None
    high: pint.Quantity | None = None
    #: What the numbers rest on: source IDs of data/datapackage.json, or
    #: ``"parameter:<name>"`` for a value the reader assumed.
    sources: tuple[str, ...] = ()

    def __post_init__(self):
        given = [q for q in (self.low, self.central, self.high) if q is not None]
        if not given:
            raise ParameterError(self.name, "give a central value, a low–high range, or both")
        if (self.low is None) != (self.high is None):
            raise ParameterError(self.name, "give both ends of the range, or neither")
        unit = given[0].units
        values = [q.to(unit).magnitude for q in given]
        if any(v < 0 for v in values):
            raise ParameterError(self.name, f"values must be non-negative, got {[f'{q:~P}' for q in given]}")
        if self.low is not None and values != sorted(values):
            raise ParameterError(self.name, "expected low ≤ central ≤ high")

    @property
    def units(self) -> Any:
        """The unit the values are given in (a pint Unit)."""
        return self.bounds[0].units

    @property
    def bounds(self) -> tuple[pint.Quantity, pint.Quantity]:
        """Lowest and highest value (both the central value for a point)."""
        if self.low is not None and self.high is not None:
            return self.low, self.high
        assert self.central is not None  # __post_init__: a point value, or both ends
        return self.central, self.central

    def describe(self) -> str:
        """``"750–1000 Mt/a"``, or the point value."""
        low, high = self.bounds
        return f"{low:g~P}" if low == high else f"{low.magnitude:g}–{high.to(low.units):g~P}"

    def sample(self, rng: np.random.Generator, size: int) -> pint.Quantity:
        """``size`` draws, as one Quantity array in this input's unit."""
        unit = self.units
        low, high = (q.to(unit).magnitude for q in self.bounds)
        if low == high:
            return Q_(np.full(size, low), unit)
        if self.central is None:
            return Q_(rng.uniform(low, high, size), unit)
        return Q_(rng.triangular(low, self.central.to(unit).magnitude, high, size), unit)


@dataclass(frozen=True)
class Estimate:
    """A Monte Carlo result: median and a central interval, with the draws kept."""

    median: pint.Quantity
    low: pint.Quantity
    high: pint.Quantity
    level: float
    draws: pint.Quantity
    #: The sources of every input the draws rest on.
    sources: tuple[str, ...] = ()
    #: The seed the draws were made with, when known, so that a printout can name it.
    seed: int | None = None

    @classmethod
    def from_draws(cls, draws: pint.Quantity, level: float = 0.9, sources: Iterable[str] = (), seed: int | None = None) -> Estimate:
        tail = (1 - level) / 2 * 100
        low, median, high = np.percentile(draws.magnitude, [tail, 50, 100 - tail])
        return cls(Q_(median, draws.units), Q_(low, draws.units), Q_(high, draws.units), level, draws, tuple(sorted(set(sources))), seed)

    def describe(self, spec: str = ".3g~P", unit: str | None = None) -> str:
        """``"320 kt/a [150 kt/a – 600 kt/a] (90 %, 100,000 draws, seed 1)"``: median, interval and how it was drawn, in ``unit`` if given."""
        median, low, high = (self.median, self.low, self.high) if unit is None else (self.median.to(unit), self.low.to(unit), self.high.to(unit))
        how = f"{self.level:.0%}, {np.size(self.draws.magnitude):,} draws" + ("" if self.seed is None else f", seed {self.seed}")
        return f"{median:{spec}} [{low:{spec}} – {high:{spec}}] ({how})"

    def evidence(self, note: str) -> Evidence:
        """The estimate as evidence for a claim: a model result, with its interval and its inputs' sources."""
        return Evidence(
            self.median, sources=self.sources, low=self.low, high=self.high, basis="model", note=f"{note}, Monte Carlo {self.level:.0%} interval"
        )


def _check_samples(samples: int) -> None:
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or samples < 1:
        raise ParameterError("samples", f"{samples!r} must be a whole number ≥ 1")


@dataclass(frozen=True)
class SecondarySource:
    """A waste stream or stock whose REE content is tonnage × concentration.

    ``tonnage`` is a mass or a mass flow of the waste (``"Mt/a"``);
    ``concentration`` a mass fraction of REE in it (``"ppm REE"``, or an
    oxide basis ``"ppm REO"``: the product keeps that basis).
    """

    name: str
    tonnage: Uncertain
    concentration: Uncertain

    def __post_init__(self):
        tonnage = Q_(1, self.tonnage.units)
        if not (tonnage.check("[mass]") or tonnage.check("[mass]/[time]")):
            raise ParameterError(f"{self.name} tonnage", f"{self.tonnage.units:~P} is not a mass or a mass flow (e.g. 'Mt/a')")
        dims = Q_(1, self.concentration.units).dimensionality
        if dims not in (Q_(1, "REE").dimensionality, Q_(1, "REO").dimensionality):
            raise ParameterError(f"{self.name} concentration", f"{self.concentration.units:~P} is not a mass fraction of REE or REO (e.g. '400 ppm REE')")

    def contained(self, samples: int = 100_000, seed: int = 20201, level: float = 0.9) -> Estimate:
        """REE contained, propagated by Monte Carlo (``samples`` draws, seeded)."""
        _check_samples(samples)
        rng = np.random.default_rng(seed)
        tonnage = self.tonnage.sample(rng, samples)
        concentration = self.concentration.sample(rng, samples)
        unit = "kt REO" if Q_(1, self.concentration.units).check("[REO]") else "kt REE"
        unit += "/a" if Q_(1, self.tonnage.units).check("[mass]/[time]") else ""
        return Estimate.from_draws((tonnage * concentration).to(unit), level, self.tonnage.sources + self.concentration.sources, seed)


def residue_enrichment(
    ore_per_product: pint.Quantity, residue_per_product: pint.Quantity, retained: pint.Quantity | float = 1.0
) -> pint.Quantity:
    """Concentration in the residue over that in the ore, by mass balance.

    If ``ore_per_product`` tonnes of ore leave ``residue_per_product`` tonnes
    of residue per tonne of product, and a fraction ``retained`` of the REEs
    stays in the residue, then c_residue / c_ore = retained × ore / residue.
    """
    ratio = (ore_per_product / residue_per_product).to("dimensionless")
    retained = Q_(retained, "") if not isinstance(retained, pint.Quantity) else retained.to("")
    if np.any(ratio.magnitude <= 0) or np.any(retained.magnitude < 0) or np.any(retained.magnitude > 1):
        raise ParameterError("residue_enrichment", "masses must be positive and the retained fraction within 0–1")
    return retained * ratio


def parse_uncertain(
    name: str,
    text: str,
    dimension: str,
    *,
    minimum: str | None = None,
    maximum: str | None = None,
    example: str | None = None,
) -> Uncertain:
    """Read a notebook parameter such as ``"264..500 ppm REE"`` into an :class:`Uncertain`.

    ``"300 ppm REE"`` is a point value, ``"264..500 ppm REE"`` a range
    (sampled uniformly) and ``"264..350..500 ppm REE"`` a range with a most
    likely value (triangular). The unit is written once, after the last
    number. Each number is checked for dimension and bounds, and every error
    names the parameter.
    """
    if not isinstance(text, str) or not text.strip():
        raise ParameterError(name, f"expected a value or range with a unit, e.g. {example or '264..500 ppm REE'!r}, got {text!r}")
    numbers, _, unit = text.strip().partition(" ")
    pieces = numbers.split("..")
    if len(pieces) not in (1, 2, 3) or not unit:
        raise ParameterError(name, f"{text!r} is not 'value unit', 'low..high unit' or 'low..central..high unit' (e.g. {example!r})")
    values = [parse_quantity(name, f"{piece} {unit}", dimension, minimum=minimum, maximum=maximum, example=example) for piece in pieces]
    assumed = (f"parameter:{name}",)
    if len(values) == 1:
        return Uncertain(name, central=values[0], sources=assumed)
    if len(values) == 2:
        return Uncertain(name, low=values[0], high=values[1], sources=assumed)
    return Uncertain(name, low=values[0], central=values[1], high=values[2], sources=assumed)


def _stated(row: pd.Series, unit: str, name: str) -> dict[str, float]:
    """The numbers one statement gives (``low``/``central``/``high``, any may be empty), in ``unit``."""
    numbers = {}
    for column in ("low", "central", "high"):
        if pd.notna(row[column]):
            stated = Q_(float(row[column]), row["unit"] if pd.notna(row["unit"]) else "")
            try:
                numbers[column] = stated.to(unit).magnitude
            except pint.DimensionalityError:
                raise ParameterError(name, f"{row.get('source_id', 'a source')} states {stated:g~P}, which is not in {unit!r} (REE and REO differ)") from None
    return numbers


def uncertain_from_sources(rows: pd.DataFrame, name: str, unit: str) -> Uncertain:
    """The range the sources span, as an :class:`Uncertain` in ``unit``.

    Each row of ``rows`` is one source's statement, with ``low``/``central``/
    ``high`` magnitudes (any may be empty) in the unit of its ``unit`` column.
    The result runs from the smallest to the largest number any source gives
    and is sampled uniformly: with a handful of sources of unequal scope, no
    one of them is treated as the most likely value. A single point value
    stays a point.
    """
    numbers = [value for _, row in rows.iterrows() for value in _stated(row, unit, name).values()]
    if not numbers:
        raise ParameterError(name, "no sourced values to build a range from")
    low, high = min(numbers), max(numbers)
    sources = tuple(sorted(set(rows["source_id"]))) if "source_id" in rows else ()
    if low == high:
        return Uncertain(name, central=Q_(low, unit), sources=sources)
    return Uncertain(name, low=Q_(low, unit), high=Q_(high, unit), sources=sources)


def input_range(name: str, value: str | Uncertain, inputs: pd.DataFrame, input_name: str, unit: str, *, year: int | None = None) -> Uncertain:
    """A notebook input: the sources' range (:func:`sourced_range`) when ``value`` is ``"sources"``, else the parameter's.

    This lets a notebook run on the sourced data by default while a reader
    can try another assumption (``-p coal_ash_concentration "400..800 ppm REE"``),
    checked by its declaration in :mod:`reelib.catalog` and passed here parsed.
    """
    if isinstance(value, Uncertain):
        return value
    if value == "sources":
        return sourced_range(inputs, input_name, unit, year, name=name)
    raise ParameterError(name, f"{value!r} is neither 'sources' nor a checked value or range")


def enrichment_estimate(
    ore_per_product: Uncertain, residue_per_product: Uncertain, retained: Uncertain,
    samples: int = 100_000, seed: int = 20201, level: float = 0.9,
) -> Estimate:
    """:func:`residue_enrichment` with its inputs' uncertainty, by seeded Monte Carlo."""
    _check_samples(samples)
    rng = np.random.default_rng(seed)
    draws = residue_enrichment(ore_per_product.sample(rng, samples), residue_per_product.sample(rng, samples), retained.sample(rng, samples))
    sources = ore_per_product.sources + residue_per_product.sources + retained.sources
    return Estimate.from_draws(draws.to("dimensionless"), level, sources, seed)


def sourced_range(inputs: pd.DataFrame, input_name: str, unit: str, year: int | None = None, *, name: str | None = None) -> Uncertain:
    """The range of one input of the ``secondary_inputs`` table (optionally one year's statements).

    ``name`` (default: the input and year) is what errors and printouts call it.
    """
    rows = inputs[inputs["input"] == input_name]
    if year is not None:
        rows = rows[rows["year"] == year]
    return uncertain_from_sources(rows, name or (input_name if year is None else f"{input_name} ({year})"), unit)


def measured_enrichment(inputs: pd.DataFrame, residue_source: str, ore_source: str) -> tuple[float, float]:
    """Range of residue over ore concentration from two statements of ``inputs``.

    The statements need not be of the same samples (none such was found),
    so the range is wide: lowest residue over highest ore value, to highest
    residue over lowest ore value (infinite when the ore statement has no
    lower end).
    """
    def statement(name: str, source: str) -> pd.Series:
        rows = inputs[(inputs["input"] == name) & (inputs["source_id"] == source)]
        if len(rows) != 1:
            raise ParameterError(source, f"expected one {name} statement from {source!r}, found {len(rows)}")
        return rows.iloc[0]

    def span(name: str, source: str) -> tuple[float, float]:
        # A statement with only a high end ("<100 ppm") has no lower end: 0.
        numbers = _stated(statement(name, source), "ppm REE", name)
        return numbers.get("low", numbers.get("central", 0.0)), max(numbers.values())

    residue_low, residue_high = span("bauxite_residue_ree", residue_source)
    ore_low, ore_high = span("bauxite_ree", ore_source)
    return residue_low / ore_high, residue_high / ore_low if ore_low > 0 else float("inf")


def ratio_to_mined(estimate: Estimate, mined: tuple[pint.Quantity, pint.Quantity]) -> tuple[pint.Quantity, pint.Quantity, pint.Quantity]:
    """A year's REE in a waste stream over a year's REE mined: (central, low, high), dimensionless.

    ``mined`` is the element mass a year's mined oxide holds over any oxide
    mix (:func:`reelib.convert_any_mix`): the interval pairs the estimate's
    low end with the most element the ore could hold, and its high end with
    the least, so that it covers both uncertainties. The estimate is a flow
    (per year) and mine production a year's tonnage, so one year converts one
    into the other.
    """
    one_year = Q_(1, "a")
    central = (estimate.median * one_year / ((mined[0] + mined[1]) / 2)).to("")
    return central, (estimate.low * one_year / mined[1]).to(""), (estimate.high * one_year / mined[0]).to("")


def reported_ranges(inputs: pd.DataFrame, input_name: str, unit: str) -> list[tuple[str, float, float]]:
    """Each source's statement of one input as ``(label, low, high)`` in ``unit``, labelled by region and citation."""
    from .data import citation

    ranges = []
    for index, row in inputs[inputs["input"] == input_name].iterrows():
        stated = sourced_range(inputs.loc[[index]], input_name, unit)
        low, high = (q.to(unit).magnitude for q in stated.bounds)
        ranges.append((f"{row['region']} ({citation(row['source_id'])})", float(low), float(high)))
    return ranges


#: Residue and bauxite statements compared for CNRS-17, as (residue source, bauxite source). No study of the
#: same samples before and after refining was found; these are statements from the same region (Greece and
#: the European karst bauxites), so their ratio is an order of magnitude, not a measurement.
ENRICHMENT_PAIRS = (("deady-2016", "gamaletsos-2019"), ("deady-2016", "mouchos-2016"), ("deady-2014", "deady-2014"))


@dataclass(frozen=True)
class PublishedEstimate:
    """A published estimate of REE in a waste stream, as element mass per year over any oxide mix (:func:`reelib.convert_any_mix`)."""

    low: pint.Quantity
    high: pint.Quantity
    label: str
    source_id: str


def published_estimate(inputs: pd.DataFrame, input_name: str, subject: str) -> PublishedEstimate:
    """The first statement of ``input_name`` (an oxide flow), as element mass per year, labelled with its citation and year."""
    from .data import citation
    from .units import convert_any_mix

    row = input_rows(inputs, input_name).iloc[0]
    low, high = convert_any_mix(Q_(row["central"], row["unit"]).to("kt REO/a"), "kt REE/a")
    return PublishedEstimate(low, high, f"{subject}, {citation(row['source_id'])} ({int(row['year'])}), as element", row["source_id"])


def input_rows(inputs: pd.DataFrame, input_name: str) -> pd.DataFrame:
    """The statements of one input of the ``secondary_inputs`` table; an unknown input is an error naming those there are."""
    rows = inputs[inputs["input"] == input_name]
    if rows.empty:
        raise ParameterError("input", f"{input_name!r} has no statements; inputs: {', '.join(sorted(set(inputs['input'])))}")
    return rows


def describe_inputs(sources: Sequence[SecondarySource]) -> str:
    """One line per input of each source (tonnage, concentration) with the range it takes."""
    return "\n".join(f"{source.name:>16} {item.name:<24} {item.describe()}" for source in sources for item in (source.tonnage, source.concentration))


def describe_statements(rows: pd.DataFrame, label: str) -> str:
    """One line per statement, ``"label, region (year, basis): value"``, for context that enters no verdict."""
    return "\n".join(f"{label}, {row['region']} ({row['year']}, {row['basis']}): {Q_(row['central'], row['unit']):~P}" for _, row in rows.iterrows())


def measured_enrichments(inputs: pd.DataFrame, pairs: Sequence[tuple[str, str]] = ENRICHMENT_PAIRS) -> pd.DataFrame:
    """:func:`measured_enrichment` of each (residue source, bauxite source) pair, labelled with both citations.

    Columns ``residue_source``, ``ore_source``, their citations, ``label``, ``low``, ``high``;
    ``attrs["source_ids"]`` lists every source used.
    """
    from .data import citation

    rows = [
        {"residue_source": residue, "ore_source": ore, "residue_citation": citation(residue), "ore_citation": citation(ore),
         "label": f"{citation(residue)} over {citation(ore)}", **dict(zip(("low", "high"), measured_enrichment(inputs, residue, ore)))}
        for residue, ore in pairs
    ]
    table = pd.DataFrame(rows, columns=["residue_source", "ore_source", "residue_citation", "ore_citation", "label", "low", "high"])
    table.attrs["source_ids"] = tuple(dict.fromkeys(source for pair in pairs for source in pair))
    return table


def describe_enrichments(measured: pd.DataFrame) -> str:
    """One line per row of :func:`measured_enrichments`: ``"residue A over bauxite B: 1.2 – 3.4"`` (``≥`` when open-ended)."""
    return "\n".join(
        f"residue {row['residue_citation']} over bauxite {row['ore_citation']}: " + (f"{row['low']:.2g} – {row['high']:.2g}" if np.isfinite(row["high"]) else f"≥ {row['low']:.2g}")
        for _, row in measured.iterrows()
    )


def sensitivity_panel(source: SecondarySource, stated: pint.Quantity, inputs: pd.DataFrame, report_input: str, *,
                      cutoff: pint.Quantity | None = None, points: int = 50) -> dict[str, object]:
    """What :func:`reelib.figures.sensitivity` draws for one source, as Quantities.

    The concentration ``grid`` runs from zero to twice the highest
    concentration any source reports (so that every report and the region
    beyond it show); ``generated`` is the REE a year's waste holds at each
    concentration for the lowest and the highest tonnage; ``stated`` is the
    claim's figure; ``cutoff`` an optional economic cut-off grade; ``reports``
    each source's statement as (label, low, high) in ppm REE.
    """
    highest = sourced_range(inputs, report_input, "ppm REE").bounds[1]
    grid = Q_(np.linspace(0, 2 * highest.to("ppm REE").magnitude, points), "ppm REE")
    low_tonnage, high_tonnage = source.tonnage.bounds
    return {
        "title": source.name,
        "tonnage": source.tonnage,
        "stated": stated,
        "grid": grid,
        "generated": ((low_tonnage * grid).to("kt REE/a"), (high_tonnage * grid).to("kt REE/a")),
        "reports": reported_ranges(inputs, report_input, "ppm REE"),
        "cutoff": cutoff,
    }
