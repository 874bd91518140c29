"""Translator notes in languages beyond the case files' five scripts: each found at its line, while
a translated "Note:" of the source (the same words, no talk of translating) is no finding."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from docverify.checks import run_checks
from docverify.pageset.site import load_site
from docverify.site.config import load_config
from tests.suffix_site import write_site

SOURCE = """# Setup

Open the settings and paste your API key.

> Note: keep the key secret and do not share the service address.

Then choose a model and send a message.
"""

# title, the three translated paragraphs, and the note a translation model left (line 9)
PAGES = {
    "vi": ("Cài đặt", "Mở phần cài đặt và dán khóa API của bạn.",
           "Lưu ý: giữ bí mật khóa và không chia sẻ địa chỉ dịch vụ.",
           "Sau đó chọn một mô hình và gửi tin nhắn.",
           '(Ghi chú của người dịch: tôi đã giữ nguyên thuật ngữ "API" theo yêu cầu.)'),
    "tr": ("Kurulum", "Ayarları açın ve API anahtarınızı yapıştırın.",
           "Not: anahtarı gizli tutun ve hizmet adresini paylaşmayın.",
           "Ardından bir model seçin ve bir mesaj gönderin.",
           'Çevirmen notu: "API" terimi orijinal haliyle korunmuştur.'),
    "pl": ("Konfiguracja", "Otwórz ustawienia i wklej swój klucz API.",
           "Uwaga: zachowaj klucz w tajemnicy i nie udostępniaj adresu usługi.",
           "Następnie wybierz model i wyślij wiadomość.",
           "Uwaga tłumacza: termin „API” został zachowany w oryginalnej formie."),
    "it": ("Configurazione", "Apri le impostazioni e incolla la tua chiave API.",
           "Nota: mantieni segreta la chiave e non condividere l'indirizzo del servizio.",
           "Poi scegli un modello e invia un messaggio.",
           'Nota del traduttore: ho mantenuto il termine "API" in inglese, come richiesto.'),
    "nl": ("Instellen", "Open de instellingen en plak je API-sleutel.",
           "Opmerking: houd de sleutel geheim en deel het serviceadres niet.",
           "Kies daarna een model en stuur een bericht.",
           'Opmerking van de vertaler: de term "API" is onvertaald behouden.'),
    "id": ("Pengaturan", "Buka pengaturan dan tempel kunci API Anda.",
           "Catatan: jaga kerahasiaan kunci dan jangan bagikan alamat layanan.",
           "Lalu pilih model dan kirim pesan.",
           'Catatan penerjemah: istilah "API" dipertahankan sesuai permintaan.'),
    "uk": ("Налаштування", "Відкрийте налаштування та вставте свій ключ API.",
           "Примітка: тримайте ключ у таємниці й не поширюйте адресу сервісу.",
           "Потім виберіть модель і надішліть повідомлення.",
           "Примітка перекладача: термін «API» збережено без перекладу."),
    "th": ("การตั้งค่า", "เปิดการตั้งค่าแล้ววางคีย์ API ของคุณ",
           "หมายเหตุ: เก็บคีย์เป็นความลับและอย่าแชร์ที่อยู่ของบริการ",
           "จากนั้นเลือกโมเดลและส่งข้อความ",
           'หมายเหตุจากผู้แปล: คงไว้ซึ่งคำศัพท์ "API" ตามต้นฉบับ'),
    "he": ("הגדרה", "פתחו את ההגדרות והדביקו את מפתח ה-API שלכם.",
           "הערה: שמרו את המפתח בסוד ואל תשתפו את כתובת השירות.",
           "לאחר מכן בחרו מודל ושלחו הודעה.",
           'הערת המתרגם: המונח "API" נשמר כפי שהתבקש.'),
    "sv": ("Inställning", "Öppna inställningarna och klistra in din API-nyckel.",
           "Obs: håll nyckeln hemlig och dela inte tjänstens adress.",
           "Välj sedan en modell och skicka ett meddelande.",
           'Översättarens anmärkning: termen "API" har behållits oöversatt.'),
    "fi": ("Asetukset", "Avaa asetukset ja liitä API-avaimesi.",
           "Huomautus: pidä avain salassa äläkä jaa palvelun osoitetta.",
           "Valitse sitten malli ja lähetä viesti.",
           'Kääntäjän huomautus: termi "API" on säilytetty alkuperäisessä muodossa.'),
    "hu": ("Beállítás", "Nyissa meg a beállításokat, és illessze be az API-kulcsát.",
           "Megjegyzés: tartsa titokban a kulcsot, és ne ossza meg a szolgáltatás címét.",
           "Ezután válasszon egy modellt, és küldjön üzenetet.",
           'A fordító megjegyzése: az "API" kifejezést eredeti formájában megtartottam.'),
    "cs": ("Nastavení", "Otevřete nastavení a vložte svůj klíč API.",
           "Poznámka: uchovejte klíč v tajnosti a nesdílejte adresu služby.",
           "Poté vyberte model a odešlete zprávu.",
           "Poznámka překladatele: termín „API“ byl ponechán v původní podobě."),
}


def _page(title: str, open_: str, note: str, then: str, leak: str | None) -> str:
    text = f"# {title}\n\n{open_}\n\n> {note}\n\n{then}\n"
    return text + (f"\n{leak}\n" if leak else "")


@pytest.fixture(scope="module")
def leaks(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], list[int]]:
    """translation.leak lines per (page, language): `noted` pages carry the note, `clean` ones not."""
    pages = {"noted.en.md": SOURCE, "clean.en.md": SOURCE}
    for lang, (title, open_, note, then, leak) in PAGES.items():
        pages[f"noted.{lang}.md"] = _page(title, open_, note, then, leak)
        pages[f"clean.{lang}.md"] = _page(title, open_, note, then, None)
    return _leak_lines(write_site(tmp_path_factory.mktemp("leaks"), pages, ("en", *PAGES)))


def _leak_lines(root: Path) -> dict[tuple[str, str], list[int]]:
    """translation.leak lines per (page name, language) of the site at `root`."""
    here = os.getcwd()
    os.chdir(root)
    try:
        found = run_checks(load_site([], load_config(root / "mkdocs.yml")))
    finally:
        os.chdir(here)
    out: dict[tuple[str, str], list[int]] = {}
    for f in found:
        if f.check == "translation.leak":
            name, lang = Path(f.path).name.split(".")[:2]
            out.setdefault((name, lang), []).append(f.line)
    return out


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_the_note_is_found_at_its_line(lang: str, leaks: dict[tuple[str, str], list[int]]) -> None:
    assert leaks.get(("noted", lang)) == [9]


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_a_translated_note_of_the_source_is_no_leak(lang: str, leaks: dict[tuple[str, str], list[int]]) -> None:
    assert ("clean", lang) not in leaks


# A note labelled as the translator's, inside a sentence (line 3 of each page), in the forms
# translators write: full label, abbreviation, bracketed.
INLINE = {
    "zh": "粘贴你在控制台创建的密钥（译者注：此处原文为 console，指控制台页面）。",
    "zh-Hant": "貼上你在控制台建立的金鑰（譯註：原文為 console）。",
    "ja": "コンソールで作成したキーを貼り付けます（訳注：原文の console は管理画面のこと）。",
    "ko": "콘솔에서 만든 키를 붙여 넣으세요(역주: 원문의 console은 관리 화면을 뜻함).",
    "es": "Pega la clave que creaste en la consola (N. del T.: en el original, «console»).",
    "fr": "Collez la clé créée dans la console [N.d.T. : « console » dans l'original].",
    "de": "Fügen Sie den in der Konsole erstellten Schlüssel ein (Anm. d. Übers.: im Original „console“).",
    "ru": "Вставьте ключ, созданный в консоли (прим. перев.: в оригинале «console»).",
    "pt": "Cole a chave criada no console (N. do T.: no original, “console”).",
}
# The same sentences without the note, and a book title holding 译注 (translation and notes).
PLAIN = {
    "zh": "粘贴你在控制台创建的密钥。参考《论语译注》的体例说明术语。",
    "ja": "コンソールで作成したキーを貼り付けます。",
}


@pytest.fixture(scope="module")
def inline_leaks(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], list[int]]:
    pages = {"noted.en.md": "# Setup\n\nPaste the key you created in the console.\n",
             "plain.en.md": "# Setup\n\nPaste the key you created in the console.\n"}
    for lang, sentence in INLINE.items():
        pages[f"noted.{lang}.md"] = f"# Setup\n\n{sentence}\n"
    for lang, sentence in PLAIN.items():
        pages[f"plain.{lang}.md"] = f"# Setup\n\n{sentence}\n"
    return _leak_lines(write_site(tmp_path_factory.mktemp("inline"), pages, ("en", *INLINE)))


@pytest.mark.parametrize("lang", sorted(INLINE))
def test_a_note_labelled_as_the_translators_is_found_in_its_sentence(
        lang: str, inline_leaks: dict[tuple[str, str], list[int]]) -> None:
    assert inline_leaks.get(("noted", lang)) == [3]


@pytest.mark.parametrize("lang", sorted(PLAIN))
def test_no_label_no_leak(lang: str, inline_leaks: dict[tuple[str, str], list[int]]) -> None:
    assert ("plain", lang) not in inline_leaks
