"""The figure rules: source line and licence, text kept as text, no overlaps, no bars on log axes, gaps shown."""

import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from reelib import paths  # noqa: E402
from reelib.errors import ReelibError  # noqa: E402
from reelib.plotting import LICENCE, mark_gaps, save_figure, source_line, stated_band, text_overlaps, use_style  # noqa: E402


@pytest.fixture(autouse=True)
def style(scratch):
    use_style()
    yield
    plt.close("all")


def simple_figure():
    fig, ax = plt.subplots()
    ax.plot([2020, 2021, 2022], [1, 2, 3], label="a line")
    ax.set(xlabel="year", ylabel="production (kt REO per year)", title="A figure")
    return fig


def test_a_saved_figure_carries_its_source_line_and_licence_in_the_image_and_the_files(scratch):
    png = save_figure(simple_figure(), "99_test", notebook="99_test", sources=["usgs-mcs-2026-rare-earths"], caption="A test figure.")
    svg = png.with_suffix(".svg").read_text()
    assert "<text" in svg and "Source: USGS MCS 2026." in svg and LICENCE in svg
    assert "<dc:rights>" in svg and "Figure: reelib compendium, CC BY 4.0" in svg
    info = Image.open(png).info
    assert info["Source"] == f"Source: USGS MCS 2026. {LICENCE}." and info["Copyright"] == LICENCE and info["Description"] == "A test figure."
    sidecar = json.loads(png.with_suffix(".json").read_text())
    assert sidecar["sources"] == ["usgs-mcs-2026-rare-earths"] and sidecar["caption"] == "A test figure."


def test_the_source_line_uses_citations_never_internal_ids():
    line = source_line(["usgs-mcs-2026-rare-earths", "theler-2020-usgs-hhi", "usgs-mcs-2026-rare-earths"])
    assert line == "Source: Theler et al. 2020 (USGS yearbook compilation); USGS MCS 2026."
    with pytest.raises(ReelibError, match="not in data/datapackage.json"):
        source_line(["made-up"])


def test_a_figure_without_source_or_caption_is_refused():
    with pytest.raises(ReelibError, match="give the source IDs"):
        save_figure(simple_figure(), "99_test", notebook="99_test", sources=[], caption="x")
    with pytest.raises(ReelibError, match="give a caption"):
        save_figure(simple_figure(), "99_test", notebook="99_test", sources=["usgs-mcs-2026-rare-earths"], caption=" ")


def test_overlapping_text_is_found_and_refused():
    fig = simple_figure()
    assert text_overlaps(fig) == []
    fig.axes[0].annotate("a note", (2021, 2))
    fig.axes[0].annotate("another note", (2021.02, 2.02))
    assert text_overlaps(fig) == [("a note", "another note")]
    with pytest.raises(ReelibError, match="texts overlap: 'a note' and 'another note'"):
        save_figure(fig, "99_test", notebook="99_test", sources=["usgs-mcs-2026-rare-earths"], caption="x")


def legend_below_two_panels():
    fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    for ax in axes:
        ax.plot([2020, 2021, 2022], [1, 2, 3], label="a line with a long label")
        ax.plot([2020, 2021, 2022], [3, 2, 1], label="another line")
        ax.set(xlabel="year", xticks=[2020, 2022])
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncol=2)
    return fig


def test_overlaps_are_looked_for_in_the_image_as_saved_not_on_the_canvas():
    # A tight save moves a legend anchored to the figure's edge down to the new edge: onto a line placed below it.
    fig = legend_below_two_panels()
    fig.canvas.draw()
    fig.set_layout_engine("none")
    line = "Source: " + "a line below everything; " * 8
    fig.text(0, -0.08, line, va="top")
    assert any(line in pair for pair in text_overlaps(fig))


def test_a_legend_below_the_panels_stays_clear_of_the_source_line(scratch):
    png = save_figure(legend_below_two_panels(), "99_test", notebook="99_test", sources=["usgs-mcs-2026-rare-earths"], caption="x")
    assert png.exists()


def test_bars_on_a_log_axis_are_refused_with_any_log_scale():
    fig, ax = plt.subplots()
    ax.barh(["a", "b"], [1, 100])
    ax.set_xscale("log")
    with pytest.raises(ReelibError, match="log scale"):
        save_figure(fig, "99_test", notebook="99_test", sources=["usgs-mcs-2026-rare-earths"], caption="x")


def test_a_stated_band_is_the_claims_reading():
    fig, ax = plt.subplots()
    ax.set_ylim(0, 100)
    band = stated_band(ax, "CNRS-02", "china_mining_share_2024")
    assert (band.get_y(), band.get_y() + band.get_height()) == (65, 75)
    assert band.get_label() == "CNRS-02 stated: 70 % (read as 65–75 %)"
    bound = stated_band(ax, "CNRS-24", "new_producers")  # "several": from 3 to the top of the axis
    assert (bound.get_y(), bound.get_y() + bound.get_height()) == (3, 100) and ax.get_ylim() == (0, 100)


def test_gaps_are_shaded_once_per_run_of_missing_years():
    fig, ax = plt.subplots()
    mark_gaps(ax, [2000, 2001, 2004, 2007], range(2000, 2008))
    assert [(p.get_x(), p.get_x() + p.get_width()) for p in ax.patches] == [(2001.5, 2003.5), (2004.5, 2006.5)]
    assert [p.get_label() for p in ax.patches] == ["no data", None]  # one legend entry for all the gaps


PUBLISHED_SVG = sorted(paths.FIGURE_DIR.glob("*.svg"))


@pytest.mark.parametrize("svg", PUBLISHED_SVG, ids=[p.stem for p in PUBLISHED_SVG])
def test_every_published_figure_keeps_text_as_text_and_names_its_sources(svg):
    text = svg.read_text()
    assert text.count("<text") > 3, "SVG text was converted to outlines"
    assert "<dc:source>Source: " in text and LICENCE in text
    png = Image.open(svg.with_suffix(".png")).info
    assert png["Source"].startswith("Source: ") and png["Copyright"] == LICENCE
    sidecar = json.loads(svg.with_suffix(".json").read_text())
    assert sidecar["caption"] and sidecar["sources"] and len(sidecar["dependency_key"]) == 20


def test_last_bit_differences_between_machines_do_not_change_the_bytes(scratch):
    # A fit or a percentile can differ in its last bits from one CPU to another; the saved files must not.
    import numpy as np

    from reelib.plotting import log_positions

    years = np.arange(2015, 2025)
    trend = 129 * 1.142 ** (years - 2015)
    digests = []
    for noise in (0.0, 1e-15, -3e-14):
        fig, ax = plt.subplots()
        values = trend * (1 + noise)
        ax.fill_between(years, log_positions(values * 0.9), log_positions(values * 1.1), alpha=0.2)
        ax.plot(years, log_positions(values), color="black")
        png = save_figure(fig, "99_bytes", notebook="99_test", sources=["usgs-mcs-2026-rare-earths"], caption="x")
        digests.append((png.read_bytes(), png.with_suffix(".svg").read_bytes()))
    assert digests[0] == digests[1] == digests[2]


def test_matplotlibs_log_scale_is_refused_for_its_cpu_dependent_bytes():
    fig, ax = plt.subplots()
    ax.plot([1, 10, 100])
    ax.set_yscale("log")
    with pytest.raises(ReelibError, match="log scale gives CPU-dependent bytes; plot plotting.log_positions"):
        save_figure(fig, "99_test", notebook="99_test", sources=["usgs-mcs-2026-rare-earths"], caption="x")
