import pytest
from pint.testing import assert_allclose

from reelib import Param, ParameterError, Q_, parse_parameters, parse_quantity


def test_parses_a_mass_flow():
    assert_allclose(parse_quantity("ash", "1.2 Gt/a", "[mass]/[time]"), Q_(1200, "Mt/a"))


def test_wrong_dimension_names_the_parameter():
    with pytest.raises(ParameterError, match=r"parameter 'tonnage': '5 m' has dimension \[length\], expected \[mass\]"):
        parse_quantity("tonnage", "5 m", "[mass]", example="150 kt")


def test_a_number_without_unit_is_refused():
    with pytest.raises(ParameterError, match="'concentration': '400' has no unit"):
        parse_quantity("concentration", "400", "[REE]")


def test_unreadable_text_is_refused():
    with pytest.raises(ParameterError, match="cannot read"):
        parse_quantity("tonnage", "lots of kt", "[mass]")


def test_non_string_is_refused():
    with pytest.raises(ParameterError, match="expected a string with a unit"):
        parse_quantity("tonnage", 150, "[mass]")


def test_bounds_are_checked_in_any_unit():
    with pytest.raises(ParameterError, match="above the maximum"):
        parse_quantity("concentration", "2 wt_percent REE", "[REE]", maximum="1e4 ppm REE")
    with pytest.raises(ParameterError, match="below the minimum"):
        parse_quantity("tonnage", "-1 kt", "[mass]", minimum="0 t")


def test_parse_parameters_checks_every_kind():
    params = parse_parameters(
        edition=Param(2025, choices=(2024, 2025)),
        samples=Param(10, kind=int, minimum=1),
        grade=Param("400 ppm REE", dimension="[REE]"),
    )
    assert params.edition == 2025 and params["samples"] == 10
    assert params.raw["grade"] == "400 ppm REE"
    with pytest.raises(ParameterError, match="'edition': 2019 is not one of 2024, 2025"):
        parse_parameters(edition=Param(2019, choices=(2024, 2025)))
    with pytest.raises(ParameterError, match="'samples': 0 is below the minimum 1"):
        parse_parameters(samples=Param(0, kind=int, minimum=1))
    with pytest.raises(ParameterError, match="expected int, got bool"):
        parse_parameters(samples=Param(True, kind=int))


def test_a_fraction_parameter_accepts_whole_numbers_and_refuses_out_of_range():
    assert parse_parameters(min_share=Param(1, kind=float, minimum=0, maximum=1)).min_share == 1
    with pytest.raises(ParameterError, match="'min_share': 5 is above the maximum 1"):
        parse_parameters(min_share=Param(5, kind=float, minimum=0, maximum=1))
    with pytest.raises(ParameterError, match="'min_share': expected float, got bool"):
        parse_parameters(min_share=Param(True, kind=float, minimum=0, maximum=1))
