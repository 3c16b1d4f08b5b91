"""The HTML report of an executed notebook."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["export_html"]


def export_html(notebook: Path, target: Path, *, key: str | None = None, parameters: Mapping[str, Any] | None = None) -> None:
    """Export ``notebook`` to ``target`` as HTML."""
    import nbconvert
    import nbformat

    body, _ = nbconvert.HTMLExporter().from_notebook_node(nbformat.read(notebook, as_version=4))
    target.write_text(body, encoding="utf-8")
