"""The claims registry, ``data/claims.yaml``: loaded only if it is well formed.

Every verdict of the compendium rests on this file, so a slip in it must stop
the run rather than quietly change a verdict: a misspelt key that would fall
back to a default, a duplicated ID, a stated value in the wrong dimension, a
YAML tag that makes a string a number. The file is checked against a JSON
Schema (``jsonschema``, the maintained validator the Jupyter stack already
installs) and then across files (each ``origin`` must be a source of
``data/datapackage.json``), and every problem is one
:class:`~reelib.errors.ClaimError` naming the file, the claim ID and the key.

Each part's stated value is read by the one tolerance policy of
:mod:`reelib.readings`, from the ``readings`` table at the head of the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import pint
import yaml

from . import paths
from .errors import ClaimError
from .readings import Reading, override_reading, read_stated
from .units import Q_, unit_suffix, ureg

__all__ = ["Claim", "Part", "Window", "claim", "claims", "claims_file", "load_registry", "source_texts", "source_titles"]


def claims_file() -> Path:
    """``data/claims.yaml`` of the repository (:mod:`reelib.paths`)."""
    return paths.DATA_DIR / "claims.yaml"

_WHY = {"type": "string", "minLength": 3}
_NUMBER = {"type": "number"}
_OVERRIDE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["why"],
    "properties": {
        "value": _NUMBER,
        "range": {"type": "array", "items": _NUMBER, "minItems": 2, "maxItems": 2},
        "at_least": _NUMBER,
        "at_most": _NUMBER,
        "factor": _NUMBER,
        "why": _WHY,
    },
    "oneOf": [{"required": [k]} for k in ("value", "range", "at_least", "at_most")],
}
_PART = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "quantity", "stated", "unit"],
    "properties": {
        "name": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
        "quantity": {"type": "string", "minLength": 3},
        "stated": {"type": "string", "minLength": 1},
        "unit": {"type": "string"},
        "override": _OVERRIDE,
        "window": {
            "type": "object",
            "additionalProperties": False,
            "required": ["start", "end", "why"],
            "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}, "why": _WHY},
        },
    },
}
_CLAIM = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "source", "section", "quote", "notebook", "data_needed", "parts"],
    "properties": {
        "id": {"type": "string", "pattern": "^(CNRS|CLEPA)-[0-9]{2}$"},
        "source": {"enum": ["cnrs", "clepa"]},
        "section": {"type": "string", "minLength": 1},
        "quote": {
            "oneOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
            ]
        },
        "notebook": {"type": "string", "pattern": "^[0-9]{2}_[a-z0-9_]+$"},
        "origin": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "origin_why": _WHY,
        "data_needed": {"type": "string", "minLength": 3},
        "parts": {"type": "array", "items": _PART, "minItems": 1},
    },
    "dependentRequired": {"origin": ["origin_why"]},
}
_QUALIFIER = {
    "type": "object",
    "additionalProperties": False,
    "required": ["reading", "why"],
    "properties": {"reading": {"enum": ["at_least", "at_most", "widen", "just_below"]}, "relative": _NUMBER, "why": _WHY},
}
_PHRASE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["why"],
    "properties": {
        "value": _NUMBER,
        "factor": _NUMBER,
        "at_least": _NUMBER,
        "at_most": _NUMBER,
        "fraction": {"type": "string", "pattern": "^[0-9]+/[0-9]+$"},
        "unit": {"type": "string"},
        "why": _WHY,
    },
    # A phrase reads as exactly one of these; a factor widens a value.
    "oneOf": [{"required": [k]} for k in ("value", "at_least", "at_most", "fraction")],
    "dependentRequired": {"factor": ["value"]},
}
SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["sources", "readings", "claims"],
    "properties": {
        "sources": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["file", "title", "publisher", "year", "sha256"],
                "properties": {
                    "file": {"type": "string"},
                    "title": {"type": "string"},
                    "publisher": {"type": "string"},
                    "year": {"type": "integer"},
                    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                },
            },
        },
        "readings": {
            "type": "object",
            "additionalProperties": False,
            "required": ["numbers", "number_words", "qualifiers", "phrases"],
            "properties": {
                "numbers": _WHY,
                "number_words": {"type": "object", "additionalProperties": _NUMBER},
                "qualifiers": {"type": "object", "additionalProperties": _QUALIFIER},
                "phrases": {"type": "object", "additionalProperties": _PHRASE},
            },
        },
        "claims": {"type": "array", "items": _CLAIM, "minItems": 1},
    },
}


@dataclass(frozen=True)
class Window:
    """A period a claim speaks of, with its ends argued from the claim's text."""

    start: int
    end: int
    why: str


@dataclass(frozen=True)
class Part:
    """One stated number of a claim and how it is read."""

    name: str
    quantity: str
    unit: str
    reading: Reading
    window: Window | None = None

    @property
    def kind(self) -> str:
        return self.reading.kind

    @property
    def interval(self) -> tuple[float, float]:
        """The stated interval in the part's ``unit`` (infinite on an open side)."""
        low, high = (_convert(float(v), self.reading.unit, self.unit) for v in (self.reading.low, self.reading.high))
        return low, high

    @property
    def stated_value(self) -> pint.Quantity:
        """The (first) number as stated, in the part's unit: what a figure marks as "stated"."""
        return Q_(_convert(float(self.reading.stated[0]), self.reading.unit, self.unit), self.unit or "dimensionless")

    @property
    def period(self) -> Window:
        """The part's window, for code that needs one: a part without a window is a registry error."""
        if self.window is None:
            raise ClaimError(f"part {self.name!r} has no window in data/claims.yaml, and the computation needs the years it speaks of")
        return self.window

    @property
    def overridden(self) -> bool:
        return self.reading.rule.startswith("override: ")

    def describe(self) -> str:
        """The value as stated: ``390 kt·REO``, ``around ten``."""
        return self.reading.written

    def describe_interval(self) -> str:
        """The reading in the part's unit: ``385–395 kt·REO``, ``≥ 3``."""
        low, high = self.interval
        suffix = unit_suffix(self.unit)
        if self.kind == "at_least":
            return f"≥ {_number(low)}{suffix}"
        if self.kind == "at_most":
            return f"≤ {_number(high)}{suffix}"
        return f"{_number(low)}–{_number(high)}{suffix}"


def _number(value: float) -> str:
    """Enough digits to show a reading's ends (34.785), whole large numbers with separators.

    An end that does not terminate within six digits (the midpoint 29.1666… of a
    fraction in words) is shown to four significant digits.
    """
    if abs(value) >= 1e4 and value == round(value):
        return f"{value:,.0f}"
    text = f"{value:.6g}"
    return f"{value:.4g}" if sum(c.isdigit() for c in text.lstrip("-0.")) >= 6 else text


def _convert(value: float, source: str, target: str) -> float:
    if value in (float("inf"), float("-inf")):
        return value
    return float(Q_(value, source or "dimensionless").to(target or "dimensionless").magnitude)


@dataclass(frozen=True)
class Claim:
    id: str
    source: str
    section: str
    quotes: tuple[str, ...]
    notebook: str
    parts: tuple[Part, ...]
    data_needed: str
    #: Source IDs (``data/datapackage.json``) the claim cites or whose figure it repeats.
    origin: tuple[str, ...] = ()
    origin_why: str = ""

    def part(self, name: str) -> Part:
        """One part by name, e.g. to draw its stated interval in a figure."""
        for part in self.parts:
            if part.name == name:
                return part
        raise ClaimError(f"{self.id} has parts {[p.name for p in self.parts]}, not {name!r}")


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that also refuses duplicate keys (YAML keeps the last one silently)."""


def _mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice (first on line {seen[key] + 1})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def _parse_yaml(path: Path, text: str) -> Any:
    try:
        for token in yaml.scan(text, Loader=_StrictLoader):
            # An explicit tag (!!float, !!python/...) makes the file say something its
            # text does not show; the registry is plain data.
            if isinstance(token, yaml.TagToken):
                raise ClaimError(f"{path}: line {token.start_mark.line + 1}: YAML tag {''.join(token.value)!r} is not allowed; write plain values")
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "?"
        problem = getattr(error, "problem", None) or str(error)
        raise ClaimError(f"{path}: {where}: invalid YAML: {problem}") from None


def _locate(document: Any, error: jsonschema.ValidationError) -> str:
    """``claim CNRS-05, part 'world_production_2024', key 'tolerence': …`` for a schema error."""
    labels, node = [], document
    path = list(error.absolute_path)
    for key in path:
        node = node[key]
        if isinstance(node, Mapping) and "id" in node and "parts" in node:
            labels.append(f"claim {node['id']}")
        elif isinstance(node, Mapping) and "name" in node and "quantity" in node:
            labels.append(f"part {node['name']!r}")
    if path and isinstance(path[-1], str):
        labels.append(f"key {path[-1]!r}")
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        unexpected = sorted(set(error.instance) - set(allowed))
        return ", ".join(labels + [f"key {unexpected[0]!r}"]) + f": unknown key (allowed: {', '.join(allowed)})"
    return ", ".join(labels) + f": {error.message}"


def _validate(path: Path, document: Any) -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise ClaimError(f"{path}: {_locate(document, errors[0])}")
    seen: dict[str, int] = {}
    for index, entry in enumerate(document["claims"]):
        if entry["id"] in seen:
            raise ClaimError(f"{path}: claim {entry['id']}, key 'id': duplicate ID (entries {seen[entry['id']] + 1} and {index + 1})")
        seen[entry["id"]] = index
        names = [p["name"] for p in entry["parts"]]
        if len(set(names)) != len(names):
            raise ClaimError(f"{path}: claim {entry['id']}, key 'parts': a part name is given twice: {names}")


def _part(path: Path, claim_id: str, spec: Mapping[str, Any], readings: Mapping[str, Any]) -> Part:
    where = f"{path}: claim {claim_id}, part {spec['name']!r}"
    try:
        if "override" in spec:
            # The words are not in the readings table (or read otherwise here): the override says how, and why.
            reading = override_reading(spec["stated"], spec["override"], spec["unit"])
        else:
            reading = read_stated(spec["stated"], readings)
    except ClaimError as error:
        raise ClaimError(f"{where}, key 'stated': {error}") from None
    try:
        stated_unit = ureg.Unit(reading.unit or "dimensionless")
        unit = ureg.Unit(spec["unit"] or "dimensionless")
    except (pint.PintError, ValueError, AttributeError, TypeError) as error:
        raise ClaimError(f"{where}, key 'unit': cannot read the unit: {error}") from None
    if Q_(1, stated_unit).dimensionality != Q_(1, unit).dimensionality:
        raise ClaimError(
            f"{where}, key 'stated': {spec['stated']!r} is in {stated_unit:~P} ({Q_(1, stated_unit).dimensionality}), "
            f"which does not match the part's unit {spec['unit']!r} ({Q_(1, unit).dimensionality})"
        )
    window = spec.get("window")
    if window is not None and window["start"] > window["end"]:
        raise ClaimError(f"{where}, key 'window': starts in {window['start']}, after its end {window['end']}")
    return Part(
        name=spec["name"],
        quantity=spec["quantity"],
        unit=spec["unit"],
        reading=reading,
        window=Window(**window) if window else None,
    )


def load_registry(path: Path | None = None, known_sources: Mapping[str, Any] | None = None) -> dict[str, Claim]:
    """Read, validate and interpret a claims file.

    ``known_sources`` (default: the sources of ``data/datapackage.json``) are
    the IDs an ``origin`` may name.

    Raises
    ------
    ClaimError
        One message naming the file, the claim ID and the key at fault.
    """
    path = path or claims_file()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ClaimError(f"{path}: cannot read the claims registry: {error.strerror or error}") from None
    document = _parse_yaml(path, text)
    _validate(path, document)
    if known_sources is None:
        from .data import sources

        known_sources = sources()
    registry = {}
    for entry in document["claims"]:
        unknown = [s for s in entry.get("origin", []) if s not in known_sources]
        if unknown:
            raise ClaimError(f"{path}: claim {entry['id']}, key 'origin': {unknown} are not sources of data/datapackage.json")
        quotes = entry["quote"] if isinstance(entry["quote"], list) else [entry["quote"]]
        registry[entry["id"]] = Claim(
            id=entry["id"],
            source=entry["source"],
            section=entry["section"],
            quotes=tuple(quotes),
            notebook=entry["notebook"],
            parts=tuple(_part(path, entry["id"], p, document["readings"]) for p in entry["parts"]),
            data_needed=entry["data_needed"],
            origin=tuple(entry.get("origin", ())),
            origin_why=entry.get("origin_why", ""),
        )
    return registry


@lru_cache(maxsize=4)
def _cached(path: Path, mtime_ns: int, package_mtime_ns: int) -> dict[str, Claim]:
    # Both modification times in the key: an edited registry, or a datapackage whose sources the
    # registry's origins are checked against, is re-read in a live kernel.
    return load_registry(path)


def claims(path: Path | None = None) -> dict[str, Claim]:
    """Every claim of the registry, keyed by ID."""
    path = path or claims_file()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as error:
        raise ClaimError(f"{path}: cannot read the claims registry: {error.strerror or error}") from None
    package = paths.DATA_DIR / "datapackage.json"
    return _cached(path, mtime, package.stat().st_mtime_ns if package.exists() else 0)


def claim(claim_id: str, path: Path | None = None) -> Claim:
    """One claim; a mistyped ID names the close matches."""
    path = path or claims_file()
    registry = claims(path)
    if claim_id not in registry:
        prefix = claim_id.rstrip("0123456789")
        close = [c for c in registry if c.startswith(prefix)]
        raise ClaimError(f"no claim {claim_id!r} in {path.name}; IDs look like {', '.join(close[:5]) or 'CNRS-01'}")
    return registry[claim_id]


def source_texts(path: Path | None = None) -> dict[str, tuple[Path, str]]:
    """The two source texts: ``{"cnrs": (path beside the repository, recorded sha256)}``.

    The texts live in ``../shared/sources`` and are not part of the
    repository; their checksums are, so that a changed text is noticed.
    """
    path = path or claims_file()
    document = _parse_yaml(path, path.read_text(encoding="utf-8"))
    return {key: (paths.SOURCE_TEXT_DIR / spec["file"], spec["sha256"]) for key, spec in document["sources"].items()}


def source_titles(path: Path | None = None) -> dict[str, str]:
    """The two source texts by key, as a reader names them: ``{"cnrs": "CNRS (2025)"}``."""
    path = path or claims_file()
    document = _parse_yaml(path, path.read_text(encoding="utf-8"))
    return {key: f"{spec['publisher']} ({spec['year']})" for key, spec in document["sources"].items()}
