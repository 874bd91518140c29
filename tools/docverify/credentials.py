"""Which names hold a credential: the one rule for environment variables, headers and fields.

The scrubber (header, query, form and JSON names), `record` (which `${VARIABLE}` of a page
is the key) and every path that prints (which environment values to hide) all ask
`is_secret_name`. The rule reads a name as words, split at `_`, `-`, `.`, spaces and case
changes (`X-Goog-Api-Key` -> x goog api key, `apiKey` -> api key, `PASSWD` -> passwd), never as a
substring: `KEYBOARD`, `MONKEY` and `max_tokens` are not credentials, `ARK_API_KEY` is.

A name is a credential's when
- some run of its words spells a word that is a credential wherever it stands (`secret`,
  `password`, `api key`, `access token`, `private key`, …; `AWS_SECRET_ACCESS_KEY`,
  `client_secret`, `PassWord`, `SECRET_KEY_BASE`), or one word written in one case ends with
  one (`PGPASSWORD`, `xsecretkey`); or
- its last word (a version or number after it aside: `AUTH_TOKEN_V2`, `X-Hub-Signature-256`)
  is a noun that names what the value is: `key`, `token`, `auth`, `authorization`, `cookie`,
  `signature`, `pass`, … (`GEMINI_KEY`, `HF_TOKEN`, `Proxy-Authorization`, `Set-Cookie`,
  `DB_PASS`), unless the word before it says the value is for showing (`public_key`). A
  word that only qualifies another (`PRIMARY_KEY_COLUMN`, `token_count`, `TOKEN_URL`,
  `SSH_AUTH_SOCK`, `token_type`) does not make it one, nor does the plural `tokens`
  (`prompt_tokens`, usage counts in every API body).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

__all__ = ["env_secrets", "is_secret_name", "name_words"]

# Credentials wherever they stand in a name, as the words run together (`api`+`key` = `apikey`).
ANYWHERE = frozenset({
    "secret", "secrets", "password", "passwords", "passwd", "passphrase", "credential",
    "credentials", "apikey", "apikeys", "apitoken", "accesskey", "secretkey", "privatekey", "accesstoken",
    "authtoken", "refreshtoken", "sessiontoken", "clientsecret",
})
# The last word of a name that says the value is a credential.
# (`pat`: a personal access token, `GITHUB_PAT`; `jwt`: a bearer token by its format.)
LAST = frozenset({"key", "token", "auth", "authorization", "cookie", "signature", "sig", "pass", "pwd",
                  "creds", "jwt", "pat"})
# Alone, `PWD` (and `OLDPWD`) is the shell's working directory, set in every environment.
_NOT_ALONE = frozenset({"pwd"})
# A noun so qualified is made to be shown (`public_key`, `X-Public-Key`, `publishableKey`).
_SHOWN = frozenset({"public", "publishable"})
_LONGEST = max(map(len, ANYWHERE))
_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_MIN_VALUE = 8    # a shorter value (`1`, `true`, `bearer`) would be redacted from ordinary text


def name_words(name: str) -> list[str]:
    """`X-Goog-Api-Key` -> [x, goog, api, key]; a trailing version or number dropped (`TOKEN_V2`)."""
    words = [w.lower() for w in _WORDS.findall(name)]
    if words and words[-1].isdigit():
        words.pop()
        if len(words) > 1 and words[-1] == "v":
            words.pop()
    return words


def is_secret_name(name: str) -> bool:
    """`ARK_API_KEY`, `X-Api-Key`, `Cookie`, `client_secret` yes; `KEYBOARD`, `max_tokens` no."""
    words = name_words(name)
    if not words:
        return False
    last = words[-1]
    before = words[-2] if len(words) > 1 else ""
    if last in LAST and before not in _SHOWN and (before or last not in _NOT_ALONE):
        return True
    for start in range(len(words)):
        if any(words[start].endswith(word) for word in ANYWHERE):
            return True
        joined = words[start]
        for word in words[start + 1:]:
            joined += word
            if len(joined) > _LONGEST:
                break
            if joined in ANYWHERE:
                return True
    return False


def env_secrets(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The credentials of the environment, by variable name: what no output may show."""
    env = os.environ if environ is None else environ
    return {name: value for name, value in env.items()
            if len(value.strip()) >= _MIN_VALUE and is_secret_name(name)}
