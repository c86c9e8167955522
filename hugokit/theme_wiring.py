"""Wiring hugokit's layouts and vocabularies into a Hugo site's configuration.

A site that lists themes (`theme = "PaperMod"`) gets hugokit put first in that list (its
shortcode and list layout then win); any other site imports hugokit as a Hugo module. The file is
edited as text, adding only the lines needed, so its comments and layout stay; an edit is kept
only if the edited file parses to exactly the old settings plus hugokit's, otherwise the site is
told what to add by hand.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, NamedTuple

Settings = dict[str, Any]  # a parsed Hugo configuration

from hugokit import HUGO_MODULE

# Hugo's own order of preference (a site has one of them), then the same in a config folder.
_ROOT_NAMES = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
               "config.toml", "config.yaml", "config.yml", "config.json")
CONFIG_NAMES = _ROOT_NAMES + tuple(f"config/_default/{name}" for name in _ROOT_NAMES)
CONFIG_DIR = "config/_default"
# Settings split over files: a module file holds the `module` section (Hugo Blox sites keep their
# imports there).
MODULE_FILES = tuple(f"{CONFIG_DIR}/module.{ext}" for ext in ("toml", "yaml", "yml", "json"))
THEME_NAME = "hugokit"  # the folder under themes/ when hugokit is a theme (a Git submodule)


class Wiring(NamedTuple):
    text: str | None  # the edited configuration, or None when nothing is to be written
    done: str         # what was done (or is so already), for the user
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


def is_wired(data: Settings) -> bool:
    themes = data.get("theme") or []
    themes = [themes] if isinstance(themes, str) else themes
    imports = (data.get("module") or {}).get("imports") or []
    paths = [item.get("path") for item in imports if isinstance(item, dict)]
    return THEME_NAME in themes or HUGO_MODULE in paths or any(str(p).endswith("/hugokit") for p in paths)


def wanted(data: Settings) -> Settings:
    """The settings with hugokit wired in: first of the themes, or first of the module imports."""
    new: Settings = json.loads(json.dumps(data, default=str))
    if "theme" in data:
        themes = data["theme"]
        new["theme"] = [THEME_NAME, *([themes] if isinstance(themes, str) else themes)]
    else:
        module = new.setdefault("module", {})
        module["imports"] = [{"path": HUGO_MODULE}, *(module.get("imports") or [])]
    return new


def wire(name: str, text: str) -> Wiring:
    data = settings(name, text)
    uses_themes = "theme" in data
    if is_wired(data):
        return Wiring(None, "already uses hugokit")
    edit = _EDITORS[name.rsplit(".", 1)[-1]]
    try:
        edited = edit(text, data, uses_themes, "" if _is_module_file(name) else "module.")
    except _CannotEdit:
        edited = None
    if edited is not None:
        try:
            same = json.loads(json.dumps(settings(name, edited), default=str)) == wanted(data)
        except ValueError:
            same = False
        if same:
            return Wiring(edited, "put hugokit first in its theme list" if uses_themes
                          else "added hugokit as a Hugo module import")
    return Wiring(None, "could not be edited safely", _manual(name, uses_themes))


class _CannotEdit(Exception):
    pass


def _toml(text: str, data: Settings, uses_themes: bool, section: str) -> str:
    if uses_themes:
        line = re.search(r"(?m)^theme[ \t]*=[ \t]*(.+?)[ \t]*$", text)
        if line is None:
            raise _CannotEdit
        themes = data["theme"]
        names = [THEME_NAME, *([themes] if isinstance(themes, str) else themes)]
        value = "[" + ", ".join(json.dumps(n) for n in names) + "]"
        return text[: line.start()] + f"theme = {value}" + text[line.end():]
    block = f'[[{section}imports]]\n  path = "{HUGO_MODULE}"  # hugokit\'s layouts and vocabularies\n'
    first = re.search(r"(?m)^\s*\[\[\s*" + re.escape(section) + r"imports\s*\]\]", text)
    if first is not None:  # before the site's other imports: the first import wins
        return text[: first.start()] + block + "\n" + text[first.start():]
    return text + ("" if text.endswith("\n") or not text else "\n") + "\n" + block


def _yaml(text: str, data: Settings, uses_themes: bool, section: str) -> str:
    if uses_themes:
        line = re.search(r"(?m)^theme:[ \t]*(\S.*?)?[ \t]*$", text)
        if line is None:
            raise _CannotEdit
        if line.group(1):  # theme: PaperMod, or theme: [a, b]
            themes = data["theme"]
            names = [THEME_NAME, *([themes] if isinstance(themes, str) else themes)]
            return text[: line.start()] + "theme: [" + ", ".join(json.dumps(n) for n in names) + "]" + \
                text[line.end():]
        item = re.compile(r"([ \t]*)- ").match(text, line.end() + 1)  # a block list below
        if item is None:
            raise _CannotEdit
        return text[: line.end() + 1] + f"{item.group(1)}- {THEME_NAME}\n" + text[line.end() + 1:]
    if not section:  # a module file: imports at the top
        imports = re.search(r"(?m)^()imports:[ \t]*\n([ \t]*)- ", text)
        if imports is not None:
            return text[:imports.start(2)] + f"{imports.group(2)}- path: {HUGO_MODULE}\n" + text[imports.start(2):]
        if "imports" in data["module"]:
            raise _CannotEdit
        return text + ("" if text.endswith("\n") or not text else "\n") + \
            f"imports:\n  - path: {HUGO_MODULE}  # hugokit's layouts and vocabularies\n"
    if "module" in data:
        imports = re.search(r"(?m)^([ \t]+)imports:[ \t]*\n([ \t]*)- ", text)
        if imports is None:
            raise _CannotEdit
        at = imports.start(2)
        return text[:at] + f"{imports.group(2)}- path: {HUGO_MODULE}\n" + text[at:]
    return text + ("" if text.endswith("\n") or not text else "\n") + \
        f"module:\n  imports:\n    - path: {HUGO_MODULE}  # hugokit's layouts and vocabularies\n"


def _json(text: str, data: Settings, uses_themes: bool, section: str) -> str:
    def inner(settings: Settings) -> Settings:
        return settings if section else settings["module"]

    for indent in (2, 4, "\t"):  # only a file laid out as json.dumps lays it out can be rewritten as is
        for end in ("\n", ""):
            if json.dumps(inner(data), indent=indent, ensure_ascii=False) + end == text:
                return json.dumps(inner(wanted(data)), indent=indent, ensure_ascii=False) + end
    raise _CannotEdit


_EDITORS = {"toml": _toml, "yaml": _yaml, "yml": _yaml, "json": _json}


def _manual(name: str, uses_themes: bool) -> str:
    if _is_module_file(name):
        return f"add to the imports of {name}, first: path {HUGO_MODULE}"
    if uses_themes:
        return f'in {name}, put "{THEME_NAME}" first in the theme list: theme = ["{THEME_NAME}", ...]'
    if name.endswith(".toml"):
        return f'add to {name}:\n[[module.imports]]\n  path = "{HUGO_MODULE}"'
    if name.endswith(".json"):
        return f'add to {name}: "module": {{"imports": [{{"path": "{HUGO_MODULE}"}}]}}'
    return f"add to {name}:\nmodule:\n  imports:\n    - path: {HUGO_MODULE}"


def new_site_config(title: str) -> str:
    """hugo.toml for a folder that is no Hugo site yet."""
    return (f'baseURL = "https://example.org/"\ntitle = {json.dumps(title)}\n\n'
            f'[[module.imports]]\n  path = "{HUGO_MODULE}"  # hugokit\'s layouts and vocabularies\n')
