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
# # 06 · Recycling recovery chains: how much comes back
#
# This section checks what the CNRS assessment says about **recycling rare earths today**, by following what
# happens to the rare earths of a discarded product, stage by stage, and by reading the published rates.
#
# | Claim | Source | Quote |
# |---|---|---|
# | CNRS-09 | CNRS summary, *Key data*; *What are the available recycling technologies?* | "Less than 1% of REEs are recycled globally" … "The global recycling rate for REEs has remained at 1% since 2010." |
# | CNRS-21 | CNRS summary, *What are the legal and policy frameworks for recycling REEs?* | "European legislation mandates the recycling of 85% of a vehicle's mass without specifying the composition" |
# | CNRS-23 | CNRS summary, *What are the available recycling technologies?* | "REE recycling processes have a smaller carbon footprint than primary extraction." |
#
# **The model.** A product's end-of-life recycling rate is the product of the yields of the stages its rare
# earths pass through: collection, liberation of the magnet, recovery of the rare earths, return to a magnet.
# Which stages a product has, and which sourced statements give each yield, is in `data/recovery_chains.csv`
# (`reelib.recycling`); the yields themselves are in `data/recycling.csv` and `data/urban_mine.csv`, each with
# its quote. A stage no source quantifies keeps the whole 0–100 % range: the rate is then bounded by the known
# stages, and the figures say which stage is unknown rather than guessing it. The yields' ranges are propagated
# by a seeded Monte Carlo.

# %% tags=["parameters"]
# Parameters (papermill: -p NAME VALUE)
amount = "1000 kg"  # mass entering each chain in the Sankey diagrams (NdFeB magnets; phosphor for lamps)
samples = 100_000   # Monte Carlo draws of the stage yields
seed = 2011         # random seed: fixed so that the intervals are reproducible
level = 0.9         # central probability of the reported intervals

# %%
from reelib import catalog, data, figures, recycling, statements
from reelib.claims import assess, claim, verdict_table
from reelib.plotting import save_figure, use_style

NOTEBOOK = "06_recovery_chains"
use_style()
p = catalog.parameters(NOTEBOOK, amount=amount, samples=samples, seed=seed, level=level)
recycling_statements = data.load("recycling")
urban_statements = data.load("urban_mine")
chains = recycling.chains_from_data(data.load("recovery_chains"), recycling_statements, urban_statements)

# %% [markdown]
# ## The chains and what they recover
#
# For each product and route: the end-of-life recycling rate (median and central interval of the Monte Carlo),
# the sourced stage that limits it (the lowest yield), and the stages no source quantifies.

# %%
# NBVAL_CHECK_OUTPUT
rates = recycling.eol_rates(chains, p.samples, p.seed, p.level)
recycling.rate_table(chains, rates)

# %%
fig = figures.chain_yields(chains, rates, level=p.level)
save_figure(fig, "06_chain_yields", notebook=NOTEBOOK, sources=recycling.rate_sources(rates), claims=["CNRS-09"],
            caption="The yield of every stage of every recovery chain as the sources give it (grey: no sourced yield), and each chain's end-of-life recycling rate with its interval, against the CNRS figure.")

# %% [markdown]
# ### Where the rare earths are lost
#
# One Sankey diagram per chain, at the central yields (the middle of a range; a stage without a source is drawn
# at 50 % and marked): what enters each stage, what passes, what is lost there.

# %%
sankeys = figures.save_recovery_sankeys(chains, rates, p.amount, notebook=NOTEBOOK)

# %% [markdown]
# ## CNRS-09 · "Less than 1 %", and "1 % since 2010"
#
# > "Less than 1% of REEs are recycled globally" … "The global recycling rate for REEs has remained at 1% since
# > 2010." — CNRS summary
#
# The published rates are of two kinds: the **end-of-life recycling rate** (the share of the rare earths in
# discarded products that is recycled; UNEP 2011 gives it per element, read here in a transcription of its table,
# so second-hand) and the EU's **recycling input rate** (the share of the material used that comes from scrap),
# which is a different quantity and is shown, not used. The first part is judged against the global rates by one
# rule (`Evidence.spread`: statements of one origin count once); the chains' rates are a model and are shown
# beside them. The second part needs rates for the years since 2010 (the window of `data/claims.yaml`): what
# exists is a handful of separate estimates, not a series, and the figure shows them by year.

# %%
# NBVAL_CHECK_OUTPUT
global_rates = statements.select(recycling_statements, "eol_recycling_rate", region="World", subject_excludes="magnet")
window = claim("CNRS-09").part("eol_rate_since_2010").window
since = statements.select(recycling_statements, "eol_recycling_rate", subject_excludes="magnet", years=(window.start, window.end))
cnrs09 = assess(
    "CNRS-09",
    eol_recycling_rate=[statements.spread(global_rates, "percent", note=f"{len(global_rates)} published global rates"),
                        recycling.chains_evidence(rates, recycling.routes_in_use(chains), note="recovery chains of today's routes")],
    eol_rate_since_2010=statements.spread(since, "percent", note=f"{len(since)} rates published {window.start}–{window.end}"),
)
print(f"{len(global_rates)} global rates, {len(since)} of them dated {window.start}–{window.end}: "
      + statements.years(since))

# %%
fig = figures.published_rates(statements.select(recycling_statements, ["eol_recycling_rate", "eol_recycling_input_rate"]), window)
save_figure(fig, "06_published_rates", notebook=NOTEBOOK, sources=statements.select(recycling_statements, ["eol_recycling_rate", "eol_recycling_input_rate"])["source_id"],
            claims=["CNRS-09"], caption="Published recycling rates of rare earths by the year of the estimate: global end-of-life rates and EU recycling input rates, with the CNRS statement of 1 % since 2010.")

# %% [markdown]
# ## CNRS-21 · The 85 % target for vehicles, "without specifying the composition"
#
# > "European legislation mandates the recycling of 85% of a vehicle's mass without specifying the composition"
# > — CNRS summary
#
# Directive 2000/53/EC, Art. 7(2), read in Eurostat's quotation of it: reuse and recycling of at least 85 % of a
# vehicle's average weight from 2015, with no material named. The figure puts the magnets of an electric car
# against that mass: the target can be met without recovering any of them.

# %%
# NBVAL_CHECK_OUTPUT
targets = statements.select(recycling_statements, "elv_target", subject="reuse and recycling", region="EU", latest=True)
target = statements.spread(targets, "percent", note="ELV Directive target for reuse and recycling from 2015")
cnrs21 = assess("CNRS-21", target)
car = recycling.magnet_share_of_car(recycling_statements, urban_statements)
print(car.describe())

# %%
fig = figures.vehicle_mass(car, target.value)
save_figure(fig, "06_vehicle_mass", notebook=NOTEBOOK, sources=list(car.sources) + list(targets["source_id"]), claims=["CNRS-21"],
            caption="The mass of an average new car in the EU, the 85 % of it the reuse and recycling target covers, and the mass of NdFeB magnets in an electric car.")

# %% [markdown]
# ## CNRS-23 · A smaller carbon footprint than primary extraction
#
# > "REE recycling processes have a smaller carbon footprint than primary extraction." — CNRS summary
#
# No study found gives the carbon footprint of primary and recycled material on one functional unit in kg CO2e;
# they give **relative** figures ("18–33 % lower"). These are used as such: the footprint of the recycled product
# over the primary one is one minus the stated reduction. Only greenhouse-gas figures decide; the other impact
# categories (one study finds recycling *worse* for resource depletion) are drawn for context.

# %%
# NBVAL_CHECK_OUTPUT
ratios = recycling.footprint_ratios(recycling_statements)
cnrs23 = assess("CNRS-23", recycling.footprint_evidence(ratios))
ratios[["label", "low", "high", "greenhouse gas", "copy"]].round(3)

# %%
fig = figures.footprint(ratios)
save_figure(fig, "06_footprint", notebook=NOTEBOOK, sources=ratios["source_id"], claims=["CNRS-23"],
            caption="Footprint of recycled over primary rare-earth magnets from the published life-cycle assessments (one minus the stated reduction), greenhouse gases and other impact categories.")

# %% [markdown]
# ## Verdicts
#
# Computed by `reelib.claims.assess` with the readings of `data/claims.yaml`. What would settle them: a
# world series of end-of-life recycling rates since 2010 on one definition (CNRS-09); a carbon footprint in kg
# CO2e per kg of primary and of recycled magnet or oxide on one functional unit, read first-hand (CNRS-23).

# %%
# NBVAL_CHECK_OUTPUT
verdict_table([cnrs09, cnrs21, cnrs23])
