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
# # 07 · The EU urban mine of NdFeB magnets
#
# This section checks what the two texts say about **what end-of-life products can give back**, with a dynamic
# stock model of the permanent magnets in use in the EU, 2000–2050.
#
# | Claim | Source | Quote |
# |---|---|---|
# | CNRS-22 | CNRS summary, *What factors influence widespread REEs recycling*; *legal and policy frameworks* | "REEs from a wind turbine remain unavailable for several decades" … "the urban mine's historical stock remains insufficient" |
# | CLEPA-03 | CLEPA position paper, *5. Establish coherent circularity strategies* | "current EU capacity and scrap availability are insufficient to address short-term supply risks" |
# | CLEPA-07 | CLEPA position paper, *Challenges* | "far fewer materials available than Europe needs for its e-mobility and industrial goals" |
# | CLEPA-08 | CLEPA position paper, *5. Establish coherent circularity strategies* | "securing sufficient feedstock through measures such as a scrap export ban" |
#
# **The model** (`reelib.urban`, `reelib.stocks`). What the EU buys in magnets each year, by product, is built from
# sourced statements (`data/urban_mine.csv`): EU magnet demand through its anchors (2010, 2019, 2023–2025,
# 2030), electric cars registered times the magnet mass per car, wind capacity installed times the share of
# permanent-magnet generators and the magnet mass per MW, the global share of electronics; the rest is "other
# uses". Each cohort stays in use for its product's service life and then leaves: the in-use stock and the
# end-of-life outflow are flodym's inflow-driven cohort model, run for every scenario in one vectorised call. The
# scenarios draw every ranged input from its sourced range; what no source gives (demand after 2030, the
# collection of "other" magnets) is a parameter or the whole range, and said so. Everything here rests on a
# model, so no verdict can be better than *consistent*.

# %% tags=["parameters"]
# Parameters (papermill: -p NAME VALUE)
start = 2000                 # first year of the stock model (the first cohort)
end = 2050                   # last year of the stock model
scenarios = 2000             # scenarios drawn from the sourced ranges (one vectorised run)
seed = 2050                  # random seed of the scenario draws
level = 0.9                  # central probability of the scenario intervals
growth_after_2030 = "0 %/a"  # growth of EU magnet demand after 2030 (no sourced projection)
jrc_scenario = "low"         # JRC scenario for the share of permanent-magnet wind generators: "low" or "high"

# %%
from reelib import catalog, data, figures, urban
from reelib.claims import assess, verdict_table
from reelib.plotting import save_figure, use_style

NOTEBOOK = "07_urban_mine"
use_style()
p = catalog.parameters(NOTEBOOK, start=start, end=end, scenarios=scenarios, seed=seed, level=level,
                       growth_after_2030=growth_after_2030, jrc_scenario=jrc_scenario)
mine = urban.model(data.load("urban_mine"), data.load("recycling"), data.load("recovery_chains"), p)
evidence = urban.claim_evidence(mine)

# %% [markdown]
# ## What goes in: the sourced inputs
#
# The ranges each scenario draws from, with their sources (`data/urban_mine.csv` has every quote).

# %%
# NBVAL_CHECK_OUTPUT
urban.input_table(mine.inputs)

# %% [markdown]
# ## The stock in use and what leaves it
#
# Two limits of the model show in the figure. It starts with the cohort of the first year (2000 by default): magnets
# bought before then are not in the stock, so the early outflow is too low by what the 1990s put into use (little:
# EU demand then was a fraction of today's). And EU wind installations jump in 2025 because WindEurope's forecast is
# an average of 29 GW a year for 2024–2030, against 13 GW installed in 2024; no source gives the path in between.

# %%
fig = figures.urban_stock(mine.result, mine.demand, level=p.level)
save_figure(fig, "07_stock_and_outflow", notebook=NOTEBOOK, sources=mine.inputs.sources, claims=["CNRS-22"],
            caption="NdFeB magnets in use in the EU by product, and the magnets reaching the end of their life each year against EU demand (medians of the scenarios).")

# %% [markdown]
# ## CNRS-22 · Wind-turbine magnets come back after decades; the urban mine is too small
#
# > "REEs from a wind turbine remain unavailable for several decades" … "the urban mine's historical stock remains
# > insufficient" — CNRS summary
#
# The first part is the service life of a wind turbine, as the sources state it ("several decades" is read as at
# least 30 years). The second compares, for the year the text speaks of (2025, `data/claims.yaml`), the magnets
# reaching the end of their life with what the EU uses: even if all of them were recycled, would they cover
# demand?

# %%
# NBVAL_CHECK_OUTPUT
cnrs22 = assess("CNRS-22", **evidence["CNRS-22"])
print(f"{mine.now}: end-of-life magnets / demand = {urban.summary(urban.outflow_over_demand(mine.result, mine.demand, mine.now), p.level)} "
      f"({p.scenarios:,} scenarios)")

# %%
fig = figures.wind_return(mine.result, level=p.level)
save_figure(fig, "07_wind_return", notebook=NOTEBOOK, sources=mine.inputs.sources, claims=["CNRS-22"],
            caption="NdFeB magnets installed in new EU wind turbines each year, and the magnets coming back from decommissioned turbines, with the spread of the scenarios.")

# %% [markdown]
# ## CLEPA-03 and CLEPA-08 · Recycling capacity and feedstock
#
# > "current EU capacity and scrap availability are insufficient to address short-term supply risks" … "while also
# > securing sufficient feedstock through measures such as a scrap export ban" — CLEPA position paper
#
# **Now** (2025): what EU recycling could supply is the smaller of the magnets collected at end of life and the
# capacity of the plants operating, against EU demand. **The build-up** (2030, the horizon of the Critical Raw
# Materials Act): with a ban on exports, every collected magnet stays in the EU; is that enough to feed the
# capacity operating or announced for 2030? How much scrap is exported today is not known (no figure was found),
# so the figure shows the feedstock for any export share. Collection rates come from the recovery chains of
# notebook 06; for "other uses" nothing is known (0–100 %).

# %%
# NBVAL_CHECK_OUTPUT
supply = mine.supply
clepa03 = assess("CLEPA-03", **evidence["CLEPA-03"])
clepa08 = assess("CLEPA-08", **evidence["CLEPA-08"])
print(f"operating capacity {supply.now}: {supply.operating[0]:,.0f}–{supply.operating[1]:,.0f} t/a; "
      f"operating or announced by {supply.horizon}: {supply.planned[0]:,.0f}–{supply.planned[1]:,.0f} t/a")
print(f"{supply.now}: recyclable now / demand = {urban.summary(supply.available_over_demand, p.level)}")
print(f"{supply.horizon}: collected scrap / capacity = {urban.summary(supply.kept_over_capacity, p.level)}")

# %%
fig = figures.secondary_supply(mine.result.years, mine.demand, supply.collected, supply.recovered, supply.capacity_steps, level=p.level, now=supply.now)
save_figure(fig, "07_secondary_supply", notebook=NOTEBOOK, sources=mine.sources, claims=["CLEPA-03", "CNRS-22"],
            caption="EU magnet demand against the end-of-life magnets collected in the EU, what today's recycling routes would recover from them, and the recycling capacity operating and announced.")

# %%
fig = figures.export_ban(supply.collected_in(supply.horizon), supply.planned, year=supply.horizon, level=p.level)
save_figure(fig, "07_export_ban", notebook=NOTEBOOK, sources=mine.sources, claims=["CLEPA-08"],
            caption="NdFeB scrap kept in the EU for any share exported, against the recycling capacity operating or announced for 2030; a ban keeps all of it.")

# %% [markdown]
# ## Rare earths in the end-of-life magnets
#
# The outflow by element, from the magnets' composition where a source gives it (wind: the Commission's figures
# for direct-drive generators; electronics: an analysis of hard-drive magnets; electric cars and other uses: a
# generic sintered grade, which names no Pr or Tb).

# %%
composition, composition_sources = urban.compositions(mine.statements)
fig = figures.element_outflow(urban.element_outflow(mine.result, composition), missing=urban.missing_compositions(composition))
save_figure(fig, "07_element_outflow", notebook=NOTEBOOK, sources=list(mine.inputs.sources) + list(composition_sources), claims=["CNRS-22"],
            caption="Nd, Pr, Dy and Tb in the EU's end-of-life magnets each year (median of the scenarios), from the products whose magnet composition is sourced.")

# %% [markdown]
# ## CLEPA-07 · What the EU could get without Chinese magnets
#
# > "far fewer materials available than Europe needs for its e-mobility and industrial goals" — CLEPA position paper
#
# Under China's export licensing, what remains available is the magnets the EU does not get from China: one minus
# the share of EU magnet demand met from China. "Far fewer" is read as at most half (`data/claims.yaml`). The
# statements of that share:

# %%
# NBVAL_CHECK_OUTPUT
clepa07 = assess("CLEPA-07", **evidence["CLEPA-07"])
urban.china_share_table(mine.statements)

# %% [markdown]
# ## Verdicts
#
# Computed by `reelib.claims.assess` with the readings of `data/claims.yaml`. What would settle them: EU
# statistics of end-of-life magnets collected and of magnet scrap exported (Comext has no code for NdFeB scrap),
# product lifetimes as distributions, and EU magnet demand by application.

# %%
# NBVAL_CHECK_OUTPUT
verdict_table([cnrs22, clepa03, clepa07, clepa08])
