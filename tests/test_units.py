import pint
import pytest
from pint.testing import assert_allclose

from reelib import ELEMENTS, Q_, convert_any_mix, element_fraction, reo_to_ree, ureg
from reelib.units import ATOMIC_WEIGHTS


def test_kt_is_kilotonne_not_knot():
    assert_allclose(Q_("1 kt").to("Mt"), Q_(0.001, "Mt"))
    assert Q_("1 kt").dimensionality == ureg.get_dimensionality("[mass]")


def test_one_registry_is_the_application_registry():
    assert pint.get_application_registry().get() is ureg


def test_nd2o3_to_nd_from_atomic_weights():
    converted = Q_("1 kg Nd2O3").to("kg Nd", "reo")
    assert_allclose(converted, Q_(0.857, "kg Nd"), rtol=1e-3)
    expected = 2 * 144.24 / (2 * 144.24 + 3 * 15.999)
    assert converted.magnitude == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("symbol", sorted(ELEMENTS))
def test_every_element_round_trips_through_its_oxide(symbol):
    ree = ELEMENTS[symbol]
    there = Q_(5.0, f"t {ree.oxide}").to(f"t {symbol}", "reo")
    assert 0.75 < there.magnitude / 5.0 < 0.9
    assert_allclose(there.to(f"t {ree.oxide}", "reo"), Q_(5.0, f"t {ree.oxide}"))


def test_sixteen_rare_earths_without_scandium():
    assert len(ELEMENTS) == 16 and "Sc" not in ELEMENTS and set(ELEMENTS) <= set(ATOMIC_WEIGHTS)


def test_oxide_context_applies_to_flows_and_fractions():
    assert_allclose(Q_("1 t/a Tb4O7").to("t/a Tb", "reo"), Q_(4 * 158.93 / (4 * 158.93 + 7 * 15.999), "t/a Tb"))
    assert_allclose(Q_("1000 ppm CeO2").to("ppm Ce", "reo"), Q_(140.12 / (140.12 + 2 * 15.999) * 1000, "ppm Ce"))


def test_species_never_convert_without_the_context():
    with pytest.raises(pint.DimensionalityError):
        Q_("1 kg Nd2O3").to("kg Nd")
    with pytest.raises(pint.DimensionalityError):
        Q_("1 t REO").to("t")


def test_total_reo_to_ree_needs_a_composition():
    with pytest.raises(pint.DimensionalityError, match="composition"):
        Q_("1 t REO").to("t REE", "reo")
    mix = {"Nd2O3": 0.5, "CeO2": 0.5}
    expected = 0.5 * ELEMENTS["Nd"].element_per_oxide + 0.5 * ELEMENTS["Ce"].element_per_oxide
    assert_allclose(reo_to_ree(Q_("390 kt REO"), mix), Q_(390 * expected, "kt REE"))


@pytest.mark.parametrize(
    "composition, message",
    [({"Nd2O3": 0.5}, "sum to 0.5"), ({"Sc2O3": 1.0}, "unknown species"), ({"Nd": 1.5, "La": -0.5}, "non-negative")],
)
def test_bad_compositions_are_refused(composition, message):
    with pytest.raises(ValueError, match=message):
        element_fraction(composition)


def test_units_print_mass_before_species():
    assert f"{Q_('390 kt REO'):~P}" == "390 kt·REO"


def test_convert_any_mix_brackets_every_composition():
    low, high = convert_any_mix(Q_(100, "t REO"), "t REE")
    # Y2O3 is the most oxygen-rich reporting oxide (0.787), Lu2O3 the least (0.879).
    assert low.magnitude == pytest.approx(78.74, abs=0.01) and high.magnitude == pytest.approx(87.94, abs=0.01)
    nd = reo_to_ree(Q_(100, "t REO"), {"Nd2O3": 1.0})
    assert low <= nd <= high
    back_low, back_high = convert_any_mix(Q_(1, "t REE"), "t REO")
    assert back_low.magnitude == pytest.approx(1 / 0.8794, rel=1e-3) and back_high.magnitude == pytest.approx(1 / 0.7874, rel=1e-3)
    with pytest.raises(pint.DimensionalityError):
        convert_any_mix(Q_(1, "t"), "t REE")
