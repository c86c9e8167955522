"""Helpers shared by several rules (not a rule: the registry skips modules starting with _)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from hugokit.diagnostics import Finding, Position, did_you_mean, replacing
from hugokit.model import Publication
from hugokit.render.database_yaml import scalar
from hugokit.text import split_venue
from hugokit.vocab import Vocabulary

if TYPE_CHECKING:
    from hugokit.rules import Context


def vocabulary_terms(pub: Publication, field: str) -> Iterator[tuple[str, str, str]]:
    """(label, value, key of its position) for each vocabulary-controlled value of a field."""
    if field == "venue":
        if pub.venue.strip():
            yield "venue", split_venue(pub.venue)[0], "venue"
    elif field == "award":
        if pub.award.strip():
            yield "award", pub.award.strip(), "award"
    else:
        for i, topic in enumerate(pub.topics):
            yield "topic", topic, f"topics.{i}"


def unknown(label: str, value: str, where: Position, vocabulary: Vocabulary) -> Finding:
    file = vocabulary.site_file or f"data/{vocabulary.name}.yaml"
    hint = did_you_mean(value, vocabulary.spellings())
    hint = f"{hint} If it is right, add it to {file}" if hint else f"add it to {file}"
    return Finding(where, f'unknown {label} "{value}"', hint)


def respelled(pub: Publication, field: str, label: str, value: str, canonical: str,
              where: Position, how: str) -> Finding:
    """A finding that value is an alias or a wrong-case spelling, with a fix to the canonical one."""
    new = canonical
    if field == "venue":
        year = split_venue(pub.venue)[1]
        new = f"{canonical} {year}" if year else canonical
    if how == "alias":
        message = f'{label} "{value}" is another name for "{canonical}"'
    else:
        message = f'{label} "{value}" should be spelled "{canonical}"'
    return Finding(where, message, f'write "{new}" (hugokit fix does it)', replacing(where, scalar(new)))


def unknown_values(context: Context, field: str, vocabulary: Vocabulary) -> Iterator[Finding]:
    """unknown-X: values of field found in no vocabulary."""
    for pub in context.database.publications:
        for label, value, key in vocabulary_terms(pub, field):
            if vocabulary.lookup(value) is None:
                yield unknown(label, value, pub.at(key), vocabulary)


def respelled_values(context: Context, field: str, vocabulary: Vocabulary) -> Iterator[Finding]:
    """X-spelling: values of field written under an alias or in the wrong case."""
    for pub in context.database.publications:
        for label, value, key in vocabulary_terms(pub, field):
            match = vocabulary.lookup(value)
            if match and not match.canonical:
                yield respelled(pub, field, label, value, match.term.name, pub.at(key), match.how)
