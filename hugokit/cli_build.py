"""`hugokit build` at the terminal: what was written, or why nothing was."""
from __future__ import annotations

from hugokit.cli_common import echo, report, step_summary
from hugokit.diagnostics import Diagnostic


def build_command(site: str, check_only: bool, diff: bool, force: bool, pages: bool | None, no_cache: bool) -> int:
    from hugokit.build import build
    from hugokit.cache import Cache
    from hugokit.layout import site_root

    check_mode = check_only or diff
    result = build(site_root(site), Cache.from_environment(enabled=not no_cache), write=not check_mode, force=force,
                   pages=pages, want_diff=diff)
    if result.refused == "errors":
        report(result.problems)
        message = (f"the database has {len(result.problems)} error(s); nothing was written "
                   "(fix them, or pass --force to build anyway)")
        echo(message, err=True)
        step_summary(f"## hugokit build\n\nNot built: {message}.\n\n")
        return 1
    report(result.notes)
    if result.refused == "hand-edits":
        report(result.problems)
        page = result.problems[0].path
        echo(f"{page} was edited by hand; nothing was written (merge it with "
             f"hugokit import {page}, or pass --force to overwrite it)", err=True)
        return 1
    changed = result.changed
    if diff:
        for outcome in changed:
            echo(outcome.diff, nl=False)
    _say_what_changed(changed, result.removed, check_mode)
    if check_mode:
        from hugokit.reporters import build_summary_markdown

        step_summary(build_summary_markdown([o.shown for o in changed], "".join(o.diff for o in changed)))
    return 1 if changed and check_mode else 0


def _say_what_changed(changed: list, removed: list[str], check_mode: bool) -> None:
    if not changed:
        echo("all generated files are up to date", err=True)
        return
    if len(changed) > 10:
        verb = "would change" if check_mode else "wrote"
        echo(f"{verb} {len(changed)} files, {sum(o.shown in removed for o in changed)} of them removed", err=True)
        return
    for outcome in changed:
        gone = outcome.shown in removed
        verb = ("would remove" if gone else "would change") if check_mode else ("removed" if gone else "wrote")
        echo(f"{verb} {outcome.shown}", err=True)
