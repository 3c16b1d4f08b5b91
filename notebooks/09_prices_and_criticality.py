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
# # 09 · Prices and criticality: heavy against light rare earths
#
# This section checks what the two texts say about **what rare earths cost and which of them are critical**.
#
# | Claim | Source | Quote |
# |---|---|---|
# | CNRS-11 | CNRS summary, *What are REEs and what are they used for?* | "the REEs used to manufacture catalysts for the petrochemical industry (lanthanum, cerium) are worth 100 to 1,000 times less than those used for high-performance permanent magnets (dysprosium, terbium)" |
# | CLEPA-04 | CLEPA position paper, *Staying focused* | "Efforts must concentrate on the most critical vulnerabilities—above all, heavy rare earths elements for permanent magnets." |
#
# Prices are in `data/prices.csv`: the USGS Mineral Commodity Summaries' annual averages (FOB China, USD/kg) from
# every edition read, so that revisions show, and China spot quotations (Shanghai Metals Market, CNY/t) as a
# cross-check from another reporter. The EU criticality assessments are in `data/criticality.csv`. The rules are in
# `reelib.prices` and `reelib.criticality`.

# %% tags=["parameters"]
# Parameters (papermill: -p NAME VALUE)
vintage = "latest"      # "latest": each year's price as the latest edition gives it; "first": as first printed
volatility_from = 2014  # first year of the price volatility (every oxide needs a price in every year)
volatility_to = 2025    # last year of the price volatility

# %%
from reelib import catalog, criticality, data, figures, prices
from reelib.claims import assess, claim, verdict_table
from reelib.plotting import save_figure, use_style

NOTEBOOK = "09_prices_and_criticality"
use_style()
p = catalog.parameters(NOTEBOOK, vintage=vintage, volatility_from=volatility_from, volatility_to=volatility_to)
price_rows = data.load("oxide_prices")
assessments = data.load("criticality")
series = prices.usgs_series(price_rows, p.vintage)

# %%
fig = figures.price_history(series, ["Tb", "Dy", "Nd", "Ce", "La"])
save_figure(fig, "09_price_history", notebook=NOTEBOOK, sources=series["sources"].explode(), claims=["CNRS-11", "CLEPA-04"],
            caption="Oxide prices of terbium, dysprosium, neodymium, cerium and lanthanum by year (USD/kg, FOB China, log scale), as the latest USGS edition gives each year.")

# %% [markdown]
# ## CNRS-11 · La and Ce oxides worth 100 to 1,000 times less than Dy and Tb oxides
#
# > "the REEs used to manufacture catalysts for the petrochemical industry (lanthanum, cerium) are worth 100 to
# > 1,000 times less than those used for high-performance permanent magnets (dysprosium, terbium)" — CNRS summary
#
# The text speaks of 2025 (`data/claims.yaml`). Four pairs compare a heavy oxide with a light one (Dy/La, Dy/Ce,
# Tb/La, Tb/Ce); the evidence is their median and the range from the smallest pair to the largest, from the USGS
# prices of that year. The China spot quotations of the same year, every heavy quotation over every light one, are a
# second reporter's view. "100 to 1,000" is read by its digits (50–1,500).

# %%
# NBVAL_CHECK_OUTPUT
ratios = prices.heavy_over_light(series)
year = claim("CNRS-11").part("price_ratio").window.start
spot = prices.spot_ratio_evidence(price_rows, year)
cnrs11 = assess("CNRS-11", [prices.ratio_evidence(ratios, year), spot])
prices.ratio_table(ratios)

# %%
fig = figures.price_ratio(ratios, spot, year=year)
save_figure(fig, "09_price_ratio", notebook=NOTEBOOK, sources=list(ratios["sources"].explode()) + list(spot.sources), claims=["CNRS-11"],
            caption="The price of Dy and Tb oxides over that of La and Ce oxides by year (USGS, median and range of the four pairs, log scale), the 2025 China spot quotations, and the CNRS '100 to 1,000'.")

# %% [markdown]
# ## CLEPA-04 · "Above all, heavy rare earths"
#
# > "Efforts must concentrate on the most critical vulnerabilities—above all, heavy rare earths elements for permanent
# > magnets." — CLEPA position paper
#
# Read as: heavy rare earths are the more concentrated in supply, China's share of world supply of heavy over that of
# light rare earths at least 1. The European Commission's assessments give both; the latest decides (2023, read in a
# transcription of its tables, so second-hand), the earlier ones are shown. Supply-risk scores and price volatility
# are drawn beside: the assessments' supply risk ranks heavy above light in some assessments and not in others, and
# volatility does not single out heavy rare earths either. What would settle "most critical" beyond concentration is
# a ranking on one method across all materials, which the assessments do not give for the groups.

# %%
# NBVAL_CHECK_OUTPUT
china = criticality.china_share_ratios(assessments)
clepa04 = assess("CLEPA-04", criticality.concentration_evidence(china))
criticality.share_table(china)

# %%
# NBVAL_CHECK_OUTPUT
risk = criticality.group_scores(assessments, "supply_risk")
volatility = prices.volatility(series, p.volatility_from, p.volatility_to)
risk.drop(columns="source_id").round(2)

# %%
fig = figures.heavy_vs_light(china, risk, volatility)
save_figure(fig, "09_heavy_vs_light", notebook=NOTEBOOK, sources=list(china["source_id"]) + list(risk["source_id"]) + list(series["sources"].explode()),
            claims=["CLEPA-04"], caption="Heavy against light rare earths: China's share of world supply per EU assessment and stage, the EU supply-risk scores, and the volatility of annual oxide prices.")

# %% [markdown]
# ## Verdicts
#
# Computed by `reelib.claims.assess` with the readings of `data/claims.yaml`. What would settle them better: the
# 2023 EU assessment's tables read first-hand (CLEPA-04); an annual average of 2025 China spot prices from one
# reporter, beside the USGS FOB series (CNRS-11).

# %%
# NBVAL_CHECK_OUTPUT
verdict_table([cnrs11, clepa04])
