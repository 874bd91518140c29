"""The docverify MkDocs plugin as a reader sees it: badge, findings with their lines, status matrix."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

from docverify.fsutil import atomic_write_bytes, atomic_write_text
from docverify.integrations.status_page import WORDS

from .browsing import LANGS, build_site, open_page, prefix, serve, wait_for, wait_loaded

pytestmark = pytest.mark.browser

BROKEN_PAGE = "docs/providers/doubao.en.md"
BROKEN_LINK = "See also [a section that does not exist](../settings/providers.md#no-such-section).\n"
STATUSES = {"verified", "problems", "machine-translated", "stale"}


def _plugins(config: dict[str, Any]) -> dict[str, Any]:
    """`plugins:` as {name: options}, whichever of MkDocs' two spellings mkdocs.yml uses."""
    raw = config.get("plugins") or []
    if isinstance(raw, dict):
        return dict(raw)
    return dict(next(iter(p.items())) if isinstance(p, dict) else (p, {}) for p in raw)


def _read_config(repo_root: Path) -> dict[str, Any]:
    return dict(yaml.safe_load((repo_root / "mkdocs.yml").read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def plugin_options(repo_root: Path) -> dict[str, Any]:
    """The docverify plugin's options in mkdocs.yml; the published site must use it."""
    plugins = _plugins(_read_config(repo_root))
    assert "docverify" in plugins, ("mkdocs.yml does not enable the docverify plugin, so the "
                                    "site has no badge and no status page")
    return dict(plugins["docverify"] or {})


@pytest.fixture(scope="session")
def broken_site(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A copy of the site with a link to a missing section added to one page, built and served.

    Yields the base URL and the line of the planted link. The plugin is switched on (and its
    strict mode off, so the finding shows on the page instead of failing the build) whatever
    mkdocs.yml says, and the copy reads this repo's cassettes, so the link is the difference.
    """
    root = tmp_path_factory.mktemp("broken-site")
    shutil.copytree(repo_root / "docs", root / "docs")
    config = _read_config(repo_root)
    plugins = _plugins(config)
    options = dict(plugins.get("docverify") or {"clients": ["cherry-studio@2", "cherry-studio@1.6"]})
    options["cassettes"] = str(repo_root / str(options.get("cassettes", "tests/cassettes")))
    options["strict"] = False
    plugins["docverify"] = options
    config["plugins"] = [{name: opts} if opts else name for name, opts in plugins.items()]
    # Anything else mkdocs.yml names by a relative path stays in the repo.
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(repo_root / theme["custom_dir"])
    config["hooks"] = [str(repo_root / hook) for hook in config.get("hooks") or ()]
    atomic_write_text(root / "mkdocs.yml", yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    page = root / BROKEN_PAGE
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    atomic_write_text(page, text + BROKEN_LINK)
    line = text.count("\n") + 1
    build_site(root, root / "site")
    with serve(root / "site") as url:
        yield url, line


def _panel(browser: WebDriver) -> dict[str, Any]:
    panel = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "article .docverify-panel"),
                     "the docverify panel")[0]
    badge = panel.find_element(By.CSS_SELECTOR, ".docverify-badge")
    assert panel.is_displayed() and badge.is_displayed()
    assert browser.execute_script(  # right under the page title, where a reader looks first
        "return arguments[0].previousElementSibling.tagName", panel) == "H1"
    return {"status": panel.get_attribute("data-status"), "badge": badge.text, "panel": panel}


@pytest.mark.parametrize("lang", LANGS)
def test_badge_is_visible_on_the_guide(browser: WebDriver, site_url: str, lang: str,
                                       plugin_options: dict[str, Any]) -> None:
    open_page(browser, site_url + prefix(lang) + "providers/doubao/")
    panel = _panel(browser)
    assert panel["status"] in STATUSES
    assert panel["badge"].strip()


def test_findings_list_shows_the_broken_link(browser: WebDriver, broken_site: tuple[str, int]) -> None:
    url, line = broken_site
    open_page(browser, url + "/en/providers/doubao/")
    panel = _panel(browser)
    assert panel["status"] == "problems"
    assert "problem" in panel["badge"]
    findings = panel["panel"].find_element(By.CSS_SELECTOR, "details.docverify-findings")
    at_line = findings.find_elements(By.CSS_SELECTOR, f"li.docverify-finding[data-line='{line}']")
    assert at_line, f"no finding listed for line {line}"
    assert not any(item.is_displayed() for item in at_line)   # closed until the reader asks
    findings.find_element(By.TAG_NAME, "summary").click()
    wait_for(browser, lambda d: all(item.is_displayed() for item in at_line), "the list to open")
    checks = {item.get_attribute("data-check"): item.text for item in at_line}
    assert "link.anchor" in checks, checks
    assert f"line {line}" in checks["link.anchor"]
    assert "no-such-section" in checks["link.anchor"]


def _language_names(repo_root: Path) -> dict[str, str]:
    i18n = _plugins(_read_config(repo_root)).get("i18n") or {}
    return {lang["locale"]: lang.get("name") or lang["locale"] for lang in i18n.get("languages") or ()}


def _background(browser: WebDriver, element: Any) -> str:
    return str(browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", element))


@pytest.mark.parametrize("lang", LANGS)
def test_status_matrix_renders(browser: WebDriver, site_url: str, artifacts: Path, lang: str,
                               plugin_options: dict[str, Any], repo_root: Path) -> None:
    """The status page as a translator of `lang` opens it: its title, nav label and headings
    in that language, cells coloured by state, one summary row, when and from what it was made."""
    words = WORDS[lang]
    page = str(plugin_options.get("status_page", "translation-status.md")).removesuffix(".md") + "/"
    open_page(browser, site_url + prefix(lang) + "providers/doubao/")
    # A reader finds it in the navigation, at the top level beside the home page, in their language.
    links = browser.find_elements(
        By.CSS_SELECTOR, ".md-nav--primary > .md-nav__list > .md-nav__item > "
        f"a.md-nav__link[href$='{page}']")
    assert links, f"the {lang} navigation has no top-level link to {page}"
    assert links[0].text.strip() == words["title"]
    links[0].click()
    wait_for(browser, lambda d: d.current_url == site_url + prefix(lang) + page, "the status page")
    wait_loaded(browser)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    assert browser.find_element(By.CSS_SELECTOR, "article h1").text.strip() == words["title"]
    table = browser.find_element(By.CSS_SELECTOR, "article table")
    assert table.is_displayed()
    header = [cell.text.strip() for cell in table.find_elements(By.CSS_SELECTOR, "thead th")]
    names = _language_names(repo_root)
    assert header == [words["page"], *(names[code] for code in LANGS)], header
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert any("doubao" in row.text for row in rows), [row.text for row in rows]

    # Each cell is coloured by its state: the same state one colour, different states different ones.
    cells = table.find_elements(By.CSS_SELECTOR, "tbody td.docverify-cell")
    colours: dict[str, set[str]] = {}
    for cell in cells:
        colours.setdefault(str(cell.get_attribute("data-state")), set()).add(_background(browser, cell))
        assert cell.text.strip().startswith(words[str(cell.get_attribute("data-state"))])
    assert len(colours) >= 2 and all(len(c) == 1 for c in colours.values()), colours
    assert len({next(iter(c)) for c in colours.values()}) == len(colours), colours
    assert "rgba(0, 0, 0, 0)" not in {next(iter(c)) for c in colours.values()}

    # One summary row: per language, how many pages are up to date, stale, missing, unreviewed.
    summary = table.find_elements(By.CSS_SELECTOR, "tfoot tr")
    assert len(summary) == 1 and summary[0].find_element(By.TAG_NAME, "th").text.strip() == words["summary"]
    for code in LANGS:
        column = [c for c in cells if c.get_attribute("cellIndex") == str(LANGS.index(code) + 1)]
        counted = summary[0].find_element(By.CSS_SELECTOR, f"td[data-lang='{code}']")
        for key, state in (("up-to-date", "up-to-date"), ("stale", "stale"), ("missing", "missing"),
                           ("unreviewed", "machine-translated-unreviewed")):
            item = counted.find_element(By.CSS_SELECTOR, f"li[data-count='{key}']")
            expected = sum(1 for c in column if c.get_attribute("data-state") == state)
            assert item.text.strip() == words["count"].format(label=words[key], n=expected), (code, item.text)
    made = browser.find_element(By.CSS_SELECTOR, "article .docverify-made")
    commit = made.get_attribute("data-commit") or ""
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", made.get_attribute("data-date") or "")
    assert commit and commit in made.text and (made.get_attribute("data-date") or "") in made.text

    atomic_write_bytes(artifacts / f"translation-status.{lang}.png", browser.get_screenshot_as_png())
    # Each cell links to its page: a reader who clicks one must not land on a 404.
    dead = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const links = Array.from(document.querySelectorAll('article table a[href]'),
                                 a => a.href.split('#')[0]);
        Promise.all(links.map(href => fetch(href).then(r => r.ok ? null : href + ' ' + r.status)))
            .then(found => done(found.filter(Boolean)));""")
    assert not dead, f"status matrix links that lead nowhere: {dead}"


def test_a_cell_with_findings_opens_them_on_the_page(browser: WebDriver, broken_site: tuple[str, int],
                                                     artifacts: Path) -> None:
    """The count in a red cell leads to that page's findings, opened, the planted one among them."""
    url, line = broken_site
    open_page(browser, url + "/en/translation-status/")
    cell = browser.find_element(By.CSS_SELECTOR, "td.docverify-cell--has-errors a.docverify-counts[href*='doubao']")
    assert re.fullmatch(r"\d+ errors?( · \d+ warnings?)?", cell.text.strip()), cell.text
    atomic_write_bytes(artifacts / "translation-status.en.broken.png", browser.get_screenshot_as_png())
    cell.click()
    wait_for(browser, lambda d: d.current_url.endswith("/en/providers/doubao/#docverify-findings"), "the page")
    wait_loaded(browser)
    findings = browser.find_element(By.ID, "docverify-findings")
    assert findings.get_attribute("open") is not None, "the findings list stays closed"
    item = findings.find_element(By.CSS_SELECTOR, f"li.docverify-finding[data-line='{line}']")
    assert item.is_displayed() and "link.anchor" == item.get_attribute("data-check")
