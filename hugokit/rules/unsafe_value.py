"""unsafe-value: a value that would break or inject into the generated page.

Values are written inside `{{< publication ... >}}`, so none may contain `{{<`, `{{%`, `>}}` or
`%}}`, a line break or a control character. A value with a backslash and a quote (or ending in a
backslash) is written in backquotes, since Hugo drops a quoted value's backslashes once it
holds an escaped quote: such a value may not also hold a backquote. Authors and topics are
joined with ", ", so an item may not contain ", " nor be empty or padded with spaces, and the
joined topics (one parameter) must be writable too. A name may not be two people's names joined
by " and " or " & " (`Alice Smith and Bob Jones`), nor start with "and " or "& ": the page is read
as people write author lists, so it would read back as two authors. A link
kind becomes a parameter name and must be a plain word. `build` refuses such a value even with
`--force` or the rule ignored.

Fix: edit the value in the database; there is no safe automatic fix.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from hugokit import shortcode
from hugokit.diagnostics import Finding, Severity, quoted
from hugokit.model import Publication
from hugokit.rules import Context

CODE = "unsafe-value"
SEVERITY = Severity.ERROR
_KIND = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def check(context: Context) -> Iterator[Finding]:
    return iter(found_in(context.database.checked(), context.shared))


def found_in(publications: list[Publication], shared: dict[str, Any]) -> list[Finding]:
    """findings(publications), worked out once: kept in shared (a check's, see rules.Context)
    with the very list it is of, so that build reuses the check it ran itself, and only for
    that list (one database text read once: lists and entries are not changed after reading)."""
    known = shared.get(CODE)
    if known is not None and known[0] is publications:
        return list(known[1])
    found = list(findings(publications))
    shared[CODE] = (publications, found)
    return list(found)


def findings(publications: list[Publication]) -> Iterator[Finding]:
    """Also what build refuses to write even when forced or when the rule is ignored: such a
    value would break the page or open a shortcode of the reader's choosing."""
    plain = _PlainValues(publications)
    for pub in publications:
        if not 1000 <= pub.year <= 9999 and pub.readable("year"):
            yield Finding(pub.at("year"), f"year {pub.year} is not a four-digit year",
                          "the page's ### YEAR headings hold four digits")
        if plain.holds(pub):
            continue
        for key in ("title", "venue", "award"):
            yield from _value(pub, key, key, getattr(pub, key))
        for kind, url in pub.links.items():
            if not _KIND.fullmatch(kind):
                yield Finding(pub.at(f"links.{kind}"), f"link kind {quoted(kind)} is not a plain word",
                              "use letters, digits and _ only, e.g. slides or video")
            yield from _value(pub, f"links.{kind}", f"the {kind} link", url)
        for key in ("authors", "editors", "topics"):
            for i, item in enumerate(getattr(pub, key)):
                yield from _value(pub, f"{key}.{i}", f"{key[:-1]} {quoted(item)}", item, list_item=True,
                                  name=key != "topics")
        if len(pub.topics) > 1 and all(item in plain.items for item in pub.topics):  # each item writable
            joined = shortcode.LIST_SEPARATOR.join(pub.topics)  # the page's one data-topic parameter
            yield from _value(pub, "topics", f"the topics, joined as the page writes them ({quoted(joined)}),", joined)


# A character every unwritable value holds (see shortcode.unwritable: a shortcode delimiter has a
# brace, a quoted backslash matters only beside a backquote, and the control characters).
_MAYBE_UNWRITABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f`{}]")


class _PlainValues:
    """What spares most entries a look at each value: whether no title, venue, award or URL of
    any entry holds a character an unwritable value needs (one scan of them all joined), and
    the list items (authors, editors, topics recur) and link kinds that are writable, each
    checked once."""

    def __init__(self, publications: list[Publication]) -> None:
        self.values = not _MAYBE_UNWRITABLE.search(" ".join(
            value for pub in publications for value in (pub.title, pub.venue, pub.award, *pub.links.values())))
        names: set[str] = set()
        topics: set[str] = set()
        kinds: set[str] = set()
        for pub in publications:
            names.update(pub.authors, pub.editors)
            topics.update(pub.topics)
            kinds.update(pub.links)
        items = names | topics
        self.names = {item for item in names if not shortcode.unwritable(item, list_item=True, name=True)}
        self.items = {item for item in topics if not shortcode.unwritable(item, list_item=True)}
        self.kinds = {kind for kind in kinds if _KIND.fullmatch(kind)}

        # items with a backquote may, joined, make a topic list no parameter can hold
        self.every = self.values and len(self.names) == len(names) and len(self.items) == len(topics) \
            and len(self.kinds) == len(kinds) \
            and not any("`" in item for item in items)

    def holds(self, pub: Publication) -> bool:
        """True when every value of pub is writable (False: look at each)."""
        if self.every:
            return True
        return (self.values and self.names.issuperset(pub.authors) and self.items.issuperset(pub.topics)
                and not any("`" in topic for topic in pub.topics)
                and self.names.issuperset(pub.editors) and self.kinds.issuperset(pub.links))


def _value(pub: Publication, key: str, what: str, value: str, list_item: bool = False,
           name: bool = False) -> Iterator[Finding]:
    problem = shortcode.unwritable(value, list_item=list_item, name=name)
    if problem:
        several = problem.startswith("would read back as several")
        yield Finding(pub.at(key), f"{what} {problem}", "write each person as an author of their own" if several
                      else "remove it; the page could not be generated safely")
