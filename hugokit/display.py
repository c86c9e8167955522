"""Where the paths in diagnostics are shown from.

Diagnostics name a site's files relative to the site; a terminal, an editor and GitHub read paths
relative to the folder they stand in (as every linter prints them). So `cd repo && hugokit check
--site website` shows `website/data/publications.yaml:12:10`, and under GitHub Actions paths are
relative to the repository's checkout ($GITHUB_WORKSPACE), which is where annotations land.
"""

import os
import posixpath
from typing import Iterable, NamedTuple

from hugokit.diagnostics import Diagnostic


class PathDisplay(NamedTuple):
    prefix: str                  # the site's folder as seen from the base ("" when it is the base)
    typed: frozenset[str] = frozenset()  # paths given on the command line: shown as typed

    def shown(self, path: str) -> str:
        if not self.prefix or path.startswith("-") or os.path.isabs(path) or self._under_typed(path):
            return path  # site-relative from here, typed (or in a folder typed), an option, or absolute
        return posixpath.normpath(posixpath.join(self.prefix, path))

    def _under_typed(self, path: str) -> bool:
        return any(path == typed or path.startswith(typed.rstrip("/") + "/") for typed in self.typed)

    def relocate(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        if not self.prefix:
            return list(diagnostics)
        return [d._replace(path=self.shown(d.path)) for d in diagnostics]


def base() -> str:
    """The folder paths are shown relative to: the repository under GitHub Actions, else the current one."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace and os.environ.get("GITHUB_ACTIONS") == "true":
        return workspace
    return os.getcwd()


def for_site(site: str, typed: Iterable[str] = ()) -> PathDisplay:
    """A site inside the base is shown from it; one outside it as typed (`/srv/site/data/…`)."""
    try:
        relative = os.path.relpath(os.path.abspath(site), base())
    except ValueError:  # another drive (Windows): no relative path exists
        relative = os.pardir
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        relative = os.path.normpath(site)
    relative = relative.replace(os.sep, "/")
    return PathDisplay("" if relative == "." else relative, frozenset(typed))

