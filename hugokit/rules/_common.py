"""Helpers shared by several rules (not a rule: the registry skips modules starting with _)."""

from typing import TYPE_CHECKING, Callable, Iterator, NamedTuple

from hugokit.diagnostics import Finding, Fix, Position, did_you_mean, quoted, replacing
from hugokit.layout import vocabulary_file
from hugokit.model import Publication
from hugokit.render.database_yaml import scalar
from hugokit.text import fold
from hugokit.venue_string import Span, VenuePart, parse, replaced
from hugokit.vocab import Match, Vocabulary

if TYPE_CHECKING:
    from hugokit.rules import Context

class Term(NamedTuple):
    """A vocabulary-controlled value: a venue part's name, an award, a topic. Its position and
    fix are worked out only for a value that is reported."""

    label: str
    value: str
    pub: Publication
    key: str  # the field holding it: "venue", "award", "topics.2"
    part: VenuePart | None = None  # for a piece of the venue: its part and span
    span: Span | None = None

    @property
    def where(self) -> Position:
        """The value itself, spanning only it where the file's text allows."""
        if self.span is None:
            return self.pub.at(self.key)
        return value_span(self.pub.at("venue"), self.pub.venue, self.span)

    def rewrite(self, new: str) -> tuple[str, Fix | None]:
        """What to write instead (for a venue piece, its part rewritten), and the fix that does it:
        a venue piece is replaced in place when its extent is known, else the whole venue."""
        if self.span is None or self.part is None:
            return new, replacing(self.pub.at(self.key), scalar(new))
        span, venue_at = self.span, self.pub.at("venue")
        whole = replaced(self.pub.venue, span, new)
        shown = whole[self.part.whole.start: self.part.whole.end + len(new) - len(span.text)].strip()
        piece = value_span(venue_at, self.pub.venue, span)
        quoted = piece.offset >= 0 and piece.col != venue_at.col + span.start
        if piece.offset >= 0 and not (quoted and any(c in new for c in "\\\"'")) and scalar(new) == new:
            return shown, replacing(piece, new)
        return shown, replacing(venue_at, scalar(whole))


def value_span(where: Position, value: str, span: Span) -> Position:
    """The position of value[span] in the file, given where the whole value stands.

    Exact (with its offsets, so a fix can replace the piece alone) when the file holds the value
    verbatim, plain or in quotes: then its raw text is as long as the value (plus the quotes),
    since every escape and every folded line break makes the raw text longer. Otherwise the
    value's own position, without offsets.
    """
    raw = where.end - where.offset
    if where.offset >= 0 and "\n" not in value and raw in (len(value), len(value) + 2):
        shift = (raw - len(value)) // 2
        start = where.offset + shift + span.start
        return Position(where.path, where.line, where.col + shift + span.start, start, start + len(span.text))
    return Position(where.path, where.line, where.col)


def venue_parts(pub: Publication) -> tuple[VenuePart, ...]:
    return parse(pub.venue) if pub.venue and pub.readable("venue") else ()


def vocabulary_terms(pub: Publication, field: str) -> Iterator[Term]:
    """Each vocabulary-controlled value of a field: for the venue each part's name (and workshop),
    for the award the award and any award written into the venue, for topics each topic."""
    if field == "venue":
        for part in venue_parts(pub):
            for span in (part.workshop, part.name):
                if span is not None and span.text:
                    yield Term("venue", span.text, pub, "venue", part, span)
    elif field == "award":
        if pub.award.strip():
            yield Term("award", pub.award.strip(), pub, "award")
        for part in venue_parts(pub):
            for mark in part.awards:
                yield Term("award", mark.value.text, pub, "venue", part, mark.value)
    else:
        for i, topic in enumerate(pub.topics):
            yield Term("topic", topic, pub, f"topics.{i}")


def unknown(label: str, value: str, where: Position, vocabulary: Vocabulary) -> Finding:
    file = vocabulary.site_file or vocabulary_file(vocabulary.name)
    hint = did_you_mean(value, vocabulary.spellings())
    hint = f"{hint} If it is right, add it to {file}" if hint else f"add it to {file}"
    return Finding(where, f"unknown {label} {quoted(value)}", hint)


def respelled(term: Term, canonical: str, how: str) -> Finding:
    """A finding that a value is an alias or a wrong-case spelling, with a fix to the canonical one."""
    if how == "alias":
        message = f"{term.label} {quoted(term.value)} is another name for {quoted(canonical)}"
    else:
        message = f"{term.label} {quoted(term.value)} should be spelled {quoted(canonical)}"
    whole, fix = term.rewrite(canonical)
    return Finding(term.where, message, f"write {quoted(whole)} (hugokit fix does it)", fix)


def unknown_values(context: "Context", field: str, vocabulary: Vocabulary) -> Iterator[Finding]:
    """unknown-X: values of field found in no vocabulary."""
    for pub in _worth_a_look(context, field, vocabulary, lambda match: match is not None):
        for term in vocabulary_terms(pub, field):
            if vocabulary.lookup(term.value) is None:
                yield unknown(term.label, term.value, term.where, vocabulary)


def respelled_values(context: "Context", field: str, vocabulary: Vocabulary) -> Iterator[Finding]:
    """X-spelling: values of field written under an alias or in the wrong case."""
    for pub in _worth_a_look(context, field, vocabulary, lambda match: match is None or match.canonical):
        for term in vocabulary_terms(pub, field):
            match = vocabulary.lookup(term.value)
            if match and not match.canonical:
                yield respelled(term, match.term.name, match.how)


def _worth_a_look(context: "Context", field: str, vocabulary: Vocabulary,
                  fine: Callable[[Match | None], bool]) -> Iterator[Publication]:
    """The entries with a value of field that is not fine. A list names the same venues, awards
    and topics again and again: each distinct value (a topic, or the venue and award strings the
    values come from) is looked up once, and an entry whose values are all fine is skipped."""
    def all_fine(alone: Publication) -> bool:
        return all(fine(vocabulary.lookup(term.value)) for term in vocabulary_terms(alone, field))

    quiet: dict[object, bool] = {}
    for pub in context.database.checked():
        if field == "topics":
            for topic in pub.topics:
                verdict = quiet.get(topic)
                if verdict is None:
                    verdict = quiet[topic] = all_fine(Publication("", 0, topics=[topic]))
                if not verdict:
                    yield pub
                    break
            continue
        broken = pub.broken & {"venue"}  # (an unreadable venue has no values)
        key = (pub.venue, pub.award, bool(broken))
        verdict = quiet.get(key)
        if verdict is None:
            verdict = quiet[key] = all_fine(Publication("", 0, venue=pub.venue, award=pub.award, broken=broken))
        if not verdict:
            yield pub


def titles_and_venues(context: "Context") -> list[tuple[Publication, str, str]]:
    """Each entry with a readable title, its title and its venue folded (case, accents and
    punctuation ignored): what duplicate-title and repeated-title compare (worked out once per
    check for both)."""
    found: list[tuple[Publication, str, str]] | None = context.shared.get("titles_and_venues")
    if found is not None:
        return found
    venues: dict[str, str] = {}  # the same venues recur
    found = context.shared["titles_and_venues"] = []
    for pub in context.database.checked():
        title = folded_title(pub.title) if pub.readable("title") else ""
        if title:
            venue = venues.get(pub.venue) if pub.readable("venue") else ""
            if venue is None:
                venue = venues[pub.venue] = fold(pub.venue)
            found.append((pub, title, venue))
    return found


def folded_title(title: str) -> str:
    """fold(title), at once for the many titles that are already ASCII words and digits
    between single spaces, once lower-cased (fold would give them back as they are)."""
    lowered = title.lower()
    if title.isascii() and lowered.replace(" ", "").isalnum() and "  " not in lowered \
            and lowered[:1] != " " and lowered[-1:] != " ":
        return lowered
    return fold(title)
