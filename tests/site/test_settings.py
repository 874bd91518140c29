"""The docverify plugin's recording settings: base URL and the key variable of each host."""

from __future__ import annotations

from pathlib import Path

import pytest

from docverify.errors import ConfigError
from docverify.site.config import load_config
from docverify.site.settings import Settings, site_settings


def _site(tmp_path: Path, options: str) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\nplugins:\n  - docverify:\n{options}", encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def test_key_names_per_host() -> None:
    settings = Settings("", {"gw.acme.ai": "ACME_KEY"})
    assert settings.key_name("ark.cn-beijing.volces.com") == "ARK_API_KEY"       # Ark's stays
    assert settings.key_name("ark.ap-southeast.bytepluses.com") == "ARK_API_KEY"
    assert settings.key_name("api.openai.com") == "OPENAI_API_KEY"
    assert settings.key_name("api.deepseek.com") == "DEEPSEEK_API_KEY"
    assert settings.key_name("eu.gw.acme.ai") == "ACME_KEY"
    assert settings.key_name("dashscope.aliyuncs.com") == "ALIYUNCS_API_KEY"


def test_settings_are_read_from_the_plugin_entry(tmp_path: Path) -> None:
    path = _site(tmp_path, "      base_url: https://gw.acme.ai/v1/\n      key_variables: {gw.acme.ai: ACME_KEY}\n")
    settings = site_settings(load_config(path))
    assert settings.base_url == "https://gw.acme.ai/v1" and settings.key_name("gw.acme.ai") == "ACME_KEY"


@pytest.mark.parametrize("options", ["      base_url: gw.acme.ai\n", "      base_url: [1]\n",
                                     "      key_variables: {gw.acme.ai: 'not a name'}\n",
                                     "      key_variables: [ACME_KEY]\n"])
def test_bad_settings_are_one_config_error(tmp_path: Path, options: str) -> None:
    with pytest.raises(ConfigError) as caught:
        site_settings(load_config(_site(tmp_path, options)))
    assert caught.value.hint and "for example" in caught.value.hint
