"""Diagnostics: what every stage reports instead of raising, and what rules yield.

Value types here and elsewhere on the start-up path are named tuples, not dataclasses: defining a
frozen dataclass costs about seven times as much, which a one-second pre-commit hook notices.
The modules a hook imports that define named tuples do without `from __future__ import
annotations`: typing would parse every field's annotation string, and the first such parse in a
process alone costs 0.8 ms (names imported only for the type checker are quoted there instead)."""

from enum import Enum
from typing import Any, NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Position(NamedTuple):
    """A 1-based place in a file; offset and end delimit the value's text where known. Line 0
    means a place with no lines: an option on the command line (see on_command_line), or a file
    that does not exist."""

    path: str
    line: int = 1
    col: int = 1
    offset: int = -1
    end: int = -1


# A Position's fields as a plain tuple: what a Publication keeps for each of its values (cheaper
# by far than a Position for 100,000s of values; a Position is one too).
Mark = tuple[str, int, int, int, int]


class Fix(NamedTuple):
    """Replace path's text[start:end] with replacement: a safe, mechanical correction."""

    path: str
    start: int
    end: int
    replacement: str


class Finding(NamedTuple):
    """What a rule yields: where, what and how to fix it. The rule registry adds the rule's code
    and its effective severity (hugokit.rules.run), so that neither is written twice."""

    where: Position
    message: str
    hint: str = ""
    fix: Fix | None = None


class Diagnostic(NamedTuple):
    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    hint: str = ""
    fix: Fix | None = None

    @classmethod
    def at(
        cls, where: Position, severity: Severity, code: str, message: str, hint: str = "", fix: Fix | None = None
    ) -> "Diagnostic":
        return cls(where.path, where.line, where.col, severity, code, message, hint, fix)

    def as_dict(self) -> dict[str, object]:
        """The stable JSON form (--format json, and the run cache)."""
        return {"path": self.path, "line": self.line, "column": self.col, "severity": self.severity.value,
                "code": self.code, "message": self.message, "hint": self.hint}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Diagnostic":
        return cls(data["path"], data["line"], data["column"], Severity(data["severity"]), data["code"],
                   data["message"], data["hint"])

    @classmethod
    def all_from_dicts(cls, data: object) -> "list[Diagnostic] | None":
        """Diagnostics stored as JSON (by the run cache), or None when data is not that shape."""
        if not isinstance(data, list):
            return None
        out = []
        for item in data:
            if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in _TEXT_KEYS) \
                    or not all(type(item.get(k)) is int for k in ("line", "column")) \
                    or item["severity"] not in _SEVERITIES:
                return None
            out.append(cls.from_dict(item))
        return out

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)


_TEXT_KEYS = ("path", "severity", "code", "message", "hint")
_SEVERITIES = {s.value for s in Severity}


def error(where: Position, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic.at(where, Severity.ERROR, code, message, hint)


def warning(where: Position, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic.at(where, Severity.WARNING, code, message, hint)


def on_command_line(option: str) -> Position:
    return Position(option, 0, 0)


def replacing(where: Position, replacement: str) -> Fix | None:
    """A fix that puts replacement where the value at where stands, if its extent is known."""
    if where.offset < 0 or where.end < where.offset:
        return None
    return Fix(where.path, where.offset, where.end, replacement)


class InputError(Exception):
    """Input that cannot be read at all (exit code 2); carries its diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def quoted(value: str) -> str:
    """A value as messages and hints show it: in double quotes, with each quote, backslash and
    invisible character escaped as YAML's double-quoted strings escape them, so that a value
    holding quotes is never shown doubled (`""ml""`) and what a hint says to write reads back as
    that value."""
    if '"' not in value and "\\" not in value and value.isprintable():
        return '"' + value + '"'
    return '"' + "".join(_ESCAPES.get(c) or (c if c.isprintable() else _escape(c)) for c in value) + '"'


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def did_you_mean(word: str, choices: "list[str] | tuple[str, ...] | set[str]") -> str:
    """A hint naming the closest choices, or "" when nothing is close."""
    import difflib

    by_fold = {c.casefold(): c for c in choices}
    close = difflib.get_close_matches(word.casefold(), list(by_fold), n=3, cutoff=0.75)
    if not close:
        return ""
    names = " or ".join(quoted(by_fold[c]) for c in close)
    return f"did you mean {names}?"


_OS_HINTS = {"EACCES": "check the permissions of the file and its folder", "EPERM": "check the file's permissions",
             "ENOSPC": "free some disk space and run again", "EDQUOT": "free some disk space and run again",
             "EROFS": "the file system is read-only: run where you can write",
             "ELOOP": "a symbolic link leads back to itself: fix or remove it",
             "EISDIR": "a folder stands where hugokit reads or writes a file: move it",
             "ENOTDIR": "a file stands where hugokit expects a folder: move it",
             "EFBIG": "the file is larger than this system allows", "ENAMETOOLONG": "use a shorter path",
             "ENOENT": "the file is gone, or a symbolic link leads nowhere: fix or remove it"}


def os_hint(exc: OSError, otherwise: str = "check the path and run again") -> str:
    """What to do about what the operating system refused."""
    import errno

    return getattr(exc, "hint", None) or _OS_HINTS.get(errno.errorcode.get(exc.errno or 0, ""), otherwise)


def os_error(exc: OSError) -> Diagnostic:
    """One clear line for what the operating system refused (exit 2, nothing more written)."""
    where = str(exc.filename) if exc.filename else "<system>"
    return error(Position(where), "os-error", f"{exc.strerror or exc}; nothing more was written", os_hint(exc))
