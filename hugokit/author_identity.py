"""When two spellings of an author's name are one person: only on strong evidence.

Two spellings are the same person when their family names agree (ignoring case, accents and
punctuation, but a compound `Regnier-Coudert` is not `Coudert`), their first given names agree
or one is a nickname of the other (the maintained table of the `nicknames` package: Joey and
Joseph, Bill and William), and their middle names agree where both have them (`E.` and `Edward`
agree, `E.` and `K.` do not; a missing middle initial is no disagreement). A nickname proves
less (d2l.bib's Kathy Lee and Katherine Lee are two people), and a first name written as an
initial proves little (`J. Gonzalez` is many people): such spellings are one person only if
they also share a co-author, and an initial matches only the very same given names. Two
spellings that appear on the same paper are two people, whatever their names; and a group may
only hold spellings that all agree with each other.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, NamedTuple

from hugokit.text import MARKS, fold, name_parts


class Name(NamedTuple):
    given: tuple[str, ...]  # folded given names, dots dropped: ("joseph", "e")
    family: str  # folded family name with its particles: "gonzalez", "van der berg", "regnier coudert"


def parse(spelling: str) -> Name:
    given, particle, family, _ = name_parts("".join(c for c in spelling if c not in MARKS))
    return Name(tuple(fold(given).split()), fold(f"{particle} {family}"))


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    """Each name -> the names it is a nickname of or has as nicknames, from the `nicknames`
    package's names.csv (`name,has_nickname,nickname` lines). The file is read directly: the
    package's own import costs a pre-commit hook 15 ms, the file 2."""
    from importlib.util import find_spec

    spec = find_spec("nicknames")
    related: dict[str, set[str]] = {}
    if spec is not None and spec.submodule_search_locations:
        with open(f"{list(spec.submodule_search_locations)[0]}/names.csv", encoding="utf-8") as handle:
            for line in handle:
                name, relation, nickname = (line.strip().lower().split(",") + ["", ""])[:3]
                if relation == "has_nickname" and name and nickname:
                    related.setdefault(name, set()).add(nickname)
                    related.setdefault(nickname, set()).add(name)
    return {name: frozenset(others) for name, others in related.items()}


def nickname_forms(first: str) -> frozenset[str]:
    """first, and the names it is a nickname of or has as nicknames."""
    return _table().get(first, frozenset()) | {first} if len(first) > 1 else frozenset((first,))


def _same_given(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


NO, YES, IF_COAUTHOR = 0, 1, 2


def agree(a: Name, b: Name) -> int:
    """YES when the two names are one person's by their spelling alone, IF_COAUTHOR when they are
    only if the two also share a co-author, NO otherwise (see the module's docstring)."""
    if a.family != b.family or not a.given or not b.given:
        return YES if a == b else NO
    if len(a.given[0]) == 1 or len(b.given[0]) == 1:
        return IF_COAUTHOR if a.given == b.given else NO
    if a.given[0] != b.given[0] and b.given[0] not in nickname_forms(a.given[0]):
        return NO
    middle_a, middle_b = a.given[1:], b.given[1:]
    if middle_a and middle_b and not (len(middle_a) == len(middle_b) and all(map(_same_given, middle_a, middle_b))):
        return NO
    return YES if a.given[0] == b.given[0] else IF_COAUTHOR


def group(spellings: dict[str, int], papers: dict[str, set[int]], authors: list[list[str]],
          distinct: Iterable[str] = ()) -> list[list[str]]:
    """Spellings (with their counts, and the papers each appears on) grouped by person; authors
    holds each paper's spellings, for the co-authors.

    Spellings are taken most frequent first; each joins the first group whose members all agree
    with it (sharing a co-author where the names need it) and share no paper with it, else
    starts its own. Only spellings that could agree are
    compared: those with the same family name and the same first name or one of its nickname
    forms. The spellings in distinct (people data/people.yaml lists) never share a group.
    """
    distinct = set(distinct)
    order = sorted(spellings, key=lambda s: (-spellings[s], -len(s), s))
    names = {s: parse(s) for s in order}
    groups: list[list[str]] = []
    group_papers: list[set[int]] = []
    by_key: dict[tuple[str, str], list[int]] = {}  # (family, first given) -> groups holding it

    def coauthors(spelling: str) -> set[str]:
        return {other for paper in papers.get(spelling, ()) for other in authors[paper]} - {spelling}

    def fits(spelling: str, name: Name, members: list[str]) -> bool:
        verdicts = [agree(name, names[m]) for m in members]
        if NO in verdicts:
            return False
        needing = [m for m, v in zip(members, verdicts) if v == IF_COAUTHOR]
        return not needing or all(coauthors(spelling) & coauthors(m) for m in needing)

    for spelling in order:
        name = names[spelling]
        first = name.given[0] if name.given else ""
        candidates = sorted({g for form in nickname_forms(first) for g in by_key.get((name.family, form), ())})
        home = next((g for g in candidates
                     if not group_papers[g] & papers.get(spelling, set())
                     and fits(spelling, name, groups[g])
                     and not (spelling in distinct and distinct.intersection(groups[g]))), None)
        if home is None:
            home = len(groups)
            groups.append([])
            group_papers.append(set())
        groups[home].append(spelling)
        group_papers[home] |= papers.get(spelling, set())
        keys = by_key.setdefault((name.family, first), [])
        if home not in keys:
            keys.append(home)
    return groups
