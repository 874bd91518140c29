"""Hugo sites as Hugo serves them: content/<lang>/ or about.fr.md, _index.md sections, static/, page bundles."""

from __future__ import annotations

from pathlib import Path

import pytest

from docverify.cli import main
from docverify.page.parse import parse_page
from docverify.site.config import folder_config
from docverify.site.layouts import read_tree
from tests.site.test_folder_language import PROSE
from tests.site.test_site_generators import _found, _write

FR = ("Ouvrez les paramètres, choisissez le fournisseur et collez la clé que vous avez créée dans la console. "
      "Ajoutez ensuite le modèle que vous voulez utiliser et envoyez un premier message pour vérifier qu'il répond.")


def _docsy(root: Path, config: str = "defaultContentLanguage = 'en'\n") -> Path:
    """A Docsy-like site: content/en/ and content/zh-cn/, TOML and YAML front matter, a section
    page (_index.md), a page bundle with its screenshot, a shared image in static/."""
    en, zh = PROSE["en"], PROSE["zh-Hant"]
    return _write(root, {
        "hugo.toml": "baseURL = 'https://example.org/'\n" + config + "[languages.en]\nweight = 1\n"
                     "[languages.zh-cn]\nweight = 2\n",
        "README.md": "# Docsy example\n\nThe site of the project, built with Hugo and the Docsy theme.\n",
        "content/en/_index.md": "+++\ntitle = 'Example'\nlinkTitle = 'Home'\n+++\n\n" + en
                                + "\n\nStart with the [docs](/docs/) or [setup](/docs/setup/).\n",
        "content/en/docs/_index.md": "---\ntitle: Documentation\nlinkTitle: Docs\nweight: 20\n---\n\n" + en
                                     + "\n\n- [Intro]({{< relref \"intro.md\" >}})\n- [Install](setup/#install)\n",
        "content/en/docs/intro.md": "---\ntitle: Intro\ntranslationKey: intro\n---\n\n" + en
                                    + "\n\n![arch](/images/arch.png)\n\nNext: [Setup]({{< ref \"setup.md#install\" >}})."
                                    "\n\n{{% alert title=\"Note\" %}}\nKeep your key private.\n{{% /alert %}}\n",
        "content/en/docs/setup/index.md": "---\ntitle: Setup\n---\n\n" + en + "\n\n## Install\n\n![shot](shot.png)"
                                          "\n\nSee the [intro](/docs/intro/) and [home](/).\n",
        "content/en/docs/setup/shot.png": "",
        "content/zh-cn/_index.md": "+++\ntitle = '示例'\n+++\n\n" + zh
                                   + "\n\n從 [文件](/zh-cn/docs/) 或 [設定](/zh-cn/docs/setup/) 開始。\n",
        "content/zh-cn/docs/_index.md": "---\ntitle: 文件\n---\n\n" + zh
                                        + "\n\n- [介紹]({{< relref \"intro.md\" >}})\n- [安裝](setup/#install)\n",
        "content/zh-cn/docs/intro.md": "---\ntitle: 介紹\ntranslationKey: intro\n---\n\n" + zh
                                       + "\n\n![arch](/images/arch.png)\n\n下一步：[設定]({{< ref \"setup.md#install\" >}})。"
                                       "\n\n{{% alert title=\"注意\" %}}\n請保管好你的金鑰。\n{{% /alert %}}\n",
        # the bundle's screenshot is not copied: Hugo gives it the English bundle's
        "content/zh-cn/docs/setup/index.md": "---\ntitle: 設定\n---\n\n" + zh + "\n\n## Install\n\n![shot](shot.png)"
                                             "\n\n見 [介紹](/zh-cn/docs/intro/) 和 [首頁](/zh-cn/)。\n",
        "static/images/arch.png": "",
        "layouts/partials/hooks/head-end.html": "<meta>\n",
    })


def test_a_docsy_site_as_hugo_serves_it_has_no_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _docsy(tmp_path)
    tree = read_tree(root)
    assert (tree.kind, tree.source, tree.generator) == ("folders", "en", "hugo")
    assert dict(tree.folders) == {"content/en": "en", "content/zh-cn": "zh-CN"}
    # /docs/ is the section's _index.md, /zh-cn/… the Chinese folder's pages, /images/ static/'s
    # files; zh-cn's setup bundle shows the English bundle's shot.png; shortcodes are Hugo's
    assert main(["check", str(root), "--format", "json"]) == 0
    assert _found(capsys.readouterr().out, root) == []


def test_drift_in_a_hugo_site_is_still_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _docsy(tmp_path)
    (root / "content/en/docs/setup/shot.png").unlink()          # no bundle has it now
    (root / "static/images/arch.png").unlink()
    page = root / "content/zh-cn/docs/setup/index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("/zh-cn/docs/intro/", "/zh-cn/docs/intro-old/")
                    .replace("/zh-cn/)", "/zh-cn/docs/setup/start.md)"), encoding="utf-8")
    main(["check", str(root), "--format", "json"])
    found = [(check, path) for check, path, _ in _found(capsys.readouterr().out, root)]
    assert found == [("asset.missing", "content/en/docs/intro.md"),
                     ("asset.missing", "content/en/docs/setup/index.md"),
                     ("asset.missing", "content/zh-cn/docs/intro.md"),
                     ("asset.missing", "content/zh-cn/docs/setup/index.md"),
                     ("link.broken", "content/zh-cn/docs/setup/index.md"),
                     ("link.broken", "content/zh-cn/docs/setup/index.md"),
                     ("parity.link", "content/zh-cn/docs/setup/index.md")]     # its links differ now, too


def test_a_page_missing_in_a_language_is_not_served_from_another(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    root = _docsy(tmp_path)
    (root / "content/zh-cn/docs/intro.md").unlink()    # Hugo has no /zh-cn/docs/intro/ now
    main(["check", str(root), "--format", "json"])
    found = [(check, path, message) for check, path, message in _found(capsys.readouterr().out, root)]
    assert [(check, path) for check, path, _ in found] == [
        ("link.broken", "content/zh-cn/docs/setup/index.md"), ("parity.link", "content/zh-cn/docs/setup/index.md"),
        ("translation.missing", "content/en/docs/intro.md")]
    assert "'/zh-cn/docs/intro/'" in found[0][2] and "`/zh-cn/docs/intro/`" in found[1][2]


def test_the_source_language_is_hugos_default_content_language(tmp_path: Path) -> None:
    for name, text in (("hugo.toml", "defaultContentLanguage = 'zh-cn'\n"),
                       ("config/_default/hugo.yaml", "defaultContentLanguage: zh-cn\n"),
                       ("config.json", '{"DefaultContentLanguage": "zh-cn"}\n')):
        root = _docsy(tmp_path / name.replace("/", "_"), config="")
        (root / "hugo.toml").unlink()
        _write(root, {name: text})
        tree = read_tree(root)
        assert (tree.source, tree.generator) == ("zh-CN", "hugo"), name
        assert read_tree(root, source_lang="en").source == "en"      # --lang decides
    plain = _write(tmp_path / "plain", {"content/en/docs/a.md": "# A\n\n" + PROSE["en"] + "\n",
                                        "content/zh-cn/docs/a.md": "# A\n\n" + PROSE["zh-Hant"] + "\n"})
    assert (read_tree(plain).generator, read_tree(plain).kind) == ("", "folders")   # no Hugo config


def _by_file_name(root: Path) -> Path:
    """Hugo's other way: translations beside their page in content/ (about.md, about.fr.md)."""
    en = PROSE["en"]
    return _write(root, {
        "config.toml": "defaultContentLanguage = 'en'\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n",
        "README.md": "# My site\n\nThe sources of my site.\n",
        "content/_index.md": "---\ntitle: Home\n---\n\n" + en + "\n\n[About](/about/) and [posts](/posts/).\n",
        "content/_index.fr.md": "---\ntitle: Accueil\n---\n\n" + FR + "\n\n[À propos](/fr/about/) et [articles](/fr/posts/).\n",
        "content/about.md": "+++\ntitle = 'About'\n+++\n\n" + en + "\n\n![me](/images/me.png)\n",
        "content/about.fr.md": "+++\ntitle = 'À propos'\n+++\n\n" + FR + "\n\n![me](/images/me.png)\n",
        "content/posts/_index.md": "---\ntitle: Posts\n---\n\n" + en + "\n",
        "content/posts/_index.fr.md": "---\ntitle: Articles\n---\n\n" + FR + "\n",
        "content/posts/first.md": "---\ntitle: First\n---\n\n" + en + "\n",   # not translated: no finding
        "static/images/me.png": "",
    })


def test_hugo_translations_by_file_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _by_file_name(tmp_path)
    tree = read_tree(root)
    assert (tree.kind, tree.source, tree.generator) == ("suffixed", "en", "hugo")
    assert dict(tree.markers) == {".en": "en", ".fr": "fr"}      # the keys of its [languages]
    assert folder_config(root).locate(root / "content/about.fr.md") == ("content/about.md", "fr")
    assert main(["check", str(root), "--format", "json"]) == 0
    assert _found(capsys.readouterr().out, root) == []
    (root / "content/about.fr.md").unlink()        # /fr/about/ is gone; about.md is translated into nothing
    main(["check", str(root), "--format", "json"])
    assert [(check, path) for check, path, _ in _found(capsys.readouterr().out, root)] == [
        ("link.broken", "content/_index.fr.md"), ("parity.link", "content/_index.fr.md")]


def test_a_single_language_hugo_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _write(tmp_path, {"hugo.yaml": "title: Blog\n", "content/_index.md": "# Home\n\n[Docs](/docs/)\n",
                             "content/docs/_index.md": "# Docs\n\n[Home](/) ![x](/x.png) [gone](/gone/)\n",
                             "static/x.png": ""})
    main(["check", str(root), "--format", "json"])
    found = _found(capsys.readouterr().out, root)
    assert [(check, path) for check, path, _ in found] == [("link.broken", "content/docs/_index.md")]
    assert "'/gone/'" in found[0][2]


def _every_file_marked(root: Path, languages: dict[str, str]) -> Path:
    """Hugo's documented shape: about.en.md and about.fr.md (no unmarked file), a bundle with
    index.en.md and index.pt-br.md sharing its map, the languages in config/_default/languages.toml."""
    en = PROSE["en"]
    return _write(root, {
        "config/_default/hugo.toml": "title = 'Travels'\n",
        "config/_default/languages.toml": "".join(f"[{key}]\nweight = {n}\n" for n, key in enumerate(languages)),
        "content/_index.en.md": "---\ntitle: Home\n---\n\n" + en + "\n\n[About](/about/) [trip](/posts/trip/)\n",
        "content/_index.pt-br.md": "---\ntitle: Início\n---\n\n" + PROSE["pt"]
                                   + "\n\n[Sobre](/pt-br/about/) [viagem](/pt-br/posts/trip/)\n",
        "content/about.en.md": "+++\ntitle = 'About'\n+++\n\n" + en + "\n",
        "content/about.pt-br.md": "+++\ntitle = 'Sobre'\n+++\n\n" + PROSE["pt"] + "\n",
        "content/posts/trip/index.en.md": "---\ntitle: Trip\n---\n\n" + en + "\n\n![map](map.png) [guide](guide.pdf)\n",
        "content/posts/trip/index.pt-br.md": "---\ntitle: Viagem\n---\n\n" + PROSE["pt"]
                                             + "\n\n![mapa](map.png) [guia](guide.pdf)\n",
        "content/posts/trip/map.png": "", "content/posts/trip/guide.pdf": "",
    })


def test_hugo_translations_with_every_file_marked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _every_file_marked(tmp_path, {"en": "English", "pt-br": "Português"})
    tree = read_tree(root)
    assert (tree.kind, tree.source, dict(tree.markers)) == ("suffixed", "en", {".en": "en", ".pt-br": "pt-BR"})
    config = folder_config(root)
    assert config.locate(root / "content/about.en.md") == ("content/about.md", "en")
    assert config.path_for("content/posts/trip/index.md", "en") == root / "content/posts/trip/index.en.md"
    assert main(["check", str(root), "--format", "json"]) == 0
    assert _found(capsys.readouterr().out, root) == []
    (root / "content/posts/trip/map.png").unlink()
    (root / "content/about.pt-br.md").unlink()
    main(["check", str(root), "--format", "json"])
    assert [(check, path) for check, path, _ in _found(capsys.readouterr().out, root)] == [
        ("asset.missing", "content/posts/trip/index.en.md"), ("asset.missing", "content/posts/trip/index.pt-br.md"),
        ("link.broken", "content/_index.pt-br.md"), ("parity.link", "content/_index.pt-br.md")]


def test_a_language_key_no_page_carries_is_no_layout(tmp_path: Path) -> None:
    root = _every_file_marked(tmp_path, {"en": "English", "pt-br": "Português"})
    for path in root.glob("content/**/*.pt-br.md"):
        path.unlink()
    assert read_tree(root).kind == "plain" and read_tree(root).generator == "hugo"


def test_the_default_language_under_its_key_only_when_hugo_puts_it_there(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for in_subdir, broken in ((True, []), (False, [("link.broken", "content/zh-cn/docs/_index.md")])):
        root = _docsy(tmp_path / str(in_subdir), config=f"defaultContentLanguage = 'en'\n"
                                                       f"defaultContentLanguageInSubdir = {str(in_subdir).lower()}\n")
        page = root / "content/zh-cn/docs/_index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n[English](/en/docs/)\n", encoding="utf-8")
        main(["check", str(root), "--format", "json"])
        assert [(check, path) for check, path, _ in _found(capsys.readouterr().out, root)
                if check != "parity.link"] == broken


def test_a_language_key_whose_content_dir_is_named_otherwise(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    root = _docsy(tmp_path)
    (root / "hugo.toml").write_text("defaultContentLanguage = 'en'\n[languages.en]\ncontentDir = 'content/en'\n"
                                    "[languages.zh-cn]\ncontentDir = 'content/chinese'\n", encoding="utf-8")
    (root / "content/zh-cn").rename(root / "content/chinese")
    tree = read_tree(root)
    assert dict(tree.folders) == {"content/en": "en", "content/chinese": "zh"}
    assert tree.url_languages["zh-cn"] == "zh"          # /zh-cn/ serves content/chinese/
    assert main(["check", str(root), "--format", "json"]) == 0
    assert _found(capsys.readouterr().out, root) == []


def test_toml_front_matter_is_the_pages_metadata_not_its_prose(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    root = _docsy(tmp_path)
    toml = ("+++\ntitle = \"常见问题\"\nlinkTitle = \"FAQ\"\nweight = 30\n"
            "description = \"Frequently asked questions about keys, models and rate limits of the service.\"\n"
            "[menu.main]\nparent = \"docs\"\nidentifier = \"frequently-asked-questions\"\n+++\n\n")
    _write(root, {"content/en/docs/faq.md": toml.replace("常见问题", "FAQ") + "## Keys\n\n" + PROSE["en"] + "\n",
                  "content/zh-cn/docs/faq.md": toml + "## 金鑰\n\n" + PROSE["zh-Hant"] + "\n"})
    page = parse_page(root / "content/zh-cn/docs/faq.md", folder_config(root))
    assert (page.title, page.front_matter["weight"], page.headings[0].line) == ("常见问题", 30, 11)
    assert main(["check", str(root), "--format", "json"]) == 0
    assert _found(capsys.readouterr().out, root) == []
    zh = root / "content/zh-cn/docs/faq.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace(PROSE["zh-Hant"], PROSE["en"]), encoding="utf-8")
    main(["check", str(root), "--format", "json"])
    assert [(check, path) for check, path, _ in _found(capsys.readouterr().out, root)] == [
        ("translation.language", "content/zh-cn/docs/faq.md")]      # the body left in English still is


def test_a_partly_translated_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """pt-br has the home page and the docs section only: its link to setup/ leads nowhere (Hugo
    serves no page from another language), and its home page lacks the link to /docs/setup/."""
    root = _docsy(tmp_path)
    _write(root, {"content/pt-br/_index.md": "---\ntitle: Exemplo\n---\n\n" + PROSE["pt"]
                  + "\n\n[Documentação](/pt-br/docs/) e [imagem](/images/arch.png)\n",
                  "content/pt-br/docs/_index.md": "---\ntitle: Documentação\n---\n\n" + PROSE["pt"]
                  + "\n\n- [Introdução]({{< relref \"intro.md\" >}})\n- [Instalar](setup/#install)\n"})
    assert read_tree(root).url_languages == {"pt-br": "pt-BR", "zh-cn": "zh-CN"}
    main(["check", str(root), "--format", "json"])
    found = _found(capsys.readouterr().out, root)
    assert [(check, path) for check, path, _ in found] == [
        ("link.broken", "content/pt-br/docs/_index.md"),
        ("parity.link", "content/pt-br/_index.md"), ("parity.link", "content/pt-br/docs/_index.md"),
        ("translation.missing", "content/en/docs/intro.md"), ("translation.missing", "content/en/docs/setup/index.md")]
    assert "only in the source: `/docs/setup/`; link target only in the translation: `/images/arch.png`" in found[1][2]


def test_a_themes_own_docs_and_the_archetypes_are_no_pages_of_the_site(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _docsy(tmp_path)
    _write(root, {
        "themes/docsy/README.md": "# Docsy\n\nRead [the guidelines](/docs/contribution-guidelines/).\n",
        "themes/docsy/userguide/content/en/docs/_index.md":
            "---\ntitle: Welcome\n---\n\n[Get started](/docs/get-started/) ![logo](/images/docsy.png)\n",
        "archetypes/default.md": "+++\ntitle = '{{ replace .File.ContentBaseName \"-\" \" \" | title }}'\n"
                                 "date = {{ .Date }}\ndraft = true\n+++\n",
    })
    assert main(["check", str(root), "--format", "json"]) == 0
    assert _found(capsys.readouterr().out, root) == []
    # named on its own, a theme's page is still read
    main(["check", str(root / "themes/docsy/README.md")])
    assert "1 pages checked" in capsys.readouterr().out
