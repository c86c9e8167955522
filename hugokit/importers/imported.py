"""What every importer returns."""
from __future__ import annotations

from typing import Callable

from hugokit.diagnostics import Diagnostic
from hugokit.model import Publication

Progress = Callable[[int], None]  # told how many more characters of the source were read


class Imported:
    """(A plain class, as the start-up path's are: see hugokit.model.)"""

    __slots__ = ("publications", "diagnostics", "front_matter", "profiles")

    def __init__(self, front_matter: str | None = None) -> None:
        self.publications: list[Publication] = []
        self.diagnostics: list[Diagnostic] = []
        self.front_matter = front_matter  # a shortcode page's, kept for the site config
        self.profiles: dict[str, str] = {}  # a name read from a Hugo Blox profile -> its username
