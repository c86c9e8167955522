"""Writing many new page bundles in a process of their own while the build goes on.

A cold `build --pages` of a large database writes tens of thousands of files, which the file
system makes one at a time (two processes writing into one folder take as long as one). What the
build does meanwhile (rendering the bundles, the layouts' data, the other files, bringing the
stored check up to date) is work for the processor. So the new bundles go, a few hundred at a
time as they are rendered, to a fresh Python process, which writes each as put_folder does and
answers with what became of them. They are handed over in an unnamed temporary file, so that the
build never waits for the writer to take them (a pipe would make it, once full); a pipe only
says where each batch lies. The writer is started afresh rather than forked: a forked one would
share the build's memory copy-on-write, and every object either process touched (Python counts
references in the objects themselves) would be copied, making both slower than one. It stops
before its next bundle once the build is gone (killed), and at the first error, which the build
raises when it waits.
"""
from __future__ import annotations

import os
import pickle
import struct
import sys
from pathlib import Path
from typing import Protocol

from hugokit.writeback import Outcome, WriteBack, put_folder

Folder = tuple[str, str, dict[str, str]]  # (the folder, as shown, its files: name -> text)

MANY_FOLDERS = 2_000  # from this many new folders on, a writer process writes them
BATCH = 200  # folders handed over at a time: the writer starts on the first ones at once
_PLACE = struct.Struct("<QQ")  # where a batch lies in the temporary file: offset, length
_SERVE = "import sys; sys.path.insert(0, sys.argv[1]); from hugokit.bundle_writer import serve; serve()"


class NewFolders(Protocol):
    """Takes folders that are not there yet, each with its files, and writes them as put_folder
    does; finish() waits until they are, and gives each one's outcomes in the order added."""
    aside: bool  # whether a process of its own writes them (while the caller goes on)

    def add(self, folder: str, shown: str, files: dict[str, str]) -> None: ...

    def finish(self) -> list[list[Outcome]]: ...


def new_folders(writeback: WriteBack, count: int) -> NewFolders:
    """What writes count new folders: from MANY_FOLDERS on, a writer process, where the machine
    has more than one processor; else this one, each as it is added."""
    from hugokit.workers import worker_count

    if writeback.writes and count >= MANY_FOLDERS and worker_count() >= 2:
        return Writer()
    return _InPlace(writeback)


class _InPlace:
    aside = False

    def __init__(self, writeback: WriteBack) -> None:
        self.writeback = writeback
        self.done: list[list[Outcome]] = []

    def add(self, folder: str, shown: str, files: dict[str, str]) -> None:
        self.done.append(put_folder(folder, shown, files, self.writeback, exists=False))

    def finish(self) -> list[list[Outcome]]:
        return self.done


class Writer:
    """A writer process taking folders (none of them there yet) as they come (see the module)."""

    aside = True

    def __init__(self) -> None:
        import subprocess  # (only a large build starts a writer: a small one imports neither)
        import tempfile

        self._handoff = tempfile.TemporaryFile()
        read_end, self._places = os.pipe()
        fd = self._handoff.fileno()
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-I", "-c", _SERVE, str(Path(__file__).parent.parent), str(os.getpid()),
                 str(fd), str(read_end)], pass_fds=(fd, read_end), stdout=subprocess.PIPE)
        except BaseException:
            os.close(self._places)
            self._handoff.close()
            raise
        finally:
            os.close(read_end)
        self._batch: list[Folder] = []
        self._end = 0
        self._open = True

    def add(self, folder: str, shown: str, files: dict[str, str]) -> None:
        self._batch.append((folder, shown, files))
        if len(self._batch) >= BATCH:
            self._hand_over()

    def _hand_over(self) -> None:
        data = pickle.dumps(self._batch, pickle.HIGHEST_PROTOCOL)
        self._batch = []
        if not self._open:
            return
        os.pwrite(self._handoff.fileno(), data, self._end)  # pwrite: the file's offset is the writer's too
        try:
            os.write(self._places, _PLACE.pack(self._end, len(data)))
        except BrokenPipeError:  # the writer stopped (an error, which finish() raises): nothing more for it
            self._close()
        self._end += len(data)

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
            self._handoff.close()
        try:
            done, value = pickle.loads(answer)
        except Exception:
            raise OSError(f"the process writing the page bundles ended without saying what it wrote "
                          f"(exit status {self._process.returncode}); run the build again") from None
        if not done:
            raise OSError(*value)
        return list(value)


def serve() -> None:
    """The writer: batches of folders from the temporary file, as the pipe places them; what
    became of them, or the OSError met (its errno, text and file), to standard output."""
    parent, handoff, places = map(int, sys.argv[2:5])
    outcomes: list[list[Outcome]] = []
    answer: tuple[bool, object]
    try:
        with os.fdopen(places, "rb") as pipe:
            while place := pipe.read(_PLACE.size):
                offset, length = _PLACE.unpack(place)
                for folder, shown, files in pickle.loads(_read(handoff, offset, length)):
                    if os.getppid() != parent:
                        raise SystemExit(1)  # the build was killed: what is written stays, nothing more is begun
                    outcomes.append(put_folder(folder, shown, files, WriteBack.WRITE, exists=False))
        answer = (True, outcomes)
    except OSError as exc:
        answer = (False, (exc.errno, exc.strerror or str(exc), exc.filename))
    except KeyboardInterrupt:  # Ctrl-C reaches the build too, which says so
        raise SystemExit(130) from None
    sys.stdout.buffer.write(pickle.dumps(answer, pickle.HIGHEST_PROTOCOL))


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
