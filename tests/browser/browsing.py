"""What the browser tests do to the site: build it, serve it on 127.0.0.1, drive Chromium."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

LANGS = ("zh", "en", "bn")
# Long enough for a cold Chromium on a shared 2-core machine, short enough to fail fast.
WAIT = 15.0


def prefix(lang: str) -> str:
    """The URL path of a language's root: zh, the default, lives at the site root."""
    return "/" if lang == "zh" else f"/{lang}/"


def build_site(root: Path, out: Path) -> None:
    """`mkdocs build --strict` of the site at `root` into `out`, as CI builds it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"),
         "-d", str(out)],
        cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False)
    if proc.returncode != 0:
        raise AssertionError(f"mkdocs build --strict failed for {root}:\n{proc.stderr[-4000:]}")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 at a free port; yields the base URL without a slash."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def wait_for(driver: WebDriver, condition: Callable[[WebDriver], Any], what: str) -> Any:
    """Wait until `condition` is truthy; a timeout says `what` never happened."""
    return WebDriverWait(driver, WAIT).until(condition, message=f"timed out waiting for {what}")


def open_page(driver: WebDriver, url: str) -> None:
    driver.get(url)
    wait_loaded(driver)


def wait_loaded(driver: WebDriver) -> None:
    """Wait until the document and every image in it have finished loading."""
    wait_for(driver, lambda d: d.execute_script(
        "return document.readyState === 'complete'"
        " && Array.from(document.images).every(img => img.complete)"),
        f"{driver.current_url} to load")


def page_text(driver: WebDriver) -> str:
    return str(driver.execute_script("return document.querySelector('article').innerText"))


def scrolled_to(driver: WebDriver, element: WebElement) -> bool:
    """Whether the page is scrolled to `element`: it is in the top quarter of the window,
    below the sticky header (merely being on screen would also hold on an unscrolled page)."""
    return bool(driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "const header = document.querySelector('.md-header').getBoundingClientRect().bottom;"
        "return r.top >= header - 1 && r.top < window.innerHeight / 4 && r.height > 0;", element))


def switch_language(driver: WebDriver, lang: str) -> None:
    """Pick `lang` in Material's language selector, the way a reader does: hover, then click."""
    selector = driver.find_element(By.CSS_SELECTOR, ".md-header .md-select")
    ActionChains(driver).move_to_element(
        selector.find_element(By.CSS_SELECTOR, "button")).perform()
    link = selector.find_element(By.CSS_SELECTOR, f"a.md-select__link[hreflang='{lang}']")
    wait_for(driver, lambda d: link.is_displayed(), f"the {lang} entry of the language selector")
    old = driver.current_url
    link.click()
    wait_for(driver, lambda d: d.current_url != old, f"the switch to {lang}")
    wait_loaded(driver)


def search(driver: WebDriver, word: str) -> list[tuple[str, str]]:
    """Type `word` into Material's search box; the (href, text) of each result it shows."""
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    box.clear()
    box.send_keys(word)
    selector = ".md-search-result__item > a, .md-search-result__item .md-search-result__link"
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, selector),
             f"a search result for {word!r}")
    return [(str(a.get_attribute("href")), a.text)
            for a in driver.find_elements(By.CSS_SELECTOR, selector)]


def glyphs_are_distinct(driver: WebDriver, chars: str) -> bool:
    """Whether `chars` draw as different shapes in the page's body font.

    A missing font makes Chromium draw every character as the same .notdef box ("tofu"),
    so identical pixels for different letters mean the reader sees boxes, not text.
    """
    return bool(driver.execute_script("""
        const font = getComputedStyle(document.body).fontFamily;
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 48;
        const ctx = canvas.getContext('2d');
        const seen = new Set();
        for (const ch of arguments[0]) {
            ctx.clearRect(0, 0, 48, 48);
            ctx.font = '32px ' + font;
            ctx.fillText(ch, 4, 36);
            seen.add(ctx.getImageData(0, 0, 48, 48).data.join(','));
        }
        return seen.size === [...arguments[0]].length;""", chars))
