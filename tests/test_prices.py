"""Oxide prices and criticality: the heavy-over-light ratio by hand, vintages, volatility, concentration."""

import pandas as pd
import pytest
from pint.testing import assert_allclose

from reelib import criticality, data, prices
from reelib.errors import ParameterError
from reelib.units import Q_

from statement_rows import frame, statement

PRICE_COLUMNS = ["element", "compound", "edition", "year", "price", "unit", "basis", "estimated", "copy", "source_id", "location", "quote", "note"]


def price(element, year, value, edition=2026, unit="USD/kg", source="usgs-mcs-2026-rare-earths"):
    return {"element": element, "compound": "", "edition": edition, "year": year, "price": value, "unit": unit, "basis": "annual average",
            "estimated": False, "copy": "first-hand", "source_id": source, "location": "", "quote": "", "note": ""}


def table(*rows):
    return pd.DataFrame(list(rows), columns=PRICE_COLUMNS)


def test_heavy_over_light_by_hand():
    # Dy/La 200, Dy/Ce 100, Tb/La 1000, Tb/Ce 500: median 350, from 100 to 1000.
    series = prices.usgs_series(table(price("La", 2025, 1), price("Ce", 2025, 2), price("Dy", 2025, 200), price("Tb", 2025, 1000)))
    ratios = prices.heavy_over_light(series)
    evidence = prices.ratio_evidence(ratios, 2025)
    assert_allclose(evidence.value, Q_(350, ""))
    assert (evidence.low.magnitude, evidence.high.magnitude) == (100, 1000)


def test_each_year_takes_the_latest_or_the_first_edition():
    rows = table(price("Dy", 2021, 410, edition=2026), price("Dy", 2021, 400, edition=2022, source="usgs-mcs-2022-data-release"))
    assert prices.usgs_series(rows, "latest")["price"].tolist() == [410]
    assert prices.usgs_series(rows, "first")["price"].tolist() == [400]
    with pytest.raises(ParameterError, match="'vintage'"):
        prices.usgs_series(rows, "newest")


def test_a_negative_price_is_refused_naming_the_element_and_source():
    with pytest.raises(ParameterError, match="'price'.*negative price -5.0 for Dy 2025 \\(usgs-mcs-2026-rare-earths\\)"):
        prices.usgs_series(table(price("Dy", 2025, -5.0)))


def test_a_year_without_every_oxide_has_no_ratio():
    series = prices.usgs_series(table(price("La", 2025, 1), price("Dy", 2025, 200)))
    assert prices.heavy_over_light(series).empty
    with pytest.raises(ParameterError, match="'year'.*2025"):
        prices.ratio_evidence(prices.heavy_over_light(series), 2025)


def test_spot_quotations_in_different_units_are_compared_in_one():
    rows = table(price("Dy", 2025, 1.6, unit="MCNY/t", source="smm-2025-04-24"), price("La", 2025, 4000, unit="CNY/t", source="smm-2025-03-13"))
    assert_allclose(prices.spot_ratio_evidence(rows, 2025).value, Q_(400, ""))


def test_volatility_needs_every_year_of_the_span():
    rows = table(*[price("Dy", y, v) for y, v in ((2020, 100), (2021, 200), (2022, 300))], price("La", 2020, 1), price("La", 2022, 1))
    result = prices.volatility(prices.usgs_series(rows), 2020, 2022)
    assert list(result["element"]) == ["Dy"]  # La has a gap in 2021
    assert result["coefficient of variation"].iloc[0] == pytest.approx(0.5)


def test_the_usgs_2025_ratio_lies_between_one_and_two_orders_of_magnitude_and_more():
    ratios = prices.heavy_over_light(prices.usgs_series(data.load("oxide_prices")))
    evidence = prices.ratio_evidence(ratios, 2025)
    assert 100 < evidence.value.magnitude < 1000


def test_concentration_is_heavy_over_light_china_shares_per_assessment():
    rows = frame(
        statement("china_share", "HREE", 99, "percent", year=2014, source_id="ec-2014-crm-report"),
        statement("china_share", "LREE", 90, "percent", year=2014, source_id="ec-2014-crm-report"),
        statement("china_share", "all REE", 70, "percent", year=2023, source_id="iea-gcmo-2024"),
    )
    ratios = criticality.china_share_ratios(rows)
    assert ratios["ratio"].tolist() == [pytest.approx(1.1)]  # a share of all REE says nothing about heavy against light
    (evidence,) = criticality.concentration_evidence(ratios)
    assert_allclose(evidence.value, Q_(1.1, ""))


def test_no_source_with_both_groups_is_a_clear_error():
    with pytest.raises(ParameterError, match="both heavy and light"):
        criticality.china_share_ratios(frame(statement("china_share", "HREE", 99, "percent", year=2014)))
