"""The EU urban-mine model: inflows from sourced statements, scenarios, capacity, and the claims' evidence."""

import numpy as np
import pytest

from reelib import catalog, data, sweeps, urban
from reelib.errors import ParameterError
from reelib.units import Q_

YEARS = range(2000, 2051)


@pytest.fixture(scope="module")
def statements():
    return data.load("urban_mine")


@pytest.fixture(scope="module")
def inputs(statements):
    return urban.inputs_from_data(statements)


def scenarios(n=200, growth="0 %/a", jrc="low"):
    return urban.Scenarios(n, 1, Q_(growth).to("1/a"), jrc)


def test_the_inputs_are_ranges_with_sources(inputs):
    assert {2019, 2030} <= set(inputs.demand_anchors)
    for value in [*inputs.demand_anchors.values(), *inputs.lifetimes.values(), inputs.magnet_per_ev, inputs.magnet_per_mw]:
        assert 0 < value.low <= value.high and value.sources
    table = urban.input_table(inputs)
    assert "EU magnet demand 2019" in table.index and table["sources"].str.len().min() > 0


def test_products_add_up_to_demand_every_year(inputs):
    inflow, lifetimes, demand = urban.scenario_inflows(inputs, YEARS, scenarios())
    assert inflow.shape == (len(YEARS), len(urban.PRODUCTS), 200) and lifetimes.shape == (len(urban.PRODUCTS), 200)
    np.testing.assert_allclose(inflow.to("t/a").magnitude.sum(axis=1), demand.to("t/a").magnitude, rtol=1e-9)
    assert np.all(inflow.magnitude >= 0)


def test_demand_passes_through_its_sourced_anchors(inputs):
    _, _, demand = urban.scenario_inflows(inputs, YEARS, scenarios())
    for year, anchor in inputs.demand_anchors.items():
        values = demand.to("t/a").magnitude[YEARS.index(year)]
        assert anchor.low - 1e-6 <= values.min() and values.max() <= anchor.high + 1e-6


def test_growth_after_2030_is_the_parameter(inputs):
    _, _, held = urban.scenario_inflows(inputs, YEARS, scenarios())
    _, _, growing = urban.scenario_inflows(inputs, YEARS, scenarios(growth="2 %/a"))
    at_2030, at_2040 = YEARS.index(2030), YEARS.index(2040)
    np.testing.assert_allclose(held.magnitude[at_2040], held.magnitude[at_2030])
    np.testing.assert_allclose(growing.magnitude[at_2040], growing.magnitude[at_2030] * 1.02**10)


def test_the_model_conserves_mass(inputs):
    result, _ = urban.simulate(inputs, YEARS, scenarios(50))
    assert np.abs(result.balance().to("t").magnitude).max() < 1e-6


@pytest.mark.parametrize(("given", "message"), [(urban.Scenarios(0, 1, Q_(0, "1/a"), "low"), "at least 1"),
                                                 (urban.Scenarios(10, 1, Q_(0, "1/a"), "medium"), "'medium' is not 'low' or 'high'")])
def test_bad_scenarios_are_refused(inputs, given, message):
    with pytest.raises(ParameterError, match=message):
        urban.scenario_inflows(inputs, YEARS, given)


def test_capacity_counts_operating_plants_and_adds_announced_ones(statements):
    operating = urban.recycling_capacity(statements, 2025, announced=False)
    planned = urban.recycling_capacity(statements, 2030, announced=True)
    assert operating[:2] == (600, 600)  # one plant operating in 2025 (Heraeus Remloy)
    assert planned[0] > operating[1] and planned[0] <= planned[1]
    series = urban.capacity_series(statements, [2000, 2025], announced=True)
    assert np.isnan(series[0]) and series[1] > 0  # before any dated statement: a gap, not a zero


def test_the_share_not_met_from_china_is_one_minus_the_stated_shares(statements):
    evidence = urban.non_china_evidence(urban.china_shares(statements))
    assert evidence.value.to("").magnitude == pytest.approx(0.02)
    with pytest.raises(ParameterError, match="import_share_china"):
        urban.non_china_evidence(urban.china_shares(statements).head(0))


def test_every_claim_the_notebook_assesses_gets_a_verdict():
    parameters = catalog.parameters("07_urban_mine", start=2000, end=2050, scenarios=100, seed=1, level=0.9,
                                    growth_after_2030="0 %/a", jrc_scenario="low")
    verdicts = urban.evaluate(parameters)
    assert [v.claim for v in verdicts] == ["CNRS-22", "CLEPA-03", "CLEPA-07", "CLEPA-08"]
    assert all(v.verdict in ("reproduced", "consistent", "not supported") for v in verdicts)


def test_an_in_process_sweep_keeps_going_past_a_bad_point_and_says_why():
    good = dict(start=2000, end=2050, scenarios=50, seed=1, level=0.9, growth_after_2030="0 %/a", jrc_scenario="low")
    bad = good | {"end": 2020}  # before the years the claims speak of
    lines = []
    rows = sweeps.run("07_urban_mine", [good, bad], [{"end": 2050}, {"end": 2020}], out=lines.append)
    assert {r["point"] for r in rows if r["ok"]} == {0}
    failed = [r for r in rows if not r["ok"]]
    assert len(failed) == 1 and "end" in failed[0]["error"]
    assert lines[0].startswith("sweeping 07_urban_mine over 2 point(s)")


@pytest.mark.parametrize("quantity, wrong_unit", [("wind_capacity_installed", "t"), ("pmg_market_share", "GW"), ("bev_registrations", "kg")])
def test_an_input_stated_in_a_unit_of_another_kind_is_refused_naming_its_source(statements, quantity, wrong_unit):
    frame = statements.copy()
    frame.loc[frame["quantity"] == quantity, "unit"] = wrong_unit
    with pytest.raises(ParameterError, match=rf"'{quantity}': .* states it in '{wrong_unit}', which is not convertible"):
        urban.inputs_from_data(frame)
