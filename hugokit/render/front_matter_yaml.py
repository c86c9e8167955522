"""The YAML text of a bundle's front-matter: exactly what libyaml emits for it, written here.

`yaml.serialize(..., Dumper=CSafeDumper)` spends most of its time in PyYAML's Python serializer
and resolver, called twice for every scalar. Front-matter is a block mapping of strings, bools,
ints, lists of them or of small mappings, and one nested mapping, so the text is written
directly, following libyaml's emitter (src/emitter.c: analyze_scalar, select_scalar_style,
write_plain_scalar, write_single_quoted_scalar, write_indent; folding at width 100) and asking
PyYAML's own table of implicit resolvers how a plain scalar would read back. Any top-level key
whose value has another shape, or holds a character outside the plain printable set (tabs,
control characters, line breaks, characters beyond the BMP, the BOM), is left to libyaml: a
one-key mapping gives the same text as that key in the whole document. Where PyYAML has no
libyaml, its Python emitter (whose rules differ) writes the whole text.
"""
from __future__ import annotations

import re

import yaml

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: many times faster
_TAG = "tag:yaml.org,2002:"
_STR, _INT, _BOOL = _TAG + "str", _TAG + "int", _TAG + "bool"
WIDTH = 100  # the emitter's best_width: a plain or single-quoted line folds at a space past it
# Characters libyaml prints as they are in a plain or single-quoted scalar (IS_PRINTABLE, not a
# line break): anything else makes it double-quote with escapes, which is left to libyaml.
_NOT_QUOTABLE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
_NO_PLAIN_START = frozenset(" #,[]{}&*!|>'\"%@`")
_KEY = re.compile(r"[a-z][a-z_]{0,63}\Z")
# Author names, venues, tags, dates and keys recur from bundle to bundle: each is written once,
# by where it stands (column, indent). The memos hold for one table of implicit resolvers.
_WRITTEN: dict[tuple[int, int], dict[str, str]] = {}
_KEYS: dict[object, str] = {}  # a key and its "key:", or "" when libyaml must write it
_OTHERS: dict[tuple[type, object], str] = {}
_MEMO_SIZE, _MEMO_LENGTH = 20_000, 60
_memo_for: tuple[int, int] = (0, 0)


def front_matter_yaml(meta: dict[str, object]) -> str:
    """`yaml.serialize(node(meta), Dumper=CSafeDumper, allow_unicode=True, width=100)`, the same
    text, mostly without building nodes."""
    global _memo_for
    if not meta or _DUMPER is yaml.SafeDumper or _DUMPER.yaml_path_resolvers:
        return _libyaml(meta)
    table = _DUMPER.yaml_implicit_resolvers
    resolvers = (id(table), sum(map(len, table.values())))
    if resolvers != _memo_for:  # a resolver was added: what reads back as a string may differ
        _WRITTEN.clear()
        _KEYS.clear()
        _OTHERS.clear()
        _memo_for = resolvers
    entries = []
    for key, value in meta.items():
        entries.append(_entry(key, value, 0) or _libyaml({key: value})[:-1])  # without its final \n
    entries.append("")
    return "\n".join(entries)


def node(value: object) -> yaml.Node:
    """The YAML node PyYAML's SafeRepresenter makes of a front-matter value (block style, keys in
    order), made directly: a third faster than representing, for the same text."""
    if isinstance(value, str):
        return yaml.ScalarNode(_STR, value)
    if isinstance(value, bool):
        return yaml.ScalarNode(_BOOL, "true" if value else "false")
    if isinstance(value, int):
        return yaml.ScalarNode(_INT, str(value))
    if isinstance(value, list):
        return yaml.SequenceNode(_TAG + "seq", [node(item) for item in value], flow_style=False)
    if isinstance(value, dict):
        return yaml.MappingNode(_TAG + "map", [(node(k), node(v)) for k, v in value.items()], flow_style=False)
    raise TypeError(f"no front-matter value is a {type(value).__name__}")


def _libyaml(meta: dict[str, object]) -> str:
    return yaml.serialize(node(meta), Dumper=_DUMPER, allow_unicode=True, width=WIDTH)


def _entry(key: object, value: object, indent: int) -> str:
    """`key:` and its value in a block mapping at this indent, or "" to leave it to libyaml."""
    prefix = _KEYS.get(key)
    if prefix is None:
        plain = type(key) is str and bool(_KEY.match(str(key))) and _implicit_tag(str(key)) == _STR
        prefix = _KEYS[key] = f"{key}:" if plain else ""
    if not prefix:
        return ""
    if type(value) is str:
        text = _string(value, indent + len(prefix), indent + 2)
    elif type(value) is list:
        text = _sequence(value, indent)
    elif type(value) is dict:
        text = _mapping(value, indent + 2)
    else:
        text = _other_scalar(value)
    return prefix + text if text else ""


def _sequence(items: list[object], indent: int) -> str:
    """A block sequence as a mapping value: not indented, each item on its own line."""
    if not items:
        return " []"
    out = []
    margin = "\n" + " " * indent + "-"  # in a mapping, a block sequence is not indented
    for item in items:
        if type(item) is str:
            text = _string(item, indent + 1, indent + 2)
        elif type(item) is dict:
            text = _item_mapping(item, indent + 2)
        elif type(item) is list:
            return ""
        else:
            text = _other_scalar(item)
        if not text:
            return ""
        out.append(text)
    return margin + margin.join(out)


def _mapping(value: dict[object, object], indent: int) -> str:
    """A block mapping as a mapping value, its keys on their own lines at this indent."""
    if not value:
        return " {}"
    out = []
    margin = "\n" + " " * indent
    for k, v in value.items():
        text = _entry(k, v, indent)
        if not text:
            return ""
        out.append(text)
    return margin + margin.join(out)


def _item_mapping(value: dict[object, object], indent: int) -> str:
    """A mapping of scalars as a sequence item: its first key on the `- ` line."""
    if not value:
        return ""
    entries = []
    for k, v in value.items():
        text = "" if type(v) is list or type(v) is dict else _entry(k, v, indent)
        if not text:
            return ""
        entries.append(text)
    return " " + ("\n" + " " * indent).join(entries)


def _other_scalar(value: object) -> str:
    """A bool or int, plain; "" (libyaml) for any other value."""
    kind = type(value)
    if kind is not bool and kind is not int:
        return ""
    text = _OTHERS.get((kind, value))
    if text is None:
        plain = str(value).lower() if kind is bool else str(value)
        text = " " + plain if _implicit_tag(plain) == (_BOOL if kind is bool else _INT) else ""
        if len(_OTHERS) >= _MEMO_SIZE:
            _OTHERS.clear()
        _OTHERS[(kind, value)] = text
    return text


def _string(value: str, column: int, indent: int) -> str:
    """A string written after an indicator ending at this column, with a space before it;
    continuation lines of a folded one at this indent. "" when libyaml must write it."""
    if len(value) > _MEMO_LENGTH:  # titles, abstracts: seldom written twice
        return _written(value, column, indent)
    memo = _WRITTEN.get((column, indent))
    if memo is None:
        memo = _WRITTEN[(column, indent)] = {}
    text = memo.get(value)
    if text is None:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        text = memo[value] = _written(value, column, indent)
    return text


def _written(value: str, column: int, indent: int) -> str:
    """_string without the memo: plain when libyaml would, else single-quoted."""
    if value.isprintable() if value.isascii() else not _NOT_QUOTABLE.search(value):
        if _plain(value):
            if column + len(value) <= WIDTH:  # no space reaches past the width: nothing folds
                return " " + value
            return " " + _folded(value, column + 1, indent)
        value = value.replace("'", "''")
        if column + len(value) + 2 <= WIDTH:
            return " '" + value + "'"
        return " '" + _folded(value, column + 2, indent) + "'"
    return ""


def _plain(value: str) -> bool:
    """Whether libyaml writes this string of printable characters plain in block context: it is
    not empty, starts with no indicator, space or document marker, holds no ": " or " #", ends
    in neither ":" nor a space (analyze_scalar), and the resolver reads it back as a string."""
    return bool(value) and value[0] not in _NO_PLAIN_START \
        and not (value[0] in "?:-" and value[1:2] in ("", " ")) and not value.startswith(("---", "...")) \
        and ": " not in value and " #" not in value and not value.endswith((":", " ")) \
        and _implicit_tag(value) == _STR


def _folded(text: str, column: int, indent: int) -> str:
    """The scalar's text (its `'` doubled if quoted) as libyaml writes it from this column: the
    first space past the width that has no space before or after it, and is neither its first nor
    last character, becomes a line break and the indent; and so on, line by line."""
    lines = []
    start = 0
    search = max(0, WIDTH + 1 - column)  # the first index whose column is past the width
    while True:
        space = text.find(" ", search)
        if space < 0:
            break
        if space == 0 or text[space - 1] == " " or space + 1 == len(text) or text[space + 1] == " ":
            search = space + 1
            continue
        lines.append(text[start:space])
        start = space + 1
        search = start + WIDTH + 1 - indent
    lines.append(text[start:])
    return ("\n" + " " * indent).join(lines)


def _implicit_tag(text: str) -> str:
    """The tag PyYAML's resolver gives this text as a plain scalar (Resolver.resolve's implicit
    branch, from the dumper's own table of implicit resolvers)."""
    table = _DUMPER.yaml_implicit_resolvers
    for tag, pattern in table.get(text[:1], []) + table.get(None, []):
        if pattern.match(text):
            return str(tag)
    return _STR
