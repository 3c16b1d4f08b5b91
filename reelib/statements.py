"""Sourced statements: rows that each state one number (or range, or bound) of one quantity.

The datasets of the later themes (``recycling``, ``urban_mine``, ``uses``,
``criticality``, ``substitution``) share one tidy schema: ``quantity``,
``subject``, ``region``, ``year``, ``low``/``central``/``high`` in the row's
``unit``, the ``basis`` (what the number is of), the ``bound`` as worded
(``=``, ``~``, ``<``, ``>`` …), and the source, copy, location and quote. This
module selects such rows and turns them into the objects the models and the
verdict rules take, so that a notebook never reshapes them itself:

* :func:`numbers`: each statement's numbers in one unit, with its source;
* :func:`spread`: the :class:`~reelib.claims.Evidence` of several statements
  (one estimate per origin, median and range);
* :func:`uncertain`: the range the statements span, as an
  :class:`~reelib.secondary.Uncertain` input of a model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pint

from .claims import Evidence
from .errors import ParameterError
from .units import Q_

if TYPE_CHECKING:
    from .secondary import Uncertain

__all__ = ["Number", "citations", "numbers", "select", "spread", "table", "uncertain", "years"]


def select(
    frame: pd.DataFrame,
    quantity: str | Sequence[str],
    *,
    subject: str | Sequence[str] | None = None,
    region: str | Sequence[str] | None = None,
    basis_contains: str | None = None,
    subject_excludes: str | None = None,
    years: tuple[int, int] | None = None,
    latest: bool = False,
) -> pd.DataFrame:
    """The statements of ``quantity`` (optionally of given subjects, regions, basis words, years).

    ``subject_excludes`` drops subjects containing a word (e.g. rates of magnets among rates of elements);
    ``latest`` keeps only the statements of the latest year among those selected (a target that was raised).
    """
    def one_of(column: str, wanted: str | Sequence[str]) -> pd.Series:
        return frame[column].isin([wanted] if isinstance(wanted, str) else list(wanted))

    mask = one_of("quantity", quantity)
    if subject is not None:
        mask &= one_of("subject", subject)
    if region is not None:
        mask &= one_of("region", region)
    if basis_contains is not None:
        mask &= frame["basis"].str.contains(basis_contains, case=False, regex=False)
    if subject_excludes is not None:
        mask &= ~frame["subject"].str.contains(subject_excludes, case=False, regex=False)
    if years is not None:
        year = frame["year"].astype("Float64")
        mask &= (year >= years[0]).fillna(False) & (year <= years[1]).fillna(False)
    chosen = frame[mask.fillna(False).astype(bool)]
    if latest and not chosen.empty:
        chosen = chosen[chosen["year"] == chosen["year"].max()]
    return chosen


@dataclass(frozen=True)
class Number:
    """One number a statement gives, in a common unit, with where it comes from."""

    value: float
    source_id: str
    bound: str
    label: str


def numbers(rows: pd.DataFrame, unit: str) -> list[Number]:
    """Every number of ``rows`` in ``unit``: a range gives both its ends, a point its value.

    A unit the statement's quantity cannot take (a mass where a share is
    expected) is an error naming the source, not a silent conversion.
    """
    found = []
    for _, row in rows.iterrows():
        row_unit = row["unit"] if pd.notna(row["unit"]) and row["unit"] else "dimensionless"
        values = [row[c] for c in ("low", "central", "high") if pd.notna(row[c])]
        if pd.notna(row["central"]) and (pd.notna(row["low"]) or pd.notna(row["high"])):
            values = [row["central"]]  # a central value with its range: the value is what is stated
        for value in values:
            try:
                converted = Q_(float(value), row_unit).to(unit or "dimensionless").magnitude
            except pint.DimensionalityError:
                raise ParameterError(row["quantity"], f"{row['source_id']} states it in {row_unit!r}, which is not convertible to {unit!r}") from None
            found.append(Number(float(converted), row["source_id"], row["bound"], f"{row['subject']}, {row['region']}"))
    return found


def spread(rows: pd.DataFrame, unit: str, *, note: str, basis: str = "data") -> Evidence:
    """Several statements as one piece of evidence (:meth:`reelib.claims.Evidence.spread`).

    A range statement enters with both its ends, so that it pulls the
    interval out as far as it reaches; statements of one origin still count once.
    """
    found = numbers(rows, unit)
    if not found:
        raise ParameterError(note, "no statement to build evidence from")
    return Evidence.spread(Q_(np.array([n.value for n in found]), unit or "dimensionless"), [n.source_id for n in found], note=note, basis=basis)  # type: ignore[arg-type]


def uncertain(rows: pd.DataFrame, unit: str, name: str, *, complement: bool = False, open_low: bool = True) -> Uncertain:
    """The range the statements span, as a model input (sampled uniformly between its ends).

    A bound such as "< 10 %" has no lower end: with ``open_low`` it reaches
    down to zero. ``complement`` turns a share into its complement (the
    share of vehicles *not* of unknown whereabouts is 1 − that share).
    """
    from .secondary import Uncertain

    found = numbers(rows, unit)
    if not found:
        raise ParameterError(name, "no sourced statement")
    values = [n.value for n in found]
    if open_low and any(n.bound in ("<", "<=") for n in found):
        values.append(0.0)
    if complement:
        whole = Q_(1, "dimensionless").to(unit or "dimensionless").magnitude
        values = [whole - v for v in values]
    low, high = min(values), max(values)
    sources = tuple(sorted({n.source_id for n in found}))
    if low == high:
        return Uncertain(name, central=Q_(low, unit or "dimensionless"), sources=sources)
    return Uncertain(name, low=Q_(low, unit or "dimensionless"), high=Q_(high, unit or "dimensionless"), sources=sources)


def citations(rows: pd.DataFrame | Iterable[str]) -> str:
    """Short citations of the statements' sources, each once, for labels."""
    from .data import citations as citation_of

    ids = rows["source_id"] if isinstance(rows, pd.DataFrame) else rows
    return "; ".join(dict.fromkeys(citation_of(sorted(set(ids)))))


def table(rows: pd.DataFrame) -> pd.DataFrame:
    """The statements as a reader wants to see them: what, the stated value with its unit, year, basis, citation, copy."""
    from .data import citations as citation_of

    def stated(row: pd.Series) -> str:
        bound = "" if row["bound"] in ("=", "") or pd.isna(row["bound"]) else f"{row['bound']} "
        unit = "" if pd.isna(row["unit"]) else f" {row['unit']}"
        if pd.notna(row["low"]) and pd.notna(row["high"]):
            return f"{bound}{row['low']:g}–{row['high']:g}{unit}"
        value = row["central"] if pd.notna(row["central"]) else row["low"] if pd.notna(row["low"]) else row["high"]
        return f"{bound}{value:g}{unit}"

    return pd.DataFrame({
        "subject": rows["subject"],
        "stated": [stated(row) for _, row in rows.iterrows()],
        "year": [("" if pd.isna(y) else f"{int(y)}") for y in rows["year"]],
        "basis": rows["basis"],
        "source": citation_of(rows["source_id"]),
        "copy": rows["copy"],
    }).reset_index(drop=True)


def years(rows: pd.DataFrame) -> str:
    """The distinct years the statements are dated, in order, as ``"2011, 2014, 2020"`` (undated ones left out)."""
    return ", ".join(str(int(year)) for year in sorted(set(rows["year"].dropna())))
