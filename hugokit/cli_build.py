"""`hugokit build` at the terminal: what was written, or why nothing was."""
from __future__ import annotations

from typing import TYPE_CHECKING

from hugokit.build import build
from hugokit.cache import Cache
from hugokit.cli_common import echo, report, step_summary
from hugokit.layout import site_root
from hugokit.outcome import exit_code, verb
from hugokit.reporters import build_summary_markdown
from hugokit.writeback import Outcome, WriteBack

if TYPE_CHECKING:
    from hugokit.display import PathDisplay


def build_command(site: str, check_only: bool, diff: bool, force: bool, pages: bool | None, no_cache: bool,
                  paths: PathDisplay) -> int:
    writeback = WriteBack.choose(check=check_only, diff=diff)
    cache = Cache.from_environment(enabled=not no_cache)
    result = build(site_root(site), cache, writeback, force=force, pages=pages)
    for note in cache.notes:
        echo(note, err=True)
    if result.refused in ("errors", "unsafe"):
        report(result.problems, paths)
        message = (f"the database has {len(result.problems)} error(s); nothing was written "
                   "(fix them, or pass --force to build anyway)") if result.refused == "errors" else (
                   f"{len(result.problems)} value(s) cannot be written into the page safely; nothing was "
                   "written, even with --force (edit them in the database)")
        echo(message, err=True)
        step_summary(f"## hugokit build\n\nNot built: {message}.\n\n")
        return exit_code(refused=True)
    report(result.notes, paths)
    if result.refused == "hand-edits":
        report(result.problems, paths)
        page = paths.shown(result.problems[0].path)
        echo(f"{page} was edited by hand; nothing was written (make the changes in the database instead: "
             f"hugokit import {page} merges the entries it lacks and shows a changed one as merge-conflict; "
             "or pass --force to overwrite the page)", err=True)
        return exit_code(refused=True)
    changed = result.changed
    for outcome in changed:
        if outcome.diff and writeback is WriteBack.DIFF:
            echo(outcome.diff, nl=False)
    _say_what_changed(changed, result.removed, writeback, paths)
    if not writeback.writes:
        step_summary(build_summary_markdown([paths.shown(o.shown) for o in changed], "".join(o.diff for o in changed)))
    return exit_code(changed=bool(changed), writeback=writeback)


def _say_what_changed(changed: list[Outcome], removed: list[str], writeback: WriteBack, paths: PathDisplay) -> None:
    if not changed:
        echo("all generated files are up to date", err=True)
        return
    if len(changed) > 10:
        gone = len(set(removed) & {o.shown for o in changed})
        echo(f"{verb('write', writeback)} {len(changed)} files, {gone} of them removed", err=True)
        return
    for outcome in changed:
        echo(f"{verb('remove' if outcome.shown in removed else 'write', writeback)} {paths.shown(outcome.shown)}",
             err=True)
