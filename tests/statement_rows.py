"""Tiny statement tables for unit tests: the columns of data/*.csv statements, filled with what a test needs."""

import pandas as pd

COLUMNS = ["quantity", "subject", "region", "year", "low", "central", "high", "unit", "basis", "bound", "copy", "source_id", "location", "quote", "note"]


def statement(quantity, subject, central=None, unit="", *, low=None, high=None, region="World", year=None, basis="", bound="=",
              copy="first-hand", source_id="usgs-mcs-2026-rare-earths"):
    return {"quantity": quantity, "subject": subject, "region": region, "year": year, "low": low, "central": central, "high": high, "unit": unit,
            "basis": basis, "bound": bound, "copy": copy, "source_id": source_id, "location": "", "quote": "", "note": ""}


def frame(*rows):
    table = pd.DataFrame(list(rows), columns=COLUMNS)
    table["year"] = table["year"].astype("Int64")
    for column in ("low", "central", "high"):
        table[column] = table[column].astype(float)
    return table
