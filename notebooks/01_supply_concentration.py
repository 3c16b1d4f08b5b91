# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: tags,-all
#     notebook_metadata_filter: kernelspec,-jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · Supply concentration: who mines rare earths
#
# This section checks what the two source texts say about **where rare earths are mined**, against the
# U.S. Geological Survey's *Mineral Commodity Summaries* (MCS) and *Minerals Yearbook* (MYB), as transcribed
# in `data/usgs_rare_earths_production.csv` (every row names its edition, table and page; see
# `data/datapackage.json` for the copy read and the sum checks).
#
# | Claim | Source | Quote |
# |---|---|---|
# | CNRS-05 | CNRS summary, *Key data* | "In 2024, global mining production reached 390 kilotons (kt) (USGS)" |
# | CNRS-02 | CNRS summary, *Key data* | "In 2024, 70% of extraction and 90% of refining take place in China" |
# | CNRS-13 | CNRS summary, *Who produces them…* | "In the 2000s, China accounted for almost all global ore extraction (up to 97%)." … "By 2024, the United States and Myanmar accounted for 11% and 7% of global ore extraction" |
# | CNRS-24 | CNRS summary, *Who produces them…* | "China's export embargo in 2010 marked a geopolitical turning point, prompting several countries to develop or restart REE extraction." |
# | CNRS-03 | CNRS summary, *Who produces them…* | "However, still 90% of the REEs mined worldwide are refined in China." |
#
# All quantities are tonnes of **rare-earth oxide (REO)**, the basis USGS reports mine production in.
# Refining shares (CNRS-03) come from other publishers, listed in `data/stage_shares.csv`.

# %% tags=["parameters"]
# Parameters (papermill: -p NAME VALUE)
edition = "latest"    # MCS edition the verdicts use: "latest" in data/, or a year to see what was known then
vintage = "latest"    # "latest": revised values as known at `edition`; "first": first estimates
lookback = 5          # years before the embargo in which a "new" producer reported no production (CNRS-24)
min_share = 0.005     # share of world output (fraction, 0–1) a new producer must reach to count (CNRS-24)
refining_since = 2022 # oldest data year of a refining share that speaks for "still" (CNRS-03)

# %%

from reelib import Q_, catalog, data, figures, supply, text
from reelib.claims import Evidence, NotCheckable, assess, claim, verdict_table
from reelib.plotting import save_figure, use_style

NOTEBOOK = "01_supply_concentration"
use_style()
production = data.load("usgs_production")
p = catalog.parameters(NOTEBOOK, edition=edition, vintage=vintage, lookback=lookback, min_share=min_share, refining_since=refining_since)
EDITION = supply.resolve_edition(production, p.edition)
selected = supply.select_vintage(production, EDITION, vintage=p.vintage)
world = supply.world_series(selected)

# %% [markdown]
# ## The data
#
# For each year the table below takes the newest USGS publication up to the chosen MCS edition (by default the
# latest in `data/`), preferring the MCS over the Minerals Yearbook over the Historical Statistics (DS140, which
# gives the world total only). Values marked *estimated* are USGS estimates.

# %%
# NBVAL_CHECK_OUTPUT
data.for_display(world, {"production": "kt REO"}).tail(10)

# %% [markdown]
# ## CNRS-05 · World mine production in 2024
#
# > "In 2024, global mining production reached 390 kilotons (kt) (USGS)" — CNRS summary, *Key data*
#
# The sentence cites USGS, and 390 kt is the world total of MCS 2025, so checking it against MCS 2025 only
# shows that it **matches its cited source**. USGS has since revised 2024 in MCS 2026; under the verdict rules
# the latest edition decides, and the table shows both. The MCS prints a world total rounded to 10 kt; each
# value's interval reaches the sum of its country rows.

# %%
# NBVAL_CHECK_OUTPUT
cnrs05_claim = claim("CNRS-05")
YEAR = cnrs05_claim.part("world_production_2024").window.start  # "In 2024"
assessed_editions = supply.editions_to_assess(production, cnrs05_claim.origin[0], EDITION)
totals = supply.world_total_by_edition(production, YEAR, assessed_editions, vintage=p.vintage)
print(text.evidence_lines(totals, ".4g~P"))
cnrs05 = assess("CNRS-05", totals)

# %% [markdown]
# ## CNRS-02 and CNRS-13 · Country shares in 2024
#
# > "In 2024, 70% of extraction … take place in China" — CNRS summary, *Key data*
# >
# > "By 2024, the United States and Myanmar accounted for 11% and 7% of global ore extraction" — CNRS summary
#
# 70 % is China's share of the MCS 2025 table, the source the same Key data cite; so, again, the cited edition
# and its revision are both shown and the latest decides. Shares are of the **printed** world total, as a reader
# of the MCS table computes them. Because USGS rounds that total, the shares do not add up to exactly 100 %; the
# residual is shown rather than hidden, and each share's interval runs to its share of the sum of the country
# rows. USGS names Myanmar "Burma".

# %%
# NBVAL_CHECK_OUTPUT
table = supply.shares(selected, YEAR)
residual = table.attrs["rounding_residual"]
hhi = supply.herfindahl_hirschman(table)
print(f"{table.attrs['source']}, {YEAR}: shares of the printed total sum to {100 - residual.magnitude:.1f} %; "
      f"HHI {hhi.magnitude:,.0f} (10,000 = one producer); top 3: {supply.top_n_share(table, 3):.3g~P}")
data.for_display(table, {"production": "kt REO"})

# %%
wide = supply.production_by_country(selected, top=7, unit="kt REO")
china_share = supply.share_series(selected, "China")
embargo = claim("CNRS-24").part("new_producers").window.start - 1
fig = figures.production_by_country(wide, world, china_share, edition=EDITION, embargo=embargo)
save_figure(fig, "01_production_by_country", notebook=NOTEBOOK, sources=selected["source_id"], claims=["CNRS-02", "CNRS-05", "CNRS-13"],
            caption="Rare-earth mine production by country, stacked, with the printed world total; China's share of the world total with its rounding interval and the CNRS figure.")

# %% [markdown]
# ### "In the 2000s … up to 97%"
#
# This needs China's production in 2000–2009 from a by-country USGS table. No faithful copy of MCS 2001–2010
# or of the Minerals Yearbook tables for those years was found; the by-country values for 2000–2015 come from
# Theler, Kauwe & Sparks (2020), a published compilation of the USGS yearbook tables (`MYB-compiled`). It is a
# report of the USGS figures, not the publisher's text, so it counts as a **second-hand** copy: at most
# *consistent*. Where no by-country table covers the window the part is reported as not checkable.

# %%
# NBVAL_CHECK_OUTPUT
cnrs13_claim = claim("CNRS-13")
peak_window = cnrs13_claim.part("china_peak_2000s").window
china_peak = supply.peak_share_evidence(selected, "China", peak_window.start, peak_window.end)
print(china_peak.needs if isinstance(china_peak, NotCheckable) else f"China's {china_peak.note}: {china_peak.value:.3g~P}")

cited_and_latest = supply.editions_to_assess(production, cnrs13_claim.origin[0], EDITION)
cnrs02 = assess("CNRS-02", supply.share_by_edition(production, YEAR, cited_and_latest, "China", vintage=p.vintage))
cnrs13 = assess("CNRS-13", china_peak_2000s=china_peak,
                united_states_2024=supply.share_by_edition(production, YEAR, cited_and_latest, "United States", vintage=p.vintage),
                myanmar_2024=supply.share_by_edition(production, YEAR, cited_and_latest, "Burma", vintage=p.vintage))

# %% [markdown]
# ## CNRS-24 · New producers after China's 2010 export restrictions
#
# > "China's export embargo in 2010 marked a geopolitical turning point, prompting several countries to
# > develop or restart REE extraction." — CNRS summary, *Who produces them…*
#
# The claim is causal; the data can test its observable part: did several countries start (or restart) mining
# after 2010? A country counts as a **new producer** when USGS lists no production for it in the `lookback`
# years up to the embargo, and at least `min_share` of the world total in some year of the window after it.
# The window is the claim's (`data/claims.yaml`): from 2011 to 2024, the years the paragraph speaks about
# ("By 2024, …"); how the count moves with the end of the window is drawn below, so a reader sees that the
# answer depends on it. Years for which only the world total is known (DS140) cannot show a country and are
# skipped; the years used are printed. "Several" is read as at least three. The years before 2016 come from the
# second-hand compilation, so the verdict is at most *consistent*.

# %%
# NBVAL_CHECK_OUTPUT
window = claim("CNRS-24").part("new_producers").window
newcomers = supply.new_producers(selected, window.start - 1, lookback=p.lookback, min_share=p.min_share, end=window.end)
counts = supply.new_producer_counts(selected, window.start - 1, range(window.start, window.end + 1), lookback=p.lookback, min_share=p.min_share)
print(f"window {window.start}–{window.end} ({window.why})")
print(f"by-country tables before: {newcomers.attrs['years_before']}; after: {newcomers.attrs['years_after']}")
print(f"{len(newcomers)} countries with no production in {window.start - p.lookback}–{window.start - 1} "
      f"and ≥ {p.min_share:.1%} of world output in {window.start}–{window.end}: {', '.join(newcomers.index)}")
print("count by end of window: " + text.pairs(counts))
cnrs24 = assess("CNRS-24", Evidence(Q_(len(newcomers), ""), sources=newcomers.attrs["source_ids"],
                                    note=f"USGS by-country tables {window.start}–{window.end}; ≥ {p.min_share:.1%} of world output"))
data.for_display(newcomers)

# %%
fig = figures.after_restrictions(supply.hhi_series(selected), supply.country_production(selected, unit="kt REO"), newcomers, counts,
                                 embargo=embargo, window_end=window.end)
save_figure(fig, "01_after_2010_restrictions", notebook=NOTEBOOK, sources=newcomers.attrs["source_ids"], claims=["CNRS-24"],
            caption="Concentration of mine production by year, production of the countries other than China (new producers marked), and how the count of new producers depends on the end of the window.")

# %% [markdown]
# ## CNRS-03 · Refining: "still 90%"
#
# > "However, still 90% of the REEs mined worldwide are refined in China." — CNRS summary, *Who produces them…*
#
# USGS does not publish separation or refining output by country. The shares below come from Natural Resources
# Canada (read in the publisher's text) and from the International Energy Agency (read only in reports of it:
# the IEA's own pages could not be reached). The reproduced value combines the statements with a data year from
# `refining_since` on by the one rule of `Evidence.spread`: statements sharing an author and data (the two IEA
# figures) are one estimate, and the value is the median of the independent estimates with their range as the
# interval. Because part of it was read second-hand, the verdict is at most *consistent*. The figure sets the
# refining share beside the mining share, which USGS does publish: the gap between the two is the point of the
# CNRS sentence.

# %%
# NBVAL_CHECK_OUTPUT
china_stages = supply.stage_shares_of(data.load("stage_shares"), "China")
cnrs03 = assess("CNRS-03", supply.stage_share_evidence(china_stages, "separation", since=p.refining_since))
data.for_display(china_stages[["stage", "year", "share", "copy", "source_id"]])

# %%
fig = figures.refining_vs_mining(china_share, china_stages, edition=EDITION)
save_figure(fig, "01_refining_vs_mining", notebook=NOTEBOOK, sources=list(china_stages["source_id"]) + list(selected["source_id"]), claims=["CNRS-03"],
            caption="China's share of world mine production (USGS series) and of separation, refining and magnet making (agency statements; hollow markers: read second-hand), with the CNRS refining figure.")

# %% [markdown]
# ## Verdicts
#
# Computed by `reelib.claims.assess` from the numbers above, with the readings declared in `data/claims.yaml`
# and the evidence rules of `reelib.claims`: the provenance column is looked up from `data/datapackage.json`,
# not typed here. Run with `-p edition 2025` to see what the tables said when the CNRS text was written.

# %%
# NBVAL_CHECK_OUTPUT
verdict_table([cnrs05, cnrs02, cnrs13, cnrs24, cnrs03])
