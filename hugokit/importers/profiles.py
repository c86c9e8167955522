"""Hugo Blox user profiles named as authors: `authors: [kazienko]` on a page of a site that has
`content/authors/kazienko/_index.md`.

Hugo Blox shows such an author under the profile's `title` (the display name; older profiles
call it `name`; the current template keeps profiles in `data/authors/<slug>.yaml`, under
`name: {display: …}`) and links it to the profile. The database keeps names, so the import
writes the name the site shows, and says so once per profile. A profile is looked for in an
`authors` folder beside the pages' section and in every folder above it, up to `content/` or the
imported folder's parent (a multilingual site keeps one per language: `content/en/authors/`).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import yaml

from hugokit.diagnostics import Diagnostic, Position, quoted, warning
from hugokit.text import front_matter_close

_PROFILE_PAGES = ("_index.md", "index.md")


class Profiles:
    """The profiles a folder of pages can name, read once each, and the names they gave."""

    def __init__(self, source: Path) -> None:
        self._top = (source if source.is_dir() else source.parent).resolve().parent
        self._names: dict[Path, str | None] = {}
        self._used: dict[str, tuple[int, Position, str, str]] = {}

    def name(self, page: Path, username: str, where: Position) -> str | None:
        """The display name of the profile `username` for this page, or None when there is none."""
        if not username or "/" in username or "\\" in username or username.startswith("."):
            return None
        # Hugo finds the profile at the term's URL: lower case, spaces as hyphens
        slug = "-".join(username.lower().split())
        for profile, shown in self._places(page, slug, where):
            if profile not in self._names:
                self._names[profile] = _display_name(profile) if profile.suffix != ".yaml" else _data_name(profile)
            found = self._names[profile]
            if found == username:
                return None
            if found:
                count, first, name, _ = self._used.get(username, (0, where, found, shown))
                self._used[username] = (count + 1, first, name, shown)
                return found
        return None

    def _places(self, page: Path, slug: str, where: Position) -> Iterator[tuple[Path, str]]:
        """Where the profile may be, and how to show it: an authors/ folder up to content/, then
        (Hugo Blox's current template) data/authors/<slug>.yaml beside content/."""
        base = os.path.dirname(where.path)
        for depth, folder in enumerate(_folders_up_to(page.resolve().parent, self._top)):
            yield folder / "authors" / slug, _shown(base, [".."] * depth + ["authors", slug]) + "/"
            if folder.name == "content":
                yield (folder.parent / "data" / "authors" / f"{slug}.yaml",
                       _shown(base, [".."] * (depth + 1) + ["data", "authors", f"{slug}.yaml"]))

    def usernames(self) -> dict[str, str]:
        """Each name read from a profile, and the username the pages wrote for it."""
        return {name: username for username, (_, _, name, _) in self._used.items()}

    def diagnostics(self) -> list[Diagnostic]:
        out = []
        for username, (count, first, name, shown) in self._used.items():
            pages = "1 page" if count == 1 else f"{count} pages"
            out.append(warning(first, "profile-author",
                               f"author {quoted(username)} is the Hugo Blox profile {shown}: imported as its name "
                               f"{quoted(name)} ({pages}, the first here)",
                               "nothing to do if that is the person; the database keeps names: for the page "
                               "bundles hugokit generates to link the profile, list the person in "
                               f"data/people.yaml with `profile: {username}` (hugokit init does)"))
        return out


def _folders_up_to(folder: Path, top: Path) -> list[Path]:
    """The folder and those above it, up to the nearest `content` folder, else up to top (the
    folder holding what is imported)."""
    chain = [folder, *folder.parents]
    for index, candidate in enumerate(chain):
        if candidate.name == "content" or candidate == top:
            return chain[:index + 1]
    return [folder]


def _display_name(profile: Path) -> str | None:
    for page in _PROFILE_PAGES:
        path = profile / page
        if not path.is_file():
            continue
        try:
            lines = path.read_text(encoding="utf-8-sig").split("\n")
            end = front_matter_close(lines)
            data = yaml.safe_load("\n".join(lines[1:end])) if end is not None else None
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return None
        if isinstance(data, dict):
            for key in ("title", "name"):
                value = data.get(key)
                if isinstance(value, str) and value.strip():
                    return " ".join(value.split())
        return None
    return None


def _data_name(path: Path) -> str | None:
    """The display name in a data/authors/<slug>.yaml profile: `name: {display: …}` or `name: …`."""
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    name = data.get("name") if isinstance(data, dict) else None
    if isinstance(name, dict):
        name = name.get("display") or " ".join(str(name[k]) for k in ("given", "family") if name.get(k))
    return " ".join(name.split()) if isinstance(name, str) and name.strip() else None


def _shown(base: str, parts: list[str]) -> str:
    """A profile's path as the page's path is shown: from the page's folder."""
    return os.path.normpath(os.path.join(base, *parts))
