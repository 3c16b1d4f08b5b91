"""Using less rare earth, or none: grain-boundary diffusion, ferrite magnets, LEDs, motors without magnets.

**Ferrite instead of NdFeB (CNRS-15).** A permanent magnet working at its
maximum energy product stores, per unit volume, (BH)max; for the same
magnetic energy in the air gap the volume needed scales with 1/(BH)max,
and the mass with density/(BH)max. The ferrite magnet's mass over the NdFeB
magnet's is therefore

    m_ferrite / m_NdFeB = (ρ_ferrite / ρ_NdFeB) · ((BH)max,NdFeB / (BH)max,ferrite)

This is the first-order scaling used to compare magnet materials; it
assumes both magnets are designed to work at their (BH)max point and that
the machine around them is redesigned freely. It ignores the lower
coercivity of ferrite (demagnetisation limits), temperature, and the extra
iron and copper a larger machine needs, all of which make a ferrite design
heavier still, so the factor is a lower bound on what "equivalent
performance" costs in magnet mass.

**Dy with grain-boundary diffusion (CNRS-14)**: the ratio of heavy rare
earth in a diffused magnet to that in a conventionally alloyed one, where a
source states it at equal coercivity.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pint

from . import data, statements
from .claims import Evidence
from .errors import ParameterError
from .units import Q_

__all__ = ["ADVANTAGE_SIGN", "dy_ratio_estimates", "dy_ratio_evidence", "ferrite_mass_factor", "grade_names", "grades", "lighting_statements",
           "factor_table", "for_reader", "mass_factor_evidence", "mass_factors", "motor_advantages"]


def ferrite_mass_factor(bh_ndfeb: pint.Quantity, density_ndfeb: pint.Quantity, bh_ferrite: pint.Quantity, density_ferrite: pint.Quantity) -> pint.Quantity:
    """Ferrite magnet mass over NdFeB magnet mass for the same stored magnetic energy (see the module docstring).

    Raises
    ------
    ParameterError
        A value that is not an energy density (kJ/m³) or a density (g/cm³), or not positive.
    """
    for name, value, dimension in (("bh_ndfeb", bh_ndfeb, "[energy]/[volume]"), ("bh_ferrite", bh_ferrite, "[energy]/[volume]"),
                                   ("density_ndfeb", density_ndfeb, "[mass]/[volume]"), ("density_ferrite", density_ferrite, "[mass]/[volume]")):
        if not isinstance(value, pint.Quantity) or not value.check(dimension):
            raise ParameterError(name, f"must be a Quantity of {dimension} (e.g. {'kJ/m**3' if 'energy' in dimension else 'g/cm**3'}), got {value!r:.60}")
        if np.any(np.asarray(value.magnitude) <= 0):
            raise ParameterError(name, f"must be positive, got {value:~P}")
    return ((density_ferrite / density_ndfeb) * (bh_ndfeb / bh_ferrite)).to("dimensionless")


def grades(frame: pd.DataFrame) -> pd.DataFrame:
    """(BH)max and density of every magnet grade in the data, one row per material and grade.

    Each grade's (BH)max spans every statement of it (minimum to maximum
    over makers and tables; "typical" where given); its density is the
    grade's own where stated, else the range stated for all grades of the
    material. Columns: material, grade, bh_low, bh_typical, bh_high (kJ/m³),
    density_low, density_high (g/cm³), sources.
    """
    bh = statements.select(frame, "energy_product")
    density = statements.select(frame, "density")
    rows = []
    for subject, group in bh.groupby("subject"):
        material, grade = subject.split(": ", 1)
        values = [n.value for n in statements.numbers(group, "kJ/m**3")]
        typical = group[group["basis"].str.contains("typical|nominal")]
        typical_value = float(np.mean([n.value for n in statements.numbers(typical, "kJ/m**3")])) if not typical.empty else float(np.mean(values))
        own = density[density["subject"] == subject]
        chosen = own if not own.empty else density[density["subject"] == f"{material}: all grades"]
        if chosen.empty:
            raise ParameterError("density", f"no density for {subject!r} nor for '{material}: all grades' in data/substitution.csv")
        densities = [n.value for n in statements.numbers(chosen, "g/cm**3")]
        rows.append({"material": "NdFeB" if "NdFeB" in material else "ferrite", "grade": grade, "bh_low": min(values), "bh_typical": typical_value,
                     "bh_high": max(values), "density_low": min(densities), "density_high": max(densities),
                     "sources": tuple(sorted({*group["source_id"], *chosen["source_id"]}))})
    return pd.DataFrame(rows).sort_values(["material", "bh_typical"]).reset_index(drop=True)


def _chosen(table: pd.DataFrame, material: str, grade: str) -> pd.DataFrame:
    rows = table[table["material"] == material]
    if grade != "all":
        rows = rows[rows["grade"] == grade]
        if rows.empty:
            known = ", ".join(table.loc[table["material"] == material, "grade"])
            raise ParameterError(f"{material.lower()}_grade", f"{grade!r} is not a {material} grade in the data; known: {known}")
    return rows


def mass_factors(table: pd.DataFrame, ndfeb_grade: str = "all", ferrite_grade: str = "all") -> pd.DataFrame:
    """The ferrite-over-NdFeB mass factor for every pair of the chosen grades: typical, lowest and highest.

    Lowest: the weakest NdFeB (lowest (BH)max, densest) against the best
    ferrite (highest (BH)max, lightest); highest the other way round. A
    pair is first-hand when every source of both grades is.
    """
    from .data import sources as known_sources

    catalogue = known_sources()
    ndfeb, ferrite = _chosen(table, "NdFeB", ndfeb_grade), _chosen(table, "ferrite", ferrite_grade)
    kj, gcc = "kJ/m**3", "g/cm**3"
    rows = []
    for _, n in ndfeb.iterrows():
        for _, f in ferrite.iterrows():
            typical = ferrite_mass_factor(Q_(n["bh_typical"], kj), Q_((n["density_low"] + n["density_high"]) / 2, gcc),
                                          Q_(f["bh_typical"], kj), Q_((f["density_low"] + f["density_high"]) / 2, gcc))
            low = ferrite_mass_factor(Q_(n["bh_low"], kj), Q_(n["density_high"], gcc), Q_(f["bh_high"], kj), Q_(f["density_low"], gcc))
            high = ferrite_mass_factor(Q_(n["bh_high"], kj), Q_(n["density_low"], gcc), Q_(f["bh_low"], kj), Q_(f["density_high"], gcc))
            sources = tuple(sorted({*n["sources"], *f["sources"]}))
            rows.append({"NdFeB": n["grade"], "ferrite": f["grade"], "typical": typical.magnitude, "low": low.magnitude, "high": high.magnitude,
                         "copy": "first-hand" if all(catalogue[s]["copy"] == "first-hand" for s in sources) else "second-hand", "sources": sources})
    return pd.DataFrame(rows)


def mass_factor_evidence(factors: pd.DataFrame) -> list[Evidence]:
    """The pairs' factors as model evidence, one piece per copy: the median of the typical factors, from the lowest to the highest."""
    if factors.empty:
        raise ParameterError("grades", "no pair of NdFeB and ferrite grades to compare")
    evidence = []
    for copy, pairs in factors.groupby("copy"):
        sources = sorted({s for group in pairs["sources"] for s in group})
        evidence.append(Evidence(Q_(float(pairs["typical"].median()), ""), sources=sources, low=Q_(float(pairs["low"].min()), ""),
                                 high=Q_(float(pairs["high"].max()), ""), basis="model",
                                 note=f"ferrite over NdFeB magnet mass at equal (BH)max·volume, {len(pairs)} grade pairs read {copy}: "
                                      "median of typical values, lowest to highest"))
    return evidence


def dy_ratio_estimates(frame: pd.DataFrame) -> pd.DataFrame:
    """Heavy rare earth in a grain-boundary-diffused magnet over a conventional one, where a source states it at equal coercivity.

    A stated ratio counts as it is; a stated reduction ``r`` as ``1 − r``.
    Statements that do not hold coercivity equal (a reduction "needed",
    fine grains instead of diffusion) are kept apart (``equal_coercivity``
    false) and shown, not used.
    """
    rows = []
    ratios = statements.select(frame, "dy_content_ratio")
    for _, row in ratios.iterrows():
        values = [n.value for n in statements.numbers(row.to_frame().T, "dimensionless")]
        rows.append((min(values), max(values), "stated ratio", "similar magnetic properties" in row["basis"] or "same" in row["basis"], row))
    for _, row in statements.select(frame, "dy_reduction").iterrows():
        values = [1 - n.value for n in statements.numbers(row.to_frame().T, "dimensionless")]
        equal = "same intrinsic coercivity" in row["basis"] and "GBD" in row["subject"]
        rows.append((min(values), max(values), "1 − stated reduction", equal, row))
    return pd.DataFrame([{"subject": r["subject"], "low": low, "high": high, "how": how, "equal_coercivity": equal, "bound": r["bound"],
                          "copy": r["copy"], "source_id": r["source_id"]} for low, high, how, equal, r in rows])


def dy_ratio_evidence(estimates: pd.DataFrame) -> Evidence:
    """The estimates at equal coercivity, combined by the spread rule (a range enters with both its ends)."""
    used = estimates[estimates["equal_coercivity"]]
    if used.empty:
        raise ParameterError("dy_content_ratio", "no statement of the Dy ratio at equal coercivity")
    values = np.concatenate([used["low"].to_numpy(), used["high"].to_numpy()])
    return Evidence.spread(Q_(values, ""), list(used["source_id"]) * 2,
                           note="heavy rare earth in grain-boundary-diffused over conventional NdFeB at equal coercivity")


#: How each kind of statement reads as "the rare-earth magnet motor's advantage" (+1: as stated; −1: the other way round).
ADVANTAGE_SIGN = {"motor_efficiency_gap": 1, "motor_efficiency_advantage": 1, "energy_consumption_gain": -1}


def motor_advantages(frame: pd.DataFrame) -> pd.DataFrame:
    """What the sources say about rare-earth magnet motors against motors without them, as the magnet motor's advantage (%).

    Positive: the rare-earth magnet motor does better. Each row keeps its
    metric (peak or drive-cycle efficiency, energy consumption, not stated)
    and whether it is a measurement, a simulation or a claim: they are not
    on one basis, which is why CLEPA-06 stays open.
    """
    rows = statements.select(frame, list(ADVANTAGE_SIGN))
    values = []
    for _, row in rows.iterrows():
        found = statements.numbers(row.to_frame().T, "percent")
        values.append(ADVANTAGE_SIGN[row["quantity"]] * max(n.value for n in found))
    return pd.DataFrame({
        "comparison": rows["subject"].to_numpy(),
        "advantage (%)": values,
        "bound": rows["bound"].to_numpy(),
        "metric": rows["basis"].to_numpy(),
        "copy": rows["copy"].to_numpy(),
        "source": data.citations(rows["source_id"]),
        "source_id": rows["source_id"].to_numpy(),
    })


#: What the sources give on rare earths in lighting (none of it per unit of light).
LIGHTING = ("ree_concentration_led_package", "ree_concentration_lamp_phosphor", "ree_compounds_in_phosphor_waste", "phosphor_share_of_lamp_mass",
            "ree_use_lighting", "lighting_ree_demand_change", "tb_reduction_phosphor", "luminous_efficacy", "led_energy_relative_to_cfl")


def lighting_statements(frame: pd.DataFrame) -> pd.DataFrame:
    """The lighting statements of the data, for a reader: what is known, and that none gives REE per lumen or per lamp."""
    rows = statements.select(frame, list(LIGHTING))
    return statements.table(rows).assign(quantity=rows["quantity"].to_numpy())


def grade_names(material: str) -> list[str]:
    """'all' and every grade of ``material`` ("NdFeB" or "ferrite") in ``data/substitution.csv``: the choices of notebook 10."""
    table = grades(data.load("substitution"))
    return ["all", *table.loc[table["material"] == material, "grade"]]


def factor_table(factors: pd.DataFrame) -> pd.DataFrame:
    """The typical mass factor of every pair, NdFeB grades down, ferrite grades across, one decimal."""
    return factors.pivot_table(index="NdFeB", columns="ferrite", values="typical", sort=False).round(1)


def for_reader(table: pd.DataFrame) -> pd.DataFrame:
    """A table of statements with the citation in place of the source ID, three decimals."""
    shown = table.assign(source=data.citations(table["source_id"])) if "source" not in table else table
    return shown.drop(columns="source_id").round(3)
