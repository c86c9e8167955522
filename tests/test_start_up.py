"""What a pre-commit hook's run costs besides its work: defining its named tuples has typing
parse no annotation string, a check after a database edit reads each page once and, on a
site whose files hugokit reads without a YAML library, imports none (see the README's
Performance notes). Those about imports run in a fresh interpreter, as a hook's does."""
from __future__ import annotations

import builtins
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from conftest import EXAMPLE_SITE, hugokit
from hugokit.file_status import RACY_NS

# Runs the command lines given in a fresh interpreter; writes the annotation strings that typing
# parsed (each makes a ForwardRef) to the file named first.
COUNTING = """
import contextlib, io, json, sys, typing
parsed = []
original = typing.ForwardRef.__init__
def counting(self, arg, *args, **kwargs):
    parsed.append(arg)
    original(self, arg, *args, **kwargs)
typing.ForwardRef.__init__ = counting
from hugokit.__main__ import run
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    codes = [run(command.split()) for command in sys.argv[2:]]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"codes": codes, "parsed": parsed}, out)
"""


def _parsed(site: Path, cache: Path, *commands: str) -> dict[str, list[object]]:
    report = site.parent / "parsed.json"
    subprocess.run([sys.executable, "-c", COUNTING, str(report), *commands], cwd=site, check=True,
                   env={"PATH": "", "HUGOKIT_CACHE_DIR": str(cache)})
    result: dict[str, list[object]] = json.loads(report.read_text(encoding="utf-8"))
    return result


def test_the_hooks_parse_no_annotation_string(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE_SITE, site, ignore=shutil.ignore_patterns("public", "resources"))
    cache = tmp_path / "cache"
    assert _parsed(site, cache, "check", "build --check --pages") == {"codes": [0, 0], "parsed": []}
    database = site / "data/publications.yaml"
    database.write_text(database.read_text(encoding="utf-8").replace('title: "', 'title: "Edited: ', 1),
                        encoding="utf-8")
    # after a one-line edit: a check that parses the database and runs every rule, then a build
    assert _parsed(site, cache, "check", "build --check") == {"codes": [0, 1], "parsed": []}


# Runs one command line in a fresh interpreter; writes its exit status, its output, the YAML
# modules it imported and whether it imported dataclasses (with inspect, ast, dis and tokenize) to
# the file named first.
IMPORTING = """
import contextlib, io, json, sys
from hugokit.__main__ import run
out, err = io.StringIO(), io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
    code = run(sys.argv[2:])
with open(sys.argv[1], "w", encoding="utf-8") as report:
    json.dump({"code": code, "output": out.getvalue() + err.getvalue(),
               "yaml": sorted(name for name in sys.modules if name.split(".")[0] in ("yaml", "_yaml")),
               "dataclasses": "dataclasses" in sys.modules}, report)
"""


def _imports(site: Path, cache: Path, *argv: str) -> dict[str, object]:
    report = site.parent / "imports.json"
    subprocess.run([sys.executable, "-c", IMPORTING, str(report), *argv], cwd=site, check=True,
                   env={"PATH": "", "HUGOKIT_CACHE_DIR": str(cache)})
    result: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
    return result


def test_a_check_after_a_one_line_edit_of_the_example_site_imports_no_yaml(tmp_path: Path) -> None:
    """Its database is in the common shape (hugokit.database_fast), its hugokit.yaml and
    vocabularies come from the cache's memos and its pages' findings from theirs: PyYAML (loading
    it is most of what the benchmark's yardstick, `python -c "import yaml"`, measures) is not loaded."""
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE_SITE, site, ignore=shutil.ignore_patterns("public", "resources"))
    cache = tmp_path / "cache"
    cold = _imports(site, cache, "check")
    assert cold["code"] == 0 and cold["yaml"]  # the first check parses the config, vocabularies and pages
    database = site / "data/publications.yaml"
    for number in range(2):
        database.write_text(database.read_text(encoding="utf-8").replace('title: "', f'title: "Edit {number}: ', 1),
                            encoding="utf-8")
        edited = _imports(site, cache, "check")
        assert edited == {"code": 0, "output": cold["output"], "yaml": [], "dataclasses": False}
    fresh = _imports(site, cache, "check", "--no-cache")
    assert fresh["output"] == cold["output"] and fresh["yaml"]  # (the same findings, with the YAML parsed)


def test_a_check_after_a_database_edit_reads_each_page_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE_SITE, site, ignore=shutil.ignore_patterns("public", "resources"))
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache"))
    assert hugokit("check", "--site", site).exit_code == 0
    time.sleep((RACY_NS + 30_000_000) / 1e9)  # the pages were copied clearly before the next check began
    database = site / "data/publications.yaml"
    database.write_text(database.read_text(encoding="utf-8").replace('title: "', 'title: "Edited: ', 1),
                        encoding="utf-8")
    opened: list[str] = []
    real_open = builtins.open

    def counting(file: object, *args: object, **kwargs: object) -> object:
        opened.append(os.path.relpath(os.fspath(file), site) if isinstance(file, (str, os.PathLike)) else "")
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    real_os_open = os.open

    def counting_os_open(file: object, *args: object, **kwargs: object) -> int:
        opened.append(os.path.relpath(os.fspath(file), site) if isinstance(file, (str, os.PathLike)) else "")
        return real_os_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "open", counting)
    monkeypatch.setattr(os, "open", counting_os_open)  # (how hugokit.inputs opens a file it reads)
    run = hugokit("check", "--site", site)
    assert run.exit_code == 0 and "no problems" in run.stderr
    reads = Counter(rel for rel in opened if rel.startswith("content/"))
    pages = {os.path.relpath(os.path.join(folder, name), site) for folder, _, names in os.walk(site / "content")
             for name in names if name.endswith(".md")}
    # by the per-file rules (which take their findings from the memo); the cache's lookup stops at
    # the database. The generated page's bytes are handed on to recognise it as hugokit's
    # (provenance.record_if_up_to_date), and no page is read again to see that it did not change
    # during the run: its status says it did not (site.unchanged_since).
    assert set(reads) == pages and set(reads.values()) == {1}


def test_a_bibtex_import_takes_the_vocabularies_from_the_cache(tmp_path: Path) -> None:
    """The vocabularies an import looks venues up in come from the memo an earlier run on the site
    stored, as a check's do: importing again imports no YAML library and writes the same database.
    Neither import loads dataclasses (the import path's classes are plain ones, see hugokit.model).
    On a real al-folio .bib file (tests/corpus/README.md)."""
    source = Path(__file__).parent / "corpus/bibtex/al-folio-42shawn.bib"
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    database = site / "data/publications.yaml"
    first = _imports(site, cache, "import", str(source), "--partial")
    written = database.read_bytes()
    database.unlink()
    again = _imports(site, cache, "import", str(source), "--partial")
    assert first["code"] == again["code"] == 0 and first["yaml"] and again["yaml"] == []
    assert first["dataclasses"] is again["dataclasses"] is False
    assert again["output"] == first["output"] and "imported 33 publications" in str(first["output"])
    assert database.read_bytes() == written
