"""hugokit.yaml loaded: from the cache's memo when its text was read cleanly before, else parsed
(hugokit.config_read, which imports PyYAML and reports every problem)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hugokit.config import KEYS, PATH_KEYS, CodeRef, SectionSchema, SiteConfig, outside_site
from hugokit.diagnostics import Position, Severity
from hugokit.inputs import read_text
from hugokit.layout import CONFIG_NAME

if TYPE_CHECKING:
    from hugokit.cache import Cache


def load_config(root: Path, cache: Cache | None = None) -> SiteConfig:
    """The site's configuration; a missing file means defaults, a bad one raises InputError.

    With a cache, a text read cleanly before comes from the cache's memo, keyed by the text's
    digest (no YAML is parsed); only the check that the configured paths stay inside the site,
    which depends on the file system, is made again.
    """
    path = root / CONFIG_NAME
    if not path.is_file():
        return SiteConfig(root=root)
    text = read_text(path, CONFIG_NAME)
    from hugokit.cache import text_digest

    digest = text_digest(text)
    memo = cache.recall("config", digest) if cache is not None else None
    config = from_memo(memo, root, digest) if memo is not None else None
    if config is None:
        from hugokit.config_read import read_config

        config = read_config(root, text, digest)  # (raises InputError on any problem: none is memoised)
        if cache is not None:
            cache.remember("config", digest, to_memo(config))
    return config


def to_memo(config: SiteConfig) -> dict[str, object]:
    """A config's settings as JSON data: those the file gave, and the rule codes it names."""
    values = {key: getattr(config, key) for key in KEYS if getattr(config, key) != SiteConfig._field_defaults[key]}
    return {"values": json_ready(values), "rule_codes": json_ready(config.rule_codes)}


def json_ready(value: object) -> object:
    """value with its tuples as lists and its severities as their names, as JSON keeps them."""
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [json_ready(item) for item in value]
    return value.value if isinstance(value, Severity) else value


def from_memo(memo: object, root: Path, digest: str) -> SiteConfig | None:
    """The config to_memo's data stands for, or None when the data is not what to_memo makes
    (a damaged memo) or a configured path no longer stays inside the site."""
    try:
        assert isinstance(memo, dict) and isinstance(memo["values"], dict)
        values = {key: _setting(KEYS[key].kind, value) for key, value in memo["values"].items()}
        codes = tuple(CodeRef(code, Position(*where), what) for code, where, what in memo["rule_codes"])
        assert all(isinstance(part, str) for ref in codes for part in (ref.code, ref.what, ref.where.path))
        assert all(type(number) is int for ref in codes for number in ref.where[1:])
    except (AssertionError, KeyError, TypeError, ValueError):
        return None
    if any(key in values and outside_site(root, str(values[key])) for key in PATH_KEYS):
        return None  # the full reader reports it
    return SiteConfig(root=root, file=CONFIG_NAME, rule_codes=codes, read_digest=digest,
                      **values)  # type: ignore[arg-type]


def _setting(kind: str, value: object) -> object:
    """A setting of kind as read back from JSON; AssertionError for anything else."""
    def strings(items: object) -> tuple[str, ...]:
        assert isinstance(items, list) and all(isinstance(i, str) for i in items)
        return tuple(items)

    def pairs(items: object) -> tuple[tuple[str, str], ...]:
        assert isinstance(items, list)
        out = tuple(strings(item) for item in items)
        assert all(len(pair) == 2 for pair in out)
        return out  # type: ignore[return-value]

    if kind in ("list", "codes"):
        return strings(value)
    if kind == "severities":
        return tuple((code, Severity(name)) for code, name in pairs(value))
    if kind in ("services", "marks"):
        return pairs(value)
    if kind == "map":
        assert isinstance(value, list)
        schemas = []
        for section, required, types in value:
            assert isinstance(section, str)
            schemas.append(SectionSchema(section, strings(required), pairs(types)))
        return tuple(schemas)
    assert type(value) is {"str": str, "int": int, "bool": bool}[kind]
    return value
