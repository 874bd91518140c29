"""The screenshot placeholders as a reader of each language sees them: their own language, and small."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver

from docverify.fsutil import atomic_write_bytes

from .browsing import LANGS, open_page, prefix

pytestmark = pytest.mark.browser

GUIDE = "providers/doubao/"
NOTICE = {"zh": "截图暂缺", "en": "Screenshot not available", "bn": "স্ক্রিনশট পাওয়া যায়নি"}


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_speak_the_pages_language_and_stay_small(browser: WebDriver, site_url: str,
                                                              artifacts: Path, lang: str) -> None:
    open_page(browser, site_url + prefix(lang) + GUIDE)
    shots = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const images = Array.from(document.querySelectorAll('article img'))
            .filter(img => img.currentSrc.includes('/screenshots/'));
        const text = getComputedStyle(document.querySelector('article p')).fontSize;
        Promise.all(images.map(img => fetch(img.currentSrc).then(r => r.text()).then(svg => ({
            src: img.currentSrc, svg: svg, height: img.getBoundingClientRect().height,
            width: img.getBoundingClientRect().width, column: img.closest('article').clientWidth,
            text: parseFloat(text)}))))
            .then(done);""")
    assert len(shots) == 7, shots
    for shot in shots:
        # The file this language's build serves: its words only.
        assert NOTICE[lang] in shot["svg"], shot["src"]
        assert not any(word in shot["svg"] for other, word in NOTICE.items() if other != lang), shot["src"]
        # Compact: a strip a few lines of text high, never a box across the whole column.
        assert 0 < shot["height"] <= 4 * shot["text"], shot
        assert shot["width"] < shot["column"], shot
    if lang == "bn":
        atomic_write_bytes(artifacts / "bn-doubao-placeholders.png", browser.get_screenshot_as_png())
