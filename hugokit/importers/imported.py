"""What every importer returns."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from hugokit.diagnostics import Diagnostic
from hugokit.model import Publication

Progress = Callable[[int], None]  # told how many more characters of the source were read


@dataclass(slots=True)
class Imported:
    publications: list[Publication] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    front_matter: str | None = None  # a shortcode page's, kept for the site config
    profiles: dict[str, str] = field(default_factory=dict)  # a name read from a Hugo Blox profile -> its username
