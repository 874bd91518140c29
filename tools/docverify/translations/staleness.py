"""Is a translation older than its source's claims? From a recorded `source_hash`, or from git.

The claims hash covers what a translation must carry over (facets.py: endpoints, model IDs,
parsed cURL requests, code, neutral code spans, link targets, images, the section/list/
admonition/table shape), never prose, so rewording the source stales nothing.

Evidence, first that applies:
1. `source_hash:` in the translation's front matter (written by `docverify status
   --mark-reviewed PAGE`): stale when the source's hash is no longer that value.
2. git: stale when the last commit touching the source is newer than the last one touching the
   translation AND the source's claims at the translation's commit differ from today's. One
   `git log --name-only` over the docs dir gives every page's history; the old source texts
   come from one `git cat-file --batch`.
3. Neither: the parity check judges from content. Machine translation keeps every section,
   so a source section with no counterpart (or a translated section the source lacks) means
   the source was edited after the translation was made: the dropped and extra sections are
   reported as `translation.stale` ("judged from content") instead of `parity.structure`.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from docverify.curl import parse_curl
from docverify.errors import DocverifyError
from docverify.page.extract import extract
from docverify.translations.facets import facets_of, links_of, neutral_body
from docverify.model import Claims, Curl, Finding, Severity
from docverify.translations.pairing import pairing_for
from docverify.translations.renames import repo_top, site_repo
from docverify.page.parse import display_path, parse_text

if TYPE_CHECKING:
    from docverify.pageset.site import Site

__all__ = ["SOURCE_HASH_KEY", "Commit", "check_stale", "claims_hash", "git_history", "has_history"]

SOURCE_HASH_KEY = "source_hash"


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    time: int            # committer time, seconds since the epoch


def _curl_key(curl: Curl) -> object:
    try:
        req = parse_curl(curl.text)
    except DocverifyError:
        return " ".join(curl.text.split())
    return [req.method, req.url, sorted((k.lower(), v) for k, v in req.headers), neutral_body(req.body)]


def claims_hash(claims: Claims, site: Site) -> str:
    """A short hash of the page's language-neutral claims, section by section."""
    parts: list[object] = []
    for f, refs in zip(facets_of(claims), links_of(claims.page, site)):
        links = []
        for r in refs:
            if r.kind == "page":
                target = site.get(r.target)
                links.append(f"{target.page.rel if target else r.target}#{r.fragment}")
            else:
                links.append(f"{r.target}#{r.fragment}" if r.kind != "self" else f"#{r.fragment}")
        parts.append([f.section.level, [i.value for i in f.endpoints], [i.value for i in f.model_ids],
                      [_curl_key(c) for c in f.curls], [i.value for i in f.code_blocks],
                      sorted(i.value for i in f.spans), sorted(i.value for i in f.images),
                      len(f.list_items), sorted(i.value for i in f.list_items),
                      [i.value for i in f.admonitions], [i.value for i in f.tables], sorted(links)])
    blob = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def git_history(folder: str | os.PathLike[str], top: str | None = None
                ) -> tuple[str, dict[str, list[Commit]]] | None:
    """(repository top, absolute path -> commits touching it, newest first); None outside git.
    `top`: the repository, if known."""
    top = top or repo_top(folder)
    if top is None:
        return None
    try:
        # core.quotePath=false: names such as 免费联网模式.md come out as written, not as \345\205…
        out = subprocess.run(["git", "-C", top, "-c", "core.quotePath=false", "log", "--name-only",
                              "--format=%x00%H %ct", "--",
                              os.path.realpath(folder)], capture_output=True, encoding="utf-8",
                             errors="replace", check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    history: dict[str, list[Commit]] = {}
    for entry in out.split("\x00")[1:]:
        head, _, names = entry.partition("\n")
        sha, _, when = head.partition(" ")
        commit = Commit(sha, int(when))
        for name in names.split("\n"):
            if name.strip():
                history.setdefault(os.path.normpath(os.path.join(top, name)), []).append(commit)
    return top, history


def _blobs(top: str, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    """Texts of (sha, path in repo) from one `git cat-file --batch`; None where absent."""
    if not wanted:
        return {}
    query = "".join(f"{sha}:{path}\n" for sha, path in wanted).encode("utf-8")
    try:
        out = subprocess.run(["git", "-C", top, "cat-file", "--batch"], input=query,
                             capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    result: dict[tuple[str, str], str | None] = {}
    pos = 0
    for key in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            result[key] = out[pos:pos + size].decode("utf-8", errors="replace")
            pos += size + 1
        else:
            result[key] = None
    return result


def _git(site: Site) -> tuple[dict[str, list[Commit]], dict[str, Finding]]:
    return site.derived(_read_git)


def _read_git(site: Site) -> tuple[dict[str, list[Commit]], dict[str, Finding]]:
    known = site.derived(site_repo)
    top, history = (git_history(site.config.docs_dir, known) if known is not None else None) or ("", {})
    return history, _from_git(site, top, history)


def has_history(source: Claims, translation: Claims, site: Site) -> bool:
    """Whether a recorded source_hash or git dates the translation against its source."""
    if translation.page.front_matter.get(SOURCE_HASH_KEY) is not None:
        return True
    if pairing_for(site).how(translation.page.path) == "rename":
        return True     # the rename dates it: check_stale reports it with both paths
    history, _ = _git(site)
    # no history at all (docs outside git): no path lookup (realpath asks the file system)
    return bool(history) and all(os.path.realpath(c.page.path) in history for c in (source, translation))


def check_stale(source: Claims, translation: Claims, site: Site) -> Iterator[Finding]:
    """`translation.stale` for one pair, from the recorded source_hash or the git history."""
    recorded = translation.page.front_matter.get(SOURCE_HASH_KEY)
    src, tr = source.page, translation.page
    if pairing_for(site).how(tr.path) == "rename":
        old = display_path(site.config.path_for(tr.rel, src.lang))
        yield Finding("translation.stale", Severity.WARNING, tr.path, 1,
                      f"{tr.path}:1 against {src.path}: expected the translation to follow its source, "
                      f"found the source renamed from {old} to {src.path} after it was translated",
                      f"move the translation to {display_path(site.config.path_for(src.rel, tr.lang))} "
                      f"and update it from the source")
        return
    if recorded is not None:
        now = claims_hash(source, site)
        if str(recorded) != now:
            yield Finding("translation.stale", Severity.WARNING, tr.path, 1,
                          f"{tr.path}:1 against {src.path}: expected the source's claims this "
                          f"translation was reviewed against ({SOURCE_HASH_KEY} {recorded}), found "
                          f"them changed (now {now})",
                          f"update the translation from the source, then run "
                          f"`docverify status --mark-reviewed {tr.path}`")
        return
    found = _git(site)[1].get(tr.path)
    if found is not None:
        yield found


def _day(commit: Commit) -> str:
    return datetime.fromtimestamp(commit.time, timezone.utc).strftime("%Y-%m-%d")


def _from_git(site: Site, top: str, history: dict[str, list[Commit]]) -> dict[str, Finding]:
    """Every git-stale translation of the site, decided in one batch."""
    if not history:
        return {}
    candidates = []
    for pair in pairing_for(site).pairs:
        s_hist = history.get(os.path.realpath(pair.source), [])
        t_hist = history.get(os.path.realpath(pair.translation), [])
        if not s_hist or not t_hist or s_hist[0].time <= t_hist[0].time:
            continue
        before = next((c for c in s_hist if c.time <= t_hist[0].time), None)
        rel = os.path.relpath(os.path.realpath(pair.source), top).replace(os.sep, "/")
        candidates.append((pair, s_hist[0], t_hist[0], before, rel))
    texts = _blobs(top, [(b.sha, rel) for _, _, _, b, rel in candidates if b is not None])
    out: dict[str, Finding] = {}
    for pair, changed, updated, before, rel in candidates:
        source = site.get(pair.source)
        old = texts.get((before.sha, rel)) if before is not None else None
        if source is None or (old is not None and _hash_of_text(old, source, site) == claims_hash(source, site)):
            continue    # the source changed only in prose since the translation was updated
        out[pair.translation] = Finding(
            "translation.stale", Severity.WARNING, pair.translation, 1,
            f"{pair.translation}:1 against {pair.source}: expected the translation to be updated after "
            f"the source's claims last changed ({_day(changed)}, commit {changed.sha[:7]}), found it "
            f"last updated {_day(updated)} (commit {updated.sha[:7]})",
            f"update the translation from the source (git diff {updated.sha[:7]} {changed.sha[:7]} -- "
            f"{rel} shows what changed)")
    return out


def _hash_of_text(text: str, source: Claims, site: Site) -> str:
    page = source.page
    old = parse_text(text, path=page.path, rel=page.rel, lang=page.lang, syntax=page.syntax)
    return claims_hash(extract(old), site)
