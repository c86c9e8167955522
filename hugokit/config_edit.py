"""Adding to a Hugo configuration file as text: a name at the end of the theme list, or a table at
the end of a list under `module` (its imports, its mounts).

Only the lines needed are added, so the file's comments and layout stay. These editors do not
judge their own work: hugokit.theme_wiring keeps an edit only when the edited file parses to the
settings it wants, so an unusual layout yields a refusal (CannotEdit) or a rejected edit, never a
wrong file.
"""
from __future__ import annotations

import json
import re
from typing import Any, Sequence

Settings = dict[str, Any]  # a parsed Hugo configuration
Table = Sequence[tuple[str, "str | list[str]"]]  # a table's keys and values, in order


class CannotEdit(Exception):
    """The file is laid out in a way these editors do not edit."""


def themes_of(data: Settings) -> list[str]:
    themes = data.get("theme") or []
    return [themes] if isinstance(themes, str) else list(themes)


def append_theme(kind: str, text: str, data: Settings, theme: str) -> str:
    """The file with theme added at the end of its `theme` setting (a name or a list)."""
    flow = "[" + ", ".join(json.dumps(n) for n in [*themes_of(data), theme]) + "]"
    if kind == "toml":
        line = re.search(r"(?m)^theme[ \t]*=[ \t]*(.+?)[ \t]*$", text)
        if line is None:
            raise CannotEdit
        return text[: line.start()] + f"theme = {flow}" + text[line.end():]
    line = re.search(r"(?m)^theme:[ \t]*(\S.*?)?[ \t]*$", text)
    if line is None:
        raise CannotEdit
    if line.group(1):  # theme: PaperMod, or theme: [a, b]
        return text[: line.start()] + f"theme: {flow}" + text[line.end():]
    return _append_yaml_item(text, line.end() + 1, [_yaml_scalar(theme)])


def append_table(kind: str, text: str, data: Settings, key: str, table: Table, in_module_file: bool,
                 comment: str = "") -> str:
    """The file with table added at the end of the list `module.<key>` (in a module file, `<key>`)."""
    if kind == "toml":
        return _append_toml_table(text, key if in_module_file else f"module.{key}", table, comment)
    lines = [f"{k}: {_yaml_scalar(v)}" for k, v in table]
    if comment:
        lines[0] += f"  # {comment}"
    if in_module_file:
        return _append_yaml_list(text, (0, len(text)), "", key, key in data, lines)
    if "module" not in data:
        return _tail(text) + f"module:\n  {key}:\n" + _yaml_item(lines, "    ")
    line = re.search(r"(?m)^module:[ \t]*(#.*)?$", text)
    if line is None or not isinstance(data["module"], (dict, type(None))):  # written inline (`module: {…}`)
        raise CannotEdit
    start = min(line.end() + 1, len(text))
    end = re.compile(r"(?m)^[^\s#]").search(text, start)
    child = re.compile(r"(?m)^([ \t]+)[^\s#]").search(text, start, end.start() if end else len(text))
    return _append_yaml_list(text, (start, end.start() if end else len(text)), child.group(1) if child else "  ",
                             key, key in (data["module"] or {}), lines)


def _append_toml_table(text: str, dotted: str, table: Table, comment: str) -> str:
    lines = [f"[[{dotted}]]"] + [f"  {k} = {json.dumps(v, ensure_ascii=False)}" for k, v in table]
    if comment:
        lines[1] += f"  # {comment}"
    block = "\n".join(lines) + "\n"
    headers = list(re.finditer(r"(?m)^[ \t]*(\[\[?)[ \t]*([^\]\s]+)[ \t]*\]", text))
    last = max((i for i, h in enumerate(headers) if h.group(1) == "[[" and h.group(2) == dotted), default=None)
    if last is not None:  # right after the last such table and its own sub-tables
        after = next((h for h in headers[last + 1:] if not h.group(2).startswith(dotted + ".")), None)
        if after is not None:
            at = len(text[: after.start()].rstrip()) + 1
            return text[:at] + "\n" + block + "\n" + text[at:].lstrip("\n")
    return _tail(text) + block


def _tail(text: str) -> str:
    """The text ready for a new block at its end: a newline, and a blank line after any content."""
    if not text.strip():
        return text
    return text + ("" if text.endswith("\n") else "\n") + ("" if text.endswith("\n\n") else "\n")


def _yaml_scalar(value: str | list[str]) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_scalar(v) for v in value) + "]"
    plain = re.fullmatch(r"[A-Za-z_][A-Za-z0-9_./-]*", value) and value.lower() not in {
        "true", "false", "yes", "no", "on", "off", "null", "y", "n"}
    return value if plain else json.dumps(value, ensure_ascii=False)


def _yaml_item(lines: list[str], indent: str) -> str:
    return "".join(f"{indent}{'- ' if n == 0 else '  '}{line}\n" for n, line in enumerate(lines))


def _append_yaml_list(text: str, block: tuple[int, int], indent: str, key: str, present: bool,
                      lines: list[str]) -> str:
    """Appends an item to the block list `key:` at indent within text[block]; a missing key is added
    at the end of the block."""
    start, end = block
    line = re.compile(rf"(?m)^{indent}{key}:[ \t]*(#.*)?$").search(text, start, end)
    if line is not None:
        return _append_yaml_item(text, min(line.end() + 1, len(text)), lines)
    if present:  # written inline (`imports: […]`)
        raise CannotEdit
    at = _after_content(text, start, end)
    new = f"{indent}{key}:\n" + _yaml_item(lines, indent + "  ")
    return (text[:at] + ("" if at == 0 or text[at - 1] == "\n" else "\n") + new + text[at:])


def _after_content(text: str, start: int, end: int) -> int:
    """Where the last line of content (neither blank nor only a comment) in text[start:end] ends."""
    last = start
    for found in re.compile(r"(?m)^[ \t]*[^\s#].*$").finditer(text, start, end):
        last = min(found.end() + 1, len(text))
    return last


def _append_yaml_item(text: str, start: int, lines: list[str]) -> str:
    """Appends an item to the block list whose items begin at start (after its key's line)."""
    first = re.compile(r"(?m)^([ \t]*)(\S)").search(text, start)
    while first is not None and first.group(2) == "#":
        first = re.compile(r"(?m)^([ \t]*)(\S)").search(text, first.end())
    if first is None or not text.startswith("- ", first.start(2)):
        raise CannotEdit
    indent = first.group(1)
    end = len(text)
    for line in re.compile(r"(?m)^([ \t]*)(\S).*$").finditer(text, first.start()):
        inside = len(line.group(1)) > len(indent) or (line.group(1) == indent and text.startswith("- ", line.start(2)))
        if not inside and line.group(2) != "#":
            end = line.start()
            break
    at = _after_content(text, first.start(), end)
    return text[:at] + ("" if text[at - 1] == "\n" else "\n") + _yaml_item(lines, indent) + text[at:]
