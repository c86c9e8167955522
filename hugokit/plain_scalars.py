"""The tag YAML gives a plain (unquoted) scalar, as PyYAML's resolver decides it, without
importing PyYAML: a check that reads every file without composing YAML nodes (hugokit.database_fast)
must not pay for loading it. The patterns are PyYAML's implicit resolvers (yaml/resolver.py),
in its order; tests/test_plain_scalars.py holds them to PyYAML's own table and answers."""
from __future__ import annotations

import re

TAG = "tag:yaml.org,2002:"
STR = TAG + "str"
INT = TAG + "int"

# (tag, the first characters it is tried for ("" for the empty scalar), pattern in re.X syntax,
# every character the pattern can match: a value with any other is not tried, and most values
# are thus judged without compiling the pattern, which costs more than judging them all)
RESOLVERS: tuple[tuple[str, str, str, str], ...] = (
    ("bool", "yYnNtTfFoO", r'''^(?:yes|Yes|YES|no|No|NO
                    |true|True|TRUE|false|False|FALSE
                    |on|On|ON|off|Off|OFF)$''', "yYeEsSnNoOtTrRuUfFaAlL"),
    ("float", "-+0123456789.", r'''^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$''', "0123456789_.eE+-:infINFaA"),
    ("int", "-+0123456789", r'''^(?:[-+]?0b[0-1_]+
                    |[-+]?0[0-7_]+
                    |[-+]?(?:0|[1-9][0-9_]*)
                    |[-+]?0x[0-9a-fA-F_]+
                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$''', "0123456789_+-bx:abcdefABCDEF"),
    ("merge", "<", r'^(?:<<)$', "<"),
    ("null", "~nN", r'''^(?: ~
                    |null|Null|NULL
                    | )$''', "~nulNUL"),
    ("timestamp", "0123456789", r'''^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
                     (?:[Tt]|[ \t]+)[0-9][0-9]?
                     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
                     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$''', "0123456789-Tt \t:.Z+"),
    ("value", "=", r'^(?:=)$', "="),
    ("yaml", "!&*", r'^(?:!|&|\*)$', "!&*"),
)
_EMPTY_IS = "null"  # the one resolver PyYAML also tries for the empty scalar

_BY_FIRST: dict[str, list[int]] = {}
for _number, (_tag, _firsts, _, _) in enumerate(RESOLVERS):
    for _first in [*_firsts, *([""] if _tag == _EMPTY_IS else [])]:
        _BY_FIRST.setdefault(_first, []).append(_number)
# Each pattern is compiled when first needed: a database's plain values are mostly words, which
# start none of them.
_compiled: list[re.Pattern[str] | None] = [None] * len(RESOLVERS)


def plain_tag(value: str) -> str:
    """The tag of a plain scalar whose text is value (YAML 1.1, as PyYAML reads it)."""
    if value.isdigit() and value.isascii() and (value[0] != "0" or len(value) == 1):
        return INT  # a year, in every entry: float and timestamp need more than digits; no pattern compiled
    for number in _BY_FIRST.get(value[:1], ()):
        if value.strip(RESOLVERS[number][3] + "\n"):  # (a pattern's $ also matches before a final line break)
            continue  # a character the pattern cannot match (the empty value is tried)
        pattern = _compiled[number]
        if pattern is None:
            pattern = _compiled[number] = re.compile(RESOLVERS[number][2], re.X)
        if pattern.match(value):
            return TAG + RESOLVERS[number][0]
    return STR
