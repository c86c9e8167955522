"""BibTeX name lists → display names ("First von Last Jr"), in any form .bib files write them:
`Last, First`, `First Last`, von and Jr parts, EndNote's `Last, First, 3rd`, braced corporate
names, a CV's highlighted own name, equal-contribution marks."""
from __future__ import annotations

import re
from functools import lru_cache

from hugokit.latex import decode, group_end
from hugokit.text import SUFFIXES

_SIMPLE_NAME = re.compile(r"[^\s,{}\\~]+(?: [^\s,{}\\~]+)*(?:, [^\s,{}\\~]+(?: [^\s,{}\\~]+)*)?")
# A whole name in a style command, as CVs set their own (`\\textbf{Li, Wei}`, `\\underline{…}`).
_WRAPPED_NAME = re.compile(r"\\(?:textbf|textit|textsc|emph|underline|uline|bf|it|em)\s*(\{).*", re.S)
# Equal-contribution marks written as math after a name (`Zhang$^*$`, `$^{\\dagger}$`, `$^{*,\\dagger}$`).
_MARK_OF = {"*": "*", "\\ast": "*", "\\dagger": "†", "\\ddagger": "‡", "†": "†", "‡": "‡"}
_MARK_TOKEN = re.compile(r"\*|\\ast|\\dagger|\\ddagger|†|‡")
_MATH_MARK = re.compile(r"\$\^?\{?((?:\s*(?:\*|\\ast|\\dagger|\\ddagger|†|‡)\s*,?)+)\}?\$")
_NAME_TOKEN = re.compile(r"[{}]| [Aa][Nn][Dd] ")


def split_names(value: str) -> list[str]:
    """The names of a BibTeX name list: split at " and " outside braces (what pybtex's
    split_name_list does, in one pass over the text instead of one per brace group; an
    unbalanced text is left to pybtex, which reads it in its own way)."""
    names, start, depth = [], 0, 0
    for token in _NAME_TOKEN.finditer(value):
        text = token.group()
        if text == "{":
            depth += 1
        elif text == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            names.append(value[start:token.start()].strip())
            start = token.end()
    if depth:
        from pybtex.bibtex.utils import split_name_list

        names = split_name_list(value)
    else:
        names.append(value[start:].strip())
    return [raw for raw in names if raw.strip()]


@lru_cache(maxsize=65536)  # a file names the same people many times: each spelling is read once
def display_name(raw: str) -> tuple[str, tuple[str, ...]]:
    """A display name ("First von Last Jr") for a BibTeX name in any of its forms, and the LaTeX
    commands in it that were not understood."""
    if raw.strip().lower() == "others":
        return "et al.", ()
    if "$" in raw:
        raw = _MATH_MARK.sub(lambda m: "".join(_MARK_OF[t] for t in _MARK_TOKEN.findall(m.group(1))), raw)
    wrapped = _WRAPPED_NAME.fullmatch(raw)
    if wrapped and group_end(raw, wrapped.start(1)) == len(raw):
        raw = raw[wrapped.end(1):-1]  # `\\textbf{Li, Wei}`, a CV's own name: the name inside
    if _SIMPLE_NAME.fullmatch(raw):  # "Last, First" or "First Last": no braces, LaTeX, von or Jr
        last, _, first = raw.partition(", ")
        given = first.split()
        if len(given) > 1 and given[-1].lower() in SUFFIXES:  # "Smith, John Jr.": the Jr after the last name
            return f"{' '.join(given[:-1])} {last} {given[-1]}", ()
        return (f"{first} {last}" if first else last), ()
    from pybtex.database import Person

    end = group_end(raw, 0) if raw.startswith("{") else None
    if end is not None and raw[end - 2] == "," and raw[end:].strip():
        # "{St-Hilaire,} S.": the braces were meant to keep "Last," together, not to make one word
        raw = f"{{{raw[1:end - 2]}}}, {raw[end:].strip()}"
    person = Person(raw)
    given, lineage = person.first_names + person.middle_names, person.lineage_names
    if len(given) == 1 and given[0].lower() in SUFFIXES and lineage and lineage[-1].lower() not in SUFFIXES:
        given, lineage = lineage, given  # "Kelleher, R. J., 3rd", as EndNote and PubMed write it: not a first name 3rd
    elif len(given) > 1 and given[-1].lower() in SUFFIXES and not lineage:
        given, lineage = given[:-1], given[-1:]  # "Smith, John Jr."
    words: list[str] = []
    latex: list[str] = []
    for part in given + person.prelast_names + person.last_names + lineage:
        text, unknown = decode(part)
        latex.extend(unknown)
        words.append(text)
    return " ".join(" ".join(words).replace("\u00a0", " ").split()), tuple(latex)
