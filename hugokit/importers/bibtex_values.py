"""Values as .bib files write them: URLs (wrapped in \\url{…}, escaped, broken across lines),
DOIs, al-folio's file names, and BibTeX's white space."""
from __future__ import annotations

import re

from hugokit.text import clean_doi

_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_URL_ESCAPE = re.compile(r"\\([_%&#~$])")
_URL_WRAP = re.compile(r"^\\(?:url|href)\s*\{(.*?)\}(?:\{.*\})?$", re.S)


def url(value: str) -> str:
    """A URL as written in a .bib file: unwrapped from \\url{…}, unescaped, its line breaks gone."""
    value = "".join(value.split())
    wrapped = _URL_WRAP.match(value)
    if wrapped:
        value = wrapped.group(1)
    if value.startswith("{") and value.endswith("}"):
        value = value[1:-1]
    return _URL_ESCAPE.sub(r"\1", value)


def file_name(value: str) -> str:
    """A file name as al-folio's pdf, slides or poster field holds it: its spaces are the file's
    (`2019 tmap GenomeBiology.pdf`), written as a link writes them (%20); only a line break
    with the indentation around it is the writer's."""
    value = re.sub(r"\s*\n\s*", "", value.strip())
    return url(value.replace(" ", "%20"))


def spaced(value: str) -> str:
    """BibTeX's white space, each run one space: ASCII's only. A no-break space written as a
    character (as export writes `~`) is text, which str.split() would take for white space."""
    return _ASCII_SPACE.sub(" ", value).strip(" ")


def doi(value: str) -> str:
    return clean_doi(url(value))


def is_url(value: str) -> bool:
    return bool(re.match(r"^(?:(?:https?|ftp)://|www\.)", value))
