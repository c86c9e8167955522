"""Wiring hugokit's layouts and vocabularies into a Hugo site's configuration.

hugokit goes last: after the site's themes when it lists them (`theme = ["PaperMod", "hugokit"]`),
else after its module imports, so that a theme's base and page layouts win and hugokit adds only
what the theme lacks (Hugo picks each template, `baseof.html` included, by theme order). A mount of
data/ without the database keeps the YAML out of Hugo's data loading, which gives up on a few
thousand entries (the layouts read data/hugokit/publications.json instead). Each edit adds lines as
text (hugokit.config_edit) and is kept only if the edited file parses to exactly the old settings
plus hugokit's; otherwise the site is told what to add by hand.
"""
from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any, Callable, NamedTuple

from hugokit import HUGO_MODULE
from hugokit.config_edit import CannotEdit, Settings, append_table, append_theme, themes_of
from hugokit.layout import HUGO_CONFIG_NAMES

CONFIG_DIR = "config/_default"
# The site's root files first, then the same in a config folder.
CONFIG_NAMES = HUGO_CONFIG_NAMES + tuple(f"{CONFIG_DIR}/{name}" for name in HUGO_CONFIG_NAMES)
# Settings split over files: a module file holds the `module` section (Hugo Blox sites keep their
# imports there).
MODULE_FILES = tuple(f"{CONFIG_DIR}/module.{ext}" for ext in ("toml", "yaml", "yml", "json"))
THEME_NAME = "hugokit"  # the folder under themes/ when hugokit is a theme (a Git submodule)
DATA = "data"           # the site's data folder, as Hugo mounts it by default
_COMMENT = "hugokit's layouts and vocabularies"


class Step(NamedTuple):
    text: str | None  # the edited configuration, or None when nothing is to be written
    done: str         # what was done (or is so already), for the user; "" when nothing is to say
    manual: str = ""  # what to add by hand when the file could not be edited safely


def find_config(root: Path) -> str | None:
    """The file to wire hugokit into: the main configuration, or the module file beside it
    when the site's imports live there and it lists no themes."""
    main = next((name for name in CONFIG_NAMES if (root / name).is_file()), None)
    module = next((name for name in MODULE_FILES if (root / name).is_file()), None)
    if module is None:
        return main
    if main is not None:
        try:
            if "theme" in parse(main, (root / main).read_text(encoding="utf-8")):
                return main
        except (ValueError, OSError):
            return main
    return module


def find_module_config(root: Path) -> str | None:
    """The file holding the site's `module` settings (its mounts): the module file, else the main one."""
    module = next((name for name in MODULE_FILES if (root / name).is_file()), None)
    return module or next((name for name in CONFIG_NAMES if (root / name).is_file()), None)


def _is_module_file(name: str) -> bool:
    return name.rsplit("/", 1)[-1].startswith("module.")


def settings(name: str, text: str) -> Settings:
    """The configuration's settings as in one file (a module file's are the `module` section)."""
    data = parse(name, text)
    return {"module": data} if _is_module_file(name) else data


def parse(name: str, text: str) -> Settings:
    """The configuration's settings (ValueError when the file does not parse as a mapping)."""
    try:
        if name.endswith(".toml"):
            import tomllib

            data = tomllib.loads(text)
        elif name.endswith(".json"):
            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text) or {}
    except Exception as exc:  # tomllib, json and yaml each raise their own kind
        raise ValueError(f"{name} does not parse: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{name} is not a mapping of settings")
    return data


def _import_paths(data: Settings) -> list[str]:
    imports = (data.get("module") or {}).get("imports") or []
    return [str(item.get("path")) for item in imports if isinstance(item, dict)]


def _is_hugokit(path: str) -> bool:
    return path in (THEME_NAME, HUGO_MODULE) or path.endswith("/hugokit")


def is_wired(data: Settings) -> bool:
    return THEME_NAME in themes_of(data) or any(_is_hugokit(p) for p in _import_paths(data))


def _listed_after_hugokit(data: Settings) -> list[str]:
    """The themes or imports that come after hugokit (and so yield to its base and layouts)."""
    for names in (themes_of(data), _import_paths(data)):
        at = next((n for n, name in enumerate(names) if _is_hugokit(name)), None)
        if at is not None:
            return names[at + 1:]
    return []


def _plain(data: Settings) -> Settings:
    """The settings as JSON has them (TOML's dates as text), to compare with an edit's."""
    plain: Settings = json.loads(json.dumps(data, default=str))
    return plain


def _module_list_added(data: Settings, key: str, item: dict[str, Any]) -> Settings:
    new = _plain(data)
    module = new.setdefault("module", {}) or {}
    new["module"] = module
    module[key] = [*(module.get(key) or []), item]
    return new


def _kept(name: str, edit: Callable[[], str], want: Settings) -> str | None:
    """The edited text when it parses to exactly the wanted settings, else None."""
    try:
        edited = edit()
        return edited if _plain(settings(name, edited)) == want else None
    except (CannotEdit, ValueError):
        return None


def _editor(name: str, text: str, raw: Settings, edit: Callable[[str], str], want: Settings) -> Callable[[], str]:
    """How to edit the file: as text, or, for JSON, rewritten whole when laid out as json.dumps lays it out."""
    kind = name.rsplit(".", 1)[-1].replace("yml", "yaml")
    if kind != "json":
        return lambda: edit(kind)
    wanted_raw = want["module"] if _is_module_file(name) else want

    def rewrite() -> str:
        for indent in (2, 4, "\t"):
            for end in ("\n", ""):
                if json.dumps(raw, indent=indent, ensure_ascii=False) + end == text:
                    return json.dumps(wanted_raw, indent=indent, ensure_ascii=False) + end
        raise CannotEdit
    return rewrite


def wire_theme(name: str, text: str) -> Step:
    """Adds hugokit last to the site's themes, or else to its module imports."""
    data, raw = settings(name, text), parse(name, text)
    if is_wired(data):
        later = _listed_after_hugokit(data)
        return Step(None, "already uses hugokit", "" if not later else
                    f"in {name}, hugokit comes before {', '.join(later)}: move it last, so that their base and "
                    f"page layouts are used and hugokit adds only what they lack")
    if "theme" in data:
        themes = themes_of(data)
        want = _plain(data) | {"theme": [*themes, THEME_NAME]}
        edit = _editor(name, text, raw, lambda kind: append_theme(kind, text, raw, THEME_NAME), want)
        listed = ", ".join(json.dumps(t) for t in themes)
        if (edited := _kept(name, edit, want)) is not None:
            return Step(edited, f"put hugokit last in its theme list, after {', '.join(themes)}" if themes
                        else "added hugokit to its theme list")
        return Step(None, "could not be edited safely",
                    f'in {name}, add "{THEME_NAME}" last to the theme list: theme = [{listed + ", " if listed else ""}"{THEME_NAME}"]')
    imports = _import_paths(data)
    want = _module_list_added(data, "imports", {"path": HUGO_MODULE})
    edit = _editor(name, text, raw, lambda kind: append_table(
        kind, text, raw, "imports", [("path", HUGO_MODULE)], _is_module_file(name), _COMMENT), want)
    if (edited := _kept(name, edit, want)) is not None:
        return Step(edited, "added hugokit as a Hugo module import" + (f", after {imports[-1]}" if imports else ""))
    return Step(None, "could not be edited safely", _manual(name, "imports", [("path", HUGO_MODULE)]))


def _database_pattern(database: str) -> str | None:
    """The database's path inside the data folder, as a mount's `files` pattern matches it."""
    path = posixpath.normpath(database)
    return path[len(DATA) + 1:] if path.startswith(DATA + "/") else None


def _excludes(mount: dict[str, Any], inside: str) -> bool:
    files = mount.get("files") or []
    excluded = mount.get("excludeFiles") or []  # its name before Hugo 0.153
    excluded = [excluded] if isinstance(excluded, str) else excluded
    return posixpath.normpath(str(mount.get("source", ""))) == DATA and (
        inside in excluded or any(str(f).startswith("!") and str(f)[1:].strip() == inside for f in files))


def mount_table(inside: str) -> list[tuple[str, str | list[str]]]:
    return [("source", DATA), ("target", DATA), ("files", [f"! {inside}"])]


def exclude_database(name: str, text: str, database: str) -> Step:
    """Adds a mount of data/ without the database, unless the site mounts its data/ itself."""
    inside = _database_pattern(database)
    if inside is None:  # the database lives outside data/: Hugo does not load it
        return Step(None, "")
    data, raw = settings(name, text), parse(name, text)
    mounts = [m for m in (data.get("module") or {}).get("mounts") or [] if isinstance(m, dict)]
    own = [m for m in mounts if str(m.get("target", "")).strip("/").split("/")[0] == DATA]
    if any(_excludes(m, inside) for m in own):
        return Step(None, f"already keeps {database} out of Hugo's data loading")
    why = (f"Hugo's YAML loader gives up on a few thousand entries, so keep {database} out of its data loading "
           "(hugokit's layouts read data/hugokit/publications.json)")
    if own:  # a mount of the site's own replaces Hugo's default one: that mount is the one to filter
        return Step(None, "", f"{name} mounts {DATA}/ itself; {why}: add files = [\"! {inside}\"] to its mount "
                              f"with source {DATA}")
    want = _module_list_added(data, "mounts", dict(mount_table(inside)))
    edit = _editor(name, text, raw, lambda kind: append_table(
        kind, text, raw, "mounts", mount_table(inside), _is_module_file(name)), want)
    if (edited := _kept(name, edit, want)) is not None:
        return Step(edited, f"mounted {DATA}/ without {inside}, which keeps the database out of Hugo's data "
                    "loading (Hugo's YAML loader gives up on a few thousand entries; hugokit's layouts read "
                    "data/hugokit/publications.json)")
    return Step(None, "", f"{why}: " + _manual(name, "mounts", mount_table(inside)))


def _manual(name: str, key: str, table: list[tuple[str, Any]]) -> str:
    if name.endswith(".toml"):
        section = key if _is_module_file(name) else f"module.{key}"
        return f"add to {name}:\n[[{section}]]\n" + "".join(f"  {k} = {json.dumps(v)}\n" for k, v in table)
    if name.endswith(".json"):
        item = json.dumps(dict(table))
        return f'add to {name}: {{"{key}": [..., {item}]}}' if _is_module_file(name) else \
            f'add to {name}: "module": {{"{key}": [..., {item}]}}'
    lines = "".join(f"{'- ' if n == 0 else '  '}{k}: {json.dumps(v)}\n" for n, (k, v) in enumerate(table))
    if _is_module_file(name):
        return f"add to {name}, last in {key}:\n" + "".join(f"  {line}\n" for line in lines.splitlines())
    return f"add to {name}, last in module.{key}:\n" + "".join(f"    {line}\n" for line in lines.splitlines())


def new_site_config(title: str, database: str) -> str:
    """hugo.toml for a folder that is no Hugo site yet."""
    text = (f'baseURL = "https://example.org/"\ntitle = {json.dumps(title)}\n\n'
            f'[[module.imports]]\n  path = "{HUGO_MODULE}"  # {_COMMENT}\n')
    step = exclude_database("hugo.toml", text, database)
    return step.text or text
