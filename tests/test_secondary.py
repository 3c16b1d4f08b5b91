import re

import numpy as np
import pandas as pd
import pytest
from pint.testing import assert_allclose

from reelib import Q_, ParameterError, data
from reelib.secondary import (
    ENRICHMENT_PAIRS,
    SecondarySource,
    Uncertain,
    describe_enrichments,
    describe_inputs,
    enrichment_estimate,
    input_range,
    input_rows,
    measured_enrichment,
    measured_enrichments,
    parse_uncertain,
    published_estimate,
    residue_enrichment,
    sensitivity_panel,
    sourced_range,
    uncertain_from_sources,
)


def test_point_inputs_give_the_hand_computed_product():
    ash = SecondarySource("ash", Uncertain("t", central=Q_("1 Gt/a")), Uncertain("c", central=Q_("400 ppm REE")))
    result = ash.contained(samples=10)
    assert_allclose(result.median, Q_(400, "kt REE/a"))
    assert result.low == result.high == result.median


def test_uniform_times_point_has_the_analytic_percentiles():
    # tonnage uniform on [0.8, 1.2] Gt/a, concentration 500 ppm: the 5th/95th
    # percentiles are 0.82 and 1.18 Gt/a times 500 ppm.
    source = SecondarySource("x", Uncertain("t", low=Q_("0.8 Gt/a"), high=Q_("1.2 Gt/a")), Uncertain("c", central=Q_("500 ppm REE")))
    result = source.contained(samples=200_000, seed=1)
    assert_allclose(result.low, Q_(410, "kt REE/a"), rtol=5e-3)
    assert_allclose(result.high, Q_(590, "kt REE/a"), rtol=5e-3)
    assert_allclose(result.median, Q_(500, "kt REE/a"), rtol=5e-3)


def test_triangular_mean_matches_the_formula():
    source = SecondarySource("x", Uncertain("t", central=Q_("1 Mt")), Uncertain("c", low=Q_("100 ppm REE"), central=Q_("300 ppm REE"), high=Q_("800 ppm REE")))
    draws = source.contained(samples=200_000, seed=2).draws
    assert draws.magnitude.mean() == pytest.approx((100 + 300 + 800) / 3 / 1000, rel=5e-3)
    assert f"{draws.units:~P}" == "kt·REE"


def test_fixed_seed_is_reproducible():
    source = SecondarySource("x", Uncertain("t", low=Q_("1 Mt/a"), high=Q_("2 Mt/a")), Uncertain("c", low=Q_("1 ppm REO"), high=Q_("3 ppm REO")))
    a, b = source.contained(seed=7), source.contained(seed=7)
    assert np.array_equal(a.draws.magnitude, b.draws.magnitude)


@pytest.mark.parametrize(
    "tonnage, concentration, message",
    [
        (Q_("1 Mt/a"), Q_("400 t"), "concentration"),       # a concentration given as a mass
        (Q_("0.3 percent"), Q_("400 ppm REE"), "tonnage"),  # a tonnage given as a fraction
    ],
)
def test_dimension_errors_name_the_input(tonnage, concentration, message):
    with pytest.raises(ParameterError, match=message):
        SecondarySource("ash", Uncertain("t", central=tonnage), Uncertain("c", central=concentration))


def test_bad_ranges_and_sample_counts_are_refused():
    with pytest.raises(ParameterError, match="non-negative"):
        Uncertain("tonnage", central=Q_("-1 Mt/a"))
    with pytest.raises(ParameterError, match="low ≤ central ≤ high"):
        Uncertain("c", low=Q_("5 ppm REE"), central=Q_("1 ppm REE"), high=Q_("9 ppm REE"))
    source = SecondarySource("x", Uncertain("t", central=Q_("1 Mt")), Uncertain("c", central=Q_("1 ppm REE")))
    with pytest.raises(ParameterError, match="'samples': 0"):
        source.contained(samples=0)


def test_mass_balance_enrichment():
    # 2.4 t bauxite leave 1.2 t residue per t alumina: all REE retained -> twice the ore concentration.
    assert_allclose(residue_enrichment(Q_("2.4 t"), Q_("1.2 t")), Q_(2.0, ""))
    assert_allclose(residue_enrichment(Q_("2.4 t"), Q_("1.2 t"), retained=0.98), Q_(1.96, ""))
    with pytest.raises(ParameterError):
        residue_enrichment(Q_("2.4 t"), Q_("1.2 t"), retained=1.5)


CONCENTRATION = dict(dimension="[REE]", minimum="0 ppm REE", maximum="1e6 ppm REE", example="264..500 ppm REE")
TONNAGE = dict(dimension="[mass]/[time]", minimum="0 Mt/a", example="750..1000 Mt/a")


def test_parse_uncertain_reads_points_ranges_and_modes():
    point = parse_uncertain("c", "300 ppm REE", **CONCENTRATION)
    assert point.low is None and point.central == Q_(300, "ppm REE")
    uniform = parse_uncertain("c", "264..500 ppm REE", **CONCENTRATION)
    assert (uniform.low, uniform.central, uniform.high) == (Q_(264, "ppm REE"), None, Q_(500, "ppm REE"))
    triangular = parse_uncertain("t", "750..900..1000 Mt/a", **TONNAGE)
    assert triangular.central == Q_(900, "Mt/a")


@pytest.mark.parametrize(
    "name, text, spec, message",
    [
        ("coal_ash_concentration", "2e6 ppm REE", CONCENTRATION, "parameter 'coal_ash_concentration': '2e6 ppm REE' is above the maximum"),
        ("coal_ash_concentration", "-5..500 ppm REE", CONCENTRATION, "'coal_ash_concentration': '-5 ppm REE' is below the minimum"),
        ("coal_ash_concentration", "300 t", CONCENTRATION, "'coal_ash_concentration': '300 t' has dimension [mass], expected [REE]"),
        ("coal_ash_tonnage", "-1 Mt/a", TONNAGE, "'coal_ash_tonnage': '-1 Mt/a' is below the minimum"),
        ("coal_ash_tonnage", "5 percent", TONNAGE, "'coal_ash_tonnage': '5 percent' has dimension dimensionless"),
        ("coal_ash_tonnage", "1..2..3..4 Mt/a", TONNAGE, "'coal_ash_tonnage': '1..2..3..4 Mt/a' is not"),
        ("coal_ash_tonnage", "900", TONNAGE, "'coal_ash_tonnage': '900' is not"),
        ("coal_ash_tonnage", "1000..750 Mt/a", TONNAGE, "'coal_ash_tonnage': expected low ≤ central ≤ high"),
    ],
)
def test_bad_ranges_name_the_parameter(name, text, spec, message):
    with pytest.raises(ParameterError, match=re.escape(message)):
        parse_uncertain(name, text, **spec)


def test_uncertain_from_sources_spans_every_stated_number_in_one_unit():
    rows = pd.DataFrame({"low": [None, 350.0], "central": [264.0, None], "high": [None, 500.0], "unit": ["mg/kg REE", "ppm REE"]})
    spread = uncertain_from_sources(rows, "coal_ash_concentration", "ppm REE")
    assert spread.low == Q_(264, "ppm REE") and spread.high == Q_(500, "ppm REE") and spread.central is None
    with pytest.raises(ParameterError, match="'residue': no sourced values"):
        uncertain_from_sources(rows.iloc[0:0], "residue", "ppm REE")


def test_input_range_takes_sources_or_the_checked_parameter():
    rows = pd.DataFrame({"input": ["residue"] * 2, "year": [2020, 2015], "low": [None] * 2, "central": [160.0, 150.0], "high": [None] * 2,
                         "unit": ["Mt/a"] * 2, "source_id": ["a", "b"]})
    sourced = input_range("residue_tonnage", "sources", rows, "residue", "Mt/a", year=2020)
    assert sourced.central == Q_(160, "Mt/a") and sourced.name == "residue_tonnage" and sourced.sources == ("a",)
    assumed = parse_uncertain("residue_tonnage", "150..175 Mt/a", **TONNAGE)
    assert input_range("residue_tonnage", assumed, rows, "residue", "Mt/a") is assumed
    with pytest.raises(ParameterError, match="'residue_tonnage': '150..175 Mt/a' is neither 'sources'"):
        input_range("residue_tonnage", "150..175 Mt/a", rows, "residue", "Mt/a")


def test_enrichment_estimate_by_hand_and_seeded():
    # 2.34 t bauxite and 1.17 t residue per t alumina, all REE kept: exactly 2.
    exact = enrichment_estimate(Uncertain("b", central=Q_(2.34, "t/t")), Uncertain("r", central=Q_(1.17, "t/t")), Uncertain("k", central=Q_(1, "")), samples=5)
    assert exact.median.magnitude == pytest.approx(2.0)
    ranged = [enrichment_estimate(Uncertain("b", central=Q_(2.34, "t/t")), Uncertain("r", low=Q_(1, "t/t"), high=Q_(1.5, "t/t")),
                                  Uncertain("k", low=Q_(0.98, ""), high=Q_(1, "")), samples=50_000, seed=7) for _ in range(2)]
    assert ranged[0].median == ranged[1].median  # same seed, same result
    assert 2.34 * 0.98 / 1.5 <= ranged[0].low.magnitude < ranged[0].high.magnitude <= 2.34 / 1.0
    with pytest.raises(ParameterError, match="'samples'"):
        enrichment_estimate(Uncertain("b", central=Q_(2.34, "t/t")), Uncertain("r", central=Q_(1.17, "t/t")), Uncertain("k", central=Q_(1, "")), samples=0)


def test_uncertain_from_sources_names_the_source_of_a_wrong_basis():
    rows = pd.DataFrame({"low": [None], "central": [1400.0], "high": [None], "unit": ["ppm REO"], "source_id": ["eu-study"]})
    with pytest.raises(ParameterError, match="'residue_concentration': eu-study states 1400 ppm·REO, which is not in 'ppm REE'"):
        uncertain_from_sources(rows, "residue_concentration", "ppm REE")
    with pytest.raises(ParameterError, match="no sourced values"):
        uncertain_from_sources(rows.assign(central=None), "residue_concentration", "ppm REE")


def test_measured_enrichment_spans_both_statements():
    inputs = pd.DataFrame({
        "input": ["bauxite_residue_ree", "bauxite_ree", "bauxite_ree"],
        "source_id": ["mud", "ore", "typical"],
        "low": [None, 400.0, None], "central": [1000.0, None, None], "high": [None, 500.0, 500.0],
        "unit": ["ppm REE", "ppm REE", "ppm REE"],
    })
    assert measured_enrichment(inputs, "mud", "ore") == pytest.approx((2.0, 2.5))
    assert measured_enrichment(inputs, "mud", "typical") == (2.0, float("inf"))  # "<500 ppm": no lower end
    with pytest.raises(ParameterError, match="expected one bauxite_ree statement from 'missing'"):
        measured_enrichment(inputs, "mud", "missing")
    assert sourced_range(inputs, "bauxite_ree", "ppm REE").high == Q_(500, "ppm REE")


def test_uncertain_bounds_and_description():
    assert Uncertain("t", low=Q_(750, "Mt/a"), high=Q_(1, "Gt/a")).describe() == "750–1000 Mt/a"
    assert Uncertain("c", central=Q_(300, "ppm REE")).bounds == (Q_(300, "ppm REE"), Q_(300, "ppm REE"))


def test_an_estimate_is_model_evidence_with_its_interval():
    tonnage = Uncertain("t", central=Q_("1 Mt/a"), sources=("sultana-2021",))
    estimate = SecondarySource("x", tonnage, parse_uncertain("c", "400 ppm REE", "[REE]")).contained(samples=3)
    evidence = estimate.evidence("tonnage × grade")
    assert evidence.basis == "model" and evidence.value == evidence.low == Q_(0.4, "kt REE/a")
    # The model's sources travel with it: the sourced tonnage, and the concentration the reader assumed.
    assert evidence.sources == ("parameter:c", "sultana-2021")
    assert evidence.note == "tonnage × grade, Monte Carlo 90% interval"


def test_estimate_describes_its_interval_and_how_it_was_drawn():
    source = SecondarySource("ash", tonnage=Uncertain("t", low=Q_(900, "Mt/a"), high=Q_(1100, "Mt/a")),
                             concentration=Uncertain("c", central=Q_(400, "ppm REE")))
    estimate = source.contained(samples=1000, seed=7)
    assert estimate.seed == 7
    text = estimate.describe(".2g~P", "Mt REE/a")
    assert text.startswith("0.4 Mt·REE/a [0.3") and text.endswith("(90%, 1,000 draws, seed 7)")


def test_inputs_are_selected_and_described_by_name():
    inputs = data.load("secondary_inputs")
    with pytest.raises(ParameterError, match="'input': 'coal_dust' has no statements; inputs: "):
        input_rows(inputs, "coal_dust")
    ash = SecondarySource("coal ash", tonnage=sourced_range(inputs, "coal_ash_generation", "Mt/a", 2020),
                          concentration=sourced_range(inputs, "coal_ash_ree", "ppm REE"))
    lines = describe_inputs([ash]).splitlines()
    assert len(lines) == 2 and lines[0].startswith("        coal ash coal_ash_generation")


def test_measured_enrichments_are_labelled_by_citation_and_carry_their_sources():
    measured = measured_enrichments(data.load("secondary_inputs"))
    assert len(measured) == len(ENRICHMENT_PAIRS)
    assert set(measured.attrs["source_ids"]) == {s for pair in ENRICHMENT_PAIRS for s in pair}
    assert (measured["low"] <= measured["high"]).all() and not measured["label"].str.contains("-20").any()  # citations, not IDs
    lines = describe_enrichments(measured).splitlines()
    assert lines[1] == "residue Deady et al. 2016 over bauxite Mouchos et al. 2016: 2 – 2.5"
    assert lines[2].endswith("≥ 1.8")  # the bauxite statement has no lower end: no upper end to the ratio


def test_a_sensitivity_panel_spans_twice_the_highest_report():
    inputs = data.load("secondary_inputs")
    ash = SecondarySource("coal ash", tonnage=sourced_range(inputs, "coal_ash_generation", "Mt/a", 2020),
                          concentration=sourced_range(inputs, "coal_ash_ree", "ppm REE"))
    panel = sensitivity_panel(ash, Q_(320, "kt REE/a"), inputs, "coal_ash_ree", cutoff=Q_(0.03, "percent REE"))
    highest = max(high for _, _, high in panel["reports"])
    grid = panel["grid"].to("ppm REE").magnitude
    assert grid[0] == 0 and grid[-1] == pytest.approx(2 * highest)
    # What a year's waste holds at the top of the grid, for the highest tonnage: tonnage × concentration.
    assert_allclose(panel["generated"][1][-1], (ash.tonnage.bounds[1] * Q_(2 * highest, "ppm REE")).to("kt REE/a"))
    assert_allclose(panel["cutoff"].to("ppm REE"), Q_(300, "ppm REE"))


def test_a_published_oxide_estimate_is_drawn_as_element_over_any_mix():
    estimate = published_estimate(data.load("secondary_inputs"), "residue_ree_estimate", "bauxite residue")
    assert f"{estimate.low.units:~P}" == "kt·REE/a" and estimate.low < estimate.high
    assert estimate.label.startswith("bauxite residue, ") and estimate.label.endswith(", as element")
