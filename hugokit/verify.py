"""Edits of the database checked before they are written: the edited text must read back as the
database the edit meant, or nothing is written. A text edit that misses (an offset one off, two
insertions in the wrong order) would otherwise corrupt the one file only the user has."""
from __future__ import annotations

from typing import Iterable

from hugokit.diagnostics import Fix, InputError, Position, error
from hugokit.model import Publication


def copy(pub: Publication) -> Publication:
    """The entry's fields, lists and mappings copied (positions are not kept)."""
    values = {name: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v)
              for name, v in pub.fields().items()}
    return Publication(**values)  # type: ignore[arg-type]


def expect_database(text: str, path: str, expected: list[Publication], *, ordered: bool = True,
                    errors_before: int = 0) -> None:
    """Raises InputError (internal-error) unless text parses to expected, with no more errors
    than errors_before (entries with errors are not in a parse, nor in expected)."""
    from hugokit.database import parse_database

    try:
        parsed, problems = parse_database(text, path)
    except InputError:
        parsed, problems = None, []
    found = [] if parsed is None else parsed.publications
    if ordered:
        same = found == expected
    else:
        same = sorted(map(repr, found)) == sorted(map(repr, expected))
    if parsed is None or sum(d.is_error for d in problems) > errors_before or not same:
        raise _internal_error(path)


def _internal_error(path: str) -> InputError:
    return InputError([error(Position(path), "internal-error",
                             f"hugokit's edit of {path} would not read back as intended; nothing was written",
                             "this is a bug in hugokit: please report it with the file attached")])


def fix_database(text: str, path: str, fixes: list[Fix]) -> str:
    """text with the fixes applied, each where it replaces exactly one value of the entries
    (others, e.g. made on an older version of the file, wait for a rerun), checked by re-reading."""
    from hugokit.database import parse_database

    import yaml

    database, problems = parse_database(text, path)
    where: dict[tuple[int, int], tuple[int, str]] = {}
    for number, pub in enumerate(database.publications):
        for key, mark in pub.where.items():
            if key:
                at = pub.at(key)
                where[(at.offset, at.end)] = (number, key)
    expected = [copy(pub) for pub in database.publications]
    chosen = _disjoint(fix for fix in fixes if (fix.start, fix.end) in where)
    try:
        for fix in chosen:
            number, key = where[(fix.start, fix.end)]
            _set(expected[number], key, yaml.safe_load(fix.replacement))
    except yaml.YAMLError:
        raise _internal_error(path) from None
    text = _splice(text, chosen)
    expect_database(text, path, expected, errors_before=sum(d.is_error for d in problems))
    return text


def _set(pub: Publication, key: str, value: object) -> None:
    name, _, rest = key.partition(".")
    if not rest:
        setattr(pub, name, value)
    elif name == "links":
        pub.links[rest] = value  # type: ignore[assignment]
    else:
        getattr(pub, name)[int(rest)] = value


def fix_text(text: str, path: str, fixes: list[Fix]) -> str:
    """text with the fixes applied."""
    return _splice(text, _disjoint(fixes))


def _disjoint(fixes: Iterable[Fix]) -> list[Fix]:
    """The fixes that do not overlap, in file order: of two that do, the later one (a rerun
    applies the other)."""
    chosen: list[Fix] = []
    edge = None
    for fix in sorted(set(fixes), key=lambda f: f.start, reverse=True):
        if edge is None or fix.end <= edge:
            chosen.append(fix)
            edge = fix.start
    return chosen[::-1]


def _splice(text: str, fixes: list[Fix]) -> str:
    """One pass over text (linear in its size, however many fixes)."""
    pieces, done = [], 0
    for fix in fixes:
        pieces += [text[done:fix.start], fix.replacement]
        done = fix.end
    pieces.append(text[done:])
    return "".join(pieces)
