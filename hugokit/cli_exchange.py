"""The data-exchange commands: `hugokit import` and `hugokit export`."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hugokit.cache import Cache
from hugokit.cli_common import echo, report
from hugokit.config_load import load_config
from hugokit.diagnostics import InputError, error, on_command_line, quoted
from hugokit.importers import NO_ENTRIES, import_file
from hugokit.layout import CONFIG_NAME, site_root
from hugokit.outcome import CLEAN, exit_code, verb
from hugokit.writeback import WriteBack, put

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from hugokit.config import SiteConfig
    from hugokit.display import PathDisplay
    from hugokit.importers.imported import Progress


def import_command(source: Path, site: str, fmt: str | None, mappings: tuple[str, ...], dry_run: bool,
                   force: bool, partial: bool, paths: PathDisplay, crossref_parents: bool = False) -> int:
    writeback = WriteBack.choose(diff=dry_run)
    root = site_root(site)
    config = load_config(root)
    mapping = _parse_mappings(mappings)
    with _progress(source) as progress:
        plan = import_file(config, source, str(source), fmt=fmt, force=force, mapping=mapping, progress=progress,
                           crossref_parents=crossref_parents, cache=Cache.from_environment())
    report(plan.diagnostics, paths)
    unreadable = [d for d in plan.diagnostics if d.is_error]
    if any(d.code == NO_ENTRIES for d in unreadable):
        echo(f"no publications could be imported from {source}; nothing was written.", err=True)
        return 1
    if unreadable and not partial:
        echo(f"{len(unreadable)} problem(s) in {source}; nothing was written. "
             "Fix them, or pass --partial to import the rest.", err=True)
        return exit_code(refused=True)
    outcome = put(config.path(config.database), config.database, plan.database_text, writeback, based_on=plan.base)
    echo(outcome.diff, nl=False)
    if plan.replaced:
        echo(f"{verb('import', writeback)} {plan.added} publications into {paths.shown(config.database)}")
    else:
        echo(f"{verb('import', writeback)} {plan.added} new and updated {plan.updated} existing publications in "
             f"{paths.shown(config.database)}")
    if plan.front_matter_note and writeback.writes:
        keep_front_matter(config, plan.front_matter_note, paths)
    if writeback.writes and not unreadable and source.resolve() == config.path(config.page).resolve():
        from hugokit.provenance import record_imported_page
        from hugokit.writeback import current_text

        record_imported_page(load_config(root), Cache.from_environment(), current_text(source) or "",
                             plan.database_text)
    return exit_code(unreadable, changed=outcome.changed, writeback=writeback)


def keep_front_matter(config: SiteConfig, note: str, paths: PathDisplay) -> None:
    """Keeps an imported page's own front-matter in hugokit.yaml, so that building gives it back."""
    from hugokit.layout import CONFIG_NAME
    from hugokit.writeback import WriteBack, put

    if config.file is None:
        put(config.root / CONFIG_NAME, CONFIG_NAME, "# hugokit site configuration\n" + note, WriteBack.WRITE)
        echo(f"kept the page's front-matter in {paths.shown(CONFIG_NAME)}")
    else:
        echo(f"the page's front-matter differs from {paths.shown(CONFIG_NAME)}; to keep it, set there:\n" + note, err=True)


def _parse_mappings(mappings: tuple[str, ...]) -> dict[str, str]:
    if not mappings:  # (without --map, the JSON importer, which knows the fields, is not imported)
        return {}
    from hugokit.importers.json_list import targets

    out = {}
    for item in mappings:
        name, _, field = item.partition("=")
        if not name or not (field in targets() or field.startswith("links.") and len(field) > 6):
            raise InputError([error(on_command_line("--map"), "bad-option", f"cannot read --map {quoted(item)}",
                                    "write NAME=FIELD, FIELD one of: " + ", ".join(targets()))])
        out[name] = field
    return out


class _progress:
    """A progress bar over the source's characters, only for large files on a terminal
    (never in CI or a hook), so that automation logs stay clean."""

    def __init__(self, source: Path) -> None:
        size = source.stat().st_size if source.is_file() else 0
        quiet = os.environ.get("CI") or os.environ.get("PRE_COMMIT") or not sys.stderr.isatty()
        if quiet or size < 500_000:
            self.bar: ProgressBar[int] | None = None
            return
        import click  # its progress bar; hugokit prints everything else itself

        self.bar = click.progressbar(length=size, label=f"importing {source.name}", file=sys.stderr)

    def __enter__(self) -> Progress | None:
        if self.bar is None:
            return None
        return self.bar.__enter__().update

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            if exc[0] is None:  # done: the parser stops short of the file's last bytes
                self.bar.update(max(0, (self.bar.length or 0) - self.bar.pos))
            self.bar.__exit__(*exc)


def export_command(fmt: str, site: str, output: Path | None, force: bool, paths: PathDisplay) -> int:
    from hugokit.export import export, output_problem, refusal_message

    root = site_root(site)
    problem = output_problem(load_config(root), output) if output is not None else None
    if problem is not None:
        raise InputError([problem])
    # Diagnostics go to standard error: standard output is the export, when no file is named.
    result = export(root, Cache.from_environment(), fmt, force=force)
    if result.refused:
        report(result.problems, paths, err=True)
        echo(refusal_message(result), err=True)
        return exit_code(refused=True)
    report(result.notes, paths, err=True)
    if output is None:
        echo(result.text, nl=False)
        return CLEAN
    outcome = put(output, str(output), result.text, WriteBack.WRITE)
    echo(f"{'wrote' if outcome.written else 'unchanged:'} {output} ({result.exported} publications)", err=True)
    return CLEAN
