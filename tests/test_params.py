"""Parameter declarations: parsing, ranges, windows, look-alike characters; every notebook declares what it takes."""

import math
import pickle

import pytest
from pint.testing import assert_allclose

from reelib import Q_, ClaimError, DataValidationError, ParameterError, catalog
from reelib.errors import PublishError, RunError
from reelib.params import Window, check_parameters, choice, integer, number, parse_quantity, quantity, uncertain
from reelib.runner import keys


def test_parses_a_mass_flow():
    assert_allclose(parse_quantity("ash", "1.2 Gt/a", "[mass]/[time]"), Q_(1200, "Mt/a"))


def test_wrong_dimension_names_the_parameter():
    with pytest.raises(ParameterError, match=r"parameter 'tonnage': '5 m' has dimension \[length\], expected \[mass\]"):
        parse_quantity("tonnage", "5 m", "[mass]", example="150 kt")


def test_bounds_are_checked_in_any_unit():
    with pytest.raises(ParameterError, match="above the maximum"):
        parse_quantity("concentration", "2 wt_percent REE", "[REE]", maximum="1e4 ppm REE")
    with pytest.raises(ParameterError, match="below the minimum"):
        parse_quantity("tonnage", "-1 kt", "[mass]", minimum="0 t")


SPECS = {
    "edition": choice("edition", (2024, 2025)),
    "samples": integer("draws", 1, 1000),
    "share": number("a fraction", 0, 1),
    "grade": quantity("grade", "[REE]", "0 ppm REE", "1e6 ppm REE", "400 ppm REE"),
    "range": uncertain("range", "[REE]", "0 ppm REE", "1e6 ppm REE", "264..500 ppm REE", keywords=("sources",)),
    "start": integer("first year", 2000, 2030),
    "end": integer("last year", 2000, 2030),
}
GOOD = {"edition": 2025, "samples": 10, "share": 1, "grade": "400 ppm REE", "range": "264..500 ppm REE", "start": 2010, "end": 2020}


def check(**changes):
    return check_parameters(SPECS, GOOD | changes, windows=[Window("start", "end", 3)], owner="99_test")


def test_a_good_set_parses_every_kind():
    p = check()
    assert p.edition == 2025 and p["samples"] == 10 and p.share == 1
    assert_allclose(p.grade, Q_(400, "ppm REE"))
    assert p.range.high == Q_(500, "ppm REE") and p.raw["grade"] == "400 ppm REE"
    assert check(range="sources").range == "sources"


def test_a_misspelt_or_missing_parameter_is_named():
    with pytest.raises(ParameterError, match="'sample': 99_test has no such parameter; its parameters are edition, samples"):
        check_parameters(SPECS, GOOD | {"sample": 3}, owner="99_test")
    with pytest.raises(ParameterError, match="'grade': no value given"):
        check_parameters(SPECS, {k: v for k, v in GOOD.items() if k != "grade"})


def test_errors_survive_pickling_for_worker_processes():
    errors = [
        ParameterError("samples", "0 is below the minimum 1"),
        DataValidationError("data/x.csv", "bad", row=3, column="year"),
        ClaimError("x"),
        RunError("y"),
        PublishError("z"),
    ]
    for error in errors:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error)


def test_every_notebook_declares_exactly_its_catalog_parameters():
    from reelib.runner import notebooks

    for stem in notebooks():
        assert list(keys.declared_defaults(stem)) == list(catalog.spec(stem).parameters), stem


def test_every_notebooks_defaults_pass_their_own_checks():
    from reelib.runner import notebooks

    for stem in notebooks():
        catalog.parameters(stem, **keys.declared_defaults(stem))


def test_every_numeric_parameter_has_a_plausible_range():
    for stem, spec in catalog.NOTEBOOKS.items():
        for name, param in spec.parameters.items():
            if param.kind in ("integer", "number", "quantity", "uncertain"):
                assert param.minimum is not None and param.maximum is not None, f"{stem}: {name}"
                assert param.doc


def test_nan_and_infinity_are_refused_where_a_number_is_expected():
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(ParameterError, match="'share': .* is not a finite number"):
            check(share=bad)
