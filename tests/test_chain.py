"""The multi-stage chain against cases solvable by hand."""

import re

import pandas as pd
import pytest
from pint.testing import assert_allclose

from reelib import Q_, DataValidationError, ParameterError
from reelib.chain import (
    Route,
    SupplyChain,
    describe_routes,
    describe_shares,
    exposure_range,
    reported_shares,
    route_exposure,
    route_exposures,
    share_spread,
)


def table(rows):
    return pd.DataFrame(rows, columns=["stage", "buyer", "supplier", "share"])


@pytest.fixture
def cathodes():
    # EU buys half its cathodes from China and half from Korea; Korea gets 90 %
    # of its precursors from China and 10 % from Japan, whose sourcing is untraced.
    return SupplyChain.from_table(
        table(
            [
                ("cathode", "EU", "China", 0.5),
                ("cathode", "EU", "South Korea", 0.5),
                ("precursor", "South Korea", "China", 0.9),
                ("precursor", "South Korea", "Japan", 0.1),
            ]
        ),
        stages=["cathode", "precursor", "refining"],
    )


def test_effective_dependency_adds_the_indirect_route(cathodes):
    exposure = cathodes.exposure("EU", "China")
    assert_allclose(exposure.direct, Q_(50, "percent"))
    # 0.5 direct + 0.5 × 0.9 via Korea; Japan's 5 % is untraced at the refining stage.
    assert_allclose(exposure.effective_low, Q_(95, "percent"))
    assert_allclose(exposure.effective_high, Q_(100, "percent"))
    assert exposure.by_stage.pint.magnitude.tolist() == pytest.approx([50, 45, 0])


def test_shares_below_one_leave_the_rest_unknown():
    chain = SupplyChain.from_table(table([("magnet", "EU", "China", 0.85)]), stages=["magnet"])
    exposure = chain.exposure("EU", "China")
    assert_allclose(exposure.effective_low, Q_(85, "percent"))
    assert_allclose(exposure.effective_high, Q_(100, "percent"))


def test_counted_once_when_the_chain_returns_to_the_country():
    # Supply that leaves China and comes back must not be counted twice.
    chain = SupplyChain.from_table(
        table(
            [
                ("magnet", "EU", "China", 1.0),
                ("oxide", "China", "China", 1.0),
            ]
        ),
        stages=["magnet", "oxide"],
    )
    assert_allclose(chain.exposure("EU", "China").effective_high, Q_(100, "percent"))


def test_percent_columns_are_accepted():
    rows = table([("magnet", "EU", "Japan", 60.0), ("magnet", "EU", "China", 40.0)])
    rows["share"] = rows["share"].astype("pint[percent]")
    chain = SupplyChain.from_table(rows, stages=["magnet"])
    assert_allclose(chain.exposure("EU", "China").direct, Q_(40, "percent"))


@pytest.mark.parametrize(
    "rows, message",
    [
        ([("magnet", "EU", "China", 1.2)], "supplier 'China': share 1.2 is not a fraction within 0–1"),
        ([("magnet", "EU", "China", -0.1)], "not a fraction"),
        ([("magnet", "EU", "China", 0.7), ("magnet", "EU", "Japan", 0.5)], "buyer 'EU': shares sum to 1.200"),
        ([("magnet", "EU", "China", 0.5), ("magnet", "EU", "China", 0.2)], "listed twice"),
        ([("alloy", "EU", "China", 0.5)], "stages ['alloy'] are not in the chain"),
    ],
)
def test_bad_tables_name_the_stage_and_buyer(rows, message):
    with pytest.raises(DataValidationError, match=re.escape(message)):
        SupplyChain.from_table(table(rows), stages=["magnet"], name="chain.csv")


def test_unknown_buyer_and_country_are_parameter_errors(cathodes):
    with pytest.raises(ParameterError, match="'buyer'.*'US' has no sourcing at stage 'cathode'"):
        cathodes.exposure("US", "China")
    with pytest.raises(ParameterError, match="'country'"):
        cathodes.exposure("EU", "Chile")


def test_a_route_through_a_third_country_has_no_direct_dependency():
    korea = table([("precursor", "South Korea", "China", 0.965)])
    exposure = route_exposure(korea, ["cathode", "precursor"], buyer="EU", via="South Korea", country="China")
    assert_allclose(exposure.direct, Q_(0, "percent"))
    assert_allclose(exposure.effective_low, Q_(96.5, "percent"))
    assert_allclose(exposure.effective_high, Q_(100, "percent"))
    with pytest.raises(ParameterError, match="'via'"):
        route_exposure(korea, ["cathode", "precursor"], buyer="EU", via="China", country="China")


def test_share_spread_takes_median_and_range_of_recent_reports():
    reports = table([("precursor", "South Korea", "China", 0.89), ("precursor", "South Korea", "China", 0.965),
                     ("precursor", "South Korea", "China", 0.97), ("precursor", "South Korea", "China", 0.926)])
    reports["chain"] = "cathode"
    reports["year"] = [2020, 2023, 2023, 2022]
    reports["source_id"] = ["old", "a", "b", "a"]
    spread = share_spread(reports, since=2022)
    assert len(spread) == 1 and spread.loc[0, "reports"] == 3
    assert spread.attrs["source_ids"] == ["a", "b"]  # the 2020 report is not used
    assert spread.loc[0, "share"].magnitude == pytest.approx(96.5)
    assert (spread.loc[0, "share_low"].magnitude, spread.loc[0, "share_high"].magnitude) == pytest.approx((92.6, 97))
    with pytest.raises(ParameterError, match="'since': no sourcing share reported for 2030"):
        share_spread(reports, since=2030)


def test_a_route_replaces_the_buyers_own_purchase_shares():
    rows = table([("magnet", "EU", "China", 0.85), ("rare_earths", "Japan", "China", 0.6)])
    exposure = route_exposure(rows, ["magnet", "rare_earths"], buyer="EU", via="Japan", country="China")
    assert_allclose(exposure.direct, Q_(0, "percent"))
    assert_allclose(exposure.effective_low, Q_(60, "percent"))


def test_exposure_range_puts_the_other_suppliers_low_for_the_upper_bound():
    # EU buys 50–60 % from China and 30–40 % from Korea; Korea 10–15 % from China, 85 % from Australia.
    spread = pd.DataFrame({
        "stage": ["cathode", "cathode", "precursor", "precursor"],
        "buyer": ["EU", "EU", "South Korea", "South Korea"],
        "supplier": ["China", "South Korea", "China", "Australia"],
        "share": [55.0, 35.0, 12.5, 85.0], "share_low": [50.0, 30.0, 10.0, 85.0], "share_high": [60.0, 40.0, 15.0, 85.0],
    }).astype({"share": "pint[percent]", "share_low": "pint[percent]", "share_high": "pint[percent]"})
    result = exposure_range(spread, ["cathode", "precursor"], buyer="EU", country="China")
    # low: 0.5 + 0.3 × 0.10; high: 0.6 + 0.3 × 0.15 + the untraced 0.1 of the EU's purchases.
    assert result.low.magnitude == pytest.approx(53.0)
    assert result.high.magnitude == pytest.approx(74.5)
    assert result.low <= result.central.effective_low <= result.central.effective_high <= result.high


def spread_rows():
    spread = pd.DataFrame({
        "chain": ["magnet", "magnet", "magnet"],
        "stage": ["magnet", "magnet", "rare_earths"],
        "buyer": ["EU", "EU", "Japan"],
        "supplier": ["China", "Japan", "China"],
        "share": [80.0, 10.0, 60.0], "share_low": [70.0, 5.0, 50.0], "share_high": [90.0, 15.0, 70.0],
    }).astype({"share": "pint[percent]", "share_low": "pint[percent]", "share_high": "pint[percent]"})
    spread["year"] = [2023, 2023, 2021]
    return spread


def test_routes_are_followed_and_described_one_line_each():
    routes = [Route("magnets via Japan", "magnet", ("magnet", "rare_earths"), "EU", via="Japan"),
              Route("magnets, EU overall", "magnet", ("magnet", "rare_earths"), "EU")]
    exposures = route_exposures(spread_rows(), routes, country="China")
    assert [name for name, _ in exposures] == ["magnets via Japan", "magnets, EU overall"]
    assert_allclose(exposures[0][1].central.effective_low, Q_(60, "percent"))  # all of it bought from Japan, 60 % Chinese
    lines = describe_routes(exposures, country="China").splitlines()
    assert len(lines) == 2 and lines[0].startswith("magnets via Japan ") and "direct   0.0 %" in lines[0]
    with pytest.raises(ParameterError, match="'cathodes': no sourcing shares for chain 'cathode'; chains: magnet"):
        route_exposures(spread_rows(), [Route("cathodes", "cathode", ("cathode",), "EU")], country="China")


def test_reported_shares_select_one_flow_and_describe_it():
    rows = reported_shares(spread_rows(), stage="rare_earths", buyer="Japan", supplier="China")
    assert len(rows) == 1
    assert describe_shares(rows, supplier="China") == "60 % from China [50 %–70 %]"
    assert reported_shares(spread_rows(), stage="rare_earths", buyer="Japan", supplier="China", since=2022).empty
