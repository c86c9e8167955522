"""The pull-request check: action.yml and the example workflow validate against GitHub's schemas,
and the action's shell steps, run here as GitHub would run them, annotate and summarise."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE_SITE, REPO, commit_all

BIN = Path(sys.executable).parent
ACTION = yaml.safe_load((REPO / "action.yml").read_text())


def lint(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True, timeout=120)


def test_action_file_is_valid() -> None:
    result = lint("vendor.github-actions", REPO / "action.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_example_workflow_is_valid() -> None:
    result = lint("vendor.github-workflows", REPO / "examples/github/publications.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_rejects_a_broken_action(tmp_path: Path) -> None:
    broken = tmp_path / "action.yml"
    broken.write_text("name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n")
    assert lint("vendor.github-actions", broken).returncode == 1  # a run step needs a shell


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A repository laid out like this one: hugokit's layouts and data beside examples/site."""
    shutil.copytree(REPO / "layouts", tmp_path / "layouts")
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copytree(EXAMPLE_SITE, tmp_path / "examples/site", ignore=shutil.ignore_patterns("public", "resources"))
    return commit_all(tmp_path)


def run_action_steps(site: Path, summary: Path, **inputs: str) -> list[tuple[str, subprocess.CompletedProcess[str]]]:
    """Runs the action's shell steps as a GitHub runner would: inputs and env filled in, each
    step's `if:` honoured, stopping at a failed step unless the next one runs `!cancelled()`."""
    values = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()} | inputs
    values["site"] = str(site)
    ran: list[tuple[str, subprocess.CompletedProcess[str]]] = []
    failed = False
    for step in ACTION["runs"]["steps"]:
        if "run" not in step or step["name"] == "Install hugokit":  # hugokit is installed here already
            continue
        condition = step.get("if", "")
        if failed and "!cancelled()" not in condition:
            continue
        match = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) == '(\w+)' }}", condition)
        if match and values[match.group(1)] != match.group(2):
            continue
        env = {k: re.sub(r"\$\{\{ inputs\.([\w-]+) }}", lambda m: values[m.group(1)], v)
               for k, v in step.get("env", {}).items()}
        env |= {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "GITHUB_ACTIONS": "true",
                "GITHUB_STEP_SUMMARY": str(summary), "HOME": os.environ.get("HOME", "/tmp")}
        result = subprocess.run(["bash", "-e", "-c", step["run"]], env=env, capture_output=True, text=True, timeout=300)
        ran.append((step["name"], result))
        failed = failed or result.returncode != 0
    return ran


def set_alpa_venue(checkout: Path, venue: str) -> Path:
    """Changes the venue of the example's Alpa entry (OSDI 2022); returns the database's path."""
    database = checkout / "examples/site/data/publications.yaml"
    text = database.read_text()
    assert "venue: OSDI 2022" in text
    database.write_text(text.replace("venue: OSDI 2022", f"venue: {venue}", 1))
    return database


def test_clean_site_passes_every_step(checkout: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    ran = run_action_steps(checkout / "examples/site", summary)
    assert [(name, r.returncode) for name, r in ran] == [
        ("Check publications", 0), ("Generated pages are up to date", 0), ("Build the site with Hugo", 0)]
    assert (checkout / "examples/site/public/publications/index.html").exists()
    text = summary.read_text()
    assert "## hugokit check\n\n**no problems**" in text
    assert "All generated files are up to date." in text


def test_bad_venue_is_annotated_and_summarised(checkout: Path, tmp_path: Path) -> None:
    database = set_alpa_venue(checkout, "OSDII 2022")
    summary = tmp_path / "summary.md"
    ran = dict(run_action_steps(checkout / "examples/site", summary))
    check = ran["Check publications"]
    assert check.returncode == 1
    line = next(n for n, text in enumerate(database.read_text().splitlines(), 1) if "OSDII" in text)
    assert f"::error file=data/publications.yaml,line={line},col=10,title=hugokit unknown-venue::" in check.stdout
    assert "Build the site with Hugo" not in ran  # skipped after a failure
    assert ran["Generated pages are up to date"].returncode == 1  # still runs, and refuses to build
    text = summary.read_text()
    assert "| `unknown-venue` | error | 1 |" in text
    assert "## hugokit build\n\nNot built: the database has 1 error(s)" in text


def test_stale_page_is_reported_with_its_diff(checkout: Path, tmp_path: Path) -> None:
    set_alpa_venue(checkout, "OSDI 2021")
    summary = tmp_path / "summary.md"
    ran = dict(run_action_steps(checkout / "examples/site", summary))
    assert ran["Check publications"].returncode == 0
    assert ran["Generated pages are up to date"].returncode == 1
    assert "Build the site with Hugo" not in ran
    text = summary.read_text()
    assert "- `content/publications.md`" in text
    assert '+{{< publication title="Alpa: Automating Inter- and Intra-Operator Parallelism for Distributed Deep Learning" venue="OSDI 2021"' in text


def test_strict_input_fails_on_warnings(checkout: Path, tmp_path: Path) -> None:
    set_alpa_venue(checkout, "osdi 2022")
    subprocess.run([str(BIN / "hugokit"), "build", "--site", str(checkout / "examples/site")], check=True,
                   capture_output=True)
    lenient = dict(run_action_steps(checkout / "examples/site", tmp_path / "a.md", **{"build-site": "false"}))
    assert lenient["Check publications"].returncode == 0
    assert "::warning file=data/publications.yaml" in lenient["Check publications"].stdout
    strict = dict(run_action_steps(checkout / "examples/site", tmp_path / "b.md", strict="true"))
    assert strict["Check publications"].returncode == 1
