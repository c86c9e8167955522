"""The `{{< publication >}}` shortcode's lexical rules, shared by the page renderer and importer.

How Hugo reads a quoted parameter (checked with Hugo 0.168): `\\"` is a quote, and once a value
holds one, Hugo drops every backslash in it; without one, backslashes are literal. A value in
backquotes is read as it stands. So a value with both a backslash and a quote (or ending in a
backslash, which would escape the closing quote) is written in backquotes; only one that also
holds a backquote cannot be written.
"""
from __future__ import annotations

import re

from hugokit.diagnostics import quoted

NAME = "publication"
# The format's parameters in their order, each with what it holds: a Publication field, or the
# link of a kind ("links.KIND"). Further link kinds K go after these, as KLink, then the topics.
# hugokit's layouts read the same parameters (tests/test_tables.py holds them to this table).
PARAMS = (("title", "title"), ("venue", "venue"), ("paperLink", "links.paper"), ("codeLink", "links.code"),
          ("award", "award"), ("project", "links.project"))
LEADING_PARAMS = tuple(param for param, _ in PARAMS)
TOPICS_PARAM = "data-topic"
ID_PARAM = "id"  # last, and only for entries with an id: the layouts look the entry's data up by it
# Link kinds with a fixed parameter name; any other kind K is written as `KLink`.
SHORTCODE_LINK_PARAMS = {source.removeprefix("links."): param for param, source in PARAMS if source.startswith("links.")}
LIST_SEPARATOR = ", "
FORBIDDEN = ("{{<", "{{%", ">}}", "%}}")

_KIND_BY_PARAM = {param: kind for kind, param in SHORTCODE_LINK_PARAMS.items()}
# Compiled by parse_params (the re module keeps it): only an import reads shortcodes, a check never does.
_PARAM = r'\s*([A-Za-z][\w-]*)=(?:"((?:\\"|[^"])*)"|`([^`]*)`|([^\s"`]+))'


def quote(value: str) -> str:
    if "\\" in value and ('"' in value or value.endswith("\\")):
        return "`" + value + "`"  # a quoted value would lose its backslashes
    return '"' + value.replace('"', '\\"') + '"'


def unquote(raw: str) -> str:
    """A quoted parameter's value as Hugo reads it."""
    return raw.replace("\\", "") if '\\"' in raw else raw


def link_param(kind: str) -> str:
    return SHORTCODE_LINK_PARAMS.get(kind, kind + "Link")


def link_kind(param: str) -> str | None:
    """The link kind a parameter carries, or None if it is not a link parameter."""
    if param in _KIND_BY_PARAM:
        return _KIND_BY_PARAM[param]
    if param.endswith("Link") and len(param) > 4:
        return param[:-4]
    return None


EDITORS_MARK = " (eds.)"  # ends the author line of an entry that has editors and no authors


def author_line(authors: list[str], editors: list[str]) -> str:
    """The line under the shortcode: the authors, or else the editors marked as such."""
    if authors or not editors:
        return LIST_SEPARATOR.join(authors)
    return LIST_SEPARATOR.join(editors) + EDITORS_MARK


def read_author_line(line: str) -> tuple[list[str], list[str]]:
    """(authors, editors) of an author line, the inverse of author_line."""
    if line.endswith(EDITORS_MARK) and line != EDITORS_MARK.lstrip():
        return [], split_names(line[: -len(EDITORS_MARK)])
    return split_names(line), []


def split_list(value: str) -> list[str]:
    return [] if not value else value.split(LIST_SEPARATOR)


# How people join the last two names of a list: "A, B and C", "A, B, and C", "A & B".
_CONJUNCTION = re.compile(r" (?:and|&) ")
_LEADING_CONJUNCTION = re.compile(r"(?:and|&) (?=\S)")


def split_names(value: str) -> list[str]:
    """A list of names as people write it: split at ", ", and a name joined to the next by " and "
    or " & " split there too ("Goodman D and Brette R"), or after ", and " ("A, B, and C"); but
    only where each side reads as one person's name (_one_person), so that "Centers for
    Disease Control and Prevention", "Bill and Melinda Gates Foundation" or "Anderson" stay whole."""
    names: list[str] = []
    for index, item in enumerate(split_list(value)):
        item = item.strip()  # as the page shows it; a padded name is not writable anyway
        if not item:
            continue
        if index and _LEADING_CONJUNCTION.match(item):
            item = item.split(" ", 1)[1]
        parts = _CONJUNCTION.split(item)
        names += parts if len(parts) > 1 and all(map(_one_person, parts)) else [item]
    return names


def joins_names(name: str) -> bool:
    """Whether split_names reads one name as several: a name the page cannot hold as one."""
    return bool(_LEADING_CONJUNCTION.match(name)) or len(split_names(name)) > 1


def kept_conjunction(name: str) -> bool:
    """Whether a name split_names kept whole holds " and " or " & " (an organisation, or two
    people it could not tell apart)."""
    return bool(_CONJUNCTION.search(name))


def _one_person(name: str) -> bool:
    """Two words or more, none in lower case but a particle (van, de, …): "Joseph E. Gonzalez",
    "Brette R", "Anna van der Berg"; not "Bill", "Prevention" or "Centers for Disease Control"."""
    from hugokit.text import PARTICLES

    words = name.split()
    return len(words) > 1 and all(not word[0].islower() or word in PARTICLES for word in words)


def parse_params(text: str) -> tuple[list[tuple[str, str, int]], int | None]:
    """Named parameters as (name, value, offset); the offset of the first unreadable character."""
    params: list[tuple[str, str, int]] = []
    param = re.compile(_PARAM)
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            return params, None
        match = param.match(text, pos)
        if match is None:
            return params, pos + len(text[pos:]) - len(text[pos:].lstrip())
        name, quoted, raw, bare = match.groups()
        value = unquote(quoted) if quoted is not None else raw if raw is not None else bare
        params.append((name, value, match.start(1)))
        pos = match.end()
    return params, None


_BREAKING = re.compile(r"\{\{[<%]|[>%]\}\}|[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def unwritable(value: str, *, list_item: bool = False, name: bool = False) -> str:
    """Why a value cannot be written into the page unchanged, or "" if it can."""
    found = _BREAKING.search(value)
    if found:
        text = found.group()
        if text in FORBIDDEN:
            return f"contains {quoted(text)}, which would end or open a shortcode"
        if text in "\n\r":
            return "contains a line break"
        return "contains a control character"
    if quote(value).startswith("`") and "`" in value:
        return "has a backslash with a quote (or at its end) and a backquote, which no shortcode parameter can hold"
    if list_item:
        if LIST_SEPARATOR in value:
            return f"contains {quoted(LIST_SEPARATOR)}, which separates the items of the list"
        if name and joins_names(value):
            return "would read back as several names (\" and \" or \" & \" between two people's names)"
        if value != value.strip() or value == "":
            return "is empty or has spaces around it"
    return ""
