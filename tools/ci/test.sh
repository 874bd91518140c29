#!/usr/bin/env bash
# Sets up a fresh machine for docverify's tests and runs them: system packages the tests
# drive for real (curl and bash for the differential cURL tests, Chromium for the browser
# tests, with fonts for Bengali and Chinese), a virtualenv with the package and its test
# extra, the site build, then pytest.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
[ -x /usr/bin/time ] || need+=(time)   # the exhausting-input tests measure peak memory with it
# Fonts the browser tests need to draw Bengali and Chinese (without them: boxes).
[ -n "$(fc-list :lang=bn 2>/dev/null)" ] || need+=(fonts-beng)
[ -n "$(fc-list :lang=zh 2>/dev/null)" ] || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "installing system packages: ${need[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

# The browser tests must run here, not skip, so a missing Chromium fails the run.
export DOCVERIFY_REQUIRE_BROWSER=1
.venv/bin/mkdocs build --strict --quiet -d "$(mktemp -d)/site"
.venv/bin/python -m pytest -n 2 "$@"
