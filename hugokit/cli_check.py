"""`hugokit check`, `fix`, `rules` and `schema`: validation at the terminal."""
from __future__ import annotations

from typing import TYPE_CHECKING

from hugokit import reporters
from hugokit.cache import Cache
from hugokit.cli_common import echo, report, step_summary
from hugokit.diagnostics import quoted
from hugokit.layout import site_root
from hugokit.outcome import CLEAN, FINDINGS, USAGE, exit_code, verb
from hugokit.site import checked
from hugokit.writeback import WriteBack, put

if TYPE_CHECKING:
    from hugokit.display import PathDisplay
    from hugokit.fixing import Fixed


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
    done = _fix(site, select, ignore, writeback)
    remaining, still = done.remaining, done.still_fixable
    if remaining and writeback.writes:
        report(remaining, paths)
        by_hand = [d for d in remaining if d not in still]
        if by_hand:
            echo(f"left to fix by hand: {reporters.summary(by_hand)}", err=True)
    code = exit_code(remaining, changed=done.changed, writeback=writeback)
    return max(code, FINDINGS) if still else code


def rules_command(code: str | None) -> int:
    from hugokit import rules

    known = rules.all_rules()
    if code:
        if code not in known:
            echo(f"unknown rule {quoted(code)}; known: {', '.join(known)}", err=True)
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


def _fix(site: str, select: str, ignore: str, writeback: WriteBack) -> Fixed:
    """Applies (or shows) the safe fixes, pass after pass until none is left, in one write."""
    from hugokit.fixing import fix_site

    done = fix_site(site_root(site), Cache.from_environment(), select, ignore)
    if done.changed:
        echo(put(done.file, done.path, done.new, writeback, based_on=done.old).diff, nl=False)
    files = int(done.changed)
    echo(f"{verb('fix', writeback)} {done.fixed} problem(s) in {files} file(s)", err=True)
    still = done.still_fixable
    if still:
        codes = ", ".join(sorted({d.code for d in still}))
        passes = f"{done.passes} pass{'es' if done.passes != 1 else ''}"
        echo(f"still fixable after {passes} of the fixes: {len(still)} problem(s) ({codes}); "
             "run hugokit fix again (if they come back, please report it)", err=True)
    return done
