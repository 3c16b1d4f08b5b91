import pytest
from pint.testing import assert_allclose

from reelib import Q_, DataValidationError, data


def rewrite(directory, text, *, rehash=False):
    (directory / "tiny.csv").write_text(text)
    if rehash:
        data.rehash(directory)


def test_loads_with_units_and_provenance(tiny_data):
    frame = data.load("tiny", tiny_data)
    assert_allclose(frame["production"].pint.quantity.sum(), Q_(2.7, "kt REO"))
    assert frame.attrs["sources"] == ["fixture"]
    assert list(frame["estimated"]) == [False, True]
    assert data.loaded_checksums()["tiny"] == frame.attrs["sha256"]


def test_tampered_file_is_refused(tiny_data):
    text = (tiny_data / "tiny.csv").read_text().replace("1500", "1600")
    rewrite(tiny_data, text)
    with pytest.raises(DataValidationError, match=r"tiny.csv: sha256 .* differs .*'reelib rehash'"):
        data.load("tiny", tiny_data)


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("production,", "output,", r"line 1: missing column\(s\) \['production'\]"),
        ("1500", "lots", r"line 3, column 'production': 'lots' is not of type number"),
        ("1500", "-5", r"line 3, column 'production': -5.0 is below the minimum 0"),
        ("2024,", "2224,", r"line 3, column 'year': 2224 is above the maximum 2100"),
        ("true,fixture", "maybe,fixture", r"line 3, column 'estimated': 'maybe' is not a boolean"),
        ("true,fixture", "true,nowhere", r"line 3, column 'source_id': source 'nowhere' is not listed"),
        ("2024,Atlantis", "2023,Atlantis", r"line 3: duplicate key .* \(first on line 2\)"),
        ("2024,Atlantis,1500", "2024,,1500", r"line 3, column 'country': value is required but empty"),
        ("Table 1\n2024", "Table 1,extra\n2024", r"line 2: row has 6 columns expected"),
    ],
)
def test_malformed_rows_name_file_line_and_column(tiny_data, old, new, message):
    rewrite(tiny_data, (tiny_data / "tiny.csv").read_text().replace(old, new, 1), rehash=True)
    with pytest.raises(DataValidationError, match=message):
        data.load("tiny", tiny_data)


def test_unknown_dataset_lists_the_known_ones(tiny_data):
    with pytest.raises(DataValidationError, match="no dataset named 'tinny'; known: tiny"):
        data.load("tinny", tiny_data)


@pytest.mark.parametrize("name", data.resources())
def test_every_dataset_in_data_validates_and_cites_listed_sources(name):
    frame = data.load(name)
    assert len(frame) > 0
    assert set(frame.attrs["sources"]) <= set(data.sources())


def test_every_source_says_where_it_was_read():
    for source in data.sources().values():
        assert {"title", "publisher", "edition", "year", "url", "copy_read"} <= set(source), source["id"]
        assert all(source[key] for key in ("title", "publisher", "url", "copy_read")), source["id"]


def test_for_display_names_columns_with_units(tiny_data):
    shown = data.for_display(data.load("tiny", tiny_data), {"production": "kt REO"})
    assert list(shown["production (kt·REO)"]) == [1.2, 1.5]
