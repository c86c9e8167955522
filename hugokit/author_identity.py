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

from bisect import bisect_left
from functools import lru_cache
from typing import AbstractSet, Collection, Iterable, Mapping, NamedTuple

from hugokit.text import MARKS, fold, name_parts


class Name(NamedTuple):
    given: tuple[str, ...]  # folded given names, dots dropped: ("joseph", "e")
    family: str  # folded family name with its particles: "gonzalez", "van der berg", "regnier coudert"


@lru_cache(maxsize=65536)  # group() and partnered() parse the same spellings
def parse(spelling: str) -> Name:
    given, particle, family, _ = name_parts("".join(c for c in spelling if c not in MARKS))
    return Name(tuple(fold(given).split()), fold(f"{particle} {family}"))


@lru_cache(maxsize=1)
def _nickname_lines() -> list[str]:
    """The lines of the `nicknames` package's names.csv (`name,has_nickname,nickname`),
    lower-cased and sorted, or [] without the package. The file is read directly: the package's
    own import costs a pre-commit hook 15 ms, and it is found on sys.path as an installed package
    is (PathFinder needs none of the modules importlib.util loads)."""
    from importlib.machinery import PathFinder

    spec = PathFinder.find_spec("nicknames")
    if spec is None or not spec.submodule_search_locations:
        return []
    with open(f"{list(spec.submodule_search_locations)[0]}/names.csv", encoding="utf-8") as handle:
        lines = handle.read().lower().splitlines()
    lines.sort()  # (it is sorted by name already; nicknames_among relies on it)
    return lines


def nicknames_among(firsts: Collection[str]) -> dict[str, set[str]]:
    """Each of these first names -> those of them it is a nickname of or has as nicknames. Only
    the names asked about are looked up, each by bisection in the sorted lines (a whole table
    of sets would cost a hook about 2 ms more), and none when no two of them could be related."""
    related: dict[str, set[str]] = {}
    wanted = {first for first in firsts if len(first) > 1}
    if len(wanted) < 2:
        return related
    lines = _nickname_lines()
    for name in wanted:
        prefix = name + ","
        at = bisect_left(lines, prefix)
        while at < len(lines) and lines[at].startswith(prefix):
            relation, _, rest = lines[at][len(prefix):].partition(",")
            nickname = rest.partition(",")[0].strip()
            if relation == "has_nickname" and nickname in wanted and nickname != name:
                related.setdefault(name, set()).add(nickname)
                related.setdefault(nickname, set()).add(name)
            at += 1
    return related


def _same_given(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


NO, YES, IF_COAUTHOR = 0, 1, 2


def agree(a: Name, b: Name, nicknames: Mapping[str, AbstractSet[str]] | None = None) -> int:
    """YES when the two names are one person's by their spelling alone, IF_COAUTHOR when they are
    only if the two also share a co-author, NO otherwise (see the module's docstring). nicknames:
    nicknames_among names that include these two first names (read for them when not given)."""
    if a.family != b.family or not a.given or not b.given:
        return YES if a == b else NO
    if len(a.given[0]) == 1 or len(b.given[0]) == 1:
        return IF_COAUTHOR if a.given == b.given else NO
    if a.given[0] != b.given[0]:
        related = nicknames_among((a.given[0], b.given[0])) if nicknames is None else nicknames
        if b.given[0] not in related.get(a.given[0], ()):
            return NO
    middle_a, middle_b = a.given[1:], b.given[1:]
    if middle_a and middle_b and not (len(middle_a) == len(middle_b) and all(map(_same_given, middle_a, middle_b))):
        return NO
    return YES if a.given[0] == b.given[0] else IF_COAUTHOR


def partnered(spellings: Iterable[str]) -> set[str]:
    """The spellings group() may compare with another: those with another spelling of the same
    family name whose first given name is theirs or a nickname form of it. Only these spellings'
    papers matter to it (a spelling with no such partner starts its own group, which no other
    spelling can join), so a caller need find the papers of these alone."""
    names = {spelling: parse(spelling) for spelling in spellings}
    firsts: dict[str, set[str]] = {}
    for name in names.values():
        if name.given:
            firsts.setdefault(name.family, set()).add(name.given[0])
    nicknames = nicknames_among({first for same in firsts.values() if len(same) > 1 for first in same})
    holding: dict[tuple[str, str], int] = {}  # (family, first given) -> how many spellings have them
    for name in names.values():
        key = (name.family, name.given[0] if name.given else "")
        holding[key] = holding.get(key, 0) + 1
    found = set()
    for spelling, name in names.items():
        first = name.given[0] if name.given else ""
        if sum(holding.get((name.family, form), 0) for form in {first, *nicknames.get(first, ())}) > 1:
            found.add(spelling)
    return found


def group(spellings: dict[str, int], papers: dict[str, set[int]], authors: list[list[str]],
          distinct: Iterable[str] = ()) -> list[list[str]]:
    """Spellings (with their counts, and the papers each appears on) grouped by person; authors
    holds each paper's spellings, for the co-authors.

    papers must hold the papers of every spelling in partnered(spellings) (the others' are not
    looked at). Spellings are taken most frequent first; each joins the first group whose members all agree
    with it (sharing a co-author where the names need it) and share no paper with it, else
    starts its own. Only spellings that could agree are
    compared: those with the same family name and the same first name or one of its nickname
    forms. The spellings in distinct (people data/people.yaml lists) never share a group.
    """
    distinct = set(distinct)
    order = sorted(spellings, key=lambda s: (-spellings[s], -len(s), s))
    names = {s: parse(s) for s in order}
    firsts: dict[str, set[str]] = {}  # family name -> the first names written with it
    for name in names.values():
        if name.given:
            firsts.setdefault(name.family, set()).add(name.given[0])
    nicknames = nicknames_among({first for same in firsts.values() if len(same) > 1 for first in same})
    groups: list[list[str]] = []
    group_papers: list[set[int]] = []
    by_key: dict[tuple[str, str], list[int]] = {}  # (family, first given) -> groups holding it

    def coauthors(spelling: str) -> set[str]:
        return {other for paper in papers.get(spelling, ()) for other in authors[paper]} - {spelling}

    def fits(spelling: str, name: Name, members: list[str]) -> bool:
        verdicts = [agree(name, names[m], nicknames) for m in members]
        if NO in verdicts:
            return False
        needing = [m for m, v in zip(members, verdicts) if v == IF_COAUTHOR]
        return not needing or all(coauthors(spelling) & coauthors(m) for m in needing)

    for spelling in order:
        name = names[spelling]
        first = name.given[0] if name.given else ""
        forms = (first, *nicknames.get(first, ()))
        candidates = sorted({g for form in forms for g in by_key.get((name.family, form), ())})
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
