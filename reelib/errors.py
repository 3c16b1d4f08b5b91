"""Errors that tell the reader what was wrong and what to do next.

Each names the thing at fault (a parameter, a data file with its row and
column, a claim ID) so that a failed papermill run can be fixed from the one
line the runner prints.
"""

from __future__ import annotations

__all__ = ["ClaimError", "DataValidationError", "ParameterError", "ReelibError"]


class ReelibError(Exception):
    """Base class: anything reelib refuses on purpose."""


class ParameterError(ReelibError, ValueError):
    """A notebook parameter has the wrong dimension, type, or range."""

    def __init__(self, name: str, message: str):
        self.parameter = name
        super().__init__(f"parameter {name!r}: {message}")


class DataValidationError(ReelibError, ValueError):
    """A file in data/ does not match its metadata (schema, units, checksum)."""

    def __init__(self, path: str, message: str, *, row: int | None = None, column: str | None = None):
        self.path, self.row, self.column = path, row, column
        where = path
        if row is not None:
            where += f", line {row}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {message}")


class ClaimError(ReelibError, ValueError):
    """A claim ID or a reproduced value does not fit the claims registry."""
