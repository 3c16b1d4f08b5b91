"""How a stated value is read: one tolerance policy for every claim.

A claim's number comes with no error bar; how it is written is the only
evidence of how precise it means to be. "70 %" and "11 %" from the same
sentence must be read by the same rule, or the verdict depends on who wrote
the registry entry. This module holds that rule, once:

* **A number stands for the interval it rounds from**: plus or minus half a
  unit of its last significant digit. Trailing zeros of a whole number are not
  significant, the usual convention (``390`` → 385–395, ``70`` → 65–75,
  ``11`` → 10.5–11.5, ``34.79`` → 34.785–34.795). A range ("9–11",
  "between 2 and 12", "100 to 1,000") reads each end so.
* **Words** are read by the table in ``data/claims.yaml`` (``readings:``):
  qualifiers that widen or bound a number ("around", "over", "nearly",
  "up to") and whole phrases ("same order of magnitude", "twice",
  "several", "insufficient"). A bound is read exactly: the words already say
  which side the value lies on, so rounding does not move it.
* **A fraction in words** ("one-third", "half") stands for the values nearer
  to it than to any other fraction people say in words (denominators up to
  5): one-third reads as 29.2–36.7 %.

A claim may replace the reading only with an override whose reason the
verdict table prints (``reelib.registry``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from .errors import ClaimError

__all__ = ["Reading", "fraction_interval", "read_stated", "rounding_unit"]

Kind = Literal["value", "range", "at_most", "at_least"]

_NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
#: Fractions said in words: the policy's neighbours are those with denominators up to this.
_WORD_FRACTION_DENOMINATOR = 5


#: A number of a reading: a Fraction where the digits are exact (34.785 stays 34.785), a float for an open side.
Number = float | Fraction


@dataclass(frozen=True)
class Reading:
    """A stated value as an interval, with the rule that made it.

    ``low``/``high`` are in the unit written after the number (``unit``),
    infinite on the open side of a bound.
    """

    written: str
    kind: Kind
    low: Number
    high: Number
    unit: str
    rule: str
    #: The number(s) as written, for display ("390", "9–11", "≥ 3").
    stated: tuple[Number, ...]

def rounding_unit(numeral: str) -> float:
    """The place of the last significant digit of a numeral as written.

    >>> rounding_unit("390"), rounding_unit("34.79"), rounding_unit("1,000"), rounding_unit("0.01")
    (10.0, 0.01, 1000.0, 0.01)
    """
    digits = numeral.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1])
    stripped = digits.rstrip("0")
    # "0" alone: a whole-number zero is exact to one unit.
    return 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0


def fraction_interval(fraction: Fraction) -> tuple[float, float]:
    """Values nearer ``fraction`` than any other fraction with a denominator up to 5.

    >>> [round(v, 4) for v in fraction_interval(Fraction(1, 3))]
    [0.2917, 0.3667]
    """
    said = sorted({Fraction(p, q) for q in range(1, _WORD_FRACTION_DENOMINATOR + 1) for p in range(0, q + 1)})
    if fraction not in said:
        raise ClaimError(f"{fraction} is not a fraction said in words (denominator up to {_WORD_FRACTION_DENOMINATOR})")
    index = said.index(fraction)
    low = (said[index - 1] + fraction) / 2 if index > 0 else fraction
    high = (said[index + 1] + fraction) / 2 if index + 1 < len(said) else fraction
    return float(low), float(high)


def _number(text: str, words: Mapping[str, Any]) -> tuple[Number, Number, str] | None:
    """``(value, rounding unit, rest of text)`` for a leading numeral or number word."""
    match = re.match(rf"({_NUMERAL})(?:\s+({'|'.join(_SCALES)}))?\b\s*", text)
    if match:
        scale = _SCALES.get(match[2] or "", 1.0)
        return float(match[1].replace(",", "")) * scale, rounding_unit(match[1]) * scale, text[match.end():]
    for word, value in sorted(words.items(), key=lambda item: -len(item[0])):
        if re.match(rf"{re.escape(word)}\b", text, re.IGNORECASE):
            return float(value), rounding_unit(f"{value:g}"), text[len(word):].strip()
    return None


def read_stated(written: str, readings: Mapping[str, Any]) -> Reading:
    """Read a stated value as written (``"390 kt REO"``, ``"around ten"``, ``"insufficient"``).

    Parameters
    ----------
    written
        The number with its words and unit, normalised from the quote: the
        words as the text has them, the number with its digits as printed,
        then the unit in pint's notation.
    readings
        The ``readings`` table of ``data/claims.yaml``: ``qualifiers``,
        ``number_words``, ``fractions`` and ``phrases``.

    Returns
    -------
    Reading
        The interval and the rule, quoted from the table, that produced it.

    Raises
    ------
    ClaimError
        The text has a word the table does not know, or no number.
    """
    text = " ".join(written.strip().split())
    lowered = text.lower()
    for phrase, spec in sorted(readings["phrases"].items(), key=lambda item: -len(item[0])):
        if lowered == phrase or lowered.startswith(phrase + " "):
            unit = text[len(phrase):].strip()
            if "fraction" in spec:
                fraction = Fraction(spec["fraction"])
                low, high = fraction_interval(fraction)
                return Reading(written, "value", low, high, _unit(unit), spec["why"], (float(fraction),))
            return _phrase_reading(written, spec, _unit(unit))
    qualifier, rest = None, text
    for word in sorted(readings["qualifiers"], key=len, reverse=True):
        if lowered.startswith(word + " "):
            qualifier, rest = word, text[len(word):].strip()
            break
    rest = re.sub(r"^between\s+", "", rest)
    first = _number(rest, readings["number_words"])
    if first is None:
        raise ClaimError(f"cannot read {written!r}: no number, and no phrase of the readings table")
    value, unit_step, rest = first
    second = None
    range_match = re.match(r"(?:–|-|(?:to|and)\b)\s*", rest)
    if range_match:
        second = _number(rest[range_match.end():], readings["number_words"])
        if second is None:
            raise ClaimError(f"cannot read {written!r}: a range needs a number after {range_match[0].strip()!r}")
        rest = second[2]
    unit = _unit(rest)
    digits_rule = readings["numbers"]
    if second is not None:
        if qualifier is not None:
            raise ClaimError(f"cannot read {written!r}: a qualifier before a range is not in the readings table")
        return Reading(written, "range", value - unit_step / 2, second[0] + second[1] / 2, unit, digits_rule, (value, second[0]))
    if qualifier is None:
        return Reading(written, "value", value - unit_step / 2, value + unit_step / 2, unit, digits_rule, (value,))
    spec = readings["qualifiers"][qualifier]
    reading = spec["reading"]
    if reading == "at_least":
        return Reading(written, "at_least", value, math.inf, unit, spec["why"], (value,))
    if reading == "at_most":
        return Reading(written, "at_most", -math.inf, value, unit, spec["why"], (value,))
    if reading == "widen":
        width = float(spec["relative"]) * value
        return Reading(written, "value", value - width, value + width, unit, spec["why"], (value,))
    if reading == "just_below":
        return Reading(written, "value", value - unit_step / 2, value, unit, spec["why"], (value,))
    raise ClaimError(f"readings table: qualifier {qualifier!r} has an unknown reading {reading!r}")


def _unit(rest: str) -> str:
    rest = rest.strip()
    return "percent" if rest in ("%", "percent") else rest.replace("%", "percent")


def _phrase_reading(written: str, spec: Mapping[str, Any], unit: str) -> Reading:
    why = spec["why"]
    # A phrase may carry its unit ("several decades": at least 30 a).
    unit = spec.get("unit", unit)
    if "at_least" in spec:
        return Reading(written, "at_least", float(spec["at_least"]), math.inf, unit, why, (float(spec["at_least"]),))
    if "at_most" in spec:
        return Reading(written, "at_most", -math.inf, float(spec["at_most"]), unit, why, (float(spec["at_most"]),))
    value = float(spec["value"])
    if "factor" in spec:
        factor = float(spec["factor"])
        return Reading(written, "value", value / factor, value * factor, unit, why, (value,))
    step = rounding_unit(f"{value:g}")
    return Reading(written, "value", value - step / 2, value + step / 2, unit, why, (value,))


def override_reading(written: str, override: Mapping[str, Any], unit: str) -> Reading:
    """A reading replaced by a claim's ``override`` (value, range, at_least or at_most, with ``why``)."""
    why = "override: " + override["why"]
    if "range" in override:
        low, high = (float(v) for v in override["range"])
        return Reading(written, "range", low, high, unit, why, (low, high))
    return _phrase_reading(written, {**override, "why": why}, unit)
