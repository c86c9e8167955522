"""`hugokit check`, `fix`, `rules` and `schema`: validation at the terminal."""
from __future__ import annotations

from hugokit.cli_common import echo, report, step_summary
from hugokit.diagnostics import Diagnostic


def check_command(site: str, output_format: str, strict: bool | None, select: str, ignore: str,
                  apply_fix: bool, no_cache: bool) -> int:
    from hugokit import cache as run_cache, reporters
    from hugokit.cache import RunCache
    from hugokit.layout import site_root

    if apply_fix:
        _fix(site, select, ignore, show_diff=False)
    root = site_root(site)
    run_cache.configure(enabled=not no_cache)
    cache = RunCache(root, "check", (select, ignore))
    cached = cache.lookup()
    if cached is not None:
        diagnostics = [Diagnostic.from_dict(d) for d in cached["diagnostics"]]
        configured_strict = cached["strict"]
    else:
        from hugokit import site as ops

        from hugokit.provenance import record_if_up_to_date

        loaded, diagnostics = _check_site(site, select, ignore)
        record_if_up_to_date(loaded)
        configured_strict = loaded.config.strict
        cache.store(ops.input_files(loaded), {"diagnostics": [d.as_dict() for d in diagnostics],
                                              "strict": configured_strict}, loaded.content())
    report(diagnostics, output_format)
    step_summary(reporters.check_summary_markdown(diagnostics))
    if reporters.resolve(output_format) == "human":
        echo(reporters.summary(diagnostics), err=True)
    strict = configured_strict if strict is None else strict
    return 1 if any(d.is_error or strict for d in diagnostics) else 0


def fix_command(site: str, show_diff: bool, select: str, ignore: str) -> int:
    changed = _fix(site, select, ignore, show_diff)
    _, remaining = _check_site(site, select, ignore)
    if remaining and not show_diff:
        report(remaining)
        from hugokit import reporters

        echo(f"left to fix by hand: {reporters.summary(remaining)}", err=True)
    return 1 if (show_diff and changed) or any(d.is_error for d in remaining) else 0


def rules_command(code: str | None) -> int:
    from hugokit import rules

    known = rules.all_rules()
    if code:
        if code not in known:
            echo(f"unknown rule {code!r}; known: {', '.join(known)}", err=True)
            return 2
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


def _check_site(site: str, select: str, ignore: str):  # -> (Site, diagnostics)
    from hugokit import rules, site as ops
    from hugokit.layout import site_root

    loaded = ops.load_site(site_root(site))
    loaded.config = rules.narrowed(loaded.config, select, ignore)
    return loaded, ops.check(loaded)


def _fix(site: str, select: str, ignore: str, show_diff: bool) -> int:
    """Applies (or, with show_diff, shows) the safe fixes; returns how many files change."""
    from hugokit import site as ops
    from hugokit.writeback import Mode, put

    loaded, diagnostics = _check_site(site, select, ignore)
    changed = ops.apply_fixes(loaded.config, diagnostics)
    fixed = sum(1 for d in diagnostics if d.fix is not None)
    for relative, text in changed.items():
        outcome = put(loaded.config.path(relative), relative, text, Mode.CHECK if show_diff else Mode.WRITE,
                      want_diff=show_diff)
        echo(outcome.diff, nl=False)
    verb = "would fix" if show_diff else "fixed"
    echo(f"{verb} {fixed} problem(s) in {len(changed)} file(s)", err=True)
    return len(changed)
