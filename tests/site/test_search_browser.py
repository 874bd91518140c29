"""Material's search in headless Chromium finds Chinese words and Bengali words, not just pages."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def served(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not (shutil.which("chromedriver") and shutil.which("chromium")):
        pytest.skip("headless Chromium and chromedriver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    # An explicit driver path keeps Selenium Manager from going to the network.
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    try:
        yield driver
    finally:
        driver.quit()


def _results(browser, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The search results Material shows for the `?q=` of `url` (empty after 20 s)."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    try:
        WebDriverWait(browser, 20).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))
    except TimeoutException:
        return []
    return [item.text for item in browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item")]


@pytest.mark.parametrize(("word", "page"), [
    ("控制台", ""),                # inside a sentence without spaces: needs jieba's segmentation
    ("版本号", "settings/providers/"),  # a word of the settings page only
    ("নথিটি", "bn/"),              # a Bengali word
    ("হয়নি", "bn/"),               # a Bengali word that ends a sentence before the danda
    ("activate", "en/"),           # a stemmer would index "activ" and miss "activate*"
    ("activation", "en/"),
])
def test_search_finds_a_word(browser, served: str, word: str, page: str) -> None:  # type: ignore[no-untyped-def]
    results = _results(browser, f"{served}/{page}?q={quote(word)}")
    assert results, f"no search result for {word!r}"
