"""The project's one unit registry, and the chemistry of oxide versus element mass.

Every quantity in reelib is a Quantity of :data:`ureg`. The registry is pint's
default set plus ``units.txt`` (tonne multiples, mass fractions, and a
dimension for every rare-earth species). It is installed as pint's application
registry, so pint-pandas columns and unpickled quantities share it.

Rare-earth statistics mix bases: USGS reports mine production in tonnes of
rare-earth oxide (REO), geochemistry reports element concentrations (ppm REE),
and a magnet contains elements. A mass in reelib therefore always names what it
is a mass of ("t REO", "kg Nd2O3", "kg Nd"), and changing basis needs the
stoichiometry held in the ``"reo"`` context::

    >>> Q_("1 kg Nd2O3").to("kg Nd", "reo")
    <Quantity(0.857..., 'kilogram * Nd')>

The factors are computed from standard atomic weights, not typed in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pint
import pint_pandas

from .errors import ParameterError, ReelibError

__all__ = [
    "ELEMENTS",
    "Q_",
    "RareEarth",
    "convert_any_mix",
    "element_fraction",
    "reo_to_ree",
    "unit_suffix",
    "ureg",
]

#: Standard atomic weights (g/mol), CIAAW/IUPAC abridged values to five
#: significant figures, https://www.ciaaw.org/atomic-weights.htm (table of
#: 2021, unchanged for these elements in 2024). Promethium has no stable
#: isotope and so no standard atomic weight; by convention the mass number of
#: its longest-lived isotope, 145, is used.
ATOMIC_WEIGHTS: Mapping[str, float] = {
    "O": 15.999,
    "Y": 88.906,
    "La": 138.91,
    "Ce": 140.12,
    "Pr": 140.91,
    "Nd": 144.24,
    "Pm": 145.0,
    "Sm": 150.36,
    "Eu": 151.96,
    "Gd": 157.25,
    "Tb": 158.93,
    "Dy": 162.50,
    "Ho": 164.93,
    "Er": 167.26,
    "Tm": 168.93,
    "Yb": 173.05,
    "Lu": 174.97,
}


@dataclass(frozen=True)
class RareEarth:
    """One rare-earth element and the oxide its mass is reported as.

    The reporting oxide is the one used in assays and trade statistics: the
    sesquioxide R2O3 for most, CeO2, Pr6O11 and Tb4O7 for the three that are
    stable in a higher oxidation state in air.
    """

    symbol: str
    name: str
    oxide: str
    metal_atoms: int
    oxygen_atoms: int

    @property
    def element_per_oxide(self) -> float:
        """Mass of element in a unit mass of its oxide (dimensionless)."""
        metal = self.metal_atoms * ATOMIC_WEIGHTS[self.symbol]
        return metal / (metal + self.oxygen_atoms * ATOMIC_WEIGHTS["O"])


def _rare_earth(symbol: str, name: str, oxide: str) -> RareEarth:
    match = re.fullmatch(rf"{symbol}(\d*)O(\d+)", oxide)
    if match is None:
        raise ReelibError(f"oxide formula {oxide!r} does not match element {symbol}")
    return RareEarth(symbol, name, oxide, int(match[1] or 1), int(match[2]))


#: The 16 rare earths of the CNRS assessment: 15 lanthanides and yttrium
#: (scandium is excluded there, and so here), in atomic-number order.
ELEMENTS: Mapping[str, RareEarth] = {
    ree.symbol: ree
    for ree in (
        _rare_earth("Y", "yttrium", "Y2O3"),
        _rare_earth("La", "lanthanum", "La2O3"),
        _rare_earth("Ce", "cerium", "CeO2"),
        _rare_earth("Pr", "praseodymium", "Pr6O11"),
        _rare_earth("Nd", "neodymium", "Nd2O3"),
        _rare_earth("Pm", "promethium", "Pm2O3"),
        _rare_earth("Sm", "samarium", "Sm2O3"),
        _rare_earth("Eu", "europium", "Eu2O3"),
        _rare_earth("Gd", "gadolinium", "Gd2O3"),
        _rare_earth("Tb", "terbium", "Tb4O7"),
        _rare_earth("Dy", "dysprosium", "Dy2O3"),
        _rare_earth("Ho", "holmium", "Ho2O3"),
        _rare_earth("Er", "erbium", "Er2O3"),
        _rare_earth("Tm", "thulium", "Tm2O3"),
        _rare_earth("Yb", "ytterbium", "Yb2O3"),
        _rare_earth("Lu", "lutetium", "Lu2O3"),
    )
}

# Forms in which a species dimension appears: a mass, a mass flow, and a mass
# fraction (ppm Nd2O3). pint matches context transformations on the exact
# dimensionality, so each form is registered.
_CARRIERS = ("[mass]", "[mass] / [time]", "")


def _species(dimension: str, carrier: str) -> str:
    return f"{carrier} * [{dimension}]" if carrier else f"[{dimension}]"


_SPECIES = frozenset({"REO", "REE"} | set(ELEMENTS) | {ree.oxide for ree in ELEMENTS.values()})


def _species_last(items, registry):
    return sorted(items, key=lambda item: item[0] in _SPECIES)


def _build_registry() -> pint.UnitRegistry:
    # "ignore": units.txt deliberately redefines kt (knot -> kilotonne), and the
    # element symbols Pm, Gd, Tb, Tm and Yb shadow prefixed units (petametre,
    # gigaday, terabarn, terametre, yottabarn) that never occur in this domain.
    registry: pint.UnitRegistry = pint.UnitRegistry(on_redefinition="ignore", autoconvert_offset_to_baseunit=True)
    registry.load_definitions(str(Path(__file__).with_name("units.txt")))
    for ree in ELEMENTS.values():
        registry.define(f"{ree.symbol} = [{ree.symbol}]")
        registry.define(f"{ree.oxide} = [{ree.oxide}]")
    registry.formatter.default_format = "~P"
    # Mass before species ("t REO", not pint's alphabetical "REO·t"), with
    # any other units in the order written.
    registry.formatter.default_sort_func = _species_last
    registry.add_context(_oxide_context(registry))
    return registry


def _oxide_context(registry: pint.UnitRegistry) -> Any:  # a pint.Context (pint's stubs do not let it be a type)
    context = pint.Context("reo", defaults={"ree_per_reo": None})

    def scale(factor: float, source: str, target: str):
        def transform(reg, value, **_):
            return value * factor * reg(target) / reg(source)

        return transform

    def total(ureg, value, **options):
        ree_per_reo = options.get("ree_per_reo")
        if ree_per_reo is None:
            raise pint.DimensionalityError(
                value.units,
                "REE",
                extra_msg=(
                    ": total REO to total REE depends on the mix of oxides; use "
                    "reelib.reo_to_ree(quantity, composition) or pass ree_per_reo="
                ),
            )
        return value * ree_per_reo * ureg("REE") / ureg("REO")

    def total_inverse(ureg, value, **options):
        ree_per_reo = options.get("ree_per_reo")
        if ree_per_reo is None:
            raise pint.DimensionalityError(
                value.units, "REO", extra_msg=": pass ree_per_reo= (see reelib.reo_to_ree)"
            )
        return value / ree_per_reo * ureg("REO") / ureg("REE")

    for carrier in _CARRIERS:
        for ree in ELEMENTS.values():
            factor = ree.element_per_oxide
            oxide, element = _species(ree.oxide, carrier), _species(ree.symbol, carrier)
            context.add_transformation(oxide, element, scale(factor, ree.oxide, ree.symbol))
            context.add_transformation(element, oxide, scale(1 / factor, ree.symbol, ree.oxide))
        context.add_transformation(_species("REO", carrier), _species("REE", carrier), total)
        context.add_transformation(
            _species("REE", carrier), _species("REO", carrier), total_inverse
        )
    return context


def element_fraction(composition: Mapping[str, float]) -> float:
    """Mass of element per unit mass of a mix of rare-earth oxides.

    Parameters
    ----------
    composition
        Mass fraction of each reporting oxide in the total REO, keyed by oxide
        formula (``"Nd2O3"``) or element symbol (``"Nd"``). Fractions must be
        non-negative and sum to 1 (within 1e-6), because a factor for an
        incomplete mix would silently understate the element mass.

    Returns
    -------
    float
        Between about 0.79 (Y-rich mixes) and 0.88 (heavy-lanthanide mixes).
    """
    by_symbol = {ree.oxide: ree for ree in ELEMENTS.values()} | dict(ELEMENTS)
    unknown = sorted(set(composition) - set(by_symbol))
    if unknown:
        raise ParameterError(
            "composition",
            f"names unknown species {unknown}; use oxide formulas "
            f"({', '.join(r.oxide for r in ELEMENTS.values())}) or element symbols"
        )
    if any(fraction < 0 for fraction in composition.values()):
        raise ParameterError("composition", "fractions must be non-negative")
    total = sum(composition.values())
    if abs(total - 1) > 1e-6:
        raise ParameterError("composition", f"fractions sum to {total:.6g}, not 1")
    return sum(by_symbol[key].element_per_oxide * frac for key, frac in composition.items())


def reo_to_ree(quantity: pint.Quantity, composition: Mapping[str, float]) -> pint.Quantity:
    """Convert a total rare-earth-oxide quantity to total element, for a stated mix.

    ``quantity`` must carry the REO dimension ("t REO", "ppm REO",
    "kt REO / a"); the result carries REE in the same magnitude units.
    """
    factor = element_fraction(composition)
    target = quantity.units * ureg.REE / ureg.REO
    return quantity.to(target, "reo", ree_per_reo=factor)


ureg: pint.UnitRegistry = _build_registry()
Q_ = ureg.Quantity
pint.set_application_registry(ureg)
pint_pandas.PintType.ureg = ureg


def unit_suffix(unit: str | None) -> str:
    """``" kt·REO"`` for ``"kt REO"``: a unit as printed after a number, or nothing for a dimensionless one."""
    return f" {ureg.Unit(unit):~P}" if unit else ""


def convert_any_mix(quantity: pint.Quantity, to: str) -> tuple[pint.Quantity, pint.Quantity]:
    """Convert between total REO and total REE when the mix is unknown: (low, high).

    The element fraction of a rare-earth oxide mix lies between that of its
    most oxygen-rich and its least oxygen-rich oxide, whatever the mix, so an
    unknown composition gives an interval rather than a guess. ``to`` is the
    target unit, e.g. ``"kt REE"`` for a quantity in ``"kt REO"``.
    """
    factors = [ree.element_per_oxide for ree in ELEMENTS.values()]
    target = ureg.Unit(to)

    def carries(dimensionality, species: str) -> bool:
        return dimensionality.get(f"[{species}]", 0) == 1

    source_dims, target_dims = quantity.dimensionality, Q_(1, target).dimensionality
    if carries(source_dims, "REO") and carries(target_dims, "REE"):
        ends = [quantity.to(target, "reo", ree_per_reo=f) for f in (min(factors), max(factors))]
    elif carries(source_dims, "REE") and carries(target_dims, "REO"):
        ends = [quantity.to(target, "reo", ree_per_reo=f) for f in (max(factors), min(factors))]
    else:
        raise pint.DimensionalityError(quantity.units, target, extra_msg=": convert_any_mix goes between REO and REE")
    return ends[0], ends[1]
