"""Recovery chains: stage yields multiply, losses add up to what went in, bad chains are refused."""

import numpy as np
import pytest
from pint.testing import assert_allclose

from reelib import data, recycling
from reelib.errors import ParameterError
from reelib.recycling import Chain, Stage
from reelib.secondary import Uncertain
from reelib.units import Q_


def point(name, value, source="usgs-mcs-2026-rare-earths"):
    return Uncertain(name, central=Q_(value, "dimensionless"), sources=(source,))


def span(name, low, high, sources=("usgs-mcs-2026-rare-earths",)):
    return Uncertain(name, low=Q_(low, "dimensionless"), high=Q_(high, "dimensionless"), sources=sources)


def hand_chain():
    # 0.5 × 0.8 × 0.9 = 0.36: solvable by hand.
    return Chain("magnet", "test", (Stage("collection", point("c", 0.5)), Stage("dismantling", point("d", 0.8)), Stage("refining", point("r", 0.9))))


def test_the_rate_of_known_stages_is_their_product():
    rate = hand_chain().eol_rate(samples=1000, seed=1)
    assert_allclose(rate.median, Q_(36, "percent"))
    assert_allclose(rate.low, Q_(36, "percent"))


def test_what_is_lost_and_what_comes_back_add_up_to_what_went_in():
    flows = hand_chain().flows(Q_(1000, "kg"))
    assert_allclose(flows["lost"].sum() + flows["passing"].iloc[-1], Q_(1000, "kg"))
    assert_allclose(flows.loc["dismantling", "lost"], Q_(100, "kg"))  # 500 kg enter, 80 % pass


def test_the_limiting_stage_is_the_lowest_sourced_yield_and_unknown_stages_are_not_blamed():
    chain = Chain("magnet", "test", (Stage("collection", point("c", 0.5)), Stage("liberation", Uncertain("l", low=Q_(0, ""), high=Q_(1, ""))),
                                     Stage("refining", point("r", 0.9))))
    assert chain.limiting_stage() == "collection"
    assert chain.unknown_stages == ["liberation"]
    rate = chain.eol_rate(samples=20_000, seed=3, level=0.9)
    assert 0 < rate.low.to("percent").magnitude < 5 and 40 < rate.high.to("percent").magnitude <= 45  # 0.45 × U(0, 1)


def test_a_monte_carlo_is_reproducible_with_its_seed():
    chain = Chain("magnet", "test", (Stage("collection", span("c", 0.2, 0.6)), Stage("refining", span("r", 0.8, 0.95))))
    assert chain.eol_rate(5000, seed=7).median == chain.eol_rate(5000, seed=7).median
    assert chain.eol_rate(5000, seed=7).median != chain.eol_rate(5000, seed=8).median


@pytest.mark.parametrize(
    ("stages", "message"),
    [
        ((), "has no stage"),
        ((Stage("collection", point("a", 0.5)), Stage("collection", point("b", 0.5))), "stage 'collection' is given twice"),
        ((Stage("collection", point("a", 1.2)),), "is not a fraction in"),
    ],
)
def test_a_bad_chain_is_refused_with_the_chain_and_stage_named(stages, message):
    with pytest.raises(ParameterError, match=message):
        Chain("magnet", "test", stages)


def test_every_chain_in_the_data_builds_and_its_rate_is_a_fraction():
    chains = recycling.chains_from_data(data.load("recovery_chains"), data.load("recycling"), data.load("urban_mine"))
    assert ("ev_motor", "car shredder (today)") in chains
    rates = recycling.eol_rates(chains, 2000, 1, 0.9)
    for rate in rates.values():
        assert 0 <= rate.low.to("percent").magnitude <= rate.median.to("percent").magnitude <= rate.high.to("percent").magnitude <= 100
    table = recycling.rate_table(chains, rates)
    assert list(table.index.names) == ["product", "route"] and len(table) == len(chains)


def test_a_recipe_naming_a_statement_that_is_not_there_says_which():
    recipes = data.load("recovery_chains").head(1).copy()
    recipes.loc[recipes.index[0], "quantity"] = "no_such_quantity"
    with pytest.raises(ParameterError, match="no statement of 'no_such_quantity'"):
        recycling.chains_from_data(recipes, data.load("recycling"))


def test_the_magnet_share_of_a_car_is_a_small_fraction_of_its_mass():
    car = recycling.magnet_share_of_car(data.load("recycling"), data.load("urban_mine"))
    low, high = car.share
    assert 0 < low.magnitude <= high.magnitude < 1  # percent: magnets are well under 1 % of a car
    assert "of its mass" in car.describe()


def test_footprint_ratios_are_one_minus_the_stated_reductions():
    ratios = recycling.footprint_ratios(data.load("recycling"))
    assert ratios["greenhouse gas"].any()
    assert np.all((ratios["low"] <= ratios["high"]) & (ratios["low"] >= 0))
