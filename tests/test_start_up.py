"""What a pre-commit hook's run does before its work: here, that defining its named tuples has
typing parse no annotation string (see the README's Performance notes). Each run is a fresh
interpreter, as a hook's is."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE_SITE

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
