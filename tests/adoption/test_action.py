"""The GitHub Action's steps (tools/action/run.sh, as action.yml calls them) on a fixture repository."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

from .conftest import ACTION, BROKEN, broken_line, fix, git, plant, run

REPO = Path(__file__).resolve().parents[2]


def _step(step: str, repo: Path, venv: Path, **inputs: str) -> tuple[int, str, dict[str, str], str]:
    """Run one step as GitHub would: inputs as INPUT_*, its outputs read back from $GITHUB_OUTPUT."""
    outputs, summary = repo.parent / "github-output", repo.parent / "step-summary"
    outputs.write_text("")
    summary.write_text("")
    env = {"DOCVERIFY_VENV": str(venv), "GITHUB_WORKSPACE": str(repo), "GITHUB_OUTPUT": str(outputs),
           "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_EVENT_NAME": "push", "CI": "true",
           **{f"INPUT_{name.upper()}": value for name, value in inputs.items()}}
    proc = run(["bash", str(ACTION), step], repo, env=env)
    written = dict(line.split("=", 1) for line in outputs.read_text().splitlines() if "=" in line)
    return proc.returncode, proc.stdout + proc.stderr, written, summary.read_text()


def test_annotates_a_broken_anchor_and_the_gate_fails(wheel_venv: Path,
                                                     adopter_repo: Callable[[bool], Path]) -> None:
    repo = adopter_repo(True)
    code, log, outputs, summary = _step("check", repo, wheel_venv, upload_sarif="true")
    assert code == 0, log          # the check step records the outcome; the gate step fails
    assert f"::error file={BROKEN},line={broken_line()},title=link.anchor::expected #api-keys" in log
    assert outputs["exit-code"] == "1"
    assert "found errors" in summary
    sarif = json.loads((repo / outputs["report"]).read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results
            if r["level"] == "error"} == {("link.anchor", BROKEN, broken_line())}
    gate = run(["bash", str(ACTION), "gate"], repo, env={"DOCVERIFY_EXIT_CODE": outputs["exit-code"]})
    assert gate.returncode == 1 and "::error title=docverify::" in gate.stdout

    fix(repo)
    code, log, outputs, summary = _step("check", repo, wheel_venv)
    assert code == 0 and outputs["exit-code"] == "0", log
    assert "::error" not in log and "no errors" in summary
    assert run(["bash", str(ACTION), "gate"], repo, env={"DOCVERIFY_EXIT_CODE": "0"}).returncode == 0



def test_a_report_and_the_annotations_come_from_one_check(wheel_venv: Path, adopter_repo: Callable[[bool], Path],
                                                         tmp_path: Path) -> None:
    """Asking for a report runs docverify once, not once for the log and again for the file."""
    repo = adopter_repo(True)
    counting, calls = tmp_path / "counting-venv", tmp_path / "calls"
    (counting / "bin").mkdir(parents=True)
    shim = counting / "bin" / "docverify"
    shim.write_text(f'#!/usr/bin/env bash\necho "$*" >>"{calls}"\nexec "{wheel_venv}/bin/docverify" "$@"\n')
    shim.chmod(0o755)
    code, log, outputs, _ = _step("check", repo, counting, format="json")
    assert code == 0 and outputs["exit-code"] == "1", log
    assert len(calls.read_text().splitlines()) == 1, calls.read_text()
    assert f"::error file={BROKEN},line={broken_line()},title=link.anchor::" in log
    assert log.count("pages checked:") == 1 and "report written to docverify.json" in log
    report = json.loads((repo / outputs["report"]).read_text(encoding="utf-8"))
    assert outputs["report"] == "docverify.json" and report["summary"]["errors"] == 1

def test_a_pull_request_checks_the_pages_it_changed(wheel_venv: Path, adopter_repo: Callable[[bool], Path],
                                                    tmp_path: Path) -> None:
    """On a pull request the base branch decides what is checked: the page the change broke is
    annotated, a page it did not touch (or link into) is left alone; the base is fetched when
    the checkout lacks it, as after actions/checkout's one-commit clone."""
    repo = adopter_repo(False)
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(repo), str(origin))
    git(repo, "remote", "add", "origin", str(origin))       # not fetched: no origin/main yet
    git(repo, "checkout", "-q", "-b", "feature")
    plant(repo)
    git(repo, "commit", "-qam", "a broken anchor")
    pr = {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main"}

    def check_pr() -> tuple[int, str, str]:
        outfile = tmp_path / "pr-output"
        proc = run(["bash", str(ACTION), "check"], repo, env={
            **pr, "DOCVERIFY_VENV": str(wheel_venv), "GITHUB_WORKSPACE": str(repo),
            "GITHUB_OUTPUT": str(outfile), "INPUT_CHANGED_SINCE": "auto"})
        return proc.returncode, proc.stdout + proc.stderr, outfile.read_text()

    code, log, outputs = check_pr()
    assert code == 0 and "exit-code=1" in outputs, log
    assert f"::error file={BROKEN},line={broken_line()},title=link.anchor::" in log
    assert git(repo, "rev-parse", "origin/main") == git(repo, "rev-parse", "main")   # fetched

    # The broken anchor lands on main; the next pull request edits a page nothing links to.
    git(repo, "push", "-q", "origin", "feature:main")
    git(repo, "update-ref", "-d", "refs/remotes/origin/main")
    git(repo, "checkout", "-q", "-b", "prose")
    other = repo / "docs" / "index.zh.md"
    other.write_text(other.read_text(encoding="utf-8") + "\n祝使用愉快。\n", encoding="utf-8")
    git(repo, "commit", "-qam", "a prose edit")
    code, log, outputs = check_pr()
    assert code == 0 and "exit-code=0" in outputs and "::error" not in log, log

    # The same tree on a push: every page, so the old break shows.
    code, log, written, _ = _step("check", repo, wheel_venv)
    assert written["exit-code"] == "1" and f"file={BROKEN}" in log


def test_bad_inputs_are_one_annotated_error(wheel_venv: Path, adopter_repo: Callable[[bool], Path]) -> None:
    repo = adopter_repo(False)
    code, log, _, _ = _step("check", repo, wheel_venv, format="yaml")
    assert code == 2 and "::error title=docverify action::format must be" in log
    code, log, _, _ = _step("check", repo, wheel_venv, strict="maybe")
    assert code == 2 and "expected true or false, got 'maybe'" in log
    code, log, outputs, _ = _step("check", repo, wheel_venv, config="nope.yml")
    assert code == 0 and outputs["exit-code"] == "2" and "error: nope.yml: no such config file" in log
    gate = run(["bash", str(ACTION), "gate"], repo, env={"DOCVERIFY_EXIT_CODE": "2"})
    assert gate.returncode == 2 and "::error title=docverify::the check could not run" in gate.stdout


def test_action_yml_passes_every_input_to_the_script() -> None:
    """Each input reaches run.sh as INPUT_<NAME>, and the steps call the script this test runs."""
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    env: dict[str, str] = {k: v for s in steps for k, v in (s.get("env") or {}).items()}
    for name in action["inputs"]:
        if name == "python-version":
            continue    # setup-python's, not the script's
        key = "INPUT_" + name.upper().replace("-", "_")
        assert env.get(key) == f"${{{{ inputs.{name} }}}}", (name, env.get(key))
        assert key in ACTION.read_text(encoding="utf-8") or key == "INPUT_PYTHON"
    runs = [s["run"] for s in steps if "run" in s]
    assert runs and all('"$GITHUB_ACTION_PATH/tools/action/run.sh"' in r for r in runs)
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@"))
    assert "steps.check.outputs.report" in upload["with"]["sarif_file"]
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "docs.yml").read_text(encoding="utf-8"))
    assert any(s.get("uses") == "./" for job in workflow["jobs"].values() for s in job["steps"]), \
        "the repository's own workflow must run the action (uses: ./)"
    assert sys.executable
