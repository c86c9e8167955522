"""Many new page bundles are written by a process of their own (hugokit.bundle_writer) while
the build goes on: the same files, the same report, the same failures as written in-process."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import hugokit, write

from hugokit import bundle_writer
from hugokit.model import Publication
from test_cache_shortcuts import SETTLE, same_as_uncached, served

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


def built(root: Path, monkeypatch: pytest.MonkeyPatch, *, threshold: int,
          ahead: int = 1) -> tuple[str, dict[str, bytes], list[str]]:
    """The build's output and files, and which bundles its writer rendered ("writer") or was
    handed rendered ("build"); ahead: how many batches should wait for the writer."""
    write(root / "data/publications.yaml", DATABASE)
    added: list[str] = []

    class Counting(bundle_writer.Writer):
        def __init__(self, render_with: bundle_writer.RenderWith | None = None, ahead: int = 1) -> None:
            super().__init__(render_with, ahead=ahead_wanted)

        def add(self, folder: str, shown: str, files: dict[str, str]) -> None:
            added.append("build")
            super().add(folder, shown, files)

        def add_unrendered(self, folder: str, shown: str, names: tuple[str, ...], pub: Publication,
                           key: str) -> None:
            added.append("writer")
            super().add_unrendered(folder, shown, names, pub, key)

    ahead_wanted = ahead
    with monkeypatch.context() as patched:
        patched.setattr(bundle_writer, "MANY_FOLDERS", threshold)
        patched.setattr(bundle_writer, "Writer", Counting)
        patched.setattr(bundle_writer, "BATCH", 5)  # three batches
        patched.setenv("HUGOKIT_WORKERS", "2")
        time.sleep(SETTLE)  # (a file's status is trusted only a moment after it was written)
        hugokit("check", "--site", root)  # the hook's check, then the regeneration
        result = hugokit("build", "--site", root, "--pages")
    assert result.exit_code == 0, result.output
    assert len(added) == (12 if threshold <= 12 else 0)
    return result.output, tree(root / "content"), added


@pytest.mark.parametrize("ahead, rendered_by", [(0, {"build"}), (1_000, {"writer"}), (1, {"build", "writer"})])
def test_bundles_written_by_the_writer_process_are_the_ones_written_in_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ahead: int, rendered_by: set[str]) -> None:
    """Rendered by the build, by the writer, or some by each: the same files and report, and
    the next check and build are served from the cache as they would be after a build in one
    process (the writer's digests of what it rendered are the digests of what it wrote)."""
    *by_writer, renderers = built(tmp_path / "writer", monkeypatch, threshold=2, ahead=ahead)
    *in_process, none = built(tmp_path / "inline", monkeypatch, threshold=10_000)
    assert by_writer == in_process and set(renderers) == rendered_by and not none
    if rendered_by == {"build", "writer"}:
        assert renderers[:5] == ["writer"] * 5  # the first batch, while nothing waits for the writer
    assert "wrote 26 files" in by_writer[0]  # the page, the layouts' data and 12 bundles of 2 files
    assert len([name for name in by_writer[1] if name.endswith("/index.md")]) == 12
    assert not [p for p in (tmp_path / "writer/content/publication").iterdir() if p.name.startswith(".")]
    # the hook's check after the build is a cache hit, and finds what a fresh check finds
    with monkeypatch.context() as patched:
        served(patched)
        cached = [hugokit("check", "--site", tmp_path / site, "--format", "json").stdout for site in ("writer", "inline")]
    assert cached[0] == cached[1] == same_as_uncached(tmp_path / "writer")
    # and the next build finds them all as it left them
    with monkeypatch.context() as patched:
        patched.setattr(bundle_writer, "MANY_FOLDERS", 2)
        again = hugokit("build", "--site", tmp_path / "writer", "--pages")
    assert again.exit_code == 0 and "all generated files are up to date" in again.output


def test_a_bundle_changed_after_the_writer_rendered_it_is_seen_by_the_next_check(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stored check records the writer's digests: a page edited since is not vouched for."""
    built(tmp_path, monkeypatch, threshold=2, ahead=1_000)
    page = tmp_path / "content/publication/paper-3/index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title:", "title: [unclosed\ntitle:", 1),
                    encoding="utf-8")
    assert "paper-3/index.md" in same_as_uncached(tmp_path)


@pytest.mark.parametrize("ahead", [0, 1_000])  # handed rendered, or rendered by the writer
def test_what_stops_the_writer_stops_the_build_with_the_file_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  ahead: int) -> None:
    write(tmp_path / "data/publications.yaml", DATABASE)
    write(tmp_path / "content/publication/.keep", "")
    taken = tmp_path / "content/publication/paper-7"
    wanted = ahead

    class Meanwhile(bundle_writer.Writer):
        def __init__(self, render_with: bundle_writer.RenderWith | None = None, ahead: int = 1) -> None:
            write(taken, "a file where the bundle's folder goes, made after the plan")
            super().__init__(render_with, ahead=wanted)

    with monkeypatch.context() as patched:
        patched.setattr(bundle_writer, "MANY_FOLDERS", 2)
        patched.setattr(bundle_writer, "Writer", Meanwhile)
        patched.setattr(bundle_writer, "BATCH", 1)  # the writer stops, and the build hands it nothing more
        patched.setenv("HUGOKIT_WORKERS", "2")
        result = hugokit("build", "--site", tmp_path, "--pages")
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "content/publication/paper-7:1:1: error[os-error] Not a directory" in result.output, result.output
    assert ".hugokit-new-" not in result.output
    assert taken.read_text() == "a file where the bundle's folder goes, made after the plan"
    bundles = tmp_path / "content/publication"
    assert (bundles / "paper-6/index.md").is_file()  # those before it are complete; no hidden folder is left
    assert not [p for p in bundles.iterdir() if p.name.startswith(".hugokit")]


def test_the_writer_begins_nothing_once_the_build_is_gone(tmp_path: Path) -> None:
    """A writer whose build was killed (its parent is another process now) writes no bundle."""
    folders = [(str(tmp_path / "content/publication/p"), "content/publication/p", {"index.md": "x"})]
    batch = pickle.dumps((None, folders))
    with tempfile.TemporaryFile() as handoff:
        handoff.write(batch)
        handoff.flush()
        read_end, write_end = os.pipe()
        progress_read, progress_write = os.pipe()
        os.write(write_end, bundle_writer._PLACE.pack(0, len(batch)))
        os.close(write_end)
        no_such_parent = str(os.getpid() + 1_000_000)
        done = subprocess.run([sys.executable, "-I", "-c", bundle_writer._SERVE,
                               str(Path(bundle_writer.__file__).parents[1]), no_such_parent,
                               str(handoff.fileno()), str(read_end), str(progress_write)],
                              pass_fds=(handoff.fileno(), read_end, progress_write), capture_output=True)
        for end in (read_end, progress_read, progress_write):
            os.close(end)
    assert done.returncode == 1 and done.stdout == b""
    assert not (tmp_path / "content").exists()


def test_a_writer_that_ends_without_an_answer_is_an_os_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle_writer, "_SERVE", "import sys; sys.exit(3)")
    writer = bundle_writer.Writer()
    writer.add("/nonexistent/a", "a", {"index.md": "x"})
    with pytest.raises(OSError, match="exit status 3"):
        writer.finish()


def test_an_error_beside_the_writer_is_reported_once_the_writer_is_done(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The layouts' data cannot be written (a folder stands where they go) while the writer
    writes the bundles: the build reports it, after the writer wrote every bundle it was given."""
    write(tmp_path / "data/publications.yaml", DATABASE)
    (tmp_path / "data/hugokit/publications.json").mkdir(parents=True)
    with monkeypatch.context() as patched:
        patched.setattr(bundle_writer, "MANY_FOLDERS", 2)
        patched.setenv("HUGOKIT_WORKERS", "2")
        result = hugokit("build", "--site", tmp_path, "--pages")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "data/hugokit/publications.json:1:1: error[os-error] Is a directory" in result.output, result.output
    bundles = tmp_path / "content/publication"
    assert sorted(p.name for p in bundles.iterdir()) == sorted(f"paper-{n}" for n in range(12))
    assert all((bundles / f"paper-{n}/cite.bib").is_file() for n in range(12))


def test_a_folder_another_run_made_meanwhile_is_reported_as_it_was_found(tmp_path: Path) -> None:
    """The writer answers only for the folders it could not write as new: the others' outcomes
    are known beforehand. A folder another run made meanwhile, holding the same text, is left
    unchanged, and the build says so for that folder alone (in the order the folders were added)."""
    made = tmp_path / "content/publication/b"
    made.mkdir(parents=True)
    (made / "index.md").write_text("same", encoding="utf-8")
    writer = bundle_writer.Writer()
    for name in "abc":
        writer.add(str(tmp_path / "content/publication" / name), f"content/publication/{name}",
                   {"index.md": "same" if name == "b" else name})
    outcomes = writer.finish()
    assert [[(o.shown, o.changed, o.written) for o in folder] for folder in outcomes] == [
        [("content/publication/a/index.md", True, True)],
        [("content/publication/b/index.md", False, False)],
        [("content/publication/c/index.md", True, True)]]
    assert [(tmp_path / f"content/publication/{name}/index.md").read_text(encoding="utf-8")
            for name in "abc"] == ["a", "same", "c"]
