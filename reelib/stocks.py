"""Dynamic stocks of products in use: inflow-driven cohorts with lifetimes, through flodym.

What is bought in a year (a cohort) stays in use until its products reach
the end of their life; the stock in use and the end-of-life outflow follow
from the inflows and a lifetime distribution. The cohort arithmetic and the
lifetime distributions are flodym's (``flodym.InflowDrivenDSM`` and its
lifetime models, the maintained successor of ODYM); this module wraps them
so that inflows go in, and stocks and outflows come out, as Quantities.

**Scenarios are one call.** A sweep over thousands of scenarios (demand
growth, lifetime, collection) would hold a years × cohorts array per
scenario in flodym's stock model (about 1 GB for 10,000 scenarios of 51
years and 5 products). The model is linear in its inflow, so the cohort
kernels flodym computes for each distinct lifetime (its ``pdf`` and ``sf``
arrays) are applied to every scenario at once, grouped by lifetime: the
equation flodym's ``InflowDrivenDSM`` evaluates, vectorised over the scenario
dimension. A test checks that both give the same stock and outflow.

Lifetimes: the sources give service lives as values or ranges, not as
distributions (no Weibull or normal parameters per product were found; the
one fitted Weibull in ``data/urban_mine.csv`` is of Danish blades, not of
magnets), so each scenario gives each product one fixed lifetime
(``flodym.FixedLifetime``) in whole years, and the spread of the scenarios
carries what the sources span. Where a source states a distribution, flodym's
``WeibullLifetime`` or ``NormalLifetime`` give the kernels in the same shape.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pint

from .errors import ParameterError
from .units import Q_

__all__ = ["StockResult", "lifetime_kernels", "run_stock_model"]

#: Longest lifetime the model accepts (years): beyond the span of any sourced product life.
MAX_LIFETIME = 100


@dataclass(frozen=True)
class StockResult:
    """Stock in use and end-of-life outflow by year, product and scenario."""

    years: np.ndarray
    products: tuple[str, ...]
    #: Mass in use at the end of each year: (years, products, scenarios).
    stock: pint.Quantity
    #: Mass reaching the end of its life in each year: (years, products, scenarios).
    outflow: pint.Quantity
    #: What went in: (years, products, scenarios).
    inflow: pint.Quantity

    def balance(self) -> pint.Quantity:
        """Inflow minus outflow, less the change of stock, each year: zero when mass is conserved."""
        one_year = Q_(1, "a")
        stock = self.stock.to(self.inflow.units * one_year.units).magnitude
        change = np.diff(stock, axis=0, prepend=np.zeros_like(stock[:1]))
        return (self.inflow - self.outflow) * one_year - Q_(change, self.stock.units)


def lifetime_kernels(years: Sequence[int] | np.ndarray, lifetimes: Sequence[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """flodym's cohort kernels for fixed lifetimes: ``pdf`` and ``sf``, shape (years, cohorts, lifetimes).

    ``pdf[t, c, k]`` is the share of cohort ``c`` leaving use in year ``t``
    and ``sf[t, c, k]`` the share still in use, for lifetime ``lifetimes[k]``.
    """
    import flodym as fd

    lifetimes = [int(v) for v in lifetimes]
    dims = fd.DimensionSet(
        dim_list=[
            fd.Dimension(name="time", letter="t", items=[int(y) for y in years]),
            fd.Dimension(name="lifetime", letter="l", items=lifetimes),
        ]
    )
    model = fd.FixedLifetime(dims=dims, time_letter="t")
    model.mean = fd.FlodymArray(dims=dims[("l",)], values=np.asarray(lifetimes, dtype=float))
    return np.asarray(model.pdf), np.asarray(model.sf)


def run_stock_model(years: Sequence[int] | np.ndarray, products: Sequence[str], inflow: pint.Quantity, lifetime: np.ndarray) -> StockResult:
    """Stock and outflow of every product in every scenario.

    Parameters
    ----------
    years
        Consecutive years; the first holds the first cohort (nothing in use before it).
    products
        Names of the products, the second axis of ``inflow``.
    inflow
        A mass flow (e.g. ``t/a``) of shape (years, products) or (years, products, scenarios).
    lifetime
        Whole years of service, shape (products,) or (products, scenarios).

    Raises
    ------
    ParameterError
        Wrong dimension or shape, a negative inflow, a lifetime outside 1–100 years.
    """
    years = np.asarray(list(years), dtype=int)
    if len(years) < 2 or np.any(np.diff(years) != 1):
        raise ParameterError("years", "must be at least two consecutive years")
    if not isinstance(inflow, pint.Quantity) or not inflow.check("[mass]/[time]"):
        raise ParameterError("inflow", f"must be a mass flow such as 't/a', got {inflow!r:.60}")
    flows = np.asarray(inflow.magnitude, dtype=float)
    if flows.ndim == 2:
        flows = flows[:, :, None]
    if flows.shape[:2] != (len(years), len(products)):
        raise ParameterError("inflow", f"shape {flows.shape} does not match {len(years)} years × {len(products)} products")
    if np.any(~np.isfinite(flows)) or np.any(flows < 0):
        raise ParameterError("inflow", "must be finite and non-negative")
    lifetime = np.asarray(lifetime)
    if lifetime.ndim == 1:
        lifetime = np.repeat(lifetime[:, None], flows.shape[2], axis=1)
    if lifetime.shape != (len(products), flows.shape[2]):
        raise ParameterError("lifetime", f"shape {lifetime.shape} does not match {len(products)} products × {flows.shape[2]} scenarios")
    if np.any(lifetime != np.round(lifetime)) or np.any(lifetime < 1) or np.any(lifetime > MAX_LIFETIME):
        bad = lifetime[(lifetime != np.round(lifetime)) | (lifetime < 1) | (lifetime > MAX_LIFETIME)].flat[0]
        raise ParameterError("lifetime", f"{bad!r} is not a whole number of years in 1–{MAX_LIFETIME}")
    distinct = np.unique(lifetime).astype(int)
    pdf, sf = lifetime_kernels(years, distinct)
    outflow, stock = np.zeros_like(flows), np.zeros_like(flows)
    for product in range(len(products)):
        for k, value in enumerate(distinct):
            chosen = lifetime[product] == value
            if chosen.any():
                # flodym's InflowDrivenDSM: stock_t = Σ_c inflow_c · sf[t, c]; outflow_t = Σ_c inflow_c · pdf[t, c].
                outflow[:, product, chosen] = pdf[:, :, k] @ flows[:, product, chosen]
                stock[:, product, chosen] = sf[:, :, k] @ flows[:, product, chosen]
    unit = inflow.units
    in_use = (Q_(stock, unit) * Q_(1, "a")).to_reduced_units()  # a year's inflow, kept: a mass
    return StockResult(years, tuple(products), in_use, Q_(outflow, unit), Q_(flows, unit))


def elements(mass: pint.Quantity, composition: Mapping[str, float]) -> dict[str, pint.Quantity]:
    """Element masses in a magnet mass, from mass fractions of the elements (``{"Nd": 0.27, …}``)."""
    out = {}
    for element, fraction in composition.items():
        if not 0 <= fraction <= 1:
            raise ParameterError("composition", f"{element}: {fraction!r} is not a mass fraction in [0, 1]")
        out[element] = (mass * fraction).to(mass.units * Q_(1, element).units)
    return out
