"""The dynamic stock model: flodym's inflow-driven cohorts, vectorised over scenarios."""

import warnings

import flodym as fd
import numpy as np
import pytest
from pint.testing import assert_allclose

from reelib.errors import ParameterError
from reelib.stocks import run_stock_model
from reelib.units import Q_

YEARS = list(range(2000, 2031))


def test_a_constant_inflow_fills_a_stock_of_inflow_times_lifetime():
    inflow = Q_(np.full((len(YEARS), 1), 10.0), "t/a")
    result = run_stock_model(YEARS, ["magnets"], inflow, np.array([8]))
    assert_allclose(result.stock[-1, 0, 0], Q_(80, "t"))
    assert_allclose(result.outflow[-1, 0, 0], Q_(10, "t/a"))  # in steady state, what leaves is what enters
    assert np.all(result.outflow.magnitude[:8] == 0)  # nothing has reached its eight years yet


def test_mass_is_conserved_every_year_in_every_scenario():
    rng = np.random.default_rng(1)
    inflow = Q_(rng.uniform(0, 100, (len(YEARS), 3, 50)), "t/a")
    lifetimes = rng.integers(2, 40, (3, 50))
    result = run_stock_model(YEARS, ["a", "b", "c"], inflow, lifetimes)
    assert np.abs(result.balance().to("t").magnitude).max() < 1e-9


def test_the_vectorised_model_gives_flodyms_inflow_driven_stock_model():
    rng = np.random.default_rng(2)
    inflow = rng.uniform(0, 50, (len(YEARS), 2, 4))
    lifetimes = np.array([[5, 12, 12, 30], [1, 7, 20, 3]])
    result = run_stock_model(YEARS, ["a", "b"], Q_(inflow, "t/a"), lifetimes)
    dims = fd.DimensionSet(dim_list=[fd.Dimension(name="time", letter="t", items=YEARS)])
    for product in range(2):
        for scenario in range(4):
            dsm = fd.InflowDrivenDSM(dims=dims, lifetime_model=fd.FixedLifetime)
            dsm.inflow.values[...] = inflow[:, product, scenario]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                dsm.lifetime_model.set_prms(mean=float(lifetimes[product, scenario]))
            dsm.compute()
            np.testing.assert_allclose(result.stock.to("t").magnitude[:, product, scenario], dsm.stock.values, rtol=1e-12)
            np.testing.assert_allclose(result.outflow.to("t/a").magnitude[:, product, scenario], dsm.outflow.values, rtol=1e-12)


@pytest.mark.parametrize(
    ("inflow", "lifetimes", "message"),
    [
        (Q_(np.ones((31, 1)), "t"), [5], "must be a mass flow"),
        (Q_(-np.ones((31, 1)), "t/a"), [5], "finite and non-negative"),
        (Q_(np.ones((30, 1)), "t/a"), [5], r"shape \(30, 1, 1\) does not match 31 years"),
        (Q_(np.ones((31, 1)), "t/a"), [0], "not a whole number of years in 1–100"),
        (Q_(np.ones((31, 1)), "t/a"), [2.5], "not a whole number"),
    ],
)
def test_bad_inputs_name_what_is_wrong(inflow, lifetimes, message):
    with pytest.raises(ParameterError, match=message):
        run_stock_model(YEARS, ["magnets"], inflow, np.array(lifetimes))


def test_years_must_follow_each_other():
    with pytest.raises(ParameterError, match="consecutive years"):
        run_stock_model([2000, 2002], ["magnets"], Q_(np.ones((2, 1)), "t/a"), np.array([5]))
