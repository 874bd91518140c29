"""Which language a piece of prose is in: the writing system first, py3langid where that cannot tell.

Most questions are answered by the script alone (Bengali letters in a Bengali page, Han without
kana in a Japanese one) at the cost of one regex. Only prose whose script several languages share
(Latin, Cyrillic, Han) and that is long enough to judge goes to py3langid (an offline model shipped
in its wheel), loaded on first use; answers are cached per text, since notices and footers repeat
on every page. Why py3langid: see tools/docverify/README.md (accuracy on short text measured there).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Guess", "SCRIPTS", "identify", "prose_fits", "prose_language", "same_language", "script_counts",
           "script_of"]

# Letters of each writing system (a letter may count for two: Han serves zh and ja).
SCRIPTS: dict[str, re.Pattern[str]] = {
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "greek": re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"),
    "kana": re.compile(r"[\u3041-\u309f\u30a0-\u30ff\uff66-\uff9f]"),
    "hangul": re.compile(r"[\uac00-\ud7af\u1100-\u11ff]"),
    "bengali": re.compile(r"[\u0980-\u09ff]"),
    "devanagari": re.compile(r"[\u0900-\u097f]"),
    "arabic": re.compile(r"[\u0600-\u06ff]"),
    "hebrew": re.compile(r"[\u0590-\u05ff]"),
    "thai": re.compile(r"[\u0e00-\u0e7f]"),
}
# The script each language is written in; a language not listed is judged by py3langid alone.
_NON_LATIN = {"el": "greek", "ru": "cyrillic", "uk": "cyrillic", "bg": "cyrillic", "sr": "cyrillic",
              "zh": "han", "ja": "kana", "ko": "hangul", "bn": "bengali", "hi": "devanagari",
              "mr": "devanagari", "ne": "devanagari", "ar": "arabic", "fa": "arabic", "ur": "arabic",
              "he": "hebrew", "th": "thai"}


def script_of(lang: str) -> str:
    """The writing system of a language code ("zh-Hant" -> han, "pt-BR" -> latin)."""
    base = lang.split("-")[0].split("_")[0].lower()
    return _NON_LATIN.get(base, "latin")


def script_counts(text: str) -> dict[str, int]:
    """Letters per writing system (ASCII text is all Latin: the common case, one check)."""
    if text.isascii():
        return {"latin": sum(c.isalpha() for c in text)}
    out = {}
    for name, pattern in SCRIPTS.items():
        n = len(pattern.findall(text))
        if n:
            out[name] = n
    return out


@dataclass(frozen=True, slots=True)
class Guess:
    lang: str          # ISO 639-1 code, as py3langid names languages
    probability: float


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier    # numpy and the model: ~0.5 s, once
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=8192)
def identify(text: str) -> tuple[Guess, ...]:
    """The three likeliest languages of `text`, likeliest first (cached per text)."""
    ranked = _identifier().rank(text)[:3]
    return tuple(Guess(str(lang), float(p)) for lang, p in ranked)


def prose_fits(lang: str, text: str) -> bool | None:
    """Whether `text` reads as written in `lang`: its writing system first, py3langid for the
    languages a script shares; None when there is too little prose to tell."""
    counts = script_counts(text)
    total = sum(counts.values())
    if total < 50:
        return None
    others = {name: n for name, n in counts.items() if name != "latin"}
    foreign = sum(others.values())
    want = script_of(lang)
    if want == "latin":
        if foreign > 0.2 * total:
            return False
        guesses = identify(text)
        return bool(guesses) and guesses[0].lang == lang.split("-")[0].lower()
    if foreign < 0.2 * total:
        return False
    kana = counts.get("kana", 0)
    if want == "kana":      # Japanese: Han with kana in any real sentence
        return kana >= 0.1 * foreign
    if want == "han":
        return counts.get("han", 0) >= 0.5 * foreign and kana < 0.1 * foreign
    return counts.get(want, 0) >= 0.5 * foreign


def prose_language(text: str) -> str:
    """The language `text` is written in, as py3langid names it, when it is sure; else ""."""
    if sum(script_counts(text).values()) < 50:
        return ""
    guesses = identify(text)
    return guesses[0].lang if guesses and guesses[0].probability >= 0.9 else ""


# A word of a space-separated script, or one CJK character (those scripts do not space words).
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\d_]+")


def same_language(a: str, b: str) -> bool | None:
    """Whether two samples of prose are written in one language, from the words `a` uses most
    (the little words a language repeats on every page: two languages share few of them, two
    pages of one language most); None when either sample is too short to tell. No model."""
    words_a = [w.lower() for w in _TOKEN.findall(a)]
    words_b = [w.lower() for w in _TOKEN.findall(b)]
    if len(words_a) < 30 or len(words_b) < 30:
        return None

    def share(words: list[str], other: set[str]) -> float:
        top = [w for w, _ in Counter(words).most_common(20)]
        return sum(w in other for w in top) / len(top)

    # both ways: prose quoting another language (product names, an English term) is not that language
    return min(share(words_a, set(words_b)), share(words_b, set(words_a))) >= 0.5
