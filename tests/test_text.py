import pandas as pd

from reelib import Q_
from reelib.claims import Evidence
from reelib.text import evidence_lines, pairs, quantities


def test_evidence_lines_print_each_note_with_its_value():
    items = [Evidence(Q_(390, "kt"), sources="a", note="MCS 2025"), Evidence(Q_(380.4, "kt"), sources="b", note="MCS 2026")]
    assert evidence_lines(items, ".4g~P") == "MCS 2025: 390 kt\nMCS 2026: 380.4 kt"


def test_pairs_format_values_and_keep_the_order_given():
    assert pairs(pd.Series({2015: 2, 2020: 4})) == "2015: 2, 2020: 4"
    assert pairs({"b": 0.123, "a": 1}, ".1f", prefix="MCS ", separator="; ") == "MCS b: 0.1; MCS a: 1.0"


def test_quantities_take_an_array_quantity_or_a_list():
    assert quantities(Q_([38.5, 39.0], "Mt")) == "38.5 Mt, 39 Mt"
    assert quantities([Q_(1, "kt"), Q_(2000, "t")], ".2g~P", separator=" / ") == "1 kt / 2×10³ t"
