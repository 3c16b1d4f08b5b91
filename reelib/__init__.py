"""reelib: unit-aware recomputation of published rare-earth claims.

The public API is re-exported here; see each module for the reasoning.
"""

from .errors import ClaimError, DataValidationError, ParameterError, ReelibError
from .units import ELEMENTS, Q_, convert_any_mix, element_fraction, reo_to_ree, ureg
from .params import Param, Parameters, parse_parameters, parse_quantity
from . import chain, claims, data, secondary, supply

# reelib.growth (statsmodels) and reelib.plotting (matplotlib, seaborn) are
# imported where used, to keep `import reelib` and the CLI quick to start.

__version__ = "0.1.0"

__all__ = [
    "ELEMENTS",
    "ClaimError",
    "DataValidationError",
    "Param",
    "ParameterError",
    "Parameters",
    "Q_",
    "ReelibError",
    "chain",
    "claims",
    "convert_any_mix",
    "data",
    "element_fraction",
    "parse_parameters",
    "parse_quantity",
    "reo_to_ree",
    "secondary",
    "supply",
    "ureg",
]
