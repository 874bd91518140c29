"""Small GitBook trees of the shapes real multi-language docs have, written by the tests that use them."""

from __future__ import annotations

from pathlib import Path

# i18n space folders as the Cherry Studio repository names them, and what they mean
NINE_SPACES = {"english": "en", "greek": "el", "traditional-chinese": "zh-Hant", "japanese": "ja",
               "korean": "ko", "russian": "ru", "french": "fr", "spanish": "es"}
# a classic GitBook: one folder per language, listed in the root SUMMARY.md by native name
ELEVEN = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español", "ja": "日本語",
          "zh-tw": "繁體中文", "pt-br": "Português", "ru": "Русский", "ko": "한국어", "it": "Italiano",
          "el": "Ελληνικά"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def _space(prefix: str, title: str) -> dict[str, str | bytes]:
    return {
        f"{prefix}SUMMARY.md": f"# Summary\n\n* [{title}](README.md)\n* [Start](guide/start.md)\n",
        f"{prefix}README.md": f"# {title}\n\nSee [start](guide/start.md).\n",
        f"{prefix}guide/start.md": "# Start\n\n![shot](../.gitbook/assets/shot.png)\n\n"
                                   "```bash\ncurl https://api.example.com/v1/models\n```\n",
        f"{prefix}.gitbook/assets/shot.png": PNG,
    }


def nine_space_gitbook(root: Path, *, extra: str = "") -> Path:
    """A GitBook repository: a Chinese root space and eight translated spaces under i18n/."""
    files = _space("", "首页")
    for folder in NINE_SPACES:
        files.update(_space(f"i18n/{folder}/", folder.title()))
    if extra:
        files.update(_space(f"i18n/{extra}/", extra))
    return write(root, files)


def classic_gitbook(root: Path, *, missing: dict[str, tuple[str, ...]] | None = None) -> Path:
    """GitBook's multi-language book: a root SUMMARY.md listing eleven language folders, each a
    space with its own SUMMARY.md; `missing` leaves pages out of some languages."""
    files: dict[str, str | bytes] = {
        "SUMMARY.md": "# Languages\n\n" + "".join(f"* [{name}]({code}/README.md)\n" for code, name in ELEVEN.items()),
        "assets/logo.png": PNG,     # shared by every language, above the language folders
    }
    for code in ELEVEN:
        files.update({
            f"{code}/SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Install](install.md)\n"
                                  "* [Usage](usage.md)\n",
            f"{code}/README.md": f"# {ELEVEN[code]}\n\n[Install](install.md) and [usage](usage.md).\n\n"
                                 "![logo](../assets/logo.png)\n",
            f"{code}/install.md": "# Install\n\n```bash\ncurl -s https://api.example.com/v1/models\n```\n",
            f"{code}/usage.md": "# Usage\n\n![panel](panel.png)\n\n```python\nclient.chat(model=\"gpt-4o\")\n```\n",
            f"{code}/panel.png": PNG,
        })
    for code, pages in (missing or {}).items():
        for page in pages:
            files.pop(f"{code}/{page}")
    return write(root, files)
