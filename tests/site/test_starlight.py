"""Starlight (Astro) sites as Starlight serves them: each finding is one a reader of the built site would see."""

from __future__ import annotations

from pathlib import Path

import pytest

from docverify.site.layouts import read_tree
from tests.site.site_helpers import check_site as _found, edit as _edit_all, write_pages as _write
from tests.site.test_folder_language import PROSE


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    _edit_all(root, rel, old, new, 1)


DOCS = "src/content/docs"
CONFIG = """// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  integrations: [
    starlight({
      title: 'Gateway',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        'zh-cn': { label: '简体中文', lang: 'zh-CN' },
        'pt-br': { label: 'Português do Brasil', lang: 'pt-BR' },
      },
      sidebar: [{ label: 'Guides', autogenerate: { directory: 'guides' } }],
    }),
  ],
});
"""



def _home(lang: str, title: str, prefix: str) -> str:
    return f"""---
title: {title}
description: {PROSE[lang][:40]}
template: splash
hero:
  tagline: {PROSE[lang][:30]}
  image:
    file: {"../" * (2 + bool(prefix))}assets/houston.webp
  actions:
    - text: {title}
      link: {prefix}/guides/setup/
      icon: right-arrow
---

import {{ Card, CardGrid }} from '@astrojs/starlight/components';

## {title}

<CardGrid stagger>
  <Card title="{title}" icon="star">
    {PROSE[lang]}
  </Card>
</CardGrid>
"""


def _setup(lang: str, title: str, install: str, prefix: str, note: str) -> str:
    return f"""---
title: {title}
description: {PROSE[lang][:40]}
sidebar:
  order: 1
---

import {{ Aside, Tabs, TabItem }} from '@astrojs/starlight/components';

{PROSE[lang]}

:::note[{note}]
{PROSE[lang]}
:::

:::tip
{PROSE[lang]}
:::

<Aside type="caution" title="{note}">
  {PROSE[lang]}
</Aside>

## {install}

<Tabs>
  <TabItem label="npm">

```sh
npm install gateway
```

  </TabItem>
</Tabs>

## {install}

See [the reference]({prefix}/reference/config/#options) (from [its top]({prefix}/reference/config/#_top)), [the same](../../reference/config/#options),
[home]({prefix}/) and [the second install](#{install.lower().replace(" ", "-")}-1).

![Diagram]({"../" * (3 + bool(prefix))}assets/diagram.png)
"""


def _config_ref(lang: str, title: str, options: str) -> str:
    return f"""---
title: {title}
---

{PROSE[lang]}

## {options}

{PROSE[lang]}
"""


def starlight_site(root: Path) -> Path:
    """Starlight with English at the root locale and its zh-cn and pt-br translations."""
    return _write(root, {
        "astro.config.mjs": CONFIG,
        "package.json": '{"name": "gateway-docs", "type": "module"}\n',
        "README.md": "# Starlight Starter Kit\n\n" + PROSE["en"] + "\n",
        "src/content.config.ts": "export const collections = {};\n",
        "src/assets/houston.webp": "webp",
        "src/assets/diagram.png": "png",
        "public/favicon.svg": "<svg/>",
        f"{DOCS}/index.mdx": _home("en", "Gateway", ""),
        f"{DOCS}/guides/setup.mdx": _setup("en", "Setup", "Install the CLI", "", "Before you start"),
        f"{DOCS}/reference/config.md": _config_ref("en", "Configuration", "Options"),
        f"{DOCS}/zh-cn/index.mdx": _home("zh-Hant", "网关", "/zh-cn"),
        f"{DOCS}/zh-cn/guides/setup.mdx": _setup("zh-Hant", "设置", "Install the CLI", "/zh-cn", "开始之前"),
        f"{DOCS}/zh-cn/reference/config.md": _config_ref("zh-Hant", "配置", "Options"),
        f"{DOCS}/pt-br/index.mdx": _home("pt", "Gateway", "/pt-br"),
        f"{DOCS}/pt-br/guides/setup.mdx": _setup("pt", "Instalação", "Install the CLI", "/pt-br", "Antes de começar"),
    })





def test_a_starlight_site_as_it_serves_has_only_its_true_findings(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    root = starlight_site(tmp_path)
    tree = read_tree(root)
    assert (tree.kind, tree.generator, tree.source) == ("folders", "starlight", "en")
    # asides (:::note[Title], <Aside>), <Card>/<Tabs>, the hero front matter, the title's #_top, links by URL with
    # the locale and a trailing slash (/zh-cn/reference/config/), read from the page's URL
    # (../../reference/config/), and a locale served the root's page it lacks (pt-br's
    # /pt-br/reference/config/#options) are all as the reader finds them
    assert [(check, path) for check, path, _, _ in _found(root, capsys)] == [
        ("translation.missing", f"{DOCS}/reference/config.md")]


def test_links_by_url_lead_where_starlight_serves_and_nowhere_else(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    root = starlight_site(tmp_path)
    _edit(root, f"{DOCS}/zh-cn/guides/setup.mdx", "(/zh-cn/reference/config/#options)", "(/zh-cn/reference/setup/)")
    _edit(root, f"{DOCS}/guides/setup.mdx", "(../../reference/config/#options)", "(../reference/config/)")
    _edit(root, f"{DOCS}/pt-br/guides/setup.mdx", "(/pt-br/reference/config/#options)", "(/pt-br/reference/config/#opcoes)")
    _edit(root, f"{DOCS}/zh-cn/guides/setup.mdx", "[home](/zh-cn/)", "[home](../../reference/config.md)")
    found = [(check, path, message, hint) for check, path, message, hint in _found(root, capsys)
             if check.startswith("link.")]
    assert [(check, path) for check, path, _, _ in found] == [
        ("link.anchor", f"{DOCS}/pt-br/guides/setup.mdx"),     # the root's page, served to pt-br, has #options
        ("link.broken", f"{DOCS}/guides/setup.mdx"),           # /guides/setup/ + ../ is /guides/
        ("link.broken", f"{DOCS}/zh-cn/guides/setup.mdx"),
        ("link.broken", f"{DOCS}/zh-cn/guides/setup.mdx")]
    assert "#options" in found[0][3]
    assert "Starlight serves at /guides/reference/config/" in found[1][2]
    broken = sorted(message + " " + hint for _, _, message, hint in found[2:])
    assert "not the file (setup.md)" in broken[0]
    assert "Starlight serves at /zh-cn/reference/config.md" in broken[0]
    assert "Starlight serves at /zh-cn/reference/setup/" in broken[1]


def test_a_translations_image_path_keeps_its_own_depth(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = starlight_site(tmp_path)
    # copied from the source page, one folder shallower than the translation
    _edit(root, f"{DOCS}/zh-cn/guides/setup.mdx", "(../../../../assets/diagram.png)", "(../../../assets/diagram.png)")
    found = [(check, path, hint) for check, path, _, hint in _found(root, capsys) if check == "asset.missing"]
    assert found == [("asset.missing", f"{DOCS}/zh-cn/guides/setup.mdx",
                      "did you mean '../../../../assets/diagram.png'? (the path has the source page's depth)")]


def test_without_astro_the_language_folders_are_no_starlight_site(tmp_path: Path) -> None:
    root = starlight_site(tmp_path)
    (root / "astro.config.mjs").unlink()
    assert (read_tree(root).kind, read_tree(root).generator) == ("folders", "")


def test_heading_ids_are_github_sluggers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = starlight_site(tmp_path)
    # the translation renames the heading the English anchor named: Starlight ids it 选项
    _edit(root, f"{DOCS}/zh-cn/reference/config.md", "## Options", "## 选项")
    found = [(path, hint) for check, path, _, hint in _found(root, capsys) if check == "link.anchor"]
    assert found == [(f"{DOCS}/zh-cn/guides/setup.mdx", "use #选项")] * 2
    _edit(root, f"{DOCS}/zh-cn/guides/setup.mdx", "/zh-cn/reference/config/#options", "/zh-cn/reference/config/#选项")
    _edit(root, f"{DOCS}/zh-cn/guides/setup.mdx", "../../reference/config/#options", "../../reference/config/#选项")
    assert not [c for c, _, _, _ in _found(root, capsys) if c == "link.anchor"]


def test_a_link_to_a_markdown_file_works_only_with_a_plugin_that_rewrites_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = starlight_site(tmp_path)
    _edit(root, f"{DOCS}/guides/setup.mdx", "[home](/)", "[home](../index.mdx) · [config](../reference/config.md)")
    assert [path for check, path, _, _ in _found(root, capsys) if check == "link.broken"] == [
        f"{DOCS}/guides/setup.mdx"] * 2
    _edit(root, "astro.config.mjs", "import starlight from '@astrojs/starlight';",
          "import starlight from '@astrojs/starlight';\nimport relativeLinks from 'astro-rehype-relative-markdown-links';")
    assert not [c for c, _, _, _ in _found(root, capsys) if c == "link.broken"]


def test_a_translation_linking_the_source_languages_page_drifts_where_its_own_exists(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = starlight_site(tmp_path)
    # Starlight localizes no link: /reference/config/ shows a zh-cn reader the English page
    _edit(root, f"{DOCS}/zh-cn/guides/setup.mdx", "(/zh-cn/reference/config/#options)", "(/reference/config/#options)")
    # pt-br has no such page: the root locale's is what it serves anyway
    _edit(root, f"{DOCS}/pt-br/guides/setup.mdx", "(/pt-br/reference/config/#options)", "(/reference/config/#options)")
    found = [(check, path, message) for check, path, message, _ in _found(root, capsys) if check == "parity.link"]
    assert [(check, path) for check, path, _ in found] == [("parity.link", f"{DOCS}/zh-cn/guides/setup.mdx")]
    assert "only in the translation: `/reference/config/#options`" in found[0][2]
