import pandas as pd
import pytest

from reelib import ParameterError
from reelib.industry import independent_figures


def statistics():
    return pd.DataFrame({
        "indicator": ["employment", "employment", "rnd"],
        "scope": ["suppliers (CLEPA)", "manufacture of motor vehicles", "suppliers (CLEPA)"],
        "region": ["Europe", "EU-27", "Europe"],
        "year": pd.array([None, 2022, None], dtype="Int64"),
        "value": [1.7e6, 2.6e6, 30.0],
        "unit": [None, None, "GEUR/a"],
        "independent": [False, True, False],
    })


def test_only_independent_figures_are_listed_in_the_unit_asked():
    assert independent_figures(statistics(), "employment", "") == "manufacture of motor vehicles (EU-27, 2022): 2.6×10⁶"
    assert independent_figures(statistics(), "rnd", "GEUR/a") == "nothing independent found"


def test_an_unknown_indicator_names_those_there_are():
    with pytest.raises(ParameterError, match="'indicator': 'jobs' is not in the statistics; indicators: employment, rnd"):
        independent_figures(statistics(), "jobs", "")
