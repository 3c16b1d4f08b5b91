"""End uses and product intensities: the turbine-against-phones model, magnet shares, mineral lists."""

import pytest
from pint.testing import assert_allclose

from reelib import data, uses
from reelib.errors import ParameterError
from reelib.units import Q_

from statement_rows import frame, statement


def turbine_and_phone(rating=("10", "MW"), fraction=30, share=50):
    return frame(
        statement("turbine_rating", "average new offshore turbine, Europe", float(rating[0]), rating[1]),
        statement("ndfeb_per_mw", "large direct-drive PM generator", 0.6, "t/MW"),
        statement("ree_fraction_magnet", "NdFeB, wind turbine: total REE", fraction, "percent"),
        statement("ree_per_phone", "smartphone: Nd", 100, "mg", basis="element mass in the whole phone"),
        statement("ree_per_phone", "smartphone: total REE", 60, "mg", basis="REE in the loudspeaker magnet"),
        statement("phone_ree_share_in_magnets", "smartphone", share, "percent"),
    )


def test_phones_per_turbine_by_hand():
    # 10 MW × 0.6 t/MW × 30 % = 1.8 t of REE; a phone holds 100 mg (whole) or 60 mg / 50 % = 120 mg.
    result = uses.turbine_phones(turbine_and_phone(), "average new offshore", samples=20_000, seed=1, level=0.9)
    assert_allclose(result.turbine_ree.median, Q_(1800, "kg"))
    assert result.phone.describe() == "100–120 mg"
    assert 15e6 < result.phones.low.magnitude < result.phones.median.magnitude < result.phones.high.magnitude < 18e6


def test_a_turbine_rating_given_as_a_mass_is_refused_naming_the_source():
    with pytest.raises(ParameterError, match="'turbine_rating'.*not convertible to 'MW'"):
        uses.turbine_phones(turbine_and_phone(rating=("10", "kg")), "average new offshore", samples=100, seed=1, level=0.9)


@pytest.mark.parametrize(("fraction", "share", "parameter"), [(130, 50, "ree_fraction_magnet"), (30, 120, "phone_ree_share_in_magnets")])
def test_a_share_above_one_is_refused(fraction, share, parameter):
    with pytest.raises(ParameterError, match=f"'{parameter}'.*in \\(0, 1\\]"):
        uses.turbine_phones(turbine_and_phone(fraction=fraction, share=share), "average new offshore", samples=100, seed=1, level=0.9)


def test_an_unknown_kind_of_turbine_names_the_choices():
    with pytest.raises(ParameterError, match="'turbine'.*'average new offshore', 'large direct-drive'"):
        uses.turbine_phones(turbine_and_phone(), "onshore", samples=100, seed=1, level=0.9)


def test_only_past_world_shares_of_magnets_by_mass_decide():
    rows = frame(
        statement("end_use_share", "permanent magnets", 29, "percent", year=2020, basis="share of REO consumption by mass"),
        statement("end_use_share", "permanent magnets", 40, "percent", year=2030, basis="forecast share of REO consumption by mass"),
        statement("end_use_share", "permanent magnets", 90, "percent", year=2019, basis="share of REO consumption by value"),
        statement("end_use_share", "permanent magnets and motors", 20, "percent", year=2019, basis="share of REO consumption by mass"),
    )
    (evidence,) = uses.magnet_share_evidence(rows)
    assert_allclose(evidence.value, Q_(29, "percent"))
    shares = uses.magnet_shares(rows)
    assert list(shares["kind"]) == ["by mass", "forecast, by mass", "by value", "by mass"] and list(shares["grouping"]) == [False, False, False, True]


def test_only_complete_mineral_lists_are_summed():
    rows = frame(
        statement("minerals_per_vehicle", "electric car: Copper", 50, "kg", source_id="vc-iea-ev-minerals"),
        statement("minerals_per_vehicle", "electric car: Graphite", 60, "kg", source_id="vc-iea-ev-minerals"),
        statement("minerals_per_vehicle", "electric car: Copper", 50, "kg", source_id="sae-2022-iea-ev-minerals"),
    )
    lists = uses.mineral_lists(rows)
    assert_allclose(uses.minerals_evidence(lists).value, Q_(110, "kg"))
    assert not lists.loc[lists["source_id"] == "sae-2022-iea-ev-minerals", "complete"].any()


def test_the_data_give_an_ev_list_of_about_200_kg_and_a_magnet_share_near_a_third():
    lists = uses.mineral_lists(data.load("uses"))
    assert 150 < uses.minerals_evidence(lists).value.to("kg").magnitude < 250
    for evidence in uses.magnet_share_evidence(data.load("uses")):
        assert 10 < evidence.value.to("percent").magnitude < 50
