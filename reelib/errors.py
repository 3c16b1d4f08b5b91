"""Errors that tell the reader what was wrong and what to do next.

Each names the thing at fault (a parameter, a data file with its row and
column, a claim ID, a published file) so that a failed run can be fixed from
the one line the command line prints. They are plain picklable exceptions, so
that a notebook run in a worker process (a process pool, a dask cluster) can
send them back intact.
"""

from __future__ import annotations

__all__ = ["ClaimError", "DataValidationError", "ParameterError", "PublishError", "ReelibError", "RunError"]


class ReelibError(Exception):
    """Base class: anything reelib refuses on purpose."""


class ParameterError(ReelibError, ValueError):
    """A notebook parameter has the wrong dimension, type, or range."""

    def __init__(self, name: str, message: str):
        self.parameter, self.detail = name, message
        super().__init__(f"parameter {name!r}: {message}")

    def __reduce__(self):
        return type(self), (self.parameter, self.detail)


class DataValidationError(ReelibError, ValueError):
    """A file in data/ does not match its metadata (schema, units, checksum)."""

    def __init__(self, path: str, message: str, *, row: int | None = None, column: str | None = None):
        self.path, self.detail, self.row, self.column = path, message, row, column
        where = path
        if row is not None:
            where += f", line {row}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {message}")

    def __reduce__(self):
        return _rebuild_data_error, (self.path, self.detail, self.row, self.column)


def _rebuild_data_error(path: str, message: str, row: int | None, column: str | None) -> DataValidationError:
    return DataValidationError(path, message, row=row, column=column)


class ClaimError(ReelibError, ValueError):
    """A claim ID, the claims registry, or a reproduced value does not fit the rules."""


class RunError(ReelibError):
    """The runner cannot do what was asked: an unknown notebook, a checkout already in use."""


class PublishError(ReelibError, OSError):
    """A result could not be published; the previous one was left in place."""
