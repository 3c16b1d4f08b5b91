"""The published reports in a real browser, offline: headless Chromium (Debian's chromium and chromium-driver).

Run by ``make test-browser`` (which installs the browser when it is missing);
``make test`` leaves this folder out. The network is cut off in the browser
(every host resolves to nothing, every request goes to a dead proxy), and
the browser's own log of requests is checked: a page that needed the
network would fail here, not on a reader's laptop on a train.
"""

import json
import shutil
from urllib.parse import unquote, urlparse

import pytest

from reelib import paths

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium and chromedriver are not installed: run 'make test-browser'")

REPORTS = paths.REPORT_DIR
PAGES = sorted(p.name for p in REPORTS.glob("*.html"))
SCREENSHOTS = paths.BUILD_DIR / "browser"


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1500,1200",
                     "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    yield driver
    driver.quit()


def open_page(browser, name):
    browser.get((REPORTS / name).as_uri())
    return browser


def requested_urls(browser):
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_there_are_reports_to_open():
    assert "index.html" in PAGES and len(PAGES) >= 11


def test_the_dashboard_lists_every_claim_and_sorts(browser):
    open_page(browser, "index.html")
    rows = browser.find_elements(By.CSS_SELECTOR, "table#claims tbody tr.claim")
    assert len(rows) == 33
    verdicts = [r.find_elements(By.CSS_SELECTOR, "span.verdict")[0].text for r in rows]
    assert "not assessed" not in verdicts
    header = browser.find_elements(By.CSS_SELECTOR, "table#claims th")[6]  # the verdict column
    header.click()
    sorted_verdicts = [r.find_elements(By.CSS_SELECTOR, "span.verdict")[0].text for r in browser.find_elements(By.CSS_SELECTOR, "table#claims tbody tr.claim")]
    order = ["reproduced", "consistent", "not supported", "not checkable", "not assessed"]
    assert sorted_verdicts == sorted(verdicts, key=order.index)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    open_page(browser, "index.html")
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1500, min(height + 100, 16000))
    assert browser.save_screenshot(str(SCREENSHOTS / "index.png"))
    browser.set_window_size(1500, 1200)


@pytest.mark.parametrize("page", PAGES)
def test_every_link_resolves_and_every_image_loads_offline(browser, page):
    open_page(browser, page)
    browser.get_log("performance")  # start the request log afresh for this page
    open_page(browser, page)
    ids = set(browser.execute_script("return Array.from(document.querySelectorAll('[id]')).map(e => e.id)"))
    for href in browser.execute_script("return Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))"):
        target = urlparse(href)
        assert not target.scheme, f"{page}: link {href!r} leaves the reports folder"
        if target.path:
            linked = (REPORTS / unquote(target.path)).resolve()
            assert linked.is_file(), f"{page}: link {href!r} points to a missing file"
            if target.fragment and linked.suffix == ".html":
                assert f'id="{target.fragment}"' in linked.read_text(encoding="utf-8"), f"{page}: {href!r}: no anchor {target.fragment!r}"
        elif target.fragment:
            assert target.fragment in ids, f"{page}: link {href!r}: no element with that id"
    broken = browser.execute_script("return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.alt)")
    assert broken == [], f"{page}: images that did not load: {broken}"
    assert all(image.get_attribute("alt") for image in browser.find_elements(By.TAG_NAME, "img")), f"{page}: an image without alt text"
    outside = [u for u in requested_urls(browser) if not u.startswith(("file:", "data:"))]
    assert outside == [], f"{page} asked the network for {outside}"


@pytest.mark.parametrize("page", [p for p in PAGES if p != "index.html"])
def test_a_report_opens_with_its_title_and_its_claims_first(browser, page):
    open_page(browser, page)
    title = browser.find_element(By.TAG_NAME, "h1").text
    assert title[:2] == page[:2], f"{page}: title {title!r}"
    summary = browser.find_elements(By.CSS_SELECTOR, "section.summary tbody tr")
    assert summary, f"{page}: no claim summary at the top"
    assert browser.find_elements(By.CSS_SELECTOR, "footer code"), f"{page}: no footer with the dependency key"
