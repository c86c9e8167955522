"""Writing publications as database YAML: deterministic, readable, and read back unchanged."""
from __future__ import annotations

import json
import re

from hugokit.model import Publication
from hugokit.plain_scalars import STR, plain_tag

# Conservative: what may stand unquoted in both block and flow context.
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^:,\[\]{}#]|:(?=[\w/]))*")
_LINE_BREAKS = {"\u0085": "\\N", "\u2028": "\\L", "\u2029": "\\P"}
# What PyYAML's reader refuses in a stream (yaml.reader.Reader.NON_PRINTABLE), plus the line breaks.
# Compiled on first use: the class spans all of Unicode and takes milliseconds to compile.
_UNPRINTABLE_CLASS = "[^\x09\x0A\x0D\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]"

HEADER = ("# The publication database: one entry per publication, in page order. Edit this file,\n"
          "# then run `hugokit build` to regenerate content/publications.md.\n")


def scalar(value: str | int, *, quoted: bool = False) -> str:
    """A YAML scalar for value: plain where that reads back as the same string, else double-quoted."""
    if isinstance(value, int):
        return str(value)
    if not quoted and value.isprintable() and _PLAIN.fullmatch(value) and not value.endswith(" ") \
            and plain_tag(value) == STR:  # what PyYAML would read it back as
        return value
    text = json.dumps(value, ensure_ascii=False)
    return text if text.isascii() and "\x7f" not in text else re.sub(_UNPRINTABLE_CLASS, _escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _LINE_BREAKS.get(char) or f"\\u{ord(char):04x}"


def _flow_list(values: list[str]) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def _flow_map(values: dict[str, str]) -> str:
    return "{" + ", ".join(f"{scalar(k)}: {scalar(v, quoted=True)}" for k, v in values.items()) + "}"


def render_value(key: str, value: object) -> str:
    """One field's value as YAML text (flow style for lists and mappings)."""
    if isinstance(value, list):
        return _flow_list(value)
    if isinstance(value, dict):
        return _flow_map(value)
    return scalar(value, quoted=key in ("title", "abstract"))  # type: ignore[arg-type]


def render_link(kind: str, url: str) -> str:
    return f"{scalar(kind)}: {scalar(url, quoted=True)}"


def render_entry(pub: Publication, indent: str = "") -> str:
    lines = [f"{key}: {render_value(key, value)}" for key, value in pub.fields().items()]
    return f"{indent}- " + f"\n{indent}  ".join(lines) + "\n"


def render_database(publications: list[Publication], header: str = HEADER) -> str:
    return header + "".join(render_entry(pub) for pub in publications)
