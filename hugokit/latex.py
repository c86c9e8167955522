"""BibTeX field text ↔ Unicode.

Decoding handles what real BibTeX files hold (accents, stacked ones too, such as {\\"u}, \\'e,
Nguy{\\~{\\^e}}n, \\d{u}; {\\ss}, \\o, \\l; -- and ---; quotes; ~; braces that protect case) through
pylatexenc, and keeps math ($10^{20}$) as written. A command pylatexenc does not know is kept as
written and named, so that the importer can report it. A line break is written as \\.
Encoding writes UTF-8 and escapes only what BibTeX or LaTeX would misread, in forms that keep
braces balanced; decoding protects those forms first, so that text → BibTeX → text gives the
text back exactly.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Escapes this module writes, each with a private-use placeholder used while decoding.
_ESCAPES = {
    "\\": "\\textbackslash{}", "{": "\\textbraceleft{}", "}": "\\textbraceright{}",
    "&": "\\&", "%": "\\%", "$": "\\$", "#": "\\#", "_": "\\_",
    "~": "\\textasciitilde{}", "^": "\\textasciicircum{}", "`": "\\textasciigrave{}",
}
# Character pairs LaTeX would turn into ligatures (-- → –, '' → ”, !` → ¡, ?` → ¿); split by {}.
_LIGATURES = ("--", "''", "``", "!`", "?`", ",,", "<<", ">>")
_ESCAPE_TABLE = {ord(char): escape for char, escape in _ESCAPES.items()}
_PLACEHOLDER = {escape: chr(0xE000 + i) for i, escape in enumerate(_ESCAPES.values())}
_RESTORE = {0xE000 + i: char for i, char in enumerate(_ESCAPES)}
_SPLIT = "\uE0FE"
_SYMBOL_MARK = "\uE0FD"
_NEWLINE = "\uE0FC"
_ESCAPE_RE = re.compile("|".join(re.escape(e) for e in sorted(_PLACEHOLDER, key=len, reverse=True)))
_STYLE = re.compile(r"\\(?:textbf|textit|textsl|textsc|texttt|textrm|textsf|textsuperscript|textsubscript|emph|mbox|"
                    r"text|mathrm|mathit|url|href\s*\{[^{}]*\})\s*(?=\{)")  # \href{url}{text}: the text
# Font switches ({\em All}): they change the look of what follows, not its text.
_SWITCH = re.compile(r"\\(?:em|it|bf|sc|tt|rm|sl|sf|itshape|bfseries|scshape|upshape|normalfont)(?![A-Za-z])\s*")
_BRACE = re.compile(r"(?<!\\)[{}]")
_LATEX = re.compile(r"[\\~$]|--|``|''|[!?]`|<<|>>|,,|  ")
_SPECIAL = re.compile(r"[\\{}~$\uE000-\uE0FF]|--|``|''|[!?]`|<<|>>|,,|  ")
_SCHOLAR_BRACE = re.compile(r"\$\\[{}]\$")
_MATH = re.compile(r"\$[^$]+\$")
_BARE = re.compile(r"(?<!\\)[%&#_^]")  # characters LaTeX would misread, written bare in a BibTeX field


_RESERVED = re.compile("[\uE000-\uE0FF]")  # the placeholders' range, written as \symbol{"XXXX}
_SYMBOL = re.compile(r'\\symbol\{"([0-9A-F]{4})\}')


# (A class alone is searched many times faster than a class or'ed with the pairs, on abstracts.)
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "\n\uE000-\uE0FF]")


def to_latex(text: str) -> str:
    if not _NEEDS_ESCAPE.search(text) and not any(pair in text for pair in _LIGATURES):
        return text  # most values: nothing to escape
    out = text.translate(_ESCAPE_TABLE).replace("\n", "\\\\ ")
    out = _RESERVED.sub(lambda m: f'\\symbol{{"{ord(m.group()):04X}}}', out)
    for pair in _LIGATURES:
        while pair in out:
            out = out.replace(pair, pair[0] + "{}" + pair[1])
    return out


@lru_cache(maxsize=65536)  # names, venues and @string values repeat across a file's entries
def decode(value: str) -> tuple[str, tuple[str, ...]]:
    """(text, commands that were not understood). Math ($…$) is kept as written; an unknown
    command is kept as written too, and named, so that the caller can report it."""
    if not _SPECIAL.search(value):
        return value, ()  # plain text: nothing to decode (most fields)
    kept: list[str] = []  # \symbol{} characters and math, kept out of the decoder

    def keep(text: str) -> str:
        kept.append(text)
        return _SYMBOL_MARK

    value = _SYMBOL.sub(lambda m: keep(chr(int(m.group(1), 16))), value)
    value = _SCHOLAR_BRACE.sub("", value)  # Google Scholar's mangled case-protecting braces
    value = value.replace("\\{", _PLACEHOLDER["\\textbraceleft{}"]).replace("\\}", _PLACEHOLDER["\\textbraceright{}"])
    value = _ESCAPE_RE.sub(lambda m: _PLACEHOLDER[m.group()], value)
    value = _MATH.sub(lambda m: keep(m.group()), value)  # after the escapes: \$ is a dollar sign, not math
    value = _BARE.sub(lambda m: _PLACEHOLDER[_ESCAPES[m.group()]], value)  # 50% is not a comment
    value = re.sub(r"\s*\\\\\s*", _NEWLINE, value)  # \\ is a line break
    for pair in _LIGATURES:
        value = value.replace(pair[0] + "{}" + pair[1], pair[0] + _SPLIT + pair[1])
    value = _SWITCH.sub("", _STYLE.sub("", value))
    text, unknown = _decode(value)
    text = text.replace(_SPLIT, "").replace(_NEWLINE, "\n").translate(_RESTORE)
    for text_kept in kept:
        text = text.replace(_SYMBOL_MARK, text_kept, 1)
    return text, unknown


def _decode(value: str) -> tuple[str, tuple[str, ...]]:
    if not _LATEX.search(value):
        return _BRACE.sub("", value), ()  # nothing but braces: the parser is slow, skip it
    decoder = _decoder()
    decoder.unknown = []
    try:
        text = decoder.latex_to_text(value)
    except Exception:  # noqa: BLE001 — the parser's own errors are not a stable API; keep the text as written
        return _BRACE.sub("", value), ("(LaTeX that could not be read)",)
    return text, tuple(decoder.unknown)


# Commands pylatexenc does not know that real files hold: the TeX family's logos (titles of
# manuals and theses), and the text symbols Zotero writes for <, >, | and _ (`{\\textless}i{\\textgreater}`).
_LOGOS = {"TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2ε", "BibTeX": "BibTeX", "XeTeX": "XeTeX",
          "XeLaTeX": "XeLaTeX", "LuaTeX": "LuaTeX", "LuaLaTeX": "LuaLaTeX", "AmS": "AMS", "AMSTeX": "AMS-TeX",
          "textless": "<", "textgreater": ">", "textbar": "|", "textunderscore": "_", "textquotedbl": '"',
          "textpercent": "%", "textminus": "−", "S": "§", "P": "¶", "ddag": "‡", "copyright": "©", "pounds": "£",
          "checkmark": "✓"}


@lru_cache(maxsize=1)
def _decoder() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text

    class Decoder(LatexNodes2Text):  # type: ignore[misc]  # pylatexenc is untyped
        """pylatexenc's LaTeX → text, except that an unknown macro is kept and recorded, not dropped."""

        unknown: list[str]

        def macro_node_to_text(self, node: Any) -> str:
            name = str(node.macroname)
            if name in _LOGOS:  # `The \\LaTeX Companion`: the space after a logo is the reader's
                return _LOGOS[name] + str(node.macro_post_space or "")
            if self.latex_context.get_macro_spec(name) is None:
                self.unknown.append("\\" + name)
                return "\\" + name + str(node.macro_post_space or "")
            return str(super().macro_node_to_text(node))

    return Decoder(math_mode="verbatim")


_NEWCOMMAND = re.compile(r"\\(?:re)?(?:newcommand|providecommand)\*?\s*\{?\\([A-Za-z]+)\}?\s*(?:\[(\d)\])?\s*\{")
Macros = dict[str, tuple[int, str]]  # name → (number of arguments, body with #1…#9)


def preamble_macros(preamble: str) -> Macros:
    """The commands an @preamble defines with \\newcommand (xampl.bib's \\noopsort{…} and kin)."""
    macros: Macros = {}
    for match in _NEWCOMMAND.finditer(preamble):
        end = group_end(preamble, match.end() - 1)
        if end is not None:
            macros[match.group(1)] = (int(match.group(2) or 0), preamble[match.end():end - 1])
    return macros


def expand_macros(value: str, macros: Macros) -> str:
    """value with each use of a preamble command replaced by its body, as LaTeX would."""
    for _ in range(10):  # bodies may use other commands; bounded, a command may expand to itself
        pattern = re.compile(r"\\(" + "|".join(re.escape(name) for name in macros) + r")(?![A-Za-z])\s*")
        match = pattern.search(value)
        if match is None:
            return value
        out, at = [], 0
        while match is not None:
            count, body = macros[match.group(1)]
            args, end = [], match.end()
            for _ in range(count):
                while end < len(value) and value[end] == " ":
                    end += 1
                close = group_end(value, end) if end < len(value) and value[end] == "{" else None
                if close is None:
                    break
                args.append(value[end + 1:close - 1])
                end = close
            if len(args) < count:  # not a use LaTeX could read: leave it to be reported
                out.append(value[at:match.end()])
            else:
                out.append(value[at:match.start()] + re.sub(r"#(\d)", lambda m: args[int(m.group(1)) - 1]
                                                           if 0 < int(m.group(1)) <= count else m.group(), body))
            at = end if len(args) == count else match.end()
            match = pattern.search(value, at)
        out.append(value[at:])
        expanded = "".join(out)
        if expanded == value:
            return value
        value = expanded
    return value


def group_end(text: str, start: int) -> int | None:
    """The index just past the brace group opening at text[start], or None if it is not closed."""
    depth = 0
    for i in range(start, len(text)):
        char = text[i]
        if char == "\\":
            continue
        if char == "{" and text[i - 1] != "\\":
            depth += 1
        elif char == "}" and text[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return i + 1
    return None
