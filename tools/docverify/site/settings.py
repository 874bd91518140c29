"""The `docverify` plugin's recording settings in mkdocs.yml: the base URL placeholders stand for, and key names per host.

```yaml
plugins:
  - docverify:
      base_url: https://gateway.acme.ai          # what `https://<your-host>` means when recording live
      key_variables: {gateway.acme.ai: ACME_API_KEY}   # the variable holding each host's key
```

Without `key_variables`, a host's key is read from the variable the page's example writes
(`Bearer $OPENAI_API_KEY`), else from `<DOMAIN>_API_KEY` (`api.openai.com` → `OPENAI_API_KEY`);
Volcano Engine Ark's hosts keep `ARK_API_KEY`, the name its SDK reads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from docverify.errors import ConfigError
from docverify.site.domains import registered_label
from docverify.site.config import SiteConfig

__all__ = ["DEFAULT_KEYS", "Settings", "site_settings"]

# Domains whose key has a name of its own; matched on the registered domain and below.
DEFAULT_KEYS: Mapping[str, str] = {"volces.com": "ARK_API_KEY", "bytepluses.com": "ARK_API_KEY"}
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_EXAMPLE = ("plugins: [{docverify: {base_url: https://gateway.example.org, "
            "key_variables: {gateway.example.org: GW_KEY}}}]")


@dataclass(frozen=True, slots=True)
class Settings:
    base_url: str = ""
    keys: Mapping[str, str] = field(default_factory=dict)

    def key_name(self, host: str, written: str = "") -> str:
        """The environment variable that holds the key for `host`: the one the site names for it,
        else the one the page writes (`Bearer $OPENAI_API_KEY`), else Ark's or `<DOMAIN>_API_KEY`."""
        host = host.lower().rstrip(".")
        tables: tuple[Mapping[str, str], ...] = (self.keys, {host: written} if written else {}, DEFAULT_KEYS)
        for table in tables:
            for suffix, name in table.items():
                if host == suffix.lower() or host.endswith("." + suffix.lower()):
                    return name
        domain = registered_label(host) or host.split(".")[0] or "API"
        return re.sub(r"\W+", "_", domain).upper().strip("_") + "_API_KEY"


def site_settings(config: SiteConfig) -> Settings:
    """The settings of `config`'s docverify plugin entry; a bad value is one ConfigError."""
    where = str(config.root / "mkdocs.yml")
    base = config.options.get("base_url") or ""
    if not isinstance(base, str) or (base and not _is_base_url(base)):
        raise ConfigError(f"docverify base_url must be an http(s) URL with a host, not {base!r}",
                          path=where, hint=f"for example: {_EXAMPLE}")
    keys = config.options.get("key_variables") or {}
    if not isinstance(keys, dict) or not all(isinstance(k, str) and isinstance(v, str) and _ENV_NAME.match(v)
                                             for k, v in keys.items()):
        raise ConfigError("docverify key_variables must map host names to environment variable names",
                          path=where, hint=f"for example: {_EXAMPLE}")
    return Settings(base.rstrip("/"), dict(keys))


def _is_base_url(text: str) -> bool:
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)
