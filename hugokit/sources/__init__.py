"""The bibliographic web services `hugokit add` and `hugokit refresh` ask, and what they answer.

Nothing here or below is imported by check, build or the hooks: only these two commands go
online. Each service has a module of its own (arxiv, dblp, crossref) that builds its requests
and reads its answers into Records; hugokit.sources.http does the fetching.
"""
from __future__ import annotations

import os
from typing import Any, NamedTuple

from hugokit.config import SERVICE_KEYS as SETTING_KEYS


class Service(NamedTuple):
    key: str            # as in hugokit.yaml's `services:` and the environment variable
    name: str           # as shown to the user
    base_url: str
    concurrency: int    # requests in flight at once: what each service's usage policy tolerates


SERVICES: dict[str, Service] = {s.key: s for s in (
    Service("arxiv", "arXiv", "https://export.arxiv.org/api", 1),
    Service("dblp", "DBLP", "https://dblp.org", 2),
    Service("crossref", "Crossref", "https://api.crossref.org", 4),
)}


class Settings(NamedTuple):
    """How to reach the services: from hugokit.yaml's `services:`, overridden by the environment."""

    urls: dict[str, str]
    contact: str = ""
    timeout: float = 20.0
    retries: int = 3
    cache_days: float = 7.0

    def url(self, key: str) -> str:
        return self.urls[key].rstrip("/")




def env_name(key: str) -> str:
    return f"HUGOKIT_{key.upper()}" + ("_URL" if key in SERVICES else "")


def settings(configured: tuple[tuple[str, str], ...]) -> Settings:
    """configured: hugokit.yaml's `services:` pairs (already checked by hugokit.config)."""
    values = dict(configured)
    for key in SETTING_KEYS:
        if os.environ.get(env_name(key)):
            values[key] = os.environ[env_name(key)]
    urls = {key: values.get(key) or service.base_url for key, service in SERVICES.items()}
    for key, url in urls.items():
        if not url.startswith(("http://", "https://")):
            raise ServiceError(SERVICES[key].name, f"the address {url!r} is not an http(s) URL",
                               f"set {env_name(key)} (or `services: {key}:` in hugokit.yaml) to the service's base URL, "
                               f"e.g. {SERVICES[key].base_url}")
    try:
        return Settings(urls, values.get("contact", ""), float(values.get("timeout", 20)),
                        int(values.get("retries", 3)), float(values.get("cache_days", 7)))
    except ValueError:
        raise ServiceError("hugokit", "a number in the services settings is not a number",
                           f"check services: in hugokit.yaml and the {env_name('timeout')}, {env_name('retries')} "
                           f"and {env_name('cache_days')} variables") from None


class ServiceError(Exception):
    """A service could not be asked, or answered something unreadable: the run stops, nothing is written."""

    def __init__(self, service: str, message: str, hint: str) -> None:
        super().__init__(f"{service}: {message}")
        self.service, self.message, self.hint = service, message, hint


class Record(NamedTuple):
    """What one source says about one paper."""

    source: str                 # "arXiv", "DBLP", "Crossref"
    ref: str                    # the source's own id for it: arXiv id, DBLP key, DOI
    title: str
    authors: list[str]
    year: int | None            # of this version (an arXiv record's: its first submission)
    venue: str = ""             # as the source writes it, before the venue registry
    venue_year: int | None = None  # the published version's year, where the source names one
    published: bool = False     # a peer-reviewed version (not a preprint)
    doi: str = ""
    arxiv: str = ""
    url: str = ""               # where the published version is read
    code: str = ""
    abstract: str = ""
    note: str = ""              # the source's words the finding rests on, for the evidence
    locator: tuple[tuple[str, str], ...] = ()  # a journal article's volume, issue and pages, or a
                                               # proceedings paper's pages: (the source's name for
                                               # each, its text or ""), in that order


def first_text(value: object) -> str:
    """A JSON answer's text field, which the services give as a string or as a list of them (the
    first one counts), its whitespace collapsed."""
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value or "").split())


def web_url(value: object) -> str:
    """value when it is an http(s) URL in one piece; else "" (an answer's link becomes a link on
    the page: a javascript: URL, a list or a text with spaces in it must not)."""
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        return ""
    return value if value.isprintable() and not any(c.isspace() for c in value) else ""


def is_arxiv_doi(doi: str) -> bool:
    """arXiv's own DOIs (10.48550/arXiv.…) name the preprint, not a published version."""
    return doi.lower().startswith("10.48550/")


def unreadable(service: str, status: int, body: str, kind: str, expected: str) -> ServiceError:
    """The error for an answer that is not what the service's API documents."""
    start = body.lstrip()[:200].lower()
    if "html" in kind.lower() or start.startswith(("<!doctype html", "<html")):
        what = f"an HTML page (HTTP {status})"
    elif not body.strip():
        what = f"an empty body (HTTP {status})"
    else:
        what = f"something that is not {expected} (HTTP {status}: {' '.join(body.split())[:60]!r})"
    return ServiceError(service, f"answered {what} instead of {expected}",
                        "the service may be down, or its address wrong (a proxy's or a login page?): "
                        "try again later, or check `services:` in hugokit.yaml and the HUGOKIT_*_URL variables")


def read_json(service: str, status: int, body: str, kind: str) -> dict[str, Any]:
    import json

    try:
        value = json.loads(body)
    except ValueError:
        raise unreadable(service, status, body, kind, "JSON") from None
    if not isinstance(value, dict):
        raise unreadable(service, status, body, kind, "a JSON object")
    return value


def year_in(text: str) -> int | None:
    import re

    found = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", text)
    return int(found[-1]) if found else None
