"""Average growth of a series: a log-linear fit with its confidence interval.

"Growing by an average of 13 % per year" is a statement about the slope of
ln(production) against time. :func:`fit_growth` estimates it by ordinary least
squares (statsmodels), so that the rate and the doubling time come with a
confidence interval from the scatter of the years around the trend, rather
than from two end points that a single unusual year can move.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pint
import statsmodels.api as sm

from . import supply
from .claims import Evidence
from .errors import ParameterError
from .units import Q_

__all__ = ["GrowthFit", "claimed_path", "fit_growth", "fit_world_growth", "robustness"]


@dataclass(frozen=True)
class GrowthFit:
    """Annual growth rate and doubling time, each with a confidence interval."""

    start: int
    end: int
    points: int
    rate: pint.Quantity
    rate_low: pint.Quantity
    rate_high: pint.Quantity
    doubling_time: pint.Quantity
    doubling_low: pint.Quantity
    doubling_high: pint.Quantity
    confidence: float
    model: Any  # the statsmodels results, for predictions and diagnostics
    #: Source IDs of the values fitted (data/datapackage.json), for the verdict's provenance.
    sources: tuple[str, ...] = ()

    def _note(self) -> str:
        return f"OLS of ln(production), {self.start}–{self.end} ({self.points} years); {self.confidence:.0%} CI"

    def rate_evidence(self) -> Evidence:
        """The growth rate as evidence for a claim, with its confidence interval."""
        return Evidence(self.rate, sources=self.sources, low=self.rate_low, high=self.rate_high, note=self._note())

    def doubling_evidence(self) -> Evidence:
        """The doubling time as evidence for a claim, with its confidence interval."""
        return Evidence(self.doubling_time, sources=self.sources, low=self.doubling_low, high=self.doubling_high, note=self._note())

    def trend(self, years: np.ndarray, alpha: float | None = None) -> pd.DataFrame:
        """Fitted values and the confidence band of the mean, on the original scale."""
        exog = sm.add_constant(np.asarray(years, dtype=float) - self.start, has_constant="add")
        frame = self.model.get_prediction(exog).summary_frame(alpha=alpha or 1 - self.confidence)
        return pd.DataFrame(
            {name: np.exp(frame[column].to_numpy()) for name, column in (("fit", "mean"), ("low", "mean_ci_lower"), ("high", "mean_ci_upper"))},
            index=pd.Index(years, name="year"),
        )


def fit_growth(
    series: pint.Quantity | pd.Series, years, *, start: int, end: int, confidence: float = 0.95, sources: Sequence[str] = ()
) -> GrowthFit:
    """Fit ln(value) = a + b·(year − start) over ``start``–``end`` inclusive.

    Parameters
    ----------
    series
        Positive values, one per year (a Quantity array or a pint-pandas Series);
        only the ratio between years matters, so the unit drops out.
    years
        The year of each value.
    start, end
        The window. At least three years with data are needed for a
        confidence interval (one degree of freedom for the residuals).
    confidence
        Level of the intervals, in (0, 1).
    sources
        The source ID of each value (aligned with ``years``); those in the
        window are kept on the result for the verdict's provenance.

    Returns
    -------
    GrowthFit
        ``rate`` = exp(b) − 1 per year, ``doubling_time`` = ln 2 / b. The
        intervals are those of b, transformed (both maps are monotonic). When
        the interval of b reaches zero, the doubling time is unbounded.
    """
    if not 0 < confidence < 1:
        raise ParameterError("confidence", f"{confidence!r} must lie strictly between 0 and 1")
    if isinstance(series, pd.Series):
        series = series.pint.quantity
    values = np.asarray(series.magnitude, dtype=float)
    years = np.asarray(years, dtype=int)
    mask = (years >= start) & (years <= end) & np.isfinite(values)
    if mask.sum() < 3:
        raise ParameterError("start/end", f"the window {start}–{end} holds {int(mask.sum())} year(s) with data; at least 3 are needed")
    if np.any(values[mask] <= 0):
        raise ParameterError("series", "a log-linear fit needs positive values in the window")
    exog = sm.add_constant(years[mask] - start)
    model = sm.OLS(np.log(values[mask]), exog).fit()
    slope = model.params[1]
    low, high = model.conf_int(alpha=1 - confidence)[1]

    def doubling(b: float) -> pint.Quantity:
        return Q_(math.log(2) / b if b > 0 else math.inf, "a")

    return GrowthFit(
        start=start,
        end=end,
        points=int(mask.sum()),
        rate=Q_(100 * math.expm1(slope), "percent / a"),
        rate_low=Q_(100 * math.expm1(low), "percent / a"),
        rate_high=Q_(100 * math.expm1(high), "percent / a"),
        doubling_time=doubling(slope),
        doubling_low=doubling(high),
        doubling_high=doubling(low),
        confidence=confidence,
        model=model,
        sources=tuple(sorted({str(source) for source, used in zip(sources, mask) if used})),
    )


def claimed_path(start_value: pint.Quantity, stated_rate, years) -> pint.Quantity:
    """The path a stated growth rate implies from ``start_value`` in the first of ``years``.

    ``stated_rate`` is a claim part (its number as written, in %/a), so a
    figure can draw what the claim says next to what the data did.
    """
    years = np.asarray(years, dtype=float)
    rate = Q_(stated_rate.reading.stated[0], stated_rate.reading.unit).to("1/a").magnitude
    return start_value * (1 + rate) ** (years - years[0])


def fit_world_growth(world: pd.DataFrame, *, start: int, end: int, confidence: float = 0.95) -> GrowthFit:
    """:func:`fit_growth` of a :func:`reelib.supply.world_series` table, keeping the sources of the years fitted."""
    return fit_growth(world["production"], world.index, start=start, end=end, confidence=confidence, sources=list(world["source_id"]))


def robustness(
    production: pd.DataFrame,
    starts,
    end: int,
    *,
    vintage: str = "latest",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """The growth fit for every MCS edition in ``production`` and every start year.

    Each edition's window ends at ``end`` or at the last year it covers,
    whichever is earlier, so editions are compared on what each one knew.
    Returns one row per (edition, start) with the rate, its interval, and the
    doubling time, as plain numbers in %/a and years.
    """
    rows = []
    for edition in supply.editions(production):
        world = supply.world_series(supply.select_vintage(production, edition, vintage=vintage, order=supply.WORLD_ORDER))
        last = min(end, edition - 1)
        for start in starts:
            fit = fit_growth(world["production"], world.index, start=start, end=last, confidence=confidence)
            rows.append(
                {
                    "edition": edition,
                    "start": start,
                    "end": last,
                    "rate (%/a)": fit.rate.magnitude,
                    "rate low": fit.rate_low.magnitude,
                    "rate high": fit.rate_high.magnitude,
                    "doubling (a)": fit.doubling_time.magnitude,
                }
            )
    return pd.DataFrame(rows)
