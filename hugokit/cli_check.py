"""`hugokit check`, `fix`, `rules` and `schema`: validation at the terminal."""
from __future__ import annotations

from typing import TYPE_CHECKING

from hugokit import reporters
from hugokit.cache import Cache
from hugokit.cli_common import echo, report, step_summary
from hugokit.diagnostics import Diagnostic
from hugokit.layout import site_root
from hugokit.outcome import CLEAN, USAGE, exit_code, verb
from hugokit.site import Site, apply_fixes, checked, load_and_check
from hugokit.writeback import WriteBack, put

if TYPE_CHECKING:
    from hugokit.display import PathDisplay


def check_command(site: str, output_format: str, strict: bool | None, select: str, ignore: str,
                  apply_fix: bool, no_cache: bool, paths: PathDisplay) -> int:
    if apply_fix:
        _fix(site, select, ignore, WriteBack.WRITE)
    cache = Cache.from_environment(enabled=not no_cache)
    outcome = checked(site_root(site), cache, select, ignore)
    for note in cache.notes:
        echo(note, err=True)
    diagnostics = outcome.diagnostics
    report(diagnostics, paths, output_format)
    step_summary(reporters.check_summary_markdown(paths.relocate(diagnostics)))
    if reporters.resolve(output_format) == "human":
        echo(reporters.summary(diagnostics), err=True)
    return exit_code(diagnostics, strict=outcome.strict if strict is None else strict)


def fix_command(site: str, show_diff: bool, select: str, ignore: str, paths: PathDisplay) -> int:
    writeback = WriteBack.choose(diff=show_diff)
    changed = _fix(site, select, ignore, writeback)
    _, remaining = _check_site(site, select, ignore)
    if remaining and writeback.writes:
        report(remaining, paths)
        echo(f"left to fix by hand: {reporters.summary(remaining)}", err=True)
    return exit_code(remaining, changed=changed > 0, writeback=writeback)


def rules_command(code: str | None) -> int:
    from hugokit import rules

    known = rules.all_rules()
    if code:
        if code not in known:
            echo(f"unknown rule {code!r}; known: {', '.join(known)}", err=True)
            return USAGE
        rule = known[code]
        echo(f"{rule.code} ({rule.severity.value}{', fixable' if rule.fixable else ''})\n\n{rule.doc}")
        return CLEAN
    for rule in known.values():
        echo(f"{rule.code:<20} {rule.severity.value:<8} {rule.summary}")
    return CLEAN


def schema_command() -> int:
    from hugokit.schema import SCHEMA_FILE

    echo(SCHEMA_FILE.read_text(encoding="utf-8"), nl=False)
    return CLEAN


def _check_site(site: str, select: str, ignore: str) -> tuple[Site, list[Diagnostic]]:
    return load_and_check(site_root(site), Cache.from_environment(), select, ignore)


def _fix(site: str, select: str, ignore: str, writeback: WriteBack) -> int:
    """Applies (or shows) the safe fixes; returns how many files change."""
    loaded, diagnostics = _check_site(site, select, ignore)
    changed = apply_fixes(loaded.config, diagnostics)
    fixed = sum(1 for d in diagnostics if d.fix is not None)
    for relative, (old, new) in changed.items():
        echo(put(loaded.config.path(relative), relative, new, writeback, based_on=old).diff, nl=False)
    echo(f"{verb('fix', writeback)} {fixed} problem(s) in {len(changed)} file(s)", err=True)
    return len(changed)
