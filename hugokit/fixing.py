"""The safe fixes applied until none is left: a fixed point, reached in memory and written once.

One fix can make another: `topic-spelling` turns `[GEDI, gedi]` into a repeated item that
`repeated-item` then deletes, and `stray-whitespace` and `venue-spelling` both rewrite a venue
`"NIPS  2020"` (overlapping fixes, of which one pass applies one). So the fixes of a check are
applied, the edited text checked again, and so on, up to MAX_PASSES passes. Each pass's text is
verified to read back as the database its fixes meant (hugokit.verify), so the last one is, step
by step, what all of them meant; nothing is written here.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from hugokit.diagnostics import Diagnostic

if TYPE_CHECKING:
    from hugokit.cache import Cache

MAX_PASSES = 5  # a chain of fixes that each make the next is two or three long; more is a loop


class Fixed(NamedTuple):
    """What fixing a site comes to."""

    path: str  # the database, relative to the site (every safe fix edits it: the rules with fixes check it)
    file: Path  # where it is
    old: str  # its text as read
    new: str  # its text with every pass's fixes
    fixed: int  # the problems fixed, over all passes
    remaining: list[Diagnostic]  # the check of the new text
    passes: int  # the passes that changed the text

    @property
    def changed(self) -> bool:
        return self.new != self.old

    @property
    def still_fixable(self) -> list[Diagnostic]:
        """What a safe fix would still change: non-empty only when MAX_PASSES was not enough."""
        return [d for d in self.remaining if d.fix is not None and d.fix.path == self.path]


def fix_site(root: Path, cache: Cache, select: str = "", ignore: str = "") -> Fixed:
    """The site's database with the safe fixes of the selected rules applied until a check finds
    none (or for MAX_PASSES passes). A fix that would not read back as meant raises InputError
    (internal-error), whichever pass it is in: then nothing is to be written at all."""
    from hugokit.site import check, load_site, selected_rules
    from hugokit.verify import disjoint, fix_database

    site = load_site(root, cache)
    rules = selected_rules(site, select, ignore)
    path = site.config.database
    old = text = site.database.text
    fixed = passes = 0
    diagnostics = check(site, rules)
    while passes < MAX_PASSES:
        fixable = [d for d in diagnostics if d.fix is not None and d.fix.path == path]
        if not fixable:
            break
        new = fix_database(text, path, [d.fix for d in fixable if d.fix is not None])
        if new == text:  # fixes that change nothing would be offered again and again
            break
        chosen = set(disjoint(d.fix for d in fixable if d.fix is not None))
        fixed += sum(d.fix in chosen for d in fixable)
        passes += 1
        text = new
        site = site.edited(text)
        diagnostics = check(site, rules)
    return Fixed(path, site.config.path(path), old, text, fixed, diagnostics, passes)
