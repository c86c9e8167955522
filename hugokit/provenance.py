"""Whether the generated page is hugokit's own, or holds edits made by hand.

The page is hugokit's own when it is, byte for byte, what hugokit generates from a known
version of the database: the one last committed (when the site is in a git repository), or the
one hugokit last built or found up to date (its record, see hugokit.cache.record_page). It is
also its own when it is unchanged since the last commit: whatever it holds is then in the
repository's history. Anything else is a hand edit, whatever it touches, and a rebuild would
lose it: build names the lines instead of writing.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hugokit.diagnostics import Diagnostic, Position, error, warning, quoted
from hugokit.text import front_matter_close

from hugokit.cache import text_digest

if TYPE_CHECKING:
    from hugokit.cache import Cache
    from hugokit.config import SiteConfig
    from hugokit.last_commit import Committed
    from hugokit.site import Site

MAX_NAMED_LINES = 20


def _render_committed_database(site: Site) -> Committed:
    from hugokit.database import parse_database
    from hugokit.diagnostics import InputError
    from hugokit.last_commit import Committed, committed
    from hugokit.render.page import render_page

    found = committed(site.config.root, site.config.database)
    if found.text is None:
        return found
    try:
        database, _ = parse_database(found.text, site.config.database)
    except InputError:
        return Committed(None)
    return Committed(render_page(database.publications, site.config.front_matter))


def hand_edits(site: Site, cache: Cache, page_text: str, generated: str) -> list[Diagnostic]:
    """Nothing when page_text is hugokit's own (see the module's docstring); else a diagnostic
    for each line that differs from the closest version hugokit made. generated is the page the
    current database makes."""
    config = site.config
    if cache.page_recorded(config.root, config.page) == text_digest(page_text):
        return []
    from hugokit.last_commit import committed  # (git is asked only about a page the cache does not know)

    known = [generated]
    last_commit = committed(config.root, config.page)
    if last_commit.text is not None:
        if last_commit.text == page_text:
            return []
        known.append(last_commit.text)
    from_database = _render_committed_database(site) if not last_commit.unavailable else last_commit
    if from_database.text is not None:
        if from_database.text == page_text:
            return []
        known.append(from_database.text)
    failed = last_commit if last_commit.unavailable else from_database
    note = [warning(Position(config.page), "git-unreadable",
                    f"the page was not compared with the last commit: {failed.unavailable}", failed.fix)]
    return _changed_lines(site, page_text, known) + (note if failed.unavailable else [])


def _changed_lines(site: Site, page_text: str, known: list[str]) -> list[Diagnostic]:
    import difflib

    lines = page_text.splitlines()
    best: list[tuple[int, int]] | None = None  # (first, last) 0-based line ranges of the page that differ
    for reference in known:
        matcher = difflib.SequenceMatcher(None, reference.splitlines(), lines, autojunk=False)
        ranges = [(j1, max(j1, j2 - 1)) for tag, _, _, j1, j2 in matcher.get_opcodes() if tag != "equal"]
        if best is None or sum(b - a + 1 for a, b in ranges) < sum(b - a + 1 for a, b in best):
            best = ranges
    numbers = sorted({n for first, last in best or [] for n in range(first, last + 1)})
    if not numbers:  # differs only in line endings or the last line break
        numbers = [len(lines) - 1 if lines else 0]
    close = front_matter_close(lines)
    front_end = 0 if close is None else close + 1  # the lines up to and including its closing ---
    page, config = site.config.page, site.config
    out = []
    for n in numbers[:MAX_NAMED_LINES]:
        shown = lines[n] if n < len(lines) else ""
        if len(shown) > 60:
            shown = shown[:57] + "..."
        if n < front_end:
            hint = f"to keep it, set the front-matter as front_matter in hugokit.yaml (hugokit import {page} shows how)"
        else:
            hint = (f"make the change in {config.database} instead (hugokit import {page} merges entries it "
                    "lacks), or pass --force to discard it")
        out.append(error(Position(page, n + 1, 1), "hand-edited-page",
                         f"this line differs from what hugokit generated ({quoted(shown)}); building would overwrite it",
                         hint))
    if len(numbers) > MAX_NAMED_LINES:
        out.append(error(Position(page, numbers[MAX_NAMED_LINES] + 1, 1), "hand-edited-page",
                         f"and {len(numbers) - MAX_NAMED_LINES} more changed line(s)",
                         "hugokit build --diff shows every change"))
    return out


def record_if_up_to_date(site: Site, cache: Cache, read: bytes | None = None, digest: str | None = None) -> None:
    """Records the page as hugokit's own when it is what the database makes (check does this, so
    that a later build knows the page even on a machine that never built it). read: the page's
    bytes as the run read them, with their digest if known (None: it is read here). What is
    recorded is the digest of exactly the bytes compared: a page saved since is not hugokit's."""
    from hugokit.render.page import render_page
    from hugokit.writeback import current_text

    if any(d.is_error for d in site.diagnostics):
        return  # entries left out of the parse would be missing from the render
    config = site.config
    try:
        current = current_text(config.path(config.page)) if read is None else read.decode("utf-8")
    except UnicodeDecodeError:
        return
    if current is None:
        return  # no page to recognise
    digest = digest or text_digest(current)  # (of the very bytes read: their UTF-8 is the text)
    if cache.page_recorded(config.root, config.page) == digest:
        return  # known as hugokit's already: nothing is rendered
    if current == render_page(site.database.publications, config.front_matter):
        cache.record_page(config.root, config.page, current, digest)


def record_imported_page(config: SiteConfig, cache: Cache, page_text: str, database_text: str) -> None:
    """After the page was imported into the database: records it as hugokit's own when a
    rebuild keeps every line it has (only their order may change), so that build goes ahead."""
    from hugokit.database import parse_database
    from hugokit.render.page import render_page

    database, problems = parse_database(database_text, config.database)
    if any(d.is_error for d in problems):
        return
    if sorted(render_page(database.publications, config.front_matter).splitlines()) == sorted(page_text.splitlines()):
        cache.record_page(config.root, config.page, page_text)
