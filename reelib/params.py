"""Notebook parameters: declared once, checked before any work, one message per mistake.

papermill injects parameters as Python literals, so a notebook's parameters
cell holds numbers and strings such as ``"400 ppm REE"`` or ``"150 kt/a"``.
What each parameter may be is declared once, in :mod:`reelib.catalog`, as a
:class:`Param`: its kind, its unit's dimension, and a *plausible* range. The
runner checks a run's parameters against that declaration before it starts a
kernel, and the notebook checks them again in its first code cell (a plain
papermill or JupyterLab run has no runner in front of it).

The checks refuse, rather than repair: a string where a number belongs, an
empty string, NaN or infinity, a bool for a number, a value outside its
plausible range, a window that runs backwards or is too short, and characters
that look like ASCII but are not (a Unicode minus "−" in "−5 kt" would
otherwise be dropped or misread). Every error is a
:class:`~reelib.errors.ParameterError` naming the parameter.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pint

from .errors import ParameterError
from .units import Q_, ureg

__all__ = [
    "Param",
    "Parameters",
    "Window",
    "check_parameters",
    "choice",
    "integer",
    "number",
    "parse_quantity",
    "quantity",
    "uncertain",
]

#: Characters that look like ASCII syntax in a number or unit but are not.
_LOOKALIKES = frozenset("\u2212\u2010\u2011\u2012\u2013\u2014\u2015\ufe58\ufe63\uff0d\u00a0\u2007\u2009\u202f\u200b\u066b\u066c\u2024\uff0e\uff0c")


def _refuse_lookalikes(name: str, text: str) -> None:
    for position, character in enumerate(text):
        odd_digit = character.isdigit() and not character.isascii()
        if character in _LOOKALIKES or odd_digit:
            what = unicodedata.name(character, "an unnamed character")
            raise ParameterError(
                name,
                f"{text!r} contains U+{ord(character):04X} {what} at position {position}, which looks like an ASCII "
                "character but is not; retype it with the plain keyboard character ('-', ' ', '.', '0'–'9')",
            )


def parse_quantity(
    name: str,
    value: str | pint.Quantity,
    dimension: str,
    *,
    minimum: str | pint.Quantity | None = None,
    maximum: str | pint.Quantity | None = None,
    example: str | None = None,
) -> pint.Quantity:
    """Parse one quantity and check its dimension, finiteness and range.

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
        if not value.strip():
            raise ParameterError(name, f"is empty; write a value with its unit{hint}")
        _refuse_lookalikes(name, value)
        try:
            quantity = Q_(value)
        except (pint.PintError, ValueError, SyntaxError, TypeError, AttributeError, KeyError, ZeroDivisionError) as error:
            raise ParameterError(name, f"cannot read {value!r} as a quantity: {error}{hint}") from None
        # "5 percent" has a unit (though no dimension); a bare "5" has none.
        if not isinstance(quantity, pint.Quantity) or quantity.units == ureg.dimensionless:
            raise ParameterError(name, f"{value!r} has no unit; write the unit{hint}")
    else:
        raise ParameterError(name, f"expected a string with a unit, got {type(value).__name__} {value!r}{hint}")
    if not isinstance(quantity.magnitude, (int, float)) or not math.isfinite(quantity.magnitude):
        raise ParameterError(name, f"{value!r} is not a finite number{hint}")
    expected = ureg.get_dimensionality(dimension)
    if quantity.dimensionality != expected:
        raise ParameterError(name, f"{value!r} has dimension {quantity.dimensionality}, expected {expected}{hint}")
    if minimum is not None and quantity < Q_(minimum):
        raise ParameterError(name, f"{value!r} is below the minimum {Q_(minimum):g~P}{hint}")
    if maximum is not None and quantity > Q_(maximum):
        raise ParameterError(name, f"{value!r} is above the maximum {Q_(maximum):g~P}{hint}")
    return quantity


Kind = Literal["integer", "number", "choice", "quantity", "uncertain"]


@dataclass(frozen=True)
class Param:
    """What one notebook parameter may be. Build it with :func:`integer`, :func:`number`,
    :func:`choice`, :func:`quantity` or :func:`uncertain`."""

    kind: Kind
    doc: str
    minimum: Any = None
    maximum: Any = None
    #: For a choice: the allowed values, or a function giving them (e.g. the editions in data/).
    choices: Collection[Any] | Callable[[], Collection[Any]] | None = None
    dimension: str | None = None
    example: str | None = None
    #: Words accepted as they are in place of a value (``"sources"``: use the sourced range).
    keywords: tuple[str, ...] = ()

    def allowed(self) -> list[Any]:
        choices = self.choices() if callable(self.choices) else self.choices
        return list(choices or ())

    def describe(self) -> str:
        """Type and allowed values in words, for ``reelib run --help``."""
        if self.kind == "choice":
            return "one of " + ", ".join(map(repr, self.allowed()))
        if self.kind in ("integer", "number"):
            return f"{'whole number' if self.kind == 'integer' else 'number'} in {self.minimum}–{self.maximum}"
        words = " or ".join(repr(k) for k in self.keywords)
        ranged = ", or a range 'low..high unit'" if self.kind == "uncertain" else ""
        return f"quantity {self.dimension} in {self.minimum} – {self.maximum}{ranged}" + (f", or {words}" if words else "")

    def check(self, name: str, value: Any) -> Any:
        """The parsed value, or a ParameterError naming ``name``."""
        if self.kind == "choice":
            allowed = self.allowed()
            if isinstance(value, bool) or value not in allowed:
                raise ParameterError(name, f"{value!r} is not one of {', '.join(map(repr, allowed))}")
            return value
        if self.kind in ("integer", "number"):
            return self._check_number(name, value)
        if isinstance(value, str) and value in self.keywords:
            return value
        if self.kind == "quantity":
            return parse_quantity(name, value, str(self.dimension), minimum=self.minimum, maximum=self.maximum, example=self.example)
        from .secondary import parse_uncertain

        return parse_uncertain(name, value, str(self.dimension), minimum=self.minimum, maximum=self.maximum, example=self.example)

    def _check_number(self, name: str, value: Any) -> int | float:
        whole = self.kind == "integer"
        expected = "a whole number" if whole else "a number"
        # bool is an int in Python; a flag where a number belongs is a mistake.
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            if isinstance(value, str):
                _refuse_lookalikes(name, value)
            raise ParameterError(name, f"expected {expected}, got {type(value).__name__} {value!r}")
        if not math.isfinite(value):
            raise ParameterError(name, f"{value!r} is not a finite number")
        if whole and not isinstance(value, int):
            raise ParameterError(name, f"expected {expected}, got {value!r}")
        if self.minimum is not None and value < self.minimum:
            raise ParameterError(name, f"{value!r} is below the minimum {self.minimum!r}")
        if self.maximum is not None and value > self.maximum:
            raise ParameterError(name, f"{value!r} is above the maximum {self.maximum!r}")
        return value


def integer(doc: str, minimum: int, maximum: int) -> Param:
    """A whole number within a plausible range."""
    return Param("integer", doc, minimum=minimum, maximum=maximum)


def number(doc: str, minimum: float, maximum: float) -> Param:
    """A real number within a plausible range (whole numbers accepted)."""
    return Param("number", doc, minimum=minimum, maximum=maximum)


def choice(doc: str, choices: Collection[Any] | Callable[[], Collection[Any]]) -> Param:
    """One value of a fixed set, or of a set read from the data when checked."""
    return Param("choice", doc, choices=choices)


def quantity(doc: str, dimension: str, minimum: str, maximum: str, example: str, keywords: tuple[str, ...] = ()) -> Param:
    """A quantity written with its unit (``"150 kt/a"``), in a plausible range."""
    return Param("quantity", doc, minimum=minimum, maximum=maximum, dimension=dimension, example=example, keywords=keywords)


def uncertain(doc: str, dimension: str, minimum: str, maximum: str, example: str, keywords: tuple[str, ...] = ()) -> Param:
    """A value or range with its unit (``"264..500 ppm REE"``), read by :func:`reelib.secondary.parse_uncertain`."""
    return Param("uncertain", doc, minimum=minimum, maximum=maximum, dimension=dimension, example=example, keywords=keywords)


@dataclass(frozen=True)
class Window:
    """Two parameters that bound a period: ``start`` ≤ ``end``, at least ``minimum`` years long."""

    start: str
    end: str
    minimum: int = 1


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

    def __iter__(self) -> Iterator[str]:
        return iter(self._parsed)

    def __len__(self) -> int:
        return len(self._parsed)

    def __repr__(self) -> str:
        return "Parameters(" + ", ".join(f"{k}={v!r}" for k, v in self.raw.items()) + ")"


def check_parameters(
    specs: Mapping[str, Param], values: Mapping[str, Any], *, windows: Sequence[Window] = (), owner: str = "the notebook"
) -> Parameters:
    """Check every value against its declaration; fail on the first bad one.

    Names not declared, and declared names not given, are errors too: a
    misspelt parameter would otherwise run the notebook with its default.
    """
    unknown = sorted(set(values) - set(specs))
    if unknown:
        raise ParameterError(unknown[0], f"{owner} has no such parameter; its parameters are {', '.join(specs)}")
    missing = [name for name in specs if name not in values]
    if missing:
        raise ParameterError(missing[0], f"no value given ({owner} declares it)")
    parsed = {name: spec.check(name, values[name]) for name, spec in specs.items()}
    for window in windows:
        start, end = parsed[window.start], parsed[window.end]
        if end < start:
            raise ParameterError(window.end, f"{end!r} is before {window.start} {start!r}: the window runs backwards")
        if end - start + 1 < window.minimum:
            raise ParameterError(
                window.end, f"the window {window.start}={start!r} to {window.end}={end!r} has {end - start + 1} years; it needs at least {window.minimum}"
            )
    return Parameters(parsed, {name: values[name] for name in specs})
