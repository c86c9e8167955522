"""`hugokit init`: set a Hugo site up for hugokit in one command, saying what it does.

It imports the publication page (or a given source) into the database, writes the topics and a
people proposal, wires hugokit into the Hugo configuration, writes the pre-commit hooks and the
GitHub workflow, then runs the check. Running it again changes nothing: an existing file is never
replaced (init says what it would add), and the site's configuration gains only missing lines.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NamedTuple

from hugokit.cli_common import echo, report
from hugokit.writeback import WriteBack, current_text, put

if TYPE_CHECKING:
    from hugokit.adopt import Pin
    from hugokit.config import SiteConfig
    from hugokit.display import PathDisplay
    from hugokit.importers import ImportPlan
    from hugokit.model import Publication
    from hugokit.site import Site
    from hugokit.vocab import Vocabularies, Vocabulary

PRE_COMMIT = ".pre-commit-config.yaml"
WORKFLOW = ".github/workflows/hugokit.yml"


class _Import(NamedTuple):
    plan: ImportPlan | None  # None: nothing to import (a database exists, or there is no source)
    origin: str = ""         # the source, as shown
    readable: bool = True    # False: the source has problems, and init writes nothing


def init_command(source: Path | None, site: str, paths: PathDisplay) -> int:
    from hugokit import adopt
    from hugokit.cache import Cache
    from hugokit.config import SiteConfig
    from hugokit.config_load import load_config
    from hugokit.site import load_site

    root = Path(site)
    if root.exists() and not root.is_dir():
        from hugokit.diagnostics import InputError, error, on_command_line

        raise InputError([error(on_command_line("--site"), "bad-site", f"{site} is a file, not a folder",
                                "pass --site with the folder of the Hugo site (or a new folder)")])
    config = load_config(root) if root.is_dir() else SiteConfig(root)
    planned = _plan_import(config, source, paths)
    if not planned.readable:
        return 1
    root.mkdir(parents=True, exist_ok=True)
    theme_step = _wire_theme(root, config.database, paths)
    _write_database(config, planned, paths)
    if source is not None and source.is_dir() and planned.plan is not None:
        _pages_where_they_are(config, source, paths)

    loaded = load_site(root, Cache(None))  # no snapshot: init reads the database it just wrote
    vocab, _ = loaded.vocabularies()
    publications = loaded.database.publications
    _keep_page(loaded, paths)
    _new_file(root, "data/topics.yaml", adopt.topics_yaml(publications),
              lambda: _missing_topics(vocab, publications))
    groups = adopt.variant_groups(publications, vocab.people)
    profiles = _profiles_to_keep(planned.plan.profiles if planned.plan else {}, vocab.people)
    if groups or profiles:
        _new_file(root, "data/people.yaml", adopt.people_yaml(groups, profiles),
                  lambda: "; ".join([", ".join(name for name, _ in groups) + " (spelled several ways)"] * bool(groups)
                                    + [f"{name} (profile: {username})" for name, username in profiles.items()]))
    elif (root / "data/people.yaml").exists():
        echo("kept data/people.yaml (every spelling in use is in it)")
    repository, site_dir = _repository(root)
    where = adopt.installed_pin()
    _new_file(repository, PRE_COMMIT, adopt.pre_commit_config(where, site_dir),
              lambda: "hugokit's hooks; add under its repos:\n" + adopt.pre_commit_repo(where, site_dir),
              owned_by="hugokit-check")
    _new_file(repository, WORKFLOW, adopt.workflow(where, site_dir), lambda: "")
    _ignore_lock(root)
    echo("\nhugokit check:")
    from hugokit.cli_check import check_command

    status = check_command(site, "auto", None, "", "", False, False, paths)
    _next_steps(theme_step, bool(groups), status, where, empty=not publications)
    return status


def _plan_import(config: SiteConfig, source: Path | None, paths: PathDisplay) -> _Import:
    """The import to do, planned before anything is written."""
    from hugokit.importers import import_file

    if config.path(config.database).exists():
        if source is not None:
            echo(f"{paths.shown(config.database)} exists; kept as it is (to merge {source} into it: "
                 f"hugokit import {source})", err=True)
        return _Import(None)
    page = config.path(config.page)
    if source is None and not page.is_file():
        return _Import(None)
    origin = str(source) if source is not None else paths.shown(config.page)
    plan = import_file(config, source or page, str(source) if source is not None else config.page)
    report(plan.diagnostics, paths)
    unreadable = [d for d in plan.diagnostics if d.is_error]
    if unreadable:
        echo(f"{len(unreadable)} problem(s) in {origin}; nothing was written. Fix them, or import the rest "
             f"with hugokit import --partial {origin}, then run hugokit init again.", err=True)
        return _Import(None, origin, readable=False)
    return _Import(plan, origin)


def _write_database(config: SiteConfig, planned: _Import, paths: PathDisplay) -> None:
    from hugokit.adopt import EMPTY_DATABASE

    target = config.path(config.database)
    if target.exists():
        echo(f"kept {paths.shown(config.database)} (it exists)")
        return
    plan = planned.plan
    if plan is None:
        put(target, config.database, EMPTY_DATABASE, WriteBack.WRITE)
        echo(f"wrote {paths.shown(config.database)} (no publications yet: there was no {config.page} to import)")
        return
    put(target, config.database, plan.database_text, WriteBack.WRITE)
    echo(f"imported {plan.added} publications from {planned.origin} into {paths.shown(config.database)}")
    if plan.front_matter_note:
        from hugokit.cli_exchange import keep_front_matter

        keep_front_matter(config, plan.front_matter_note, paths)


def _pages_where_they_are(config: SiteConfig, source: Path, paths: PathDisplay) -> None:
    """Bundles imported from another folder than pages_dir (a multilingual site's
    content/en/publication/) are the ones `build --pages` must write, and its hand-written pages
    the ones it must leave alone: hugokit.yaml says so, and puts the shortcode page beside them."""
    from hugokit.layout import CONFIG_NAME, CONTENT_DIR

    try:
        folder = source.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return
    if folder == config.pages_dir or not folder.startswith(CONTENT_DIR + "/"):
        return
    settings = {"pages_dir": folder}
    parent = folder.rsplit("/", 1)[0]
    if parent != CONTENT_DIR:
        settings["page"] = f"{parent}/publications.md"
    lines = "".join(f"{key}: {value}\n" for key, value in settings.items())
    if config.file is None:
        put(config.root / CONFIG_NAME, CONFIG_NAME, "# hugokit site configuration\n" + lines, WriteBack.WRITE)
        echo(f"wrote {paths.shown(CONFIG_NAME)}: the page bundles are built where they were imported from "
             f"({folder})")
    else:
        echo(f"the page bundles were imported from {folder}; to build them there, set in "
             f"{paths.shown(CONFIG_NAME)}:\n{lines}", err=True)


def _keep_page(loaded: Site, paths: PathDisplay) -> None:
    """Says whether building reproduces the page as it stands (it should, after an import), and
    writes the data hugokit's layouts read, as a build would, when it is not there yet."""
    from hugokit.build import plan_build

    config = loaded.config
    files = plan_build(loaded, pages=False).files
    if config.layout_data and current_text(config.path(config.layout_data)) is None:
        put(config.path(config.layout_data), config.layout_data, files[config.layout_data], WriteBack.WRITE)
        echo(f"wrote {paths.shown(config.layout_data)} (what hugokit's layouts read; every hugokit build refreshes it)")
    page = config.page
    old = current_text(config.path(page))
    if old is None:
        return
    if files[page] == old:
        echo(f"left {paths.shown(page)} as it is: hugokit build gives it back byte for byte")
    else:
        echo(f"left {paths.shown(page)} as it is; hugokit build would rewrite it from the database "
             f"(see the difference: hugokit build --diff)")


def _wire_theme(root: Path, database: str, paths: PathDisplay) -> str:
    """Puts hugokit into the site's Hugo configuration, last of its themes or imports, and keeps the
    database out of Hugo's data loading; returns "module", "theme" or "manual"."""
    from hugokit import HUGO_MODULE
    from hugokit.theme_wiring import (CONFIG_DIR, exclude_database, find_config, find_module_config,
                                      new_site_config, settings, wire_theme)

    name = find_config(root)
    if name is None and (root / CONFIG_DIR).is_dir():  # settings split over files, none of them the main one
        echo(f"{paths.shown(CONFIG_DIR)} holds no hugo.toml; add hugokit by hand: in {CONFIG_DIR}/module.toml,\n"
             f'[[imports]]\n  path = "{HUGO_MODULE}"', err=True)
        return "manual"
    if name is None:
        title = Path(os.path.abspath(root)).name
        put(root / "hugo.toml", "hugo.toml", new_site_config(title, database), WriteBack.WRITE)
        echo(f"wrote {paths.shown('hugo.toml')} (a new Hugo site that imports hugokit as a module, and keeps "
             f"{database} out of Hugo's data loading)")
        return "module"
    mount_file = find_module_config(root) or name
    texts = {file: current_text(root / file) or "" for file in dict.fromkeys((name, mount_file))}
    try:
        uses_themes = "theme" in settings(name, texts[name])
        theme = wire_theme(name, texts[name])
        texts[name] = theme.text or texts[name]
        mount = exclude_database(mount_file, texts[mount_file], database)
    except ValueError as exc:  # a file that does not parse: nothing is written
        echo(f"{exc}; add hugokit to it by hand (see the README)", err=True)
        return "manual"
    texts[mount_file] = mount.text or texts[mount_file]
    for file in dict.fromkeys(file for file, step in ((name, theme), (mount_file, mount)) if step.text is not None):
        put(root / file, file, texts[file], WriteBack.WRITE)
    for file, step in ((name, theme), (mount_file, mount)):
        if step.done:
            echo(f"{paths.shown(file)}: {step.done}")
        if step.manual:
            echo(step.manual, err=True)
    if theme.manual:
        return "manual"
    return "theme" if uses_themes else "module"


def _profiles_to_keep(profiles: dict[str, str], people: Vocabulary) -> dict[str, str]:
    """The Hugo Blox profiles the import read names from (name -> username) that data/people.yaml
    does not record yet."""
    return {name: username for name, username in profiles.items()
            if not ((match := people.lookup(name)) and match.term.profile)}


def _new_file(base: Path, relative: str, text: str, what_it_adds: Callable[[], str], owned_by: str = "") -> None:
    """Writes a file that does not exist yet; an existing one is kept, and init says what it lacks
    (owned_by: a text whose presence means the file already has what init would add)."""

    path = base / relative
    where = _shown(path)
    old = current_text(path)
    if old is None and not path.exists():
        put(path, relative, text, WriteBack.WRITE)
        echo(f"wrote {where}")
    elif old == text or (owned_by and owned_by in (old or "")):
        echo(f"kept {where} (up to date)")
    else:
        lacks = what_it_adds()
        echo(f"kept {where} (it exists)" + (f"; it lacks {lacks}" if lacks else ""))


def _ignore_lock(root: Path) -> None:
    """The site's .gitignore lists the lock a writing hugokit holds (.hugokit.lock, see
    writeback.site_lock), so that a commit made while a build runs never takes it along."""
    from hugokit.writeback import LOCK_NAME

    path = root / ".gitignore"
    where = _shown(path)
    old = current_text(path)
    if old is None and path.exists():
        echo(f"kept {where} (unreadable); add {LOCK_NAME} to it")
        return
    listed = {line.strip() for line in (old or "").splitlines()}
    if listed & {LOCK_NAME, "/" + LOCK_NAME, "*.lock"}:
        echo(f"kept {where} (it lists {LOCK_NAME})")
        return
    text = (old or "") + ("\n" if old and not old.endswith("\n") else "") + LOCK_NAME + "\n"
    put(path, ".gitignore", text, WriteBack.WRITE, based_on=old)
    echo(f"{'wrote' if old is None else 'added ' + LOCK_NAME + ' to'} {where} (the lock a writing hugokit holds "
         "while it runs)")


def _shown(path: Path) -> str:
    """A path as the user sees it: relative to the current folder when it is below it."""
    where = os.path.relpath(path)
    return (str(path) if where.startswith(os.pardir) else where).replace(os.sep, "/")


def _missing_topics(vocab: Vocabularies, publications: list[Publication]) -> str:
    from hugokit.adopt import topics_missing

    missing = topics_missing([t.name for t in vocab.topics.terms], publications)
    return ", ".join(missing) + " (add them, or hugokit check lists them)" if missing else ""


def _repository(root: Path) -> tuple[Path, str]:
    """The Git repository holding the site (else the site itself), and the site's folder in it."""
    here = Path(os.path.abspath(root))
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            relative = os.path.relpath(here, folder).replace(os.sep, "/")
            return _as_given(folder), relative
    return root, "."


def _as_given(folder: Path) -> Path:
    relative = os.path.relpath(folder)
    return Path(relative) if not relative.startswith(os.pardir) else folder


def _next_steps(theme_step: str, people: bool, status: int, where: Pin, *, empty: bool = False) -> None:
    from hugokit import HUGO_MODULE, REPOSITORY

    steps = []
    if status:
        steps.append("fix what hugokit check reports above (hugokit fix does the safe fixes)")
    if people:
        steps.append("review data/people.yaml, then run hugokit fix to use one spelling per person")
    if theme_step == "module":
        steps.append(f"fetch hugokit's layouts: with Go, `hugo mod init <your site's module path>` once; "
                     f"without Go, `git submodule add {REPOSITORY} themes/{HUGO_MODULE}`")
    elif theme_step == "theme":
        steps.append(f"if themes/hugokit is missing: git submodule add {REPOSITORY} themes/hugokit")
    if not where.exact:
        steps.append(f"the hooks and the workflow are pinned to the tag {where.rev}; if it does not exist, "
                     "put a commit SHA of hugokit there")
    if empty:
        steps.append("fill the database: hugokit import my.bib (or a CSL-JSON export, a folder of publication pages), "
                     "or hugokit add arXiv:2403.00835 doi:10.… (papers by identifier), or write entries by hand")
    steps += ["pre-commit install   (the hooks then run on every commit)",
              "edit data/publications.yaml, run hugokit build, and commit both"]
    echo("\nnext steps:\n" + "".join(f"  {n}. {step}\n" for n, step in enumerate(steps, 1)), nl=False)
