#!/usr/bin/env bash
# The docverify GitHub Action's steps; action.yml calls them, tests/adoption runs them without GitHub.
#
#   run.sh install   a virtualenv with docverify in it ($DOCVERIFY_VENV, default $RUNNER_TEMP/docverify)
#   run.sh check     `docverify check` on the calling repository: GitHub annotations on stdout,
#                    the report file when one is asked for, the outcome in $GITHUB_OUTPUT
#   run.sh gate      exit with the outcome `check` recorded (after the SARIF upload has run)
#
# The inputs arrive as INPUT_* variables (action.yml passes them): PACKAGE, PYTHON, PATHS,
# CONFIG, CHANGED_SINCE, STRICT, FORMAT, OUTPUT, UPLOAD_SARIF. Everything else is GitHub's
# own environment (GITHUB_WORKSPACE, GITHUB_EVENT_NAME, GITHUB_BASE_REF, GITHUB_OUTPUT, …).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${DOCVERIFY_VENV:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/docverify}"
# Outside GitHub these files may be unset: then what they would receive is dropped.
out_file="${GITHUB_OUTPUT:-/dev/null}"
summary_file="${GITHUB_STEP_SUMMARY:-/dev/null}"

fail() { echo "::error title=docverify action::$1"; exit 2; }

truthy() {
  case "${1,,}" in
    true|yes|1|on) return 0 ;;
    false|no|0|off|"") return 1 ;;
    *) fail "expected true or false, got '$1'" ;;
  esac
}

install() {
  # The action's own checkout by default, so `uses: owner/docverify@v1` runs that version.
  local spec="${INPUT_PACKAGE:-$here}"
  local python="${INPUT_PYTHON:-python3}"
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || fail "docverify needs Python 3.11 or newer; $python is $("$python" --version 2>&1)"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$spec"
  echo "docverify=$venv/bin/docverify" >>"$out_file"
  "$venv/bin/docverify" --version
}

# The revision a pull request is compared with: the input, or on a pull request its base branch.
changed_since() {
  local rev="${INPUT_CHANGED_SINCE-auto}"
  if [ "$rev" != auto ]; then
    printf '%s' "$rev"
    return
  fi
  case "${GITHUB_EVENT_NAME:-}" in
    pull_request|pull_request_target) ;;
    *) return ;;
  esac
  [ -n "${GITHUB_BASE_REF:-}" ] || return 0
  rev="origin/$GITHUB_BASE_REF"
  # actions/checkout fetches one commit unless told otherwise: fetch the base tip if it is missing.
  if ! git rev-parse --verify --quiet "$rev^{commit}" >/dev/null; then
    git fetch --no-tags --quiet --depth=1 origin \
      "+refs/heads/$GITHUB_BASE_REF:refs/remotes/origin/$GITHUB_BASE_REF" >&2 || true
  fi
  printf '%s' "$rev"
}

check() {
  local docverify="$venv/bin/docverify"
  [ -x "$docverify" ] || fail "docverify is not installed in $venv (run the install step first)"
  cd "${GITHUB_WORKSPACE:-.}"   # annotation paths are relative to the repository root

  local args=() paths=()
  read -r -a paths <<<"$(printf '%s' "${INPUT_PATHS:-}" | tr '\n' ' ')"
  [ -z "${INPUT_CONFIG:-}" ] || args+=(--config "$INPUT_CONFIG")
  local rev
  rev="$(changed_since)"
  [ -z "$rev" ] || args+=(--changed-since "$rev")
  ! truthy "${INPUT_STRICT:-false}" || args+=(--strict)

  local format="${INPUT_FORMAT:-github}" report="${INPUT_OUTPUT:-}"
  case "$format" in
    github|text|json|sarif|junit) ;;
    *) fail "format must be github, text, json, sarif or junit, not '$format'" ;;
  esac
  if truthy "${INPUT_UPLOAD_SARIF:-false}" && [ "$format" != sarif ]; then
    [ "$format" = github ] || fail "upload-sarif needs format sarif (or the default, github), not '$format'"
    format=sarif
  fi
  if [ "$format" != github ] && [ -z "$report" ]; then
    case "$format" in text) report=docverify.txt ;; junit) report=docverify.xml ;; *) report="docverify.$format" ;; esac
  fi

  # One run: the annotations (GitHub reads `::error file=…,line=…::` lines from the log) on
  # stdout, and the report, when one is asked, written by the same run with its summary line.
  [ -z "$report" ] || args+=(--output "$report" --output-format "$format")
  local code=0
  "$docverify" check ${paths[@]+"${paths[@]}"} ${args[@]+"${args[@]}"} --format github || code=$?
  if [ -n "$report" ] && [ "$code" -lt 2 ]; then
    echo "report=$report" >>"$out_file"
  fi
  echo "exit-code=$code" >>"$out_file"
  case "$code" in
    0) echo "docverify: no errors${rev:+ in the pages changed since $rev}" >>"$summary_file" ;;
    1) echo "docverify: the check found errors (see the annotations)" >>"$summary_file" ;;
    *) echo "docverify: the check could not run (exit $code; see the log)" >>"$summary_file" ;;
  esac
  return 0
}

gate() {
  local code="${DOCVERIFY_EXIT_CODE:-}"
  case "$code" in
    0) exit 0 ;;
    1) echo "::error title=docverify::the check found errors; each is annotated on its page and line"; exit 1 ;;
    "") fail "the check step did not run" ;;
    *) echo "::error title=docverify::the check could not run (exit $code); its step's log says why"; exit "$code" ;;
  esac
}

case "${1:-}" in
  install) install ;;
  check) check ;;
  gate) gate ;;
  *) echo "usage: $0 install|check|gate" >&2; exit 2 ;;
esac
