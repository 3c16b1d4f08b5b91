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
# # 02 · Growth of world mine production
#
# > "Global production of REEs has been growing by an average of 13% per year since 2015 (doubling every six
# > years)" — CNRS summary, *Key data* (claim **CNRS-06**)
#
# An "average growth rate" is the slope of ln(production) against time. It is estimated here by ordinary
# least squares over the window the claim names, so that the rate and the doubling time (ln 2 / slope) come
# with a 95 % confidence interval from the scatter of the years around the trend. The series is USGS world
# mine production in t REO (`data/usgs_rare_earths_production.csv`), taking for each year the newest USGS
# publication up to the chosen MCS edition (by default the latest in `data/`), and, for years where only the
# world total matters, the USGS's own Historical Statistics before a second-hand compilation of its yearbooks.
# The window, 2015–2024, is the claim's (`data/claims.yaml`: "since 2015", to the latest year the text speaks
# of). How the result moves with the start year and the edition is shown after the verdict.

# %% tags=["parameters"]
# Parameters (papermill: -p NAME VALUE)
edition = "latest"   # MCS edition that fixes what is known: "latest" in data/, or a year
vintage = "latest"   # "latest": revised values; "first": first estimates
confidence = 0.95    # level of the confidence intervals

# %%
import numpy as np

from reelib import catalog, data, figures, supply
from reelib.claims import assess, claim, verdict_table
from reelib.growth import claimed_path, fit_world_growth, robustness
from reelib.plotting import save_figure, use_style

NOTEBOOK = "02_production_growth"
use_style()
production = data.load("usgs_production")
p = catalog.parameters(NOTEBOOK, edition=edition, vintage=vintage, confidence=confidence)
EDITION = supply.resolve_edition(production, p.edition)
window = claim("CNRS-06").part("growth_rate").window
world = supply.world_series(supply.select_vintage(production, EDITION, vintage=p.vintage, order=supply.WORLD_ORDER))

# %% [markdown]
# ## CNRS-06 · 13 % a year since 2015, doubling every six years
#
# The log-linear fit over the claim's window, with the production it rests on.

# %%
# NBVAL_CHECK_OUTPUT
fit = fit_world_growth(world, start=window.start, end=window.end, confidence=p.confidence)
level = f"{p.confidence:.0%}"
print(f"{window.start}–{window.end} ({fit.points} years, as of MCS {EDITION}, {p.vintage}):")
print(f"  growth rate   {fit.rate:.3g~P}  ({level} CI {fit.rate_low.magnitude:.3g}–{fit.rate_high.magnitude:.3g})")
print(f"  doubling time {fit.doubling_time:.3g~P}  ({level} CI {fit.doubling_low.magnitude:.3g}–{fit.doubling_high.magnitude:.3g})")
data.for_display(world.loc[window.start:window.end], {"production": "kt REO"})

# %%
trend = fit.trend(np.arange(window.start, window.end + 1))
stated_rate = claim("CNRS-06").part("growth_rate")
claimed = claimed_path(world["production"].pint.quantity[world.index.get_loc(window.start)], stated_rate, trend.index)
fig = figures.growth_fit(world.loc[window.start:window.end], trend, claimed, stated_rate, rate=fit.rate, level=level, start=window.start, end=window.end)
save_figure(fig, "02_growth_fit", notebook=NOTEBOOK, sources=fit.sources, claims=["CNRS-06"],
            caption="World mine production on a log scale with its log-linear trend and confidence band, and the path the stated 13 % per year would take from the same start.")

# %% [markdown]
# ## Verdict
#
# The stated 13 %/a and "six years" are read by the one policy of `data/claims.yaml` (a number stands for the
# interval it rounds from); the shaded bands in the figures are those stated intervals. A fit whose central
# value falls outside but whose confidence interval reaches the stated interval is `consistent`; so is one that
# rests partly on a second-hand copy.

# %%
# NBVAL_CHECK_OUTPUT
cnrs06 = assess("CNRS-06", growth_rate=fit.rate_evidence(), doubling_time=fit.doubling_evidence())
verdict_table([cnrs06])

# %% [markdown]
# ## Robustness: start year and edition
#
# The same fit for every start year from 2010 to 2018 (end year fixed at the last year each edition
# covers), for each MCS edition in the data. Editions revise recent years, and the start year decides
# whether the 2010–2013 slump after China's export restrictions is inside the window.

# %%
# NBVAL_CHECK_OUTPUT
table = robustness(production, starts=range(2010, 2019), end=window.end, vintage=p.vintage, confidence=p.confidence)
table.pivot(index="start", columns="edition", values="rate (%/a)").round(1)

# %%
fig = figures.growth_robustness(table, level=level)
save_figure(fig, "02_growth_robustness", notebook=NOTEBOOK, sources=production["source_id"], claims=["CNRS-06"],
            caption="The fitted growth rate (with its interval) and doubling time for each first year of the window, for each USGS edition, against the stated 13 % per year and six years.")
