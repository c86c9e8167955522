"""Where things are in a site folder; imports nothing heavy, so the cached path stays fast."""
from __future__ import annotations

import os
from pathlib import Path

from hugokit.diagnostics import InputError, error, on_command_line

CONFIG_NAME = "hugokit.yaml"
CONTENT_DIR = "content"
# Hugo's configuration files at a site's root, in Hugo's order of preference (a site has one).
HUGO_CONFIG_NAMES = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
                     "config.toml", "config.yaml", "config.yml", "config.json")
PAGE_SUFFIXES = (".md", ".markdown", ".html", ".htm")
VOCABULARY_NAMES = ("venues", "awards", "topics", "people")
PACKAGE = Path(__file__).resolve().parent


def defaults_dir() -> Path:
    """hugokit's shipped vocabularies: installed, the package hugokit.defaults; in a checkout, data/hugokit/."""
    installed = PACKAGE / "defaults"
    return installed if installed.is_dir() else PACKAGE.parent / "data" / "hugokit"


def site_root(site: str) -> Path:
    root = Path(site)
    if not root.is_dir():
        raise InputError([error(on_command_line("--site"), "bad-site", f"the site folder {site} does not exist",
                                "pass --site with the folder that holds your Hugo site")])
    return root


def vocabulary_file(name: str) -> str:
    return f"data/{name}.yaml"


def content_files(root: Path) -> list[str]:
    """Every file under content/, relative to the site, sorted."""
    top = os.path.join(str(root), "")  # "site/", or "./": os.walk's paths start with it
    found: list[str] = []
    for folder, _, names in os.walk(top + CONTENT_DIR):
        prefix = folder[len(top):].replace(os.sep, "/") + "/"
        found.extend(prefix + name for name in names)
    return sorted(found)


def is_page(relative: str) -> bool:
    return relative.lower().endswith(PAGE_SUFFIXES)
