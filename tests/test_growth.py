import math

import numpy as np
import pandas as pd
import pytest
from pint.testing import assert_allclose

from reelib import Q_, ParameterError
from reelib.growth import fit_growth

YEARS = np.arange(2015, 2025)


def test_exact_exponential_gives_its_rate_and_doubling_time():
    series = Q_(100 * 1.13 ** (YEARS - 2015), "kt REO")
    fit = fit_growth(series, YEARS, start=2015, end=2024)
    assert_allclose(fit.rate, Q_(13, "percent/a"), rtol=1e-9)
    assert_allclose(fit.doubling_time, Q_(math.log(2) / math.log(1.13), "a"), rtol=1e-9)
    assert fit.points == 10


def test_noise_widens_the_interval_around_the_estimate():
    noise = np.exp(np.array([0.05, -0.04, 0.03, -0.05, 0.02, 0.0, -0.03, 0.04, -0.02, 0.01]))
    fit = fit_growth(Q_(100 * 1.10 ** (YEARS - 2015) * noise, "t REO"), YEARS, start=2015, end=2024)
    assert fit.rate_low < fit.rate < fit.rate_high
    assert fit.doubling_low < fit.doubling_time < fit.doubling_high
    assert fit.rate_low.magnitude < 10 < fit.rate_high.magnitude


def test_window_is_respected_and_missing_years_skipped():
    values = Q_(np.where(YEARS < 2018, 50.0, 100 * 1.2 ** (YEARS - 2018)), "t REO")
    fit = fit_growth(values, YEARS, start=2018, end=2024)
    assert_allclose(fit.rate, Q_(20, "percent/a"), rtol=1e-9)


def test_too_short_a_window_names_the_parameter():
    with pytest.raises(ParameterError, match=r"'start/end': the window 2023–2024 holds 2 year\(s\)"):
        fit_growth(Q_(np.ones(10), "t"), YEARS, start=2023, end=2024)


def test_confidence_outside_zero_one_is_refused():
    with pytest.raises(ParameterError, match="'confidence'"):
        fit_growth(Q_(np.ones(10), "t"), YEARS, start=2015, end=2024, confidence=1.5)


def test_trend_band_contains_the_fit():
    fit = fit_growth(Q_(100 * 1.13 ** (YEARS - 2015), "t"), YEARS, start=2015, end=2024)
    trend = fit.trend(YEARS)
    assert (trend["low"] <= trend["fit"] + 1e-9).all() and (trend["fit"] <= trend["high"] + 1e-9).all()
    assert trend.loc[2024, "fit"] == pytest.approx(100 * 1.13**9)


def test_robustness_fits_each_edition_up_to_the_years_it_knows():
    import pandas as pd

    from reelib.growth import robustness

    rows = []
    for edition in (2023, 2024):
        for year in range(2015, edition):
            rows.append(("MCS", edition, year, "World total", "world_total", 100 * 1.1 ** (year - 2015)))
    frame = pd.DataFrame(rows, columns=["publication", "edition", "year", "country", "kind", "production"])
    frame["production"] = frame["production"].astype("pint[t REO]")
    frame["estimated"] = False
    frame["source_id"] = "mcs-" + frame["edition"].astype(str)
    table = robustness(frame, starts=[2015, 2016], end=2030)
    assert list(table["end"]) == [2022, 2022, 2023, 2023]
    assert table["rate (%/a)"].to_numpy() == pytest.approx([10.0] * 4)


def test_a_world_fit_keeps_the_sources_of_the_years_it_used_for_its_evidence():
    from reelib.growth import fit_world_growth

    world = pd.DataFrame({"production": pd.Series(100 * 1.13 ** (YEARS - 2015), dtype="pint[t REO]"), "source_id": [f"s{y}" for y in YEARS]})
    world.index = YEARS
    fit = fit_world_growth(world, start=2020, end=2024)
    assert fit.sources == ("s2020", "s2021", "s2022", "s2023", "s2024")
    rate, doubling = fit.rate_evidence(), fit.doubling_evidence()
    assert rate.sources == fit.sources
    # A faster growth doubles sooner: the doubling interval runs the other way round from the rate's.
    assert rate.low < rate.value < rate.high and doubling.low < doubling.value < doubling.high
    assert (rate.low, rate.high) == (fit.rate_low, fit.rate_high) and (doubling.low, doubling.high) == (fit.doubling_low, fit.doubling_high)
