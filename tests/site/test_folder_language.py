"""Folders named after countries (`jp/`, `kr/`, `br/`): read by what their pages are written in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docverify.cli import main
from docverify.site.config import folder_config
from docverify.site.folder_language import folder_language
from docverify.site.languages import region_language
from docverify.site.layouts import read_tree

# One guide page in each language (written here): enough prose for its script and words to show.
PROSE = {
    "en": "Open the settings, choose the provider and paste the key you created in the console. "
          "Then add the model you want to use and send a first message to check that it answers.",
    "ja": "設定を開いてプロバイダーを選び、コンソールで作成したキーを貼り付けてください。"
          "次に使いたいモデルを追加し、最初のメッセージを送って応答を確認します。",
    "ko": "설정을 열고 공급자를 선택한 다음 콘솔에서 만든 키를 붙여 넣으세요. "
          "그런 다음 사용할 모델을 추가하고 첫 메시지를 보내 응답하는지 확인합니다.",
    "zh-Hant": "打開設定，選擇服務商，貼上你在控制台建立的金鑰。接著加入想使用的模型，"
               "送出第一則訊息，確認它有回應。這樣就完成了所有的設定步驟。",
    "pt": "Abra as configurações, escolha o provedor e cole a chave que você criou no console. "
          "Depois adicione o modelo que deseja usar e envie uma primeira mensagem para conferir a resposta.",
    "sv": "Öppna inställningarna, välj leverantören och klistra in nyckeln som du skapade i konsolen. "
          "Lägg sedan till modellen du vill använda och skicka ett första meddelande för att se att den svarar.",
    "ca": "Obre la configuració, tria el proveïdor i enganxa la clau que has creat a la consola. "
          "Després afegeix el model que vols fer servir i envia un primer missatge per comprovar que respon.",
    "el": "Ανοίξτε τις ρυθμίσεις, επιλέξτε τον πάροχο και επικολλήστε το κλειδί που δημιουργήσατε στην κονσόλα. "
          "Μετά προσθέστε το μοντέλο που θέλετε και στείλτε ένα πρώτο μήνυμα.",
}


def _page(lang: str, title: str = "Guide") -> str:
    return f"# {title}\n\n{PROSE[lang]}\n\n```bash\ncurl https://api.example.com/v1/models\n```\n"


def _folders(root: Path, folders: dict[str, str]) -> Path:
    """One folder per entry (folder name -> the language its pages are written in)."""
    for name, lang in folders.items():
        for page in ("index.md", "guide/setup.md"):
            path = root / name / page
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_page(lang), encoding="utf-8")
    return root


@pytest.mark.parametrize(("name", "country"), [("jp", "ja"), ("kr", "ko"), ("cn", "zh"), ("tw", "zh-Hant"),
                                               ("gr", "el"), ("ua", "uk"), ("br", "pt"), ("se", "sv")])
def test_a_country_code_names_its_language(name: str, country: str) -> None:
    assert region_language(name) == country


@pytest.mark.parametrize("name", ["qq", "zz", "docs", "api", "x1"])
def test_what_codes_no_country_has_no_country_language(name: str) -> None:
    assert region_language(name) == ""


def test_country_named_folders_read_by_their_pages(tmp_path: Path) -> None:
    root = _folders(tmp_path, {"en": "en", "jp": "ja", "kr": "ko", "tw": "zh-Hant", "br": "pt", "se": "sv"})
    tree = read_tree(root)
    assert tree.kind == "folders"
    assert tree.folders == {"en": "en", "jp": "ja", "kr": "ko", "tw": "zh-Hant", "br": "pt", "se": "sv"}
    assert not tree.warnings


def test_a_language_code_that_is_also_a_country_stays_a_language(tmp_path: Path) -> None:
    # `ca` is Catalan and Canada (English), `el` Greek: Catalan and Greek pages keep them languages
    root = _folders(tmp_path, {"en": "en", "ca": "ca", "el": "el"})
    assert read_tree(root).folders == {"ca": "ca", "el": "el", "en": "en"}


def test_an_untranslated_folder_keeps_its_language_name(tmp_path: Path) -> None:
    # `ca/` still holds the English source: Catalan drift to report, not a second English folder
    root = _folders(tmp_path, {"en": "en", "de": "sv", "ca": "en"})
    assert read_tree(root).folders == {"ca": "ca", "de": "de", "en": "en"}
    # with no folder in another language there is no translation to tell it by: regions, not languages
    assert read_tree(_folders(tmp_path / "two", {"en": "en", "ca": "en"})).kind == "plain"


def test_a_country_folder_whose_pages_are_another_language_is_one_warning(tmp_path: Path) -> None:
    root = _folders(tmp_path / "book", {"en": "en", "ko": "ko"})
    (root / "SUMMARY.md").write_text("# Summary\n\n* [Home](README.md)\n", encoding="utf-8")
    (root / "README.md").write_text(_page("en", "Home"), encoding="utf-8")
    space = root / "i18n" / "jp"
    space.mkdir(parents=True)
    (space / "README.md").write_text(_page("ko"), encoding="utf-8")     # Korean pages in `jp/`
    (space / "SUMMARY.md").write_text("# Summary\n\n* [Home](README.md)\n", encoding="utf-8")
    tree = read_tree(root, source_lang="en")
    assert tree.folders["i18n/jp"] == ""
    assert len(tree.warnings) == 1 and "'jp' codes a country whose language is ja" in tree.warnings[0]
    assert "--space-lang jp=ja" in tree.warnings[0]


def test_gitbook_spaces_named_after_countries(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "SUMMARY.md").write_text("# Summary\n\n* [Home](README.md)\n* [Setup](guide/setup.md)\n",
                                     encoding="utf-8")
    (root / "README.md").write_text(_page("en", "Home"), encoding="utf-8")
    (root / "guide").mkdir()
    (root / "guide/setup.md").write_text(_page("en", "Setup"), encoding="utf-8")
    for name, lang in {"jp": "ja", "kr": "ko", "tw": "zh-Hant"}.items():
        space = root / "i18n" / name
        (space / "guide").mkdir(parents=True)
        (space / "SUMMARY.md").write_text("# Summary\n\n* [Home](README.md)\n", encoding="utf-8")
        (space / "README.md").write_text(_page(lang, "Home"), encoding="utf-8")
        if name != "kr":       # the Korean space lacks the setup page
            (space / "guide/setup.md").write_text(_page(lang, "Setup"), encoding="utf-8")
    config = folder_config(root, source_lang="en")
    assert config.locate(root / "i18n/kr/README.md") == ("README.md", "ko")
    assert main(["check", str(root), "--lang", "en", "--format", "json"]) in (0, 1)
    out, err = capsys.readouterr()
    assert "cannot tell" not in err
    missing = [f for f in json.loads(out)["findings"] if f["check"] == "translation.missing"]
    assert [f["message"].split("found no ")[1].split(" page")[0] for f in missing] == ["ko"]
    assert not any(f["check"] == "translation.language" for f in json.loads(out)["findings"])


def test_overrides_and_titles_come_before_the_pages(tmp_path: Path) -> None:
    folder = _folders(tmp_path, {"kr": "ko"}) / "kr"
    assert folder_language("kr", folder) == "ko"
    assert folder_language("kr", folder, {"kr": "kr"}) == "kr"            # the user said Kanuri
    assert folder_language("kr", None) == "kr"                            # no pages: the code's reading
    assert folder_language("kr", folder, title="한국어") == "ko"


def _vitepress(root: Path) -> Path:
    """The source at the root, translations in language folders beside it (VitePress-style)."""
    pages = {
        "index.md": "# Home\n\nSee [the setup](guide/setup.md#install-the-key).\n\n" + PROSE["en"] + "\n",
        "guide/setup.md": "# Setup\n\n## Install the key\n\n" + PROSE["en"] + "\n",
        "zh/index.md": "# 首页\n\n见 [设置](guide/setup.md#安装密钥)。\n\n" + PROSE["zh-Hant"] + "\n",
        "zh/guide/setup.md": "# 设置\n\n## 安装密钥\n\n" + PROSE["zh-Hant"] + "\n",
        "ja/index.md": "# ホーム\n\n[設定](guide/setup.md#キーを入れる) を参照。\n\n" + PROSE["ja"] + "\n",
    }
    for rel, text in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_the_source_at_the_root_with_translation_folders(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = _vitepress(tmp_path / "docs")
    tree = read_tree(root)
    assert (tree.kind, tree.source, dict(tree.folders)) == ("folder", "en", {"ja": "ja", "zh": "zh"})
    config = folder_config(root)
    assert config.locate(root / "guide/setup.md") == ("guide/setup.md", "en")
    assert config.locate(root / "zh/guide/setup.md") == ("guide/setup.md", "zh")
    assert main(["check", str(root), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    found = sorted((f["check"], f["path"].split("docs/")[-1]) for f in findings)
    # the Japanese page links to a page Japanese lacks (broken where no fallback serves it) and
    # lacks that page; a GitHub anchor in Chinese (#安装密钥) is no finding
    assert ("translation.missing", "guide/setup.md") in found
    assert ("link.broken", "ja/index.md") in found
    assert not any(check == "link.anchor" for check, _ in found), found


def test_a_root_in_a_folder_language_is_no_source(tmp_path: Path) -> None:
    root = _vitepress(tmp_path / "docs")
    for rel in ("index.md", "guide/setup.md"):        # the root pages are Chinese, like zh/
        (root / rel).write_text((root / "zh" / rel).read_text(encoding="utf-8"), encoding="utf-8")
    assert read_tree(root).kind != "folder"


def test_github_anchors_only_where_no_generator_renders(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from docverify.page.anchors import github_anchor
    assert github_anchor("API 地址") == "api-地址"
    assert github_anchor("What's new in v2.0?") == "whats-new-in-v20"
    root = _vitepress(tmp_path / "docs")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    assert main(["check", str(root), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    # MkDocs's toc drops the Chinese letters from the id: there the link is broken
    assert [f["path"].split("docs/")[-1] for f in findings if f["check"] == "link.anchor"] == ["zh/index.md"]


def test_regional_folders_in_one_language_are_no_language_site(tmp_path: Path) -> None:
    # `us/` and `eu/` (Basque's code, and the European Union) both hold English pages
    root = _folders(tmp_path, {"us": "en", "eu": "en"})
    assert read_tree(root).kind == "plain"


def test_a_root_index_that_picks_a_language_is_no_source(tmp_path: Path) -> None:
    # an English chooser at the root of a Japanese and a Chinese folder: no English source
    root = _folders(tmp_path, {"ja": "ja", "zh": "zh-Hant"})
    (root / "index.md").write_text("# Docs\n\n" + PROSE["en"] + "\n\n[日本語](ja/) · [中文](zh/)\n", encoding="utf-8")
    tree = read_tree(root)
    assert tree.kind == "folders" and tree.folders == {"ja": "ja", "zh": "zh"}


def test_one_folder_named_like_a_language_in_the_roots_language_is_a_section(tmp_path: Path) -> None:
    # `ml/` (Malayalam's code) holding the site's English machine-learning pages
    root = _folders(tmp_path, {"ml": "en"})
    for rel in ("index.md", "guide/setup.md"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(_page("en"), encoding="utf-8")
    assert read_tree(root).kind == "plain"
    de = _folders(tmp_path / "two", {"de": "en"})       # and a real one-translation site is read
    (de / "de" / "index.md").write_text(
        "# Anleitung\n\nÖffnen Sie die Einstellungen, wählen Sie den Anbieter und fügen Sie den Schlüssel ein, "
        "den Sie in der Konsole erstellt haben. Fügen Sie dann das Modell hinzu und senden Sie eine Nachricht.\n",
        encoding="utf-8")
    (de / "de" / "guide" / "setup.md").write_text((de / "de" / "index.md").read_text(encoding="utf-8"),
                                                  encoding="utf-8")
    for rel in ("index.md", "guide/setup.md"):
        (de / rel).parent.mkdir(parents=True, exist_ok=True)
        (de / rel).write_text(_page("en"), encoding="utf-8")
    tree = read_tree(de)
    assert (tree.kind, tree.source, dict(tree.folders)) == ("folder", "en", {"de": "de"})


def test_sections_named_like_languages_in_one_language_are_no_language_site(tmp_path: Path) -> None:
    # `it/` (IT operations) and `ml/` (machine learning): Italian's and Malayalam's codes, English pages
    root = _folders(tmp_path, {"it": "en", "ml": "en"})
    assert read_tree(root).kind == "plain"
    assert read_tree(_folders(tmp_path / "real", {"it": "en", "ml": "ja"})).kind == "folders"


def test_same_language_by_the_words_prose_repeats() -> None:
    from docverify.site.langid import same_language
    en = (PROSE["en"] + " The key is shown only once, so keep it in a safe place and do not share it with "
          "anyone. If you lose it, delete it in the console and create a new one; the old key stops working "
          "at once. A model that is not in the list can be added by its name, as the provider writes it.")
    other = ("When a request fails, the client shows the status code and the message that the server "
             "returned. Most of the time the key is wrong or has expired: create a new one in the console "
             "and replace it in the settings. If the address is wrong, the client cannot reach the server "
             "at all, and the error says that the connection was refused. Check that the address ends "
             "where the provider's documentation says it should, and that you are not behind a proxy that "
             "blocks the request. For a model that is not found, compare the name with the list that the "
             "provider publishes, because the names change when a new version is released.")
    assert same_language(other, en) is True and same_language(en, other) is True
    for lang in ("pt", "sv", "ca", "ja", "ko", "zh-Hant"):
        assert same_language(en, PROSE[lang] * 2) is False, lang
        assert same_language(PROSE[lang] * 3, PROSE[lang] * 2) is True, lang
    assert same_language(other, PROSE["pt"] * 3) is False
    assert same_language("too short", en) is None
