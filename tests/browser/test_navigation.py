"""Moving around by clicking: the language selector keeps the page, #api-di-zhi lands on its section."""

from __future__ import annotations

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

from .browsing import (LANGS, open_page, prefix, scrolled_to, switch_language, wait_for,
                       wait_loaded)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page", ["providers/doubao/", "settings/providers/"])
def test_language_selector_stays_on_the_page(browser: WebDriver, site_url: str, page: str) -> None:
    open_page(browser, site_url + prefix("zh") + page)
    # zh -> bn -> en -> zh: every language is left once and reached once.
    for lang in ("bn", "en", "zh"):
        switch_language(browser, lang)
        assert browser.current_url == site_url + prefix(lang) + page
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang


@pytest.mark.parametrize("lang", LANGS)
def test_api_address_link_lands_on_its_section(browser: WebDriver, site_url: str, lang: str) -> None:
    open_page(browser, site_url + prefix(lang) + "providers/doubao/")
    link = browser.find_element(By.CSS_SELECTOR, "article a[href$='#api-di-zhi']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    wait_for(browser, lambda d: d.execute_script("return location.hash") == "#api-di-zhi",
             "the #api-di-zhi link to navigate")
    wait_loaded(browser)
    assert browser.current_url == site_url + prefix(lang) + "settings/providers/#api-di-zhi"
    heading = browser.find_element(By.ID, "api-di-zhi")
    assert heading.tag_name in {"h2", "h3", "h4"}
    wait_for(browser, lambda d: scrolled_to(d, heading), "the page to scroll to the API address heading")
