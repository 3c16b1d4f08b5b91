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
# # 04 · Dependency along the chain: direct and effective
#
# Import statistics record only the last border a good crossed. A magnet bought from Japan counts as Japanese,
# even if the rare earths in it were mined and separated in China. This section follows supply **upstream,
# stage by stage**, with `reelib.chain`: each stage is a table of sourcing shares (which share of a buyer's
# inputs comes from which country), and the **effective** dependency on a country is the share of supply that
# passes through it at *any* stage. What the tables do not say is kept as "unknown origin", so the effective
# dependency is an interval: from "none of the unknown comes from China" to "all of it does".
#
# | Claim | Source | Quote |
# |---|---|---|
# | CLEPA-05 | CLEPA position paper, *6. De-risk Tier 2 and component-level dependencies* | "cathodes sourced via Korea/Japan but originating in China" |
# | CLEPA-02 | CLEPA position paper, *Our industry at stake*; *About CLEPA* | "The European automotive supply industry employs 1.7 million people" … "represents over 3,000 companies" … "investing over €30 billion yearly in research and development" |
#
# Inputs: `data/sourcing_shares.csv` (trade shares as reported, one row per report, with its basis and whether
# it was read in the publisher's text) and `data/eu_automotive_statistics.csv`.

# %% tags=["parameters"]
# Parameters (papermill: -p NAME VALUE)
since = 2022        # oldest data year of a sourcing share that is used (reports before it are listed, not used)

# %%
from reelib import catalog, chain, data, figures, industry
from reelib.claims import Evidence, NotCheckable, assess, claim, verdict_table
from reelib.plotting import save_figure, use_style

NOTEBOOK = "04_dependency_chain"
use_style()
reports = data.load("sourcing_shares")
statistics = data.load("eu_automotive_statistics")
p = catalog.parameters(NOTEBOOK, since=since)
ORIGIN = "China"  # "originating in China" (CLEPA-05): the claim fixes the country
spread = chain.share_spread(reports, p.since)

# %% [markdown]
# ## The sourcing shares
#
# Shares of the same flow from different reports disagree (weight against value, part years, product scope).
# For each flow, the median of the reports from `since` on is used, and their range is carried along as an
# interval. Every report is listed in the data file with its quote.

# %%
# NBVAL_CHECK_OUTPUT
data.for_display(spread.set_index(["chain", "stage", "buyer", "supplier"]))


# %% [markdown]
# ## CLEPA-05 · Cathodes bought via Korea or Japan, originating in China
#
# > "cathodes sourced via Korea/Japan but originating in China" — CLEPA position paper
#
# How much of the EU's cathode material comes from Korea or Japan is not published in an open source found
# here, so each **route** is followed on its own, per tonne bought: a cathode bought from South Korea has no
# *direct* dependency on China, and an *effective* one equal to the China share of Korea's cathode-precursor
# imports. The claim has no number; it is read as most of the input (≥ 50 %, an override whose reason
# `data/claims.yaml` states). The Korean reports all relay Korean customs statistics, so under the rule of
# `Evidence.spread` they are one estimate, and they were read second-hand: at most *consistent*. Japan's
# precursor imports by origin were not found: that part is not checkable.
#
# For rare-earth magnets the same model gives the EU's dependency overall (direct: the magnets bought from
# China) and for magnets bought via Japan, taking Japan's rare-earth imports (for all uses; no magnet-maker
# figure was found) as the magnet makers' sourcing.

# %%
# NBVAL_CHECK_OUTPUT
routes = chain.route_exposures(spread, [
    chain.Route("cathodes via South Korea", "cathode", ("cathode", "precursor"), "EU", via="South Korea"),
    chain.Route("magnets, EU overall", "magnet", ("magnet", "rare_earths"), "EU"),
    chain.Route("magnets via Japan", "magnet", ("magnet", "rare_earths"), "EU", via="Japan"),
], country=ORIGIN)
print(chain.describe_routes(routes, country=ORIGIN))

korea = chain.reported_shares(reports, stage="precursor", buyer="South Korea", supplier=ORIGIN, since=p.since)
japan_rare_earths = chain.reported_shares(spread, stage="rare_earths", buyer="Japan", supplier=ORIGIN)
clepa05 = assess(
    "CLEPA-05",
    via_korea=Evidence.spread(korea["share"].pint.quantity, list(korea["source_id"]), note=f"China's share in {len(korea)} reports since {p.since}"),
    via_japan=NotCheckable(
        needs="Japan's imports of cathode precursors by origin (Japanese customs statistics)",
        known=("Japan's rare-earth imports (all uses): "
               + chain.describe_shares(japan_rare_earths, supplier=ORIGIN))),
)

# %%
threshold = claim("CLEPA-05").part("via_korea").interval[0]
fig = figures.direct_vs_effective(routes, origin=ORIGIN, threshold=threshold, since=p.since)
save_figure(fig, "04_direct_vs_effective", notebook=NOTEBOOK, sources=spread.attrs["source_ids"], claims=["CLEPA-05"],
            caption="For each route, the share of supply bought directly from China and the share that passes through China at any stage (median of the reports, with their spread and the untraced origin).")

# %% [markdown]
# ## CLEPA-02 · The European automotive supply industry
#
# > "The European automotive supply industry employs 1.7 million people" … "CLEPA … represents over 3,000
# > companies … investing over €30 billion yearly in research and development" — CLEPA position paper
#
# These are CLEPA's own figures (also on its website). An independent check would need Eurostat structural
# business statistics for NACE group 29.3 (*parts and accessories for motor vehicles*) and a supplier-only R&D
# figure. Neither could be read: the nearest independent statistics cover carmakers and suppliers together,
# so they bound the claims from above but do not test them. All three parts are *not checkable*; the figure
# shows the stated values next to what is known, with each scope.

# %%
# NBVAL_CHECK_OUTPUT
clepa02 = assess(
    "CLEPA-02",
    employment=NotCheckable(needs="Eurostat SBS persons employed, NACE group 29.3, EU-27", known=industry.independent_figures(statistics, "employment", "")),
    companies=NotCheckable(needs="Eurostat SBS number of enterprises, NACE group 29.3, EU-27", known=industry.independent_figures(statistics, "companies", "")),
    rnd=NotCheckable(needs="supplier-only business R&D (EU Industrial R&D Investment Scoreboard by company, or Eurostat BERD for C29.3)",
                     known=industry.independent_figures(statistics, "rnd", "GEUR/a")),
)
data.for_display(statistics[["indicator", "scope", "region", "year", "value", "unit", "bound", "independent", "copy", "source_id"]])

# %%
fig = figures.industry_figures(statistics, claim("CLEPA-02").parts)
save_figure(fig, "04_clepa_industry_figures", notebook=NOTEBOOK, sources=statistics["source_id"], claims=["CLEPA-02"],
            caption="CLEPA's stated employment, company count and R&D spending, next to the nearest independent statistics, which cover carmakers and suppliers together.")

# %% [markdown]
# ## Verdicts
#
# Computed by `reelib.claims.assess` from the numbers above with the readings in `data/claims.yaml`.

# %%
# NBVAL_CHECK_OUTPUT
verdict_table([clepa05, clepa02])
