"""Write one small labelled SVG placeholder per screenshot and language the guides show but do not have.

The seed's screenshots were never published with it. Rather than a broken image, every guide
shows a compact placeholder in its own language: a slim frame that says "screenshot not
available" (the figure's caption under it says what the screenshot would show; the SVG's
label repeats it for screen readers), so a reader knows what is missing without it taking
the place of the text. Each language has its own file, `name.<lang>.svg`, the way
mkdocs-static-i18n localizes a file: the pages link `name.svg` and each language's build
serves its own (docverify's asset check reads it the same way).
Run from the repository root: `.venv/bin/python tools/make_placeholders.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docverify.fsutil import atomic_write_text  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "assets" / "screenshots"

# What the frame says, per language; a language not listed reads English.
NOT_AVAILABLE: dict[str, str] = {
    "en": "Screenshot not available",
    "zh": "截图暂缺",
    "bn": "স্ক্রিনশট পাওয়া যায়নি",
}

# name -> caption per language; the pages use the same captions under the image.
SCREENSHOTS: dict[str, dict[str, str]] = {
    "doubao-console-login": {
        "zh": "登录火山引擎控制台后进入方舟平台",
        "en": "The Ark platform after signing in to the Volcano Engine console",
        "bn": "ভলকানো ইঞ্জিন কনসোলে লগইন করার পর আর্ক প্ল্যাটফর্ম",
    },
    "doubao-api-key-create": {
        "zh": "在 API Key 管理页面创建 API Key",
        "en": "Creating an API key on the API key management page",
        "bn": "API কী ব্যবস্থাপনা পৃষ্ঠায় API কী তৈরি করা",
    },
    "doubao-api-key-view": {
        "zh": "点击眼睛图标查看并复制 API Key",
        "en": "Clicking the eye icon to reveal and copy the API key",
        "bn": "চোখের আইকনে ক্লিক করে API কী দেখা ও কপি করা",
    },
    "doubao-cherry-studio-key": {
        "zh": "在 Cherry Studio 中填入 API Key 并打开服务商开关",
        "en": "Entering the API key in Cherry Studio and switching the provider on",
        "bn": "Cherry Studio-তে API কী বসানো এবং প্রদানকারীর সুইচ চালু করা",
    },
    "doubao-activate-models": {
        "zh": "在开通管理中开通所需模型",
        "en": "Activating the models you need under activation management",
        "bn": "সক্রিয়করণ ব্যবস্থাপনায় প্রয়োজনীয় মডেল সক্রিয় করা",
    },
    "doubao-model-id-list": {
        "zh": "模型列表文档中的 Model ID",
        "en": "Model IDs in the model list documentation",
        "bn": "মডেল তালিকা ডকুমেন্টেশনে মডেল ID",
    },
    "doubao-cherry-studio-add-model": {
        "zh": "在 Cherry Studio 中添加模型",
        "en": "Adding a model in Cherry Studio",
        "bn": "Cherry Studio-তে মডেল যুক্ত করা",
    },
}

WIDTH, HEIGHT = 400, 40
FONTS = "'Noto Sans', 'Noto Sans SC', 'Noto Sans Bengali', 'PingFang SC', sans-serif"


def render(name: str, caption: str, lang: str) -> str:
    """The SVG text for one placeholder in `lang`: valid UTF-8 XML, the caption escaped."""
    notice = NOT_AVAILABLE.get(lang, NOT_AVAILABLE["en"])
    label = escape(f"{notice}: {caption}", {'"': "&quot;"})
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{label}" lang="{lang}" '
        f'data-screenshot="{name}">',
        f"<title>{label}</title>",
        f'<rect x="1" y="1" width="{WIDTH - 2}" height="{HEIGHT - 2}" rx="8" fill="#f9fafb" '
        'stroke="#d1d5db" stroke-width="1.5" stroke-dasharray="6 4"/>',
        f'<text x="{WIDTH // 2}" y="{HEIGHT // 2 + 5}" text-anchor="middle" font-family="{FONTS}" '
        f'font-size="14" fill="#92400e">{escape(notice)}</text>',
        "</svg>",
        "",
    ])


def main() -> int:
    written = 0
    for name, captions in SCREENSHOTS.items():
        for lang, caption in captions.items():
            atomic_write_text(OUT / f"{name}.{lang}.svg", render(name, caption, lang))
            written += 1
        (OUT / f"{name}.svg").unlink(missing_ok=True)   # the old one for every language
    print(f"wrote {written} placeholders ({len(SCREENSHOTS)} screenshots) to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
