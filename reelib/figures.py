"""The compendium's figures: one function per figure, so that notebooks stay thin and tests reach every loop.

Each function takes the tables a notebook has computed, draws one figure in
the style of :func:`reelib.plotting.use_style`, and returns it; the notebook
shows it and passes it to :func:`reelib.plotting.save_figure`, which adds the
source line and checks the figure rules. Labels use words and units, never
internal IDs; a claim's stated value is drawn by
:func:`reelib.plotting.stated_band`; years without data are shaded as gaps.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pint
from matplotlib.ticker import MaxNLocator, StrMethodFormatter

from . import data
from .plotting import STATED_COLOUR, log_positions, log_ticks, mark_gaps, no_data, stated_band
from .registry import claim
from .units import Q_

__all__ = [
    "after_restrictions",
    "contained_vs_primary",
    "direct_vs_effective",
    "enrichment",
    "growth_fit",
    "growth_robustness",
    "industry_figures",
    "production_by_country",
    "refining_vs_mining",
    "reserves_by_country",
    "resources_vs_production",
    "sensitivity",
]


def _years(ax, axis: str = "x") -> None:
    """Whole years on a time axis (no "2012.5")."""
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_locator(MaxNLocator(integer=True, nbins=7))


def _figure_legend(fig: plt.Figure, ncol: int = 3) -> None:
    """One legend for all panels, below them: panels' own legends side by side would collide."""
    handles, labels = [], []
    for ax in fig.axes:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            if label not in labels:
                handles.append(handle)
                labels.append(label)
    fig.legend(handles, labels, loc="outside lower center", ncol=ncol, frameon=False, fontsize="small")


def _thousands(ax) -> None:
    """Thousands separated on the y axis: 14,000 reads faster than 14000."""
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))


def _legend_below(ax, ncol: int = 2, **kwargs: Any) -> None:
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=ncol, frameon=False, **kwargs)


# 01 · Supply concentration


def production_by_country(wide: pd.DataFrame, world: pd.DataFrame, china_share: pd.DataFrame, *, edition: int, embargo: int) -> plt.Figure:
    """Stacked mine production by country (years with a by-country table) and China's share with its interval."""
    span = range(int(world.index.min()), int(world.index.max()) + 1)
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(13, 5.2), gridspec_kw={"width_ratios": [3, 2]})
    bottom = np.zeros(len(wide))
    for country in wide.columns:
        ax.bar(wide.index, wide[country], bottom=bottom, width=0.85, label=country)
        bottom += wide[country].to_numpy()
    total = world["production"].pint.to("kt REO").pint.magnitude.reindex(span)
    ax.plot(total.index, total.to_numpy(), color="black", lw=1.5, marker=".", label="world total (printed)")
    mark_gaps(ax, wide.index, span, label="no by-country table")
    _years(ax)
    ax.set(xlabel="year", ylabel="mine production (kt REO per year)", title="World mine production by country")
    _legend_below(ax, ncol=4, fontsize="small")
    share = china_share.reindex(span)
    ax2.fill_between(share.index, share["share_low"].pint.magnitude, share["share_high"].pint.magnitude, color="C3", alpha=0.3)
    ax2.plot(share.index, share["share"].pint.magnitude, marker="o", ms=4, color="C3", label="China's share of the printed total")
    ax2.set_ylim(0, 100)
    stated_band(ax2, "CNRS-02", "china_mining_share_2024")
    ax2.axvline(embargo, color="0.4", ls=":", lw=1, label=f"{embargo}: China's export restrictions")
    mark_gaps(ax2, china_share.index, span, label="no by-country table")
    _years(ax2)
    ax2.set(xlabel="year", ylabel="share of world mine production (%)", title="China's share")
    _legend_below(ax2, ncol=1, fontsize="small")
    fig.suptitle(f"Rare-earth mine production, USGS (as known at MCS {edition})")
    return fig


def after_restrictions(hhi: pd.Series, by_country: pd.DataFrame, newcomers: pd.DataFrame, counts: pd.Series, *, embargo: int, window_end: int) -> plt.Figure:
    """Concentration index, producers other than China, and the count of new producers by the end of the window."""
    span = range(int(by_country.index.min()), int(by_country.index.max()) + 1)
    fig, (ax, ax2, ax3) = plt.subplots(1, 3, figsize=(15, 5.2))
    ax.plot(span, hhi.pint.magnitude.reindex(span).to_numpy(), marker="o", ms=4, color="C0")
    mark_gaps(ax, hhi.index, span, label="no by-country table")
    ax.axvline(embargo, color="0.4", ls=":", lw=1, label=f"{embargo}: export restrictions")
    ax.set(xlabel="year", ylabel="Herfindahl–Hirschman index (10,000 = one producer)", ylim=(0, 10_000), title="Concentration of mine production")
    _years(ax)
    _legend_below(ax, ncol=1, fontsize="small")
    others = by_country.drop(columns="China")
    for country in others.columns:
        is_new = country in newcomers.index
        ax2.plot(others.index, others[country], marker="o" if is_new else ".", lw=2 if is_new else 1, ms=4,
                 color=None if is_new else "0.6", alpha=1 if is_new else 0.6, label=f"{country} (new producer)" if is_new else None)
    ax2.plot([], [], color="0.6", marker=".", label="other listed countries")
    ax2.axvline(embargo, color="0.4", ls=":", lw=1)
    mark_gaps(ax2, hhi.index, span, label="no by-country table")
    _years(ax2)
    ax2.set(xlabel="year", ylabel="mine production (kt REO per year)", title="Producers other than China")
    _legend_below(ax2, ncol=2, fontsize="small")
    ax3.step(counts.index, counts.to_numpy(), where="post", color="C1", marker="o", ms=4, label="new producers found")
    ax3.set_ylim(0, max(int(counts.max()), 3) + 2)
    stated_band(ax3, "CNRS-24", "new_producers")
    ax3.axvline(window_end, color="C1", ls="--", lw=1, label=f"end of the claim's window ({window_end})")
    _years(ax3)
    ax3.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax3.set(xlabel="last year of the window after the restrictions", ylabel="countries", title="New producers, by end of window")
    _legend_below(ax3, ncol=1, fontsize="small")
    fig.suptitle(f"After China's {embargo} export restrictions (USGS mine production)")
    return fig


def refining_vs_mining(china_share: pd.DataFrame, stages: pd.DataFrame, *, edition: int) -> plt.Figure:
    """China's share of mining (USGS series) beside its share of refining and magnet making (agency statements)."""
    span = range(int(china_share.index.min()), int(china_share.index.max()) + 1)
    fig, ax = plt.subplots(figsize=(10, 5.2))
    share = china_share["share"].pint.magnitude.reindex(span)
    ax.plot(share.index, share.to_numpy(), color="C3", lw=1.5, label=f"mining, USGS (as known at MCS {edition})")
    markers, colours = {"mining": "s", "separation": "o", "magnet": "^"}, {"mining": "C3", "separation": "C0", "magnet": "C2"}
    words = {"mining": "mining", "separation": "separation and refining", "magnet": "magnet making"}
    for (stage, copy), rows in stages.groupby(["stage", "copy"]):
        hollow = copy == "second-hand"
        ax.scatter(rows["year"], rows["share"].pint.magnitude, marker=markers[stage], s=70, zorder=3,
                   facecolors="none" if hollow else colours[stage], edgecolors=colours[stage], linewidths=1.5,
                   label=f"{words[stage]}, agency statement{' (read second-hand)' if hollow else ''}")
    ax.set_ylim(0, 105)
    mark_gaps(ax, china_share["share"].pint.magnitude.dropna().index, span, label="no by-country table for mining")
    stated_band(ax, "CNRS-03", "china_refining_share")
    _years(ax)
    ax.set(xlabel="data year", ylabel="China's share of world output (%)", title="China's share by stage of the chain")
    _legend_below(ax, ncol=2, fontsize="small")
    return fig


# 02 · Growth


def growth_fit(world: pd.DataFrame, trend: pd.DataFrame, claimed: pint.Quantity, stated: Any, *, rate: pint.Quantity, level: str, start: int, end: int) -> plt.Figure:
    """World mine production on a log axis with the fitted trend, its band, and the stated rate from the same start."""
    kt = world["production"].pint.to("kt REO").pint.magnitude
    fig, ax = plt.subplots(figsize=(9, 5.2))
    for (publication, rows), marker in zip(world.groupby("publication"), "osD^v"):
        ax.plot(rows.index, log_positions(kt.loc[rows.index]), marker, ls="none", label=f"USGS {publication}")
    ax.plot(trend.index, log_positions(trend["fit"] / 1e3), color="black", label=f"log-linear fit: {rate:.3g~P}")
    ax.fill_between(trend.index, log_positions(trend["low"] / 1e3), log_positions(trend["high"] / 1e3), color="black", alpha=0.15, label=f"{level} confidence band")
    ax.plot(trend.index, log_positions(claimed.to("kt REO").magnitude), ls="--", color=STATED_COLOUR, lw=2, label=f"CNRS-06 stated: {stated.describe()} from the same start")
    log_ticks(ax, [100, 150, 200, 300, 400])
    _years(ax)
    ax.set(xlabel="year", ylabel="world mine production (kt REO per year, log scale)", title=f"World mine production and its trend, {start}–{end}")
    _legend_below(ax, ncol=3, fontsize="small")
    return fig


def growth_robustness(table: pd.DataFrame, *, level: str) -> plt.Figure:
    """The fitted rate (with its interval) and doubling time by start year, per MCS edition."""
    fig, axes = plt.subplots(1, 2, figsize=(13, 5.2))
    editions = sorted(table["edition"].unique())
    for offset, (edition, rows) in zip(np.linspace(-0.15, 0.15, len(editions)), table.groupby("edition")):
        axes[0].errorbar(rows["start"] + offset, rows["rate (%/a)"],
                         yerr=[rows["rate (%/a)"] - rows["rate low"], rows["rate high"] - rows["rate (%/a)"]],
                         marker="o", ms=4, capsize=2, label=f"MCS {edition} (data to {rows['end'].iloc[0]})")
        axes[1].plot(rows["start"], rows["doubling (a)"], marker="o", ms=4, label=f"MCS {edition} (data to {rows['end'].iloc[0]})")
    stated_band(axes[0], "CNRS-06", "growth_rate")
    stated_band(axes[1], "CNRS-06", "doubling_time")
    axes[0].set(xlabel="first year of the fit", ylabel=f"growth rate (% per year, {level} interval)", title="Growth rate by start year")
    axes[1].set(xlabel="first year of the fit", ylabel="doubling time (years)", title="Doubling time by start year")
    for ax in axes:
        _years(ax)
    _figure_legend(fig, ncol=3)
    return fig


# 03 · Resources and reserves


def reserves_by_country(reserve_table: pd.DataFrame, counts: pd.DataFrame, *, edition: int) -> plt.Figure:
    """Shares of listed USGS reserves by country, and the count of countries with reserves by edition."""
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(13, 5.2), gridspec_kw={"width_ratios": [3, 2]})
    shares = reserve_table["share"].pint.magnitude
    ax.barh(shares.index[::-1], shares.iloc[::-1], color="C0")
    ax.set(xlabel=f"share of the listed reserves (%), MCS {edition}", title="USGS reserves by country (reserves, not resources)")
    ax.set_xlim(0, 100)
    stated_band(ax, "CNRS-04", "china_resource_share", axis="x", color="C3", label="CNRS-04 stated: China holds 35 % of resources (not reserves)")
    stated_band(ax, "CNRS-04", "next_five_shares", axis="x", color="C1", label="CNRS-04 stated: five countries 9–11 % of resources each")
    _legend_below(ax, ncol=1)  # inside, it covered the stated 35 %
    ax2.bar(counts.index, counts["with a number"], color="C0", label="countries with a reported tonnage")
    ax2.bar(counts.index, counts["listed NA"], bottom=counts["with a number"], color="C0", alpha=0.35, label="countries listed 'NA' (size unknown)")
    ax2.set_ylim(0, int((counts["with a number"] + counts["listed NA"]).max()) + 3)
    stated_band(ax2, "CNRS-25", "countries_with_reserves")
    ax2.set_xticks(list(counts.index), [f"MCS {e}" for e in counts.index])
    ax2.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax2.set(xlabel="edition", ylabel="countries", title="Countries with reported reserves")
    _legend_below(ax2, ncol=1, fontsize="small")
    return fig


def resources_vs_production(
    inventories: pd.DataFrame, reserves: pint.Quantity, greenland: pd.DataFrame, *,
    edition: int, years_per_mt: float, production: pint.Quantity, production_year: int,
) -> plt.Figure:
    """Published resource, reserve and deposit estimates as points on a log axis, with the CNRS figures.

    Points, not bars: on a log axis a bar's length has no meaning. The nodule
    claim (CNRS-19) is in element mass; on this oxide axis its band widens to
    cover any mix of rare-earth oxides.
    """
    from .registry import claim
    from .units import convert_any_mix

    stated = claim("CNRS-19").part("nodule_ree")
    nodules = (convert_any_mix(Q_(stated.interval[0], stated.unit), "Mt REO")[0], convert_any_mix(Q_(stated.interval[1], stated.unit), "Mt REO")[1])
    rows = [("world resources", f"{data.citation(source)} ({int(row['year'])})", row["contained"].to("Mt REO").magnitude) for source, row in inventories.iterrows()]
    rows.append(("world reserves", f"USGS MCS {edition}, sum of the countries listed", reserves.to("Mt REO").magnitude))
    rows += [("Greenland", f"{row['deposit']}, {data.citation(row['source_id'])} ({int(row['year'])})", row["contained"].to("Mt REO").magnitude) for _, row in greenland.iterrows()]
    fig, ax = plt.subplots(figsize=(11, 6.2))
    colours = {"world resources": "C0", "world reserves": "C2", "Greenland": "C1"}
    positions = np.arange(len(rows))[::-1]
    for group in colours:
        mine = [(y, value) for y, (g, _, value) in zip(positions, rows) if g == group]
        ax.scatter(log_positions([v for _, v in mine]), [y for y, _ in mine], s=60, color=colours[group], zorder=3, label=group)
    ax.set_yticks(positions, [label for _, label, _ in rows], fontsize="small")
    decades = [0.1, 1, 10, 100, 1000]
    log_ticks(ax, decades, axis="x")
    ax.set_xlim(*log_positions([0.05, 3000]))
    low, high = (q.to("Mt REO").magnitude for q in nodules)
    ax.axvspan(*log_positions([low, high]), color="0.6", alpha=0.2, lw=0, label="CNRS-19 stated: nodules 2–12 Mt REE, as oxide (not checkable)")
    for claim_id, part, colour in (("CNRS-01", "world_resources", "C0"), ("CNRS-20", "total_resources", "C1")):
        entry = claim(claim_id).part(part)
        ax.axvline(log_positions([entry.reading.stated[0]])[0], color=colour, ls="--", lw=1.5, label=f"{claim_id} stated: {entry.describe()}")
    ax.set(xlabel="contained rare-earth oxide (Mt REO, log scale)")
    ax.set_title("Resources, reserves and deposit estimates against the CNRS figures")
    shift = float(log_positions([years_per_mt])[0])  # log10(years) = log10(Mt) + log10(years per Mt)
    def to_years(position: Any) -> Any:
        return np.asarray(position) + shift

    def to_mass(position: Any) -> Any:
        return np.asarray(position) - shift

    top = ax.secondary_xaxis("top", functions=(to_years, to_mass))
    log_ticks(top, [1, 10, 100, 1000], axis="x")
    top.set_xlabel(f"years of world mine production at the {production_year} rate ({production:.3g~P} per year)")
    _legend_below(ax, ncol=2, fontsize="small")
    return fig


# 04 · Dependency chain


def direct_vs_effective(routes: Sequence[tuple[str, Any]], *, origin: str, threshold: float, since: int) -> plt.Figure:
    """Direct and effective dependency on ``origin`` per route; whiskers: the reports' spread and untraced origin."""
    fig, ax = plt.subplots(figsize=(10, 4.8))
    y = np.arange(len(routes))[::-1]
    for position, (_, result) in zip(y, routes):
        direct = result.central.direct.magnitude
        effective = result.central.effective_low.magnitude
        ax.barh(position + 0.18, direct, height=0.34, color="C0", label="direct: bought from " + origin if position == y[0] else None)
        if direct == 0:
            no_data(ax, position + 0.18, text="none bought directly")
        ax.barh(position - 0.18, effective, height=0.34, color="C3", label=f"effective: passes through {origin} at any stage" if position == y[0] else None)
        ax.errorbar(effective, position - 0.18, xerr=[[effective - result.low.magnitude], [result.high.magnitude - effective]],
                    fmt="none", ecolor="black", capsize=4, label="range: reports' spread and untraced origin" if position == y[0] else None)
    ax.axvline(threshold, color=STATED_COLOUR, ls="--", lw=1.5, label=f"CLEPA-05 read as: at least {threshold:g} % from {origin}")
    ax.set(yticks=y, xlim=(0, 105), xlabel=f"share of supply that depends on {origin} (%)", title=f"Direct and effective dependency on {origin} (reports from {since} on)")
    ax.set_yticklabels([name for name, _ in routes])
    _legend_below(ax, ncol=2, fontsize="small")
    return fig


def industry_figures(statistics: pd.DataFrame, parts: Sequence[Any]) -> plt.Figure:
    """CLEPA's stated industry figures next to the nearest statistics, each labelled with its scope and citation."""
    display = {"employment": ("people employed (million)", 1e-6), "companies": ("companies", 1.0), "rnd": ("R&D spending (€ billion per year)", 1.0)}
    fig, axes = plt.subplots(3, 1, figsize=(11, 10))
    for ax, part in zip(axes, parts):
        rows = statistics[statistics["indicator"] == part.name].reset_index(drop=True)
        label, scale = display[part.name]
        values = [Q_(v, u if pd.notna(u) else "").to(part.unit or "").magnitude * (1 if part.unit else scale) for v, u in zip(rows["value"], rows["unit"])]
        colours = ["C2" if flag else "C7" for flag in rows["independent"]]
        ax.barh(range(len(rows)), values, color=colours)
        names = [f"{s}\n({data.citation(src)}{', ' + str(int(yr)) if pd.notna(yr) else ''})" for s, src, yr in zip(rows["scope"], rows["source_id"], rows["year"])]
        ax.set_yticks(range(len(rows)), names, fontsize="x-small")
        stated = part.reading.stated[0] * (1 if part.unit else scale)
        ax.axvline(stated, color=STATED_COLOUR, ls="--", lw=1.5)
        ax.set(xlabel=label, title=f"{part.quantity}: CLEPA states {part.describe()}")
    handles = [plt.Rectangle((0, 0), 1, 1, color="C2"), plt.Rectangle((0, 0), 1, 1, color="C7"), plt.Line2D([], [], color=STATED_COLOUR, ls="--")]
    axes[-1].legend(handles, ["independent statistic (wider scope)", "CLEPA's own figure, or resting on it", "CLEPA-02 stated"],
                    loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=3, frameon=False, fontsize="small")
    fig.suptitle("European automotive suppliers: CLEPA's figures and the nearest independent statistics")
    return fig


# 05 · Secondary sources


def contained_vs_primary(
    estimates: Mapping[str, Any], stated: Mapping[str, pint.Quantity], published: Any, mined: tuple[pint.Quantity, pint.Quantity], *, year: int, level: float
) -> plt.Figure:
    """REE in the wastes of one year (Monte Carlo median and interval) against the CNRS figures and primary production.

    ``published`` is a :class:`reelib.secondary.PublishedEstimate` of the last
    estimate's waste; ``mined`` a year's mine production as element mass.
    """
    unit = "kt REE/a"
    fig, ax = plt.subplots(figsize=(10, 4.8))
    names = list(estimates)
    for y, name in enumerate(names):
        result = estimates[name]
        median, low, high = (q.to(unit).magnitude for q in (result.median, result.low, result.high))
        ax.errorbar(median, y, xerr=[[median - low], [high - median]], fmt="o", color="C0", capsize=5,
                    label=f"reproduced: median and {level:.0%} interval" if y == 0 else None)
        ax.plot(stated[name].to(unit).magnitude, y, marker="D", color=STATED_COLOUR, ls="none", ms=8, label="CNRS-10 stated" if y == 0 else None)
    ax.plot([published.low.to(unit).magnitude, published.high.to(unit).magnitude], [len(names) - 0.75] * 2, color="C2", lw=4, solid_capstyle="butt",
            label=published.label)
    one_year = Q_(1, "a")  # a year's mine production, drawn as the flow it is
    ax.axvspan(*(float((m / one_year).to(unit).magnitude) for m in mined), color="0.5", alpha=0.25, lw=0, label=f"world mine production {year}, as element")
    ax.set(yticks=range(len(names)), ylim=(-0.6, len(names) - 0.4), xlim=(0, None), xlabel="rare earths (kt REE per year, element mass)",
           title=f"REE in the wastes generated in {year}, against primary extraction")
    ax.set_yticklabels([f"{n} {year}" for n in names])
    _legend_below(ax, ncol=2, fontsize="small")
    return fig


def sensitivity(panels: Sequence[Mapping[str, Any]], mined: tuple[pint.Quantity, pint.Quantity], *, year: int) -> plt.Figure:
    """REE generated per year against the assumed concentration, with the reported concentrations below the curve.

    Each panel is :func:`reelib.secondary.sensitivity_panel` output.
    The reports are drawn as a strip under the axis, one row each, so their labels never collide.
    """
    fig, axes = plt.subplots(2, len(panels), figsize=(13, 7), gridspec_kw={"height_ratios": [3, 1.4]}, sharex="col")
    for column, panel in enumerate(panels):
        ax, strip = axes[0, column], axes[1, column]
        grid = panel["grid"].to("ppm REE").magnitude
        low, high = (g.to("kt REE/a").magnitude for g in panel["generated"])
        ax.fill_between(grid, low, high, color="C0", alpha=0.3, label=f"tonnage {panel['tonnage'].describe()}")
        stated = panel["stated"].to("kt REE/a").magnitude
        ax.axhline(stated, color=STATED_COLOUR, ls="--", lw=1.5, label=f"CNRS-10 stated: {stated:g} kt REE/a")
        ax.axhspan(*(float((m / Q_(1, "a")).to("kt REE/a").magnitude) for m in mined), color="0.5", alpha=0.25, lw=0, label=f"world mine production {year} (element)")
        if panel.get("cutoff") is not None:
            ax.axvline(panel["cutoff"].to("ppm REE").magnitude, color="black", ls=":", lw=1.2, label="US DOE cut-off grade")
        ax.set(ylabel="REE generated (kt REE per year)", title=panel["title"], ylim=(0, None))
        ax.legend(loc="upper left", fontsize="x-small")
        for row, (_, low, high) in enumerate(panel["reports"]):
            if low == high:
                strip.plot(low, row, marker="|", ms=12, mew=2, color="C2")
            else:
                strip.plot([low, high], [row, row], color="C2", lw=5, solid_capstyle="butt")
        strip.set_yticks(range(len(panel["reports"])), [r[0] for r in panel["reports"]], fontsize="x-small")
        strip.set(ylim=(-0.7, len(panel["reports"]) - 0.3), xlabel="assumed REE concentration (ppm, element mass)")
        strip.set_title("concentrations reported by the sources", fontsize="small", fontweight="normal")
        strip.invert_yaxis()
    fig.suptitle(f"How the {year} estimate depends on the concentration assumed")
    return fig


def enrichment(draws: np.ndarray, median: float, measured: pd.DataFrame) -> plt.Figure:
    """Enrichment factor from the mass balance (distribution) and from same-region measurements (ranges).

    ``measured`` is :func:`reelib.secondary.measured_enrichments` output (``label``, ``low``, ``high``).
    """
    measured = list(measured[["label", "low", "high"]].itertuples(index=False, name=None))
    fig, (ax, strip) = plt.subplots(2, 1, figsize=(10, 6.5), gridspec_kw={"height_ratios": [2.2, 1]}, sharex=True)
    finite = [h for _, _, h in measured if np.isfinite(h)]
    x_max = 1.15 * max([float(draws.max())] + finite)
    ax.hist(draws, bins=80, density=True, histtype="stepfilled", color="C0", alpha=0.6, label="mass balance (Monte Carlo draws)")
    ax.axvline(median, color="C0", label=f"median {median:.2f}")
    stated_band(ax, "CNRS-17", "enrichment_factor", axis="x")
    ax.set(ylabel="probability density", title="Enrichment of REE in bauxite residue over the bauxite", xlim=(0, x_max))
    ax.legend(loc="upper right", fontsize="small")
    for row, (_, low, high) in enumerate(measured):
        bounded = np.isfinite(high)
        strip.plot([low, high if bounded else x_max], [row, row], color="C2", lw=5, solid_capstyle="butt")
        if not bounded:
            strip.plot(x_max, row, marker=">", color="C2", ms=8, clip_on=False)
    strip.set_yticks(range(len(measured)), [label for label, _, _ in measured], fontsize="x-small")
    strip.set(ylim=(-0.7, len(measured) - 0.3), xlabel="REE concentration in residue / in bauxite")
    strip.set_title("typical residue over typical bauxite, same region (not paired samples; arrow: no upper end)", fontsize="small", fontweight="normal")
    strip.invert_yaxis()
    return fig


# 06 · Recovery chains


#: How figures name the products of data/recovery_chains.csv, and what material their chains carry.
PRODUCT_NAMES = {"ev_motor": "EV traction motor", "wind_generator": "wind turbine generator", "hdd": "hard disk drive",
                 "phone": "phone", "fluorescent_lamp": "fluorescent lamp"}
CHAIN_MATERIAL = {"fluorescent_lamp": "rare-earth phosphor"}


def product_name(product: str) -> str:
    return PRODUCT_NAMES.get(product, product.replace("_", " "))


def chain_material(product: str) -> str:
    """What a recovery chain carries: NdFeB magnets, except for the lamps' phosphor."""
    return CHAIN_MATERIAL.get(product, "NdFeB magnets")


def recovery_sankey(chain: Any, amount: pint.Quantity) -> plt.Figure:
    """The flows of one recovery chain at its central yields: what passes each stage and what is lost there."""
    from sankeyflow import Sankey

    flows = chain.flows(amount)
    unit = f"{amount.units:~P}"
    edges, entering = [], f"{chain_material(chain.product)} at end of life"
    for stage, row in flows.iterrows():
        passing = f"after {stage}"
        marker = "" if row["known"] else " (yield unknown:\nmid-range drawn)"
        edges.append((entering, passing, float(row["passing"].to(unit).magnitude)))
        edges.append((entering, f"lost at {stage}{marker}", float(row["lost"].to(unit).magnitude)))
        entering = passing
    edges = [e for e in edges if e[2] > 0]
    fig, ax = plt.subplots(figsize=(11, 5))
    diagram = Sankey(flows=edges, node_opts={"label_format": "{label}\n{value:,.0f} " + unit, "label_opts": {"fontsize": "small"}},
                     node_pad_y_min=0.08, node_height_pad_min=0.12, align_y="top")
    diagram.draw(ax=ax)
    rate = flows["passing"].iloc[-1] / amount
    ax.set_title(f"{product_name(chain.product)}s, {chain.route}: {rate.to('percent').magnitude:.1f} % recovered at the central yields")
    return fig


def chain_yields(chains: Mapping[tuple[str, str], Any], rates: Mapping[tuple[str, str], Any], *, level: float) -> plt.Figure:
    """Each chain's stage yields (ranges; grey: no source) and its end-of-life recycling rate with its interval."""
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(13, 6), gridspec_kw={"width_ratios": [3, 2]})
    labels: list[str] = []
    y = 0.0
    colours = {"collection": "C0", "liberation": "C1", "preprocessing": "C4", "recovery": "C2", "return to magnet": "C5"}
    for key, chain in chains.items():
        for stage in chain.stages:
            low, high = (100 * q.to("dimensionless").magnitude for q in stage.yield_.bounds)
            colour = colours[stage.name] if stage.known else "0.7"
            ax.plot([low, high] if high > low else [low - 0.5, low + 0.5], [y, y], lw=6, solid_capstyle="butt", color=colour)
            labels.append(f"{product_name(key[0])}, {key[1]}: {stage.name}")
            y += 1
        y += 0.6
    ax.set_yticks(_positions(chains), labels, fontsize="x-small")
    ax.invert_yaxis()
    ax.set(xlim=(0, 100), xlabel="stage yield (% of what enters the stage)", title="Stage yields from the sources")
    drawn = {stage.name for chain in chains.values() for stage in chain.stages if stage.known}
    handles = [plt.Line2D([], [], lw=6, color=c, label=n) for n, c in colours.items() if n in drawn]
    handles.append(plt.Line2D([], [], lw=6, color="0.7", label="no sourced yield (0–100 %)"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, frameon=False, fontsize="small")
    names = [f"{product_name(p)}, {r}" for p, r in rates]
    for row, key in enumerate(rates):
        estimate = rates[key]
        median = estimate.median.magnitude
        ax2.errorbar(median, row, xerr=[[median - estimate.low.magnitude], [estimate.high.magnitude - median]], fmt="o", color="C3", capsize=4,
                     label=f"median and {level:.0%} interval" if row == 0 else None)
    ax2.set_yticks(range(len(names)), names, fontsize="x-small")
    ax2.invert_yaxis()
    ax2.set_xlim(0, 60)
    stated_band(ax2, "CNRS-09", "eol_recycling_rate", axis="x")
    ax2.set(xlabel="end-of-life recycling rate (%)", title="What the chain recovers")
    ax2.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=1, frameon=False, fontsize="small")
    return fig


def _positions(chains: Mapping[tuple[str, str], Any]) -> list[float]:
    positions, y = [], 0.0
    for chain in chains.values():
        for _ in chain.stages:
            positions.append(y)
            y += 1
        y += 0.6
    return positions


def published_rates(rows: pd.DataFrame, window: Any) -> plt.Figure:
    """Published recycling rates of rare earths by year and metric, with the two CNRS statements."""
    fig, ax = plt.subplots(figsize=(11, 5.2))
    markers = {"<": "v", "<=": "v", "~": "o", "=": "o", ">": "^", ">=": "^"}
    dated = rows[rows["year"].notna()]
    for (metric, copy), group in dated.groupby(["quantity", "copy"]):
        values = group["central"].fillna(group["high"]).astype(float)
        hollow = copy == "second-hand"
        for bound, sub in group.assign(value=values).groupby("bound"):
            ax.scatter(sub["year"].astype(int), sub["value"], marker=markers[bound], s=60, facecolors="none" if hollow else None,
                       edgecolors="C0" if metric == "eol_recycling_rate" else "C1", color="C0" if metric == "eol_recycling_rate" else "C1", zorder=3)
    ax.set_ylim(-0.5, 12)  # below zero, so that the 0 % markers are drawn whole
    stated_band(ax, "CNRS-09", "eol_rate_since_2010")
    ax.axvline(window.start, color="0.4", ls=":", lw=1, label=f"{window.start}: 'since 2010'")
    handles: list[Any] = [plt.Line2D([], [], ls="none", marker="o", color="C0", label="end-of-life recycling rate (global)"),
               plt.Line2D([], [], ls="none", marker="o", color="C1", label="recycling input rate (EU)"),
               plt.Line2D([], [], ls="none", marker="v", color="0.3", label="stated as 'less than'"),
               plt.Line2D([], [], ls="none", marker="o", mfc="none", color="0.3", label="read second-hand")]
    handles += ax.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3, frameon=False, fontsize="small")
    _years(ax)
    ax.set(xlabel="year of the estimate", ylabel="rare earths recycled (%)", title="Published recycling rates of rare earths, by element or group")
    return fig


def vehicle_mass(car: Any, target: pint.Quantity) -> plt.Figure:
    """A car's mass against the recycling ``target`` (a share of its mass), and the magnets' share of it (:class:`reelib.recycling.MagnetShare`)."""
    fig, ax = plt.subplots(figsize=(11, 3.4))
    total = car.car.to("kg").magnitude
    ax.barh([1], [total], color="0.85", label=f"average new car in the EU: {total:,.0f} kg")
    ax.barh([1], [(target * car.car).to("kg").magnitude], color="C0", alpha=0.6, label=f"{target.to('percent'):.0f~P} of its mass: the reuse and recycling target")
    low, high = (m.to("kg").magnitude for m in car.magnets)
    share_low, share_high = car.share
    ax.barh([0], [high], color="C3", label=f"NdFeB magnets in an electric car: {low:g}–{high:g} kg ({share_low.magnitude:.2f}–{share_high.magnitude:.2f} % of the mass)")
    # At this scale the magnets' bar is a sliver: say what it is beside it.
    ax.annotate(f"{low:g}–{high:g} kg", (high, 0), xytext=(6, 0), textcoords="offset points", va="center", fontsize="small")
    ax.set(yticks=[0, 1], xlim=(0, total * 1.05), xlabel="mass (kg)", title=f"The {target.to('percent'):.0f~P} target can be met without recovering any magnet")
    ax.set_yticklabels(["magnets", "car"])
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=1, frameon=False, fontsize="small")
    return fig


def footprint(ratios: pd.DataFrame) -> plt.Figure:
    """Recycled over primary footprint (1 − the published reduction), by study and impact category.

    A range is a bar, a single figure a dot; each row is labelled with its
    citation and what was compared, shortened to two lines so that labels never
    crowd the plot.
    """
    fig, ax = plt.subplots(figsize=(11, 0.62 * len(ratios) + 2.6))
    for row, (_, item) in enumerate(ratios.iterrows()):
        colour = "C2" if item["greenhouse gas"] else "0.45"
        alpha = 0.5 if item["copy"] == "second-hand" else 1
        if item["low"] == item["high"]:
            ax.plot(item["low"], row, "o", color=colour, ms=8, alpha=alpha)
        else:
            ax.plot([item["low"], item["high"]], [row, row], color=colour, lw=6, solid_capstyle="butt", alpha=alpha)
    labels = [textwrap.fill(textwrap.shorten(f"{item['citation']}: {item['basis']}", 110, placeholder=" …"), 58) for _, item in ratios.iterrows()]
    ax.set_yticks(range(len(ratios)), labels, fontsize="x-small")
    ax.set_ylim(len(ratios) - 0.5, -0.5)
    ax.set_xlim(0, 2)
    stated_band(ax, "CNRS-23", "footprint_ratio", axis="x")
    handles = [plt.Line2D([], [], lw=6, color="C2", label="greenhouse gases (bar: range, dot: one figure)"),
               plt.Line2D([], [], lw=6, color="0.45", label="other impact categories"),
               plt.Line2D([], [], lw=6, color="C2", alpha=0.5, label="pale: read second-hand")] + ax.get_legend_handles_labels()[0]
    _legend_below(ax, handles=handles, ncol=2, fontsize="small")
    ax.set(xlabel="footprint of the recycled product over the primary one (1 = equal)", title="Recycled against primary magnets: life-cycle assessments")
    return fig


def save_recovery_sankeys(chains: Mapping[tuple[str, str], Any], rates: Mapping[tuple[str, str], Any], amount: pint.Quantity, *, notebook: str) -> list[Any]:
    """Draw and save one Sankey diagram per chain (see :func:`recovery_sankey`); return the PNG paths."""
    from .plotting import save_figure

    saved = []
    for (product, route), chain in chains.items():
        name = f"{notebook[:2]}_sankey_{product}_{route.split(' (')[0].replace(' ', '_')}"
        caption = (f"Flows of {chain_material(product)} (mass) through the {route} chain for {product_name(product)}s, "
                   "at the central yield of each stage, with the losses at each stage.")
        saved.append(save_figure(recovery_sankey(chain, amount), name, notebook=notebook, sources=rates[(product, route)].sources,
                                 claims=["CNRS-09"], caption=caption))
    return saved


# 07 · Urban mine


def urban_stock(result: Any, demand: pint.Quantity, *, level: float) -> plt.Figure:
    """Magnets in use and reaching the end of their life in the EU, by product (medians of the scenarios)."""
    from .urban import percentiles

    years = result.years
    stock = np.median(result.stock.to("kt").magnitude, axis=-1)
    outflow = np.median(result.outflow.to("kt/a").magnitude, axis=-1)
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(13, 5.4))
    ax.stackplot(years, stock.T, labels=result.products, alpha=0.85)
    ax.set(xlabel="year", ylabel="NdFeB magnets in use (kt, median of the scenarios)", title="In-use stock by product")
    ax2.stackplot(years, outflow.T, labels=result.products, alpha=0.85)
    median, low, high = percentiles(demand.to("kt/a").magnitude, level)
    ax2.plot(years, median, color="black", lw=1.5, label="EU magnet demand (median)")
    ax2.fill_between(years, low, high, color="black", alpha=0.1, label=f"EU magnet demand, {level:.0%} of scenarios")
    ax2.set(xlabel="year", ylabel="NdFeB magnets (kt per year)", title="End-of-life outflow by product, against demand")
    for axis in (ax, ax2):
        _years(axis)
    _figure_legend(fig, ncol=4)
    return fig


def wind_return(result: Any, *, level: float) -> plt.Figure:
    """Magnets going into EU wind turbines and coming back out of them, year by year."""
    from .urban import percentiles

    column = list(result.products).index("wind turbines")
    fig, ax = plt.subplots(figsize=(10, 5))
    for values, colour, label in ((result.inflow, "C1", "installed in new turbines"), (result.outflow, "C2", "coming back from decommissioned turbines")):
        median, low, high = percentiles(values.to("t/a").magnitude[:, column, :], level)
        ax.plot(result.years, median, color=colour, lw=2, label=f"{label} (median)")
        ax.fill_between(result.years, low, high, color=colour, alpha=0.2, label=f"{label}, {level:.0%} of scenarios")
    _years(ax)
    _thousands(ax)
    ax.set(xlabel="year", ylabel="NdFeB magnets (t per year)", title="Wind-turbine magnets in the EU: installed, and back at the end of life")
    _legend_below(ax, ncol=2, fontsize="small")
    return fig


def secondary_supply(
    years: np.ndarray, demand: pint.Quantity, collected: np.ndarray, recovered: np.ndarray, capacity: Mapping[str, Sequence[float]], *, level: float, now: int
) -> plt.Figure:
    """EU demand against the magnets collected at end of life, what recycling would recover, and recycling capacity."""
    from .urban import percentiles

    fig, ax = plt.subplots(figsize=(11, 5.4))
    for values, colour, label in ((demand.to("t/a").magnitude, "black", "EU magnet demand"), (collected, "C0", "end-of-life magnets collected in the EU"),
                                  (recovered, "C2", "what recycling would recover from them")):
        median, low, high = percentiles(values, level)
        ax.plot(years, median, color=colour, lw=1.8, label=f"{label} (median)")
        ax.fill_between(years, low, high, color=colour, alpha=0.15)
    for (label, values), style in zip(capacity.items(), ("-", "--")):
        ax.step(years, values, where="post", color="C3", ls=style, lw=1.5, label=label)
    ax.axvline(now, color="0.4", ls=":", lw=1, label=f"{now}: 'current'")
    ax.set_ylim(0, None)
    _thousands(ax)
    _years(ax)
    ax.set(xlabel="year", ylabel="NdFeB magnets (t per year)", title=f"Secondary supply against EU demand (bands: {level:.0%} of scenarios)")
    _legend_below(ax, ncol=2, fontsize="small")
    return fig


def export_ban(collected: np.ndarray, capacity: tuple[float, float], *, year: int, level: float) -> plt.Figure:
    """Scrap kept in the EU against recycling capacity, with a ban on exports and with exports of any share."""
    from .urban import percentiles

    shares = np.linspace(0, 1, 21)
    fig, ax = plt.subplots(figsize=(10, 5))
    kept = collected[None, :] * (1 - shares[:, None])
    median, low, high = percentiles(kept, level)
    ax.plot(100 * shares, median, color="C0", lw=2, label="scrap kept in the EU (median of the scenarios)")
    ax.fill_between(100 * shares, low, high, color="C0", alpha=0.2, label=f"{level:.0%} of the scenarios")
    ax.axhspan(capacity[0], max(capacity[1], capacity[0] * 1.005), color="C3", alpha=0.3, lw=0, label=f"EU recycling capacity operating or announced for {year}")
    ax.axvline(0, color="C2", lw=3, label="an export ban: none exported")
    ax.set(xlabel="share of the collected scrap exported (%, not known: any value)", ylabel="NdFeB scrap (t per year)",
           title=f"Feedstock for EU recycling in {year}, with and without exports", xlim=(-2, 100), ylim=(0, None))
    _thousands(ax)
    _legend_below(ax, ncol=2, fontsize="small")
    return fig


def element_outflow(outflow: pd.DataFrame, *, missing: Mapping[str, str]) -> plt.Figure:
    """End-of-life outflow of each rare earth in the EU (median), with what the composition data leave out."""
    columns = 2
    rows = -(-len(outflow.columns) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(11, 3.6 * rows), sharex=True, squeeze=False)
    for ax, element in zip(axes.flat, outflow.columns):
        ax.plot(outflow.index, outflow[element], color="C4", lw=2)
        title = element + (f" (without {missing[element]}: composition not sourced)" if missing.get(element) else " (all products)")
        ax.set_title(title, fontsize="small")
        ax.set(ylim=(0, None), ylabel=f"{element} (t per year)")
        _thousands(ax)
        _years(ax)
    for ax in axes[-1]:
        ax.set_xlabel("year")
    for ax in axes.flat[len(outflow.columns):]:
        ax.set_visible(False)
    fig.suptitle("Rare earths in the EU's end-of-life magnets (median of the scenarios)", fontweight="bold")
    return fig


# 08 · Uses and intensity

_KIND_MARKERS = {"by mass": "o", "forecast, by mass": "^", "by value": "s"}


def magnet_shares(shares: pd.DataFrame) -> plt.Figure:
    """Magnets' share of world REE consumption by year: measured by mass, forecast, by value; broader groupings in grey."""
    fig, ax = plt.subplots(figsize=(10.5, 5.2))
    dated = shares[shares["year"].notna()]
    for (kind, grouping, copy), group in dated.groupby(["kind", "grouping", "copy"]):
        colour = "0.55" if grouping else {"by mass": "C0", "forecast, by mass": "C1", "by value": "C4"}[kind]
        hollow = copy == "second-hand"
        share, low, high = (group[c].to_numpy(dtype=float) for c in ("share", "low", "high"))
        ax.errorbar(group["year"].to_numpy(dtype=int), share, yerr=[share - low, high - share], fmt=_KIND_MARKERS[kind],
                    ms=7, color=colour, mfc="none" if hollow else colour, capsize=3, ls="none")
    ax.set_ylim(0, 100)
    stated_band(ax, "CNRS-07", "magnet_share")
    handles: list[Any] = [plt.Line2D([], [], ls="none", marker="o", color="C0", label="share by mass (decides)"),
               plt.Line2D([], [], ls="none", marker="^", color="C1", label="forecast share by mass"),
               plt.Line2D([], [], ls="none", marker="s", color="C4", label="share by value"),
               plt.Line2D([], [], ls="none", marker="o", color="0.55", label="a broader group that includes magnets"),
               plt.Line2D([], [], ls="none", marker="o", mfc="none", color="0.3", label="read second-hand")]
    handles += ax.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3, frameon=False, fontsize="small")
    _years(ax)
    ax.set(xlabel="year the share is for", ylabel="permanent magnets' share of world REE use (%)",
           title="How much of the rare earths used goes into permanent magnets")
    return fig


def turbine_phones(results: Mapping[str, Any]) -> plt.Figure:
    """Phones holding as much REE as one offshore turbine, per kind of turbine, on a log axis, against the stated 2 million."""
    fig, ax = plt.subplots(figsize=(10, 3.6))
    labels = list(results)
    for row, label in enumerate(labels):
        phones = results[label].phones
        low, median, high = (log_positions(q.to("dimensionless").magnitude) for q in (phones.low, phones.median, phones.high))
        ax.plot([low, high], [row, row], color="C0", lw=6, solid_capstyle="butt", alpha=0.5)
        ax.plot([median], [row], "o", color="C0", ms=8)
    ax.set_yticks(range(len(labels)), [f"{label} turbine\n({results[label].rating.describe()})" for label in labels])
    ax.set_ylim(-0.7, len(labels) - 0.3)
    ticks = [1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8]
    ax.set_xlim(log_positions(ticks[0]), log_positions(ticks[-1]))
    log_ticks(ax, ticks, axis="x", label_format="{:,.0f}")
    stated_band(ax, "CNRS-08", "phones_per_turbine", axis="x", log=True)
    handles = [plt.Line2D([], [], lw=6, color="C0", alpha=0.5, label=f"{results[labels[0]].phones.level:.0%} interval of the Monte Carlo"),
               plt.Line2D([], [], ls="none", marker="o", color="C0", label="median")] + ax.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=3, frameon=False, fontsize="small")
    ax.set(xlabel="mobile phones with as much REE as one turbine (log scale)", title="One offshore wind turbine against mobile phones")
    return fig


def ree_fractions(fibre: Any, wind: pd.DataFrame) -> plt.Figure:
    """REE mass fraction of an amplifier fibre and of wind-turbine magnets on one log axis, with the stated values."""
    fig, ax = plt.subplots(figsize=(10, 3.8))
    low, high = (log_positions(q.to("percent").magnitude) for q in (fibre.low, fibre.high))
    ax.plot([low, high], [0, 0], color="C0", lw=6, solid_capstyle="butt", alpha=0.6, label="Er2O3 in the doped core of amplifier fibres (as stated)")
    for _, row in wind.iterrows():
        ax.plot([log_positions(100 * row["fraction"])], [1], "o", ms=8, color="C2", mfc="none" if row["copy"] == "second-hand" else "C2")
    ax.plot([], [], "o", color="C2", label="wind-turbine NdFeB magnets (one marker per source; hollow: second-hand)")
    for row, part in ((0, "optical_fibre"), (1, "wind_magnet")):
        low, high = claim("CNRS-12").part(part).interval
        ax.plot([log_positions(low), log_positions(high)], [row + 0.25, row + 0.25], color=STATED_COLOUR, lw=4, solid_capstyle="butt",
                label="CNRS-12 stated (as read)" if row == 0 else None)
    ticks = [0.0001, 0.001, 0.01, 0.1, 1, 10, 100]
    ax.set_xlim(log_positions(ticks[0]), log_positions(ticks[-1]))
    log_ticks(ax, ticks, axis="x")
    ax.set_yticks([0, 1], ["optical amplifier fibre", "offshore wind magnet"])
    ax.set_ylim(-0.6, 1.7)
    _legend_below(ax, ncol=1, fontsize="small")
    ax.set(xlabel="REE mass fraction (%, log scale)", title="From an optical fibre to a wind-turbine magnet")
    return fig


def car_minerals(lists: pd.DataFrame) -> plt.Figure:
    """Minerals in an electric and a conventional car (complete lists), stacked by mineral, against 'over 200 kg'."""
    complete = lists[lists["complete"]]
    table = complete.pivot_table(index="vehicle", columns="mineral", values="kg", aggfunc="median").fillna(0)
    table = table[table.sum().sort_values(ascending=False).index]
    fig, ax = plt.subplots(figsize=(10.5, 3.8))
    left = np.zeros(len(table))
    colours = plt.get_cmap("tab10").colors  # type: ignore[attr-defined]  # a ListedColormap
    for index, mineral in enumerate(table.columns):
        ax.barh(range(len(table)), table[mineral], left=left, color=colours[index % 10], label=mineral, height=0.55)
        left += table[mineral].to_numpy()
    ax.set_yticks(range(len(table)), list(table.index))
    ax.set_xlim(0, 260)
    stated_band(ax, "CLEPA-01", "ev_minerals", axis="x")
    ax.set(xlabel="minerals per car (kg; steel and aluminium not counted)", title="Minerals in an electric and a conventional car (IEA list)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.24), ncol=5, frameon=False, fontsize="small")
    return fig


# 09 · Prices and criticality

_ELEMENT_COLOURS = {"Dy": "C3", "Tb": "C1", "La": "C0", "Ce": "C9", "Nd": "C4", "Pr": "C6"}


def price_history(series: pd.DataFrame, elements: Sequence[str]) -> plt.Figure:
    """USGS oxide prices by year (USD/kg, log axis), the latest edition's value per year; estimates hollow, year-end ranges as bars."""
    fig, ax = plt.subplots(figsize=(10.5, 5.4))
    for element in elements:
        rows = series[series["element"] == element].sort_values("year")
        colour = _ELEMENT_COLOURS.get(element, "0.4")
        years = rows["year"].to_numpy(dtype=int)
        ax.plot(years, log_positions(rows["price"]), color=colour, lw=1.6, label=element)
        ranged = rows[rows["high"] > rows["low"]]
        ax.vlines(ranged["year"].to_numpy(dtype=int), log_positions(ranged["low"]), log_positions(ranged["high"]), color=colour, lw=3, alpha=0.5)
        for estimated, marker_fill in ((False, colour), (True, "white")):
            chosen = rows[rows["estimated"] == estimated]
            ax.plot(chosen["year"].to_numpy(dtype=int), log_positions(chosen["price"]), "o", color=colour, mfc=marker_fill, ms=5)
    mark_gaps(ax, series["year"], (int(series["year"].min()), int(series["year"].max())))
    ticks = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
    ax.set_ylim(log_positions(0.5), log_positions(5000))
    log_ticks(ax, ticks, label_format="{:,g}")
    _years(ax)
    handles = ax.get_legend_handles_labels()[0] + [
        plt.Line2D([], [], ls="none", marker="o", color="0.3", mfc="white", label="estimate of the edition"),
        plt.Line2D([], [], lw=3, alpha=0.5, color="0.3", label="year-end range (MCS 2016)")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=5, frameon=False, fontsize="small")
    ax.set(xlabel="year", ylabel="oxide price (USD/kg, FOB China; log scale)", title="Rare-earth oxide prices, USGS (latest edition for each year)")
    return fig


def price_ratio(ratios: pd.DataFrame, spot: Any, *, year: int) -> plt.Figure:
    """Heavy (Dy, Tb) over light (La, Ce) oxide price by year, with the pairs' range, a spot cross-check, and CNRS's '100 to 1,000'."""
    fig, ax = plt.subplots(figsize=(10.5, 5))
    years = ratios["year"].to_numpy(dtype=int)
    ax.fill_between(years, log_positions(ratios["low"]), log_positions(ratios["high"]), color="C0", alpha=0.2, lw=0,
                    label="smallest to largest of the four pairs (Dy/La, Dy/Ce, Tb/La, Tb/Ce)")
    ax.plot(years, log_positions(ratios["ratio"]), "o-", color="C0", label="median of the pairs (USGS)")
    low, high = (log_positions(q.magnitude) for q in (spot.low, spot.high))
    ax.vlines([year + 0.25], low, high, color="C2", lw=4, label=f"China spot quotations {year} (SMM), every pair")
    ticks = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
    ax.set_ylim(log_positions(10), log_positions(5000))
    log_ticks(ax, ticks, label_format="{:,g}")
    stated_band(ax, "CNRS-11", "price_ratio", log=True)
    mark_gaps(ax, years, (int(years.min()), int(years.max())))
    _years(ax)
    _legend_below(ax, ncol=2, fontsize="small")
    ax.set(xlabel="year", ylabel="heavy over light oxide price (log scale)", title="How many times dearer Dy and Tb oxides are than La and Ce oxides")
    return fig


def heavy_vs_light(china: pd.DataFrame, risk: pd.DataFrame, volatility: pd.DataFrame) -> plt.Figure:
    """China's share of HREE and LREE supply, EU supply-risk scores by assessment, and price volatility by element."""
    fig, (ax1, ax2, ax3) = plt.subplots(1, 3, figsize=(14, 4.8))
    labels = [f"{a}\n{s}" for a, s in zip(china["assessment"], china["stage"])]
    positions = np.arange(len(china))
    for offset, (group, colour) in zip((-0.18, 0.18), (("HREE", "C3"), ("LREE", "C0"))):
        ax1.bar(positions + offset, china[f"{group} (%)"], width=0.36, color=colour, label=group,
                hatch=["//" if c == "second-hand" else "" for c in china["copy"]], edgecolor="white")
    ax1.set_xticks(positions, labels, fontsize="x-small")
    ax1.set(ylim=(0, 100), ylabel="China's share of world supply (%)", title="Supply concentration")
    for group, colour in (("HREE", "C3"), ("LREE", "C0")):
        ax2.plot(risk.index, risk[group], "o-", color=colour)
    second = risk[risk["copy"] == "second-hand"]
    if not second.empty:
        ax2.axvspan(second.index.min() - 1.5, second.index.max() + 1.5, color="0.5", alpha=0.1, lw=0, label="second-hand transcription")
    ax2.set(ylim=(0, 7), xlabel="assessment", ylabel="EU supply risk score", title="Supply risk (EU assessments)")
    ax2.set_xticks(risk.index)
    groups = volatility.assign(colour=[{"heavy": "C3", "light": "C0"}.get(g, "0.6") for g in volatility["group"]])
    ax3.barh(groups["element"], groups["coefficient of variation"], color=groups["colour"])
    ax3.invert_yaxis()
    ax3.set(xlabel=f"coefficient of variation of annual prices, {groups['years'].iloc[0]}", title="Price volatility")
    handles = [plt.Rectangle((0, 0), 1, 1, color="C3", label="heavy (HREE; Dy, Tb)"), plt.Rectangle((0, 0), 1, 1, color="C0", label="light (LREE; La, Ce)"),
               plt.Rectangle((0, 0), 1, 1, color="0.6", label="other oxides"),
               plt.Rectangle((0, 0), 1, 1, facecolor="0.8", hatch="//", edgecolor="white", label="second-hand transcription")]
    fig.legend(handles=handles, loc="outside lower center", ncol=4, frameon=False, fontsize="small")
    fig.set_layout_engine("constrained")
    return fig


# 10 · Substitution


def dy_ratios(estimates: pd.DataFrame) -> plt.Figure:
    """Heavy rare earth with grain-boundary diffusion over without, per source; those not at equal coercivity in grey."""
    fig, ax = plt.subplots(figsize=(10.5, 3.9))
    for row, (_, item) in enumerate(estimates.iterrows()):
        colour = "C0" if item["equal_coercivity"] else "0.6"
        alpha = 0.5 if item["copy"] == "second-hand" else 1.0
        if item["high"] > item["low"]:
            ax.plot([item["low"], item["high"]], [row, row], color=colour, lw=6, solid_capstyle="butt", alpha=alpha)
        else:
            marker = {"<=": "<", "<": "<", ">=": ">", ">": ">"}.get(item["bound"], "o")
            ax.plot([item["low"]], [row], marker=marker, color=colour, ms=9, ls="none", alpha=alpha)
    ax.set_yticks(range(len(estimates)), [f"{data.citation(s)}\n{how}" for s, how in zip(estimates["source_id"], estimates["how"])], fontsize="x-small")
    ax.set_ylim(len(estimates) - 0.5, -0.5)  # first row at the top, and no row on the frame
    ax.set_xlim(0, 1)
    stated_band(ax, "CNRS-14", "dy_reduction", axis="x")
    handles = [plt.Line2D([], [], lw=6, color="C0", label="at equal coercivity (decides)"),
               plt.Line2D([], [], lw=6, color="0.6", label="not at equal coercivity, or not diffusion (shown)"),
               plt.Line2D([], [], ls="none", marker="<", color="0.4", label="stated as a bound")] + ax.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False, fontsize="small")
    ax.set(xlabel="heavy rare earth (Dy, Tb) with diffusion over without (1 = no saving)", title="Grain-boundary diffusion: how much Dy is saved")
    return fig


def magnet_grades(table: pd.DataFrame, factors: pd.DataFrame) -> plt.Figure:
    """(BH)max of NdFeB and ferrite grades, and the ferrite-over-NdFeB mass factor per NdFeB grade against '4 to 5'."""
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, 5.2), gridspec_kw={"width_ratios": [1.1, 1]})
    colours = {"NdFeB": "C3", "ferrite": "0.35"}
    for row, (_, grade) in enumerate(table.iterrows()):
        ax1.plot([grade["bh_low"], grade["bh_high"]], [row, row], color=colours[grade["material"]], lw=6, solid_capstyle="butt", alpha=0.6)
        ax1.plot([grade["bh_typical"]], [row], "o", color=colours[grade["material"]], ms=6)
    ax1.set_yticks(range(len(table)), [f"{m} {g}" for m, g in zip(table["material"], table["grade"])], fontsize="small")
    ax1.set(xlim=(0, 450), xlabel="maximum energy product (BH)max (kJ/m³)", title="Magnet grades")
    for row, (_, group) in enumerate(factors.groupby("NdFeB", sort=False)):
        ax2.plot([group["low"].min(), group["high"].max()], [row, row], color="C0", lw=6, solid_capstyle="butt", alpha=0.5)
        ax2.plot(group["typical"].to_numpy(), np.full(len(group), row), "|", color="C0", ms=14, mew=1.5)
    ax2.set_yticks(range(factors["NdFeB"].nunique()), [f"NdFeB {g}" for g in factors["NdFeB"].unique()], fontsize="small")
    ax2.set_xlim(0, 14)
    stated_band(ax2, "CNRS-15", "mass_factor", axis="x")
    ax2.set(xlabel="ferrite magnet mass over NdFeB magnet mass", title="Mass for the same stored energy")
    handles = [plt.Line2D([], [], lw=6, color="C3", alpha=0.6, label="NdFeB: range of (BH)max (dot: typical)"),
               plt.Line2D([], [], lw=6, color="0.35", alpha=0.6, label="ferrite: range of (BH)max (dot: typical)"),
               plt.Line2D([], [], lw=6, color="C0", alpha=0.5, label="mass factor over all ferrite grades, lowest to highest"),
               plt.Line2D([], [], ls="none", marker="|", ms=12, color="C0", label="typical factor for one ferrite grade")] + ax2.get_legend_handles_labels()[0]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, frameon=False, fontsize="small")
    fig.set_layout_engine("constrained")
    return fig


def motor_advantages(advantages: pd.DataFrame) -> plt.Figure:
    """The rare-earth magnet motor's stated advantage over motors without, each with its metric: not on one basis."""
    fig, ax = plt.subplots(figsize=(11, 1.0 * len(advantages) + 1.6))
    for row, (_, item) in enumerate(advantages.iterrows()):
        marker = {"<=": "<", "<": "<"}.get(item["bound"], "o")
        ax.plot([item["advantage (%)"]], [row], marker=marker, ms=9, ls="none", color="C0" if item["advantage (%)"] >= 0 else "C3",
                mfc="none" if item["copy"] == "second-hand" else None)
    ax.axvline(0, color="0.3", lw=1)
    labels = [textwrap.fill(f"{c} — {m} ({s})", 70) for c, m, s in zip(advantages["comparison"], advantages["metric"], advantages["source"])]
    ax.set_yticks(range(len(advantages)), labels, fontsize="x-small")
    ax.invert_yaxis()
    ax.set_xlim(-5, 16)
    handles = [plt.Line2D([], [], ls="none", marker="o", color="C0", label="the rare-earth magnet motor does better"),
               plt.Line2D([], [], ls="none", marker="o", color="C3", label="the motor without rare earths does better"),
               plt.Line2D([], [], ls="none", marker="<", color="0.4", label="stated as 'up to'"),
               plt.Line2D([], [], ls="none", marker="o", mfc="none", color="0.4", label="read second-hand")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, frameon=False, fontsize="small")
    ax.set(xlabel="advantage of the rare-earth magnet motor (%; each on its own metric)", title="Motors with and without rare-earth magnets: what is stated")
    return fig
