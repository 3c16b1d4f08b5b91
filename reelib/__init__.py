"""reelib: unit-aware recomputation of published rare-earth claims.

The public API is re-exported here, lazily: ``import reelib`` and the command
line start in a fraction of a second, and each module (pint, pandas,
statsmodels, matplotlib) is imported when first used. See each module for the
reasoning behind it.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .errors import ClaimError, DataValidationError, ParameterError, ReelibError

__version__ = "0.3.0"

#: Modules reachable as ``reelib.<name>``.
_MODULES = (
    "catalog", "chain", "claims", "criticality", "data", "figures", "growth", "industry", "outputs", "params", "paths", "plotting",
    "prices", "readings", "recycling", "registry", "secondary", "statements", "stocks", "substitution", "supply", "sweeps", "text",
    "units", "urban", "uses",
)
#: Names re-exported from a module: name -> module.
_NAMES = {
    "ELEMENTS": "units", "Q_": "units", "convert_any_mix": "units", "element_fraction": "units", "reo_to_ree": "units", "ureg": "units",
    "Param": "params", "Parameters": "params", "parse_quantity": "params",
}

__all__ = ["ClaimError", "DataValidationError", "ParameterError", "ReelibError", *_MODULES, *_NAMES]


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        return import_module(f".{name}", __name__)
    if name in _NAMES:
        return getattr(import_module(f".{_NAMES[name]}", __name__), name)
    raise AttributeError(f"module 'reelib' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
