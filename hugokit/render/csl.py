"""CSL-JSON output (`hugokit export csl-json`): what citation processors and reference managers read."""
from __future__ import annotations

import json

from hugokit.model import Publication
from hugokit.render.bibtex import citation_keys
from hugokit.text import name_parts, split_marks
from hugokit.venue_kinds import csl_type, venue_of
from hugokit.vocab import Vocabulary


def csl_name(author: str) -> dict[str, str]:
    given, particle, family, suffix = name_parts(author)
    if not given:
        return {"literal": " ".join(p for p in (particle, family, suffix) if p)}
    name = {"family": family, "given": given}
    if particle:
        name["non-dropping-particle"] = particle
    if suffix:
        name["suffix"] = suffix
    return name


def item(pub: Publication, key: str, venues: Vocabulary) -> dict[str, object]:
    venue = venue_of(pub, venues)
    out: dict[str, object] = {"id": key, "type": csl_type(venue), "title": pub.title}
    authors = [a for a in pub.authors if split_marks(a)[0] != "et al."]
    if authors:
        out["author"] = [csl_name(a) for a in authors]
    editors = [e for e in pub.editors if split_marks(e)[0] != "et al."]
    if editors:
        out["editor"] = [csl_name(e) for e in editors]
    parts = [int(part) for part in pub.date.split("-")] if pub.date else [venue.year or pub.year]
    out["issued"] = {"date-parts": [parts]}
    if venue.name:
        out["container-title"] = venue.full
        out["container-title-short"] = venue.short
    if venue.locator is not None:
        out.update(venue.locator.fields("volume", "issue", "page", "-"))
    if pub.doi:
        out["DOI"] = pub.doi
    if "paper" in pub.links:
        out["URL"] = pub.links["paper"]
    if pub.abstract:
        out["abstract"] = pub.abstract
    if pub.keywords:
        out["keyword"] = ", ".join(pub.keywords)
    if pub.award:
        out["note"] = pub.award
    return out


def render_csl(publications: list[Publication], venues: Vocabulary, keys: list[str] | None = None) -> str:
    """The whole database, each item under its key (citation_keys, unless given)."""
    keys = citation_keys(publications) if keys is None else keys
    items = [item(pub, key, venues) for pub, key in zip(publications, keys)]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
