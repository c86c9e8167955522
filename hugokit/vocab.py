"""Controlled vocabularies: venues, awards, topics and people.

hugokit ships defaults in data/hugokit/ (venues, awards, topics); a site's data/<name>.yaml
extends them, and an entry of the same name overrides the default. A file is a YAML list whose
items are plain names or mappings (name, aliases, full, kind, pattern, homepage, description, and
for a person the username of their Hugo Blox profile, `profile`).
"""

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, NamedTuple

from hugokit.diagnostics import Diagnostic, Position, quoted
from hugokit.inputs import read_text
from hugokit.layout import VOCABULARY_NAMES, defaults_dir, vocabulary_file
from hugokit.venue_kinds import KINDS

if TYPE_CHECKING:  # YAML is read only where a file is parsed: a check mostly takes them from the cache's memo
    import yaml

    from hugokit.cache import Cache
    from hugokit.load import Reader

_TERM_KEYS = ("name", "aliases", "full", "kind", "pattern", "homepage", "description", "profile")
VENUE_KINDS = tuple(KINDS)
# A profile username as Hugo Blox's authors: lists write it: a folder name, no path.
_USERNAME = re.compile(r"[^\s/\\.][^\s/\\]*")


class Term(NamedTuple):
    name: str
    where: Position
    aliases: tuple[str, ...] = ()
    full: str = ""
    kind: str = ""
    pattern: re.Pattern[str] | None = None
    description: str = ""
    profile: str = ""  # a person's Hugo Blox profile username (content/authors/<profile>/), which bundles name


class Match(NamedTuple):
    term: Term
    how: str  # "exact", "full", "pattern", "alias", "case"

    @property
    def canonical(self) -> bool:
        return self.how in ("exact", "full", "pattern")


class Vocabulary:
    """Terms, looked up by exact spelling (name or full name), then by pattern, then by alias or
    a different letter case."""

    __slots__ = ("name", "terms", "site_file", "_exact", "_folded")

    def __init__(self, name: str, terms: list[Term], site_file: str | None = None) -> None:
        self.name = name
        self.terms = terms
        self.site_file = site_file  # the site's own file, if it has one
        self._exact: dict[str, Match] = {}
        self._folded: dict[str, Match] = {}
        exact, folded = self._exact, self._folded
        for term in terms:
            if term.pattern is not None:
                continue
            exact.setdefault(term.name, Match(term, "exact"))
            if term.full:
                exact.setdefault(term.full, Match(term, "full"))
            if term.aliases:
                alias = Match(term, "alias")  # one Match per term and kind: the registry has hundreds of terms
                for spelling in term.aliases:
                    folded.setdefault(spelling.casefold(), alias)
            case = Match(term, "case")
            for spelling in (term.name, term.full):
                if spelling:
                    folded.setdefault(spelling.casefold(), case)

    def lookup(self, value: str) -> Match | None:
        found = self._exact.get(value)
        if found:
            return found
        for term in self.terms:
            if term.pattern is not None and term.pattern.fullmatch(value):
                return Match(term, "pattern")
        return self._folded.get(value.casefold())

    def spellings(self) -> list[str]:
        return [t.name for t in self.terms if t.pattern is None]


class Vocabularies(NamedTuple):
    venues: Vocabulary
    awards: Vocabulary
    topics: Vocabulary
    people: Vocabulary


def load_vocabularies(site: Path, read: dict[Path, str] | None = None) -> tuple[Vocabularies, list[Diagnostic]]:
    """The merged vocabularies; problems in the files are diagnostics. Syntax errors raise InputError.
    read, if given, gets the text of each file parsed (what a memo of the result is keyed by)."""
    read = {} if read is None else read
    diagnostics: list[Diagnostic] = []
    loaded = {}
    for name in VOCABULARY_NAMES:
        terms: list[Term] = []
        site_file = None
        default = defaults_dir() / f"{name}.yaml"
        if default.is_file():
            terms = _read(default, f"(hugokit)/data/hugokit/{name}.yaml", diagnostics, read)
        own = site / vocabulary_file(name)
        if own.is_file():
            site_file = vocabulary_file(name)
            site_terms = _read(own, site_file, diagnostics, read)
            overridden = {t.name.casefold() for t in site_terms}
            terms = [t for t in terms if t.name.casefold() not in overridden] + site_terms
        loaded[name] = Vocabulary(name, terms, site_file)
    return Vocabularies(**loaded), diagnostics


def cached_vocabularies(root: Path, cache: "Cache") -> tuple[Vocabularies, list[Diagnostic]]:
    """load_vocabularies(root), from the cache's memo when the site's vocabulary files and
    hugokit's own are as they were (keyed by their texts' digests)."""
    files = [root / vocabulary_file(name) for name in VOCABULARY_NAMES]
    files += [defaults_dir() / f"{name}.yaml" for name in VOCABULARY_NAMES]

    def key(digests: Iterable[str | None]) -> str:
        return "\0".join([str(root.resolve()), *(digest or "-" for digest in digests)])

    memo = cache.recall("vocab", key(cache.file_digest(path) for path in files))
    loaded = from_json(memo) if memo is not None else None
    if loaded is None:
        read: dict[Path, str] = {}
        loaded = load_vocabularies(root, read)
        if not loaded[1]:  # problems keep their fixes, which the memo does not: none memoised
            # keyed by the very texts parsed (a file may have changed since it was hashed above)
            parsed = key(cache.digest(read[path]) if path in read else None for path in files)
            cache.remember("vocab", parsed, to_json(*loaded))
    return loaded


def _read(path: Path, shown: str, diagnostics: list[Diagnostic], read: dict[Path, str]) -> list[Term]:
    from hugokit.load import Reader, compose

    text = read[path] = read_text(path, shown)
    root = compose(text, shown)
    reader = Reader(shown, text)
    terms: list[Term] = []
    seen: dict[str, Term] = {}
    if root is not None and reader.expect(root, shown, "seq"):
        for number, node in enumerate(root.value, 1):
            term = _term(reader, node, f"entry {number} of {shown}")
            if term is None:
                continue
            if term.name.casefold() in seen:
                reader.report(node, "duplicate-term", f'{quoted(term.name)} is listed twice in {shown}',
                              f"see line {seen[term.name.casefold()].where.line}; keep one")
                continue
            seen[term.name.casefold()] = term
            terms.append(term)
    diagnostics.extend(reader.diagnostics)
    return terms


def _term(reader: "Reader", node: "yaml.Node", what: str) -> Term | None:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        name = reader.string(node, what)
        return Term(name.strip(), reader.pos(node)) if name and name.strip() else None
    if not reader.expect(node, what, "map"):
        return None
    values: dict[str, object] = {}
    for key, key_node, value_node in reader.items(node, what):
        if key not in _TERM_KEYS:
            reader.unknown_key(key_node, what, _TERM_KEYS)
        elif key == "aliases":
            items = reader.string_list(value_node, f'"aliases" of {what}')
            values[key] = tuple(v for v, _ in items or [])
        elif key == "pattern":
            source = reader.string(value_node, f'"pattern" of {what}')
            if source is not None:
                try:
                    values[key] = re.compile(source)
                except re.error as exc:
                    reader.report(value_node, "bad-pattern", f"pattern of {what} is not a regular expression: {exc}")
        else:
            value = reader.string(value_node, f'{quoted(key)} of {what}')
            if value is not None:
                values[key] = value
        if key == "profile" and isinstance(values.get("profile"), str) and not _USERNAME.fullmatch(str(values["profile"])):
            reader.report(value_node, "bad-profile", f'"profile" of {what} is no profile username: '
                          f'{quoted(str(values.pop("profile")))}',
                          "write the name of the profile's folder, e.g. admin for content/authors/admin/")
        if key == "kind" and values.get("kind") not in (None, *VENUE_KINDS):
            reader.report(value_node, "bad-kind", f'unknown kind {quoted(str(values["kind"]))} in {what}',
                          "one of: " + ", ".join(VENUE_KINDS))
    if "name" not in values:
        reader.report(node, "missing-key", f'{what} has no "name"')
        return None
    values.pop("homepage", None)
    return Term(where=reader.pos(node), **values)  # type: ignore[arg-type]


def to_json(vocab: Vocabularies, diagnostics: list[Diagnostic]) -> dict[str, object]:
    """Loaded vocabularies as JSON data, for the cache's memo (from_json gives them back; the
    diagnostics without their fixes)."""
    def term(t: Term) -> list[object]:
        return [t.name, list(t.where), list(t.aliases), t.full, t.kind, t.pattern.pattern if t.pattern else None,
                t.description, t.profile]

    return {"vocabularies": {v.name: [v.site_file, [term(t) for t in v.terms]] for v in vocab},
            "diagnostics": [d.as_dict() for d in diagnostics]}


def from_json(data: dict[str, Any]) -> tuple[Vocabularies, list[Diagnostic]] | None:
    try:
        loaded = {name: Vocabulary(name, [Term(t[0], Position(*t[1]), tuple(t[2]), t[3], t[4],
                                                re.compile(t[5]) if t[5] is not None else None, t[6], t[7])
                                           for t in terms], site_file)
                  for name, (site_file, terms) in data["vocabularies"].items()}
        return Vocabularies(**loaded), [Diagnostic.from_dict(d) for d in data["diagnostics"]]
    except (KeyError, IndexError, TypeError, ValueError, re.error):
        return None
