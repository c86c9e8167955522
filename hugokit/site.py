"""A site folder loaded and checked, and the fixes a check offers; no terminal, no exit codes.

A check served from the run cache reads nothing but this module, hugokit.cache and their own
light imports: what loads and checks a site (YAML, the rules) is imported where it is used.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Collection, Mapping

from hugokit.diagnostics import Diagnostic, Finding, Fix, Position
from hugokit.layout import CONFIG_NAME, is_page
from hugokit.regular_files import read_bytes
from hugokit.run_cache import RunEntry

if TYPE_CHECKING:
    from hugokit.cache import Cache
    from hugokit.config import SiteConfig
    from hugokit.layout import Listing
    from hugokit.model import Database
    from hugokit.rules import Rule
    from hugokit.vocab import Vocabularies


class Site:
    """A site's configuration and database; its vocabularies and the listing of its content/ are
    read on first use, once, so that every part of a run sees the same files."""

    __slots__ = ("config", "database", "diagnostics", "cache", "read", "worked_out", "_vocab", "_listing")

    def __init__(self, config: SiteConfig, database: Database, diagnostics: list[Diagnostic], cache: Cache) -> None:
        self.config = config
        self.database = database
        self.diagnostics = diagnostics  # structural problems found while reading the database
        self.cache = cache
        self.read: dict[str, str | None] = {}  # file -> SHA-256 of the text read (None: not there)
        self.worked_out: dict[str, Any] = {}  # what the rules of its check worked out (rules.Context.shared)
        self._vocab: tuple[Vocabularies, list[Diagnostic]] | None = None
        self._listing: Listing | None = None

    def vocabularies(self) -> tuple[Vocabularies, list[Diagnostic]]:
        """The vocabularies and the problems found in their files, read once (from the cache's
        memo when the site's vocabulary files and hugokit's own are as they were: keyed by
        their texts' digests)."""
        if self._vocab is None:
            from hugokit.vocab import cached_vocabularies

            self._vocab = cached_vocabularies(self.config.root, self.cache)
        return self._vocab

    def edited(self, text: str) -> Site:
        """The site with its database read from text (an edit not written yet), the
        vocabularies and the listing of content/ as this one read them."""
        from hugokit.database import parse_database

        database, diagnostics = parse_database(text, self.config.database)
        site = Site(self.config, database, diagnostics, self.cache)
        site._vocab, site._listing = self._vocab, self._listing
        return site

    def listing(self) -> Listing:
        """Every file and folder under content/."""
        if self._listing is None:
            from hugokit.layout import walk_content

            self._listing = walk_content(self.config.root)
        return self._listing

    def content(self) -> list[str]:
        """Every file under content/, relative to the site, sorted."""
        return self.listing().files

    def pages(self) -> list[str]:
        """The files under content/ that Hugo reads as pages."""
        return [rel for rel in self.content() if is_page(rel)]


def load_site(root: Path, cache: Cache, *, positions: bool = True) -> Site:
    """Config and database; unreadable input raises InputError.

    Without positions (for a database already checked clean) a large database may come from the
    snapshot its last full parse left in the cache, which is much faster than parsing YAML.
    """
    from hugokit.config_load import load_config
    from hugokit.database import parse_database
    from hugokit.inputs import read_text
    from hugokit.model import Database, Publication

    config = load_config(root, cache)
    text = read_text(config.path(config.database), config.database,
                     f"create it, or import an existing page: hugokit import {config.page}")
    snapshot = None if positions else cache.load_snapshot(text)
    if snapshot is not None:
        site = Site(config, Database(config.database, [Publication(**fields) for fields in snapshot]), [], cache)
    else:
        database, diagnostics = parse_database(text, config.database)
        if not any(d.is_error for d in diagnostics):
            cache.store_snapshot(text, [pub.fields() for pub in database.publications])
        site = Site(config, database, diagnostics, cache)
    # the inputs read so far, as read: a save during the run must not get this run's result
    site.read[CONFIG_NAME] = config.read_digest
    site.read[config.database] = cache.digest(text)
    return site


def read_digests(site: Site, entry: RunEntry, pages: bool = True,
                 hashed_later: Collection[str] = ()) -> dict[str, str | None]:
    """The digests of a check's input files as the run read them: the database's from its very
    text, the others (read later in the run) as they are now; those in hashed_later are left to
    the caller (the per-file rules hash the very bytes they read). Without pages, only the files
    a build reads (no content page)."""
    files = input_files(site) if pages else generation_inputs(site.config)
    later = {*hashed_later, *site.read}
    return entry.digests(rel for rel in files if rel not in later) | site.read


def generation_inputs(config: SiteConfig) -> list[str]:
    """The files build generates from (relative to the site), present or not."""
    from hugokit.layout import VOCABULARY_NAMES, vocabulary_file

    return [CONFIG_NAME, config.database, *map(vocabulary_file, VOCABULARY_NAMES)]


def generation_errors(config: SiteConfig, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The errors build refuses to write from: those in what it generates from (hugokit.yaml, the
    database, the vocabularies, the command line). A content page's own problems (its
    front-matter) do not change what build writes: `check` reports them."""
    from hugokit.layout import CONTENT_DIR

    inputs = set(generation_inputs(config))
    return [d for d in diagnostics if d.is_error
            and (d.path in inputs or not (d.path.startswith(CONTENT_DIR + "/") and is_page(d.path)))]


def unchanged_since(entry: RunEntry, digests: dict[str, str | None], read_at: int | None = None) -> bool:
    """Whether every input is still as the run read it: only then may its result be stored
    (a file saved during the run must not get the old result under its new digest). With
    read_at, time.time_ns() from before the run read any of them, a file whose status says it
    last changed clearly before then is as the run read it, and is not read again (the run
    cache's own test of a status, see hugokit.file_status): a check then reads each page once."""
    again = list(digests)
    if read_at is not None:
        from hugokit.file_status import trusted_statuses

        top = os.path.join(str(entry.root), "")
        values, _ = trusted_statuses([top + rel for rel in again], read_at)
        again = [rel for index, rel in enumerate(again) if not any(values[4 * index:4 * index + 4])]  # (zeros: untrusted)
    return entry.digests(again) == {rel: digests[rel] for rel in again}


class Checked:
    """A check's outcome: every diagnostic, and whether the site's config asks for --strict.
    (A plain class, as Site is: this module's annotations are strings, which a named tuple
    would have typing parse at import; see the README's Performance notes.)"""

    __slots__ = ("diagnostics", "strict", "site", "inputs")

    def __init__(self, diagnostics: list[Diagnostic], strict: bool, site: Site | None,
                 inputs: Callable[[], dict[str, str | None] | None] | None = None) -> None:
        self.diagnostics = diagnostics
        self.strict = strict
        self.site = site  # the site as loaded, or None when the outcome came from the cache
        # from the cache: the digests of the inputs it is the check of (None: unknown)
        self.inputs = inputs


def checked(root: Path, cache: Cache, select: str = "", ignore: str = "") -> Checked:
    """The check of a site with the command line's --select/--ignore, from the cache when none of
    its inputs changed since the last one. `build` asks for it too (with no selection), so one
    check serves both commands."""
    entry = RunEntry(cache, root, "check", (select, ignore))
    payload = entry.lookup()
    if payload is not None:
        stored = Diagnostic.all_from_dicts(payload.get("diagnostics") if isinstance(payload, dict) else None)
        if stored is not None and isinstance(payload.get("strict"), bool):
            return Checked(stored, payload["strict"], None, entry.served)
        entry.damaged()
    read_at = time.time_ns()
    site = load_site(root, cache)
    pages = site.pages()
    digests = read_digests(site, entry, hashed_later=set(pages))
    diagnostics, read, page = _check(site, selected_rules(site, select, ignore))
    # each page as the per-file rules read it (or as it is, read by none)
    digests.update(entry.digests(rel for rel in pages if rel not in read))
    digests.update(read)
    from hugokit.provenance import record_if_up_to_date

    record_if_up_to_date(site, cache, page, read.get(site.config.page))
    if unchanged_since(entry, digests, read_at):
        entry.store(digests, _payload(diagnostics, site), site.listing(), read_at)
    return Checked(diagnostics, site.config.strict, site)


def found_nothing(served: dict[str, str | None] | None, diagnostics: list[Diagnostic], site: Site, code: str) -> bool:
    """Whether diagnostics are a check, served from the cache for inputs of these digests
    (served), of the very database and config texts site holds, that ran the database rule code
    (in the default selection) and it found nothing there."""
    from hugokit.rules import runs

    return served is not None and all(served.get(rel, "-") == site.read.get(rel) for rel in
                                      (CONFIG_NAME, site.config.database)) \
        and runs(site.config, code) \
        and not any(d.code == code for d in diagnostics)


def load_and_check(root: Path, cache: Cache, select: str = "", ignore: str = "") -> tuple[Site, list[Diagnostic]]:
    """A full check of the site as it is now, never from the cache."""
    site = load_site(root, cache)
    return site, check(site, selected_rules(site, select, ignore))


def selected_rules(site: Site, select: str = "", ignore: str = "") -> list[Rule]:
    """The rules a run with this --select and --ignore uses on the site."""
    from hugokit.rules import selected

    return selected(site.config, select, ignore)


def _payload(diagnostics: list[Diagnostic], site: Site) -> dict[str, object]:
    return {"diagnostics": [d.as_dict() for d in diagnostics], "strict": site.config.strict}


def check(site: Site, rules: list[Rule]) -> list[Diagnostic]:
    """Every diagnostic for the site: structure, vocabulary files, then the given rules'."""
    return _check(site, rules)[0]


def _check(site: Site, rules: list[Rule]) -> tuple[list[Diagnostic], dict[str, str | None], bytes | None]:
    """The diagnostics, the digest of each page read, and the generated page's bytes as read
    (None: it is no page of content/, or could not be read), read once for the per-file rules
    and for recognising it as hugokit's (hugokit.provenance.record_if_up_to_date)."""
    from hugokit.rules import Context, run

    vocab, vocab_diagnostics = site.vocabularies()
    site.worked_out = {}
    found = run(Context(site.database, vocab, site.config, site.worked_out), rules)
    texts: dict[str, bytes | None] = dict.fromkeys(site.pages())
    generated = site.config.page
    if generated in texts:
        try:
            texts[generated] = read_bytes(site.config.path(generated))
        except OSError:
            pass  # (read again by the per-file rules, which report why it cannot be)
    pages, digests = page_diagnostics(site, rules, texts, every=True)
    return sorted(site.diagnostics + vocab_diagnostics + found + pages, key=Diagnostic.sort_key), digests, \
        texts.get(generated)


def page_diagnostics(site: Site, rules: list[Rule], texts: Mapping[str, bytes | None], every: bool = False) -> \
        tuple[list[Diagnostic], dict[str, str | None]]:
    """The per-file rules' diagnostics on the given pages (their bytes, or None to read them), and
    the digest of each page read or given. A page's findings are memoised by its digest: a check
    after a database edit reads the pages but parses none that it has seen before. every: texts
    are all the site's pages (the memo forgets the others)."""
    from hugokit.rules import file_findings

    file_rules = [rule for rule in rules if rule.check_file is not None]
    cache, config = site.cache, site.config
    if not file_rules:  # (the digests of the pages given, as they are of what was read)
        return [], {shown: cache.data_digest(data) for shown, data in texts.items() if data is not None}
    key = "\0".join([str(config.root.resolve()), cache.file_digest(config.path(CONFIG_NAME)) or "-"])
    memo = cache.recall("pages", key) or {}
    out: list[Diagnostic] = []
    digests: dict[str, str | None] = {}
    changed = False
    top = os.path.join(str(config.root), "")  # plain strings, as the cache's: no Path per page
    for shown, given in texts.items():
        try:
            data: bytes | OSError = read_bytes(top + shown) if given is None else given
        except OSError as exc:
            data = exc
        digest = digests[shown] = cache.data_digest(data) if isinstance(data, bytes) else None
        known = memo.get(shown)
        found = known[1] if known and known[0] == digest and digest is not None else {}
        for rule in file_rules:
            if rule.code not in found:
                found[rule.code] = [_finding_json(f) for f in file_findings(rule, config, shown, data)]
                changed = True
            out += [_diagnostic(f, rule) for f in found[rule.code]]
        memo[shown] = [digest, found]
    if changed:
        cache.remember("pages", key, {shown: found for shown, found in memo.items() if not every or shown in texts})
    return out, digests


def _finding_json(found: Finding) -> list[object]:
    return [list(found.where), found.message, found.hint, list(found.fix) if found.fix else None]


def _diagnostic(data: list[Any], rule: Rule) -> Diagnostic:
    where, message, hint, fix = data
    return Diagnostic.at(Position(*where), rule.severity, rule.code, message, hint, Fix(*fix) if fix else None)


def after_build(site: Site, before: list[Diagnostic], written: dict[str, str | None], texts: Mapping[str, str],
                read: dict[str, str | None] | None, emitted: frozenset[str] = frozenset()) -> None:
    """After build wrote (or removed) generated files, the stored check of the default selection
    is brought up to date, so that the hook's next `hugokit check` is served from the cache. Only
    the per-file rules read content/, so only their findings on the written pages can differ:
    those are recomputed from the text written; the rest of the check is unchanged. written: the
    digest of each file written (None: removed); texts: the texts at hand (a page without one is
    read again, where a rule reads it). read: the digests of the inputs before is the check of
    (a stored check of others is kept; None: unknown, nothing is kept). emitted: the written
    pages whose front-matter hugokit's YAML emitter wrote (the bundles'), which the front-matter
    rule need not parse again (see finds_nothing_in_emitted)."""
    from hugokit.layout import is_page
    from hugokit.rules import front_matter

    rules = selected_rules(site, "", "")
    file_rules = [rule for rule in rules if rule.check_file is not None]
    codes = {rule.code for rule in file_rules}
    every_page = [rel for rel in written if is_page(rel)]
    present = [rel for rel in every_page if written[rel] is not None]

    def data(rel: str) -> bytes | None:
        text = texts.get(rel)
        return None if text is None else text.encode("utf-8")

    known = {rel for rel in present if rel in emitted and front_matter.finds_nothing_in_emitted(site.config, rel)}
    new, digests = page_diagnostics(site, rules, {rel: data(rel) for rel in present if rel not in known})
    others = [rule for rule in file_rules if rule.code != front_matter.CODE]
    if others:  # (the known pages are encoded only for a rule that reads them)
        found, more = page_diagnostics(site, others, {rel: data(rel) for rel in known})
        new += found
        digests.update(more)
    kept = [d for d in before if not (d.code in codes and d.path in written)]
    changed = {rel: digests.get(rel, found) for rel, found in written.items()}
    recorded = [rel for rel in every_page if rel.startswith("content/")]
    if read is not None:
        RunEntry(site.cache, site.config.root, "check", ("", "")).amend(
            changed, recorded, _payload(sorted(kept + new, key=Diagnostic.sort_key), site), read)


def input_files(site: Site) -> list[str]:
    """Every file a check of the site reads (relative to it), present or not: the run cache's key."""
    return [*generation_inputs(site.config), *site.pages()]
