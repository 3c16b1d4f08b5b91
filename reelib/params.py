"""Turn papermill's plain parameters into checked, unit-aware values.

papermill injects parameters as Python literals, so a notebook's parameters
cell holds strings such as ``"400 ppm REE"`` or ``"150 kt/a"``. Each notebook
passes them through :func:`parse_parameters` in the cell after, so that a wrong
unit or an out-of-range value stops the run at once with an error naming the
parameter, before any figure is drawn.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import pint

from .errors import ParameterError
from .units import Q_, ureg

__all__ = ["Param", "Parameters", "parse_parameters", "parse_quantity"]


def parse_quantity(
    name: str,
    value: str | pint.Quantity,
    dimension: str,
    *,
    minimum: str | pint.Quantity | None = None,
    maximum: str | pint.Quantity | None = None,
    example: str | None = None,
) -> pint.Quantity:
    """Parse one quantity parameter and check its dimension and range.

    Parameters
    ----------
    name
        The parameter's name, used in every error message.
    value
        ``"150 kt"``, ``"400 ppm REE"``, or an existing Quantity.
    dimension
        The expected pint dimensionality, e.g. ``"[mass] * [REE]"``. A bare
        number is refused even for dimensionless quantities, because "400"
        could mean ppm or percent.
    minimum, maximum
        Inclusive bounds, in any compatible unit.
    example
        A valid value to quote in the error message.
    """
    hint = f" (e.g. {example!r})" if example else ""
    if isinstance(value, pint.Quantity):
        quantity = Q_(value.magnitude, str(value.units))
    elif isinstance(value, str):
        try:
            quantity = Q_(value)
        except (pint.PintError, ValueError, SyntaxError, TypeError, AttributeError) as error:
            raise ParameterError(name, f"cannot read {value!r} as a quantity: {error}{hint}") from None
        # "5 percent" has a unit (though no dimension); a bare "5" has none.
        if not isinstance(quantity, pint.Quantity) or quantity.units == ureg.dimensionless:
            raise ParameterError(name, f"{value!r} has no unit; write the unit{hint}")
    else:
        raise ParameterError(name, f"expected a string with a unit, got {type(value).__name__} {value!r}{hint}")
    expected = ureg.get_dimensionality(dimension)
    if quantity.dimensionality != expected:
        raise ParameterError(
            name,
            f"{value!r} has dimension {quantity.dimensionality}, expected {expected}{hint}",
        )
    if minimum is not None and quantity < Q_(minimum):
        raise ParameterError(name, f"{value!r} is below the minimum {Q_(minimum):g~P}{hint}")
    if maximum is not None and quantity > Q_(maximum):
        raise ParameterError(name, f"{value!r} is above the maximum {Q_(maximum):g~P}{hint}")
    return quantity


@dataclass(frozen=True)
class Param:
    """How to check one parameter.

    Give ``dimension`` for a quantity (with optional ``minimum``/``maximum``),
    ``choices`` for a value from a fixed set (e.g. the available editions), or
    ``kind`` with optional bounds for a plain number.
    """

    value: Any
    dimension: str | None = None
    minimum: Any = None
    maximum: Any = None
    choices: Collection[Any] | None = None
    kind: type | None = None
    example: str | None = None


class Parameters(Mapping[str, Any]):
    """Checked parameter values, with the raw values kept for provenance."""

    def __init__(self, parsed: Mapping[str, Any], raw: Mapping[str, Any]):
        self._parsed, self.raw = dict(parsed), dict(raw)

    def __getitem__(self, key: str) -> Any:
        return self._parsed[key]

    def __getattr__(self, key: str) -> Any:
        try:
            return self._parsed[key]
        except KeyError:
            raise AttributeError(key) from None

    def __iter__(self):
        return iter(self._parsed)

    def __len__(self) -> int:
        return len(self._parsed)

    def __repr__(self) -> str:
        return "Parameters(" + ", ".join(f"{k}={v!r}" for k, v in self.raw.items()) + ")"


def _check_plain(name: str, spec: Param) -> Any:
    value = spec.value
    if spec.choices is not None and value not in spec.choices:
        options = ", ".join(map(repr, sorted(spec.choices)))
        raise ParameterError(name, f"{value!r} is not one of {options}")
    if spec.kind is not None:
        # bool is an int in Python; a flag where a number belongs is a mistake.
        # A whole number is a fine value for a float parameter (min_share=0 or 1).
        accepted = (int, float) if spec.kind is float else spec.kind
        if isinstance(value, bool) and spec.kind is not bool or not isinstance(value, accepted):
            raise ParameterError(name, f"expected {spec.kind.__name__}, got {type(value).__name__} {value!r}")
    if spec.minimum is not None and value < spec.minimum:
        raise ParameterError(name, f"{value!r} is below the minimum {spec.minimum!r}")
    if spec.maximum is not None and value > spec.maximum:
        raise ParameterError(name, f"{value!r} is above the maximum {spec.maximum!r}")
    return value


def parse_parameters(**specs: Param) -> Parameters:
    """Check every parameter of a notebook; fail on the first bad one.

    Examples
    --------
    >>> p = parse_parameters(
    ...     ash=Param("1 Gt/a", dimension="[mass]/[time]", minimum="0 t/a"),
    ...     seed=Param(42, kind=int, minimum=0),
    ... )
    >>> p.ash.to("Mt/a")
    <Quantity(1000.0, 'megatonne / year')>
    """
    parsed = {}
    for name, spec in specs.items():
        if spec.dimension is not None:
            parsed[name] = parse_quantity(
                name, spec.value, spec.dimension, minimum=spec.minimum, maximum=spec.maximum, example=spec.example
            )
        else:
            parsed[name] = _check_plain(name, spec)
    return Parameters(parsed, {name: spec.value for name, spec in specs.items()})
