"""Material's search box (lunr in a web worker) finds words in Chinese and Bengali sentences."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.webdriver import WebDriver

from .browsing import open_page, prefix, search

pytestmark = pytest.mark.browser


# Each word sits inside a sentence of the guide. Chinese has no spaces, so a word is only found
# if jieba split the text at build time; a Bengali word only if lunr keeps non-ASCII tokens.
@pytest.mark.parametrize(("lang", "word"), [
    ("zh", "控制台"),
    ("zh", "方舟平台"),
    ("bn", "নথিটি"),
    ("bn", "হয়নি"),  # ends a sentence, right before "।"
])
def test_search_box_finds_the_word(browser: WebDriver, site_url: str, lang: str, word: str) -> None:
    open_page(browser, site_url + prefix(lang) + "providers/doubao/")
    try:
        results = search(browser, word)
    except TimeoutException:
        pytest.fail(f"search found nothing for {word!r}; Chinese is only split into words when "
                    "jieba is installed where the site is built (Material segments with it)",
                    pytrace=False)
    guide = site_url + prefix(lang) + "providers/doubao/"
    assert any(href.startswith(guide) for href, _ in results), results
    assert any(word in text for _, text in results), results
