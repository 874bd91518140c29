"""Recognise the "machine-translated, not yet reviewed" notice in the site's languages."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["NOTICE_PATTERNS", "is_machine_translation_notice"]

# (translated-by-a-machine, not-reviewed) per language; a notice needs both, so a page that merely
# talks about automatic translation ("自动翻译…不能替代…审校") is not taken for one.
NOTICE_PATTERNS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    ("en", re.compile(r"(?:translated\b.{0,40}\b(?:by|using|with)\s+(?:an?\s+)?(?:AI|LLM|machine)"
                      r"|machine[- ]translat|AI[- ]translat)", re.IGNORECASE | re.DOTALL),
     re.compile(r"not\s+(?:yet\s+)?(?:been\s+)?(?:reviewed|proofread|checked)", re.IGNORECASE)),
    ("zh", re.compile(r"(?:AI|人工智能|机器|機器).{0,20}翻[译譯]|翻[译譯].{0,10}(?:AI|人工智能|机器)", re.DOTALL),
     re.compile(r"(?:尚未|未经|未經|还未|還未|没有|沒有|未)(?:经过|經過)?(?:人工)?(?:审|審|校|review)")),
    ("ja", re.compile(r"(?:AI|機械翻訳|人工知能).{0,20}翻訳|機械翻訳", re.DOTALL),
     re.compile(r"レビューされていません|未レビュー|確認されていません|校正されていません")),
    ("bn", re.compile(r"(?:এআই|AI|মেশিন)\s*(?:দ্বারা|দিয়ে)?.{0,40}অনুবাদ", re.DOTALL),
     re.compile(unicodedata.normalize("NFC", r"পর্যালোচনা\s+করা\s+হয়নি|যাচাই\s+করা\s+হয়নি"))),
)


def is_machine_translation_notice(text: str) -> bool:
    """True when `text` says the page was translated by AI/a machine and is not reviewed."""
    # Bengali য় has a composed and a decomposed spelling; NFC gives both the same one.
    text = unicodedata.normalize("NFC", text)
    return any(done.search(text) and unreviewed.search(text) for _, done, unreviewed in NOTICE_PATTERNS)
