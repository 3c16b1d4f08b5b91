import pandas as pd
import pytest
from pint.testing import assert_allclose

from reelib import Q_, DataValidationError, ParameterError, data, supply


def table(rows):
    """A production table in the loader's shape from (publication, edition, year, country, kind, t)."""
    frame = pd.DataFrame(rows, columns=["publication", "edition", "year", "country", "kind", "production"])
    frame["production"] = frame["production"].astype(float).astype("pint[t REO]")
    frame["estimated"] = False
    frame["source_id"] = frame["publication"].str.lower() + "-" + frame["edition"].astype(str)
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


@pytest.fixture
def embargo():
    # "New" starts mining after 2010; "Old" mined a little before; "Tiny" after, below the threshold;
    # "Back" mined in 2005, stopped, and restarted: it counts, as "develop or restart" says.
    rows = []
    for year, amounts in {
        2005: {"China": 90, "Old": 1, "Back": 9},
        2009: {"China": 99, "Old": 1},
        2010: {"China": 99, "Old": 1},
        2012: {"China": 80, "Old": 5, "New": 10, "Tiny": 0.1, "Back": 4.9},
    }.items():
        rows += [("MYB", 2022, year, country, "country", t) for country, t in amounts.items()]
        rows.append(("MYB", 2022, year, "World total", "world_total", sum(amounts.values())))
    rows.append(("DS140", 2020, 2011, "World total", "world_total", 100))
    return table(rows)


def test_new_producers_after_an_event(embargo):
    selected = supply.select_vintage(pd.concat([embargo, table([("MCS", 2025, 2024, "World total", "world_total", 1)])]), 2025)
    found = supply.new_producers(selected, 2010, lookback=2, min_share=0.01)
    assert list(found.index) == ["Back", "New"]
    assert found.loc["New", "first_year"] == 2012
    assert found.attrs["years_before"] == [2009, 2010] and 2011 not in found.attrs["years_after"]  # DS140 year skipped
    # With a window reaching back to 2005, "Back" was already a producer.
    assert list(supply.new_producers(selected, 2010, lookback=6, min_share=0.01).index) == ["New"]


@pytest.mark.parametrize("bad", [-0.1, 1.5, 5, True, "0.1"])
def test_a_share_threshold_outside_0_1_names_the_parameter(embargo, bad):
    selected = supply.select_vintage(pd.concat([embargo, table([("MCS", 2025, 2024, "World total", "world_total", 1)])]), 2025)
    with pytest.raises(ParameterError, match="'min_share'.*not a fraction between 0 and 1"):
        supply.new_producers(selected, 2010, lookback=2, min_share=bad)


def test_an_event_without_tables_on_both_sides_is_refused(embargo):
    selected = supply.select_vintage(pd.concat([embargo, table([("MCS", 2025, 2024, "World total", "world_total", 1)])]), 2025)
    with pytest.raises(ParameterError, match="'event_year'"):
        supply.new_producers(selected, 2024, lookback=2, min_share=0.01)


def test_hhi_series_skips_years_without_a_country_table(embargo):
    selected = supply.select_vintage(pd.concat([embargo, table([("MCS", 2025, 2024, "World total", "world_total", 1)])]), 2025)
    hhi = supply.hhi_series(selected)
    assert 2011 not in hhi.index
    assert hhi.loc[2010].magnitude == pytest.approx(99**2 + 1**2)


def reserves_table(rows):
    frame = pd.DataFrame(rows, columns=["edition", "country", "kind", "reserves"])
    frame["reserves"] = frame["reserves"].astype(float).astype("pint[t REO]")
    frame["source_id"] = "mcs-" + frame["edition"].astype(str)
    return frame


def test_reserve_shares_use_the_rows_with_a_number():
    reserves = reserves_table([
        (2025, "A", "country", 60), (2025, "B", "country", 39), (2025, "C", "country", 1),
        (2025, "D", "country", float("nan")), (2025, "World total", "world_total", float("nan")),
    ])
    shares = supply.reserve_shares(reserves, 2025)
    assert_allclose(shares.loc["A", "share"], Q_(60, "percent"))
    assert shares.attrs["without_number"] == ["D"]
    assert supply.countries_with_reserves(shares) == ["A", "B", "C"]
    assert supply.countries_with_reserves(shares, min_share=0.02) == ["A", "B"]
    with pytest.raises(ParameterError, match="'edition': MCS 2020 has no reserves"):
        supply.reserve_shares(reserves, 2020)
    with pytest.raises(ParameterError, match="'min_share'"):
        supply.countries_with_reserves(shares, min_share=2)


def test_years_of_supply_keeps_the_basis_honest():
    assert_allclose(supply.years_of_supply(Q_(39, "Mt REO"), Q_(390, "kt REO/a")), Q_(100, "a"))
    assert_allclose(supply.years_of_supply(Q_(39, "Mt REO"), Q_(390, "kt REO")), Q_(100, "a"))  # a year's production
    with pytest.raises(ParameterError, match="'stock': 39 Mt·REE and 390 kt·REO/a are not on the same basis"):
        supply.years_of_supply(Q_(39, "Mt REE"), Q_(390, "kt REO/a"))
    with pytest.raises(ParameterError, match="'annual_production'"):
        supply.years_of_supply(Q_(39, "Mt REO"), Q_(0, "kt REO/a"))
    with pytest.raises(ParameterError, match="'stock': 39 Mt·REE and 390 kt·Nd/a are not on the same basis"):
        supply.years_of_supply(Q_(39, "Mt REE"), Q_(390, "kt Nd/a"))


def test_country_production_leaves_unknown_years_and_countries_empty(embargo):
    selected = supply.select_vintage(pd.concat([embargo, table([("MCS", 2025, 2024, "World total", "world_total", 1)])]), 2025)
    wide = supply.country_production(selected, unit="t REO")
    assert list(wide.index) == list(range(2005, 2025))
    assert pd.isna(wide.loc[2011, "China"])  # DS140 year: world total only
    assert pd.isna(wide.loc[2009, "New"]) and wide.loc[2012, "New"] == 10


def test_contained_oxide_is_printed_or_ore_times_grade():
    frame = pd.DataFrame({"region": ["G", "G"], "deposit": ["a", "b"], "source_id": ["s", "s"]})
    frame["ore"] = pd.Series([float("nan"), 45.0], dtype="pint[Mt]")
    frame["grade"] = pd.Series([float("nan"), 0.4], dtype="pint[percent REO]")
    frame["contained"] = pd.Series([11.14, float("nan")], dtype="pint[Mt REO]")
    out = supply.contained_oxide(frame)
    assert_allclose(out["contained"].pint.quantity, Q_([11.14, 0.18], "Mt REO"))
    assert list(out["how"]) == ["printed", "ore × grade"]
    frame.loc[1, "ore"] = float("nan")
    with pytest.raises(DataValidationError, match="no contained oxide"):
        supply.contained_oxide(frame)


def test_peak_share_in_a_window_or_none(two_editions):
    series = supply.share_series(supply.select_vintage(two_editions, 2025), "A")
    year, row = supply.peak_share(series, 2020, 2024)
    assert year == 2023 and row["share"].magnitude == pytest.approx(250 / 300 * 100)
    assert supply.peak_share(series, 2000, 2010) is None


def test_deposit_total_bounds_from_compliant_to_largest():
    deposits = pd.DataFrame({"deposit": ["K", "T", "T"], "year": [2015, 2024, 2025], "code_compliant": pd.array([True, False, True], dtype="boolean")})
    deposits["contained"] = pd.Series([11.14, 28.2, 0.18], dtype="pint[Mt REO]")
    low, high = supply.deposit_total_bounds(deposits)
    assert_allclose(low, Q_(11.32, "Mt REO"))
    assert_allclose(high, Q_(39.34, "Mt REO"))


def test_by_edition_evidence_is_one_piece_per_edition(two_editions):
    totals = supply.world_total_by_edition(two_editions, 2023, [2024, 2025])
    assert [t.value.magnitude for t in totals] == pytest.approx([0.2, 0.3])  # kt REO: the 2025 edition revised 2023
    shares = supply.share_by_edition(two_editions, 2024, [2025], "A")
    assert len(shares) == 1 and shares[0].value.magnitude == pytest.approx(300 / 390 * 100)
    with pytest.raises(ParameterError, match="'country': 'Z' is not listed"):
        supply.share_by_edition(two_editions, 2024, [2025], "Z")


def test_leading_reserve_holders_and_holders_by_edition():
    reserves = reserves_table([
        (2025, "A", "country", 60), (2025, "B", "country", 39), (2025, "C", "country", 1),
        (2024, "A", "country", 50), (2024, "B", "country", float("nan")),
    ])
    assert supply.leading_reserve_holders(supply.reserve_shares(reserves, 2025), 2) == "USGS reserves (not resources), MCS 2025: A 60 %, then B 39 %"
    counts = supply.reserve_holders_by_edition(reserves, [2024, 2025])
    assert [(c.value.magnitude, c.high.magnitude) for c in counts] == [(1, 2), (3, 3)]  # 2024: B listed without a number
    with pytest.raises(ParameterError, match="'n'"):
        supply.leading_reserve_holders(supply.reserve_shares(reserves, 2025), 0)


def test_world_inventories_as_evidence_and_text():
    frame = pd.DataFrame({"region": ["World", "World", "G"], "scope": ["world", "world", "aggregate"], "source_id": ["z", "w", "g"],
                          "year": [2017, 2015, 2015], "basis": ["resources", "reserves", "resources"]})
    frame["contained"] = pd.Series([478.0, 120.0, 38.5], dtype="pint[Mt REO]")
    inventories = supply.world_inventories(frame)
    assert list(inventories.index) == ["z", "w"]
    evidence = supply.inventory_evidence(inventories)
    assert [e.sources for e in evidence] == [("z",), ("w",)] and evidence[0].note == "inventory of 2017, basis resources"
    assert supply.describe_inventories(inventories, Q_(390, "kt REO"), 2024).splitlines()[0] == "z (2017, resources): 478 Mt·REO = 1,226 a of 2024 production"
    whole, aggregates, deposits = supply.regional_resources(frame, "G")
    assert len(whole) == len(aggregates) == 1 and deposits.empty
    with pytest.raises(ParameterError, match="'region': 'Mars' has no resource estimates"):
        supply.regional_resources(frame, "Mars")


def test_stage_share_evidence_uses_recent_statements_or_says_what_is_needed():
    rows = pd.DataFrame({"country": ["China"] * 3 + ["Japan"], "stage": ["separation", "separation", "magnets", "separation"],
                         "year": [2019, 2023, 2023, 2023], "source_id": ["iea-gcmo-2024", "nrcan-ree-facts", "iea-gcmo-2024", "iea-gcmo-2024"]})
    rows["share"] = pd.Series([85.0, 90.0, 94.0, 1.0], dtype="pint[percent]")
    china = supply.stage_shares_of(rows, "China")
    assert list(china["stage"]) == ["magnets", "separation", "separation"]
    evidence = supply.stage_share_evidence(china, "separation", since=2022)
    assert evidence.sources == ("nrcan-ree-facts",) and evidence.value.to("percent").magnitude == pytest.approx(90) and evidence.note.startswith("1 statements, data years 2022+")
    assert "data year ≥ 2030" in supply.stage_share_evidence(china, "separation", since=2030).needs
    with pytest.raises(ParameterError, match="'country': 'Mars' has no stage shares"):
        supply.stage_shares_of(rows, "Mars")
