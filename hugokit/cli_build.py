"""`hugokit build` at the terminal: what was written, or why nothing was."""
from __future__ import annotations

from pathlib import Path

from hugokit.cli_common import echo, report, shown, step_summary
from hugokit.diagnostics import Diagnostic


def build_command(site: str, check_only: bool, diff: bool, force: bool, pages: bool | None, no_cache: bool) -> int:
    from hugokit import cache as run_cache
    from hugokit.cache import RunCache
    from hugokit.layout import site_root

    run_cache.configure(enabled=not no_cache)
    check_mode = check_only or diff
    root = site_root(site)
    cache = RunCache(root, "build", (str(pages), str(force)))
    cached = cache.lookup()
    if cached is not None:  # inputs and outputs exactly as the last clean build left them
        report([Diagnostic.from_dict(d) for d in cached["diagnostics"]])
        echo("all generated files are up to date", err=True)
        if check_mode:
            from hugokit.reporters import build_summary_markdown

            step_summary(build_summary_markdown([], ""))
        return 0
    return _build(root, check_mode, diff, force, pages, cache)


def _build(root: Path, check_mode: bool, diff: bool, force: bool, pages: bool | None, cache) -> int:
    from hugokit.build import build

    result = build(root, write=not check_mode, force=force, pages=pages, want_diff=diff, cache=cache)
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
        page = shown(result.problems[0].path)
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

        step_summary(build_summary_markdown([shown(o.shown) for o in changed], "".join(o.diff for o in changed)))
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
        echo(f"{verb} {shown(outcome.shown)}", err=True)
