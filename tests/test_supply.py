import pandas as pd
import pytest
from pint.testing import assert_allclose

from reelib import ParameterError, Q_, data, supply


def table(rows):
    """A production table in the loader's shape from (publication, edition, year, country, kind, t)."""
    frame = pd.DataFrame(rows, columns=["publication", "edition", "year", "country", "kind", "production"])
    frame["production"] = frame["production"].astype(float).astype("pint[t REO]")
    frame["estimated"] = False
    return frame


@pytest.fixture
def two_editions():
    return table([
        ("MCS", 2025, 2024, "A", "country", 300), ("MCS", 2025, 2024, "B", "country", 96),
        ("MCS", 2025, 2024, "World total", "world_total", 390),
        ("MCS", 2024, 2023, "A", "country", 200), ("MCS", 2024, 2023, "World total", "world_total", 200),
        ("MCS", 2025, 2023, "A", "country", 250), ("MCS", 2025, 2023, "B", "country", 50),
        ("MCS", 2025, 2023, "World total", "world_total", 300),
        ("DS140", 2020, 2015, "World total", "world_total", 100), ("DS140", 2020, 2015, "A", "country", 10),
    ])


def test_latest_vintage_takes_revisions_and_first_takes_first_estimates(two_editions):
    latest = supply.world_series(supply.select_vintage(two_editions, 2025))
    first = supply.world_series(supply.select_vintage(two_editions, 2025, vintage="first"))
    assert latest.loc[2023, "edition"] == 2025 and first.loc[2023, "edition"] == 2024
    assert_allclose(latest.loc[2023, "production"], Q_(300, "t REO"))


def test_an_edition_not_in_the_data_names_the_parameter(two_editions):
    with pytest.raises(ParameterError, match="'edition': MCS 2019 is not in the data; available: 2024, 2025"):
        supply.select_vintage(two_editions, 2019)


def test_shares_of_a_rounded_total_keep_their_residual_and_interval(two_editions):
    shares = supply.shares(supply.select_vintage(two_editions, 2025), 2024)
    assert_allclose(shares.loc["A", "share"], Q_(300 / 390 * 100, "percent"))
    assert_allclose(shares.loc["A", "share_low"], Q_(300 / 396 * 100, "percent"))
    assert_allclose(shares.attrs["rounding_residual"], Q_((1 - 396 / 390) * 100, "percent"))


def test_a_year_with_no_data_names_the_parameter(two_editions):
    with pytest.raises(ParameterError, match="'year': 2010 has no production data; years available: 2015–2024"):
        supply.shares(supply.select_vintage(two_editions, 2025), 2010)


def test_a_country_missing_from_a_table_is_nan_not_zero(two_editions):
    series = supply.share_series(supply.select_vintage(two_editions, 2025), "B")
    assert list(series.index) == [2023, 2024]  # 2015 is DS140: world and US only
    only_a = table([("MCS", 2025, 2024, "A", "country", 10), ("MCS", 2025, 2024, "World total", "world_total", 10)])
    assert pd.isna(supply.share_series(supply.select_vintage(only_a, 2025), "B").loc[2024, "share"].magnitude)


def test_hhi_and_top_n():
    single = table([("MCS", 2025, 2024, "A", "country", 10), ("MCS", 2025, 2024, "World total", "world_total", 10)])
    shares = supply.shares(supply.select_vintage(single, 2025), 2024)
    assert supply.herfindahl_hirschman(shares).magnitude == pytest.approx(10_000)
    even = table([(*("MCS", 2025, 2024), c, "country", 25) for c in "ABCD"] + [("MCS", 2025, 2024, "Other countries", "other", 0), ("MCS", 2025, 2024, "World total", "world_total", 100)])
    shares = supply.shares(supply.select_vintage(even, 2025), 2024)
    assert supply.herfindahl_hirschman(shares).magnitude == pytest.approx(2_500)
    assert_allclose(supply.top_n_share(shares, 3), Q_(75, "percent"))
    with pytest.raises(ParameterError, match="'n'"):
        supply.top_n_share(shares, 0)


def test_mcs_2025_world_total_and_china_share_for_2024():
    selected = supply.select_vintage(data.load("usgs_production"), 2025)
    shares = supply.shares(selected, 2024)
    assert_allclose(shares.attrs["world_total"], Q_(390_000, "t REO"))
    assert_allclose(shares.loc["China", "production"], Q_(270_000, "t REO"))


def test_production_by_country_keeps_the_largest_and_sums_the_rest(two_editions):
    wide = supply.production_by_country(supply.select_vintage(two_editions, 2025), top=1, unit="t REO")
    assert list(wide.columns) == ["A", "all others"]
    assert list(wide.index) == [2023, 2024]  # 2015 is DS140: no by-country table
    assert wide.loc[2024, "all others"] == 96 and wide.loc[2023, "A"] == 250
    with pytest.raises(ParameterError, match="'top'"):
        supply.production_by_country(two_editions, top=0)
