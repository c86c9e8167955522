"""hugokit's commands, declared once: their parameters, their help, and where they are implemented.

hugokit.cli builds the click interface from this table (help, usage errors, --version), and
hugokit.argv reads a well-formed command line straight from it without importing click, whose
import alone would be a fifth of a pre-commit hook's run. The implementations (hugokit.cli_*)
print through hugokit.cli_common and never import click either. Each one that takes --site is
also given `paths`: how this run shows the site's paths (hugokit.display), decided here once.
"""

from contextlib import AbstractContextManager, nullcontext
from importlib import import_module
from pathlib import Path
from typing import NamedTuple

from hugokit.cli_common import fail_input
from hugokit.diagnostics import InputError
from hugokit.display import for_site
from hugokit.reporters import FORMATS


class Option(NamedTuple):
    """`--name VALUE`, or a flag: `--name` (True), or `--name/--no-name` (True/False)."""

    decls: tuple[str, ...]       # e.g. ("--site",), ("-o", "--output"), ("--pages/--no-pages",)
    dest: str                    # the implementation's parameter name
    help: str
    default: object = None
    flag: bool = False
    choices: tuple[str, ...] = ()
    metavar: str | None = None
    show_default: bool = False
    multiple: bool = False       # repeatable; the value is a tuple
    path: bool = False           # a file's path (not a folder)


class Argument(NamedTuple):
    dest: str
    required: bool = True
    default: object = None
    metavar: str | None = None
    choices: tuple[str, ...] = ()
    path: bool = False
    folder_ok: bool = False      # with path: a folder is accepted too
    multiple: bool = False       # takes every remaining argument; the value is a tuple


class Command(NamedTuple):
    name: str
    target: str                  # "module:function", imported only when the command runs
    help: str                    # the first sentence is its summary in `hugokit --help`
    params: tuple[Option | Argument, ...] = ()
    locks: bool | str = False    # it may write into the site (a str: only with that flag): see writeback.site_lock


SITE = Option(("--site",), "site", "The Hugo site's folder.", default=".", metavar="DIR", show_default=True)
NO_CACHE = Option(("--no-cache",), "no_cache", "Do the whole run even if nothing changed since the last one.",
                  default=False, flag=True)
OUTPUT_FORMAT = Option(("--format",), "output_format",
                       "How to print diagnostics; auto is github inside GitHub Actions.", default="auto",
                       choices=FORMATS, show_default=True)


def _flag(name: str, dest: str, help: str) -> Option:
    return Option((name,), dest, help, default=False, flag=True)


ASK_AGAIN = _flag("--no-cache", "no_cache", "Ask the services again instead of reusing their cached answers.")


COMMANDS: dict[str, Command] = {command.name: command for command in (
    Command("build", "hugokit.cli_build:build_command",
            "Regenerate content/publications.md (and the page bundles) from the database.", (
                SITE,
                _flag("--check", "check_only", "Write nothing; exit 1 if a file would change."),
                _flag("--diff", "diff", "Print a unified diff of what changes."),
                _flag("--force", "force", "Write even though the database has errors."),
                Option(("--pages/--no-pages",), "pages", "Also generate content/publication/<slug>/ page bundles "
                       "(default: `pages` in hugokit.yaml).", flag=True),
                NO_CACHE), locks=True),
    Command("check", "hugokit.cli_check:check_command",
            "Validate the database (and the site's content) and report every problem found.", (
                SITE,
                OUTPUT_FORMAT,
                Option(("--strict",), "strict", "Warnings fail the check too.", flag=True),
                Option(("--select",), "select", "Comma-separated rule codes to run (default all).", default="",
                       metavar="CODES"),
                Option(("--ignore",), "ignore", "Comma-separated rule codes to skip.", default="", metavar="CODES"),
                _flag("--fix", "apply_fix", "Apply the safe fixes first (as hugokit fix)."),
                NO_CACHE), locks="apply_fix"),
    Command("fix", "hugokit.cli_check:fix_command",
            "Apply the safe fixes (canonical spellings, stray spaces), keeping comments and key order.", (
                SITE,
                _flag("--diff", "show_diff", "Print the changes as a diff instead of writing them."),
                Option(("--select",), "select", "Fix only these rule codes.", default="", metavar="CODES"),
                Option(("--ignore",), "ignore", "Do not fix these rule codes.", default="", metavar="CODES")), locks=True),
    Command("init", "hugokit.cli_init:init_command",
            "Set a Hugo site up for hugokit in one command, saying what it does.\n\n"
            "Imports content/publications.md (or SOURCE: anything hugokit import reads) into\n"
            "data/publications.yaml, writes data/topics.yaml and a data/people.yaml proposal, adds\n"
            "hugokit to the Hugo configuration, writes the pre-commit hooks and the GitHub workflow, then\n"
            "runs hugokit check. An existing file is never replaced; running it again changes nothing.", (
                Argument("source", required=False, path=True, folder_ok=True),
                SITE), locks=True),
    Command("rules", "hugokit.cli_check:rules_command", "List the rules, or show one rule's documentation.", (
                Argument("code", required=False),)),
    Command("schema", "hugokit.cli_check:schema_command",
            "Print the JSON Schema of data/publications.yaml (for editors' YAML language server)."),
    Command("import", "hugokit.cli_exchange:import_command",
            "Import a shortcode page, publication pages (a folder of Hugo Blox bundles or academicpages\n"
            "pages, or one of them), a BibTeX file or a JSON list (CSL-JSON too: Zotero's, pandoc's) into\n"
            "data/publications.yaml.\n\n"
            "Into an existing database the import merges: entries are matched by DOI, arXiv id, id or\n"
            "title; matches gain the fields they lack and never lose one; new entries go among their year.", (
                Argument("source", path=True, folder_ok=True),
                SITE,
                Option(("--format",), "fmt", "The source's format (default: from its extension: .md, .bib, "
                       ".json; a folder, or a page about one publication: pages).",
                       choices=("markdown", "pages", "bibtex", "json")),
                Option(("--map",), "mappings", "JSON field or shortcode parameter NAME is FIELD (a database "
                       "field, date, or links.KIND). Repeatable.", default=(), multiple=True, metavar="NAME=FIELD"),
                _flag("--dry-run", "dry_run", "Show what would change in the database; write nothing."),
                _flag("--force", "force", "Replace the existing database instead of merging into it."),
                _flag("--partial", "partial", "Write even though some of the source could not be read."),
                _flag("--crossref-parents", "crossref_parents", "BibTeX: also import entries that are only "
                      "crossref targets (proceedings volumes) as publications.")), locks=True),
    Command("add", "hugokit.cli_sources:add_command",
            "Add papers by arXiv id, DOI or DBLP key, with the metadata arXiv, DBLP and Crossref give.\n\n"
            "Goes online (only this command and refresh do). A paper already listed is matched by DOI, arXiv\n"
            "id or title and gains only the fields it lacks; it is never added twice.", (
                Argument("identifiers", default=(), metavar="ID...", multiple=True),
                SITE,
                _flag("--dry-run", "dry_run", "Show what would change in the database; write nothing."),
                ASK_AGAIN), locks=True),
    Command("refresh", "hugokit.cli_sources:refresh_command",
            "Find the preprints that have been published since, and propose their venue, year, DOI and link.\n\n"
            "Asks arXiv, DBLP and Crossref (only this command and add go online); prints the changes with\n"
            "their evidence, and the entries listed twice (a preprint and its published version).", (
                SITE,
                _flag("--all", "everything", "Ask about every entry, not only the preprints."),
                _flag("--write", "write", "Apply the proposed changes to the database."),
                ASK_AGAIN), locks="write"),
    Command("export", "hugokit.cli_exchange:export_command", "Export the whole database as BibTeX or CSL-JSON.", (
                Argument("fmt", metavar="FORMAT", choices=("bibtex", "csl-json")),
                SITE,
                Option(("-o", "--output"), "output", "Write to this file (atomically; untouched when unchanged) "
                       "instead of printing; its folder must exist.", path=True),
                _flag("--force", "force", "Export even though the database has errors (every key is still "
                      "written once)."))),
)}


def invoke(command: Command, values: dict[str, object]) -> int:
    """Runs a command with its parameters' values; returns its exit code (see hugokit.outcome)."""
    typed = [str(values[p.dest]) for p in command.params if p.path and values.get(p.dest) is not None]
    paths = for_site(str(values.get("site") or "."), typed)
    module, function = command.target.split(":")
    try:
        implementation = getattr(import_module(module), function)
        with _lock(command, values):
            return implementation(**values, **({"paths": paths} if "site" in values else {})) or 0
    except InputError as exc:
        return fail_input(exc, paths, str(values.get("output_format", "auto")))
    except OSError as exc:  # permissions, a full disk, a folder where a file goes, a link loop …
        from hugokit.diagnostics import os_error

        return fail_input(InputError([os_error(exc)]), paths, str(values.get("output_format", "auto")))
    except MemoryError:
        from hugokit.diagnostics import Position, error

        return fail_input(InputError([error(Position(str(values.get("site", "."))), "out-of-memory",
                                            "hugokit ran out of memory; nothing more was written",
                                            "an input is far larger than it should be: check its size")]),
                          paths, str(values.get("output_format", "auto")))


def _lock(command: Command, values: dict[str, object]) -> AbstractContextManager[None]:
    """The site's write lock for a command that may write into it, else nothing."""
    site = Path(str(values.get("site") or "."))
    if not (command.locks is True or isinstance(command.locks, str) and values.get(command.locks)) or not site.is_dir():
        return nullcontext()
    from hugokit.cli_common import echo
    from hugokit.writeback import site_lock

    return site_lock(site, lambda note: echo(note, err=True))
