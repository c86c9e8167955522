"""Where things are in a site folder; imports nothing heavy, so the cached path stays fast."""

import os
import time
from pathlib import Path
from typing import NamedTuple

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


class Listing(NamedTuple):
    """Every file and folder under content/ (relative to the site, sorted), and when the listing began."""

    files: list[str]
    folders: list[str]
    taken_at: int  # time.time_ns() before the first folder was read


def walk_content(root: Path) -> Listing:
    top = os.path.join(str(root), "")  # "site/", or "./": os.walk's paths start with it
    taken_at = time.time_ns()
    files: list[str] = []
    folders: list[str] = []
    for folder, _, names in os.walk(top + CONTENT_DIR):
        relative = folder[len(top):].replace(os.sep, "/")
        folders.append(relative)
        files.extend(f"{relative}/{name}" for name in names)
    return Listing(sorted(files), sorted(folders), taken_at)


def is_page(relative: str) -> bool:
    """Whether Hugo reads the file as a page: its suffix, and no name on its path starting with a
    dot (Hugo skips those files and folders; hugokit's half-written bundles are such folders)."""
    return relative.lower().endswith(PAGE_SUFFIXES) and "/." not in f"/{relative}"
