"""One way to draw and save figures, so that every figure reads, and is recorded, alike.

The rules a policy analyst relies on are enforced here rather than left to
each notebook:

* every figure carries a **source line** (short citations from
  ``data/datapackage.json``, never internal IDs) and the **licence**, drawn
  below the plot and written into the PNG and SVG metadata;
* **SVG text stays text** (searchable, accessible, translatable);
* **no overlapping text**: :func:`save_figure` refuses a figure whose labels,
  titles, ticks or annotations collide, naming them;
* **no matplotlib log scale**: its logarithms are taken at draw time with
  CPU-dependent last bits, so log axes are drawn from :func:`log_positions`
  on a linear axis (and a bar on one would mean nothing anyway);
* **byte-stable files**: plotted coordinates are rounded to nine significant
  figures (:func:`significant`), so last-bit differences between machines in
  a fit or a Monte Carlo percentile cannot change an anti-aliased pixel;
* **gaps are shown as gaps**: :func:`mark_gaps` shades years without data, and
  :func:`no_data` marks a category without a value instead of a zero bar;
* a claim's stated value is drawn by one helper, :func:`stated_band`, from the
  claims registry, so every figure shows it the same way.

Files are deterministic (no dates, fixed SVG ids), so a rerun that changes
nothing changes no byte. A sidecar JSON records the notebook, caption,
parameters, data checksums, sources and the runner's dependency key.
"""

from __future__ import annotations

import io
import itertools
import json
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, overload

import matplotlib.collections
import matplotlib.figure
import matplotlib.patches
import matplotlib.pyplot as plt
import matplotlib.text
import matplotlib.transforms
import numpy as np
import pandas as pd
import seaborn as sns

from . import data, outputs
from .errors import ReelibError

__all__ = [
    "LICENCE",
    "VERDICT_COLOURS",
    "log_positions",
    "log_ticks",
    "mark_gaps",
    "no_data",
    "save_figure",
    "significant",
    "source_line",
    "stated_band",
    "text_overlaps",
    "use_style",
]

#: One colour per status, the same in every figure and report (Okabe–Ito, colour-blind safe).
VERDICT_COLOURS = {
    "reproduced": "#009E73",
    "consistent": "#0072B2",
    "not supported": "#D55E00",
    "not checkable": "#999999",
    "not assessed": "#CCCCCC",
}
#: The licence of every figure (the compiled data and figures: LICENSE-DATA).
LICENCE = "Figure: reelib compendium, CC BY 4.0"
#: The colour of a claim's stated value in every figure.
STATED_COLOUR = "#CC79A7"


def use_style() -> None:
    """The compendium's one style: readable at report width, colour-blind safe, text kept as text.

    Tables are shown whole as well: a verdict's reason cut off with "…" would
    hide the part a reader needs.
    """
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.width", 250)
    pd.set_option("display.max_columns", None)
    pd.set_option("display.max_rows", 500)
    sns.set_theme(context="notebook", style="whitegrid", palette="colorblind")
    plt.rcParams.update(
        {
            "figure.figsize": (8, 4.5),
            "figure.dpi": 100,
            "figure.constrained_layout.use": True,
            "savefig.dpi": 150,
            "savefig.bbox": "tight",
            "font.family": "DejaVu Sans",  # shipped with matplotlib: the same glyphs on every machine
            "axes.titlesize": "medium",
            "axes.titleweight": "bold",
            "legend.fontsize": "small",
            "svg.hashsalt": "reelib",  # fixed ids in SVG output
            "svg.fonttype": "none",  # text as <text>, not outlines
        }
    )


def source_line(source_ids: Iterable[str]) -> str:
    """"Source: USGS MCS 2026; Theler et al. 2020." from source IDs of ``data/datapackage.json``."""
    catalogue = data.sources()
    ids = sorted(set(source_ids))
    unknown = [s for s in ids if s not in catalogue]
    if unknown:
        raise ReelibError(f"figure sources {unknown} are not in data/datapackage.json")
    return "Source: " + "; ".join(dict.fromkeys(data.citations(ids))) + "."


def stated_band(ax, claim_id: str, part: str, *, axis: str = "y", label: str | None = None, unit: str | None = None, log: bool = False, **style: Any):
    """Shade what a claim part states, as its reading in ``data/claims.yaml`` has it.

    A value or range is a band; a bound ("over 200 kg", "less than 1 %")
    runs to the edge of the axis on its open side. The legend label says
    the claim, the words as written and the interval they are read as.
    ``unit`` converts the interval to the axis's unit; ``log`` places it on
    an axis of :func:`log_positions`.
    """
    from .registry import claim
    from .units import Q_

    entry = claim(claim_id).part(part)
    low, high = entry.interval
    if unit is not None:
        low, high = (Q_(v, entry.unit or "dimensionless").to(unit).magnitude if np.isfinite(v) else v for v in (low, high))
    if log:
        low, high = (float(log_positions(v)) if np.isfinite(v) and v > 0 else (-np.inf if v <= 0 else v) for v in (low, high))
    limits = ax.get_ylim() if axis == "y" else ax.get_xlim()
    low = limits[0] if not np.isfinite(low) else low
    high = limits[1] if not np.isfinite(high) else high
    text = label or f"{claim_id} stated: {entry.describe()} (read as {entry.describe_interval()})"
    # Under the data, over the grid: a band drawn last would tint the bars and ranges it covers.
    options = {"color": STATED_COLOUR, "alpha": 0.2, "lw": 0, "zorder": 0.8} | style
    span = ax.axhspan(low, high, label=text, **options) if axis == "y" else ax.axvspan(low, high, label=text, **options)
    (ax.set_ylim if axis == "y" else ax.set_xlim)(limits)
    return span


def mark_gaps(ax, years_with_data: Iterable[int], span: Sequence[int], *, label: str = "no data") -> None:
    """Shade the years of ``span`` that have no data, so a reader sees a gap, not a trend drawn through it."""
    present = set(int(y) for y in years_with_data)
    missing = [y for y in range(int(span[0]), int(span[-1]) + 1) if y not in present]
    first = True
    for _, run in itertools.groupby(enumerate(missing), key=lambda item: item[1] - item[0]):
        years = [y for _, y in run]
        ax.axvspan(years[0] - 0.5, years[-1] + 0.5, color="0.5", alpha=0.12, lw=0, label=label if first else None)
        first = False


def no_data(ax, position: float, *, orientation: str = "horizontal", text: str = "no data") -> None:
    """Mark a category without a value where its bar would be, instead of drawing a zero-length bar."""
    if orientation == "horizontal":
        ax.annotate(text, (0, position), xytext=(4, 0), textcoords="offset points", va="center", fontsize="small", color="0.4", style="italic")
    else:
        ax.annotate(text, (position, 0), xytext=(0, 4), textcoords="offset points", ha="center", rotation=90, fontsize="small", color="0.4", style="italic")


def _drawn_boxes(fig: matplotlib.figure.Figure) -> list[tuple[str, matplotlib.transforms.Bbox]]:
    """The texts the saved image renders, with their boxes as saved.

    The figure is saved (to memory) as :func:`save_figure` saves it, and each
    text's box is taken while it is drawn: a tight bounding box moves
    whatever is anchored to the figure's edge (a figure legend), so a box
    measured on the canvas can differ from the image. Tick labels beyond the
    axis limits are not drawn and do not count.
    """
    drawn: list[tuple[str, matplotlib.transforms.Bbox]] = []
    original_text, original_figure = matplotlib.text.Text.draw, matplotlib.figure.Figure.draw

    def recording(self, renderer):
        if self.get_visible() and self.get_text().strip():
            drawn.append((self.get_text(), self.get_window_extent(renderer)))
        return original_text(self, renderer)

    def each_pass(self, renderer):
        drawn.clear()  # a tight save draws twice (to measure, then to render): keep the render
        return original_figure(self, renderer)

    matplotlib.text.Text.draw, matplotlib.figure.Figure.draw = recording, each_pass  # type: ignore[method-assign]
    try:
        fig.savefig(io.BytesIO(), format="png")
    finally:
        matplotlib.text.Text.draw, matplotlib.figure.Figure.draw = original_text, original_figure  # type: ignore[method-assign]
    return drawn


def text_overlaps(fig: matplotlib.figure.Figure, *, tolerance: float = 1.0) -> list[tuple[str, str]]:
    """Pairs of drawn texts whose boxes, in the saved image, overlap by more than ``tolerance`` pixels."""
    boxes = [(text, box) for text, box in _drawn_boxes(fig) if box.width > 0 and box.height > 0]
    found = []
    for (first, a), (second, b) in itertools.combinations(boxes, 2):
        overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
        overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
        if overlap_x > tolerance and overlap_y > tolerance:
            found.append((first, second))
    return found


#: Significant digits kept in plotted coordinates: far below a pixel, far above a floating-point ulp.
PLOT_DIGITS = 9


def significant(values: Any, digits: int = PLOT_DIGITS) -> np.ndarray:
    """``values`` rounded to ``digits`` significant figures (zeros, infinities and NaN kept).

    A fit or a Monte Carlo percentile can differ in its last bit from one CPU
    to another, and an anti-aliased edge turns even that into different PNG
    bytes; rounded, the same figure gives the same file everywhere.
    """
    array = np.array(values, dtype=float)
    finite = np.isfinite(array) & (array != 0)
    exponent = np.floor(np.log10(np.abs(array[finite])))
    scale = 10.0 ** (digits - 1 - exponent)
    array[finite] = np.rint(array[finite] * scale) / scale
    return array


@overload
def log_positions(values: float) -> float: ...
@overload
def log_positions(values: Any) -> np.ndarray: ...
def log_positions(values: Any) -> Any:
    """Where ``values`` sit on a log10 axis drawn as a linear one (see :func:`log_ticks`): a float for a number.

    matplotlib's own log scale takes logarithms at draw time with numpy's
    SIMD code, whose last bit depends on the CPU; rounded positions computed
    here keep the figure's bytes the same on every machine.
    """
    positions = significant(np.log10(np.asarray(values, dtype=float)))
    return float(positions) if np.ndim(values) == 0 else positions


def log_ticks(ax, ticks: Sequence[float], *, axis: str = "y", label_format: str = "{:g}") -> None:
    """Label a log10-position axis (:func:`log_positions`) at ``ticks``, in the data's own units."""
    positions = log_positions(ticks)
    labels = [label_format.format(t) for t in ticks]
    if axis == "y":
        ax.set_yticks(positions, labels)
    else:
        ax.set_xticks(positions, labels)


def _round_artists(fig: matplotlib.figure.Figure) -> None:
    """Round every plotted coordinate to :data:`PLOT_DIGITS` significant figures (see :func:`significant`)."""
    for ax in fig.axes:
        for line in ax.lines:
            x, y = line.get_data(orig=True)
            try:
                line.set_data(significant(x), significant(y))
            except (TypeError, ValueError):
                continue  # categorical data: nothing computed to round
        for collection in ax.collections:
            if isinstance(collection, matplotlib.collections.LineCollection):
                collection.set_segments([significant(segment) for segment in collection.get_segments()])
            elif isinstance(collection, matplotlib.collections.PathCollection):
                collection.set_offsets(significant(collection.get_offsets()))
            else:
                for path in collection.get_paths():
                    path.vertices = significant(path.vertices)
        for patch in ax.patches:
            if isinstance(patch, matplotlib.patches.Rectangle):
                x, y = patch.get_xy()
                patch.set_xy((float(significant(x)), float(significant(y))))
                patch.set_width(float(significant(patch.get_width())))
                patch.set_height(float(significant(patch.get_height())))


def _check(fig: matplotlib.figure.Figure, name: str) -> None:
    for ax in fig.axes:
        if "log" in (ax.get_xscale(), ax.get_yscale()):
            raise ReelibError(
                f"figure {name!r}: matplotlib's log scale gives CPU-dependent bytes; plot plotting.log_positions(values) "
                "on a linear axis labelled with plotting.log_ticks (and never bars on it)"
            )
    overlaps = text_overlaps(fig)
    if overlaps:
        pairs = "; ".join(f"{a!r} and {b!r}" for a, b in overlaps[:3])
        raise ReelibError(f"figure {name!r}: texts overlap: {pairs}")


def _add_source_line(fig: matplotlib.figure.Figure, line: str) -> None:
    """Lay the figure out at the resolution it is saved at, freeze that layout, and put the source line below it all.

    Freezing matters: a layout engine run again at save time could move a
    legend onto the line after the overlap check has passed.
    """
    fig.set_dpi(plt.rcParams["savefig.dpi"])
    fig.canvas.draw()
    fig.set_layout_engine("none")
    for legend in fig.legends:
        # Anchored to the figure's own coordinates, not to its box, which a tight save shrinks onto the source line.
        legend.set_bbox_to_anchor((0, 0, 1, 1), transform=fig.transFigure)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # the Agg canvas every figure here draws on
    box = fig.get_tightbbox(renderer)  # inches from the bottom left of the canvas
    # Wrapped by hand to the drawing's width (matplotlib's own wrapping ignores a transform in inches).
    characters = max(60, int(box.width * 72 / (0.55 * 6.9)))
    width, height = fig.get_size_inches()
    # In figure fractions: saving with a tight box moves the figure's own coordinates, not inches.
    fig.text(box.x0 / width, (box.y0 - 0.08) / height, textwrap.fill(line, characters), ha="left", va="top", fontsize="x-small", color="0.35")


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def save_figure(
    fig: matplotlib.figure.Figure,
    name: str,
    *,
    notebook: str,
    sources: Iterable[str],
    caption: str,
    claims: Iterable[str] = (),
    parameters: Mapping[str, Any] | None = None,
) -> Path:
    """Check ``fig`` against the figure rules, add its source line, and save PNG, SVG and a sidecar.

    Parameters
    ----------
    fig
        The figure; it is closed after saving, so notebooks show it first.
    name
        File stem, conventionally ``<notebook number>_<what it shows>``.
    notebook
        The notebook that drew it.
    sources
        Source IDs of ``data/datapackage.json`` the figure shows (the
        ``source_id`` column of the rows drawn); their short citations form
        the source line.
    caption
        One sentence saying what the figure shows: the alt text of the
        figure in reports, and its description in the file metadata.
    claims
        Claim IDs the figure bears on.
    parameters
        The notebook's raw parameters, for a run outside the runner (the
        runner records every parameter itself).

    Raises
    ------
    ReelibError
        Overlapping text, bars on a log axis, no caption or no source.
    """
    sources = sorted(set(sources))
    if not sources:
        raise ReelibError(f"figure {name!r}: give the source IDs of the data it shows")
    if not caption.strip():
        raise ReelibError(f"figure {name!r}: give a caption (it is the figure's alt text)")
    line = f"{source_line(sources)} {LICENCE}."
    _round_artists(fig)
    _add_source_line(fig, line)
    _check(fig, name)
    run = outputs.current()
    run.figure_dir.mkdir(parents=True, exist_ok=True)
    png, svg, sidecar = (run.figure_dir / f"{name}.{ext}" for ext in ("png", "svg", "json"))
    title = name.replace("_", " ")
    fig.savefig(png, metadata={"Software": None, "Title": title, "Description": caption, "Source": line, "Copyright": LICENCE})
    fig.savefig(svg, metadata={"Date": None, "Creator": None, "Title": title, "Description": caption, "Source": line, "Rights": LICENCE})
    plt.close(fig)
    _show(png, caption)
    provenance = {
        "figure": name,
        "caption": caption,
        "notebook": notebook,
        "claims": sorted(claims),
        "sources": sources,
        "source_line": line,
        # Every parameter of the run (the runner's record: defaults and overrides), else what the notebook passed.
        "parameters": _jsonable(run.parameters or parameters or {}),
        "data_sha256": data.loaded_checksums(),
        "reelib_version": _version(),
        # Stamped by the runner once the run has said which data it read (reelib.runner.keys); null elsewhere.
        "dependency_key": None,
    }
    sidecar.write_text(json.dumps(provenance, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return SavedFigure(png)


class SavedFigure(type(Path())):  # type: ignore[misc]
    """The path of a saved PNG, which a notebook does not echo: :func:`save_figure` has already shown the figure."""

    def _ipython_display_(self) -> None:
        return None


def _show(png: Path, caption: str) -> None:
    """Show the saved figure in the notebook, with its caption as the image's alt text (kept by nbconvert)."""
    try:
        from IPython import get_ipython
        from IPython.display import Image, display
    except ImportError:  # pragma: no cover - IPython is in the lock
        return
    if get_ipython() is None:
        return
    # The caption is the alt text; the name lets a report give the figure an anchor the claims dashboard links to.
    display(Image(filename=str(png), width=900, metadata={"alt": caption, "figure": png.stem}))


def _version() -> str:
    from . import __version__

    return __version__
