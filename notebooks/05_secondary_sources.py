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
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05 · Secondary sources: rare earths in coal ash and bauxite residue
#
# Coal-fired power stations and alumina refineries leave wastes that carry rare earths: the ash of the coal, and
# the residue ("red mud") of the bauxite. This section recomputes what the CNRS assessment says about them
# from tonnages and concentrations, each taken from the sources in `data/secondary_sources.csv`, and carries
# their uncertainty through by Monte Carlo (`reelib.secondary`, seeded, so the intervals are the same on every
# run).
#
# | Claim | Source | Quote |
# |---|---|---|
# | CNRS-10 | CNRS summary, *Key data* | "The quantity of REEs present in coal ash and bauxite residues generated worldwide in 2020 was 320 kt and 150 kt respectively" |
# | CNRS-18 | CNRS summary, *What are the available substitutes…* | "the coal ash … generated worldwide each year contains a quantity of REEs of the same order of magnitude as that extracted from primary sources" |
# | CNRS-17 | CNRS summary, *What are the available substitutes…* | "the concentration of REEs in bauxite mining residues is twice that found in the ore prior to alumina extraction" |
#
# **Basis.** Concentrations in ash and residue are reported as **element** mass (REE, some sources adding Y and
# Sc; each row says which); mine production is reported as **oxide** (REO). Comparisons convert the oxide to
# element mass over the range that any mix of rare-earth oxides allows (`reelib.convert_any_mix`), rather than
# assuming one.
#
# **What the words mean** (fixed once in `data/claims.yaml`): "320 kt" and "150 kt" are read to two significant
# figures (±5 %); "of the same order of magnitude" as a ratio within a factor √10 of 1 (0.32–3.2); "twice" as a
# factor of 1.5–2.5.

# %% tags=["parameters"]
# Parameters (papermill: -p NAME VALUE)
# Each input is "sources" (the range the sourced values span) or a value or range with units:
# "300 ppm REE", "264..500 ppm REE", or "264..350..500 ppm REE" (low..most likely..high).
coal_ash_tonnage = "sources"        # coal ash generated per year (e.g. "750..1000 Mt/a")
coal_ash_concentration = "sources"  # REE in coal ash, element mass (e.g. "264..500 ppm REE")
residue_tonnage = "sources"         # bauxite residue generated per year (e.g. "160..175 Mt/a")
residue_concentration = "sources"   # REE in bauxite residue, element mass (e.g. "300..1000 ppm REE")
edition = "latest"                  # MCS edition for the world mine production compared with
samples = 100_000                   # Monte Carlo draws
seed = 20201                        # random seed: fixed so that the intervals are reproducible
level = 0.9                         # central probability of the reported intervals

# %%

import reelib
from reelib import catalog, data, figures, secondary, supply
from reelib.claims import Evidence, assess, claim, verdict_table
from reelib.plotting import save_figure, use_style

NOTEBOOK = "05_secondary_sources"
use_style()
inputs = data.load("secondary_inputs")
production = data.load("usgs_production")
YEAR = 2020  # "generated worldwide in 2020" (CNRS-10): the claim fixes the year of the tonnages
p = catalog.parameters(NOTEBOOK, coal_ash_tonnage=coal_ash_tonnage, coal_ash_concentration=coal_ash_concentration,
                       residue_tonnage=residue_tonnage, residue_concentration=residue_concentration,
                       edition=edition, samples=samples, seed=seed, level=level)

ash = secondary.SecondarySource(
    "coal ash",
    tonnage=secondary.input_range("coal_ash_tonnage", p.coal_ash_tonnage, inputs, "coal_ash_generation", "Mt/a", year=YEAR),
    concentration=secondary.input_range("coal_ash_concentration", p.coal_ash_concentration, inputs, "coal_ash_ree", "ppm REE"),
)
residue = secondary.SecondarySource(
    "bauxite residue",
    tonnage=secondary.input_range("residue_tonnage", p.residue_tonnage, inputs, "bauxite_residue_generation", "Mt/a", year=YEAR),
    concentration=secondary.input_range("residue_concentration", p.residue_concentration, inputs, "bauxite_residue_ree", "ppm REE"),
)
world_mined = supply.world_series(supply.select_vintage(production, supply.resolve_edition(production, p.edition), order=supply.WORLD_ORDER)).loc[YEAR]
mined_reo = world_mined["production"].to("kt REO")
mined_ree = reelib.convert_any_mix(mined_reo, "kt REE")

# %% [markdown]
# ## The inputs
#
# Each input is the range its sources span, sampled uniformly: the sources differ in scope (a US basin, an
# Indian study, a European plant), and none is a measured world average, so none is preferred. The table lists
# every statement; `copy` says whether it was read in the publisher's text.

# %%
# NBVAL_CHECK_OUTPUT
print(secondary.describe_inputs([ash, residue]))
print(f"world mine production {YEAR} ({world_mined['publication']} {int(world_mined['edition'])}): {mined_reo:.3g~P} = {mined_ree[0]:.3g~P} – {mined_ree[1]:.3g~P} as element")
data.for_display(inputs[["input", "region", "year", "low", "central", "high", "unit", "copy", "source_id"]])

# %% [markdown]
# ## CNRS-10 · REE in the coal ash and bauxite residue of 2020
#
# > "The quantity of REEs present in coal ash and bauxite residues generated worldwide in 2020 was 320 kt and
# > 150 kt respectively" — CNRS summary, *Key data*
#
# REE generated = tonnage × concentration, propagated by Monte Carlo; the median and the central `level`
# interval are reported. The estimate rests on assumed ranges (no world average concentration was found), so
# its basis is a model: the best verdict it can give is *consistent*.

# %%
# NBVAL_CHECK_OUTPUT
ash_ree = ash.contained(samples=p.samples, seed=p.seed, level=p.level)
residue_ree = residue.contained(samples=p.samples, seed=p.seed + 1, level=p.level)
print(f"REE in the coal ash of {YEAR}: {ash_ree.describe()}", f"REE in the bauxite residue of {YEAR}: {residue_ree.describe()}", sep="\n")
cnrs10 = assess("CNRS-10", coal_ash_2020=ash_ree.evidence("tonnage × concentration"),
                bauxite_residue_2020=residue_ree.evidence("tonnage × concentration"))

# %% [markdown]
# ### Context: what is known by country, and the accumulated residue stock
#
# No world coal-ash statistic with a year was found; two national figures show the scale (fly ash alone in
# India, all coal ash in China a decade earlier). Bauxite residue also accumulates: its stock, with the same
# concentration range, holds the REE of many years' generation. The two stock figures are of different years
# (c. 2017 and 2024) of a stock that grows, so their range mixes growth with disagreement. Neither enters a verdict.

# %%
# NBVAL_CHECK_OUTPUT
by_country = secondary.input_rows(inputs, "coal_ash_generation_country")
stock = secondary.SecondarySource("bauxite residue stock", tonnage=secondary.sourced_range(inputs, "bauxite_residue_stock", "Mt"),
                                  concentration=residue.concentration)
stock_ree = stock.contained(samples=p.samples, seed=p.seed + 3, level=p.level)
print(secondary.describe_statements(by_country, "coal ash"),
      f"REE in the accumulated bauxite residue ({stock.tonnage.describe()}): {stock_ree.describe('.2g~P', 'Mt REE')} "
      f"= {supply.years_of_supply(stock_ree.median, residue_ree.median):.0f~P} of generation",
      sep="\n")

# %% [markdown]
# ## CNRS-18 · Coal ash against primary extraction
#
# > "the coal ash … generated worldwide each year contains a quantity of REEs of the same order of magnitude as
# > that extracted from primary sources" — CNRS summary
#
# The ratio of the REE in a year's coal ash to the REE mined that year. Its interval combines the ash estimate's
# interval with the range of element mass that the mined oxide can hold.

# %%
# NBVAL_CHECK_OUTPUT
ratio, ratio_low, ratio_high = secondary.ratio_to_mined(ash_ree, mined_ree)
print(f"REE in coal ash / REE mined, {YEAR}: {ratio:.2g~P} [{ratio_low:.2g~P} – {ratio_high:.2g~P}]")
cnrs18 = assess("CNRS-18", Evidence(ratio, low=ratio_low, high=ratio_high, basis="model", sources=ash_ree.sources + (world_mined["source_id"],),
                                    note=f"coal-ash estimate over {world_mined['publication']} {int(world_mined['edition'])} world mine production as element"))

# %%
published = secondary.published_estimate(inputs, "residue_ree_estimate", "bauxite residue")
stated = {"coal ash": claim("CNRS-10").part("coal_ash_2020").stated_value,
          "bauxite residue": claim("CNRS-10").part("bauxite_residue_2020").stated_value}
fig = figures.contained_vs_primary({"coal ash": ash_ree, "bauxite residue": residue_ree}, stated, published, mined_ree, year=YEAR, level=p.level)
save_figure(fig, "05_contained_vs_primary", notebook=NOTEBOOK, sources=ash_ree.sources + residue_ree.sources + (world_mined["source_id"], published.source_id),
            claims=["CNRS-10", "CNRS-18"],
            caption="REE in the coal ash and bauxite residue generated in one year (Monte Carlo median and interval), the CNRS figures, a published residue estimate, and world mine production as element mass.")

# %% [markdown]
# ## How the answer moves with the concentration assumed
#
# The concentration is the least certain input. The curves show the REE in a year's waste for any assumed
# concentration, the band covering the tonnage range; the markers show the concentrations the sources report
# and the US Department of Energy's cut-off grade for coal by-products.

# %%
cutoff = secondary.sourced_range(inputs, "coal_ash_cutoff", "ppm REE").bounds[0]
panels = [secondary.sensitivity_panel(ash, stated["coal ash"], inputs, "coal_ash_ree", cutoff=cutoff),
          secondary.sensitivity_panel(residue, stated["bauxite residue"], inputs, "bauxite_residue_ree")]
fig = figures.sensitivity(panels, mined_ree, year=YEAR)
save_figure(fig, "05_sensitivity", notebook=NOTEBOOK, sources=inputs["source_id"], claims=["CNRS-10", "CNRS-18"],
            caption="REE generated per year against the concentration assumed, for the sourced tonnage range, with the CNRS figures, world mine production and the US DOE cut-off grade; below, the concentrations each source reports.")

# %% [markdown]
# ## CNRS-17 · "Twice the concentration in the ore"
#
# > "the concentration of REEs in bauxite mining residues is twice that found in the ore prior to alumina
# > extraction" — CNRS summary
#
# **Mass balance.** Refining one tonne of alumina takes *b* tonnes of bauxite and leaves *r* tonnes of residue;
# if a fraction *k* of the rare earths stays in the residue, the residue is enriched by *k × b / r*. The ratios
# come from the sources (bauxite per alumina from US refineries, the only such figure found; residue per alumina
# as a world range; *k* from a plant mass balance). **Measured.** No study reporting the same samples before and
# after refining was found; the ratios of typical residue to typical bauxite concentrations from the same
# region are drawn beside the mass balance, labelled by their sources.

# %%
# NBVAL_CHECK_OUTPUT
mass_balance = secondary.enrichment_estimate(secondary.sourced_range(inputs, "bauxite_per_alumina", "t/t"),
                                             secondary.sourced_range(inputs, "residue_per_alumina", "t/t"),
                                             secondary.sourced_range(inputs, "ree_retained", ""),
                                             samples=p.samples, seed=p.seed + 2, level=p.level)
cnrs17 = assess("CNRS-17", mass_balance.evidence("Bayer mass balance: retained × bauxite per alumina / residue per alumina"))
measured = secondary.measured_enrichments(inputs)  # same-region statements, not paired samples: secondary.ENRICHMENT_PAIRS
print(f"mass balance: residue/ore concentration {mass_balance.describe()}", secondary.describe_enrichments(measured), sep="\n")

# %%
fig = figures.enrichment(mass_balance.draws.magnitude, mass_balance.median.magnitude, measured)
save_figure(fig, "05_enrichment", notebook=NOTEBOOK, sources=mass_balance.sources + measured.attrs["source_ids"], claims=["CNRS-17"],
            caption="Enrichment of rare earths in bauxite residue over the bauxite: the Bayer mass balance as a distribution, typical residue over typical bauxite concentrations of the same region as ranges, and the CNRS figure.")

# %% [markdown]
# ## Verdicts
#
# Computed by `reelib.claims.assess` with the readings in `data/claims.yaml`. All three rest on assumed ranges
# rather than measured world averages, so they can be *consistent* at best; the figures show how much room the
# ranges leave. What would settle them: a world coal-ash generation statistic with a year (e.g. Harris et al.'s
# table of coal combustion products by country), ash-basis REE averages by coal type (Ketris & Yudovich 2009),
# and same-sample REE assays of bauxite and its residue.

# %%
# NBVAL_CHECK_OUTPUT
verdict_table([cnrs10, cnrs18, cnrs17])
