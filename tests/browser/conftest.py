"""One site build, one 127.0.0.1 server and one headless Chromium for the whole session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.selenium_manager import SeleniumManager

from .browsing import build_site, serve

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Each flag keeps Chromium off the network or keeps it quiet on a shared machine; the
# resolver rule makes any host but 127.0.0.1 unresolvable, so a stray request fails here.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-dev-shm-usage", "--window-size=1280,1400",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
)


def _unavailable(reason: str) -> None:
    """Skip, unless CI said the browser tests must run (then a missing browser fails)."""
    if os.environ.get("DOCVERIFY_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and DOCVERIFY_REQUIRE_BROWSER=1 forbids skipping "
                    "(apt-get install chromium chromium-driver)", pytrace=False)
    pytest.skip(f"{reason} (apt-get install chromium chromium-driver)")


def _no_selenium_manager(*args: object, **kwargs: object) -> dict[str, str]:
    raise AssertionError("Selenium Manager ran: it downloads drivers; pass explicit paths instead")


@pytest.fixture(scope="session")
def built_site(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser-site")
    build_site(repo_root, out)
    return out


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]
    if missing:
        _unavailable(f"headless Chromium is not installed: {', '.join(missing)} missing")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        # Both paths are given, so Selenium skips its manager; this makes sure it stays so.
        patch.setattr(SeleniumManager, "binary_paths", _no_selenium_manager)
        driver = webdriver.Chrome(options=options,
                                  service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def artifacts(repo_root: Path) -> Path:
    """Where screenshots go: $DOCVERIFY_ARTIFACTS, else test-artifacts/ (gitignored)."""
    return Path(os.environ.get("DOCVERIFY_ARTIFACTS") or repo_root / "test-artifacts")
