"""Reading YAML with positions: compose nodes (libyaml when present), then walk them with checks.

Values are read from the node tree rather than through `yaml.load`, so that every value keeps
its line and column, duplicate keys are caught (PyYAML silently keeps the last), and aliases
cannot expand without bound.
"""
from __future__ import annotations

import re
from typing import Any, Iterator, Literal, TypeGuard, overload

import yaml

from hugokit.diagnostics import Diagnostic, InputError, Position, did_you_mean, error, quoted
from hugokit.inputs import DECIMAL, MAX_DIGITS, MAX_VALUE_CHARS, bom_length


class _FastResolve:
    """Tag resolution with a fast path: a plain scalar whose first character starts none of
    YAML's implicit types (numbers, booleans, null, dates) is a string, which is what the regular
    resolver concludes too, after trying its patterns."""

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]]
    yaml_path_resolvers: dict[Any, Any]

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0] or (value and value[0] not in self.yaml_implicit_resolvers):
                return _STR
        elif not self.yaml_path_resolvers:
            return _SEQ if kind is yaml.SequenceNode else _MAP
        return str(super().resolve(kind, value, implicit))  # type: ignore[misc]


class PureLoader(_FastResolve, yaml.SafeLoader):
    """The pure-Python loader: the fallback where PyYAML was built without libyaml."""


LOADER: type = type("Loader", (_FastResolve, yaml.CSafeLoader), {}) if hasattr(yaml, "CSafeLoader") else PureLoader


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
_TYPE_NAMES = {"str": "a string", "int": "a whole number", "float": "a number", "bool": "true/false",
               "null": "empty", "seq": "a list", "map": "a mapping", "timestamp": "a date"}


def compose(text: str, path: str, line_offset: int = 0) -> yaml.Node | None:
    """The document's node tree; a syntax error raises InputError with its position.

    line_offset shifts reported lines, for YAML embedded in a larger file (front-matter).
    """
    # libyaml does not count a byte-order mark in its offsets, pure PyYAML does: neither sees it
    # here, and Reader counts it back in.
    body = text[bom_length(text):]
    try:
        return yaml.compose(body, Loader=LOADER)
    except yaml.YAMLError as exc:
        raise InputError([syntax_error(exc, body, path, line_offset)]) from None
    except RecursionError:  # the pure-Python composer recurses once per level of nesting
        raise InputError([error(Position(path), "too-deep", "the YAML is nested too deeply to read",
                                "a publication database needs three levels: list, entry, links")]) from None


def _character(found: object) -> str:
    """The character a YAML reader refused, which PyYAML gives as its code point."""
    return chr(found) if isinstance(found, int) and 0 <= found <= 0x10FFFF else str(found)


def syntax_error(exc: yaml.YAMLError, text: str, path: str, line_offset: int = 0) -> Diagnostic:
    """A diagnostic for a YAML error, placed on the line a person has to change."""
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        where = Position(path, before.count("\n") + 1 + line_offset, exc.position - before.rfind("\n"))
        return error(where, "yaml-syntax", f"character {quoted(_character(exc.character))} is not allowed in YAML",
                     "delete it, or write it as an escape inside double quotes")
    if not isinstance(exc, yaml.MarkedYAMLError):
        return error(Position(path), "yaml-syntax", f"YAML error: {exc}")
    problem = exc.problem or "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    if problem.startswith("could not find expected ':'") and exc.context_mark is not None:
        mark = exc.context_mark  # libyaml notices on the next line; the line without "key: value" is the context
    message, hint = _explain(problem, exc.context or "")
    where = Position(path, mark.line + 1 + line_offset, mark.column + 1) if mark else Position(path)
    return error(where, "yaml-syntax", message, hint)


# libyaml and pure-Python PyYAML word the same errors differently; hugokit says them one way.
_EXPLANATIONS: tuple[tuple[str, str, str], ...] = (
    (r"could not find expected ':'", "this line is not `key: value`",
     "if it continues the value above, indent it or quote the whole value; if it is left over, delete it"),
    (r"mapping values are not allowed", "a value contains ': '", "put the whole value in quotes"),
    (r"(?:did not find )?expected ',' or '\]'", "a list in [ ] is not closed", "end it with ], and quote items that contain , [ ] { } or :"),
    (r"(?:did not find )?expected ',' or '\}'", "a mapping in { } is not closed", "end it with }, and quote values that contain , [ ] { } or :"),
    (r"found (?:character '\\t'|a tab character)", "a tab is used for indentation", "indent with spaces, not tabs"),
    (r"found undefined alias", "an alias (*name) refers to no anchor (&name)", "define the anchor, or write the value out"),
    (r"found unexpected end of stream", "a quoted value is not closed", "end it with the same quote it starts with"),
    (r"found duplicate anchor", "an anchor (&name) is defined twice", "rename one of them"),
    (r"(?:did not find )?expected '?<document start>", "more follows the file's one value (the [] of an empty "
     "list, a value at the top level)", "delete the [] when you add entries below it; indent a line that belongs "
     "to the value above"),
)


def _explain(problem: str, context: str) -> tuple[str, str]:
    for pattern, message, hint in _EXPLANATIONS:
        if re.match(pattern, problem):
            return f"YAML syntax error: {message}", hint
    detail = f" ({context})" if context else ""
    return (f"YAML syntax error: {problem}{detail}",
            "check the indentation, and quote values that contain ': ' or start with a special character")


def type_name(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return _TYPE_NAMES["seq"]
    if isinstance(node, yaml.MappingNode):
        return _TYPE_NAMES["map"]
    return _TYPE_NAMES.get(node.tag.removeprefix(_TAG), node.tag)


class Reader:
    """Walks one file's node tree, collecting diagnostics instead of raising."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self._shift = bom_length(text)  # offsets are into the file's text, byte-order mark and all
        text_length = len(text)
        self.diagnostics: list[Diagnostic] = []
        # Without aliases a document cannot have more nodes than characters; a few times that
        # allows honest reuse of anchors and stops exponential alias expansion.
        self._budget = 4 * text_length + 1000
        self._exhausted = False

    def pos(self, node: yaml.Node) -> Position:
        start = node.start_mark
        return Position(self.path, start.line + 1, start.column + 1, start.index + self._shift,
                        node.end_mark.index + self._shift)

    def mark(self, node: yaml.Node) -> tuple[str, int, int, int, int]:
        """A position as a tuple: what Publication.where keeps."""
        start = node.start_mark
        return (self.path, start.line + 1, start.column + 1, start.index + self._shift, node.end_mark.index + self._shift)

    def spend(self, node: yaml.Node, count: int = 1) -> bool:
        """Charges count values to the alias budget; False (reported once) when it is used up."""
        self._budget -= count
        if self._budget >= 0:
            return True
        if not self._exhausted:
            self._exhausted = True
            self.report(node, "alias-limit", "YAML aliases expand to too many values",
                        "write the values out instead of repeating anchors (&name / *name)")
        return False

    def report(self, node: yaml.Node, code: str, message: str, hint: str = "") -> None:
        self.diagnostics.append(error(self.pos(node), code, message, hint))

    @overload
    def expect(self, node: yaml.Node, what: str, kind: Literal["map"]) -> TypeGuard[yaml.MappingNode]: ...
    @overload
    def expect(self, node: yaml.Node, what: str, kind: Literal["seq"]) -> TypeGuard[yaml.SequenceNode]: ...
    @overload
    def expect(self, node: yaml.Node, what: str, kind: Literal["str", "int", "bool"]) -> TypeGuard[yaml.ScalarNode]: ...

    def expect(self, node: yaml.Node, what: str, kind: str) -> bool:
        """True if node is of kind (scalar tag name, "seq" or "map"), which narrows its type;
        reports otherwise."""
        if not self.spend(node):
            return False
        ok = (isinstance(node, yaml.SequenceNode) if kind == "seq"
              else isinstance(node, yaml.MappingNode) if kind == "map"
              else isinstance(node, yaml.ScalarNode) and node.tag == _TAG + kind)
        if not ok:
            hint = ""
            if kind == "str" and isinstance(node, yaml.ScalarNode):
                hint = 'put the value in quotes: "…"'
            elif kind == "int" and isinstance(node, yaml.ScalarNode) and node.value.strip().isdigit():
                hint = f"write it without quotes: {node.value.strip()}"
            self.report(node, "wrong-type", f"{what} must be {_TYPE_NAMES[kind]}, not {type_name(node)}", hint)
        return ok

    def items(self, node: yaml.MappingNode, what: str) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
        """A mapping's string keys with their nodes; duplicate and non-string keys are reported."""
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if not self.expect(key_node, f"a key in {what}", "str"):
                continue
            key = key_node.value
            if key in seen:
                self.report(key_node, "duplicate-key", f'{quoted(key)} appears twice in {what}',
                            "YAML keeps only the last one: merge the two")
                continue
            seen.add(key)
            yield key, key_node, value_node

    def string(self, node: yaml.Node, what: str) -> str | None:
        return node.value if self.expect(node, what, "str") and self.short(node, what) else None

    def short(self, node: yaml.Node, what: str) -> bool:
        """False (and reported) for a value longer than MAX_VALUE_CHARS."""
        if len(node.value) <= MAX_VALUE_CHARS:
            return True
        self.report(node, "too-long", f"{what} is longer than {MAX_VALUE_CHARS:,} characters",
                    "shorten it; a database value is text for a page")
        return False

    def integer(self, node: yaml.Node, what: str) -> int | None:
        """A plain decimal whole number (YAML 1.1 would also read 2_020, 0x7e4, 033 and 33:40)."""
        if not self.expect(node, what, "int"):
            return None
        if not DECIMAL.fullmatch(node.value):
            self.report(node, "bad-number", f"{what} must be a plain decimal whole number of at most "
                        f"{MAX_DIGITS} digits, not {quoted(node.value[:40])}", "write it with digits only, e.g. 2024")
            return None
        return int(node.value)

    def boolean(self, node: yaml.Node, what: str) -> bool | None:
        return bool(_CONSTRUCTOR.construct_yaml_bool(node)) if self.expect(node, what, "bool") else None

    def string_list(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node]] | None:
        if not self.expect(node, what, "seq"):
            return None
        out = []
        for i, item in enumerate(node.value):
            value = self.string(item, f"item {i + 1} of {what}")
            if value is not None:
                out.append((value, item))
        return out

    def comma_list(self, node: yaml.Node, what: str, *, names: bool = False) -> list[str] | None:
        """Strings given as a list or as one comma-separated string (as importers' sources write
        authors and tags), each stripped, empty ones dropped; names (authors, editors) in one string
        read as people write author lists ("A, B and C": hugokit.shortcode.split_names)."""
        if isinstance(node, yaml.ScalarNode):
            parts = [part.strip() for part in (self.string(node, what) or "").split(",") if part.strip()]
            if names:
                from hugokit.shortcode import LIST_SEPARATOR, split_names

                return split_names(LIST_SEPARATOR.join(parts))
            return parts
        items = self.string_list(node, what)
        return None if items is None else [v.strip() for v, _ in items if v.strip()]

    def string_map(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node, str, yaml.Node]] | None:
        if not self.expect(node, what, "map"):
            return None
        out = []
        for key, key_node, value_node in self.items(node, what):
            value = self.string(value_node, f'{quoted(key)} in {what}')
            if value is not None:
                out.append((key, key_node, value, value_node))
        return out

    def unknown_key(self, key_node: yaml.Node, what: str, known: "list[str] | tuple[str, ...]") -> None:
        hint = did_you_mean(key_node.value, known) or "known keys: " + ", ".join(known)
        self.report(key_node, "unknown-key", f'unknown key {quoted(key_node.value)} in {what}', hint)

