"""The doubao guide as a reader sees it in Chromium: three languages, real Bengali, real images."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

from docverify.page.encoding import detect_mojibake
from docverify.fsutil import atomic_write_bytes

from .browsing import glyphs_are_distinct, open_page, page_text, prefix

pytestmark = pytest.mark.browser

GUIDE = "providers/doubao/"
# A sentence each translation must show, and its h1.
EXPECTED = {
    "zh": ("字节跳动（豆包）", "本页说明如何在火山引擎方舟平台获取 API Key"),
    "en": ("ByteDance (Doubao)", "This page shows how to get an API key"),
    "bn": ("ByteDance (ডুবাও)", "এই নথিটি এআই দ্বারা চীনা থেকে অনুবাদ করা হয়েছে"),
}


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_guide_renders_in_every_language(browser: WebDriver, site_url: str, lang: str) -> None:
    open_page(browser, site_url + prefix(lang) + GUIDE)
    h1, sentence = EXPECTED[lang]
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    assert browser.find_element(By.CSS_SELECTOR, "article h1").text == h1
    text = page_text(browser)
    assert sentence in text
    assert detect_mojibake(text) is None


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_guide_has_no_broken_image(browser: WebDriver, site_url: str, lang: str) -> None:
    open_page(browser, site_url + prefix(lang) + GUIDE)
    images = browser.execute_script(
        "return Array.from(document.images, img => [img.currentSrc, img.naturalWidth])")
    assert len(images) >= 7, images
    broken = [src for src, width in images if not width]
    assert not broken, f"images that did not load: {broken}"


def test_bengali_guide_is_bengali_not_boxes(
        browser: WebDriver, site_url: str, artifacts: Path) -> None:
    open_page(browser, site_url + "/bn/" + GUIDE)
    text = page_text(browser)
    assert sum("\u0980" <= char <= "\u09ff" for char in text) > 1000
    atomic_write_bytes(artifacts / "bn-doubao-guide.png", browser.get_screenshot_as_png())
    # Letters from the Bengali text and from the zh name in the language selector.
    missing = [script for script, chars in (("Bengali", "কখগনথ"), ("Chinese", "中文豆包"))
               if not glyphs_are_distinct(browser, chars)]
    assert not missing, (
        f"{' and '.join(missing)} text draws as identical boxes (tofu): no font for it; "
        "install Debian's fonts-beng and fonts-noto-cjk")
