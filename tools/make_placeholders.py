"""Write one labelled SVG placeholder per screenshot the guides show but do not have.

The seed's screenshots were never published with it. Rather than a broken image, every
guide shows the same kind of placeholder: a grey frame that says "screenshot not available"
in the three site languages and repeats the caption, so a reader knows what is missing.
Run from the repository root: `.venv/bin/python tools/make_placeholders.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docverify.fsutil import atomic_write_text  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "assets" / "screenshots"

NOT_AVAILABLE = "截图暂缺 · Screenshot not available · স্ক্রিনশট পাওয়া যায়নি"

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

WIDTH, HEIGHT = 800, 300
FONTS = "'Noto Sans', 'Noto Sans SC', 'Noto Sans Bengali', 'PingFang SC', sans-serif"


def render(name: str, captions: dict[str, str]) -> str:
    """The SVG text for one placeholder: valid UTF-8 XML, every caption escaped."""
    lines = [f'<text x="{WIDTH // 2}" y="{150 + 40 * i}" font-size="20" fill="#444">'
             f'{escape(captions[lang])}</text>' for i, lang in enumerate(("zh", "en", "bn"))]
    title = escape(f"{NOT_AVAILABLE}: {captions['en']}", {'"': "&quot;"})
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{title}" data-screenshot="{name}">',
        f"<title>{title}</title>",
        f'<rect x="2" y="2" width="{WIDTH - 4}" height="{HEIGHT - 4}" rx="12" fill="#f3f4f6" '
        'stroke="#9ca3af" stroke-width="3" stroke-dasharray="12 8"/>',
        f'<g font-family="{FONTS}" text-anchor="middle">',
        f'<text x="{WIDTH // 2}" y="80" font-size="26" font-weight="bold" fill="#b45309">'
        f"{escape(NOT_AVAILABLE)}</text>",
        *lines,
        "</g>",
        "</svg>",
        "",
    ])


def main() -> int:
    for name, captions in SCREENSHOTS.items():
        atomic_write_text(OUT / f"{name}.svg", render(name, captions))
    print(f"wrote {len(SCREENSHOTS)} placeholders to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
