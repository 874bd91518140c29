"""A folder, space or file name -> the language it names, read with langcodes (any name, any code form)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["language_code", "language_label", "looks_like_language_folder", "region_language"]


@lru_cache(maxsize=1)
def _langcodes() -> Any:
    """langcodes, imported on first use: its tables take ~90 ms, and a site whose mkdocs.yml
    declares its languages never needs them (every command pays the import at start-up)."""
    import langcodes
    return langcodes


def _tag_error() -> type[Exception]:
    from langcodes.tag_parser import LanguageTagError
    return LanguageTagError


@lru_cache(maxsize=4096)
def _code(name: str) -> str:
    """A registered BCP 47 tag in any case or separator (`zh_Hant`, `PT-br`), standardized; else ""."""
    tag = name.strip().replace("_", "-")
    if not tag or " " in tag:
        return ""
    try:
        language = _langcodes().Language.get(tag)
    except (_tag_error(), ValueError):
        return ""
    # is_valid: every subtag is in the IANA registry, so `docs`, `img`, `blog` are not languages
    if not language.is_valid() or not language.language or language.language == "und":
        return ""
    return str(language)


@lru_cache(maxsize=4096)
def _name(name: str) -> str:
    """A language's name in English or in itself (`greek`, `traditional-chinese`, `Deutsch`, `繁體中文`)."""
    words = name.strip().replace("-", " ").replace("_", " ")
    if len(words.replace(" ", "")) < 4:
        # Two or three letters are a code or nothing: as a name, `ua` would be found as Abu'
        # Arapesh and `ir` as Iranian Persian's neighbour Irarutu; a country code is read by
        # region_language, from the pages it holds.
        return ""
    try:
        return str(_langcodes().find(words))
    except LookupError:
        return ""


def language_code(name: str) -> str:
    """The language tag a folder or space name means (`greek` -> el, `zh_Hant` -> zh-Hant), or "".

    A code is tried before a name: `en` is English even though some language is named "En".
    """
    return _code(name) or _name(name)


def looks_like_language_folder(name: str) -> str:
    """The language of a folder found in a tree nobody declared, or "" when it is likely not one.

    Registered three-letter codes include ordinary folder words (`api` is Apinayé, `css`,
    `src`, and `how-to` reads as Hown in Tonga): undeclared, only tags whose language is a
    two-letter code (`de`, `pt-BR`, `zh-Hant`) and written-out language names count.
    """
    code = _code(name)
    if code:
        return code if len(code.split("-")[0]) == 2 else ""
    return _name(name)


@lru_cache(maxsize=256)
def region_language(name: str) -> str:
    """The main language of the country a two-letter folder name codes (`jp` -> ja, `kr` -> ko,
    `tw` -> zh-Hant, `br` -> pt), from CLDR's likely subtags; "" when it codes no country.

    Folders are often named after countries, not languages; some of those names are also
    codes of other languages (`kr` Kanuri, `se` Northern Sami): which reading a folder means
    is for its pages to say (site/layouts.py), not for this function.
    """
    if len(name) != 2 or not name.isascii() or not name.isalpha():
        return ""
    try:
        place = _langcodes().Language.get(f"und-{name.upper()}")
    except (_tag_error(), ValueError):
        return ""
    country = place.territory_name()
    if not place.is_valid() or country.startswith(("Unknown", "Private")):
        return ""
    likely = place.maximize()
    if not likely.language or likely.language == "und":
        return ""
    # the script only where it is not the language's own default (zh-Hant for Taiwan)
    usual = _langcodes().Language.get(likely.language).maximize().script
    return likely.language if likely.script == usual else f"{likely.language}-{likely.script}"


@lru_cache(maxsize=256)
def language_label(code: str) -> str:
    """The language's name in itself (`de` -> Deutsch), as a language menu shows it; else the code."""
    try:
        label = _langcodes().Language.get(code).autonym()
    except (_tag_error(), ValueError, LookupError):
        return code
    return label[:1].upper() + label[1:] if label else code
