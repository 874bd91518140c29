"""Folder and space names -> languages with langcodes: names in English or natively, codes in any form."""

from __future__ import annotations

import pytest

from docverify.site.languages import language_code, language_label, looks_like_language_folder


@pytest.mark.parametrize(("name", "code"), [
    ("greek", "el"), ("traditional-chinese", "zh-Hant"), ("Deutsch", "de"), ("繁體中文", "zh-Hant"),
    ("zh-TW", "zh-TW"), ("zh_Hant", "zh-Hant"), ("pt-BR", "pt-BR"), ("pt_br", "pt-BR"),
    ("english", "en"), ("EN", "en"), ("bangla", "bn"), ("русский", "ru"), ("simplified-chinese", "zh-Hans"),
])
def test_names_and_codes(name: str, code: str) -> None:
    assert language_code(name) == code


@pytest.mark.parametrize("name", ["assets", "images", "guide", "docs", "img", "blog", "about", "v2",
                                  "advanced-basic", "knowledge-base", "contact-us"])
def test_folder_words_are_no_language(name: str) -> None:
    assert language_code(name) == "" and looks_like_language_folder(name) == ""


@pytest.mark.parametrize("name", ["api", "css", "src", "how-to"])
def test_registered_three_letter_words_count_only_when_declared(name: str) -> None:
    # `api` is Apinayé: a space under i18n/ may be named so, an undeclared folder is a folder
    assert language_code(name) != "" and looks_like_language_folder(name) == ""


def test_labels_are_autonyms() -> None:
    assert language_label("de") == "Deutsch" and language_label("el") == "Ελληνικά"
    assert language_label("ja") == "日本語"
