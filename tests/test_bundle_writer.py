"""Many new page bundles are written by a process of their own (hugokit.bundle_writer) while
the build goes on: the same files, the same report, the same failures as written in-process."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import hugokit, write

from hugokit import bundle_writer, writeback

DATABASE = "".join(f"""\
- id: paper-{n}
  title: "Paper {n}: Ünïcode and 'quotes'"
  authors: [Ada Lovelace*, Alan Turing*]
  year: {2000 + n}
  venue: OSDI {2000 + n}
  links: {{paper: "https://x.org/{n}.pdf"}}
  topics: [Systems]
""" for n in range(12))


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file() and ".hugokit" not in path.name}


def built(root: Path, monkeypatch: pytest.MonkeyPatch, *, threshold: int) -> tuple[str, dict[str, bytes]]:
    write(root / "data/publications.yaml", DATABASE)
    started: list[int] = []
    start = bundle_writer.start

    def counting(folders: list[bundle_writer.Folder]):  # type: ignore[no-untyped-def]
        started.append(len(folders))
        return start(folders)

    with monkeypatch.context() as patched:
        patched.setattr(writeback, "MANY_FOLDERS", threshold)
        patched.setattr(bundle_writer, "start", counting)
        patched.setenv("HUGOKIT_WORKERS", "2")
        result = hugokit("build", "--site", root, "--pages")
    assert result.exit_code == 0, result.output
    assert started == ([12] if threshold <= 12 else [])
    return result.output, tree(root / "content")


def test_bundles_written_by_the_writer_process_are_the_ones_written_in_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    by_writer = built(tmp_path / "writer", monkeypatch, threshold=2)
    in_process = built(tmp_path / "inline", monkeypatch, threshold=10_000)
    assert by_writer == in_process
    assert "wrote 26 files" in by_writer[0]  # the page, the layouts' data and 12 bundles of 2 files
    assert len([name for name in by_writer[1] if name.endswith("/index.md")]) == 12
    assert not [p for p in (tmp_path / "writer/content/publication").iterdir() if p.name.startswith(".")]
    # and the next build finds them all as it left them
    with monkeypatch.context() as patched:
        patched.setattr(writeback, "MANY_FOLDERS", 2)
        again = hugokit("build", "--site", tmp_path / "writer", "--pages")
    assert again.exit_code == 0 and "all generated files are up to date" in again.output


def test_what_stops_the_writer_stops_the_build_with_the_file_named(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "data/publications.yaml", DATABASE)
    write(tmp_path / "content/publication/.keep", "")
    taken = tmp_path / "content/publication/paper-7"
    real_start = bundle_writer.start

    def meanwhile(folders: list[bundle_writer.Folder]):  # type: ignore[no-untyped-def]
        write(taken, "a file where the bundle's folder goes, made after the plan")
        return real_start(folders)

    with monkeypatch.context() as patched:
        patched.setattr(writeback, "MANY_FOLDERS", 2)
        patched.setattr(bundle_writer, "start", meanwhile)
        patched.setenv("HUGOKIT_WORKERS", "2")
        result = hugokit("build", "--site", tmp_path, "--pages")
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "content/publication/paper-7:1:1: error[os-error] Not a directory" in result.output, result.output
    assert ".hugokit-new-" not in result.output
    assert taken.read_text() == "a file where the bundle's folder goes, made after the plan"


def test_the_writer_begins_nothing_once_the_build_is_gone(tmp_path: Path) -> None:
    """A writer whose build was killed (its parent is another process) writes no bundle, and the
    build's side of it, asked, says it ended without an answer."""
    folders = [(str(tmp_path / "content/publication/p"), "content/publication/p", {"index.md": "x"})]
    handoff = pickle.dumps((os.getpid() + 1_000_000, folders))  # no such parent
    done = subprocess.run([sys.executable, "-I", "-c", bundle_writer._SERVE, str(Path(bundle_writer.__file__).parents[1])],
                          input=handoff, capture_output=True)
    assert done.returncode == 1 and done.stdout == b""
    assert not (tmp_path / "content").exists()


def test_a_writer_that_ends_without_an_answer_is_an_os_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle_writer, "_SERVE", "import sys; sys.exit(3)")
    finish = bundle_writer.start([])
    with pytest.raises(OSError, match="exit status 3"):
        finish()
