"""`hugokit init` sets a site up in one command: on a bare `hugo new site` holding the seed page it
imports all 47 publications without changing the page, writes the vocabularies, the hooks and the
workflow, wires hugokit into the Hugo configuration, and a second run changes nothing; Hugo then
renders the site with hugokit's layouts (found offline through a module replacement)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import FIXTURES, REPO, SEED_PAGE, hugokit, write
from hugokit import HUGO_MODULE, adopt
from hugokit.theme_wiring import exclude_database, wire_theme

BIN = Path(sys.executable).parent
MOUNT_TOML = '[[module.mounts]]\n  source = "data"\n  target = "data"\n  files = ["! publications.yaml"]\n'
MOUNT_YAML = 'mounts:\n  - source: data\n    target: data\n    files: ["! publications.yaml"]\n'


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.parts}


@pytest.fixture
def bare_site(tmp_path: Path) -> Path:
    """What `hugo new site` makes, in a Git repository, with the seed page as its publications page."""
    result = subprocess.run([str(BIN / "hugo"), "new", "site", str(tmp_path / "site")], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    (site / "content/publications.md").write_bytes(SEED_PAGE.read_bytes())
    subprocess.run(["git", "init", "-q", str(site)], check=True, timeout=60)
    return site


def test_init_sets_up_a_bare_hugo_site_and_a_second_run_changes_nothing(bare_site: Path, tmp_path: Path) -> None:
    config_before = (bare_site / "hugo.toml").read_text()
    first = hugokit("init", "--site", bare_site)
    assert first.exit_code == 1, first.output  # set up; the seed's reused paper link is an error to fix
    assert "imported 47 publications from content/publications.md into data/publications.yaml" in first.stdout
    assert "left content/publications.md as it is: hugokit build gives it back byte for byte" in first.stdout
    for written in ("data/topics.yaml", "data/people.yaml", ".pre-commit-config.yaml", ".github/workflows/hugokit.yml"):
        assert f"wrote {written}" in first.stdout
    assert "error[duplicate-link]" in first.stdout and "next steps:" in first.stdout
    assert (bare_site / ".gitignore").read_text() == ".hugokit.lock\n"

    assert (bare_site / "content/publications.md").read_bytes() == SEED_PAGE.read_bytes()
    assert len(yaml.safe_load((bare_site / "data/publications.yaml").read_text())) == 47
    assert hugokit("build", "--check", "--force", "--site", bare_site).exit_code == 0  # the page is up to date
    assert yaml.safe_load((bare_site / "data/topics.yaml").read_text()) == [
        "Selected", "Large Language Models", "Scalable ML", "ML Systems", "ML Security",
        "Large-scale ML Applications", "AutoML", "Healthcare"]
    people = yaml.safe_load((bare_site / "data/people.yaml").read_text())
    assert {"name": "Joseph E. Gonzalez", "aliases": ["Joseph E Gonzalez", "Joey Gonzalez", "Joseph Gonzalez"]} in people
    config = (bare_site / "hugo.toml").read_text()
    assert config.startswith(config_before) and f'path = "{HUGO_MODULE}"' in config
    assert config.endswith("\n" + MOUNT_TOML) and "hugo.toml: mounted data/ without publications.yaml" in first.stdout
    hooks = yaml.safe_load((bare_site / ".pre-commit-config.yaml").read_text())
    assert [h["id"] for h in hooks["repos"][0]["hooks"]] == ["hugokit-check", "hugokit-build"]
    assert hooks["repos"][0]["rev"] == "v0.1.0"  # an editable install records no commit: the release tag
    workflow = yaml.safe_load((bare_site / ".github/workflows/hugokit.yml").read_text())
    steps = workflow["jobs"]["hugokit"]["steps"]
    assert steps[0] == {"uses": "actions/checkout@v4", "with": {"submodules": "recursive"}}
    assert steps[1]["uses"] == "hugokit/hugokit@v0.1.0" and steps[1]["with"]["site"] == "."
    lint = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           str(bare_site / ".github/workflows/hugokit.yml")], capture_output=True, text=True,
                          timeout=120)
    assert lint.returncode == 0, lint.stdout
    valid = subprocess.run([str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml"], cwd=bare_site,
                           capture_output=True, text=True, timeout=120)
    assert valid.returncode == 0, valid.stdout + valid.stderr

    before = snapshot(bare_site)
    second = hugokit("init", "--site", bare_site)
    assert second.exit_code == 1
    assert snapshot(bare_site) == before  # not a byte nor a modification time changed
    assert "wrote" not in second.stdout and "imported" not in second.stdout
    assert "hugo.toml: already uses hugokit" in second.stdout
    assert "hugo.toml: already keeps data/publications.yaml out of Hugo's data loading" in second.stdout
    assert "kept data/people.yaml" in second.stdout and "kept .pre-commit-config.yaml (up to date)" in second.stdout

    # Hugo renders the site with hugokit's layouts alone (its own base: the site has no theme).
    env = os.environ | {"HUGO_MODULE_REPLACEMENTS": f"{HUGO_MODULE} -> {REPO}"}
    result = subprocess.run([str(BIN / "hugo"), "--source", str(bare_site), "--destination", str(tmp_path / "public"),
                             "--quiet", "--panicOnWarning", "--disableKinds", "taxonomy,term,RSS,sitemap"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    page = BeautifulSoup((tmp_path / "public/publications/index.html").read_text(), "html.parser")
    assert page.find("title") is not None and page.select_one("meta[name=viewport]") is not None
    assert len(page.select(".hugokit-list .hugokit-pub__title")) == 47
    buttons = [b["data-hugokit-topic"] for b in page.select(".hugokit-filter button[data-hugokit-topic]")]
    assert buttons[:3] == ["", "Selected", "Large Language Models"]  # the order of data/topics.yaml


@pytest.mark.parametrize("before, after", [
    ("public/\nresources", "public/\nresources\n.hugokit.lock\n"),   # no final line break
    ("# Hugo\npublic/\n", "# Hugo\npublic/\n.hugokit.lock\n"),
    ("public/\n/.hugokit.lock\n", None),                             # listed already: untouched
    ("*.lock\n", None),
])
def test_init_lists_the_site_lock_in_an_existing_gitignore(site: Path, before: str, after: str | None) -> None:
    ignore = site / ".gitignore"
    ignore.write_text(before)
    mtime = ignore.stat().st_mtime_ns
    run = hugokit("init", "--site", site)
    assert ignore.read_text() == (after or before)
    if after is None:
        assert ignore.stat().st_mtime_ns == mtime and "kept .gitignore (it lists .hugokit.lock)" in run.stdout
    else:
        assert "added .hugokit.lock to .gitignore" in run.stdout
        assert "kept .gitignore (it lists .hugokit.lock)" in hugokit("init", "--site", site).stdout


def test_an_existing_file_is_kept_and_init_says_what_it_lacks(site: Path) -> None:
    write(site / "hugo.toml", 'title = "Lab"\n')
    write(site / ".pre-commit-config.yaml", "repos: []\n")
    write(site / "data/topics.yaml", "- Selected\n")
    run = hugokit("init", "--site", site)
    assert "kept .pre-commit-config.yaml (it exists); it lacks hugokit's hooks; add under its repos:\n" \
           "  - repo: https://github.com/hugokit/hugokit\n" in run.stdout
    assert "kept data/topics.yaml (it exists); it lacks Large Language Models, Scalable ML" in run.stdout
    assert (site / ".pre-commit-config.yaml").read_text() == "repos: []\n"
    assert (site / "data/topics.yaml").read_text() == "- Selected\n"


def test_a_site_in_a_subfolder_gets_hooks_and_workflow_at_the_repository_root(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, timeout=60)
    write(tmp_path / "website/hugo.toml", 'title = "Lab"\n')
    write(tmp_path / "website/content/publications.md", SEED_PAGE.read_text())
    run = hugokit("init", "--site", tmp_path / "website")
    assert "imported 47 publications" in run.stdout
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert hooks[0]["args"] == ["--site", "website"]
    assert hooks[0]["files"] == r"^website/(data/.+\.ya?ml|content/.+\.(md|markdown|html?)|hugokit\.yaml)$"
    workflow = yaml.safe_load((tmp_path / ".github/workflows/hugokit.yml").read_text())
    assert workflow["jobs"]["hugokit"]["steps"][1]["with"]["site"] == "website"
    assert not (tmp_path / "website/.pre-commit-config.yaml").exists()


def test_the_hook_patterns_are_those_of_the_hooks_file() -> None:
    hooks = {h["id"]: h["files"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert {k: f"^{v}$" for k, v in adopt.HOOK_FILES.items()} == hooks


def test_init_imports_a_bibtex_file_into_a_new_folder(tmp_path: Path) -> None:
    bib = write(tmp_path / "mine.bib", "@inproceedings{alpa,\n  title = {Alpa},\n  author = {Zheng, Lianmin and Zhang, Hao},\n"
                "  booktitle = {OSDI},\n  year = {2022}\n}\n")
    run = hugokit("init", bib, "--site", tmp_path / "new")
    new = tmp_path / "new"
    assert f"wrote {new}/hugo.toml (a new Hugo site that imports hugokit as a module, and keeps " \
           "data/publications.yaml out of Hugo's data loading)" in run.stdout
    assert f"imported 1 publications from {bib} into {new}/data/publications.yaml" in run.stdout
    assert yaml.safe_load((new / "data/publications.yaml").read_text())[0]["authors"] == ["Lianmin Zheng", "Hao Zhang"]
    assert (new / "hugo.toml").read_text().endswith(f'[[module.imports]]\n  path = "{HUGO_MODULE}"  # hugokit\'s '
                                                    "layouts and vocabularies\n\n" + MOUNT_TOML)


@pytest.mark.parametrize("ending", ["\n", ""], ids=["a line break after []", "none"])
def test_import_into_the_empty_database_init_writes(tmp_path: Path, ending: str) -> None:
    """init writes `[]` under its example comment; a later import (a real file) replaces the `[]`
    with the entries (it used to append them after it: an internal error, nothing imported)."""
    site = tmp_path / "site"
    init = hugokit("init", "--site", site)
    assert init.exit_code == 0 and "fill the database: hugokit import my.bib" in init.stdout  # a next step
    database = site / "data/publications.yaml"
    empty = database.read_text(encoding="utf-8")
    assert empty.endswith("\n[]\n")
    database.write_text(empty.removesuffix("\n") + ending, encoding="utf-8")
    run = hugokit("import", REPO / "tests/corpus/bibtex/aibasel-group.bib", "--site", site)
    assert run.exit_code == 0 and "imported 48 new" in run.stdout, run.output
    text = database.read_text(encoding="utf-8")
    assert text.startswith(empty.removesuffix("[]\n")) and "\n[]" not in text  # the example comment kept
    assert len(yaml.safe_load(text)) == 48
    assert hugokit("build", "--force", "--site", site).exit_code == 0  # (its venues are not all in the registry)
    assert (site / "content/publications.md").read_text(encoding="utf-8").count("{{< publication ") == 48


def test_a_source_that_cannot_be_read_writes_nothing(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", 'title = "Lab"\n')
    write(tmp_path / "content/publications.md", SEED_PAGE.read_text() + "\nstray text\n")
    before = snapshot(tmp_path)
    run = hugokit("init", "--site", tmp_path)
    assert run.exit_code == 1
    assert "error[unparsed-line]" in run.stdout and "nothing was written" in run.stderr
    assert snapshot(tmp_path) == before


THEMES = [
    ("hugo.toml", 'theme = "PaperMod"\ntitle = "Lab"\n', 'theme = ["PaperMod", "hugokit"]\ntitle = "Lab"\n'),
    ("config.toml", '# mine\ntheme = ["a", "b"]\n', '# mine\ntheme = ["a", "b", "hugokit"]\n'),
    ("hugo.yaml", "title: Lab\ntheme: PaperMod\n", 'title: Lab\ntheme: ["PaperMod", "hugokit"]\n'),
    ("hugo.yaml", "theme:\n  - PaperMod\ntitle: Lab\n", "theme:\n  - PaperMod\n  - hugokit\ntitle: Lab\n"),
    ("hugo.yaml", "theme:\n- a\n- b  # mine\n\n# the title\ntitle: Lab\n",
     "theme:\n- a\n- b  # mine\n- hugokit\n\n# the title\ntitle: Lab\n"),
    ("hugo.json", '{\n  "theme": "PaperMod"\n}\n', '{\n  "theme": [\n    "PaperMod",\n    "hugokit"\n  ]\n}\n'),
    ("hugo.toml", '[[module.imports]]\n  path = "github.com/x/theme"\n',
     '[[module.imports]]\n  path = "github.com/x/theme"\n\n'
     f'[[module.imports]]\n  path = "{HUGO_MODULE}"  # hugokit\'s layouts and vocabularies\n'),
    ("hugo.toml", '[module]\n  [[module.imports]]\n    path = "x"\n  [[module.imports.mounts]]\n    source = "l"\n'
     '    target = "layouts"\n\n[params]\n  a = 1\n',
     '[module]\n  [[module.imports]]\n    path = "x"\n  [[module.imports.mounts]]\n    source = "l"\n'
     f'    target = "layouts"\n\n[[module.imports]]\n  path = "{HUGO_MODULE}"  # hugokit\'s layouts and vocabularies\n'
     '\n[params]\n  a = 1\n'),
    ("hugo.yaml", "module:\n  imports:\n    - path: github.com/x/theme\n",
     f"module:\n  imports:\n    - path: github.com/x/theme\n    - path: {HUGO_MODULE}  # hugokit's layouts and vocabularies\n"),
]


@pytest.mark.parametrize(("name", "before", "after"), THEMES)
def test_wiring_puts_hugokit_last_and_keeps_the_rest(name: str, before: str, after: str) -> None:
    wiring = wire_theme(name, before)
    assert wiring.text == after and not wiring.manual
    assert wire_theme(name, after).text is None  # already wired: nothing more


def test_a_site_wired_with_hugokit_first_is_told_to_move_it_last() -> None:
    wiring = wire_theme("hugo.toml", 'theme = ["hugokit", "PaperMod"]\n')
    assert wiring.text is None and wiring.done == "already uses hugokit"
    assert "hugokit comes before PaperMod: move it last" in wiring.manual


@pytest.mark.parametrize(("name", "text"), [
    ("hugo.toml", 'theme = [\n  "a",\n]\n'),                        # a list over several lines
    ("hugo.json", '{"theme": "a"}'),                                # laid out by hand
    ("hugo.toml", '[module]\nimports = [{path = "x"}]\n'),          # imports written inline
    ("hugo.yaml", "module: {imports: [{path: x}]}\n"),              # the module section inline
])
def test_a_configuration_that_cannot_be_edited_safely_is_left_alone(name: str, text: str) -> None:
    wiring = wire_theme(name, text)
    assert wiring.text is None and "hugokit" in wiring.manual


def test_the_pin_is_the_installed_commit_when_pip_recorded_one() -> None:
    sha = "0123456789abcdef0123456789abcdef01234567"
    direct = json.dumps({"url": "https://github.com/lab/hugokit", "vcs_info": {"vcs": "git", "commit_id": sha}})
    where = adopt.pin(direct)
    assert (where.repository, where.rev, where.exact, where.action) == \
        ("https://github.com/lab/hugokit", sha, True, f"lab/hugokit@{sha}")
    assert f"rev: {sha}" in adopt.pre_commit_config(where, ".")
    local = adopt.pin(json.dumps({"url": "file:///src/hugokit", "dir_info": {"editable": True}}), "1.2.3")
    assert (local.rev, local.exact) == ("v1.2.3", False)


def test_the_example_files_are_what_init_writes() -> None:
    where = adopt.pin(None)
    assert (REPO / "examples/github/publications.yml").read_text() == adopt.workflow(where, ".")
    assert (REPO / "examples/github/pre-commit-config.yaml").read_text() == adopt.pre_commit_config(where, ".")


def test_a_config_folder_is_edited_where_the_main_settings_are(tmp_path: Path) -> None:
    write(tmp_path / "config/_default/hugo.toml", 'title = "Lab"\n')
    write(tmp_path / "config/_default/params.toml", "owner = 'x'\n")
    run = hugokit("init", "--site", tmp_path)
    assert "config/_default/hugo.toml: added hugokit as a Hugo module import" in run.stdout
    assert not (tmp_path / "hugo.toml").exists()
    (tmp_path / "config/_default/hugo.toml").unlink()
    again = hugokit("init", "--site", tmp_path)
    assert "config/_default holds no hugo.toml; add hugokit by hand" in again.stderr
    assert not (tmp_path / "hugo.toml").exists()


CONFIGS = FIXTURES / "hugo-configs"


def test_a_hugo_blox_site_gets_hugokit_last_in_its_module_file(tmp_path: Path) -> None:
    """Hugo Blox keeps its imports in config/_default/module.yaml: hugokit goes there, after them,
    and so does the mount that keeps the database out of Hugo's data loading."""
    hugo, module = CONFIGS / "hugoblox-hugo.yaml", CONFIGS / "hugoblox-module.yaml"
    write(tmp_path / "config/_default/hugo.yaml", hugo.read_text())
    write(tmp_path / "config/_default/module.yaml", module.read_text())
    run = hugokit("init", "--site", tmp_path)
    assert "config/_default/module.yaml: added hugokit as a Hugo module import, after " \
           "github.com/HugoBlox/hugo-blox-builder/modules/blox-bootstrap/v5" in run.stdout
    assert "config/_default/module.yaml: mounted data/ without publications.yaml" in run.stdout
    assert (tmp_path / "config/_default/hugo.yaml").read_text() == hugo.read_text()
    edited = (tmp_path / "config/_default/module.yaml").read_text()
    assert edited == module.read_text() + f"  - path: {HUGO_MODULE}  # hugokit's layouts and vocabularies\n" + MOUNT_YAML
    again = hugokit("init", "--site", tmp_path).stdout
    assert "already uses hugokit" in again and "already keeps data/publications.yaml out of Hugo's data loading" in again
    assert (tmp_path / "config/_default/module.yaml").read_text() == edited


def test_papermods_example_config_gains_the_import_after_its_own() -> None:
    text = (CONFIGS / "papermod-config.yml").read_text()
    wiring = wire_theme("config.yml", text)
    assert wiring.text == text + f"    - path: {HUGO_MODULE}  # hugokit's layouts and vocabularies\n"
    imports = yaml.safe_load(wiring.text)["module"]["imports"]
    assert [i["path"] for i in imports] == ["github.com/danielfdickinson/adityatelange-hugo-PaperMod", HUGO_MODULE]
    mounted = exclude_database("config.yml", wiring.text, "data/publications.yaml").text
    assert mounted == wiring.text + "".join(f"  {line}\n" for line in MOUNT_YAML.splitlines())
    assert yaml.safe_load(mounted)["module"]["imports"] == yaml.safe_load(wiring.text)["module"]["imports"]


MOUNTS = [
    ("hugo.toml", 'title = "Lab"\n', 'title = "Lab"\n\n' + MOUNT_TOML),
    ("hugo.toml", '[[module.mounts]]\n  source = "static"\n  target = "static"\n\n[params]\n  a = 1\n',
     '[[module.mounts]]\n  source = "static"\n  target = "static"\n\n' + MOUNT_TOML + '\n[params]\n  a = 1\n'),
    ("hugo.yaml", "title: Lab\n", "title: Lab\n\nmodule:\n" + "".join(f"  {line}\n" for line in MOUNT_YAML.splitlines())),
    ("hugo.yaml", "module:\n  imports:\n  - path: x\nparams:\n  a: 1\n",
     "module:\n  imports:\n  - path: x\n" + "".join(f"  {line}\n" for line in MOUNT_YAML.splitlines()) + "params:\n  a: 1\n"),
    ("hugo.json", '{\n  "title": "Lab"\n}',
     '{\n  "title": "Lab",\n  "module": {\n    "mounts": [\n      {\n        "source": "data",\n        "target": "data",\n'
     '        "files": [\n          "! publications.yaml"\n        ]\n      }\n    ]\n  }\n}'),
]


@pytest.mark.parametrize(("name", "before", "after"), MOUNTS)
def test_the_database_is_kept_out_of_hugos_data_loading(name: str, before: str, after: str) -> None:
    step = exclude_database(name, before, "data/publications.yaml")
    assert step.text == after and not step.manual
    assert exclude_database(name, after, "data/publications.yaml").text is None  # once is enough


def test_a_site_that_mounts_its_data_itself_is_told_what_to_add() -> None:
    own = '[[module.mounts]]\n  source = "data"\n  target = "data"\n'
    step = exclude_database("hugo.toml", own, "data/publications.yaml")
    assert step.text is None and 'add files = ["! publications.yaml"] to its mount with source data' in step.manual
    excluded = own + '  excludeFiles = "publications.yaml"\n'  # as Hugo before 0.153 spelled it
    assert exclude_database("hugo.toml", excluded, "data/publications.yaml").done.startswith("already keeps")
    assert exclude_database("hugo.toml", 'title = "x"\n', "db/publications.yaml") == (None, "", "")
    nested = exclude_database("hugo.toml", "", "data/lab/publications.yaml").text
    assert nested is not None and 'files = ["! lab/publications.yaml"]' in nested


def test_a_doks_site_mounting_every_folder_itself_gets_the_import_and_is_told_about_its_data_mount(
        tmp_path: Path) -> None:
    """Doks declares every mount in its module file, its own data/ among three data mounts: init
    adds hugokit's import there and leaves the mounts to the site, saying what to add."""
    module = (CONFIGS / "doks-module.toml").read_text()
    write(tmp_path / "config/_default/hugo.toml", 'title = "Docs"\n')
    write(tmp_path / "config/_default/module.toml", module)
    run = hugokit("init", "--site", tmp_path)
    assert "config/_default/module.toml: added hugokit as a Hugo module import" in run.stdout
    assert "config/_default/module.toml mounts data/ itself; Hugo's YAML loader gives up on a few thousand " \
           'entries' in run.stderr and 'add files = ["! publications.yaml"] to its mount with source data' in run.stderr
    edited = (tmp_path / "config/_default/module.toml").read_text()
    assert edited == module + f'\n\n[[imports]]\n  path = "{HUGO_MODULE}"  # hugokit\'s layouts and vocabularies\n'
    assert (tmp_path / "config/_default/hugo.toml").read_text() == 'title = "Docs"\n'


# A Hugo Blox bundle of zhanlilz/zhanlilz @ 3a0814c, content/publication/boucher-detecting-2020/index.md
# (reduced: three authors, five of its tags, no abstract), whose tags differ only by case.
ZHANLILZ = FIXTURES / "real/zhanlilz"


def test_topics_that_differ_only_by_case_are_one_term_in_the_topics_init_writes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(ZHANLILZ, site / "content/publication")
    run = hugokit("init", "content/publication", "--site", site)
    assert "duplicate-term" not in run.stdout  # the vocabulary init writes is one its check accepts
    assert yaml.safe_load((site / "data/topics.yaml").read_text()) == ['"g-liht"', '"gedi"', '"lidar"']
    assert run.stdout.count("warning[topic-spelling]") == 2  # "G-LiHT" and "GEDI": hugokit fix spells them
    assert run.stdout.count("error[") == 1 and "error[unknown-venue]" in run.stdout  # Remote Sensing, in no registry
    assert run.exit_code == 1, run.output


def test_entries_written_by_hand_after_the_empty_databases_brackets_are_told_to_replace_them(tmp_path: Path) -> None:
    """The README's database example, pasted below the `[]` init writes: the error says what to do."""
    site = tmp_path / "site"
    assert hugokit("init", "--site", site).exit_code == 0
    database = site / "data/publications.yaml"
    database.write_text(database.read_text() + '- title: "Alpa"\n  year: 2022\n', encoding="utf-8")
    run = hugokit("check", "--site", site)
    assert run.exit_code == 2
    line = len(database.read_text().splitlines()) - 1
    assert run.stdout == (f"data/publications.yaml:{line}:1: error[yaml-syntax] YAML syntax error: more follows the "
                          "file's one value (the [] of an empty list, a value at the top level) (delete the [] "
                          "when you add entries below it; indent a line that belongs to the value above)\n")
    assert "Replace the [] below" in database.read_text()  # the file says so itself
