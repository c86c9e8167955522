"""What `hugokit build` does: plan the generated files from a loaded site, refuse to overwrite
a database with errors or a page edited by hand, and write only what changed."""

import os
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from hugokit.cache import Cache, text_digest
from hugokit.diagnostics import Diagnostic, Position, Severity, error, quoted, warning
from hugokit.model import Publication
from hugokit.run_cache import RunEntry
from hugokit.site import (Checked, Site, after_build, checked, found_nothing, generation_errors, load_and_check,
                          load_site, read_digests, unchanged_since)
from hugokit.writeback import Outcome, WriteBack, current_text, put, put_folder, remove, remove_leftovers

if TYPE_CHECKING:
    from hugokit.bundle_writer import RenderWith


class Bundle(NamedTuple):
    folder: str                     # relative to the site: content/publication/<slug>
    publication: Publication
    key: str                        # its citation key
    names: tuple[str, ...]          # the files hugokit makes in it (not one written by hand)


class BuildPlan(NamedTuple):
    files: dict[str, str]           # generated file (relative to the site) -> the text it must hold
    remove: list[str]               # files hugokit generated earlier that nothing produces now
    diagnostics: list[Diagnostic]   # hand-written files in the way (left untouched)
    bundles: str = ""               # the folder of the page bundles, when they are built
    existing: frozenset[str] = frozenset()  # the bundle folders there before the build
    looked_at: tuple[tuple[str, str | None], ...] = ()  # the other bundle files the plan read, and
                                                         # their SHA-256 then (None: not there)
    keys: tuple[str, ...] = ()      # the publications' citation keys, when the bundles are built
    pending: tuple[Bundle, ...] = ()  # the bundles to make, rendered as they are written (write_plan,
                                      # whose texts then join files)
    citing: dict[str, str] | None = None  # key -> the standard BibTeX of each bundle rendered here, so
                                          # far (plan_build makes it), which the layouts' data show


def plan_build(site: Site, pages: bool | None = None, *, layout: bool = True) -> BuildPlan:
    """What `hugokit build` makes: the shortcode page, the layouts' data, and the page bundles
    when enabled. Without layout, the layouts' data are left for layout_files(), which build
    calls while the new bundles are being written."""
    from hugokit.render.page import render_page

    config = site.config
    publications = site.database.publications
    files = {config.page: render_page(publications, config.front_matter)}
    plan = BuildPlan(files, [], [], citing={})
    with_pages = config.pages if pages is None else pages
    if with_pages:
        from hugokit.render.bibtex import citation_keys

        plan = plan._replace(keys=tuple(citation_keys(publications)))  # cite.bib and the layouts' data
    if layout:
        files.update(layout_files(site, plan))
    if not with_pages:
        return plan
    from hugokit.hand_pages import hand_written_pages
    from hugokit.render.bundles import BIB_MARK, MARK, slugs
    from hugokit.text import fold

    folder = config.pages_dir.strip("/")
    plan = plan._replace(bundles=folder)
    existing = _folders(config.path(folder))  # a bundle folder not there yet holds no file to look at
    looked_at: dict[str, str | None] = {}
    named = dict(zip(slugs(publications), publications))
    own_pages = hand_written_pages(site, folder, existing - named.keys(), looked_at)
    written_by_hand: set[str] = set()
    for slug, pub in named.items():
        page = own_pages.get(fold(pub.title)) if slug not in existing else None
        if page:  # the site's own page of it (the one it was imported from, usually), by another name
            written_by_hand.add(slug)
            plan.diagnostics.append(warning(
                Position(page), "hand-written-page",
                f'{page} is a hand-written page of {quoted(pub.title)}; it was left as it is, and no {folder}/{slug}/ '
                "was written beside it (the site would list the publication twice)",
                f"to let hugokit generate it, rename the folder to {folder}/{slug} and delete its "
                "index.md and cite.bib (its other files stay)" if page.count("/") == folder.count("/") + 2
                else f"to let hugokit generate it, delete {page} (and a cite.bib beside it), keeping its other files "
                     f"in {folder}/{slug}/"))
    pending: list[Bundle] = []
    for (slug, pub), key in zip(named.items(), plan.keys):
        if slug in written_by_hand:
            continue
        names = []
        for name, mark in (("index.md", MARK), ("cite.bib", BIB_MARK)):
            relative = f"{folder}/{slug}/{name}"
            if slug in existing:
                ours, looked_at[relative] = _look(site, relative, mark)
                if ours is False:
                    plan.diagnostics.append(warning(Position(relative), "hand-written-page",
                                                    f"{relative} was not generated by hugokit; it was left as it is",
                                                    "move it, or delete it to let hugokit generate this page"))
                    continue
                del looked_at[relative]  # an output: what it held does not matter
            names.append(name)
        if names:
            pending.append(Bundle(f"{folder}/{slug}", pub, key, tuple(names)))
    planned = {f"{bundle.folder}/{name}" for bundle in pending for name in bundle.names}
    for slug in sorted(existing):
        for name, mark in (("cite.bib", BIB_MARK), ("index.md", MARK)):
            relative = f"{folder}/{slug}/{name}"
            if relative not in planned and relative not in looked_at:
                ours, looked_at[relative] = _look(site, relative, mark)
                if ours:
                    plan.remove.append(relative)
    return plan._replace(existing=frozenset(existing), looked_at=tuple(looked_at.items()), pending=tuple(pending))


def layout_files(site: Site, plan: BuildPlan) -> dict[str, str]:
    """The data file hugokit's layouts read, and its text (none when the site turned it off)."""
    config = site.config
    if not config.layout_data:
        return {}
    from hugokit.author_notes import legend
    from hugokit.render.layout_data import render_layout_data

    return {config.layout_data: render_layout_data(site.database.publications, site.vocabularies()[0].venues,
                                                   list(plan.keys) or None, legend(config.author_notes),
                                                   plan.citing)}


def _look(site: Site, relative: str, mark: str) -> tuple[bool | None, str | None]:
    """Whether hugokit wrote the file (None: there is none), and its digest, from one read (so
    that the run cache records the bytes the plan was made from)."""
    from hugokit.render.bundles import marked

    from hugokit.regular_files import read_bytes

    try:
        data = read_bytes(site.config.path(relative))
    except (FileNotFoundError, NotADirectoryError):
        return None, None
    except OSError:  # a folder, or unreadable: not hugokit's to touch, and never vouched for
        return False, None
    return marked(data, mark), site.cache.data_digest(data)


def _folders(path: Path) -> set[str]:
    """The names of the folders in path (none when it is not a folder)."""
    try:
        with os.scandir(path) as entries:
            return {entry.name for entry in entries if entry.is_dir()}
    except OSError:
        return set()



class Writing(NamedTuple):
    finish: Callable[[], list[Outcome]]  # waits until every file is written: what became of each
    digests: dict[str, str]            # once finished: the files written whose text plan.files does not
                                       # hold (rendered by the writer), and their digests


def write_plan(site: Site, plan: BuildPlan, writeback: WriteBack,
               later: Callable[[], dict[str, str]] | None = None) -> Writing:
    """Writes (or compares) every planned file, rendering the page bundles (each written as a
    whole, see put_folder; their texts join plan.files). Many new bundles are written, some of
    them rendered too, by a process of their own (see new_folders) as the rest are rendered, and
    are still being written when this returns: the caller goes on, and finishes. later: more
    files to make and write meanwhile; they join plan.files."""
    from hugokit.bundle_writer import new_folders
    from hugokit.workers import mapped

    config = site.config
    top = os.path.join(str(config.root), "")  # plain strings: no Path per bundle
    if plan.pending and writeback.writes:
        remove_leftovers(config.path(plan.bundles))
    new = [bundle.folder for bundle in plan.pending if bundle.folder[len(plan.bundles) + 1:] not in plan.existing]
    render_with = _render_with(site)
    writer = new_folders(writeback, len(new), render_with)
    single = dict(plan.files)  # the bundles' files join plan.files as they are rendered
    written: dict[str, list[Outcome]] = {}
    fresh = set(new)
    try:
        render = _renderer(plan, render_with)
        # with a writer, one by one as it takes them; else all at once, in several processes
        rendered = None if writer.aside else iter(mapped(render, list(plan.pending)))
        for bundle in plan.pending:
            if rendered is not None:
                texts = next(rendered)
            elif bundle.folder in fresh and writer.renders_next():
                writer.add_unrendered(top + bundle.folder, bundle.folder, bundle.names, bundle.publication, bundle.key)
                continue
            else:
                texts = render(bundle)
            files = {name: texts[name] for name in bundle.names}
            for name, text in files.items():
                plan.files[f"{bundle.folder}/{name}"] = text
            if bundle.folder in fresh:
                writer.add(top + bundle.folder, bundle.folder, files)
            else:
                written[bundle.folder] = put_folder(top + bundle.folder, bundle.folder, files, writeback, exists=True)
        if later is not None:
            made = later()
            plan.files.update(made)
            single.update(made)
        outcomes = [put(config.path(rel), rel, text, writeback, durable=False) for rel, text in single.items()]
        removed = [remove(config.path(rel), rel, writeback) for rel in plan.remove]
    except BaseException:  # the writer finishes what it was given before this is reported
        with suppress(OSError):
            writer.finish()
        raise

    def in_order(new_ones: list[list[Outcome]]) -> list[Outcome]:
        every = written | dict(zip(new, new_ones))
        return outcomes + [outcome for bundle in plan.pending for outcome in every[bundle.folder]] + removed

    if not writer.aside:  # written (or compared) already
        done = in_order(writer.finish())
        return Writing(lambda: done, writer.digests)
    return Writing(lambda: in_order(writer.finish()), writer.digests)


def _render_with(site: Site) -> "RenderWith":
    """What rendering a bundle takes besides its publication and key."""
    from hugokit.author_notes import legend
    from hugokit.render.bundles import profile_usernames

    vocab = site.vocabularies()[0]
    return vocab.venues, legend(site.config.author_notes), profile_usernames(vocab.people)


def _renderer(plan: BuildPlan, render_with: "RenderWith") -> Callable[[Bundle], dict[str, str]]:
    """A pending bundle's files and texts, its standard BibTeX kept in plan.citing."""
    from hugokit.render.bundles import render_bundle

    citing = plan.citing

    def render(bundle: Bundle) -> dict[str, str]:
        return render_bundle(bundle.publication, bundle.key, *render_with, standard=citing)

    return render


class BuildResult(NamedTuple):
    refused: str                      # "errors", "unsafe" or "hand-edits" when nothing was written, else ""
    problems: list[Diagnostic]        # what the refusal is about
    notes: list[Diagnostic]           # hand-written pages left alone
    outcomes: list[Outcome]           # what became of every file
    removed: list[str]                # generated files no longer produced

    @property
    def changed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.changed]


def _unwritable(site: Site, outcome: Checked, served: dict[str, str | None] | None) -> list[Diagnostic]:
    """The values build refuses to write: what the check found, when it ran the rule on the same
    text (in this run, on this very site; or served from the cache for it, finding nothing)."""
    from hugokit.rules import unsafe_value

    if found_nothing(served, outcome.diagnostics, site, unsafe_value.CODE):
        return []
    return [Diagnostic.at(f.where, Severity.ERROR, unsafe_value.CODE, f.message, f.hint)
            for f in unsafe_value.found_in(site.database.publications, site.worked_out)]


def build(root: Path, cache: Cache, writeback: WriteBack, *, force: bool = False,
          pages: bool | None = None) -> BuildResult:
    """Regenerates the site's pages, or compares them (writeback). A database with errors, or a
    page edited by hand, is not overwritten unless forced; a value that cannot be written into
    the page safely, never."""
    entry = RunEntry(cache, root, "build", (str(pages), str(force)))
    cached = entry.lookup()
    if cached is not None:  # inputs and outputs exactly as the last clean build left them
        notes = Diagnostic.all_from_dicts(cached.get("diagnostics") if isinstance(cached, dict) else None)
        if notes is not None:
            return BuildResult("", [], notes, [], [])
        entry.damaged()
    outcome = checked(root, cache)
    from hugokit.config_load import load_config

    errors = generation_errors(outcome.site.config if outcome.site else load_config(root), outcome.diagnostics)
    if errors and not force:
        return BuildResult("errors", errors, [], [], [])
    # A check served from the cache parsed nothing; the database is read without positions then,
    site = outcome.site or load_site(root, cache, positions=False)
    served = outcome.inputs() if outcome.inputs is not None else None
    if outcome.inputs is not None and (served or {}).get(site.config.database, "-") != site.read[site.config.database]:
        # unless it was saved since that check was looked up: then the text read is checked in full.
        site, diagnostics = load_and_check(root, cache)
        outcome, served = Checked(diagnostics, site.config.strict, site), None
        errors = generation_errors(site.config, diagnostics)
        if errors and not force:
            return BuildResult("errors", errors, [], [], [])
    read_at = time.time_ns()  # every input is read, and every output compared or written, after this
    digests = read_digests(site, entry, pages=False)  # build reads no content page but its own
    unsafe = _unwritable(site, outcome, served)
    if unsafe:
        return BuildResult("unsafe", unsafe, [], [], [])
    plan = plan_build(site, pages, layout=False)
    old = current_text(site.config.path(site.config.page))
    generated = plan.files[site.config.page]
    emptied = _emptied(site, old, plan.remove)
    if emptied and not force:
        return BuildResult("errors", emptied, [], [], [])
    if writeback.writes and not force and old is not None and old != generated:
        from hugokit.provenance import hand_edits

        edits = hand_edits(site, cache, old, generated)
        if edits:
            return BuildResult("hand-edits", edits, plan.diagnostics, [], [])
    writing = write_plan(site, plan, writeback, later=lambda: layout_files(site, plan))
    try:  # while the new bundles are written: the digests of the texts at hand
        made: dict[str, str | None] = {rel: text_digest(text) for rel, text in plan.files.items()}
    finally:
        outcomes = writing.finish()
    made.update(writing.digests)
    written = {o.shown: made.get(o.shown) for o in outcomes if o.written}  # (None: removed)
    if written:  # the stored check is brought up to date with them
        emitted = frozenset(rel for rel in written if plan.bundles and rel.endswith("/index.md")
                            and rel.startswith(plan.bundles + "/"))
        # What the check's diagnostics are of: the inputs it was served for, else as read now.
        read = served if outcome.inputs is not None else read_digests(site, entry)
        after_build(site, outcome.diagnostics, written, plan.files, read, emitted)
    result = BuildResult("", [], plan.diagnostics, outcomes, plan.remove)
    if writeback.writes or old == generated:
        cache.record_page(site.config.root, site.config.page, generated)
    inputs = {rel: found for rel, found in digests.items() if rel not in made}  # the outputs may be new
    if not errors and (writeback.writes or not result.changed) and unchanged_since(entry, inputs):
        entry.store(digests | dict(plan.looked_at) | made | dict.fromkeys(plan.remove),
                    {"diagnostics": [d.as_dict() for d in plan.diagnostics]}, read_at=read_at,
                    folders=[plan.bundles] if plan.bundles else [], written=frozenset(written))
    return result


def _emptied(site: Site, old: str | None, removed: list[str]) -> list[Diagnostic]:
    """A database with no publications that would empty a page (or bundles) listing some: more
    often an editor's save caught half-way, or the wrong file, than meant; --force builds it."""
    from hugokit.shortcode import NAME

    if site.database.publications or site.database.entries or not (removed or (old and "{{< " + NAME in old)):
        return []
    return [error(Position(site.config.database, 1, 1), "empty-database",
                  f"{site.config.database} holds no publications, but building would remove every entry of "
                  f"{site.config.page}" + (" and the page bundles" if removed else ""),
                  "if the file was caught half-saved, save it again; to empty the page on purpose, "
                  "run hugokit build --force")]
