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
# # 03 · Resources and reserves: how much is in the ground
#
# This section checks what the CNRS assessment says about **how much rare earth there is**, and where.
# Two words matter. A **resource** is a concentration of rare earths whose tonnage and grade have been
# estimated; a **reserve** is the part of it that can be mined at a profit with known technology. The CNRS
# figures (CNRS-01, -04, -20) speak of resources; the U.S. Geological Survey publishes reserves. The two are
# not interchangeable, and this notebook keeps them apart.
#
# | Claim | Source | Quote |
# |---|---|---|
# | CNRS-01 | CNRS summary, *Key data* | "Global primary REEs resources are estimated at 478 million tonnes (Mt)" |
# | CNRS-04 | CNRS summary, *Key data* | "China, which holds 35% of the world's resources, ahead of five countries each holding 9–11%" |
# | CNRS-25 | CNRS summary, *Who produces them…* | "Around ten countries have exploitable reserves" |
# | CNRS-20 | CNRS summary, *What are the available substitutes…* | "Greenland has eight large, unexploited REE deposits (totalling 34.79 Mt)" |
# | CNRS-19 | CNRS summary, *What are the available substitutes…* | "polymetallic nodules worldwide are estimated to contain between 2 and 12 Mt of REEs" |
#
# Inputs: USGS reserves (`data/usgs_rare_earths_reserves.csv`), published resource estimates
# (`data/ree_resources.csv`) and USGS mine production, for years of supply. Every row names its source and
# whether the value was read in the publisher's own text or in a report of it (`copy`). All masses are
# tonnes of **rare-earth oxide (REO)**.

# %% tags=["parameters"]
# Parameters (papermill: -p NAME VALUE)
edition = "latest"      # MCS edition for reserves and production: "latest" in data/, or a year
production_year = 2024  # year whose world mine production sets the "years of supply"
min_reserve_share = 0.0 # a country counts for CNRS-25 if its reserves are at least this fraction (0–1) of the listed total

# %%

from reelib import Q_, catalog, data, figures, supply, text
from reelib.claims import Evidence, NotCheckable, assess, verdict_table
from reelib.plotting import save_figure, use_style

NOTEBOOK = "03_resources_and_reserves"
use_style()
reserves = data.load("usgs_reserves")
resources = supply.contained_oxide(data.load("ree_resources"))
production = data.load("usgs_production")
p = catalog.parameters(NOTEBOOK, edition=edition, production_year=production_year, min_reserve_share=min_reserve_share)
EDITION = supply.resolve_edition(production, p.edition)
world_production = supply.world_series(supply.select_vintage(production, EDITION, order=supply.WORLD_ORDER)).loc[p.production_year, "production"].to("kt REO")
reserve_table = supply.reserve_shares(reserves, EDITION)

# %% [markdown]
# ## Reserves by country (USGS)
#
# USGS prints the world total rounded and, in MCS 2025, as a bound (">90,000,000 t"), and lists some
# countries without a number ("NA"). Shares are therefore taken of the **sum of the country rows with a
# number**; the countries without one are named below the table.

# %%
# NBVAL_CHECK_OUTPUT
print(f"MCS {EDITION}: reserves listed for {len(reserve_table)} countries, sum {reserve_table.attrs['sum_of_rows'].to('Mt REO'):.4g~P}; "
      f"listed without a number: {', '.join(reserve_table.attrs['without_number'])}")
print(f"World mine production {p.production_year}: {world_production:.4g~P} "
      f"→ reserves cover {supply.years_of_supply(reserve_table.attrs['sum_of_rows'], world_production):.0f~P} of it")
data.for_display(reserve_table, {"reserves": "kt REO"})

# %% [markdown]
# ## CNRS-01 · World resources: 478 Mt
#
# > "Global primary REEs resources are estimated at 478 million tonnes (Mt)" — CNRS summary, *Key data*
#
# The figure is the total of Zhou, Li & Chen (2017), read in the publisher's abstract: the claim's own source
# (`origin` in `data/claims.yaml`). Checking the claim against it only shows that it **matches its cited
# source**. The one independent inventory found, Weng et al. (2015), is built from a different set of deposits
# (267 rather than 178), counts yttrium oxide, and calls its total a minimum; under the verdict rules the
# independent evidence decides, and the cited source is shown beside it.

# %%
# NBVAL_CHECK_OUTPUT
inventories = supply.world_inventories(resources)
cnrs01 = assess("CNRS-01", supply.inventory_evidence(inventories))
print(supply.describe_inventories(inventories, world_production, p.production_year))

# %% [markdown]
# ## CNRS-04 and CNRS-25 · Shares by country, and how many countries have reserves
#
# > "China, which holds 35% of the world's resources, ahead of five countries each holding 9–11%" — CNRS summary
# >
# > "Around ten countries have exploitable reserves" — CNRS summary
#
# CNRS-04 speaks of **resources by country**. The per-country split of the 478 Mt is in the body of Zhou et al.
# (2017), which could not be read; no other open per-country resource inventory was found. The claim is
# therefore not checkable here. The USGS **reserve** shares are shown next to it as what is known; they are a
# different quantity and are not used for the verdict.
#
# CNRS-25 speaks of reserves, which USGS publishes: the count of countries with reported reserves (at least
# `min_reserve_share` of the listed total) is compared with "around ten" (8–12, `data/claims.yaml`). USGS also
# lists countries with reserves "NA", of unknown size: the count's interval reaches up to them. The count is shown
# for every MCS edition in the data, since USGS adds and drops countries.

# %%
# NBVAL_CHECK_OUTPUT
holders = supply.countries_with_reserves(reserve_table, p.min_reserve_share)
counts = supply.reserve_holder_counts(reserves, p.min_reserve_share)
cnrs25 = assess("CNRS-25", supply.reserve_holders_by_edition(reserves, counts.index, p.min_reserve_share))

known = supply.leading_reserve_holders(reserve_table, 6)
needs = "REE resources by country from one inventory (the country table of Zhou et al. 2017, or Weng et al. 2015)"
cnrs04 = assess("CNRS-04", china_resource_share=NotCheckable(needs=needs, known=known),
                next_five_shares=NotCheckable(needs=needs, known=known))
print(f"MCS {EDITION}: {len(holders)} countries with reserves ≥ {p.min_reserve_share:.1%} of the listed total: {', '.join(holders)}",
      "count by edition: " + text.pairs(counts["with a number"], prefix="MCS "), known, sep="\n")

# %%
fig = figures.reserves_by_country(reserve_table, counts, edition=EDITION)
save_figure(fig, "03_reserves_by_country", notebook=NOTEBOOK, sources=reserves["source_id"], claims=["CNRS-04", "CNRS-25"],
            caption="Share of the listed USGS reserves by country, next to the CNRS resource shares (a different quantity); the number of countries with reported reserves in each edition.")

# %% [markdown]
# ## CNRS-20 · Greenland: eight deposits, 34.79 Mt
#
# > "Greenland has eight large, unexploited REE deposits (totalling 34.79 Mt)" — CNRS summary
#
# No list of eight deposits with a 34.79 Mt total was found. What was found: two aggregate totals for
# Greenland in 2015, from GEUS (Paulick et al.) and from Paulick & Machacek, and deposit statements for the two
# largest projects. The two aggregates share an author and data, so by the rule of `Evidence.spread` they are
# **one estimate** (38.5–39 Mt), not two confirmations. The deposit statements are drawn for context: they cover
# two of the eight deposits and differ by two orders of magnitude depending on whether they follow a reporting
# code (Tanbreez: an internal estimate of 2024 against the S-K 1300 resource of 2025, whose contained oxide is
# computed here as ore × grade), so they bound nothing about the eight. The deposit count is not checkable.

# %%
# NBVAL_CHECK_OUTPUT
greenland, aggregate_rows, deposits = supply.regional_resources(resources, "Greenland")
aggregates = aggregate_rows["contained"].pint.quantity.to("Mt REO")
compliant_sum, largest_sum = supply.deposit_total_bounds(deposits)
greenland_total = Evidence.spread(aggregates, list(aggregate_rows["source_id"]), note="Greenland's REO resources in 2015 aggregates")
cnrs20 = assess(
    "CNRS-20",
    deposit_count=NotCheckable(needs="a list of Greenland's large REE deposits with resource statements (e.g. the deposit table of GEUS MiMa report 2015/2)",
                               known="GEUS (2015): four projects had published a resource statement"),
    total_resources=greenland_total,
)
print(f"aggregates 2015: {text.quantities(aggregates)} ({greenland_total.note}); "
      f"code-compliant deposits (latest, two deposits): {compliant_sum:.3g~P}; largest per deposit, summed: {largest_sum:.3g~P}; "
      f"{supply.years_of_supply(greenland_total.value, world_production):.0f~P} of {p.production_year} production")
data.for_display(greenland[["scope", "deposit", "year", "ore", "grade", "contained", "how", "code_compliant", "copy", "source_id"]], {"contained": "Mt REO"})

# %% [markdown]
# ## CNRS-19 · Polymetallic nodules: 2–12 Mt
#
# > "polymetallic nodules worldwide are estimated to contain between 2 and 12 Mt of REEs" — CNRS summary
#
# Checking this needs the tonnage of nodules in each field (the Clarion–Clipperton Zone holds most of what is
# known) and their mean REE grade. Neither a nodule REE grade nor an REE tonnage could be read in a publisher's
# copy (Hein et al. 2013, *Ore Geology Reviews* 51, whose table is cited for such figures, was not found); only
# nodule tonnages without grades turned up (`notes/sourcing-leads/`). The claim is not checkable; the figure
# below places its range next to the land resources.

# %%
# NBVAL_CHECK_OUTPUT
cnrs19 = assess("CNRS-19", NotCheckable(
    needs="nodule tonnage by field (e.g. Clarion–Clipperton Zone) and mean REE grade of nodules, from Hein et al. (2013) or ISA assessments",
    known="no nodule REE grade or REE tonnage read in a publisher's copy"))

# %%
fig = figures.resources_vs_production(inventories, reserve_table.attrs["sum_of_rows"], greenland, edition=EDITION,
                                      years_per_mt=supply.years_of_supply(Q_(1, "Mt REO"), world_production).magnitude,
                                      production=world_production, production_year=p.production_year)
save_figure(fig, "03_resources_vs_production", notebook=NOTEBOOK, sources=list(resources["source_id"]) + list(reserves["source_id"]),
            claims=["CNRS-01", "CNRS-19", "CNRS-20"],
            caption="Published resource inventories, USGS reserves and Greenland estimates on a log scale, with the CNRS figures; the top axis converts them to years of world mine production.")

# %% [markdown]
# ## Verdicts
#
# Computed by `reelib.claims.assess` from the numbers above with the tolerances in `data/claims.yaml`. CNRS-01
# is *consistent* rather than *reproduced* because the two open inventories differ by 30 %; CNRS-04, -19 and
# the Greenland deposit count need data that could not be read in open copies, named in the table.

# %%
# NBVAL_CHECK_OUTPUT
verdict_table([cnrs01, cnrs04, cnrs25, cnrs20, cnrs19])
