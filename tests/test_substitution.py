"""Substitution: the ferrite mass model by hand and its unit errors, Dy ratios at equal coercivity."""

import pytest
from pint.testing import assert_allclose

from reelib import data, substitution
from reelib.errors import ParameterError
from reelib.units import Q_

from statement_rows import frame, statement


def test_ferrite_mass_factor_by_hand():
    # (5.0 / 7.5) · (300 / 30) = 6.67: ferrite is lighter per volume but stores a tenth of the energy.
    factor = substitution.ferrite_mass_factor(Q_(300, "kJ/m**3"), Q_(7.5, "g/cm**3"), Q_(30, "kJ/m**3"), Q_(5.0, "g/cm**3"))
    assert_allclose(factor, Q_(20 / 3, ""))
    # Units convert: densities in kg/m³ give the same factor.
    assert_allclose(substitution.ferrite_mass_factor(Q_(300, "kJ/m**3"), Q_(7500, "kg/m**3"), Q_(30, "kJ/m**3"), Q_(5000, "kg/m**3")), Q_(20 / 3, ""))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((Q_(300, "g/cm**3"), Q_(7.5, "g/cm**3"), Q_(30, "kJ/m**3"), Q_(5, "g/cm**3")), "'bh_ndfeb'.*energy"),
        ((Q_(300, "kJ/m**3"), Q_(7.5, "kJ/m**3"), Q_(30, "kJ/m**3"), Q_(5, "g/cm**3")), "'density_ndfeb'.*mass"),
        ((Q_(300, "kJ/m**3"), Q_(7.5, "g/cm**3"), Q_(0, "kJ/m**3"), Q_(5, "g/cm**3")), "'bh_ferrite'.*positive"),
        ((300, Q_(7.5, "g/cm**3"), Q_(30, "kJ/m**3"), Q_(5, "g/cm**3")), "'bh_ndfeb'.*Quantity"),
    ],
)
def test_bad_inputs_to_the_mass_model_name_the_argument(arguments, message):
    with pytest.raises(ParameterError, match=message):
        substitution.ferrite_mass_factor(*arguments)


def test_mass_factors_span_the_weakest_to_the_strongest_pair():
    rows = frame(
        statement("energy_product", "sintered NdFeB: N42", low=318, high=342, unit="kJ/m**3", basis="(BH)max, range"),
        statement("density", "sintered NdFeB: all grades", low=7.3, high=7.6, unit="g/cm**3"),
        statement("energy_product", "sintered ferrite: C8", 30, "kJ/m**3", basis="(BH)max, typical"),
        statement("density", "sintered ferrite: all grades", low=4.8, high=5.0, unit="g/cm**3"),
    )
    factors = substitution.mass_factors(substitution.grades(rows))
    low, high = factors["low"].iloc[0], factors["high"].iloc[0]
    assert low == pytest.approx((4.8 / 7.6) * (318 / 30)) and high == pytest.approx((5.0 / 7.3) * (342 / 30))
    with pytest.raises(ParameterError, match="'ndfeb_grade'.*'N52' is not a NdFeB grade"):
        substitution.mass_factors(substitution.grades(rows), ndfeb_grade="N52")


def test_dy_ratios_count_only_statements_at_equal_coercivity():
    rows = frame(
        statement("dy_reduction", "GBD sintered NdFeB vs bulk-alloyed NdFeB", low=30, high=60, unit="percent", basis="reduction at the same intrinsic coercivity"),
        statement("dy_reduction", "fine-grained NdFeB (not GBD)", 40, "percent", basis="reduction of Dy consumption"),
    )
    estimates = substitution.dy_ratio_estimates(rows)
    assert estimates["equal_coercivity"].tolist() == [True, False]
    evidence = substitution.dy_ratio_evidence(estimates)
    assert (evidence.low.magnitude, evidence.high.magnitude) == pytest.approx((0.4, 0.7))


def test_the_grade_choices_come_from_the_data():
    assert substitution.grade_names("NdFeB")[0] == "all" and "N42" in substitution.grade_names("NdFeB")
    table = substitution.grades(data.load("substitution"))
    assert (table["bh_low"] <= table["bh_typical"]).all() and (table["bh_typical"] <= table["bh_high"]).all()
