"""The one tolerance policy: every reading of the table, on cases solvable by hand."""

from fractions import Fraction

import pytest

from reelib import Q_, ClaimError
from reelib.readings import fraction_interval, read_stated, rounding_unit
from reelib.registry import _parse_yaml, claims_file

READINGS = _parse_yaml(claims_file(), claims_file().read_text())["readings"]


def interval(written):
    reading = read_stated(written, READINGS)
    return reading.kind, (reading.low, reading.high), reading.unit


@pytest.mark.parametrize(
    "numeral, unit",
    [("390", 10), ("70", 10), ("11", 1), ("7", 1), ("34.79", 0.01), ("1,000", 1000), ("0.01", 0.01), ("1.7", 0.1), ("0", 1)],
)
def test_rounding_unit_is_the_place_of_the_last_significant_digit(numeral, unit):
    assert rounding_unit(numeral) == pytest.approx(unit)


@pytest.mark.parametrize(
    "written, expected",
    [
        ("390 kt REO", ("value", (385, 395), "kt REO")),
        ("70 %", ("value", (65, 75), "percent")),
        ("11 %", ("value", (10.5, 11.5), "percent")),
        ("34.79 Mt REO", ("value", (34.785, 34.795), "Mt REO")),
        ("13 %/a", ("value", (12.5, 13.5), "percent/a")),
        ("0.01 %", ("value", (0.005, 0.015), "percent")),
        ("1.7 million", ("value", (1.65e6, 1.75e6), "")),
        ("2 million", ("value", (1.5e6, 2.5e6), "")),
        ("eight", ("value", (7.5, 8.5), "")),
        ("Eight", ("value", (7.5, 8.5), "")),
        ("390 tonnes", ("value", (385, 395), "tonnes")),  # "to" starts a range only as a word
        ("six years", ("value", (5.5, 6.5), "years")),
    ],
)
def test_a_number_stands_for_the_interval_it_rounds_from(written, expected):
    kind, bounds, unit = expected
    assert interval(written) == (kind, pytest.approx(bounds), unit)


@pytest.mark.parametrize(
    "written, expected",
    [
        ("9–11 %", (8.5, 11.5)),
        ("between 2 and 12 Mt REE", (1.5, 12.5)),
        ("100 to 1,000", (50, 1500)),
        ("4 to 5", (3.5, 5.5)),
    ],
)
def test_a_range_reads_each_end_by_its_digits(written, expected):
    assert interval(written)[:2] == ("range", pytest.approx(expected))


@pytest.mark.parametrize(
    "written, kind, bounds",
    [
        ("around ten", "value", (8, 12)),
        ("about 50 t", "value", (40, 60)),
        ("over 200 kg", "at_least", (200, float("inf"))),
        ("more than 3", "at_least", (3, float("inf"))),
        ("over 3,000", "at_least", (3000, float("inf"))),
        ("less than 1 %", "at_most", (float("-inf"), 1)),
        ("up to 97 %", "at_most", (float("-inf"), 97)),
        ("nearly 30 %", "value", (25, 30)),
        ("almost 7", "value", (6.5, 7)),
    ],
)
def test_qualifiers_widen_or_bound_the_number(written, kind, bounds):
    assert interval(written)[:2] == (kind, pytest.approx(bounds))


@pytest.mark.parametrize(
    "written, kind, bounds, unit",
    [
        ("same order of magnitude", "value", (1 / 3.1623, 3.1623), ""),
        ("two orders of magnitude", "value", (100 / 3.1623, 316.23), ""),
        ("twice", "value", (1.5, 2.5), ""),
        ("halved", "at_most", (float("-inf"), 0.5), ""),
        ("one-third", "value", (7 / 24, 11 / 30), ""),
        ("a third", "value", (7 / 24, 11 / 30), ""),
        ("several", "at_least", (3, float("inf")), ""),
        ("several decades", "at_least", (30, float("inf")), "a"),
        ("insufficient", "at_most", (float("-inf"), 1), ""),
        ("smaller", "at_most", (float("-inf"), 1), ""),
        ("far fewer", "at_most", (float("-inf"), 0.5), ""),
        ("sufficient", "at_least", (1, float("inf")), ""),
        ("above all", "at_least", (1, float("inf")), ""),
        ("among the most efficient", "at_least", (0, float("inf")), ""),
    ],
)
def test_phrases_have_one_reading_each(written, kind, bounds, unit):
    assert interval(written) == (kind, pytest.approx(bounds), unit)


def test_a_fraction_in_words_covers_what_is_nearer_to_it_than_to_its_neighbours():
    assert fraction_interval(Fraction(1, 3)) == pytest.approx((0.2917, 0.3667), abs=1e-4)
    assert fraction_interval(Fraction(1, 2)) == pytest.approx((0.45, 0.55))
    with pytest.raises(ClaimError, match="not a fraction said in words"):
        fraction_interval(Fraction(1, 7))


def test_every_reading_states_its_rule():
    for written in ("390 kt", "around ten", "twice", "several decades", "over 200 kg"):
        assert len(read_stated(written, READINGS).rule) > 20


@pytest.mark.parametrize(
    "written, message",
    [
        ("roughly 30 %", "no number, and no phrase"),
        ("around 9–11 %", "a qualifier before a range"),
        ("9 to", "a range needs a number after 'to'"),
    ],
)
def test_words_outside_the_table_are_refused(written, message):
    with pytest.raises(ClaimError, match=message):
        read_stated(written, READINGS)


def test_readings_convert_to_the_parts_unit():
    from reelib.registry import claim

    assert claim("CNRS-07").part("magnet_share").interval == pytest.approx((29.1667, 36.6667), abs=1e-3)
    assert claim("CNRS-22").part("wind_lifetime").interval[0] == pytest.approx(Q_(30, "a").magnitude)
