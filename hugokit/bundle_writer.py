"""Writing many new page bundles in a process of their own while the build goes on.

A cold `build --pages` of a large database writes tens of thousands of files, which the file
system makes one at a time (two processes writing into one folder take as long as one). What the
build does meanwhile (the layouts' data, the other files, bringing the stored check up to date)
is work for the processor. So the new bundles go, in one unnamed temporary file, to a fresh
Python process, which writes each as put_folder does and answers with what became of them. It
is started afresh rather than forked: a forked one would share the build's memory copy-on-write,
and every object either process touched (Python counts references in the objects themselves)
would be copied, making both slower than one. The writer stops before its next bundle once the
build is gone (killed), and at the first error, which the build raises when it waits.
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from hugokit.writeback import Outcome, WriteBack, put_folder

Folder = tuple[str, str, dict[str, str]]  # (the folder, as shown, its files: name -> text)

_SERVE = "import sys; sys.path.insert(0, sys.argv[1]); from hugokit.bundle_writer import serve; serve()"


def start(folders: list[Folder]) -> Callable[[], list[list[Outcome]]]:
    """Starts writing the folders (none of them there yet) in a writer process; the function
    returned waits for it and gives each folder's outcomes, or raises the OSError it met."""
    with tempfile.TemporaryFile() as handoff:
        pickle.dump((os.getpid(), folders), handoff, pickle.HIGHEST_PROTOCOL)
        handoff.seek(0)
        process = subprocess.Popen([sys.executable, "-I", "-c", _SERVE, str(Path(__file__).parent.parent)],
                                   stdin=handoff, stdout=subprocess.PIPE)

    def finish() -> list[list[Outcome]]:
        answer, _ = process.communicate()
        try:
            done, value = pickle.loads(answer)
        except Exception:
            raise OSError(f"the process writing the page bundles ended without saying what it wrote "
                          f"(exit status {process.returncode}); run the build again") from None
        if not done:
            raise OSError(*value)
        return list(value)

    return finish


def serve() -> None:
    """The writer: the folders from standard input; what became of them, or the OSError met
    (its errno, text and file), to standard output."""
    parent, folders = pickle.load(sys.stdin.buffer)
    outcomes: list[list[Outcome]] = []
    answer: tuple[bool, object]
    try:
        for folder, shown, files in folders:
            if os.getppid() != parent:
                raise SystemExit(1)  # the build was killed: what is written stays, nothing more is begun
            outcomes.append(put_folder(folder, shown, files, WriteBack.WRITE, exists=False))
        answer = (True, outcomes)
    except OSError as exc:
        answer = (False, (exc.errno, exc.strerror or str(exc), exc.filename))
    except KeyboardInterrupt:  # Ctrl-C reaches the build too, which says so
        raise SystemExit(130) from None
    sys.stdout.buffer.write(pickle.dumps(answer, pickle.HIGHEST_PROTOCOL))
