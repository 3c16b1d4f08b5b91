"""Verdicts: the rules that turn reproduced numbers into an honest judgement of a claim.

A notebook hands :func:`assess` the evidence for each part of a claim: one or
more :class:`Evidence` (a reproduced value with its interval and the sources it
rests on), or :class:`NotCheckable` (what data would settle it). The verdict
follows from the rules below alone, so a notebook cannot argue its way to a
better one.

**The stated value** is read by the one tolerance policy
(:mod:`reelib.readings`): an interval from how the number is written.

**Provenance** is computed, never typed. Each source in
``data/datapackage.json`` says whether it was read first-hand (the
publisher's own text) or second-hand (a report of it), which series and
edition it belongs to, and which estimates share an author and data
(``origin``). Each claim names the sources it cites or whose figure it repeats
(``origin`` in ``data/claims.yaml``). A piece of evidence is therefore:

* ``independent`` — it rests on none of the claim's cited sources;
* ``cited source`` — it is the very source the claim repeats;
* ``revision of the cited source`` — a later edition of it (MCS 2026 after
  MCS 2025).

**The rules**, for each part:

1. Where several editions of one series are given, the latest decides; the
   others are shown as superseded.
2. Where independent evidence is given, it decides; the cited source is shown
   beside it. Otherwise the cited source (or its latest revision) decides, and
   the part can at most be ``consistent``: it *matches its cited source*, which
   is not a reproduction. Among independent evidence, sourced data decide
   before a model, and a first-hand reading before a second-hand one; the
   rest is shown beside it.
3. Deciding evidence whose interval misses the stated one is ``not
   supported``. Evidence that reaches it is ``reproduced`` only if it is
   independent, read first-hand, recomputed from data (not a model), and its
   central value lies inside the stated interval; otherwise ``consistent``.
   Several deciding pieces must all agree for the better verdict.

A claim is ``not supported`` if a part is; ``reproduced`` if every part is;
``not checkable`` if no part could be tested; ``consistent`` otherwise. A
claim no notebook has assessed is ``not assessed``.

Verdicts are recorded as JSON in the run's folder (:mod:`reelib.outputs`);
the runner publishes them in ``reports/verdicts/``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import pint

from . import outputs
from .errors import ClaimError
from .registry import Claim, Part, claim, claims
from .units import Q_, unit_suffix

__all__ = [
    "STATUSES",
    "VERDICTS",
    "Claim",
    "Evidence",
    "NotCheckable",
    "Verdict",
    "assess",
    "claim",
    "claims",
    "provenance",
    "summarise",
    "verdict_table",
]

#: The verdicts a computation can give, best first.
VERDICTS = ("reproduced", "consistent", "not supported", "not checkable")
#: Every status a claim can have in the summary.
STATUSES = VERDICTS + ("not assessed",)

Relation = Literal["independent", "cited source", "revision of the cited source", "earlier edition of the cited source"]


def _source_ids(sources: str | Iterable[str]) -> tuple[str, ...]:
    if isinstance(sources, str):
        return (sources,)
    return tuple(sorted({str(s) for s in sources}))


@dataclass(frozen=True)
class Evidence:
    """A reproduced value for one part of a claim, and what it rests on.

    Parameters
    ----------
    value
        The reproduced central value, a Quantity convertible to the part's unit.
    sources
        The source IDs (``data/datapackage.json``) the value rests on: a
        string, a list, or the ``source_id`` column of the rows used. Their
        provenance (first- or second-hand, cited or independent) is looked up,
        never stated here.
    low, high
        The interval around it (confidence interval, spread of independent
        estimates, Monte Carlo percentiles). Default: the value itself.
    basis
        ``"data"`` when recomputed from sourced data; ``"model"`` when it rests
        on a model or assumed ranges.
    note
        One line saying how the value was obtained.
    """

    value: pint.Quantity
    _: KW_ONLY
    sources: Sequence[str]
    low: pint.Quantity | None = None
    high: pint.Quantity | None = None
    basis: Literal["data", "model"] = "data"
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "sources", _source_ids(self.sources))
        if not self.sources:
            raise ClaimError(f"evidence {self.note!r} names no source: pass the source_id(s) of the rows it rests on")
        if self.basis not in ("data", "model"):
            raise ClaimError(f"evidence {self.note!r}: basis {self.basis!r} is not 'data' or 'model'")
        assumed = [s for s in self.sources if s.startswith("parameter:")]
        if assumed and self.basis == "data":
            # A value the reader assumed is not data: it may only enter as a model, which caps at consistent.
            raise ClaimError(f"evidence {self.note!r} rests on assumed {assumed}: pass basis='model'")

    @classmethod
    def spread(
        cls,
        statements: pint.Quantity,
        sources: Sequence[str],
        *,
        note: str,
        basis: Literal["data", "model"] = "data",
    ) -> Evidence:
        """Several statements of one quantity, combined by one stated rule.

        Statements whose sources share an author and data (the same
        ``origin`` in ``data/datapackage.json``) are one estimate: their
        median. The value is the median of the estimates and the interval
        their range; with a single estimate, the range of its statements. No
        source is preferred and none is counted twice, so agreement among
        relays of one agency does not pass for independent confirmation.
        """
        from .data import sources as known_sources

        if len(statements) == 0:
            raise ClaimError(f"no statements to summarise ({note})")
        if len(sources) != len(statements):
            raise ClaimError(f"{len(statements)} statements but {len(sources)} source IDs ({note})")
        catalogue = known_sources()
        unit = statements.units
        magnitudes = np.asarray(statements.to(unit).magnitude, dtype=float)
        origins: dict[str, list[float]] = {}
        for source, magnitude in zip(sources, magnitudes):
            if source not in catalogue:
                raise ClaimError(f"source {source!r} is not in data/datapackage.json ({note})")
            origins.setdefault(catalogue[source].get("origin", source), []).append(float(magnitude))
        estimates = np.array([np.median(values) for values in origins.values()])
        if len(estimates) > 1:
            low, high = estimates.min(), estimates.max()
            how = f"median and range of {len(estimates)} independent estimates"
        else:
            low, high = magnitudes.min(), magnitudes.max()
            how = f"one estimate ({len(magnitudes)} statements of one origin): median and range"
        shared = [origin for origin, values in origins.items() if len(values) > 1]
        if shared and len(estimates) > 1:
            how += f"; {', '.join(shared)} counted once"
        return cls(
            Q_(float(np.median(estimates)), unit),
            sources=tuple(sources),
            low=Q_(float(low), unit),
            high=Q_(float(high), unit),
            basis=basis,
            note=f"{note} ({how})",
        )


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
    notebook: str | None = None

    def to_json(self) -> str:
        record = {"claim": self.claim, "verdict": self.verdict, "notebook": self.notebook, "parts": self.parts}
        return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Provenance:
    relation: Relation
    copy: Literal["first-hand", "second-hand"]
    citation: str



def provenance(entry: Claim, evidence: Evidence) -> Provenance:
    """How ``evidence`` relates to what ``entry`` cites, and how its sources were read.

    Raises
    ------
    ClaimError
        A source is not in ``data/datapackage.json``, or the evidence mixes
        the cited source with others (pass them as separate evidence, so
        that each is judged by its own rule).
    """
    catalogue = _catalogue(evidence.sources)
    unknown = [s for s in evidence.sources if s not in catalogue]
    if unknown:
        raise ClaimError(f"{entry.id}: evidence {evidence.note!r} cites {unknown}, which are not sources of data/datapackage.json")
    cited = set(entry.origin)
    cited_series = {catalogue[c].get("series"): catalogue[c]["year"] for c in cited if catalogue[c].get("series")}
    # Sources sharing an author and data with a cited one (the same 'origin') are that source too.
    cited_origins = {catalogue[c].get("origin", c) for c in cited}
    relations = set()
    for source in evidence.sources:
        spec = catalogue[source]
        if source in cited or spec.get("origin", source) in cited_origins:
            relations.add("cited source")
        elif spec.get("series") in cited_series:
            newer = spec["year"] > cited_series[spec["series"]]
            relations.add("revision of the cited source" if newer else "earlier edition of the cited source")
        else:
            relations.add("independent")
    if len(relations) > 1:
        raise ClaimError(
            f"{entry.id}: evidence {evidence.note!r} mixes {sorted(relations)}; pass the cited source and the "
            "other sources as separate Evidence, so that each is judged by its own rule"
        )
    copies = {catalogue[s]["copy"] for s in evidence.sources}
    citation = "; ".join(dict.fromkeys(catalogue[s]["citation"] for s in evidence.sources))
    return Provenance(relations.pop(), "second-hand" if "second-hand" in copies else "first-hand", citation)  # type: ignore[arg-type]


def _magnitude(claim_id: str, part: Part, quantity: pint.Quantity | None, what: str) -> float | None:
    if quantity is None:
        return None
    if not isinstance(quantity, pint.Quantity):
        raise ClaimError(f"{claim_id}, part {part.name!r}: {what} must be a Quantity in a unit like {part.unit or 'dimensionless'!r}, got {quantity!r}")
    try:
        return float(quantity.to(part.unit or "dimensionless").magnitude)
    except pint.DimensionalityError:
        raise ClaimError(f"{claim_id}, part {part.name!r}: {what} {quantity:~P} cannot be compared with the stated unit {part.unit!r}") from None


def _catalogue(sources: Iterable[str]) -> dict[str, Mapping[str, Any]]:
    """The sources of data/datapackage.json, and an entry for each value a reader assumed."""
    from .data import sources as known_sources

    catalogue: dict[str, Mapping[str, Any]] = dict(known_sources())
    for source in sources:
        # A value assumed through a parameter: not a source; the evidence is a model at best.
        if source.startswith("parameter:"):
            catalogue[source] = {"copy": "first-hand", "citation": f"assumed ({source.removeprefix('parameter:')})", "year": 0}
    return catalogue


def _series_year(evidence: Evidence) -> tuple[str | None, int]:
    catalogue = _catalogue(evidence.sources)
    series = {catalogue[s].get("series") for s in evidence.sources}
    if len(series) != 1 or None in series:
        return None, 0
    return series.pop(), max(int(catalogue[s]["year"]) for s in evidence.sources)


_ORDER = {"not supported": 0, "consistent": 1, "reproduced": 2}


def _judge_evidence(entry: Claim, part: Part, evidence: Evidence) -> dict[str, Any]:
    value = _magnitude(entry.id, part, evidence.value, "value")
    low = _magnitude(entry.id, part, evidence.low, "low")
    high = _magnitude(entry.id, part, evidence.high, "high")
    assert value is not None
    low = value if low is None else low
    high = value if high is None else high
    if any(math.isnan(v) for v in (value, low, high)):
        raise ClaimError(f"{entry.id}, part {part.name!r}: evidence {evidence.note!r} is NaN; a missing value is NotCheckable, not a number")
    if not low <= value <= high:
        raise ClaimError(f"{entry.id}, part {part.name!r}: interval [{low:g}, {high:g}] does not contain the value {value:g}")
    stated_low, stated_high = part.interval
    if not (low <= stated_high and high >= stated_low):
        match = "outside"
    elif stated_low <= value <= stated_high:
        match = "inside"
    else:
        match = "reaches"
    origin = provenance(entry, evidence)
    return {
        "value": _round(value),
        "low": _round(low),
        "high": _round(high),
        "unit": part.unit,
        "match": match,
        "relation": origin.relation,
        "copy": origin.copy,
        "basis": evidence.basis,
        "sources": list(evidence.sources),
        "citation": origin.citation,
        "note": evidence.note,
    }


def _verdict_of(item: Mapping[str, Any]) -> str:
    if item["match"] == "outside":
        return "not supported"
    first_rate = item["relation"] == "independent" and item["copy"] == "first-hand" and item["basis"] == "data"
    return "reproduced" if item["match"] == "inside" and first_rate else "consistent"


def _why(item: Mapping[str, Any], interval: str) -> str:
    """Why one deciding piece of evidence gives its verdict, in the rules' words."""
    cited = item["relation"] != "independent"
    if item["match"] == "outside":
        return ("differs from its cited source" if item["relation"] == "cited source" else f"outside {interval}")
    reasons = []
    if item["relation"] == "cited source":
        reasons.append("matches its cited source, which is not a reproduction")
    elif cited:
        reasons.append(f"matches the {item['relation']}, not independent data")
    if item["copy"] == "second-hand":
        reasons.append("read in a second-hand copy")
    if item["basis"] == "model":
        reasons.append("a model estimate")
    if item["match"] == "reaches":
        reasons.append(f"only its interval reaches {interval}")
    if not reasons:
        return f"independent, first-hand data inside {interval}"
    return "; ".join(reasons)


#: Which evidence decides when several kinds are given: independent before the cited source, then
#: sourced data before a model, then a first-hand reading before a second-hand one.
_TIER_WORDS = {
    (0, 0, 0): "independent, first-hand data",
    (0, 0, 1): "independent data",
    (0, 1, 0): "independent model estimate",
    (0, 1, 1): "independent model estimate",
}


def _tier(item: Mapping[str, Any]) -> tuple[int, int, int]:
    if item["relation"] != "independent":
        return (1, 0, 0)
    return (0, int(item["basis"] == "model"), int(item["copy"] == "second-hand"))


def _judge_part(entry: Claim, part: Part, given: Evidence | NotCheckable | Sequence[Evidence]) -> dict[str, Any]:
    record: dict[str, Any] = {
        "part": part.name,
        "quantity": part.quantity,
        "stated": part.describe(),
        "reading": {"interval": part.describe_interval(), "rule": part.reading.rule, "overridden": part.overridden},
    }
    if part.window is not None:
        record["window"] = {"start": part.window.start, "end": part.window.end, "why": part.window.why}
    if isinstance(given, NotCheckable):
        return record | {"verdict": "not checkable", "why": "no open data could settle it", "needs": given.needs, "known": given.known, "evidence": []}
    pieces = [given] if isinstance(given, Evidence) else list(given)
    if not pieces or not all(isinstance(p, Evidence) for p in pieces):
        raise ClaimError(f"{entry.id}, part {part.name!r}: give Evidence, a list of Evidence, or NotCheckable")
    items = [_judge_evidence(entry, part, p) for p in pieces]
    latest: dict[str, int] = {}
    for piece in pieces:
        series, year = _series_year(piece)
        if series is not None:
            latest[series] = max(latest.get(series, 0), year)
    for piece, item in zip(pieces, items):
        series, year = _series_year(piece)
        item["role"] = "superseded" if series is not None and year < latest[series] else "decides"
    current = [i for i in items if i["role"] == "decides"]
    best = min(_tier(i) for i in current)
    for item in current:
        if _tier(item) != best:
            item["role"] = f"shown beside the {_TIER_WORDS[best]}"
    deciding = [i for i in items if i["role"] == "decides"]
    interval = part.describe_interval()
    for item in deciding:
        item["verdict"] = _verdict_of(item)
    verdict = min((i["verdict"] for i in deciding), key=_ORDER.__getitem__)
    why = "; ".join(dict.fromkeys(_why(i, interval) for i in deciding if i["verdict"] == verdict))
    superseded = [i for i in items if i["role"] == "superseded"]
    if superseded:
        why += f" (latest edition decides; {', '.join(i['citation'] for i in superseded)} shown)"
    newer = _newer_editions(latest)
    if newer:
        # Rule 1 needs the latest edition; a run on an older one says so rather than pass silently.
        why += f" (NOT the latest edition: {', '.join(newer)} in data/ was not given)"
    return record | {"verdict": verdict, "why": why, "evidence": items, "newer_editions_not_given": newer}


def _newer_editions(latest: Mapping[str, int]) -> list[str]:
    """Citations of editions in data/ later than the latest given, for each series given."""
    catalogue = _catalogue(())
    return sorted(
        spec["citation"]
        for spec in catalogue.values()
        if spec.get("series") in latest and int(spec["year"]) > latest[spec["series"]]
    )


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


EvidenceArg = Evidence | NotCheckable | Sequence[Evidence]


def assess(claim_id: str, *evidence: EvidenceArg, record: bool = True, **by_part: EvidenceArg) -> Verdict:
    """Judge a claim from reproduced values, and record the verdict.

    Pass the evidence for a single-part claim positionally, or one keyword
    per part (``assess("CNRS-13", china_peak_2000s=..., united_states_2024=...)``).
    Each part takes one :class:`Evidence`, a list of them (the cited source,
    its revisions, independent data), or :class:`NotCheckable`; every part
    must be given.
    """
    entry = claim(claim_id)
    if evidence:
        if len(entry.parts) != 1 or by_part or len(evidence) != 1:
            raise ClaimError(f"{claim_id} has parts {[p.name for p in entry.parts]}: pass each by name")
        by_part = {entry.parts[0].name: evidence[0]}
    names = [p.name for p in entry.parts]
    unknown = sorted(set(by_part) - set(names))
    missing = [n for n in names if n not in by_part]
    if unknown or missing:
        raise ClaimError(f"{claim_id}: parts are {names}; unknown {unknown}, missing {missing}")
    parts = [_judge_part(entry, p, by_part[p.name]) for p in entry.parts]
    run = outputs.current()
    result = Verdict(claim_id, _combine([p["verdict"] for p in parts]), parts, notebook=run.notebook or entry.notebook)
    if record:
        run.verdict_dir.mkdir(parents=True, exist_ok=True)
        (run.verdict_dir / f"{claim_id}.json").write_text(result.to_json(), encoding="utf-8")
    return result


def _three_figures(value: float) -> str:
    """Three significant figures; numbers from 1,000 up written out with separators (1,010 and 14,500,000, not 1.01e+03 and 1.45e+07)."""
    if value != 0 and abs(value) >= 1e3:
        return f"{round(value, 2 - int(math.floor(math.log10(abs(value))))):,.0f}"
    return f"{value:.3g}"


def provenance_text(item: Mapping[str, Any]) -> str:
    """How a recorded piece of evidence relates to the claim and was read: ``independent, first-hand`` (``, model`` for a model)."""
    return f"{item['relation']}, {item['copy']}" + (", model" if item["basis"] == "model" else "")


def evidence_text(item: Mapping[str, Any], *, cite: bool = True) -> str:
    """A recorded piece of evidence as text: ``0.294 [0.154–0.709]``, with its short citation unless ``cite`` is false."""
    text = f"{_three_figures(item['value'])}{unit_suffix(item['unit'])}"
    if item["low"] != item["high"]:
        low = "−∞" if item["low"] is None else _three_figures(item["low"])
        high = "∞" if item["high"] is None else _three_figures(item["high"])
        text += f" [{low}–{high}]"
    return f"{text}: {item['citation']}" if cite else text


def verdict_table(verdicts: Sequence[Verdict]) -> pd.DataFrame:
    """One row per piece of evidence: stated value and its reading, evidence, provenance, verdict, why.

    Shown at the end of each notebook and compared by nbval, so numbers are
    rounded to three significant figures.
    """
    rows = []
    for verdict in verdicts:
        for part in verdict.parts:
            common = {
                "claim": verdict.claim,
                "part": part["part"],
                "stated": part["stated"],
                "read as": part["reading"]["interval"] + (" (override)" if part["reading"]["overridden"] else ""),
            }
            if part["verdict"] == "not checkable":
                rows.append(common | {"evidence": "—", "provenance": "—", "verdict": "not checkable", "why": "needs: " + part["needs"]})
                continue
            for item in part["evidence"]:
                decides = item["role"] == "decides"
                rows.append(
                    common
                    | {
                        "evidence": evidence_text(item),
                        "provenance": provenance_text(item),
                        "verdict": part["verdict"] if decides else f"({item['role']})",
                        "why": part["why"] if decides else item["note"],
                    }
                )
            if part["reading"]["overridden"]:
                rows[-1]["why"] += f" | reading {part['reading']['rule']}"
    return pd.DataFrame(rows).set_index(["claim", "part"])


def summarise(verdict_dir: Path, summary_file: Path | None = None) -> tuple[list[dict[str, Any]], str]:
    """Every claim with its status: the recorded verdict, or ``not assessed``.

    Returns the rows (also written to ``summary_file`` as JSON when given)
    and a text table for the terminal.
    """
    rows = []
    for entry in claims().values():
        recorded = verdict_dir / f"{entry.id}.json"
        base = {"claim": entry.id, "source": entry.source, "section": entry.section, "quote": list(entry.quotes), "notebook": entry.notebook}
        if recorded.exists():
            verdict = json.loads(recorded.read_text(encoding="utf-8"))
            rows.append(base | {"verdict": verdict["verdict"], "parts": verdict["parts"]})
        else:
            rows.append(base | {"verdict": "not assessed", "needs": entry.data_needed, "parts": []})
    if summary_file is not None:
        summary_file.parent.mkdir(parents=True, exist_ok=True)
        summary_file.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    width = max(len(r["claim"]) for r in rows)
    lines = [f"{'claim':<{width}}  {'verdict':<14} notebook"]
    for row in rows:
        lines.append(f"{row['claim']:<{width}}  {row['verdict']:<14} {row['notebook']}")
    counts = {status: sum(r["verdict"] == status for r in rows) for status in STATUSES}
    lines.append("; ".join(f"{n} {status}" for status, n in counts.items()))
    return rows, "\n".join(lines)
