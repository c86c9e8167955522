"""A BibTeX entry's field values as text: LaTeX decoded (URLs and identifiers verbatim), white
space tidied, keywords and name lists split, and what could not be read collected for the report."""
from __future__ import annotations

from hugokit.importers.bibtex_names import ReadName, display_name, split_names
from hugokit.importers.bibtex_values import spaced, url
from hugokit.latex import decode
from hugokit.text import tidy_spaces


class Texts:
    """Decoded field values, collecting the LaTeX commands nothing understood."""

    def __init__(self, fields: dict[str, str], verbatim: set[str]) -> None:
        self.fields = fields
        self.verbatim = verbatim
        # hugokit's own export holds the database's values exactly: they are read back as they are
        self.tidy = "hugokit-year" not in fields
        self.latex: list[str] = []
        self.comma_lists: list[tuple[str, int]] = []  # (field, names) written "A, B, C" instead of "A and B and C"
        self.superscripts: list[tuple[str, str, ReadName]] = []  # (field, name as written, what was read)
        self._cache: dict[str, str] = {}

    def __getitem__(self, name: str) -> str:
        if name not in self._cache:
            raw = self.fields.get(name, "")
            if name in self.verbatim:
                value = " ".join(raw.split()) if name == "hugokit-links" else url(raw)
            else:
                value, unknown = decode(spaced(raw))
                self.latex.extend(unknown)
                if self.tidy and name != "abstract":  # (whose line breaks are its own)
                    value = tidy_spaces(value.replace("\u00a0", " "))  # a tie, or a no-break space pasted in
            self._cache[name] = value.strip()
        return self._cache[name]

    def get(self, name: str) -> str:
        return self[name] if name in self.fields else ""

    def keywords(self) -> list[str]:
        """The keywords: one a line where they are written so (EndNote's PubMed records:
        `Oligonucleotides, Antisense/*therapeutic use` is one), else separated by commas or
        semicolons outside braces (`{,}` is a keyword's own, as biblatex reads it)."""
        raw = self.fields.get("keywords", "")
        lines = [line for line in raw.splitlines() if line.strip()]
        if len(lines) > 1 and not any(line.rstrip().endswith((",", ";")) for line in lines[:-1]):
            parts = lines
        else:
            parts, depth, start = [], 0, 0
            for at, char in enumerate(raw):
                depth += (char == "{") - (char == "}")
                if char in ",;" and depth == 0:
                    parts.append(raw[start:at])
                    start = at + 1
            parts.append(raw[start:])
        found = []
        for part in parts:
            value, unknown = decode(spaced(part))
            self.latex.extend(unknown)
            found.append(value.strip())
        return [k for k in found if k]

    def name_list(self, name: str) -> list[str]:
        out = []
        for person in split_names(" ".join(self.fields.get(name, "").split())):
            parts = [person]
            if person.count(",") > 2:  # (rare: most names have one comma or none)
                from pybtex.bibtex.utils import split_tex_string

                parts = split_tex_string(person, ",")
            if len(parts) > 3:  # no BibTeX name has more than two commas: names listed with commas
                self.comma_lists.append((name, len(parts)))
            for part in parts if len(parts) > 3 else [person]:
                read = display_name(part)
                out.append(read.shown)
                self.latex.extend(read.latex)
                if read.affiliations or read.unread:
                    self.superscripts.append((name, part, read))
        return out
