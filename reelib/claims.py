"""The claims registry and the rules that turn numbers into verdicts.

``data/claims.yaml`` holds every quantitative claim of the two source texts:
its ID, the exact quote, and what it states, split into *parts* when one
sentence states several numbers (CNRS-13: "up to 97%", "11%", "7%"). Each part
states a point value, a range, or a bound, with a unit and a tolerance whose
reason is written next to it.

A notebook hands :func:`assess` one :class:`Evidence` per part: the reproduced
value as a Quantity, its interval, and whether it comes from independent
sourced data or from a model. The verdict follows from these rules alone, so a
changed input changes the verdict and nothing else can:

* a part *matches* when the reproduced interval overlaps the stated interval
  (the stated value widened by its tolerance);
* ``reproduced``: every part matches, with its central value inside the stated
  interval, from independent data;
* ``consistent``: every checked part matches, but at least one rests on a
  model, only its interval reaches the stated one, or a part is not checkable;
* ``not supported``: some part does not match;
* ``not checkable``: no part could be tested; the record says what data would.

Verdicts are written as JSON to ``build/verdicts/<ID>.json``.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import pint
import yaml

from .errors import ClaimError
from .units import ureg

__all__ = [
    "Claim",
    "Evidence",
    "NotCheckable",
    "Verdict",
    "assess",
    "claim",
    "claims",
    "summarise",
    "verdict_table",
    "VERDICTS",
]

VERDICTS = ("reproduced", "consistent", "not supported", "not checkable")
ROOT = Path(__file__).resolve().parents[1]
CLAIMS_FILE = ROOT / "data" / "claims.yaml"
#: Where verdicts are recorded; the runner points this at a staging directory.
VERDICT_DIR = Path(os.environ.get("REELIB_VERDICT_DIR", ROOT / "build" / "verdicts"))


@dataclass(frozen=True)
class Part:
    """One stated number of a claim, as an interval in the claim's unit."""

    name: str
    quantity: str
    unit: str
    kind: Literal["value", "range", "at_most", "at_least"]
    stated: tuple[float, ...]
    tolerance: float
    factor: float
    why: str

    @property
    def interval(self) -> tuple[float, float]:
        """The stated value widened by the tolerance (or the factor)."""
        low, high = self.stated[0], self.stated[-1]
        if self.kind == "at_most":
            return -math.inf, high * (1 + self.tolerance)
        if self.kind == "at_least":
            return low * (1 - self.tolerance), math.inf
        return low * (1 - self.tolerance) / self.factor, high * (1 + self.tolerance) * self.factor

    def describe(self) -> str:
        number = {"value": "{}", "range": "{}–{}", "at_most": "≤ {}", "at_least": "≥ {}"}[self.kind]
        return f"{number.format(*(f'{v:g}' for v in self.stated))}{_unit_suffix(self.unit)}"


def _unit_suffix(unit: str) -> str:
    """Unit suffix such as ' kt·REO', in the registry's short format; empty when dimensionless."""
    return f" {ureg.Unit(unit):~P}" if unit else ""


@dataclass(frozen=True)
class Claim:
    id: str
    source: str
    section: str
    quotes: tuple[str, ...]
    notebook: str | None
    parts: tuple[Part, ...]
    data_needed: str

    def part(self, name: str) -> Part:
        """One part by name, e.g. to draw its stated interval in a figure."""
        for part in self.parts:
            if part.name == name:
                return part
        raise ClaimError(f"{self.id} has parts {[p.name for p in self.parts]}, not {name!r}")


@dataclass(frozen=True)
class Evidence:
    """A reproduced value for one part of a claim.

    Parameters
    ----------
    value
        The reproduced central value, a Quantity convertible to the part's unit.
    low, high
        The interval around it (confidence interval, spread of sources, or
        Monte Carlo percentiles). Default: the value itself.
    basis
        ``"data"`` when recomputed from independent sourced data; ``"model"``
        when it rests on a model or order-of-magnitude assumptions.
    note
        One line saying how the value was obtained.
    """

    value: pint.Quantity
    low: pint.Quantity | None = None
    high: pint.Quantity | None = None
    basis: Literal["data", "model"] = "data"
    note: str = ""

    @classmethod
    def spread(cls, statements: pint.Quantity, *, note: str, basis: Literal["data", "model"] = "data") -> "Evidence":
        """Several sources' statements of one quantity: their median, and their range as the interval.

        No source is preferred: when independent statements disagree, the
        verdict should say how far the claim depends on which one is read.
        """
        if len(statements) == 0:
            raise ClaimError(f"no statements to summarise ({note})")
        return cls(np.median(statements), low=statements.min(), high=statements.max(), basis=basis, note=note)


@dataclass(frozen=True)
class NotCheckable:
    """A part that open data could not test; ``needs`` says what would."""

    needs: str
    known: str = ""


@dataclass
class Verdict:
    claim: str
    verdict: str
    parts: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps({"claim": self.claim, "verdict": self.verdict, "parts": self.parts}, indent=2, ensure_ascii=False) + "\n"


def _part(claim_id: str, spec: Mapping[str, Any], default_tolerance: float) -> Part:
    kinds = [k for k in ("value", "range", "at_most", "at_least") if k in spec]
    if len(kinds) != 1:
        raise ClaimError(f"{claim_id}, part {spec.get('name')!r}: state exactly one of value, range, at_most, at_least")
    kind = kinds[0]
    stated = tuple(float(v) for v in (spec[kind] if kind == "range" else [spec[kind]]))
    return Part(
        name=spec["name"],
        quantity=spec["quantity"],
        unit=spec.get("unit", ""),
        kind=kind,
        stated=stated,
        tolerance=float(spec.get("tolerance", default_tolerance)),
        factor=float(spec.get("factor", 1.0)),
        why=spec.get("why", ""),
    )


@lru_cache(maxsize=4)
def _load(path: Path) -> dict[str, Claim]:
    document = yaml.safe_load(path.read_text())
    default_tolerance = float(document["defaults"]["tolerance"])
    registry = {}
    for entry in document["claims"]:
        quotes = entry["quote"] if isinstance(entry["quote"], list) else [entry["quote"]]
        registry[entry["id"]] = Claim(
            id=entry["id"],
            source=entry["source"],
            section=entry["section"],
            quotes=tuple(quotes),
            notebook=entry.get("notebook"),
            parts=tuple(_part(entry["id"], p, default_tolerance) for p in entry["parts"]),
            data_needed=entry.get("data_needed", ""),
        )
    return registry


def claims(path: Path = CLAIMS_FILE) -> dict[str, Claim]:
    """Every claim of the registry, keyed by ID."""
    return _load(path)


def claim(claim_id: str, path: Path = CLAIMS_FILE) -> Claim:
    """One claim; a mistyped ID names the close matches."""
    registry = claims(path)
    if claim_id not in registry:
        prefix = re.sub(r"\d+$", "", claim_id)
        close = [c for c in registry if c.startswith(prefix)]
        raise ClaimError(f"no claim {claim_id!r} in {path.name}; IDs look like {', '.join(close[:5]) or 'CNRS-01'}")
    return registry[claim_id]


def _magnitude(claim_id: str, part: Part, quantity: pint.Quantity | None, what: str) -> float | None:
    if quantity is None:
        return None
    if not isinstance(quantity, pint.Quantity):
        raise ClaimError(f"{claim_id}, part {part.name!r}: {what} must be a Quantity in a unit like {part.unit or 'dimensionless'!r}, got {quantity!r}")
    try:
        return float(quantity.to(part.unit or "dimensionless").magnitude)
    except pint.DimensionalityError:
        raise ClaimError(
            f"{claim_id}, part {part.name!r}: {what} {quantity:~P} cannot be compared with the stated unit {part.unit!r}"
        ) from None


def _judge_part(claim_id: str, part: Part, evidence: Evidence | NotCheckable) -> dict[str, Any]:
    record: dict[str, Any] = {"part": part.name, "quantity": part.quantity, "stated": part.describe(), "why_tolerance": part.why}
    if isinstance(evidence, NotCheckable):
        return record | {"verdict": "not checkable", "needs": evidence.needs, "known": evidence.known}
    value = _magnitude(claim_id, part, evidence.value, "value")
    low = _magnitude(claim_id, part, evidence.low, "low")
    high = _magnitude(claim_id, part, evidence.high, "high")
    low = value if low is None else low
    high = value if high is None else high
    if not low <= value <= high:
        raise ClaimError(f"{claim_id}, part {part.name!r}: interval [{low:g}, {high:g}] does not contain the value {value:g}")
    stated_low, stated_high = part.interval
    overlaps = low <= stated_high and high >= stated_low
    central_inside = stated_low <= value <= stated_high
    if not overlaps:
        verdict = "not supported"
    elif central_inside and evidence.basis == "data":
        verdict = "reproduced"
    else:
        verdict = "consistent"
    return record | {
        "verdict": verdict,
        "reproduced": _round(value),
        "low": _round(low),
        "high": _round(high),
        "unit": part.unit,
        "stated_interval": [_round(stated_low), _round(stated_high)],
        "basis": evidence.basis,
        "note": evidence.note,
    }


def _round(number: float, digits: int = 4) -> float | None:
    # Recorded to 4 significant figures: enough to compare, stable across
    # platforms' last-bit floating-point differences.
    if math.isinf(number):
        return None
    return float(f"{number:.{digits}g}")


def _combine(part_verdicts: Sequence[str]) -> str:
    checked = [v for v in part_verdicts if v != "not checkable"]
    if not checked:
        return "not checkable"
    if "not supported" in checked:
        return "not supported"
    if len(checked) < len(part_verdicts) or "consistent" in checked:
        return "consistent"
    return "reproduced"


def assess(claim_id: str, *evidence: Evidence | NotCheckable, record: bool = True, **by_part: Evidence | NotCheckable) -> Verdict:
    """Judge a claim from reproduced values, and record the verdict.

    Pass one positional :class:`Evidence` for a single-part claim, or one
    keyword per part (``assess("CNRS-13", china_peak=..., us_2024=...)``).
    Every part must be given, as Evidence or :class:`NotCheckable`.
    """
    entry = claim(claim_id)
    if evidence:
        if len(entry.parts) != 1 or by_part:
            raise ClaimError(f"{claim_id} has parts {[p.name for p in entry.parts]}: pass each by name")
        by_part = {entry.parts[0].name: evidence[0]}
    names = [p.name for p in entry.parts]
    unknown = sorted(set(by_part) - set(names))
    missing = [n for n in names if n not in by_part]
    if unknown or missing:
        raise ClaimError(f"{claim_id}: parts are {names}; unknown {unknown}, missing {missing}")
    parts = [_judge_part(claim_id, p, by_part[p.name]) for p in entry.parts]
    result = Verdict(claim_id, _combine([p["verdict"] for p in parts]), parts)
    if record:
        VERDICT_DIR.mkdir(parents=True, exist_ok=True)
        (VERDICT_DIR / f"{claim_id}.json").write_text(result.to_json())
    return result


def _format(part: Mapping[str, Any]) -> tuple[str, str]:
    if part["verdict"] == "not checkable":
        return "—", "needs: " + part["needs"]
    value, low, high, unit = part["reproduced"], part["low"], part["high"], part["unit"]
    text = f"{value:.3g}{_unit_suffix(unit)}"
    if low != high:
        text += f" [{low:.3g}–{high:.3g}]"
    return text, part["note"]


def verdict_table(verdicts: Sequence[Verdict]) -> pd.DataFrame:
    """One row per claim part: stated, reproduced [interval], verdicts.

    Shown at the end of each notebook, and compared by nbval, so its text is
    rounded to three significant figures.
    """
    rows = []
    for verdict in verdicts:
        for part in verdict.parts:
            reproduced, note = _format(part)
            rows.append(
                {
                    "claim": verdict.claim,
                    "part": part["part"],
                    "stated": part["stated"],
                    "reproduced": reproduced,
                    "part verdict": part["verdict"],
                    "claim verdict": verdict.verdict,
                    "how": note,
                }
            )
    return pd.DataFrame(rows).set_index(["claim", "part"])


def summarise(verdict_dir: Path, summary_file: Path) -> str:
    """Collect every recorded verdict into one JSON file; return a text table.

    A claim that no notebook has assessed yet is listed as ``not checkable``
    with the data that would settle it, so the summary always covers all IDs.
    """
    rows = []
    for entry in claims().values():
        recorded = verdict_dir / f"{entry.id}.json"
        if recorded.exists():
            verdict = json.loads(recorded.read_text())
            rows.append({"claim": entry.id, "verdict": verdict["verdict"], "notebook": entry.notebook, "parts": verdict["parts"]})
        else:
            rows.append({"claim": entry.id, "verdict": "not checkable", "notebook": entry.notebook, "needs": entry.data_needed, "parts": []})
    summary_file.parent.mkdir(parents=True, exist_ok=True)
    summary_file.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    width = max(len(r["claim"]) for r in rows)
    lines = [f"{'claim':<{width}}  {'verdict':<14} notebook / what would settle it"]
    for row in rows:
        where = row["notebook"] if row["parts"] else f"(not assessed) needs: {row.get('needs') or row['notebook']}"
        lines.append(f"{row['claim']:<{width}}  {row['verdict']:<14} {where}")
    counts = {v: sum(r["verdict"] == v for r in rows) for v in VERDICTS}
    lines.append("; ".join(f"{n} {v}" for v, n in counts.items()) + f"  (written to {summary_file})")
    return "\n".join(lines)
