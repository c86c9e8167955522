"""What a command's run comes to: its exit code, and the words for what it did or would do.

Every command computes its exit code here, so that the same situation exits the same way
everywhere:

- 0 clean: nothing to report, nothing stale;
- 1 findings: errors (or warnings under --strict), a refusal to write (a database with errors,
  a page edited by hand, a source with unreadable parts), or files that would change when the
  run writes nothing (--check, --diff, --dry-run);
- 2 usage, configuration or unreadable input (an InputError; see hugokit.commands.invoke).
"""
from __future__ import annotations

from typing import Iterable

from hugokit.diagnostics import Diagnostic
from hugokit.writeback import WriteBack

CLEAN, FINDINGS, USAGE = 0, 1, 2

_VERBS = {  # action -> (what a writing run says it did, what a non-writing run says it would do)
    "write": ("wrote", "would change"),
    "remove": ("removed", "would remove"),
    "fix": ("fixed", "would fix"),
    "import": ("imported", "would import"),
    "add": ("added", "would add"),
    "update": ("updated", "would update"),
}


def verb(action: str, writeback: WriteBack) -> str:
    done, would = _VERBS[action]
    return done if writeback.writes else would


def exit_code(diagnostics: Iterable[Diagnostic] = (), *, strict: bool = False, refused: bool = False,
              changed: bool = False, writeback: WriteBack = WriteBack.WRITE) -> int:
    """The exit code of a run that reported diagnostics (warnings count under strict), refused to
    write, or found files that change (which counts only when the run writes nothing)."""
    failed = refused or (changed and not writeback.writes) or any(d.is_error or strict for d in diagnostics)
    return FINDINGS if failed else CLEAN
