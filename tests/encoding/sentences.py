"""Real sentences per script, shared by the encoding tests (not a test module)."""

from __future__ import annotations

SENTENCES: dict[str, str] = {
    "zh": "请在控制台创建 API 密钥，然后激活所需的模型。",
    "bn": "এই নথিটি এআই দ্বারা চীনা থেকে অনুবাদ করা হয়েছে।",
    "ru": "Откройте консоль и создайте новый ключ доступа.",
    "el": "Ανοίξτε την κονσόλα και δημιουργήστε ένα νέο κλειδί.",
    "ja": "コンソールで API キーを作成し、モデルを有効にします。",
    "fr": "Créez la clé dans la console, puis activez le modèle — c'est déjà prêt.",
    "de": "Öffnen Sie die Konsole und wählen Sie „Schlüssel“ aus.",
    "emoji": "Klicken Sie auf 👁️ und dann auf ✅ — fertig 🎉",
    "zh-Hant": "請在控制台建立 API 金鑰，然後啟用所需的模型。",
    "ko": "콘솔에서 API 키를 만든 다음 모델을 활성화하세요.",
    "uk": "Відкрийте консоль і створіть новий ключ доступу — це швидко.",
    "ar": "افتح وحدة التحكم وأنشئ مفتاحًا جديدًا للوصول.",
    "he": "פתחו את המסוף וצרו מפתח גישה חדש.",
    "hi": "कंसोल खोलें और एक नई एक्सेस कुंजी बनाएँ।",
    "th": "เปิดคอนโซลแล้วสร้างคีย์การเข้าถึงใหม่",
    "vi": "Mở bảng điều khiển và tạo khóa truy cập mới.",
    "tr": "Konsolu açın ve yeni bir erişim anahtarı oluşturun.",
    "pl": "Otwórz konsolę i utwórz nowy klucz dostępu — to szybkie.",
    "cs": "Otevřete konzoli a vytvořte nový přístupový klíč.",
    "es": "Abra la consola y cree una clave de acceso nueva; ¿está listo?",
    "pt": "Abra o console e crie uma nova chave de acesso — já está pronto.",
    "yo": "Ṣí àpótí ìṣàkóso kí o sì ṣẹ̀dá kọ́kọ́rọ́ tuntun.",
}

# The twenty languages of the round-trip matrix (the emoji line is extra).
LANGUAGES = tuple(lang for lang in SENTENCES if lang != "emoji")
# The codecs real sites decode UTF-8 with by mistake: the matrix's columns.
MATRIX_CODECS = ("cp1252", "latin-1", "cp1250", "cp1251", "cp1253", "cp866", "mac_roman",
                 "gbk", "gb18030", "shift_jis", "euc-kr", "big5")

CODECS_UNDER_TEST = (
    "cp866", "cp437", "cp850", "cp1251", "cp1252", "latin-1", "cp1250", "koi8-r", "mac-roman",
    "iso8859-5", "iso8859-7", "cp1253",
)


def mojibake(text: str, codec: str) -> str | None:
    """`text` as UTF-8 bytes read with `codec`, or None when Python's codec rejects a byte.

    Python's Windows codecs refuse a few bytes that Windows itself maps to C1 controls;
    those sentences are generated the Windows way in a separate test.
    """
    try:
        return text.encode("utf-8").decode(codec)
    except UnicodeDecodeError:
        return None


def windows_mojibake(text: str, codec: str) -> str:
    """What Windows' MultiByteToWideChar makes of UTF-8 bytes: undefined bytes become C1 controls."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def damage(text: str, codec: str) -> str | None:
    """Mojibake as it happens: Python's strict codec, or the Windows way for Windows codecs."""
    strict = mojibake(text, codec)
    if strict is None and codec.startswith("cp125") and len(codec) == 6:
        return windows_mojibake(text, codec)
    return strict
