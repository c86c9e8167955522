"""Reading an input file's text within hugokit's limits, and the limits on what it holds.

Imports no YAML library: a check whose files are all read without composing YAML nodes (see
hugokit.database_fast) reads them through here alone.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from hugokit.diagnostics import InputError, Position, error
from hugokit.regular_files import NotARegularFile, open_regular

MAX_DIGITS = 9
MAX_VALUE_CHARS = 100_000  # one value (an abstract is a few thousand)
MAX_FILE_BYTES = 64 * 1024 * 1024  # an input file (20,000 entries are about 5 MB)
DECIMAL = re.compile(rf"[-+]?(?:0|[1-9][0-9]{{0,{MAX_DIGITS - 1}}})")


def read_text(path: Path, shown: str, missing_hint: str = "") -> str:
    """A file's text, or InputError naming why it cannot be read."""
    try:
        # newline="" keeps \r\n as written, so that value offsets match the file (for fixes).
        with os.fdopen(open_regular(path), encoding="utf-8", newline="") as handle:
            text = handle.read(MAX_FILE_BYTES + 1)  # characters: at least as many bytes
            if len(text) > MAX_FILE_BYTES // 4 and len(text.encode("utf-8")) > MAX_FILE_BYTES:
                raise InputError([error(Position(shown), "too-long", f"{shown} is larger than hugokit's limit "
                                        f"of {MAX_FILE_BYTES // 2**20} MB", "split it, or check it is the right file")])
            return text
    except IsADirectoryError:
        raise InputError([error(Position(shown), "unreadable", f"{shown} is a folder, not a file",
                                "give the path of a file")]) from None
    except FileNotFoundError:
        # No line: there is no file to point into (GitHub annotates the run, not a made-up line).
        raise InputError([error(Position(shown, 0, 0), "unreadable", "the file does not exist", missing_hint)]) \
            from None
    except NotARegularFile:
        raise InputError([error(Position(shown), "unreadable", f"{shown} is not a regular file (a pipe, a socket or "
                                "a device)", "give the path of a file")]) from None
    except UnicodeDecodeError as exc:
        raise InputError([error(Position(shown), "unreadable", f"{shown} is not UTF-8 text ({exc.reason})",
                                "save the file as UTF-8")]) from None
    except OSError as exc:
        raise InputError([error(Position(shown), "unreadable", f"{shown} cannot be read: {exc.strerror}")]) from None


BOM = "\ufeff"


def bom_length(text: str) -> int:
    """1 if text starts with a UTF-8 byte-order mark (kept in the file, invisible in editors)."""
    return 1 if text.startswith(BOM) else 0
