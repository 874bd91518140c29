"""The built site: three languages, a switcher that stays on the page, anchors, images, Bengali."""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from site_helpers import LANGS, PAGES, page_html

from docverify.page.encoding import detect_mojibake


class _Collect(HTMLParser):
    """Image sources, language-switcher links, element ids, and the text of the page body."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.alternates: dict[str, str] = {}
        self.ids: set[str] = set()
        self.lang = ""
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if "id" in attr:
            self.ids.add(attr["id"])
        if tag == "html":
            self.lang = attr.get("lang", "")
        elif tag == "img":
            self.images.append(attr["src"])
        elif tag == "a" and "md-select__link" in attr.get("class", "") and "hreflang" in attr:
            self.alternates[attr["hreflang"]] = attr["href"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(path: Path) -> _Collect:
    parser = _Collect()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _resolve(site: Path, html: Path, href: str) -> Path:
    """The file a URL in `html` points to (a directory URL means its index.html).

    An absolute path counts from the site root: static-i18n links the home pages as `/`
    and `/en/`, which assumes the site is served at the root of its host.
    """
    url = unquote(urlsplit(href).path)
    base = "" if url.startswith("/") else html.parent.relative_to(site).as_posix()
    target = posixpath.normpath(posixpath.join(base, url.lstrip("/")))
    path = site / target
    return path / "index.html" if path.is_dir() else path


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_built_in_every_language(built_site: Path, lang: str, page: str) -> None:
    html = page_html(built_site, lang, page)
    assert html.is_file()
    assert _parse(html).lang == lang


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_switcher_stays_on_the_same_page(built_site: Path, lang: str, page: str) -> None:
    html = page_html(built_site, lang, page)
    alternates = _parse(html).alternates
    assert sorted(alternates) == sorted(LANGS)
    for other, href in alternates.items():
        assert _resolve(built_site, html, href) == page_html(built_site, other, page), (other, href)


@pytest.mark.parametrize("lang", LANGS)
def test_settings_page_answers_to_api_di_zhi(built_site: Path, lang: str) -> None:
    assert "api-di-zhi" in _parse(page_html(built_site, lang, "settings/providers")).ids


@pytest.mark.parametrize("lang", LANGS)
def test_guide_links_to_the_api_address_section(built_site: Path, lang: str) -> None:
    html = page_html(built_site, lang, "providers/doubao")
    source = html.read_text(encoding="utf-8")
    assert 'href="../../settings/providers/#api-di-zhi"' in source


def test_bengali_guide_is_correct_bengali(built_site: Path) -> None:
    text = "".join(_parse(page_html(built_site, "bn", "providers/doubao")).text)
    assert detect_mojibake(text) is None
    assert "এই নথিটি এআই দ্বারা চীনা থেকে অনুবাদ করা হয়েছে" in text
    bengali = sum("\u0980" <= char <= "\u09ff" for char in text)
    assert bengali > 1000


def test_every_image_resolves_to_a_file(built_site: Path) -> None:
    checked = 0
    for html in built_site.rglob("*.html"):
        for src in _parse(html).images:
            if urlsplit(src).scheme:
                continue
            assert _resolve(built_site, html, src).is_file(), (html, src)
            checked += 1
    assert checked >= 3 * 7


@pytest.mark.parametrize(("prefix", "lang", "notice"), [("", "zh", "截图暂缺"), ("en", "en", "Screenshot not available"),
                                                      ("bn", "bn", "স্ক্রিনশট পাওয়া যায়নি")])
def test_screenshot_placeholders_are_compact_and_in_the_builds_language(
        built_site: Path, prefix: str, lang: str, notice: str) -> None:
    """Each language's build serves its own placeholders (name.<lang>.svg as name.svg): one
    language each, a slim frame rather than a box taller than the text around it."""
    shots = sorted((built_site / prefix / "assets" / "screenshots").glob("*.svg"))
    assert len(shots) == 7, shots
    others = [word for word in ("截图暂缺", "Screenshot not available", "স্ক্রিনশট পাওয়া যায়নি") if word != notice]
    for shot in shots:
        root = ET.parse(shot).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.get("lang") == lang
        assert (root.get("aria-label") or "").startswith(notice + ": ")
        text = shot.read_text(encoding="utf-8")
        assert not any(word in text for word in others), shot
        assert float(root.get("height") or 0) <= 48 and float(root.get("width") or 0) <= 480


def test_search_index_splits_chinese_and_bengali(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = index["config"]["separator"]
    for needed in ("\\u200b", "\\u0964", "\\s"):
        assert needed in separator
    # The trimmer would strip every non-ASCII character from a token; the stemmer breaks
    # Material's wildcard queries (see mkdocs.yml).
    assert index["config"]["pipeline"] == ["stopWordFilter"]
    # jieba segmented the Chinese text at build time with zero-width spaces.
    chinese = [doc["text"] for doc in index["docs"] if doc["location"].startswith("providers/")]
    assert any("\u200b控制台\u200b" in text for text in chinese)
    locations = {doc["location"].split("/")[0] for doc in index["docs"]}
    assert {"en", "bn"} <= locations
