"""BibTeX name lists → display names ("First von Last Jr"), in any form .bib files write them:
`Last, First`, `First Last`, von and Jr parts, EndNote's `Last, First, 3rd`, braced corporate
names, a CV's highlighted own name, equal-contribution marks, affiliation numbers."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from hugokit.latex import decode, group_end
from hugokit.text import MARKS, SUFFIXES

_SIMPLE_NAME = re.compile(r"[^\s,{}\\~]+(?: [^\s,{}\\~]+)*(?:, [^\s,{}\\~]+(?: [^\s,{}\\~]+)*)?")
# A whole name in a style command, as CVs set their own (`\\textbf{Li, Wei}`, `\\underline{…}`).
_WRAPPED_NAME = re.compile(r"\\(?:textbf|textit|textsc|emph|underline|uline|bf|it|em)\s*(\{).*", re.S)
# Equal-contribution marks written as math after a name (`Zhang$^*$`, `$^{\\dagger}$`, `$^{*,\\dagger}$`).
_MARK_OF = {"*": "*", "\\ast": "*", "\\dagger": "†", "\\ddagger": "‡", "†": "†", "‡": "‡"}
_MARK_TOKEN = re.compile(r"\*|\\ast|\\dagger|\\ddagger|†|‡")
_MATH_MARK = re.compile(r"\$\^?\{?((?:\s*(?:\*|\\ast|\\dagger|\\ddagger|†|‡)\s*,?)+)\}?\$")
_NAME_TOKEN = re.compile(r"[{}]| [Aa][Nn][Dd] ")
# A superscript after a name, as papers' author lines set affiliations and marks: `Lee$^1$`,
# `Kim$^{1,2}$`, `Park\\textsuperscript{2}`, `Choi$^{1*}$`, `Lee¹`.
_SUPERSCRIPT = re.compile(r"\s*(?:\$\^\s*(\{[^{}$]*\}|\\[A-Za-z]+|[^{}$\s\\])\s*\$|\\textsuperscript\s*(\{[^{}]*\})|([⁰¹²³⁴⁵⁶⁷⁸⁹]+))")
# What one may hold: affiliation numbers (taken out: the database has no affiliations) and marks.
_SUPERSCRIPT_PART = re.compile(r"\s*(?:(\d+|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)|(\*|\\ast|\\dagger|\\ddagger|†|‡)|\$(\\ast|\\dagger|\\ddagger)\$)\s*,?")


class ReadName(NamedTuple):
    shown: str                      # "First von Last Jr", marks after it
    latex: tuple[str, ...] = ()     # LaTeX commands in it that were not understood
    affiliations: str = ""          # affiliation numbers taken out of it ("1, 2")
    unread: str = ""                # a superscript that is neither numbers nor marks: kept as written


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


def _superscripts(raw: str) -> tuple[str, str, str, str]:
    """raw with its superscripts read: affiliation numbers and marks taken out, any other
    superscript (`$^a$`, `$^\\S$`) left as written; and (the marks, the numbers, the others).
    The marks go after the whole name: `Kawahara, Jeremy$^*$` is Jeremy Kawahara*."""
    numbers: list[str] = []
    others: list[str] = []

    def read(found: re.Match[str]) -> str:
        inside = (found.group(1) or found.group(2) or "").removeprefix("{").removesuffix("}")
        if found.group(3):
            numbers.append(found.group(3))
            return ""
        marks, at = [], 0
        while at < len(inside):
            part = _SUPERSCRIPT_PART.match(inside, at)
            if part is None or part.end() == at:
                others.append(found.group().strip())
                return found.group()
            if part.group(1):
                numbers.append(part.group(1))
            else:
                marks.append(_MARK_OF[part.group(2) or part.group(3)])
            at = part.end()
        found_marks.extend(marks)
        return ""

    found_marks: list[str] = []
    return _SUPERSCRIPT.sub(read, raw), "".join(found_marks), ", ".join(numbers), " ".join(others)


@lru_cache(maxsize=65536)  # a file names the same people many times: each spelling is read once
def display_name(raw: str) -> ReadName:
    """A display name ("First von Last Jr") for a BibTeX name in any of its forms, the LaTeX
    commands in it that were not understood, and the superscripts read off it."""
    if raw.strip().lower() == "others":
        return ReadName("et al.")
    marks = affiliations = unread = ""
    if _SUPERSCRIPT.search(raw):
        raw, marks, affiliations, unread = _superscripts(raw)
    bare = raw.strip().strip(MARKS).strip()
    if bare != raw.strip() and bare:  # `Agarwal, Navneet*`, `*Pang, Ce`: the marks go after the whole name
        at = raw.index(bare)
        marks = (raw[:at] + raw[at + len(bare):]).replace(" ", "") + marks
        raw = bare
    read = _display_name(raw)
    if marks or affiliations or unread:
        return read._replace(shown=read.shown + marks, affiliations=affiliations, unread=unread)
    return read


def _display_name(raw: str) -> ReadName:
    if "$" in raw:
        raw = _MATH_MARK.sub(lambda m: "".join(_MARK_OF[t] for t in _MARK_TOKEN.findall(m.group(1))), raw)
    wrapped = _WRAPPED_NAME.fullmatch(raw)
    if wrapped and group_end(raw, wrapped.start(1)) == len(raw):
        raw = raw[wrapped.end(1):-1]  # `\\textbf{Li, Wei}`, a CV's own name: the name inside
    if _SIMPLE_NAME.fullmatch(raw):  # "Last, First" or "First Last": no braces, LaTeX, von or Jr
        last, _, first = raw.partition(", ")
        given = first.split()
        if len(given) > 1 and given[-1].lower() in SUFFIXES:  # "Smith, John Jr.": the Jr after the last name
            return ReadName(f"{' '.join(given[:-1])} {last} {given[-1]}")
        return ReadName(f"{first} {last}" if first else last)
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
    return ReadName(" ".join(" ".join(words).replace("\u00a0", " ").split()), tuple(latex))
