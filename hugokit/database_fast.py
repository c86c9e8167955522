"""Reading a database written in its common shape without composing YAML nodes.

Composing a 20,000-entry database with libyaml makes half a million nodes and twice as many
marks, only to read values and positions from them. Most databases are written in one plain
shape (the one hugokit itself writes): a block list of entries at column 0, each a block
mapping at indent 2, one `key: value` a line, the values plain or quoted scalars on their line,
flow lists and mappings of such scalars, or a text in a literal or folded block (`|`, `>-`, as an
abstract is often written by hand). read_common reads exactly that shape, line by line, and
gives the entries with the very values and positions the full reader (hugokit.database) gives.
The first line, value or character outside the shape — or anything the full reader would say a
word about (an unknown or repeated key, a value of the wrong type, a missing title) — makes it
give up, and the full reader reads the file: it alone reports problems.

It imports no YAML library (see hugokit.plain_scalars): a check of a small site that reads it
is over before PyYAML would have loaded.
"""
from __future__ import annotations

import re

from hugokit.diagnostics import Mark
from hugokit.inputs import DECIMAL, MAX_VALUE_CHARS
from hugokit.model import FIELD_BY_NAME, Publication
from hugokit.plain_scalars import INT as _INT, STR as _STR, TAG, plain_tag

_NULL = TAG + "null"
# Characters YAML reads as line breaks or refuses, tabs, carriage returns and byte-order marks:
# a file with any of them is left to the full reader. (Written as the characters it finds, not
# as the complement of those it allows, which takes milliseconds to compile.)
_UNUSUAL = "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
_BLOCKS = frozenset((">", ">-", "|", "|-"))  # block headers read here: folded or literal, clipped or stripped
_LINE = re.compile(r"(- |  )([a-z]+):(?: (?=\S)|$)")  # then the value, which ends in no space (or a block list)
_ITEM = re.compile(r"(  +)- (?=\S)")  # a block list's item line
_PAIR = re.compile(r"(  +)([a-z][a-z_-]*): (?=\S)")  # a block mapping's line
_DOUBLE = re.compile(r'"((?:[^"\\]|\\["\\])*)"')  # only the escapes \" and \\
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_UNESCAPE = re.compile(r"\\([\"\\])")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^:,\[\]{}#]*[^\s:,\[\]{}#])?")


def read_common(text: str, path: str) -> list[Publication] | None:
    """The entries of a database in the common shape with no problem the full reader would
    report, each with its positions; None when the text is anything else."""
    # Printable text has none of them (they are control, format, separator, surrogate or
    # unassigned characters); only text that is not needs the pattern.
    if not text.replace("\n", " ").isprintable() and re.search(_UNUSUAL, text):
        return None
    entries: list[Publication] = []
    values: dict[str, object] = {}
    where: dict[str, Mark] = {}
    # Values recur (venues, years, authors, topics): each is judged once, in each context (a
    # plain scalar may hold `, ` or `:` on its line but not in a flow list or mapping).
    known: dict[str, tuple[str | None, str]] = {}
    known_in_flow: dict[str, tuple[str | None, str]] = {}
    offset = 0
    lines = text.split("\n")
    skip = 0  # the lines of a block scalar or list read with its header, still to pass over
    open_list = ""  # a block list or mapping read, whose end is where the next key (or entry) starts
    for number, line in enumerate(lines, 1):
        start = offset
        offset += len(line) + 1
        if skip:
            skip -= 1
            continue
        match = _LINE.match(line)
        if match is None:
            bare = line.lstrip(" ")
            if not bare or bare[0] == "#":
                continue  # a blank line or a comment
            return None
        if line[-1] == " " or " #" in line:
            return None  # (" #": a comment after the value, or a # in a quoted one: the full reader decides)
        lead, key = match.groups()
        raw = line[match.end():]
        if open_list:
            where[open_list] = where[open_list][:4] + (start + 2 if lead == "  " else start,)
            open_list = ""
        if lead == "- ":
            if where and not _finish(entries, values, where, start):
                return None
            values, where = {}, {"": (path, number, 3, start + 2, -1)}
        elif not where or key in values:
            return None
        spec = FIELD_BY_NAME.get(key)
        if spec is None:
            return None
        at = start + len(key) + 4  # the value's offset: after "- " or "  ", the key and ": "
        column = at - start + 1
        if not raw:
            collection = _block_collection(lines, number, path, offset, known, where, key, spec.kind) \
                if spec.kind in ("list", "map") else None
            if collection is None:
                return None
            values[key], skip, open_list = collection, len(collection), key
        elif raw[0] == "[":
            if spec.kind != "list" or raw[-1] != "]":
                return None
            where[key] = (path, number, column, at, at + len(raw))
            items = _flow_items(raw[1:-1], path, number, column + 1, at + 1, known_in_flow, where, key)
            if items is None:
                return None
            values[key] = items
        elif raw[0] == "{":
            if spec.kind != "map" or raw[-1] != "}":
                return None
            pairs = _flow_pairs(raw[1:-1], path, number, column + 1, at + 1, known_in_flow)
            if pairs is None:
                return None
            where[key] = (path, number, column, at, at + len(raw))
            for kind, (_, url_at) in pairs.items():
                where[f"{key}.{kind}"] = url_at
            values[key] = {kind: url for kind, (url, _) in pairs.items()}
        elif raw in _BLOCKS:
            block = _block(lines, number, raw) if spec.kind == "str" and key != "date" else None
            if block is None or len(block[0]) > MAX_VALUE_CHARS:
                return None
            values[key], skip, size = block
            where[key] = (path, number, column, at, min(offset + size, len(text)))  # (its lines, trailing blank ones too)
        else:
            value, tag = known.get(raw) or _scalar(raw, known)
            if value is None or len(value) > MAX_VALUE_CHARS:
                return None
            if spec.kind == "int":
                if tag != _INT or not DECIMAL.fullmatch(value):
                    return None
                values[key] = int(value)
            elif key == "date":
                from hugokit.dates import STORED, parse_date

                if tag == _NULL or not STORED.fullmatch(value.strip()) or not parse_date(value)[0]:
                    return None
                values[key] = parse_date(value)[0]
            elif spec.kind != "str" or tag != _STR:
                return None
            else:
                values[key] = value
            where[key] = (path, number, column, at, at + len(raw))
        if key == "venue":
            where["venue:key"] = (path, number, column - len(key) - 2, at - len(key) - 2, at - 2)
    if open_list:
        where[open_list] = where[open_list][:4] + (len(text),)
    if not where or not _finish(entries, values, where, len(text)):
        return None
    return entries


def _block_collection(lines: list[str], header: int, path: str, at: int, known: dict[str, tuple[str | None, str]],
                      where: dict[str, Mark], key: str, kind: str) -> list[str] | dict[str, str] | None:
    """A block list (`- item` lines) or mapping (`name: value` lines) from the lines after its
    key's (lines[header - 1], whose next line starts at offset at), at one indentation of 2 or
    more (3 or more for a mapping), each item or value a scalar alone on its line, as after `key: `, each name a word. Each
    item's position is put in where as key.N, each value's as key.name, and the collection's
    start as key (its end is the next key's start, which the caller puts in). None when the lines
    are anything else: none, an item of another kind, a comment among them, a name twice."""
    pattern = _ITEM if kind == "list" else _PAIR
    items: list[str] = []
    pairs: dict[str, str] = {}
    names = _ITEM_NAMES.get(key) or _ITEM_NAMES.setdefault(key, [f"{key}.{i}" for i in range(32)])
    indent = 0
    for number in range(header, len(lines)):
        line = lines[number]
        match = pattern.match(line)
        if match is None or (indent and len(match.group(1)) != indent):
            break
        if line[-1] == " " or " #" in line:
            return None
        raw = line[match.end():]
        value, tag = known.get(raw) or _scalar(raw, known)
        if value is None or tag != _STR or len(value) > MAX_VALUE_CHARS:
            return None
        if not indent:
            indent = len(match.group(1))
            if kind != "list" and indent == 2:  # (a list may stand at its key's indentation; a mapping there is the entry's)
                return None
            where[key] = (path, number + 1, indent + 1, at + indent, -1)
        mark = (path, number + 1, match.end() + 1, at + match.end(), at + len(line))
        if kind == "list":
            i = len(items)
            where[names[i] if i < len(names) else f"{key}.{i}"] = mark
            items.append(value)
        else:
            name = match.group(2)
            if name in pairs or plain_tag(name) != _STR:  # (`on`, `no`: booleans to YAML)
                return None
            where[f"{key}.{name}"] = mark
            pairs[name] = value
        at += len(line) + 1
    return (items or None) if kind == "list" else (pairs or None)


def _block(lines: list[str], header: int, style: str) -> tuple[str, int, int] | None:
    """A literal or folded block scalar's text from the lines after its header (lines[header - 1]),
    how many lines it takes and their length; None outside the common shape: its lines at one
    indentation (more than the key's), none more indented or ending in a space, blank ones empty,
    the first one not blank, a line break after the last one."""
    first = lines[header] if header < len(lines) else ""
    indent = len(first) - len(first.lstrip(" "))
    if indent <= 2 or indent == len(first):
        return None
    pad = " " * indent
    taken: list[str] = []  # each line without its indentation; "" for a blank one
    size = 0
    for number in range(header, len(lines)):  # (by index: a slice of the rest would copy it per block)
        line = lines[number]
        if not line.strip(" "):
            if line:
                return None
            taken.append("")
        elif line.startswith(pad):
            if line[indent] == " " or line[-1] == " ":
                return None
            taken.append(line[indent:])
        else:
            break  # a line indented less ends the block
        size += len(line) + 1
    else:
        if taken[-1]:
            return None  # the file ends in the block's last line, without a line break
    count = len(taken)
    while not taken[-1]:
        taken.pop()  # trailing blank lines: the block's, but chomped from its text
    if style[0] == "|":
        text = "\n".join(taken)
    else:  # folded: a line break between two lines becomes a space; each blank line, a line break
        parts, blanks = [taken[0]], 0
        for line in taken[1:]:
            if not line:
                blanks += 1
            else:
                parts += ("\n" * blanks if blanks else " ", line)
                blanks = 0
        text = "".join(parts)
    return text + ("" if style[-1] == "-" else "\n"), count, size


def _finish(entries: list[Publication], values: dict[str, object], where: dict[str, Mark], end: int) -> bool:
    """Adds the entry read (ending at offset end, where the next one starts); False when the
    full reader would report it (a required field missing, an empty title)."""
    if "title" not in values or "year" not in values or not str(values["title"]).strip():
        return False
    where[""] = where[""][:4] + (end,)
    entries.append(Publication(where=where, **values))  # type: ignore[arg-type]
    return True


def _scalar(raw: str, known: dict[str, tuple[str | None, str]]) -> tuple[str | None, str]:
    """A scalar alone on its line after `key: `: its value and tag, or None when it is outside
    the common shape (other escapes, `: `, or an indicator the full reader must judge). Plain
    scalars are remembered in known."""
    first = raw[0]
    if first == '"' or first == "'":
        return _quoted(raw)
    if first in _INDICATORS or ": " in raw or raw[-1] == ":":
        return None, ""
    found = known[raw] = (raw, plain_tag(raw))
    return found


def _quoted(raw: str) -> tuple[str | None, str]:
    """A quoted scalar's value (None when it is not one, or has escapes other than \" and \\)."""
    inner = raw[1:-1]
    if raw[0] == '"':
        if len(raw) > 1 and raw[-1] == '"' and '"' not in inner and "\\" not in inner:
            return inner, _STR  # the common case, decided without a regular expression
        match = _DOUBLE.fullmatch(raw)
        return (_UNESCAPE.sub(r"\1", match.group(1)), _STR) if match else (None, "")
    if len(raw) > 1 and raw[-1] == "'" and "'" not in inner:
        return inner, _STR
    match = _SINGLE.fullmatch(raw)
    return (match.group(1).replace("''", "'"), _STR) if match else (None, "")


def _flow_scalar(raw: str, known: dict[str, tuple[str | None, str]]) -> tuple[str | None, str]:
    """An item of a flow list or mapping: a double-quoted or plain scalar (no `:` in it), not
    too long; remembered in known."""
    found: tuple[str | None, str]
    if len(raw) > MAX_VALUE_CHARS:
        found = (None, "")
    elif raw[:1] == '"':
        found = _quoted(raw)
    elif _FLOW_PLAIN.fullmatch(raw):
        found = (raw, plain_tag(raw))
    else:
        found = (None, "")
    known[raw] = found
    return found


_ITEM_NAMES: dict[str, list[str]] = {}  # "authors" -> ["authors.0", "authors.1", …]: where's keys, made once


def _flow_items(inner: str, path: str, line: int, column: int, at: int, known: dict[str, tuple[str | None, str]],
                where: dict[str, Mark], key: str) -> list[str] | None:
    """The strings of a flow list's text between its brackets (items joined by ", "), each
    item's position put in where as key.N; None for anything else."""
    if not inner:
        return []
    out = []
    names = _ITEM_NAMES.get(key) or _ITEM_NAMES.setdefault(key, [f"{key}.{i}" for i in range(32)])
    for i, raw in enumerate(inner.split(", ")):
        value, tag = known.get(raw) or _flow_scalar(raw, known)
        if value is None or tag != _STR:
            return None
        size = len(raw)
        where[names[i] if i < len(names) else f"{key}.{i}"] = (path, line, column, at, at + size)
        out.append(value)
        column += size + 2
        at += size + 2
    return out


def _flow_pairs(inner: str, path: str, line: int, column: int, at: int,
                known: dict[str, tuple[str | None, str]]) -> dict[str, tuple[str, Mark]] | None:
    """The string pairs of a flow mapping's text between its braces (`key: value` joined by
    ", "), each value with its position; None for anything else, a repeated key too."""
    out: dict[str, tuple[str, Mark]] = {}
    if not inner:
        return out
    for raw in inner.split(", "):
        key, colon, value_raw = raw.partition(": ")
        if not colon:
            return None
        name, name_tag = known.get(key) or _flow_scalar(key, known)
        value, tag = known.get(value_raw) or _flow_scalar(value_raw, known)
        if name is None or value is None or name_tag != _STR or tag != _STR or name in out \
                or len(key) > 1000:  # (YAML's keys are short: 1,024 characters at most)
            return None
        value_at = at + len(key) + 2
        out[name] = (value, (path, line, column + len(key) + 2, value_at, value_at + len(value_raw)))
        column += len(raw) + 2
        at += len(raw) + 2
    return out
