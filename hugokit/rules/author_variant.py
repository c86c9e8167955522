"""author-variant: one person written several ways across entries (`Joseph E. Gonzalez`, `Joseph E Gonzalez`, `Joseph Gonzalez`, `Joey Gonzalez`).

Only strong evidence groups two spellings: the same family name (a compound `Regnier-Coudert`
is not `Coudert`), the same first name or a nickname of it (from the maintained table of the
`nicknames` package: Joey/Joseph, Bill/William), and middle names that agree where both have
them (`S. P. Chen` and `S. C. Chen` are two people; a missing middle initial is no
disagreement). A nickname, or a first name given as an initial (which matches only the very
same given names), counts only when the two spellings also share a co-author. Two spellings on
the same paper are never one person. The most frequent spelling is taken as canonical
(spellings that differ only in case, accents or dots counted together, the one with dotted
initials preferred), unless data/people.yaml names the person: there, `name` is the canonical
spelling and `aliases` lists other spellings of it; people listed separately there are never
grouped.

Fix: write the canonical spelling, or record the spellings in data/people.yaml: as `aliases` of
the person (then `hugokit fix` rewrites them), or as separate people (then they are never
grouped).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import chain
from typing import Iterator, Sequence

from hugokit.author_identity import group, partnered
from hugokit.diagnostics import Finding, Severity, quoted, replacing
from hugokit.model import Publication
from hugokit.render.database_yaml import scalar
from hugokit.rules import Context
from hugokit.text import fold, split_marks, tidy_spaces
from hugokit.vocab import Vocabulary

CODE = "author-variant"
SEVERITY = Severity.WARNING
FIXABLE = True
_UNDOTTED = re.compile(r"(?:^|\s)[A-Z](?=\s|$)")  # an initial without its dot


def spelling_groups(publications: Sequence[Publication], people: Vocabulary) -> tuple[dict[str, str], Counter[str]]:
    """Each author spelling that has a variant mapped to its canonical spelling, and how often each
    spelling occurs. Spellings listed as aliases in people.yaml are left out (reported with their fix)."""
    every = set().union(*(pub.authors for pub in publications))
    bare = {author: split_marks(author)[0] for author in every}  # each author as written -> without marks
    authors = [list(map(bare.__getitem__, pub.authors)) for pub in publications]
    counts: Counter[str] = Counter(chain.from_iterable(authors))
    # The papers of the spellings that may be compared (see partnered): most spellings have no
    # partner, and most papers none of those that do.
    maybe = partnered(counts)
    papers: defaultdict[str, set[int]] = defaultdict(set)
    for index, names in enumerate(authors):
        if not maybe.isdisjoint(names):
            for name in names:
                if name in maybe:
                    papers[name].add(index)
    declared = {t.name for t in people.terms}
    undeclared = {s: n for s, n in counts.items() if not ((m := people.lookup(s)) and not m.canonical)}
    canonical: dict[str, str] = {}
    for members in group(undeclared, papers, authors, declared):
        if len(members) == 1:  # no variant
            continue
        named = [m for m in members if m in declared]
        best = named[0] if named else _canonical(members, counts)
        for member in members:
            canonical[member] = best
    return canonical, counts


def check(context: Context) -> Iterator[Finding]:
    people = context.vocab.people
    publications = [pub for pub in context.database.checked() if pub.readable("authors")]
    canonical, counts = spelling_groups(publications, people)
    fine = {author for author in set().union(*(pub.authors for pub in publications))
            if _as_written(split_marks(author)[0], people, canonical)}
    for pub in publications:
        if fine.issuperset(pub.authors):
            continue
        for i, author in enumerate(pub.authors):
            name, marks = split_marks(author)
            match = people.lookup(name)
            where = pub.at(f"authors.{i}")
            if match and not match.canonical:
                new = match.term.name + marks
                yield Finding(where, f"{quoted(name)} is {quoted(match.term.name)} (an alias in data/people.yaml)",
                              f"write {quoted(new)} (hugokit fix does it)", replacing(where, scalar(new)))
            elif canonical.get(name, name) != name:
                best = canonical[name]
                yield Finding(where, f"{quoted(name)} looks like {quoted(best)} (written so in {_places(counts[best])})",
                              f'write {quoted(best + marks)}, or record in data/people.yaml whether they are one person')


def _as_written(name: str, people: Vocabulary, canonical: dict[str, str]) -> bool:
    """Whether check reports nothing about an author written name (without marks)."""
    match = people.lookup(name)
    return not (match and not match.canonical) and canonical.get(name, name) == name


def _canonical(members: list[str], counts: Counter[str]) -> str:
    """The spelling most written, counting together those that differ only in case, accents or
    dots; among those, the one with its initials dotted (`Joseph E. Gonzalez`). Never one with
    stray spaces or an invisible character while a tidy one is there (stray-whitespace fixes it)."""
    by_form: Counter[str] = Counter()
    for member in members:
        by_form[fold(member)] += counts[member]
    return max(members, key=lambda m: (tidy_spaces(m) == m, by_form[fold(m)], not _UNDOTTED.search(m), counts[m],
                                       len(m), m))


def _places(count: int) -> str:
    return "1 other place" if count == 1 else f"{count} other places"
