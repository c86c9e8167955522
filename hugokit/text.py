"""Small text helpers shared by rules, importers, renderers and the online sources."""
from __future__ import annotations

import re
import unicodedata

MARKS = "*†‡"  # equal-contribution marks after an author's name
# Characters that show as nothing, which text copied from a PDF or a word processor brings along:
# zero-width space, word joiner, zero-width no-break space (a byte-order mark inside the text).
# (The zero-width joiner and non-joiner are left alone: some scripts need them.)
INVISIBLE = "\u200b\u2060\ufeff"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_PUNCTUATION = re.compile(r"[^\w\s]|_")
# An arXiv identifier without its version: 2403.00835, or an old-style hep-th/9901001 or math.GT/0601001.
ARXIV_ID = r"\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}"
# What ends or breaks a BibTeX citation key (an entry's id is its key).
BIBTEX_KEY_BREAKERS = r"[\s,{}()\"#%'=\\~]"


def split_venue(venue: str) -> tuple[str, int | None]:
    """The first venue's name and year: ("OSDI", 2022) for "OSDI 2022", ("ATC", 2018) for
    "ATC 2018 (Oral), AISys@SOSP 2017", ("Nature", None) for "Nature 585(7825):357–362" (a
    journal's volume, issue and pages are no part of its name); (venue, None) when it has neither
    a year nor those (see venue_string)."""
    from hugokit.venue_string import parse

    parts = parse(venue)
    first = parts[0] if parts else None
    if first is None or (first.year is None and first.locator is None):
        return venue.strip(), None
    return venue[(first.workshop or first.name).start: first.name.end], int(first.year.text) if first.year else None


def clean_doi(doi: str) -> str:
    """The DOI itself, without the doi.org address or `doi:` it is often written with (the page
    importer, the online sources and the merge read DOIs through this)."""
    doi = doi.strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"):
        if doi.lower().startswith(prefix):
            doi = doi[len(prefix):]
    return doi.strip()


def front_matter_close(lines: list[str], opener: str = "---") -> int | None:
    """The index of the line that closes the front-matter lines[0] opens with opener (--- for
    YAML, +++ for TOML); None when lines[0] opens none or no line closes it. A line's trailing
    carriage return is no part of it (a page saved on Windows)."""
    if not lines or lines[0].rstrip("\r") != opener:
        return None
    return next((i for i in range(1, len(lines)) if lines[i].rstrip("\r") == opener), None)


def tidy_spaces(text: str) -> str:
    """text with single spaces between words, none around them, and no invisible characters."""
    return " ".join(_INVISIBLE.sub("", text).split())


def split_marks(author: str) -> tuple[str, str]:
    """("Hao Zhang", "*") for "Hao Zhang*"."""
    name = author.rstrip(MARKS)
    return name, author[len(name):]


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form, for finding duplicates and variants."""
    if text.isascii():
        return " ".join(_PUNCTUATION.sub(" ", text.lower()).split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(_PUNCTUATION.sub(" ", text).split())


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def ascii_slug(text: str, limit: int = 60) -> str:
    """A lowercase ASCII slug of letters, digits and single hyphens ("" if nothing is left)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug.rfind("-", 0, limit + 1)
        slug = slug[: cut if cut > 0 else limit]
    return slug.rstrip("-")


PARTICLES = {"van", "von", "der", "den", "de", "la", "le", "di", "da", "du", "del", "della", "dos", "das", "ter"}
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "2nd", "3rd", "4th"}  # (lower case)


def name_parts(author: str) -> tuple[str, str, str, str]:
    """(given, particle, family, suffix) of a displayed name: "Anna van der Berg" gives
    ("Anna", "van der", "Berg", ""); a one-word name is all family."""
    words = split_marks(author)[0].split()
    suffix = words.pop() if len(words) > 2 and words[-1].lower() in SUFFIXES else ""
    if not words:
        return "", "", "", suffix
    family = words.pop()
    particle: list[str] = []
    while len(words) > 1 and words[-1].lower() in PARTICLES:
        particle.insert(0, words.pop())
    return " ".join(words), " ".join(particle), family, suffix


def without_emphasis(name: str) -> str:
    """A name without the Markdown emphasis a theme renders around it (`__**Ada Lovelace**__`),
    which would otherwise read as equal-contribution marks."""
    while len(name) > 2:
        wrap = next((w for w in ("**", "__", "*", "_") if name.startswith(w) and name.endswith(w)
                     and len(name) > 2 * len(w)), "")
        if not wrap:
            break
        name = name[len(wrap):-len(wrap)].strip()
    return name


_MARKDOWN_LINK = re.compile(r"\[([^\[\]]+)\]\([^()\s]*\)")
_ESCAPED_MARKS = re.compile(r"(?:\\\*|[†‡])+$")


def name_from_markdown(name: str) -> str:
    """A name as a layout that renders it as Markdown shows it: a link (`[A. Li](https://…)`) as its
    text, the emphasis around it dropped (`**[F. Damken](…)**`), an escaped `\\*` after it the mark `*`."""
    plain = _MARKDOWN_LINK.sub(r"\1", name) if "](" in name else name
    found = _ESCAPED_MARKS.search(plain)
    marks = found.group().replace("\\*", "*") if found else ""
    return without_emphasis(plain[: found.start()] if found else plain) + marks
