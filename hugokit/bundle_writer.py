"""Writing many new page bundles in a process of their own while the build goes on.

A cold `build --pages` of a large database writes tens of thousands of files, which the file
system makes one at a time (two processes writing into one folder take as long as one). What the
build does meanwhile (rendering the bundles, the layouts' data, the other files, bringing the
stored check up to date) is work for the processor. So the new bundles go, a few hundred at a
time as they are rendered, to a fresh Python process, which writes each as put_folder does and
answers with what became of any it could not write as new. They are handed over in an unnamed temporary file, so that the
build never waits for the writer to take them (a pipe would make it, once full); a pipe only
says where each batch lies. The writer is started afresh rather than forked: a forked one would
share the build's memory copy-on-write, and every object either process touched (Python counts
references in the objects themselves) would be copied, making both slower than one. It stops
before its next bundle once the build is gone (killed), and at the first error, which the build
raises when it waits.

Writing takes the writer less time than rendering and everything else takes the build, so the
writer also renders bundles itself: whenever fewer batches wait for it than it needs to stay busy
through the build's work after the bundles (AHEAD_SHARE of them all), the next batch goes to it
unrendered (the publications' fields, a twentieth of the cost of rendering them), and it answers
with the digest of each file it made, in place of the text the build does not hold.
"""
from __future__ import annotations

import os
import pickle
import struct
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from hugokit.model import Publication
from hugokit.writeback import Outcome, WriteBack, new_outcomes, put_folder

if TYPE_CHECKING:
    from hugokit.vocab import Vocabulary

# What rendering a bundle takes besides its publication and key (render.bundles.render_bundle):
# the venues, what each author mark means, the profiles' usernames.
RenderWith = tuple["Vocabulary", dict[str, str], dict[str, str]]
# (the folder, as shown, its files (name -> text), or what the writer renders them from: their
# names, the publication's fields (see _packed) and its citation key)
Folder = tuple[str, str, "dict[str, str] | tuple[tuple[str, ...], tuple[object, ...], str]"]

MANY_FOLDERS = 2_000  # from this many new folders on, a writer process writes them
BATCH = 200  # folders handed over at a time: the writer starts on the first ones at once
AHEAD_SHARE = 5  # a fifth of the batches kept waiting for the writer (see the module)
_PLACE = struct.Struct("<QQ")  # where a batch lies in the temporary file: offset, length
_SERVE = "import sys; sys.path.insert(0, sys.argv[1]); from hugokit.bundle_writer import serve; serve()"
_FIELDS = tuple(name for name in Publication.__slots__ if name != "where")  # (positions: for the check only)


class NewFolders(Protocol):
    """Takes folders that are not there yet, each with its files, and writes them as put_folder
    does; finish() waits until they are, and gives each one's outcomes in the order added."""
    aside: bool  # whether a process of its own writes them (while the caller goes on)
    digests: dict[str, str]  # once finished: each file it rendered itself, and its digest

    def renders_next(self) -> bool:
        """Whether the next folder should be added unrendered (add_unrendered)."""

    def add(self, folder: str, shown: str, files: dict[str, str]) -> None: ...

    def add_unrendered(self, folder: str, shown: str, names: tuple[str, ...], pub: Publication, key: str) -> None:
        """A bundle's folder, to hold the files of these names that render_bundle makes."""

    def finish(self) -> list[list[Outcome]]: ...


def new_folders(writeback: WriteBack, count: int, render_with: RenderWith) -> NewFolders:
    """What writes count new folders: from MANY_FOLDERS on, a writer process, where the machine
    has more than one processor; else this one, each as it is added."""
    from hugokit.workers import worker_count

    if writeback.writes and count >= MANY_FOLDERS and worker_count() >= 2:
        return Writer(render_with, ahead=max(1, count // BATCH // AHEAD_SHARE))
    return _InPlace(writeback, render_with)


class _InPlace:
    aside = False

    def __init__(self, writeback: WriteBack, render_with: RenderWith) -> None:
        self.writeback = writeback
        self.render_with = render_with
        self.done: list[list[Outcome]] = []
        self.digests: dict[str, str] = {}

    def renders_next(self) -> bool:
        return False

    def add(self, folder: str, shown: str, files: dict[str, str]) -> None:
        self.done.append(put_folder(folder, shown, files, self.writeback, exists=False))

    def add_unrendered(self, folder: str, shown: str, names: tuple[str, ...], pub: Publication, key: str) -> None:
        self.add(folder, shown, _render(names, pub, key, self.render_with, self.digests, shown))

    def finish(self) -> list[list[Outcome]]:
        return self.done


class Writer:
    """A writer process taking folders (none of them there yet) as they come (see the module);
    ahead: how many batches should wait for it before the build renders one itself."""

    aside = True

    def __init__(self, render_with: RenderWith | None = None, ahead: int = 1) -> None:
        import subprocess  # (only a large build starts a writer: a small one imports neither)
        import tempfile

        self._handoff = tempfile.TemporaryFile()
        read_end, self._places = os.pipe()
        self._progress, progress_end = os.pipe()  # a byte from the writer for every batch written
        os.set_blocking(self._progress, False)
        fd = self._handoff.fileno()
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-I", "-c", _SERVE, str(Path(__file__).parent.parent), str(os.getpid()),
                 str(fd), str(read_end), str(progress_end)], pass_fds=(fd, read_end, progress_end),
                stdout=subprocess.PIPE)
        except BaseException:
            os.close(self._places)
            os.close(self._progress)
            self._handoff.close()
            raise
        finally:
            os.close(read_end)
            os.close(progress_end)
        self._render_with = render_with  # sent with the first batch
        self._ahead = ahead
        self._batch: list[Folder] = []
        self._added: list[tuple[str, tuple[str, ...]]] = []  # each folder added (as shown) and its files' names
        self._renders = self._unrendered = render_with is not None and ahead > 0  # (the batch being filled goes unrendered)
        self._handed = self._written = 0
        self._end = 0
        self._open = True
        self.digests: dict[str, str] = {}

    def renders_next(self) -> bool:
        return self._unrendered

    def add(self, folder: str, shown: str, files: dict[str, str]) -> None:
        self._batch.append((folder, shown, files))
        self._added.append((shown, tuple(files)))
        if len(self._batch) >= BATCH:
            self._hand_over()

    def add_unrendered(self, folder: str, shown: str, names: tuple[str, ...], pub: Publication, key: str) -> None:
        self._batch.append((folder, shown, (names, _packed(pub), key)))
        self._added.append((shown, names))
        if len(self._batch) >= BATCH:
            self._hand_over()

    def _hand_over(self) -> None:
        data = pickle.dumps((self._render_with, self._batch), pickle.HIGHEST_PROTOCOL)
        self._render_with, self._batch = None, []
        if not self._open:
            return
        os.pwrite(self._handoff.fileno(), data, self._end)  # pwrite: the file's offset is the writer's too
        try:
            os.write(self._places, _PLACE.pack(self._end, len(data)))
        except BrokenPipeError:  # the writer stopped (an error, which finish() raises): nothing more for it
            self._close()
        self._end += len(data)
        self._handed += 1
        try:
            self._written += len(os.read(self._progress, 4096))
        except BlockingIOError:  # none written since the last look
            pass
        self._unrendered = self._renders and self._handed - self._written < self._ahead

    def _close(self) -> None:
        if self._open:
            self._open = False
            os.close(self._places)

    def finish(self) -> list[list[Outcome]]:
        """Waits until every folder added is written: each one's outcomes, or the OSError met."""
        try:
            if self._batch:
                self._hand_over()
            self._close()
            answer, _ = self._process.communicate()
        finally:
            self._close()
            os.close(self._progress)
            self._handoff.close()
        try:
            done, value, digests = pickle.loads(answer)
        except Exception:
            raise OSError(f"the process writing the page bundles ended without saying what it wrote "
                          f"(exit status {self._process.returncode}); run the build again") from None
        if not done:
            raise OSError(*value)
        self.digests.update(digests)
        return [value.get(at) or new_outcomes(shown, dict.fromkeys(names, ""), WriteBack.WRITE)
                for at, (shown, names) in enumerate(self._added)]


def serve() -> None:
    """The writer: batches of folders from the temporary file, as the pipe places them; what
    became of those not written as new (another run made one meanwhile), by their place in the
    order added, and the digests of the files it rendered; or the OSError met (its errno, text and
    file), to standard output. (The outcomes of new folders are known beforehand: sending those of
    20,000 folders back would only cost the build their pickling.)"""
    parent, handoff, places, progress = map(int, sys.argv[2:6])
    os.set_blocking(progress, False)
    odd: dict[int, list[Outcome]] = {}
    count = 0
    digests: dict[str, str] = {}
    render_with: RenderWith | None = None
    answer: tuple[bool, object, dict[str, str]]
    try:
        with os.fdopen(places, "rb") as pipe:
            while place := pipe.read(_PLACE.size):
                offset, length = _PLACE.unpack(place)
                sent, folders = pickle.loads(_read(handoff, offset, length))
                render_with = render_with or sent
                for folder, shown, files in folders:
                    if os.getppid() != parent:
                        raise SystemExit(1)  # the build was killed: what is written stays, nothing more is begun
                    if not isinstance(files, dict):
                        assert render_with is not None  # (the first batch brings it)
                        names, packed, key = files
                        files = _render(names, _unpacked(packed), key, render_with, digests, shown)
                    outcomes = put_folder(folder, shown, files, WriteBack.WRITE, exists=False)
                    if not all(outcome.written for outcome in outcomes):
                        odd[count] = outcomes
                    count += 1
                try:
                    os.write(progress, b".")
                except (BlockingIOError, BrokenPipeError):  # the build looks only now and then
                    pass
        answer = (True, odd, digests)
    except OSError as exc:
        answer = (False, (exc.errno, exc.strerror or str(exc), exc.filename), {})
    except KeyboardInterrupt:  # Ctrl-C reaches the build too, which says so
        raise SystemExit(130) from None
    sys.stdout.buffer.write(pickle.dumps(answer, pickle.HIGHEST_PROTOCOL))


def _packed(pub: Publication) -> tuple[object, ...]:
    return tuple(getattr(pub, name) for name in _FIELDS)


def _unpacked(values: tuple[object, ...]) -> Publication:
    pub = Publication.__new__(Publication)
    for name, value in zip(_FIELDS, values):
        setattr(pub, name, value)
    pub.where = {}
    return pub


def _render(names: tuple[str, ...], pub: Publication, key: str, render_with: RenderWith,
            digests: dict[str, str], shown: str) -> dict[str, str]:
    """The named files of the bundle render_bundle makes, their digests kept (shown/name)."""
    from hugokit.cache import text_digest
    from hugokit.render.bundles import render_bundle

    texts = render_bundle(pub, key, *render_with)
    files = {name: texts[name] for name in names}
    for name, text in files.items():
        digests[f"{shown}/{name}"] = text_digest(text)
    return files


def _read(fd: int, offset: int, length: int) -> bytes:
    parts = []
    while length:
        part = os.pread(fd, length, offset)
        if not part:
            raise OSError("the page bundles handed to the writer were cut short")
        parts.append(part)
        offset += len(part)
        length -= len(part)
    return b"".join(parts)
