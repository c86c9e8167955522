"""The commands that go online: `hugokit add` and `hugokit refresh`.

They alone contact arXiv, DBLP and Crossref (check, build and the hooks never do). A service
that cannot be reached, or answers what its API does not document, stops the run with one
error naming it (exit 2), before anything is written.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator, NamedTuple

from hugokit.cli_common import echo, report
from hugokit.diagnostics import Finding, InputError, Position, error, on_command_line, warning, quoted

if TYPE_CHECKING:
    from hugokit.config import SiteConfig
    from hugokit.display import PathDisplay
    from hugokit.model import Database, Publication
    from hugokit.sources.http import Client
    from hugokit.vocab import Vocabularies


class _Site(NamedTuple):
    config: SiteConfig
    text: str | None          # the database's text; None when there is no database yet
    database: Database | None
    vocab: Vocabularies


@contextmanager
def _online(services: tuple[tuple[str, str], ...], no_cache: bool) -> Iterator[Client]:
    from hugokit.cache import Cache
    from hugokit.sources import ServiceError, settings
    from hugokit.sources.http import Client

    try:
        client = Client(settings(services), Cache.from_environment(enabled=not no_cache).folder)
        try:
            yield client
        finally:
            client.close()
    except ServiceError as exc:
        raise InputError([error(Position(exc.service, 0, 0), "service-error", exc.message, exc.hint)]) from None


def _load(site: str, no_cache: bool) -> _Site:
    """The site's config, database and vocabularies (those from the cache's memo, as a check's)."""
    from hugokit.cache import Cache
    from hugokit.config_load import load_config
    from hugokit.database import read_for_edit
    from hugokit.layout import site_root
    from hugokit.vocab import cached_vocabularies

    root = site_root(site)
    config = load_config(root)
    vocab, _ = cached_vocabularies(root, Cache.from_environment(enabled=not no_cache))
    text, database = read_for_edit(config) or (None, None)
    return _Site(config, text, database, vocab)


def add_command(identifiers: tuple[str, ...], site: str, dry_run: bool, no_cache: bool, paths: PathDisplay) -> int:
    from hugokit.sources import gather
    from hugokit.sources.identifiers import parse
    from hugokit.venue_names import finder_for

    parsed = []
    for written in identifiers:
        ident = parse(written)
        if ident is None:
            raise InputError([error(on_command_line(written), "bad-identifier",
                                    f"cannot read {quoted(written)} as an arXiv id, a DOI or a DBLP key",
                                    "write e.g. arXiv:2403.00835, doi:10.1145/3600006.3613165, conf/osdi/ZhongLCHZ0J024, "
                                    "or paste the paper's arxiv.org, doi.org or dblp.org URL")])
        parsed.append(ident)
    config, text, database, vocab = _load(site, no_cache)
    finder = finder_for(vocab.venues)
    with _online(config.services, no_cache) as client:
        mains = [gather.primary(client, ident) for ident in parsed]
        papers = [gather.Paper(m.arxiv, m.doi, m.title) for m in mains]
        answers = gather.about(client, papers)
        made = [gather.new_entry(m, records, finder, vocab.venues) for m, records in zip(mains, answers)]
    entries = [entry for entry, _ in made]
    notes = [f"note: {note}" for _, said in made for note in said]
    unsafe = [error(on_command_line(written), "unsafe-answer",
                    f"what the sources answered for {written} cannot be written safely: {finding.message}",
                    "nothing was written: add the entry by hand, as the paper's own page writes it")
              for written, entry in zip(identifiers, entries) for finding in _unsafe(entry)]
    if unsafe:
        raise InputError(unsafe)
    code = _write_added(config, text, database, entries, dry_run, paths)
    for note in notes:
        echo(note)
    return code


def _unsafe(pub: Publication) -> list[Finding]:
    """What the page could not hold of an entry made from the sources' answers (see unsafe-value):
    a service's text must not break the page, nor turn the database into one build refuses."""
    from hugokit.rules.unsafe_value import findings

    return list(findings([pub]))


def _write_added(config: SiteConfig, text: str | None, database: Database | None, entries: list[Publication],
                 dry_run: bool, paths: PathDisplay) -> int:
    from hugokit.merge import merge
    from hugokit.refresh import FETCHED
    from hugokit.render.database_yaml import render_database
    from hugokit.outcome import exit_code, verb
    from hugokit.writeback import WriteBack, put

    target = config.path(config.database)
    if database is None:
        new_text, added, merged = render_database(entries), entries, None
    else:
        merged = merge(text or "", database, entries, FETCHED)
        new_text, added = merged.text, merged.added
        from hugokit.verify import expect_database

        expect_database(new_text, config.database, merged.expected)
        report(merged.diagnostics, paths)
        gained = {id(pub): names for pub, names in merged.updated}
        for entry, twin in merged.matched:
            where = twin.at()
            names = gained.get(id(twin), [])
            more = f"; it gains {', '.join(names)}" if names else "; nothing was added"
            echo(f"{paths.shown(where.path)}:{where.line}:{where.col}: already listed: {quoted(entry.title)}{more}")
    writeback = WriteBack.choose(diff=dry_run)
    outcome = put(target, config.database, new_text, writeback, based_on=text)
    echo(outcome.diff, nl=False)
    titles = "".join(f"\n  {pub.venue or 'no venue'}: {pub.title}" for pub in added)
    echo(f"{verb('add', writeback)} {len(added)} publication(s) to {paths.shown(config.database)}{titles}")
    return exit_code(changed=outcome.changed, writeback=writeback)


def refresh_command(site: str, everything: bool, write: bool, no_cache: bool, paths: PathDisplay) -> int:
    from hugokit import refresh
    from hugokit.outcome import exit_code, verb
    from hugokit.sources import gather
    from hugokit.venue_names import finder_for
    from hugokit.writeback import WriteBack, put

    config, text, database, vocab = _load(site, no_cache)
    if database is None or text is None:
        raise InputError([error(Position(config.database), "no-database", f"there is no {config.database}",
                                "import your list first: hugokit import content/publications.md")])
    venues = vocab.venues
    candidates = refresh.candidates(database, venues, everything)
    with _online(config.services, no_cache) as client:
        answers = gather.about(client, [gather.Paper(c.arxiv, c.doi, c.pub.title) for c in candidates])
    finder = finder_for(venues)
    findings = [refresh.plan(c, records, finder, venues) for c, records in zip(candidates, answers)]
    pairs = refresh.duplicates(database, venues, findings)
    listed_twice = {id(p.preprint) for p in pairs}
    changed = [f for f in findings if f.changes and id(f.pub) not in listed_twice]
    refused = {id(f.pub): problems for f in changed for problems in [_unsafe(refresh.changed(f))] if problems}
    report([warning(f.pub.at(), "unsafe-answer", f'the published version the sources name for {quoted(f.pub.title)} '
                    f"cannot be written safely ({refused[id(f.pub)][0].message}); the entry was not changed",
                    "check the sources' records, and edit the entry by hand") for f in changed if id(f.pub) in refused],
           paths)
    changed = [f for f in changed if id(f.pub) not in refused]
    for finding in changed:
        where = finding.pub.at()
        venue = next((c.new for c in finding.changes if c.key == "venue"), finding.pub.venue)
        echo(f"{paths.shown(where.path)}:{where.line}:{where.col}: {quoted(finding.pub.title)} was published: {venue}")
        for change in finding.changes:
            echo(f"    {change.key}: {change.old or '(none)'} -> {change.new}")
        for line in finding.evidence:
            echo(f"    evidence: {line}")
        if finding.unknown_venue:
            echo(f"    note: {quoted(str(venue))} is the source's own spelling, not a venue of the registry: edit it, or add the "
                 "venue (or this spelling as an alias) to data/venues.yaml")
    report([warning(p.preprint.at(), "listed-twice",
                    f'{quoted(p.preprint.title)} ({p.preprint.venue}) and line {p.published.at().line} '
                    f'({quoted(p.published.title)}, {p.published.venue}) are one paper: {p.why}',
                    "merge them: keep the published entry, move any link only the preprint has onto it, "
                    "and delete the preprint") for p in pairs], paths)
    writeback = WriteBack.choose(diff=not write)
    from hugokit.verify import expect_database

    refreshed = refresh.apply(text, database, changed)
    expect_database(refreshed.text, config.database, refreshed.expected)
    outcome = put(config.path(config.database), config.database, refreshed.text, writeback, based_on=text)
    echo(outcome.diff, nl=False)
    echo(f"asked about {len(candidates)} entr{'y' if len(candidates) == 1 else 'ies'}; "
         f"{verb('update', writeback)} {len(changed)}" + ("; rerun with --write to apply" if outcome.diff else ""))
    return exit_code(changed=outcome.changed, writeback=writeback)
