"""Bad input never crashes: arbitrary databases go through every command, which must answer
with diagnostics and an exit code, never a traceback."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import hugokit
from hugokit.render.database_yaml import render_database
from test_roundtrip_property import database_publications

COMMANDS = (("check",), ("fix",), ("build", "--pages", "--force"), ("export", "bibtex"), ("export", "csl-json"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(database_publications(), max_size=4), st.sampled_from(["", "- Selected\n", "- [x]\n", "7\n"]))
def test_every_command_survives_any_database(publications, topics: str) -> None:
    site = Path(tempfile.mkdtemp(prefix="hugokit-fuzz-"))
    try:
        (site / "data").mkdir()
        (site / "data/publications.yaml").write_text(render_database(publications), encoding="utf-8")
        if topics:
            (site / "data/topics.yaml").write_text(topics, encoding="utf-8")
        for command in COMMANDS:
            run = hugokit(*command, "--site", site)  # raises on a traceback
            assert run.exit_code in (0, 1, 2), (command, run.output)
    finally:
        shutil.rmtree(site, ignore_errors=True)


_pieces = st.sampled_from(["@article{", "}", "{", ",", " = ", "title", "author", " and ", "\\\"", "{\\'e}", "\n",
                           "---\n", "### 2020\n", "{{< publication ", ">}}", "{{< /publication >}}", 'title="',
                           '"', "[", "]", ":", "- ", "{\"title\": ", "2020", "year", "\\", "%", "#", "é"])
_text = st.lists(st.one_of(_pieces, st.text(max_size=5)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(_text, st.sampled_from(["markdown", "bibtex", "json"]))
def test_importers_survive_any_text(text: str, fmt: str) -> None:
    site = Path(tempfile.mkdtemp(prefix="hugokit-fuzz-"))
    try:
        source = site / "source.txt"
        source.write_text(text, encoding="utf-8")
        run = hugokit("import", source, "--site", site, "--format", fmt, "--partial")
        assert run.exit_code in (0, 1, 2), run.output
    finally:
        shutil.rmtree(site, ignore_errors=True)


_yaml_pieces = st.sampled_from(["- ", "title: ", "year: ", "venue: ", "links: ", "authors: ", "{", "}", "[", "]", ", ",
                                "&a ", "*a", "<<: *a", "? ", "!!binary ", "!!python/object:os.system ", "\n", "\r\n",
                                "  ", "\t", '"', "'", "|\n", "#", "\ufeff", "2020", "2_020", "0x7e4", "33:40", "-1",
                                "1e400", "9" * 5000, "\x00", "\x85", "\ud7ff", "é", "{{< ", ">}}", "\\"])
_yaml_bytes = st.lists(st.one_of(_yaml_pieces, st.text(max_size=4)), max_size=50).map(
    lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300), _yaml_bytes))
def test_every_command_survives_any_bytes(data: bytes) -> None:
    """Not only YAML hugokit wrote: any bytes, broken UTF-8, huge numbers, tags, anchors."""
    site = Path(tempfile.mkdtemp(prefix="hugokit-fuzz-"))
    try:
        database = site / "data/publications.yaml"
        database.parent.mkdir()
        database.write_bytes(data)
        for command in COMMANDS:
            run = hugokit(*command, "--site", site, "--no-cache") if command[0] in ("check", "build") else \
                hugokit(*command, "--site", site)
            assert run.exit_code in (0, 1, 2), (command, run.output)
            if command[0] != "fix":
                assert database.read_bytes() == data or command == ("fix",), command
            data = database.read_bytes()
    finally:
        shutil.rmtree(site, ignore_errors=True)
