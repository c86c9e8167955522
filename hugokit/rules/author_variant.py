"""author-variant: one person written several ways across entries (`Joseph E. Gonzalez`,
`Joseph E Gonzalez`, `Joseph Gonzalez`, `Joey Gonzalez`).

Spellings are grouped when they agree after ignoring case, accents and dots, or on first and
last name (a missing middle initial), or on a common nickname (Joey/Joseph). The most frequent
spelling is taken as canonical, unless data/people.yaml names the person: there, `name` is the
canonical spelling and `aliases` lists the other ones. People listed separately in people.yaml
are never grouped together.

Fix: write the canonical spelling; for spellings listed as aliases in data/people.yaml,
`hugokit fix` does it.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Iterator, Sequence

from hugokit.diagnostics import Finding, Severity, replacing
from hugokit.render.database_yaml import scalar
from hugokit.rules import Context
from hugokit.text import fold, split_marks

if TYPE_CHECKING:
    from hugokit.model import Publication
    from hugokit.vocab import Vocabulary

CODE = "author-variant"
SEVERITY = Severity.WARNING
FIXABLE = True
NICKNAMES = {
    "joey": "joseph", "joe": "joseph", "bill": "william", "will": "william", "bob": "robert",
    "rob": "robert", "mike": "michael", "jim": "james", "tom": "thomas", "dave": "david",
    "dan": "daniel", "chris": "christopher", "alex": "alexander", "ben": "benjamin",
    "sam": "samuel", "steve": "steven", "tony": "anthony", "andy": "andrew", "nick": "nicholas",
    "matt": "matthew", "greg": "gregory", "jeff": "jeffrey", "ed": "edward", "liz": "elizabeth",
    "kate": "katherine", "jen": "jennifer", "pete": "peter", "rick": "richard", "dick": "richard",
}


def keys(name: str) -> list[str]:
    tokens = fold(name).split()
    if not tokens:
        return []
    found = ["=" + " ".join(tokens)]
    if len(tokens) >= 2:
        first = NICKNAMES.get(tokens[0], tokens[0])
        found.append(f"{first} {tokens[-1]}")
    return found


def spelling_groups(publications: Sequence[Publication], people: Vocabulary) -> tuple[dict[str, str], Counter[str]]:
    """Each author spelling's canonical spelling (itself when it has no variant), and how often
    each spelling occurs. Spellings listed as aliases in people.yaml are left out."""
    counts: Counter[str] = Counter()
    for pub in publications:
        counts.update(split_marks(a)[0] for a in pub.authors)

    # Union-find over spellings that share a key; linear in the number of spellings.
    parent: dict[str, str] = {s: s for s in counts}

    def root(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    declared = {t.name for t in people.terms}
    by_key: dict[str, str] = {}
    for spelling in counts:
        match = people.lookup(spelling)
        if match and not match.canonical:
            continue  # a declared alias: reported with its fix
        for key in keys(spelling):
            other = by_key.setdefault(key, spelling)
            a, b = root(other), root(spelling)
            if a != b and not (a in declared and b in declared):
                parent[b] = a
    groups: dict[str, list[str]] = {}
    for spelling in counts:
        groups.setdefault(root(spelling), []).append(spelling)
    canonical: dict[str, str] = {}
    for members in groups.values():
        named = [m for m in members if m in declared]
        best = named[0] if len(named) == 1 else max(members, key=lambda m: (counts[m], len(m), m))
        for member in members:
            canonical[member] = best
    return canonical, counts


def check(context: Context) -> Iterator[Finding]:
    people = context.vocab.people
    canonical, counts = spelling_groups(context.database.publications, people)
    for pub in context.database.publications:
        for i, author in enumerate(pub.authors):
            name, marks = split_marks(author)
            match = people.lookup(name)
            where = pub.at(f"authors.{i}")
            if match and not match.canonical:
                new = match.term.name + marks
                yield Finding(where, f'"{name}" is written "{match.term.name}" (data/people.yaml)',
                              f'write "{new}" (hugokit fix does it)', replacing(where, scalar(new)))
            elif canonical.get(name, name) != name:
                best = canonical[name]
                yield Finding(where, f'"{name}" is written "{best}" in {counts[best]} other place(s)',
                              f'write "{best}{marks}", or record both spellings in data/people.yaml')
