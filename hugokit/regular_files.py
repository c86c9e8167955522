"""Opening a file hugokit reads, which must be a regular file: a pipe, a socket or a device is
refused without blocking on it. (Its own module, without the patterns of hugokit.inputs: the
cache and the writer need it on every run.)"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotARegularFile(OSError):
    """A pipe, a socket or a device where hugokit reads a file: opening a pipe waits for a
    writer, and reading one or a device may never end, so hugokit refuses it without waiting."""

    hint = "replace it with a regular file, or move it out of the site"

    def __init__(self, path: str | Path) -> None:
        super().__init__(errno.EINVAL, "it is not a regular file (a pipe, a socket or a device)", str(path))

    def __str__(self) -> str:
        return str(self.strerror)


_READ = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def open_regular(path: str | Path) -> int:
    """A descriptor for reading path, a regular file (IsADirectoryError for a folder,
    NotARegularFile for anything else), found out without blocking on a pipe."""
    fd = os.open(path, _READ)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            if stat.S_ISDIR(mode):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
            raise NotARegularFile(path)
    except BaseException:
        os.close(fd)
        raise
    return fd  # (O_NONBLOCK changes nothing for a regular file)


def read_bytes(path: str | Path) -> bytes:
    """A regular file's bytes (see open_regular for what else is refused)."""
    with os.fdopen(open_regular(path), "rb") as handle:
        return handle.read()
