"""Importers turn other formats into publications; each reports what it could not read."""
from __future__ import annotations

from dataclasses import dataclass, field

from hugokit.diagnostics import Diagnostic
from hugokit.model import Publication


@dataclass(slots=True)
class Imported:
    publications: list[Publication] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    front_matter: str | None = None  # a shortcode page's, kept for the site config
