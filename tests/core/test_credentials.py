"""The one rule for credential names: environment variables, headers, query, form and JSON fields."""

from __future__ import annotations

import re

import pytest

from docverify.credentials import env_secrets, is_secret_name, name_words

# Names that hold a credential, as environments, headers and API bodies write them.
SECRET = [
    # environment variables
    "ARK_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_KEY", "HF_TOKEN", "GITHUB_TOKEN",
    "NODE_AUTH_TOKEN", "APP_SECRET", "DB_PASSWORD", "TWINE_PASSWORD", "PGPASSWORD", "MYSQL_PWD",
    "DB_PASS", "PASSWD", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "GOOGLE_APPLICATION_CREDENTIALS",
    "SECRET_KEY_BASE", "AUTH_TOKEN_V2", "OPENAI_API_KEY_BACKUP", "ARK_API_KEY2", "SSH_PRIVATE_KEY",
    "OPENAI_API_KEYS", "GITHUB_PAT", "AUTH_JWT", "DB_CREDS",
    # headers
    "X-Api-Key", "x-api-key", "api-key", "Authorization", "Proxy-Authorization", "X-Goog-Api-Key",
    "X-Auth-Token", "Cookie", "Set-Cookie", "X-Amz-Security-Token", "X-Amz-Signature", "X-Hub-Signature-256",
    "Ocp-Apim-Subscription-Key", "X-CSRF-Token",
    # query, form and JSON fields
    "apikey", "APIKEY", "api_key", "apiKey", "key", "token", "auth", "sig", "client_secret", "clientSecret",
    "access_token", "refresh_token", "id_token", "private_key", "privateKey", "AccessKeySecret",
    "access_key", "PassWord", "passphrase", "client-credential", "x.secret.key", "Api Key",
    "PUBLIC_API_KEY",   # the words `api key` are a credential wherever they stand: publishable or not, kept safe
]
# Names that only look like one: a credential word that qualifies another, a substring, a count.
NOT_SECRET = [
    "KEYBOARD", "MONKEY", "TURKEY", "PRIMARY_KEY_COLUMN", "KEY_COLUMN", "key_id", "SSH_AUTH_SOCK",
    "XAUTHORITY", "AUTHOR", "author", "TOKENIZERS_PARALLELISM", "TOKEN_URL", "token_type", "token_count",
    "max_tokens", "prompt_tokens", "completion_tokens", "total_tokens", "cached_tokens", "reasoning_tokens",
    "input_tokens", "output_tokens", "max_completion_tokens", "anthropic-version", "anthropic-beta",
    "Content-Type", "User-Agent", "WWW-Authenticate", "authorization_url", "PWD", "OLDPWD", "BYPASS",
    "COMPASS", "PASSAGE", "secretary", "model", "messages", "stream", "", "_", "--",
    "public_key", "X-Public-Key", "publishableKey", "anthropic-ratelimit-tokens-remaining", "budget_tokens",
]


@pytest.mark.parametrize("name", SECRET)
def test_a_credentials_name_is_one(name: str) -> None:
    assert is_secret_name(name), name_words(name)


@pytest.mark.parametrize("name", NOT_SECRET)
def test_a_name_that_only_looks_like_one_is_not(name: str) -> None:
    assert not is_secret_name(name), name_words(name)


@pytest.mark.parametrize("name", SECRET + NOT_SECRET)
def test_separators_and_case_styles_do_not_change_the_answer(name: str) -> None:
    """ARK_API_KEY, ark-api-key, ark.api.key, arkApiKey and ArkApiKey are one name."""
    words = name_words(name)
    if not words or (len(words) == 1 and name.isupper() != name.islower()):
        return   # a one-word name written in one case has no other spelling to compare
    spellings = ["_".join(words).upper(), "-".join(words), ".".join(words),
                 words[0] + "".join(w.title() for w in words[1:]), "".join(w.title() for w in words)]
    assert {is_secret_name(s) for s in spellings} == {is_secret_name(name)}, spellings


def test_words_split_at_separators_and_case_changes() -> None:
    assert name_words("X-Goog-Api-Key") == ["x", "goog", "api", "key"]
    assert name_words("APIKeySecret") == ["api", "key", "secret"]
    assert name_words("OAuthToken") == ["o", "auth", "token"]
    assert name_words("AUTH_TOKEN_V2") == ["auth", "token"]
    assert name_words("X-Hub-Signature-256") == ["x", "hub", "signature"]


def test_the_environments_credentials_are_named_like_one_and_long_enough() -> None:
    environ = {"ARK_API_KEY": "0f3c2a9e-5b7d", "DB_PASS": "hunter2-Zq8x", "KEYBOARD": "us-international",
               "PWD": "/home/someone/site", "SSH_AUTH_SOCK": "/tmp/ssh-XXXX/agent.1", "GITHUB_TOKEN": "short",
               "MAX_TOKENS": "4096000000", "HOME": "/home/someone"}
    assert env_secrets(environ) == {"ARK_API_KEY": "0f3c2a9e-5b7d", "DB_PASS": "hunter2-Zq8x"}


def test_the_rule_reads_words_not_substrings() -> None:
    """The three rules this one replaced matched substrings: each name here fooled one of them."""
    old_cli = re.compile(r"(?i)key|token|secret|passw|credential|auth")     # cli._env_secrets
    old_record = re.compile(r"KEY|TOKEN|SECRET|PASS", re.IGNORECASE)         # record._KEYISH
    wrongly_flagged = ["KEYBOARD", "MONKEY", "SSH_AUTH_SOCK", "XAUTHORITY", "max_tokens", "BYPASS"]
    assert all(old_cli.search(n) or old_record.search(n) for n in wrongly_flagged)
    assert not any(is_secret_name(n) for n in wrongly_flagged)
    missed = ["DB_PASS", "MYSQL_PWD", "Cookie", "X-Amz-Signature"]
    assert all(not old_cli.search(n) for n in missed)
    assert all(is_secret_name(n) for n in missed)
