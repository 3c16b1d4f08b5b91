"""Load the datasets in ``data/``, validated against their metadata.

Every dataset is a tidy CSV described in ``data/datapackage.json`` (the
Frictionless Data Package layout): its columns with types, units and
constraints, its sha256 checksum, and the sources its rows cite. Each row names
its source (``source_id``) and where in that source the value stands
(``location``), so a reader can go from any number in a figure back to a page.

Loading validates everything before returning, and fails with one
:class:`~reelib.errors.DataValidationError` naming the file, line and column:
a value that silently parsed as NaN, or a file edited without updating its
metadata, would otherwise flow into a verdict.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import pint_pandas

from . import (
    outputs,
    paths,
    units,  # noqa: F401 - installs reelib's registry in pint-pandas before any "pint[...]" dtype
)
from .errors import DataValidationError, ParameterError

__all__ = [
    "citation",
    "citations",
    "for_display",
    "Resource",
    "load",
    "loaded_checksums",
    "resource",
    "resources",
    "sources",
    "rehash",
]

#: What every source in datapackage.json must say, and the values ``copy`` may take.
SOURCE_FIELDS = ("id", "title", "citation", "publisher", "year", "url", "copy_read", "copy")
COPIES = ("first-hand", "second-hand")

_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}
# Checksums of what this process loaded, for figure provenance sidecars.
_loaded: dict[str, str] = {}


@dataclass(frozen=True)
class Resource:
    """One dataset's metadata, as written in datapackage.json."""

    name: str
    path: Path
    sha256: str
    fields: tuple[Mapping[str, Any], ...]
    primary_key: tuple[str, ...]
    description: str

    @property
    def units(self) -> dict[str, str]:
        """Column name to unit, for the quantity columns."""
        return {f["name"]: f["unit"] for f in self.fields if "unit" in f}


def _package_path(data_dir: Path | None) -> Path:
    return Path(data_dir or paths.DATA_DIR) / "datapackage.json"


@lru_cache(maxsize=8)
def _read_package(path: Path, mtime_ns: int) -> dict:
    # mtime in the key: an edited datapackage.json is re-read in a live kernel.
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as error:
        raise DataValidationError(str(path), f"not valid JSON: {error}") from None


def _package(data_dir: Path | None = None) -> dict:
    path = _package_path(data_dir)
    if not path.exists():
        raise DataValidationError(str(path), "no datapackage.json: every dataset needs its metadata")
    return _read_package(path, path.stat().st_mtime_ns)


def sources(data_dir: Path | None = None) -> dict[str, dict]:
    """Every source cited in the data, keyed by source ID.

    Each must say how it was read (``copy``: first-hand or second-hand) and
    give a short ``citation`` for figures: the verdict rules and the figures'
    source lines depend on both. Validated once per version of the file (the
    verdict rules and every figure label ask for it many times in a run).
    """
    path = _package_path(data_dir)
    if not path.exists():
        _package(data_dir)  # raises, naming the missing file
    return dict(_validated_sources(path, path.stat().st_mtime_ns))


@lru_cache(maxsize=8)
def _validated_sources(path: Path, mtime_ns: int) -> dict[str, dict]:
    catalogue = {}
    for index, entry in enumerate(_read_package(path, mtime_ns)["sources"]):
        name = entry.get("id", f"#{index + 1}")
        missing = [f for f in SOURCE_FIELDS if entry.get(f) in (None, "")]
        if missing:
            raise DataValidationError(str(path), f"source {name!r} lacks {missing}")
        if entry["copy"] not in COPIES:
            raise DataValidationError(str(path), f"source {name!r}: copy {entry['copy']!r} is not one of {list(COPIES)}")
        if name in catalogue:
            raise DataValidationError(str(path), f"source {name!r} is listed twice")
        catalogue[name] = entry
    return catalogue


def citation(source_id: str) -> str:
    """The short citation of a source ("USGS MCS 2026"): what figures and tables show, never the internal ID."""
    return citations([source_id])[0]


def citations(source_ids: Iterable[str]) -> list[str]:
    """The short citation of each source, in the order given (one per ID, repeats kept)."""
    catalogue = sources()
    ids = list(source_ids)
    unknown = sorted({s for s in ids if s not in catalogue})
    if unknown:
        raise DataValidationError(str(_package_path(None)), f"sources {unknown} are not listed")
    return [catalogue[s]["citation"] for s in ids]


def resources(data_dir: Path | None = None) -> list[str]:
    """Names of every dataset in the package."""
    return [r["name"] for r in _package(data_dir)["resources"]]


def resource(name: str, data_dir: Path | None = None) -> Resource:
    """The metadata of one dataset."""
    package = _package(data_dir)
    for entry in package["resources"]:
        if entry["name"] == name:
            return Resource(
                name=name,
                path=_package_path(data_dir).parent / entry["path"],
                sha256=entry["hash"].removeprefix("sha256:"),
                fields=tuple(entry["schema"]["fields"]),
                primary_key=tuple(entry["schema"].get("primaryKey", ())),
                description=entry.get("description", ""),
            )
    raise DataValidationError(
        str(_package_path(data_dir)), f"no dataset named {name!r}; known: {', '.join(resources(data_dir))}"
    )


def _convert(text: str, field: Mapping[str, Any]) -> Any:
    """The typed value of one cell; a ValueError says what is wrong with it."""
    kind = field.get("type", "string")
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            value = float(text)
            # float() reads "nan" and "inf"; a data file states numbers, and a gap is an empty cell.
            if not math.isfinite(value):
                raise ValueError(f"{text!r} is not a finite number; leave the cell empty if the value is unknown")
            return value
    except ValueError as error:
        if "finite" in str(error):
            raise
        raise ValueError(f"{text!r} is not of type {kind}") from None
    if kind == "boolean":
        lowered = text.lower()
        if lowered in _TRUE | _FALSE:
            return lowered in _TRUE
        raise ValueError(f"{text!r} is not a boolean (true/false)")
    if field.get("format") == "unit":
        try:
            units.ureg.Unit(text)
        except Exception:  # noqa: BLE001 - pint raises many kinds for an unknown unit
            raise ValueError(f"unit {text!r} is not one pint knows (see reelib/units.txt for the project's units)") from None
    return text


def _check_row(res: Resource, line: int, row: dict[str, str], known_sources: Mapping[str, dict]) -> dict:
    out: dict[str, Any] = {}
    for field in res.fields:
        name, text = field["name"], row[field["name"]].strip()
        constraints = field.get("constraints", {})

        def fail(message: str, column: str = name) -> DataValidationError:
            return DataValidationError(str(res.path), message, row=line, column=column)

        if text == "":
            if constraints.get("required"):
                raise fail("value is required but empty")
            out[name] = None
            continue
        try:
            value = _convert(text, field)
        except ValueError as error:
            raise fail(str(error)) from None
        if "minimum" in constraints and value < constraints["minimum"]:
            raise fail(f"{value!r} is below the minimum {constraints['minimum']!r}")
        if "maximum" in constraints and value > constraints["maximum"]:
            raise fail(f"{value!r} is above the maximum {constraints['maximum']!r}")
        if "enum" in constraints and value not in constraints["enum"]:
            raise fail(f"{value!r} is not one of {constraints['enum']}")
        if name == "source_id" and value not in known_sources:
            raise fail(f"source {value!r} is not listed under 'sources' in datapackage.json")
        out[name] = value
    # A row's copy column repeats how its source was read; a disagreement is a slip in one of them.
    if "copy" in out and out.get("source_id") in known_sources and out["copy"] != known_sources[out["source_id"]]["copy"]:
        raise DataValidationError(
            str(res.path),
            f"copy {out['copy']!r} disagrees with source {out['source_id']!r}, read {known_sources[out['source_id']]['copy']}",
            row=line,
            column="copy",
        )
    return out


def _dtype(field: Mapping[str, Any]) -> str:
    if "unit" in field:
        return f"pint[{field['unit']}]"
    return {"integer": "Int64", "number": "float64", "boolean": "boolean"}.get(str(field.get("type")), "string")


def load(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Load and validate one dataset.

    Returns a DataFrame whose quantity columns are pint-pandas columns in the
    unit the metadata declares (``df["production"].pint.to("kt REO")``).
    ``df.attrs`` holds the dataset name, checksum and the sources it cites.

    Raises
    ------
    DataValidationError
        The file is missing, its checksum differs from the metadata, a column
        is missing or unexpected, a value has the wrong type or is out of
        range, a row cites an unknown source, or a primary key repeats.
    """
    res = resource(name, data_dir)
    where = str(res.path)
    try:
        raw = res.path.read_bytes()
    except FileNotFoundError:
        raise DataValidationError(where, "file not found (listed in datapackage.json)") from None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != res.sha256:
        raise DataValidationError(
            where,
            f"sha256 {digest[:12]}… differs from datapackage.json ({res.sha256[:12]}…): the file changed "
            "since its metadata was written. If the change is intended, record its source and run "
            "'reelib rehash'.",
        )
    if raw.startswith(codecs.BOM_UTF8):
        raise DataValidationError(where, "starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without one", row=1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataValidationError(where, f"is not UTF-8 text (byte {error.start}); save it as UTF-8", row=line) from None
    for field in res.fields:
        if "unit" in field:
            try:
                units.ureg.Unit(field["unit"])
            except Exception:  # noqa: BLE001
                raise DataValidationError(str(_package_path(data_dir)), f"dataset {name!r}: unit {field['unit']!r} is not one pint knows", column=field["name"]) from None
    reader = csv.DictReader(io.StringIO(text), strict=True)
    expected = [f["name"] for f in res.fields]
    header = reader.fieldnames or []
    missing = [c for c in expected if c not in header]
    if missing:
        raise DataValidationError(where, f"missing column(s) {missing}", row=1)
    extra = [c for c in header if c not in expected]
    if extra:
        raise DataValidationError(where, f"column(s) {extra} are not described in datapackage.json", row=1)
    known_sources = sources(data_dir)
    records: list[dict[str, Any]] = []
    seen: dict[tuple[Any, ...], int] = {}
    for row in _rows(reader, where):
        line = reader.line_num
        if None in row or any(value is None for value in row.values()):
            raise DataValidationError(where, f"row has {len(header)} columns expected, found a different count (a record cut off, or a stray comma?)", row=line)
        record = _check_row(res, line, row, known_sources)
        if res.primary_key:
            key = tuple(record[k] for k in res.primary_key)
            if key in seen:
                raise DataValidationError(
                    where, f"duplicate key {dict(zip(res.primary_key, key))} (first on line {seen[key]})", row=line
                )
            seen[key] = line
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=expected)
    for field in res.fields:
        frame[field["name"]] = frame[field["name"]].astype(_dtype(field))
    frame.attrs.update(
        dataset=name,
        sha256=digest,
        sources=sorted(set(frame["source_id"])) if "source_id" in frame else [],
    )
    _loaded[name] = digest
    outputs.record_input(name, res.path, digest)
    return frame


def _rows(reader: csv.DictReader, where: str):
    """The rows of a CSV file; a malformed record (an unclosed quote, a file cut off) names its line."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise DataValidationError(where, f"malformed CSV ({error}): is the file cut off, or a quote left open?", row=reader.line_num) from None


def loaded_checksums() -> dict[str, str]:
    """sha256 of every dataset loaded in this process, for provenance records."""
    return dict(sorted(_loaded.items()))


def rehash(data_dir: Path | None = None) -> dict[str, str]:
    """Write each file's current sha256 into datapackage.json; return what changed.

    Run after an intended edit of a data file (and after recording the new
    values' sources). The checksums guard against unintended edits only.
    """
    path = _package_path(data_dir)
    package = json.loads(path.read_text())
    changed = {}
    for entry in package["resources"]:
        digest = hashlib.sha256((path.parent / entry["path"]).read_bytes()).hexdigest()
        if entry.get("hash") != f"sha256:{digest}":
            changed[entry["name"]] = digest
            entry["hash"] = f"sha256:{digest}"
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n")
    return changed


def for_display(frame: pd.DataFrame, units: Mapping[str, str] | None = None, decimals: int = 2) -> pd.DataFrame:
    """A copy for tables: quantity columns become plain numbers named with their unit.

    ``units`` converts chosen columns first (``{"production": "kt REO"}``).
    Rounded to ``decimals`` so that notebook output is stable to compare.
    """
    units = dict(units or {})
    out = {}
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pint_pandas.PintType):
            column = column.pint.to(units.pop(name)) if name in units else column
            out[f"{name} ({column.pint.units:~P})"] = column.pint.magnitude.astype(float).round(decimals)
        else:
            out[name] = column
    if units:
        quantities = [c for c in frame.columns if isinstance(frame[c].dtype, pint_pandas.PintType)]
        raise ParameterError("units", f"no quantity column(s) {sorted(units)} to convert; quantity columns: {quantities}")
    return pd.DataFrame(out, index=frame.index)
