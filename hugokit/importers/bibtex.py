"""Importing BibTeX (Google Scholar, DBLP, Zotero, al-folio, group bibliographies, or hugokit's own).

pybtex's LowLevelParser yields entries one at a time, so each entry's line is known and a syntax
error costs only the entry it is in. @string macros, # concatenation and month names are pybtex's;
@comment{…} blocks are skipped whole, as biber does and as their writers mean (it is how an entry
is switched off), though BibTeX and pybtex skip only the word and read an entry inside; so each
entry inside one is reported (bibtex-commented-entry), and so is an entry after a % on its line.
Commands an @preamble defines are expanded, and crossref is resolved as BibTeX does: a child
inherits every field it lacks from its parent.
A parent that is only a crossref target (a proceedings volume) is not a publication of its own
unless asked for. Whatever is not imported — an entry, a field, a LaTeX command — is reported.
"""
from __future__ import annotations

import re
from typing import Any

from hugokit.diagnostics import Position, error, quoted, warning
from hugokit.importers.imported import Imported, Progress
from hugokit.importers.aas_macros import JOURNAL_MACROS, VENUE_FIELDS
from hugokit.importers.bibtex_entry import LINK_FIELDS, Entry, map_entry
from hugokit.venue_names import finder_for
from hugokit.latex import Macros, expand_macros, preamble_macros
from hugokit.inputs import MAX_VALUE_CHARS
from hugokit.model import Publication
from hugokit.text import BIBTEX_KEY_BREAKERS
from hugokit.vocab import Vocabulary

_COMMENT = re.compile(r"@\s*comment\b\s*([{(]?)", re.I)
_KEY = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s{}()]+)\s*,")
# a key with white space inside (`@misc{Smith 2020, …`), up to its comma
_SPACED_KEY = re.compile(r"@\s*\w+\s*[{(]\s*(([^,\s{}()=]+)(?:\s+[^,\s{}()=]+)+)\s*,")
_ENTRY = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s{}()]*)")
_IN_BOOK = ("inproceedings", "incollection", "inbook")
_NOT_PUBLICATIONS = {"string", "preamble", "comment"}
_KEY_BREAKS = re.compile(BIBTEX_KEY_BREAKERS)
_CLOSE = {"{": "}", "(": ")"}
_SERIES = ("a proceedings paper's volume and number are its series' (DBLP writes the LNCS, PMLR or LIPIcs volume), "
           "not the conference's, and a report's number is its report number: the venue shows only the "
           "conference and the paper's pages (OSDI 2022, pp. 559–578), so they stay only in the .bib file")
_NO_VENUE_PAGES = ("only a journal article's or a proceedings paper's pages become its venue's locator (Nature "
                   "585(7825):357–362, 2020; OSDI 2022, pp. 559–578); a book's, a thesis's or a report's stay only in "
                   "the .bib file")
# left_out codes whose message says itself what became of the value (the others lost it)
_SAID_WHOLE = {"bibtex-proceedings", "bibtex-name", "bibtex-date", "bibtex-doi", "bibtex-preprint", "bibtex-venue-year"}
_UNUSED_HINTS = {"volume": _SERIES, "number": _SERIES, "pages": _NO_VENUE_PAGES, "eid": _NO_VENUE_PAGES,
                 "series": "a proceedings volume's series (LNCS, PMLR) is no part of the venue, which shows the "
                           "conference: it stays only in the .bib file"}
_NO_KIND_LEFT = ("each link kind it may be was taken by another field of the entry (paper, html and url are each the "
                 "paper link; website and project the project link): add it to the database under a kind of its "
                 "own (links: {slides: …})")
_UNUSED_HINTS.update({name: _NO_KIND_LEFT for name in LINK_FIELDS})
_UNUSED_HINTS["eprint"] = ("an arXiv eprint is the arxiv field, a JSTOR, handle, PubMed or Google Books one a link; "
                           "another kind has no place (add its link by hand)")


def import_bibtex(text: str, path: str, venues: Vocabulary, progress: Progress | None = None,
                  crossref_parents: bool = False) -> Imported:
    result = Imported()
    blanked, commented = _blank_comments(text)
    _report_commented(text, path, commented, result)
    entries, macros = _read(blanked, path, result, progress)
    by_key = {entry.key.lower(): entry for entry in entries}
    targets = {entry.fields["crossref"].strip().lower() for entry in entries if entry.fields.get("crossref")}
    finder = finder_for(venues)
    unused: dict[str, list[int]] = {}
    latex: dict[str, list[int]] = {}
    affiliations: list[tuple[int, str]] = []  # (line, the first name of the entry whose numbers were taken out)
    parents_skipped: list[Entry] = []
    for entry in entries:
        if entry.key.lower() in targets and not crossref_parents:
            parents_skipped.append(entry)
            continue
        entry = _resolved(entry, by_key, macros, path, result)
        mapped = map_entry(entry, path, finder)
        for command in mapped.latex:
            latex.setdefault(command, []).append(entry.line)
        if mapped.affiliations:
            affiliations.append((entry.line, mapped.affiliations[0]))
        if mapped.publication is None:
            result.diagnostics.append(error(Position(path, entry.line, 1), "bibtex-incomplete",
                                            f'entry {quoted(entry.key)} {mapped.problem}; it was skipped',
                                            "add the missing field (title = {…}, year = {2024}) to the entry"))
            continue
        _mend_key(mapped.publication, entry, by_key, path, result)
        result.publications.append(mapped.publication)
        for code, name, why, hint in mapped.left_out:
            said = why if code in _SAID_WHOLE else f"{why}; it was not imported"
            result.diagnostics.append(warning(_field_position(text, path, entry, name), code,
                                              f'entry {quoted(entry.key)}: {said}', hint))
        for name in mapped.unused:
            unused.setdefault(name, []).append(entry.line)
    _report(result, path, unused, latex, parents_skipped)
    if affiliations:
        line, name = affiliations[0]
        result.diagnostics.append(warning(
            Position(path, line, 1), "bibtex-affiliation",
            f"affiliation numbers after author names were taken out ({_count([a for a, _ in affiliations])}; "
            f"first at line {line}: {quoted(name)})",
            "the database holds no affiliations; the .bib file keeps them (equal-contribution marks, * † ‡, are "
            "kept)"))
    return result


def _read(text: str, path: str, result: Imported, progress: Progress | None) -> tuple[list[Entry], Macros]:
    from pybtex.database.input.bibtex import LowLevelParser, UndefinedMacro, month_names
    from pybtex.utils import CaseInsensitiveDict

    errors: list[Any] = []  # pybtex's TokenRequired errors (pybtex is untyped)
    undefined: list[tuple[str, str, Any]] = []  # (macro, field, error): the value reads as empty

    def handle_error(exc: Any) -> None:
        if isinstance(exc, UndefinedMacro):
            undefined.append((exc.args[0], (parser.current_field_name or "").lower(), exc))
        else:
            errors.append(exc)

    macros = _bounded_macros(CaseInsensitiveDict)(month_names)
    parser = LowLevelParser(text, macros=macros, handle_error=handle_error, filename=path)
    lines = _LineCounter(text)
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    preamble: list[str] = []
    done = 0
    for command, body in parser:
        line = lines.line_of(parser.command_start or 0)
        if command.lower() not in _NOT_PUBLICATIONS and _after_percent(text, parser.command_start or 0):
            _report_percent(text, path, parser.command_start or 0, line, result)
            errors.clear()
            undefined.clear()
            macros.exceeded = False
            macros.served = 0
            continue
        if undefined and not macros.exceeded and not errors:
            _report_undefined(text, path, parser.command_start or 0, undefined, result)
        undefined.clear()
        if macros.exceeded:
            result.diagnostics.append(error(Position(path, line, 1), "too-long",
                                            f"the @string macros used here expand to more than "
                                            f"{MAX_VALUE_CHARS:,} characters; this entry was skipped",
                                            "BibTeX macros that repeat each other grow without bound: write the "
                                            "value out"))
            macros.exceeded = False
            errors.clear()
        elif errors:
            _report_syntax(text, path, parser.command_start or 0, line, errors, result)
            errors.clear()
        elif command.lower() == "preamble":
            preamble.extend(body[0])
        elif command.lower() not in _NOT_PUBLICATIONS:
            key, raw_fields = body
            fields: dict[str, str] = {}
            for name, parts in raw_fields:
                name = name.lower()
                if name in fields:
                    result.diagnostics.append(warning(Position(path, line, 1), "bibtex-duplicate-field",
                                                      f'entry {quoted(key)} has {quoted(name)} twice; the first was kept'))
                    continue
                fields[name] = "".join(parts)
            if key.lower() in seen:
                result.diagnostics.append(error(Position(path, line, 1), "bibtex-duplicate-key",
                                                f'entry {quoted(key)} is defined twice (first at line {seen[key.lower()]}); '
                                                "the second was skipped", "give each entry its own key"))
                continue
            seen[key.lower()] = line
            entries.append(Entry(command.lower(), key, fields, line, parser.command_start or 0, parser.pos))
        macros.served = 0
        if progress is not None:
            progress(parser.pos - done)
            done = parser.pos
    for exc in errors:  # an error after the last entry
        result.diagnostics.append(error(Position(path, exc.lineno or 1, 1), "bibtex-syntax",
                                        f"BibTeX syntax error: {exc.args[0]}", "fix the file and import again"))
    return entries, preamble_macros("".join(preamble))


def _report_syntax(text: str, path: str, start: int, line: int, errors: list[Any], result: Imported) -> None:
    named = _KEY.match(text, start)
    spaced = None if named else _SPACED_KEY.match(text, start)
    if spaced:  # `@article{Smith 2020,`: pybtex takes the key to end at the space and fails after it
        key = " ".join(spaced.group(1).split())
        at = spaced.end(2)  # the first space
        result.diagnostics.append(error(
            Position(path, text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)), "bibtex-syntax",
            f"BibTeX syntax error in entry {quoted(key)}: its key holds a space, which a BibTeX key cannot hold; "
            "this entry was skipped", f"write the key without spaces ({quoted(key.replace(' ', '_'))}) and import again"))
        return
    entry = f' in entry {quoted(named.group(1))}' if named else ""
    for exc in errors:
        _, lineno, colno = exc.parser.get_error_context(exc.error_context_info)
        result.diagnostics.append(error(Position(path, lineno or line, (colno or 0) + 1), "bibtex-syntax",
                                        f"BibTeX syntax error{entry}: {exc.args[0]}; this entry was skipped",
                                        "fix the entry (often a missing comma or brace) and import again"))


def _mend_key(pub: Publication, entry: Entry, by_key: dict[str, Entry], path: str, result: Imported) -> None:
    """pybtex reads keys BibTeX and biber refuse (`kohonen's`, `duda1984""nauka`): as the id, it
    would be a bad-id error and be exported under another key. It is imported as export would
    write it, a "-" for each such character, unless another entry has that key already."""
    found = _KEY_BREAKS.search(pub.id)
    if found is None:
        return
    mended = _KEY_BREAKS.sub("-", pub.id)
    taken = mended.lower() in by_key
    said = (f"it was kept as the id, as another entry has the key {quoted(mended)} (hugokit check reports it)" if taken
            else f"it was imported with the id {quoted(mended)}")
    result.diagnostics.append(warning(
        Position(path, entry.line, 1), "bibtex-key",
        f"entry {quoted(entry.key)}: its key holds {quoted(found.group())}, which a BibTeX key cannot hold (BibTeX and biber "
        f"refuse it); {said}", "give the entry a key of letters, digits and -_:./+"))
    if not taken:
        pub.id = mended


def _report_undefined(text: str, path: str, start: int, undefined: list[tuple[str, str, Any]],
                      result: Imported) -> None:
    """BibTeX reads a macro no @string defines as empty and goes on (a warning, not an error):
    al-folio's template writes `publisher = aps` without its @string. So does this import."""
    named = _KEY.match(text, start)
    entry = f"entry {quoted(named.group(1))}" if named else "an entry"
    for macro, field, exc in undefined:
        _, lineno, colno = exc.parser.get_error_context(exc.error_context_info)
        result.diagnostics.append(warning(
            Position(path, lineno or 1, (colno or 0) + 1), "bibtex-undefined-macro",
            f'{entry}: {field or "a value"} = {macro} names no @string macro; it was read as empty',
            f"write the value in braces ({field or 'field'} = {{{macro}}}) or define it: @string{{{macro} = {{…}}}}"))


def _bounded_macros(base: type) -> type:
    """pybtex's macro table, made to serve at most MAX_VALUE_CHARS characters per command: a
    chain of @string macros that each double the last would otherwise take all memory (30 lines
    make a gigabyte). An entry over the limit gets empty values and is reported."""

    class BoundedMacros(base):  # type: ignore[misc]
        served = 0
        exceeded = False

        def __getitem__(self, name: str) -> str:
            value = str(super().__getitem__(name))
            self.served += len(value)
            if self.served > MAX_VALUE_CHARS:
                self.exceeded = True
                return ""
            return value

        def __setitem__(self, name: str, value: str) -> None:
            super().__setitem__(name, "" if self.exceeded else value)

    return BoundedMacros


def _resolved(entry: Entry, by_key: dict[str, Entry], macros: Macros, path: str, result: Imported) -> Entry:
    fields = entry.fields
    if macros:
        fields = {name: expand_macros(value, macros) if "\\" in value else value for name, value in fields.items()}
    target = fields.get("crossref", "").strip()
    if target:
        parent = by_key.get(target.lower())
        if parent is None:
            result.diagnostics.append(warning(Position(path, entry.line, 1), "bibtex-crossref",
                                              f'entry {quoted(entry.key)} cross-references {quoted(target)}, which is not in '
                                              "the file; it was imported with its own fields only",
                                              "import the file that holds the parent together with this one"))
        else:
            inherited = dict(parent.fields)
            if "booktitle" not in inherited and "title" in inherited and entry.kind in _IN_BOOK:
                inherited["booktitle"] = inherited["title"]  # the volume's title is the child's book title
            for name in ("crossref", "title", *(n for n in inherited if n.startswith("hugokit-"))):
                inherited.pop(name, None)
            if macros:
                inherited = {n: expand_macros(v, macros) if "\\" in v else v for n, v in inherited.items()}
            fields = {**inherited, **fields}
    for name in VENUE_FIELDS:  # after the @preamble's own commands, which may define them otherwise
        if "\\" in fields.get(name, ""):
            fields = {**fields, name: expand_macros(fields[name], JOURNAL_MACROS)}
    return entry._replace(fields=fields)


def _report(result: Imported, path: str, unused: dict[str, list[int]], latex: dict[str, list[int]],
            parents: list[Entry]) -> None:
    for name, lines in unused.items():
        result.diagnostics.append(warning(
            Position(path, lines[0], 1), "bibtex-unused-field",
            f'field {quoted(name)} is not imported ({_count(lines)}; first at line {lines[0]})',
            _UNUSED_HINTS.get(name, "hugokit keeps no such field; it stays only in the .bib file")))
    for command, lines in latex.items():
        result.diagnostics.append(warning(
            Position(path, lines[0], 1), "bibtex-latex",
            f"LaTeX command {command} was not understood and is kept as written ({_count(lines)}; "
            f"first at line {lines[0]})",
            "replace it with the character it stands for, or define it in an @preamble with \\newcommand"))
    if parents:
        keys = ", ".join(quoted(p.key) for p in parents)
        result.diagnostics.append(warning(
            Position(path, parents[0].line, 1), "bibtex-crossref-parent",
            f"{len(parents)} entries are only crossref targets and were not imported as publications: {keys}",
            "their fields are inherited by the entries that cross-reference them; "
            "pass --crossref-parents to import them as publications too"))


def _field_position(text: str, path: str, entry: Entry, name: str) -> Position:
    """Where the value of the entry's field starts (the entry's line where the field is inherited)."""
    found = re.compile(rf"(?:^|[\s,{{(]){re.escape(name)}\s*=\s*", re.I | re.M).search(text, entry.start, entry.end)
    if found is None:
        return Position(path, entry.line, 1)
    line = text.count("\n", 0, found.end()) + 1
    return Position(path, line, found.end() - text.rfind("\n", 0, found.end()))


def _count(lines: list[int]) -> str:
    return "1 entry" if len(lines) == 1 else f"{len(lines)} entries"


def _blank_comments(text: str) -> tuple[str, list[re.Match[str]]]:
    """text with each @comment{…} block blanked out (line breaks kept, so lines stay right), and
    the entries that start inside one; a bare @comment word is blanked alone, as BibTeX skips it
    and reads on."""
    if not _COMMENT.search(text):
        return text, []
    out, at, inside = [], 0, []
    for match in _COMMENT.finditer(text):
        if match.start() < at:
            continue
        opening, depth, end = match.group(1), 0, match.end()
        for i in range(match.end() - 1, len(text) if opening else 0):
            depth += (text[i] == opening) - (text[i] == _CLOSE[opening])
            if depth == 0:
                end = i + 1
                break
        out.append(text[at:match.start()])
        out.append(re.sub(r"[^\n]", " ", text[match.start():end]))
        inside += [m for m in _ENTRY.finditer(text, match.end(), end) if m.group(1).lower() not in _NOT_PUBLICATIONS]
        at = end
    out.append(text[at:])
    return "".join(out), inside


def _after_percent(text: str, start: int) -> bool:
    """Whether the entry starting at start has a % before it on its line (`%@misc{old, …`): its
    writer commented it out, as biber reads it; BibTeX and pybtex read on (or fail on its next
    lines, each commented too)."""
    return "%" in text[text.rfind("\n", 0, start) + 1:start]


def _report_percent(text: str, path: str, start: int, line: int, result: Imported) -> None:
    found = _ENTRY.match(text, start)
    key = f" {quoted(found.group(2))}" if found and found.group(2) else ""
    kind = found.group(1) if found else "entry"
    result.diagnostics.append(warning(
        Position(path, line, start - text.rfind("\n", 0, start)), "bibtex-commented-entry",
        f"the @{kind} entry{key} is commented out with % and was not imported (BibTeX and pybtex would "
        "read it; biber skips it)",
        "to import it, take the % off its lines; to keep it out everywhere, delete it"))


def _report_commented(text: str, path: str, commented: list[re.Match[str]], result: Imported) -> None:
    for found in commented:
        line = text.count("\n", 0, found.start()) + 1
        col = found.start() - text.rfind("\n", 0, found.start())
        key = f' {quoted(found.group(2))}' if found.group(2) else ""
        result.diagnostics.append(warning(
            Position(path, line, col), "bibtex-commented-entry",
            f"the @{found.group(1)} entry{key} is inside an @comment block and was not imported "
            "(BibTeX and pybtex would read it; biber skips it)",
            "to import it, move it out of the @comment{…} block; to keep it out everywhere, delete it"))


class _LineCounter:
    """Line numbers for increasing offsets, counting each newline once."""

    def __init__(self, text: str) -> None:
        self.text, self.offset, self.line = text, 0, 1

    def line_of(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line
