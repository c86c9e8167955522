"""Edits of the database checked before they are written: the edited text must read back as the
database the edit meant, or nothing is written. A text edit that misses (an offset one off, two
insertions in the wrong order) would otherwise corrupt the one file only the user has."""
from __future__ import annotations

from typing import Iterable

from hugokit.diagnostics import Fix, InputError, Position, error
from hugokit.model import FIELDS, Publication


def copy(pub: Publication) -> Publication:
    """The entry's fields, lists and mappings copied (positions are not kept)."""
    values = {name: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v)
              for name, v in pub.fields().items()}
    return Publication(**values)  # type: ignore[arg-type]


def expect_database(text: str, path: str, expected: list[Publication]) -> None:
    """Raises InputError (internal-error) unless text parses, without errors, to the expected
    entries (in any order: a merge puts new entries among those of their year)."""
    from hugokit.database import parse_database

    try:
        parsed, problems = parse_database(text, path)
    except InputError:
        raise _internal_error(path) from None
    if any(d.is_error for d in problems) or \
            sorted(map(repr, parsed.publications)) != sorted(map(repr, expected)):
        raise _internal_error(path)


def _internal_error(path: str) -> InputError:
    return InputError([error(Position(path), "internal-error",
                             f"hugokit's edit of {path} would not read back as intended; nothing was written",
                             "this is a bug in hugokit: please report it with the file attached")])


def fix_database(text: str, path: str, fixes: list[Fix]) -> str:
    """text with the fixes applied, checked by re-reading it: the entries must be the same ones,
    with no new structural error, and a fix may change only the values it touches. Where a fix
    replaces a whole value, or part of one written as it reads (a plain scalar), the new value
    must be exactly what the replacement says."""
    from hugokit.database import parse_database

    database, problems = parse_database(text, path)
    chosen = disjoint(fixes)
    fixed = _splice(text, chosen)
    try:
        result, after = parse_database(fixed, path)
    except InputError:
        raise _internal_error(path) from None
    old, new = database.checked(), result.checked()
    if sum(d.is_error for d in after) > sum(d.is_error for d in problems) or len(old) != len(new):
        raise _internal_error(path)
    for before, now in zip(old, new):
        for spec in FIELDS:
            if getattr(before, spec.name) != getattr(now, spec.name) and \
                    not _meant(text, before, spec.name, getattr(now, spec.name), chosen):
                raise _internal_error(path)
    return fixed


def _meant(text: str, pub: Publication, name: str, value: object, fixes: list[Fix]) -> bool:
    """Whether a field's new value is one the fixes touching it could have made."""
    import yaml

    from hugokit.render.database_yaml import scalar

    entry = pub.at()
    if name not in pub.where:  # a field a fix added to the entry (award-in-venue moves an award out)
        return any(entry.offset <= f.start <= entry.end for f in fixes)
    at = pub.at(name)
    touching = [f for f in fixes if f.start < at.end and f.end > at.offset or at.offset <= f.start == f.end <= at.end]
    if not touching:
        return False
    old = getattr(pub, name)
    if isinstance(old, list):  # (fixes delete or replace whole items; anything else is refused)
        return _list_meant(pub, name, old, touching) == value
    if len(touching) == 1 and (touching[0].start, touching[0].end) == (at.offset, at.end):
        try:
            meant = yaml.safe_load(touching[0].replacement)
        except yaml.YAMLError:
            meant = None  # more than a value: a value and the key a fix adds after it
        if isinstance(meant, str) and touching[0].replacement in (scalar(meant), scalar(meant, quoted=True)):
            return meant == value  # the replacement is exactly one value, as hugokit writes values
        return True  # a value and a key the fix adds after it: the re-read above checked the shape
    if isinstance(old, str) and text[at.offset:at.end] == old and all(at.offset <= f.start and f.end <= at.end
                                                                     for f in touching):
        expected = _splice(old, [f._replace(start=f.start - at.offset, end=f.end - at.offset) for f in touching])
        return expected.strip() == str(value).strip() or expected == value
    return True  # part of a quoted or structured value: the re-read above checked its shape


def _list_meant(pub: Publication, name: str, old: list[str], fixes: list[Fix]) -> list[str] | None:
    """The list the fixes touching it meant, when each fix deletes whole items (with what stands
    between them) or replaces one item by one value as hugokit writes values: the items so
    deleted gone, those replaced the new value, the others as they were. None for any other fix."""
    import yaml

    from hugokit.render.database_yaml import scalar

    spans = []
    for i in range(len(old)):
        span = pub.where.get(f"{name}.{i}")
        if span is None or span[3] < 0:
            return None
        spans.append((span[3], span[4]))
    meant: list[str] = []
    used: set[Fix] = set()
    for item, (start, end) in zip(old, spans):
        deleted = [f for f in fixes if f.replacement == "" and f.start <= start and end <= f.end]
        replaced = [f for f in fixes if (f.start, f.end) == (start, end) and f.replacement]
        if deleted:
            used.update(deleted)
        elif replaced:
            try:
                value = yaml.safe_load(replaced[0].replacement)
            except yaml.YAMLError:
                return None
            if not isinstance(value, str) or replaced[0].replacement not in (scalar(value), scalar(value, quoted=True)):
                return None
            used.add(replaced[0])
            meant.append(value)
        elif any(f.start < end and f.end > start for f in fixes):
            return None  # part of an item
        else:
            meant.append(item)
    return meant if used == set(fixes) else None


def disjoint(fixes: Iterable[Fix]) -> list[Fix]:
    """The fixes that do not overlap, in file order: of two that do, the later one (the next
    pass of hugokit.fixing applies the other, if the check of its result still offers it)."""
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
