"""Helpers shared by several rules (not a rule: the registry skips modules starting with _)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from hugokit.diagnostics import Diagnostic, Position, did_you_mean, error, replacing, warning
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


def unknown(code: str, label: str, value: str, where: Position, vocabulary: Vocabulary) -> Diagnostic:
    file = vocabulary.site_file or f"data/{vocabulary.name}.yaml"
    hint = did_you_mean(value, vocabulary.spellings())
    hint = f"{hint} If it is right, add it to {file}" if hint else f"add it to {file}"
    return error(where, code, f'unknown {label} "{value}"', hint)


def respelled(code: str, pub: Publication, field: str, label: str, value: str, canonical: str,
              where: Position, how: str) -> Diagnostic:
    """A warning that value is an alias or a wrong-case spelling, with a fix to the canonical one."""
    new = canonical
    if field == "venue":
        year = split_venue(pub.venue)[1]
        new = f"{canonical} {year}" if year else canonical
    if how == "alias":
        message = f'{label} "{value}" is another name for "{canonical}"'
    else:
        message = f'{label} "{value}" should be spelled "{canonical}"'
    return warning(where, code, message, f'write "{new}" (hugokit fix does it)', replacing(where, scalar(new)))


def unknown_values(context: "Context", field: str, code: str, vocabulary: Vocabulary) -> Iterator[Diagnostic]:
    """unknown-X: values of field found in no vocabulary."""
    for pub in context.database.publications:
        for label, value, key in vocabulary_terms(pub, field):
            if vocabulary.lookup(value) is None:
                yield unknown(code, label, value, pub.at(key), vocabulary)


def respelled_values(context: "Context", field: str, code: str, vocabulary: Vocabulary) -> Iterator[Diagnostic]:
    """X-spelling: values of field written under an alias or in the wrong case."""
    for pub in context.database.publications:
        for label, value, key in vocabulary_terms(pub, field):
            match = vocabulary.lookup(value)
            if match and not match.canonical:
                yield respelled(code, pub, field, label, value, match.term.name, pub.at(key), match.how)
