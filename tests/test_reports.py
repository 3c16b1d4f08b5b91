"""The published reports are offline and self-contained (the browser test, make test-browser, opens them)."""

import re

import pytest

from reelib import catalog, paths

REPORTS = sorted((paths.ROOT / "reports").glob("*.html"))


def test_every_notebook_has_a_report_and_there_is_a_dashboard():
    assert {p.stem for p in REPORTS} == set(catalog.NOTEBOOKS) | {"index"}


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_a_report_references_nothing_on_the_network_and_every_image_has_alt_text(report):
    html = report.read_text(encoding="utf-8")
    assert "http" not in html, f"{report.name} references the network: {html[max(0, html.find('http') - 80):html.find('http') + 80]!r}"
    images = re.findall(r"<img\b[^>]*>", html)
    assert all(re.search(r'\balt="[^"]+"', tag) for tag in images), f"{report.name}: an image without alt text"
