"""BibTeX field text ↔ Unicode.

Decoding handles what real BibTeX files hold (accents such as {\\"u} and \\'e, {\\ss}, -- and
---, ~, braces that protect case) through latexcodec. A line break is written as \\. Encoding writes UTF-8 and escapes only
what BibTeX or LaTeX would misread, in forms that keep braces balanced; decoding protects those
forms first, so that text → BibTeX → text gives the text back exactly.
"""
from __future__ import annotations

import codecs
import re

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

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
_STYLE = re.compile(r"\\(?:textbf|textit|textsl|textsc|texttt|textrm|textsf|emph|mbox|text|mathrm|mathit|url)\s*(?=\{)")
_BRACE = re.compile(r"(?<!\\)[{}]")
_LATEX = re.compile(r"[\\~$]|--|``|''|[!?]`|<<|>>|,,|  ")
_SPECIAL = re.compile(r"[\\{}~$\uE000-\uE0FF]|--|``|''|[!?]`|<<|>>|,,|  ")
_SCHOLAR_BRACE = re.compile(r"\$\\[{}]\$")
_DOTLESS = re.compile(r"\\([ij])(?![A-Za-z])")


_RESERVED = re.compile("[\uE000-\uE0FF]")  # the placeholders' range, written as \symbol{"XXXX}
_SYMBOL = re.compile(r'\\symbol\{"([0-9A-F]{4})\}')


def to_latex(text: str) -> str:
    out = text.translate(_ESCAPE_TABLE).replace("\n", "\\\\ ")
    out = _RESERVED.sub(lambda m: f'\\symbol{{"{ord(m.group()):04X}}}', out)
    for pair in _LIGATURES:
        while pair in out:
            out = out.replace(pair, pair[0] + "{}" + pair[1])
    return out


def from_latex(value: str) -> str:
    if not _SPECIAL.search(value):
        return value  # plain text: nothing to decode (most fields)
    symbols: list[str] = []

    def keep(match: re.Match[str]) -> str:
        symbols.append(chr(int(match.group(1), 16)))
        return _SYMBOL_MARK

    value = _SYMBOL.sub(keep, value)
    value = _SCHOLAR_BRACE.sub("", value)  # Google Scholar's mangled case-protecting braces
    value = _DOTLESS.sub(lambda m: m.group(1), value)  # \'{\i} is í: the accent goes on a plain i
    value = value.replace("\\{", _PLACEHOLDER["\\textbraceleft{}"]).replace("\\}", _PLACEHOLDER["\\textbraceright{}"])
    value = _ESCAPE_RE.sub(lambda m: _PLACEHOLDER[m.group()], value)
    value = re.sub(r"\s*\\\\\s*", _NEWLINE, value)  # \\ is a line break
    for pair in _LIGATURES:
        value = value.replace(pair[0] + "{}" + pair[1], pair[0] + _SPLIT + pair[1])
    value = _STYLE.sub("", value)
    text = _decode(value)
    text = _BRACE.sub("", text)
    if "\\" in text:
        text = _decode(text)
    text = text.replace(_SPLIT, "").replace(_NEWLINE, "\n")
    text = text.translate(_RESTORE)
    for symbol in symbols:
        text = text.replace(_SYMBOL_MARK, symbol, 1)
    return text


def _decode(value: str) -> str:
    if not _LATEX.search(value):
        return value  # nothing LaTeX would change: latexcodec's lexer is slow, skip it
    try:
        # latexcodec's text codec decodes str to str, which typeshed's codecs.decode does not foresee.
        return str(codecs.decode(value, "ulatex"))  # type: ignore[call-overload]
    except (UnicodeDecodeError, ValueError):
        return value
