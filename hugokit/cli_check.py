"""`hugokit check`, `fix`, `rules` and `schema`: validation at the terminal."""
from __future__ import annotations

from hugokit.cli_common import echo, report, step_summary
from typing import TYPE_CHECKING

from hugokit.diagnostics import Diagnostic

if TYPE_CHECKING:
    from hugokit.site import Site
    from hugokit.writeback import WriteBack


def check_command(site: str, output_format: str, strict: bool | None, select: str, ignore: str,
                  apply_fix: bool, no_cache: bool) -> int:
    from hugokit import reporters
    from hugokit.cache import Cache
    from hugokit.layout import site_root
    from hugokit.site import checked

    if apply_fix:
        from hugokit.writeback import WriteBack

        _fix(site, select, ignore, WriteBack.WRITE)
    cache = Cache.from_environment(enabled=not no_cache)
    outcome = checked(site_root(site), cache, select, ignore)
    for note in cache.notes:
        echo(note, err=True)
    diagnostics = outcome.diagnostics
    report(diagnostics, output_format)
    step_summary(reporters.check_summary_markdown(diagnostics))
    if reporters.resolve(output_format) == "human":
        echo(reporters.summary(diagnostics), err=True)
    from hugokit.outcome import exit_code

    return exit_code(diagnostics, strict=outcome.strict if strict is None else strict)


def fix_command(site: str, show_diff: bool, select: str, ignore: str) -> int:
    from hugokit.outcome import exit_code
    from hugokit.writeback import WriteBack

    writeback = WriteBack.choose(diff=show_diff)
    changed = _fix(site, select, ignore, writeback)
    _, remaining = _check_site(site, select, ignore)
    if remaining and writeback.writes:
        report(remaining)
        from hugokit import reporters

        echo(f"left to fix by hand: {reporters.summary(remaining)}", err=True)
    return exit_code(remaining, changed=changed > 0, writeback=writeback)


def rules_command(code: str | None) -> int:
    from hugokit import rules

    known = rules.all_rules()
    if code:
        if code not in known:
            echo(f"unknown rule {code!r}; known: {', '.join(known)}", err=True)
            from hugokit.outcome import USAGE

            return USAGE
        rule = known[code]
        echo(f"{rule.code} ({rule.severity.value}{', fixable' if rule.fixable else ''})\n\n{rule.doc}")
        return 0
    for rule in known.values():
        echo(f"{rule.code:<20} {rule.severity.value:<8} {rule.summary}")
    return 0


def schema_command() -> int:
    from hugokit.schema import SCHEMA_FILE

    echo(SCHEMA_FILE.read_text(encoding="utf-8"), nl=False)
    return 0


def _check_site(site: str, select: str, ignore: str) -> tuple[Site, list[Diagnostic]]:
    from hugokit.cache import Cache
    from hugokit.layout import site_root
    from hugokit.site import load_and_check

    return load_and_check(site_root(site), Cache.from_environment(), select, ignore)


def _fix(site: str, select: str, ignore: str, writeback: WriteBack) -> int:
    """Applies (or shows) the safe fixes; returns how many files change."""
    from hugokit import site as ops
    from hugokit.outcome import verb
    from hugokit.writeback import put

    loaded, diagnostics = _check_site(site, select, ignore)
    changed = ops.apply_fixes(loaded.config, diagnostics)
    fixed = sum(1 for d in diagnostics if d.fix is not None)
    for relative, text in changed.items():
        echo(put(loaded.config.path(relative), relative, text, writeback).diff, nl=False)
    echo(f"{verb('fix', writeback)} {fixed} problem(s) in {len(changed)} file(s)", err=True)
    return len(changed)
