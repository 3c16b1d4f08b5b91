"""Primary supply: who mines rare earths, how concentrated it is, how it grows.

USGS revises earlier years in later editions, and mixes publications (MCS for
recent years, the Minerals Yearbook and Data Series 140 for older ones). Every
function here therefore works on the tidy ``usgs_production`` table with its
``publication``/``edition`` columns, and :func:`select_vintage` makes the
choice of vintage explicit and visible in the result.

Shares are taken of the *printed* world total, as a reader of the MCS table
(and the CNRS text) computes them. USGS rounds that total, so country shares
need not sum to 100 %; :func:`shares` reports the difference as
``rounding_residual`` instead of hiding it by renormalising.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pint

from .claims import Evidence, NotCheckable
from .errors import DataValidationError, ParameterError
from .units import Q_

__all__ = [
    "COUNTRY_TABLES",
    "PUBLICATION_ORDER",
    "WORLD_ORDER",
    "check_fraction",
    "contained_oxide",
    "editions_to_assess",
    "new_producer_counts",
    "peak_share_evidence",
    "resolve_edition",
    "share_evidence",
    "world_total_evidence",
    "world_total_by_edition",
    "share_by_edition",
    "reserve_holders_by_edition",
    "leading_reserve_holders",
    "world_inventories",
    "inventory_evidence",
    "describe_inventories",
    "regional_resources",
    "stage_share_evidence",
    "stage_shares_of",
    "deposit_total_bounds",
    "countries_with_reserves",
    "country_production",
    "editions",
    "herfindahl_hirschman",
    "hhi_series",
    "new_producers",
    "peak_share",
    "production_by_country",
    "reserve_holder_counts",
    "reserve_holders_evidence",
    "reserve_shares",
    "select_vintage",
    "share_series",
    "shares",
    "top_n_share",
    "world_series",
    "years_of_supply",
]

#: Which publication wins when several report the same year: the MCS edition
#: asked for, then the Minerals Yearbook, then the Theler et al. (2020) compilation
#: of yearbook tables, then the Historical Statistics.
PUBLICATION_ORDER = ("MCS", "MYB", "MYB-compiled", "DS140")
#: For world totals alone, the first-hand Historical Statistics (DS140) come
#: before the second-hand compilation of yearbook tables, which is needed only
#: for its country rows.
WORLD_ORDER = ("MCS", "MYB", "DS140", "MYB-compiled")
#: Publications whose tables list production by country (DS140 gives the world
#: and the United States only).
COUNTRY_TABLES = ("MCS", "MYB", "MYB-compiled")


def editions(production: pd.DataFrame, publication: str = "MCS") -> list[int]:
    """The editions of one publication present in the data."""
    return sorted(int(e) for e in production.loc[production["publication"] == publication, "edition"].unique())


def resolve_edition(production: pd.DataFrame, edition: int | str) -> int:
    """An MCS edition parameter: a year in the data, or ``"latest"`` for the newest one.

    Verdicts use the latest edition (USGS revises earlier years); a reader
    may name an older one to see what was known then.
    """
    known = editions(production)
    if edition == "latest":
        return known[-1]
    if isinstance(edition, bool) or not isinstance(edition, int) or edition not in known:
        raise ParameterError("edition", f"{edition!r} is not 'latest' or an MCS edition in the data: {', '.join(map(str, known))}")
    return edition


def editions_to_assess(production: pd.DataFrame, cited_source: str | None, edition: int) -> list[int]:
    """The MCS editions a claim is judged on: the one it cites (if any) and ``edition``.

    ``cited_source`` is a source ID of ``data/datapackage.json`` (a claim's
    ``origin``); the verdict rules let the later edition decide and show the
    cited one beside it.
    """
    from .data import sources

    chosen = {edition}
    if cited_source is not None:
        year = int(sources()[cited_source]["year"])
        if year in editions(production):
            chosen.add(year)
    return sorted(chosen)


def select_vintage(
    production: pd.DataFrame, edition: int, *, vintage: str = "latest", order: Sequence[str] = PUBLICATION_ORDER
) -> pd.DataFrame:
    """One value per year and country, as known at MCS ``edition``.

    Parameters
    ----------
    production
        The ``usgs_production`` table.
    edition
        The MCS edition that fixes what is known: no publication later than
        this edition's year is used.
    vintage
        ``"latest"``: for each year, the most recent publication up to
        ``edition`` (revised values). ``"first"``: the earliest publication
        reporting that year (first estimates).
    order
        Which publication wins a year: :data:`PUBLICATION_ORDER` (country
        tables first) or :data:`WORLD_ORDER` (for world totals).

    Returns
    -------
    DataFrame
        Rows of the chosen (publication, edition) for each year, all rows of
        that year from that publication (countries, other, world total).
    """
    known = editions(production)
    if edition not in known:
        raise ParameterError("edition", f"MCS {edition} is not in the data; available: {', '.join(map(str, known))}")
    if vintage not in ("latest", "first"):
        raise ParameterError("vintage", f"{vintage!r} is not 'latest' or 'first'")
    usable = production[production["edition"] <= edition]
    candidates = usable[["publication", "edition", "year"]].drop_duplicates()
    rank = candidates["publication"].map({p: i for i, p in enumerate(order)})
    # Within a year: prefer MCS over MYB over DS140, then the newest (or oldest) edition.
    ranked = candidates.assign(_rank=rank, _age=candidates["edition"] * (-1 if vintage == "latest" else 1))
    chosen = ranked.sort_values(["year", "_rank", "_age"]).drop_duplicates("year")[["publication", "edition", "year"]]
    return usable.merge(chosen, on=["publication", "edition", "year"]).sort_values(["year", "kind", "country"]).reset_index(drop=True)


def world_series(selected: pd.DataFrame) -> pd.DataFrame:
    """World total per year from :func:`select_vintage` output, with its provenance."""
    totals = selected[selected["kind"] == "world_total"]
    return totals[["year", "production", "publication", "edition", "estimated", "source_id"]].set_index("year").sort_index()


def shares(selected: pd.DataFrame, year: int) -> pd.DataFrame:
    """Each country's share of the world total in ``year``, with its rounding interval.

    Returns a DataFrame indexed by country with ``production``, ``share`` (of
    the printed world total, as a reader of the MCS computes it) and
    ``share_low``/``share_high`` (the share of the larger and of the smaller
    of: printed total, sum of rows). USGS rounds the total, so the shares do
    not sum to 100 %; ``attrs["rounding_residual"]`` is 1 minus their sum.
    """
    rows = selected[selected["year"] == year]
    if rows.empty:
        years = sorted(int(y) for y in selected["year"].unique())
        raise ParameterError("year", f"{year} has no production data; years available: {years[0]}–{years[-1]}")
    total_rows = rows[rows["kind"] == "world_total"]
    if len(total_rows) != 1:
        raise DataValidationError(rows.attrs.get("dataset", "production table"), f"{year}: expected one world total row, found {len(total_rows)}")
    printed = total_rows["production"].pint.quantity[0]
    parts = rows[rows["kind"] != "world_total"].set_index("country")
    amounts = parts["production"].pint.quantity
    summed = amounts.sum()

    def column(denominator: pint.Quantity) -> pd.Series:
        return pd.Series((amounts / denominator).to("percent").magnitude, index=parts.index, dtype="pint[percent]")

    out = pd.DataFrame(
        {
            "production": parts["production"],
            "share": column(printed),
            "share_low": column(max(printed, summed)),
            "share_high": column(min(printed, summed)),
        }
    ).sort_values("share", ascending=False, key=lambda s: s.pint.magnitude)
    out.attrs["world_total"] = printed
    out.attrs["sum_of_rows"] = summed
    out.attrs["rounding_residual"] = (1 - (amounts / printed).to("dimensionless").sum()).to("percent")
    out.attrs["source"] = f"{rows['publication'].iloc[0]} {int(rows['edition'].iloc[0])}"
    out.attrs["source_ids"] = sorted(set(rows["source_id"]))
    return out


def _share_fractions(share_table: pd.DataFrame, include_other: bool) -> np.ndarray:
    table = share_table if include_other else share_table.drop(index="Other countries", errors="ignore")
    return table["share"].pint.quantity.to("dimensionless").magnitude


def herfindahl_hirschman(share_table: pd.DataFrame) -> pint.Quantity:
    """Herfindahl–Hirschman index of country shares, on the 0–10,000 scale.

    "Other countries" is left out: it lumps many small producers, and
    counting it as one would overstate concentration. The result is thus a
    slight under-estimate; the error is at most (share of Other)².
    """
    fractions = _share_fractions(share_table, include_other=False)
    return Q_(float(np.sum((100 * fractions) ** 2)), "dimensionless")


def top_n_share(share_table: pd.DataFrame, n: int) -> pint.Quantity:
    """Combined share of the ``n`` largest producers (excluding "Other countries")."""
    if n < 1:
        raise ParameterError("n", f"{n} must be at least 1")
    fractions = np.sort(_share_fractions(share_table, include_other=False))[::-1]
    return Q_(float(fractions[:n].sum()), "dimensionless").to("percent")


def share_series(selected: pd.DataFrame, country: str) -> pd.DataFrame:
    """A country's share (with its rounding interval) for every year with a by-country table.

    Columns as in :func:`shares`: ``share``, ``share_low``, ``share_high``.
    Years taken from Data Series 140 (world and United States only) are left
    out, not shown as zero. A country absent from a by-country table is
    missing (NaN): USGS omits a country both when it produced nothing and
    when its output is lumped into "Other countries", and the data cannot
    tell which.
    """
    columns = ("share", "share_low", "share_high")
    result = {}
    for year in _country_table_years(selected):
        table = shares(selected, year)
        present = country in table.index
        result[year] = [table.loc[country, c].to("percent").magnitude if present else np.nan for c in columns]
    frame = pd.DataFrame.from_dict(result, orient="index", columns=list(columns))
    return frame.astype("pint[percent]").rename_axis("year")


def country_production(selected: pd.DataFrame, unit: str = "kt REO") -> pd.DataFrame:
    """Production per year (rows, every year of the span) and listed country (columns).

    Unlike :func:`production_by_country`, nothing is filled in: a year with
    no by-country table, or a country a table does not list, is NaN, so a
    line chart shows a gap where USGS says nothing. Magnitudes are floats in
    ``unit``; "Other countries" is left out.
    """
    wide = _by_year_and_country(selected, unit, kinds=("country",))
    return wide.reindex(range(int(selected["year"].min()), int(selected["year"].max()) + 1)).rename_axis("year")


def _by_year_and_country(selected: pd.DataFrame, unit: str, kinds: Sequence[str]) -> pd.DataFrame:
    """Rows of by-country tables of the given ``kind``s, pivoted to years × countries in ``unit``."""
    rows = selected[selected["kind"].isin(kinds) & selected["publication"].isin(COUNTRY_TABLES)]
    return rows.assign(amount=rows["production"].pint.to(unit).pint.magnitude.astype(float)).pivot_table(
        index="year", columns="country", values="amount", aggfunc="sum"
    )


def production_by_country(selected: pd.DataFrame, top: int = 7, unit: str = "kt REO") -> pd.DataFrame:
    """Production per year (rows) and country (columns), for a stacked chart.

    Only years with a by-country table are included. The ``top`` largest
    producers over the period keep their own column; every other listed
    country and "Other countries" are summed into "all others", so that a
    chart needs no more colours than a palette can tell apart. Magnitudes
    are plain floats in ``unit``.
    """
    if top < 1:
        raise ParameterError("top", f"{top} must be at least 1")
    wide = _by_year_and_country(selected, unit, kinds=("country", "other")).fillna(0.0)
    largest = wide.sum().drop("Other countries", errors="ignore").nlargest(top).index
    return wide[largest].assign(**{"all others": wide.drop(columns=largest).sum(axis=1)})


def check_fraction(name: str, value: float) -> float:
    """A share threshold given as a fraction: refuse anything outside 0–1.

    A threshold of 5 meant as "5 %" would silently select nothing, so it is an
    error that says how to write it.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating)) or not 0 <= value <= 1:
        raise ParameterError(name, f"{value!r} is not a fraction between 0 and 1 (write 5 % as 0.05)")
    return float(value)


def _country_table_years(selected: pd.DataFrame) -> list[int]:
    by_year = selected.groupby("year")["publication"].first()
    return sorted(int(y) for y, pub in by_year.items() if pub in COUNTRY_TABLES)


def hhi_series(selected: pd.DataFrame) -> pd.Series:
    """Herfindahl–Hirschman index per year with a by-country table (0–10,000 scale).

    Years from Data Series 140 (world and United States only) are left out:
    an index computed from one country would be meaningless.
    """
    years = _country_table_years(selected)
    values = [herfindahl_hirschman(shares(selected, year)).magnitude for year in years]
    return pd.Series(values, index=pd.Index(years, name="year"), name="hhi", dtype="pint[dimensionless]")


def new_producers(selected: pd.DataFrame, event_year: int, *, lookback: int, min_share: float, end: int | None = None) -> pd.DataFrame:
    """Countries that mined after ``event_year`` and reported none in the ``lookback`` years up to it.

    A new producer reported no production (absent, or zero) in any year of
    the window before the event, and at least ``min_share`` of the printed
    world total in some year after it. The threshold applies after the event
    only: the tables list countries with zero or negligible output, and it
    keeps a 0.1 kt trial run from counting, while any output before the event,
    however small, means the country was already producing. Countries that
    stopped before the window and resumed after it (the United States'
    Mountain Pass) count, as "develop or restart" says. Only years with a
    by-country table are used; the years the answer rests on are returned in
    ``attrs`` so a reader can see the coverage; ``end`` closes the window
    after the event (default: the last year in the data). Absence is read as no
    production, although USGS also omits a country whose small output it
    lumps into "Other countries": a "new" producer may have mined a little
    before, unlisted.

    Returns
    -------
    DataFrame
        One row per new producer: ``first_year`` after the event and
        ``max_share`` (pint percent) reached since.
    """
    min_share = check_fraction("min_share", min_share)
    if lookback < 1:
        raise ParameterError("lookback", f"{lookback} must be at least 1 year")
    years = _country_table_years(selected)
    before = [y for y in years if event_year - lookback < y <= event_year]
    after = [y for y in years if y > event_year and (end is None or y <= end)]
    if not before or not after:
        raise ParameterError("event_year", f"{event_year}: by-country tables are needed on both sides; years with one: {years[0]}–{years[-1]}")

    def producing(year_list: list[int], threshold: float) -> pd.DataFrame:
        frames = []
        for year in year_list:
            table = shares(selected, year).drop(index="Other countries", errors="ignore")
            fraction = table["share"].pint.to("dimensionless").pint.magnitude.astype(float)
            frames.append(pd.DataFrame({"year": year, "share": fraction[(fraction > 0) & (fraction >= threshold)]}))
        return pd.concat(frames).rename_axis("country").reset_index()

    earlier = set(producing(before, 0.0)["country"])
    later = producing(after, min_share)
    later = later[~later["country"].isin(earlier)]
    result = later.groupby("country").agg(first_year=("year", "min"), max_share=("share", "max")).sort_values("first_year")
    result["max_share"] = (result["max_share"] * 100).astype("pint[percent]")
    years_used = before + after
    result.attrs.update(
        years_before=before,
        years_after=after,
        min_share=min_share,
        source_ids=sorted(set(selected.loc[selected["year"].isin(years_used), "source_id"])),
    )
    return result


def reserve_shares(reserves: pd.DataFrame, edition: int) -> pd.DataFrame:
    """Reserves by country in one MCS edition, with shares of the listed total.

    USGS prints the world total rounded and sometimes as a bound (MCS 2025:
    ">90,000,000" t), so shares are taken of the sum of the country rows
    that give a number; ``attrs`` keeps that sum and the countries listed
    without a number ("NA"), which hold reserves of unknown size.
    """
    known = sorted(int(e) for e in reserves["edition"].unique())
    if edition not in known:
        raise ParameterError("edition", f"MCS {edition} has no reserves in the data; available: {', '.join(map(str, known))}")
    rows = reserves[reserves["edition"] == edition]
    countries = rows[rows["kind"] == "country"].set_index("country")
    amounts = countries["reserves"].pint.quantity
    listed = ~np.isnan(amounts.magnitude)
    total = amounts[listed].sum()
    table = pd.DataFrame({"reserves": countries["reserves"][listed]})
    table["share"] = pd.Series((amounts[listed] / total).to("percent").magnitude, index=table.index, dtype="pint[percent]")
    table = table.sort_values("share", ascending=False, key=lambda s: s.pint.magnitude)
    table.attrs.update(
        edition=edition, sum_of_rows=total, without_number=sorted(countries.index[~listed]), source_ids=sorted(set(rows["source_id"]))
    )
    return table


def countries_with_reserves(reserve_table: pd.DataFrame, min_share: float = 0.0) -> list[str]:
    """Countries whose reported reserves are at least ``min_share`` of the listed total."""
    min_share = check_fraction("min_share", min_share)
    fraction = reserve_table["share"].pint.to("dimensionless").pint.magnitude.astype(float)
    return list(fraction.index[(fraction > 0) & (fraction >= min_share)])


def reserve_holders_evidence(reserves: pd.DataFrame, edition: int, min_share: float = 0.0) -> Evidence:
    """How many countries report reserves in MCS ``edition``, as evidence for a count.

    The value counts the countries with a number of at least ``min_share`` of
    the listed total; the interval reaches those listed "NA", whose reserves
    are of unknown size.
    """
    table = reserve_shares(reserves, edition)
    holders = countries_with_reserves(table, min_share)
    unsized = table.attrs["without_number"]
    return Evidence(
        Q_(len(holders), ""),
        sources=table.attrs["source_ids"],
        high=Q_(len(holders) + len(unsized), ""),
        note=f"MCS {edition}: countries with a number [and those listed 'NA']",
    )


def reserve_holder_counts(reserves: pd.DataFrame, min_share: float = 0.0) -> pd.DataFrame:
    """Countries with reported reserves, per MCS edition: with a number, and listed "NA"."""
    rows = {}
    for edition in sorted(int(e) for e in reserves["edition"].unique()):
        table = reserve_shares(reserves, edition)
        rows[edition] = {"with a number": len(countries_with_reserves(table, min_share)), "listed NA": len(table.attrs["without_number"])}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("edition")


def years_of_supply(stock: pint.Quantity, annual_production: pint.Quantity) -> pint.Quantity:
    """How many years of production a stock would cover at a constant rate.

    Both must be on the same basis (REO with REO): the registry refuses to
    divide tonnes of oxide by tonnes of element, which is the point.
    """
    if stock.dimensionality.get("[REO]", 0) != annual_production.dimensionality.get("[REO]", 0):
        raise ParameterError("stock", f"{stock:~P} and {annual_production:~P} are not on the same basis (REO or REE); convert one first")
    is_rate = annual_production.dimensionality.get("[time]", 0) == -1
    rate = annual_production if is_rate else annual_production / Q_(1, "a")
    if not (rate.magnitude > 0):
        raise ParameterError("annual_production", f"{annual_production:~P} must be positive")
    try:
        return (stock / rate).to("a")
    except pint.DimensionalityError:
        # Same REO exponent, other species (t REE against t Nd): still not one basis.
        raise ParameterError("stock", f"{stock:~P} and {annual_production:~P} are not on the same basis; convert one first") from None


def contained_oxide(resources: pd.DataFrame) -> pd.DataFrame:
    """Contained rare-earth oxide of each estimate, printed or computed as ore × grade.

    Deposit statements give either the contained oxide or the ore tonnage
    and grade; the second is turned into the first here, once, and the
    ``how`` column says which it was, so that a reader can tell a printed
    value from a derived one.
    """
    printed = resources["contained"].pint.quantity
    derived = (resources["ore"].pint.quantity * resources["grade"].pint.quantity).to("Mt REO")
    use_printed = ~np.isnan(printed.magnitude)
    if not (use_printed | ~np.isnan(derived.magnitude)).all():
        missing = resources.loc[~use_printed & np.isnan(derived.magnitude), ["region", "deposit", "source_id"]]
        raise DataValidationError(
            resources.attrs.get("dataset", "resource table"), f"no contained oxide, nor ore and grade, for {missing.to_dict('records')}", column="contained"
        )
    out = resources.copy()
    out["contained"] = pd.Series(np.where(use_printed, printed.to("Mt REO").magnitude, derived.magnitude), index=resources.index, dtype="pint[Mt REO]")
    out["how"] = np.where(use_printed, "printed", "ore × grade")
    return out


def peak_share(series: pd.DataFrame, start: int, end: int) -> tuple[int, pd.Series] | None:
    """The year of the highest share in ``start``–``end`` and its row of :func:`share_series`.

    ``None`` when no year of the window has a by-country table, so that the
    caller can say the claim is not checkable rather than report a maximum of
    nothing.
    """
    window = series[(series.index >= start) & (series.index <= end)].dropna()
    if window.empty:
        return None
    year = int(window["share"].pint.magnitude.idxmax())
    return year, window.loc[year]


def deposit_total_bounds(deposits: pd.DataFrame) -> tuple[pint.Quantity, pint.Quantity]:
    """Total contained oxide of a set of deposits, from the strictest to the most generous reading.

    Low: the latest statement under a reporting code for each deposit
    (JORC, NI 43-101, S-K 1300). High: the largest statement of any kind for
    each deposit, internal estimates included. ``deposits`` is
    :func:`contained_oxide` output.
    """
    compliant = deposits[deposits["code_compliant"].fillna(False)].sort_values("year").groupby("deposit").tail(1)
    largest = deposits.groupby("deposit")["contained"].apply(lambda s: s.pint.quantity.to("Mt REO").magnitude.max())
    return compliant["contained"].pint.quantity.to("Mt REO").sum(), Q_(float(largest.sum()), "Mt REO")


def world_total_evidence(production: pd.DataFrame, year: int, edition: int, *, vintage: str = "latest") -> Evidence:
    """World mine production in ``year`` as known at MCS ``edition``: the printed total, its interval reaching the sum of rows.

    USGS rounds the printed total; the sum of its country rows is what it
    rounds from, so the two span what the table says.
    """
    table = shares(select_vintage(production, edition, vintage=vintage), year)
    printed, summed = table.attrs["world_total"].to("kt REO"), table.attrs["sum_of_rows"].to("kt REO")
    return Evidence(
        printed,
        sources=table.attrs["source_ids"],
        low=min(printed, summed),
        high=max(printed, summed),
        note=f"{table.attrs['source']}: printed world total [sum of country rows {summed:.4g~P}]",
    )


def share_evidence(production: pd.DataFrame, year: int, edition: int, country: str, *, vintage: str = "latest") -> Evidence:
    """A country's share of world mine production in ``year`` as known at MCS ``edition``.

    The value is the share of the printed total, as a reader of the table
    computes it; the interval reaches the share of the sum of rows.
    """
    table = shares(select_vintage(production, edition, vintage=vintage), year)
    if country not in table.index:
        raise ParameterError("country", f"{country!r} is not listed in {table.attrs['source']} for {year}; listed: {', '.join(table.index)}")
    row = table.loc[country]
    return Evidence(
        row["share"],
        sources=table.attrs["source_ids"],
        low=row["share_low"],
        high=row["share_high"],
        note=f"{table.attrs['source']}, {country} {year}: of the printed total [of the sum of rows]",
    )


def peak_share_evidence(selected: pd.DataFrame, country: str, start: int, end: int) -> Evidence | NotCheckable:
    """A country's highest share in ``start``–``end``, or what would be needed when no by-country table covers it."""
    series = share_series(selected, country)
    peak = peak_share(series, start, end)
    if peak is None:
        return NotCheckable(
            needs=f"{country}'s mine production in {start}–{end} from a by-country USGS table (MCS or Minerals Yearbook)",
            known="only world totals cover these years in the data",
        )
    year, row = peak
    rows = selected[selected["year"] == year]
    publication = rows["publication"].iloc[0]
    return Evidence(
        row["share"],
        sources=sorted(set(rows["source_id"])),
        low=row["share_low"],
        high=row["share_high"],
        note=f"highest share {start}–{end}: {year} ({publication})",
    )


def new_producer_counts(selected: pd.DataFrame, event_year: int, ends: Sequence[int], *, lookback: int, min_share: float) -> pd.Series:
    """How many new producers :func:`new_producers` finds when the window after ``event_year`` ends in each of ``ends``.

    A claim about "after 2010" passes or fails depending on where the window
    is closed; this shows how much, so the end the verdict uses is seen in
    context. Ends with no by-country table after the event are left out.
    """
    counts = {}
    years = _country_table_years(selected)
    for end in ends:
        if not any(event_year < y <= end for y in years):
            continue
        counts[end] = len(new_producers(selected, event_year, lookback=lookback, min_share=min_share, end=end))
    return pd.Series(counts, name="new producers", dtype=int).rename_axis("window end")


def world_total_by_edition(production: pd.DataFrame, year: int, editions: Sequence[int], *, vintage: str = "latest") -> list[Evidence]:
    """:func:`world_total_evidence` as known at each of ``editions`` (the cited edition and the latest, say)."""
    return [world_total_evidence(production, year, edition, vintage=vintage) for edition in editions]


def share_by_edition(production: pd.DataFrame, year: int, editions: Sequence[int], country: str, *, vintage: str = "latest") -> list[Evidence]:
    """:func:`share_evidence` of ``country`` as known at each of ``editions``."""
    return [share_evidence(production, year, edition, country, vintage=vintage) for edition in editions]


def reserve_holders_by_edition(reserves: pd.DataFrame, editions: Sequence[int], min_share: float = 0.0) -> list[Evidence]:
    """:func:`reserve_holders_evidence` for each MCS edition in ``editions``."""
    return [reserve_holders_evidence(reserves, int(edition), min_share) for edition in editions]


def leading_reserve_holders(reserve_table: pd.DataFrame, n: int = 6) -> str:
    """The ``n`` largest reserve holders of :func:`reserve_shares` with their shares, as a sentence.

    What open data says about the country ranking when the claim is about
    *resources*, for which no country table was found: reserves are a
    different (smaller, economic) quantity, so this is context, not evidence.
    """
    if n < 1:
        raise ParameterError("n", f"{n} must be at least 1")
    top = reserve_table["share"].pint.to("percent").pint.magnitude.iloc[:n]
    rest = ", ".join(f"{country} {share:.0f} %" for country, share in top.iloc[1:].items())
    return f"USGS reserves (not resources), MCS {reserve_table.attrs['edition']}: {top.index[0]} {top.iloc[0]:.0f} %, then {rest}"


def world_inventories(resources: pd.DataFrame) -> pd.DataFrame:
    """The world-scope inventories of :func:`contained_oxide` output, indexed by their source."""
    return resources[resources["scope"] == "world"].set_index("source_id")


def inventory_evidence(inventories: pd.DataFrame) -> list[Evidence]:
    """Each world inventory of :func:`world_inventories` as a piece of evidence for a world total, in Mt REO."""
    return [
        Evidence(row["contained"].to("Mt REO"), sources=source, note=f"inventory of {row['year']}, basis {row['basis']}")
        for source, row in inventories.iterrows()
    ]


def describe_inventories(inventories: pd.DataFrame, annual_production: pint.Quantity, production_year: int) -> str:
    """One line per world inventory: its total and how many years of ``production_year``'s output it would cover."""
    return "\n".join(
        f"{source} ({row['year']}, {row['basis']}): {row['contained'].to('Mt REO'):.4g~P} "
        f"= {years_of_supply(row['contained'], annual_production):,.0f~P} of {production_year} production"
        for source, row in inventories.iterrows()
    )


def regional_resources(resources: pd.DataFrame, region: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A region's rows of :func:`contained_oxide` output: all, its aggregate estimates, and its deposit statements."""
    rows = resources[resources["region"] == region]
    if rows.empty:
        raise ParameterError("region", f"{region!r} has no resource estimates; regions: {', '.join(sorted(resources['region'].unique()))}")
    return rows, rows[rows["scope"] == "aggregate"], rows[rows["scope"] == "deposit"]


def stage_shares_of(stage_shares: pd.DataFrame, country: str) -> pd.DataFrame:
    """A country's rows of the ``stage_shares`` table (its share of separation, refining, magnet making…), by stage and year."""
    rows = stage_shares[stage_shares["country"] == country]
    if rows.empty:
        raise ParameterError("country", f"{country!r} has no stage shares; countries: {', '.join(sorted(set(stage_shares['country'])))}")
    return rows.sort_values(["stage", "year"], kind="stable")


def stage_share_evidence(rows: pd.DataFrame, stage: str, *, since: int) -> Evidence | NotCheckable:
    """The statements of one stage with a data year from ``since`` on, as one piece of evidence (:meth:`Evidence.spread`).

    With none, what would settle it: a share of that stage with a recent data year.
    """
    recent = rows[(rows["stage"] == stage) & (rows["year"] >= since)]
    if recent.empty:
        return NotCheckable(needs=f"the share of REE {stage} with a data year ≥ {since}")
    return Evidence.spread(recent["share"].pint.quantity, list(recent["source_id"]), note=f"{len(recent)} statements, data years {since}+")
