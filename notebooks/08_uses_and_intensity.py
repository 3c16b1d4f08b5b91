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
# # 08 · What rare earths are used for, and how much a product holds
#
# This section checks what the two texts say about **end uses and product intensities**.
#
# | Claim | Source | Quote |
# |---|---|---|
# | CNRS-07 | CNRS summary, *Key data* | "One-third of global REEs consumption is used in the manufacture of permanent magnets" |
# | CNRS-08 | CNRS summary, *Key data* | "One offshore wind turbine motor contains as many REEs as 2 million mobile phones" |
# | CNRS-12 | CNRS summary, *What are REEs and what are they used for?* | "from 0.01% by mass for an optical fibre to nearly 30% for a marine wind turbine magnet" |
# | CLEPA-01 | CLEPA position paper, *Context* | "An electric vehicle requires over 200 kg of minerals" |
#
# Every number comes from `data/uses.csv` (magnet compositions also from `data/urban_mine.csv`), each row with its
# source, the copy read and the quote; the rules that turn rows into evidence are in `reelib.uses`.

# %% tags=["parameters"]
# Parameters (papermill: -p NAME VALUE)
turbine = "average new offshore"  # "average new offshore" (6.8–8.2 MW) or "large direct-drive" (12–15 MW models)
samples = 100_000                 # Monte Carlo draws of the turbine-against-phones ratio
seed = 2012                       # random seed: fixed so that the intervals are reproducible
level = 0.9                       # central probability of the reported intervals

# %%
from reelib import catalog, data, figures, uses
from reelib.claims import assess, verdict_table
from reelib.plotting import save_figure, use_style

NOTEBOOK = "08_uses_and_intensity"
use_style()
p = catalog.parameters(NOTEBOOK, turbine=turbine, samples=samples, seed=seed, level=level)
use_statements = data.load("uses")
compositions = data.load("urban_mine")

# %% [markdown]
# ## CNRS-07 · A third of rare-earth use goes into magnets
#
# > "One-third of global REEs consumption is used in the manufacture of permanent magnets" — CNRS summary
#
# "One-third" is read as the shares nearer to 1/3 than to any other simple fraction (29.2–36.7 %). What decides is
# the world share of magnets **by mass** for years that have passed; first-hand readings decide, second-hand ones
# are shown beside them. Forecasts, shares by value and groups that include more than magnets are drawn but not used.

# %%
# NBVAL_CHECK_OUTPUT
shares = uses.magnet_shares(use_statements)
cnrs07 = assess("CNRS-07", uses.magnet_share_evidence(use_statements))
uses.share_summary(shares)

# %%
fig = figures.magnet_shares(shares)
save_figure(fig, "08_magnet_shares", notebook=NOTEBOOK, sources=shares["source_id"], claims=["CNRS-07"],
            caption="Permanent magnets' share of world rare-earth use by year and source: by mass, forecast by mass, and by value, against the CNRS 'one-third' (two undated statements, ERMA's 20 % by volume and over 70 % by value for magnets and motors, have no place on the time axis).")

# %% [markdown]
# ## CNRS-08 · One offshore turbine, two million phones
#
# > "One offshore wind turbine motor contains as many REEs as 2 million mobile phones" — CNRS summary
#
# REE in one turbine = rating × NdFeB per MW of a direct-drive generator × REE mass fraction of the magnet; REE in
# one phone is the whole phone's (one phone analysed whole, or the loudspeaker magnet's REE over the 96 % of a
# phone's REE that sits in its magnets). Each factor is drawn over the range its sources span. The parameter
# `turbine` chooses which turbine is "one offshore wind turbine"; the figure shows both. The result rests on a
# model of four factors, so it can be *consistent* at best.

# %%
# NBVAL_CHECK_OUTPUT
both = uses.turbine_phones_by_kind(use_statements, samples=p.samples, seed=p.seed, level=p.level)
chosen = both[p.turbine]
cnrs08 = assess("CNRS-08", chosen.phones.evidence(f"phones per {p.turbine} turbine: rating × NdFeB per MW × REE fraction over REE per phone"))
print(f"REE in one {p.turbine} turbine: {chosen.turbine_ree.median:,.0f~P} [{chosen.turbine_ree.low:,.0f~P}–{chosen.turbine_ree.high:,.0f~P}]")
print(f"phones with as much: {chosen.phones.median.m:,.0f} [{chosen.phones.low.m:,.0f}–{chosen.phones.high.m:,.0f}]")
chosen.inputs()

# %%
fig = figures.turbine_phones(both)
save_figure(fig, "08_turbine_phones", notebook=NOTEBOOK, sources=chosen.sources + both["large direct-drive"].sources, claims=["CNRS-08"],
            caption="How many mobile phones hold as much rare earth as one offshore wind turbine, for the average new turbine and the large direct-drive models, against the CNRS figure of 2 million.")

# %% [markdown]
# ## CNRS-12 · From 0.01 % in an optical fibre to nearly 30 % in a wind-turbine magnet
#
# > "from 0.01% by mass for an optical fibre to nearly 30% for a marine wind turbine magnet" — CNRS summary
#
# The fibre: the concentration of erbium oxide in the doped fibre of lumped optical amplifiers, as the one
# first-hand source states it (10–1000 ppm). It is the doped core's, not a whole fibre's, and the source does not say
# whether by weight or by mole, so the evidence is only that range. The magnet: the stated REE fraction of
# wind-turbine magnets, and the sum of the element fractions where a source gives Nd, Pr and Dy.

# %%
# NBVAL_CHECK_OUTPUT
wind = uses.wind_magnet_fractions(use_statements, compositions)
cnrs12 = assess("CNRS-12", optical_fibre=uses.fibre_fraction_evidence(use_statements), wind_magnet=uses.wind_magnet_evidence(wind))
uses.wind_magnet_table(wind)

# %%
fig = figures.ree_fractions(uses.fibre_fraction_evidence(use_statements), wind)
save_figure(fig, "08_ree_fractions", notebook=NOTEBOOK, sources=list(wind["source_id"]) + list(uses.fibre_fraction_evidence(use_statements).sources), claims=["CNRS-12"],
            caption="The rare-earth mass fraction of an erbium-doped amplifier fibre and of wind-turbine NdFeB magnets on one logarithmic axis, with the CNRS values.")

# %% [markdown]
# ## CLEPA-01 · Over 200 kg of minerals in an electric car
#
# > "An electric vehicle requires over 200 kg of minerals" — CLEPA position paper
#
# The figure is the IEA's (2021) list of minerals per car, read in relays (the IEA's own chart was not read
# first-hand). Only a complete list is summed: a relay that leaves minerals out would make the total look smaller.
# The list does not count steel and aluminium, so "minerals" here means the IEA's selection.

# %%
# NBVAL_CHECK_OUTPUT
lists = uses.mineral_lists(use_statements)
clepa01 = assess("CLEPA-01", uses.minerals_evidence(lists))
print(uses.describe_ratio(lists))

# %%
fig = figures.car_minerals(lists)
save_figure(fig, "08_car_minerals", notebook=NOTEBOOK, sources=lists.loc[lists["complete"], "source_id"], claims=["CLEPA-01"],
            caption="Minerals in an electric and a conventional car by mineral (IEA list, steel and aluminium not counted), against CLEPA's 'over 200 kg'.")

# %% [markdown]
# ## Verdicts
#
# Computed by `reelib.claims.assess` with the readings of `data/claims.yaml`. What would settle them: a first-hand
# world breakdown of REE use by mass for recent years (CNRS-07); the REE content of one named offshore turbine and of
# one phone measured whole on the same basis (CNRS-08); the REE content of a whole telecom fibre by weight (CNRS-12);
# the IEA's list read first-hand (CLEPA-01).

# %%
# NBVAL_CHECK_OUTPUT
verdict_table([cnrs07, cnrs08, cnrs12, clepa01])
