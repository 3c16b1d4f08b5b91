import numpy as np
import pytest
from pint.testing import assert_allclose

from reelib import ParameterError, Q_
from reelib.secondary import SecondarySource, Uncertain, residue_enrichment


def test_point_inputs_give_the_hand_computed_product():
    ash = SecondarySource("ash", Uncertain("t", central=Q_("1 Gt/a")), Uncertain("c", central=Q_("400 ppm REE")))
    result = ash.contained(samples=10)
    assert_allclose(result.median, Q_(400, "kt REE/a"))
    assert result.low == result.high == result.median


def test_uniform_times_point_has_the_analytic_percentiles():
    # tonnage uniform on [0.8, 1.2] Gt/a, concentration 500 ppm: the 5th/95th
    # percentiles are 0.82 and 1.18 Gt/a times 500 ppm.
    source = SecondarySource("x", Uncertain("t", low=Q_("0.8 Gt/a"), high=Q_("1.2 Gt/a")), Uncertain("c", central=Q_("500 ppm REE")))
    result = source.contained(samples=200_000, seed=1)
    assert_allclose(result.low, Q_(410, "kt REE/a"), rtol=5e-3)
    assert_allclose(result.high, Q_(590, "kt REE/a"), rtol=5e-3)
    assert_allclose(result.median, Q_(500, "kt REE/a"), rtol=5e-3)


def test_triangular_mean_matches_the_formula():
    source = SecondarySource("x", Uncertain("t", central=Q_("1 Mt")), Uncertain("c", low=Q_("100 ppm REE"), central=Q_("300 ppm REE"), high=Q_("800 ppm REE")))
    draws = source.contained(samples=200_000, seed=2).draws
    assert draws.magnitude.mean() == pytest.approx((100 + 300 + 800) / 3 / 1000, rel=5e-3)
    assert f"{draws.units:~P}" == "kt·REE"


def test_fixed_seed_is_reproducible():
    source = SecondarySource("x", Uncertain("t", low=Q_("1 Mt/a"), high=Q_("2 Mt/a")), Uncertain("c", low=Q_("1 ppm REO"), high=Q_("3 ppm REO")))
    a, b = source.contained(seed=7), source.contained(seed=7)
    assert np.array_equal(a.draws.magnitude, b.draws.magnitude)


@pytest.mark.parametrize(
    "tonnage, concentration, message",
    [
        (Q_("1 Mt/a"), Q_("400 t"), "concentration"),       # a concentration given as a mass
        (Q_("0.3 percent"), Q_("400 ppm REE"), "tonnage"),  # a tonnage given as a fraction
    ],
)
def test_dimension_errors_name_the_input(tonnage, concentration, message):
    with pytest.raises(ParameterError, match=message):
        SecondarySource("ash", Uncertain("t", central=tonnage), Uncertain("c", central=concentration))


def test_bad_ranges_and_sample_counts_are_refused():
    with pytest.raises(ParameterError, match="non-negative"):
        Uncertain("tonnage", central=Q_("-1 Mt/a"))
    with pytest.raises(ParameterError, match="low ≤ central ≤ high"):
        Uncertain("c", low=Q_("5 ppm REE"), central=Q_("1 ppm REE"), high=Q_("9 ppm REE"))
    source = SecondarySource("x", Uncertain("t", central=Q_("1 Mt")), Uncertain("c", central=Q_("1 ppm REE")))
    with pytest.raises(ParameterError, match="'samples': 0"):
        source.contained(samples=0)


def test_mass_balance_enrichment():
    # 2.4 t bauxite leave 1.2 t residue per t alumina: all REE retained -> twice the ore concentration.
    assert_allclose(residue_enrichment(Q_("2.4 t"), Q_("1.2 t")), Q_(2.0, ""))
    assert_allclose(residue_enrichment(Q_("2.4 t"), Q_("1.2 t"), retained=0.98), Q_(1.96, ""))
    with pytest.raises(ParameterError):
        residue_enrichment(Q_("2.4 t"), Q_("1.2 t"), retained=1.5)
