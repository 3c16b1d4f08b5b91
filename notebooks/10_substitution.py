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
# # 10 · Using less rare earth, or none
#
# This section checks what the two texts say about **substitution and reduction**.
#
# | Claim | Source | Quote |
# |---|---|---|
# | CNRS-14 | CNRS summary, *Can REEs be substituted or reduced in materials?* | "For NdFeB permanent magnets, the amount of dysprosium can be halved without any loss of magnetic performance." |
# | CNRS-15 | CNRS summary, *Can REEs be substituted or reduced in materials?* | "Completely eliminating REEs would require increasing the magnet mass by a factor of 4 to 5 to maintain an equivalent performance." |
# | CNRS-16 | CNRS summary, *Can REEs be substituted or reduced in materials?* | "The replacement of phosphor lamps with white LED technology has reduced the amount of REEs by two orders of magnitude" |
# | CLEPA-06 | CLEPA position paper, *Context* | "permanent magnet-based motors remain among the most efficient technologies available" |
#
# The data are in `data/substitution.csv` (makers' grade tables, standards, papers, each with its copy); the model and
# the rules are in `reelib.substitution`.

# %% tags=["parameters"]
# Parameters (papermill: -p NAME VALUE)
ndfeb_grade = "all"    # NdFeB grade compared with ferrite: "all", or one grade of the data (e.g. "N42")
ferrite_grade = "all"  # ferrite grade compared with NdFeB: "all", or one grade of the data (e.g. "C8B")

# %%
from reelib import catalog, data, figures, substitution
from reelib.claims import NotCheckable, assess, verdict_table
from reelib.plotting import save_figure, use_style

NOTEBOOK = "10_substitution"
use_style()
p = catalog.parameters(NOTEBOOK, ndfeb_grade=ndfeb_grade, ferrite_grade=ferrite_grade)
rows = data.load("substitution")

# %% [markdown]
# ## CNRS-14 · Dysprosium halved by grain-boundary diffusion
#
# > "For NdFeB permanent magnets, the amount of dysprosium can be halved without any loss of magnetic performance."
# > — CNRS summary
#
# Diffusing Dy or Tb along the grain boundaries puts it where coercivity is won, so less is needed for the same
# coercivity. What counts is the ratio of heavy rare earth with diffusion to without **at equal coercivity**, as a
# source states it (a stated reduction r counts as 1 − r); "halved" is read as a ratio of at most 0.5.

# %%
# NBVAL_CHECK_OUTPUT
estimates = substitution.dy_ratio_estimates(rows)
cnrs14 = assess("CNRS-14", substitution.dy_ratio_evidence(estimates))
substitution.for_reader(estimates)

# %%
fig = figures.dy_ratios(estimates)
save_figure(fig, "10_dy_ratios", notebook=NOTEBOOK, sources=estimates["source_id"], claims=["CNRS-14"],
            caption="Heavy rare earth in grain-boundary-diffused NdFeB magnets over conventionally alloyed ones, per source, against the CNRS 'halved'.")

# %% [markdown]
# ## CNRS-15 · Four to five times the magnet mass without rare earths
#
# > "Completely eliminating REEs would require increasing the magnet mass by a factor of 4 to 5 to maintain an
# > equivalent performance." — CNRS summary
#
# The rare-earth-free magnet in use is ferrite. For the same stored magnetic energy the magnet's mass scales with its
# density over its maximum energy product, so the ferrite magnet's mass over the NdFeB magnet's is
# (ρ_ferrite/ρ_NdFeB)·((BH)max,NdFeB/(BH)max,ferrite) (`reelib.substitution.ferrite_mass_factor`, assumptions in its
# docstring). Every pair of the chosen grades gives a factor; the evidence is the median of the typical factors, from
# the lowest to the highest. It is a physical model, so *consistent* at best, and a lower bound on the real penalty.

# %%
# NBVAL_CHECK_OUTPUT
grades = substitution.grades(rows)
factors = substitution.mass_factors(grades, p.ndfeb_grade, p.ferrite_grade)
cnrs15 = assess("CNRS-15", substitution.mass_factor_evidence(factors))
substitution.factor_table(factors)

# %%
fig = figures.magnet_grades(grades, factors)
save_figure(fig, "10_magnet_grades", notebook=NOTEBOOK, sources=grades["sources"].explode(), claims=["CNRS-15"],
            caption="Maximum energy products of sintered NdFeB and ferrite grades, and the ferrite magnet mass needed for the same stored energy, per NdFeB grade, against the CNRS 'factor of 4 to 5'.")

# %% [markdown]
# ## CNRS-16 · LEDs: two orders of magnitude less rare earth than phosphor lamps
#
# > "The replacement of phosphor lamps with white LED technology has reduced the amount of REEs by two orders of
# > magnitude" — CNRS summary
#
# The comparison needs the rare earth per unit of light (per lumen, or per lamp of the same light output) for both
# technologies. What the sources give is concentrations in LED packages and in lamp phosphors, phosphor shares of a
# lamp's mass and market totals, none of it per lumen or per lamp; turning them into one would take lamp masses and
# light outputs that no source read gives. The claim stays open.

# %%
# NBVAL_CHECK_OUTPUT
cnrs16 = assess("CNRS-16", NotCheckable(
    needs="the REE (or phosphor) mass per lamp with its luminous flux, for fluorescent lamps and for white LED lamps of the same light output",
    known="concentrations in LED packages (mg/kg) and in fluorescent-lamp phosphors (mg/g), phosphor share of a lamp's mass, world REO use in lighting",
))
substitution.lighting_statements(rows)

# %% [markdown]
# ## CLEPA-06 · Permanent-magnet motors among the most efficient
#
# > "permanent magnet-based motors remain among the most efficient technologies available" — CLEPA position paper
#
# "Among the most efficient" is read as: no motor without rare-earth magnets does better. What the sources give is on
# different bases (peak efficiency, drive-cycle efficiency in a simulation, a manufacturer's energy consumption,
# claims whose metric is not stated), and one of them, Renault's wound-rotor motor, says the opposite. On no common
# basis, they cannot decide; the figure shows each on its own.

# %%
# NBVAL_CHECK_OUTPUT
advantages = substitution.motor_advantages(rows)
clepa06 = assess("CLEPA-06", NotCheckable(
    needs="efficiencies of permanent-magnet, induction and wound-rotor traction motors measured on one basis (the same drive cycle or efficiency map), e.g. ORNL benchmarks",
    known="a simulation (rare-earth-free IPMSM 0.55–1.33 % less efficient on drive cycles), Renault's EESM 2 % lower consumption than its PMSM, claims of 4 % and up to 15 % without a stated metric",
))
substitution.for_reader(advantages)

# %%
fig = figures.motor_advantages(advantages)
save_figure(fig, "10_motor_advantages", notebook=NOTEBOOK, sources=advantages["source_id"], claims=["CLEPA-06"],
            caption="What the sources state about rare-earth magnet motors against motors without them, as the magnet motor's advantage in percent, each on its own metric.")

# %% [markdown]
# ## Verdicts
#
# Computed by `reelib.claims.assess` with the readings of `data/claims.yaml`. What would settle them: Dy contents of
# diffused and conventional grades at equal coercivity from a peer-reviewed table (CNRS-14); motor designs with
# ferrite and NdFeB magnets of equal torque and power (CNRS-15); REE per lumen of both lamp technologies (CNRS-16);
# traction-motor efficiencies on one basis (CLEPA-06).

# %%
# NBVAL_CHECK_OUTPUT
verdict_table([cnrs14, cnrs15, cnrs16, clepa06])
