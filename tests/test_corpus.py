"""Invariants over the real-world corpus (tests/corpus/README.md says where each file comes from).

For every item under tests/corpus/<format>/ — a file, or a folder of page bundles — imported into
a fresh site:
- nothing crashes: the exit code is 0, 1 or 2, with no traceback;
- every input entry is imported or named in a diagnostic, counted independently of the importer
  (a counter per format below, or a sidecar <item>.expected holding the number);
- export refuses a database with errors unless forced; forced, it writes each key once, and
  export → import gives the identical database;
- no imported venue differs from its source text unless it is exactly a registry venue;
- no text field keeps a LaTeX command that was not reported;
- every link `hugokit check` rejects was reported at import.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest

from conftest import REPO, hugokit
from hugokit.database import parse_database
from hugokit.diagnostics import quoted
from hugokit.importers.aas_macros import JOURNAL_MACROS
from hugokit.latex import decode, expand_macros
from hugokit.model import Publication
from hugokit.text import split_venue
from hugokit.vocab import load_vocabularies

CORPUS = REPO / "tests" / "corpus"
VENUES = load_vocabularies(REPO)[0].venues
REGISTRY_NAMES = {t.name for t in VENUES.terms if t.pattern is None}
# The key ends at its comma, or at the line's end where the comma is missing (pybtex reads on).
_BIB_ENTRY = re.compile(r"^\s*@\s*([A-Za-z]+)\s*[{(]\s*([^,\s]+)\s*(?:,|$)", re.M)
_COMMAND = re.compile(r"\\[A-Za-z]+")
_MATH = re.compile(r"\$[^$]*\$")


def bibtex_keys(path: Path) -> list[str]:
    """The keys of a .bib file's entries, by a line-based scan that shares nothing with pybtex."""
    return [key for kind, key in _BIB_ENTRY.findall(path.read_text(encoding="utf-8"))
            if kind.lower() not in ("string", "preamble", "comment")]


def json_count(path: Path) -> int:
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    return len(data) if isinstance(data, list) else len(next((v for v in data.values() if isinstance(v, list)), []))


# A counter returns the entries' keys (checked one by one) or just their number.
COUNTERS: dict[str, Callable[[Path], list[str] | int]] = {"bibtex": bibtex_keys, "json": json_count}


def items() -> list[Path]:
    found = []
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        found += [p for p in sorted(folder.iterdir())
                  if not p.name.startswith((".", "README")) and p.suffix != ".expected"]
    return found


def expected(item: Path) -> list[str] | int:
    sidecar = item.with_name(item.name + ".expected")
    if sidecar.is_file():
        return int(sidecar.read_text().strip())
    counter = COUNTERS.get(item.parent.name)
    if counter is None:
        pytest.fail(f"no way to count the entries of {item}: add {sidecar.name} with their number")
    return counter(item)


def source_text(item: Path) -> str:
    """The item's text, and for BibTeX every field value as pybtex's own parser reads it (@string
    macros and # concatenation expanded)."""
    files = sorted(p for p in item.rglob("*") if p.is_file()) if item.is_dir() else [item]
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)
    if item.suffix == ".bib":
        import pybtex.database
        import pybtex.errors

        pybtex.errors.set_strict_mode(False)
        try:
            parsed = pybtex.database.parse_string(text, "bibtex")
        finally:
            pybtex.errors.set_strict_mode(True)
        text += "\n".join(value for entry in parsed.entries.values() for value in entry.fields.values())
    return text


def database(site: Path) -> list[Publication]:
    path = site / "data/publications.yaml"
    if not path.is_file():
        return []  # nothing could be imported (which the diagnostics must explain)
    db, problems = parse_database(path.read_text(encoding="utf-8"), "db")
    assert [d for d in problems if d.is_error] == []
    return db.publications


@pytest.mark.parametrize("item", items(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_item(item: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    run = hugokit("import", item, "--site", site, "--partial")
    assert run.exit_code in (0, 1, 2) and "Traceback" not in run.output
    assert run.exit_code != 2, run.output
    pubs = database(site)

    # Every input entry is imported or named in a diagnostic.
    count = expected(item)
    diagnostics = [line for line in run.stdout.splitlines() if re.search(r":\d+:\d+: (error|warning)\[", line)]
    if isinstance(count, list):
        imported = {p.id.lower() for p in pubs}
        named = {key for key in count if key.lower() not in imported
                 and any(quoted(key) in line for line in diagnostics)}  # (as messages show it)
        missing = [key for key in count if key.lower() not in imported and key not in named]
        assert missing == [], f"entries neither imported nor reported: {missing}"
        assert len(pubs) <= len(count)
    else:
        skipped = [line for line in diagnostics if ": error[" in line or "warning[draft-page]" in line]
        assert len(pubs) + len(skipped) >= count, (len(pubs), skipped, count)

    if not pubs:
        return
    # As build, export refuses a database with errors (an unknown venue, mostly) and writes
    # nothing; forced, it writes every key once, and export → import gives the identical database.
    exported = tmp_path / "export.bib"
    plain = hugokit("export", "bibtex", "--site", site, "-o", exported)
    if plain.exit_code == 1:
        assert ": error[" in plain.stderr and "pass --force to export anyway" in plain.stderr, plain.output
        assert not exported.exists()
    else:
        assert plain.exit_code == 0, plain.output
    assert hugokit("export", "bibtex", "--site", site, "--force", "-o", exported).exit_code == 0
    keys = bibtex_keys(exported)
    assert len(keys) == len(pubs) == len({key.lower() for key in keys})
    again = tmp_path / "again"
    again.mkdir()
    second = hugokit("import", exported, "--site", again)
    assert second.exit_code == 0, second.output
    assert database(again) == pubs

    # No venue differs from its source text unless it is exactly a registry venue.
    source = source_text(item)
    decoded = decode(expand_macros(" ".join(source.split()), JOURNAL_MACROS))[0]  # ADS's \apj is ApJ
    flat = " ".join(source.split())
    for pub in pubs:
        if not pub.venue:
            continue
        name, year = split_venue(pub.venue)
        generic = re.sub(r" (?:PhD Dissertation|Master's Thesis|Thesis)$", "", name)
        assert name in REGISTRY_NAMES or any(text in decoded or text in flat for text in (pub.venue, name, generic)), \
            f"{pub.id or pub.title}: venue {pub.venue!r} is neither a registry venue nor in the source"

    # No text field keeps a LaTeX command that was not reported.
    reported = [m.group(1) for line in diagnostics for m in [re.search(r"LaTeX command (\S+) was not", line)] if m]
    for pub in pubs:
        values = [pub.title, pub.venue, pub.award, pub.abstract, *pub.authors, *pub.editors, *pub.topics,
                  *pub.keywords]
        for value in values:
            for command in reported:
                value = value.replace(command, "")
            leftover = _COMMAND.findall(_MATH.sub("", value))
            assert leftover == [], f"{pub.id or pub.title}: {leftover} kept in {value!r} and not reported"

    # What is imported builds, and checks without a crash; every link the check rejects was
    # reported at import (importer and rule share one definition of a link).
    assert hugokit("build", "--site", site, "--force").exit_code in (0, 1)
    check = hugokit("check", "--site", site)
    assert check.exit_code in (0, 1)
    rejected = re.findall(r'error\[bad-link\] the \S+ link [^:]+: (".*?") \(', check.stdout)
    warned = re.findall(r'warning\[bad-link\] the \S+ link [^:]+: (".*?"); imported as it is', run.stdout)
    assert sorted(rejected) == sorted(warned)


def test_the_corpus_has_real_files_from_several_repositories() -> None:
    readme = (CORPUS / "README.md").read_text()
    rows = [line for line in readme.splitlines() if line.startswith("| `")]
    listed = {re.search(r"`([^`]+)`", row).group(1) for row in rows}
    present = {f"{p.parent.name}/{p.name}" for p in items()}
    assert present <= listed, f"not described in tests/corpus/README.md: {sorted(present - listed)}"
    bib = [p for p in items() if p.parent.name == "bibtex"]
    repos = {re.search(r"\]\(https://github.com/([^)]+)\)", row).group(1) for row in rows if "bibtex/" in row}
    assert len(bib) >= 6 and len(repos) >= 4


GOLDEN = REPO / "tests" / "fixtures" / "corpus-venues"


@pytest.mark.parametrize("item", [p for p in items() if (GOLDEN / f"{p.stem}.tsv").is_file()], ids=lambda p: p.name)
def test_corpus_venues_and_awards_are_the_reviewed_ones(item: Path, tmp_path: Path) -> None:
    """Each imported entry's venue and award, as reviewed by hand against the source file (one
    line per entry: id, venue, award). A change here is a change in what users see."""
    hugokit("import", item, "--site", tmp_path, "--partial")
    got = "".join(f"{p.id}\t{p.venue}\t{p.award}\n" for p in database(tmp_path))
    golden = GOLDEN / f"{item.stem}.tsv"
    assert got == golden.read_text(encoding="utf-8"), f"review the change, then update {golden}"
