"""The rule registry. Each rule is a module here: CODE, SEVERITY (its default), a docstring (its
user docs, shown in the README) and either check(context), yielding findings about the database
and vocabularies, or check_file(config, path, data), yielding findings about one content page
from its bytes alone (so that its findings can be memoised by the page's digest). Adding a
module adds the rule; the registry stamps every finding with the rule's code and effective
severity."""

import importlib
import os
from functools import cache
from types import ModuleType
from typing import Any, Callable, Iterator, NamedTuple

from hugokit.config import CodeRef, SiteConfig
from hugokit.diagnostics import (Diagnostic, Finding, InputError, Position, Severity, did_you_mean, error, on_command_line,
                                 os_hint, quoted)
from hugokit.model import Database
from hugokit.vocab import Vocabularies


class Context(NamedTuple):
    """What rules look at."""

    database: Database
    vocab: Vocabularies
    config: SiteConfig
    shared: dict[str, Any]  # what several rules work out alike, once per check (see rules._common)


class Rule(NamedTuple):
    code: str
    severity: Severity  # the default; `severity:` in hugokit.yaml changes it per site
    doc: str
    fixable: bool
    check: Callable[[Context], Iterator[Finding]] | None
    check_file: Callable[[SiteConfig, str, bytes], Iterator[Finding]] | None  # a content page's findings

    @property
    def summary(self) -> str:
        """The docstring's first paragraph, without the leading "code: "."""
        first = " ".join(self.doc.split("\n\n", 1)[0].split())
        return first.removeprefix(f"{self.code}: ")


def _rule(module: ModuleType) -> Rule:
    return Rule(module.CODE, module.SEVERITY, (module.__doc__ or "").strip(), getattr(module, "FIXABLE", False),
                getattr(module, "check", None), getattr(module, "check_file", None))


@cache
def all_rules() -> dict[str, Rule]:
    """Every rule by code, built once per process (callers do not change it)."""
    names = [name[:-3] for name in os.listdir(__path__[0]) if name.endswith(".py") and not name.startswith("_")]
    found = [_rule(importlib.import_module(f"{__name__}.{name}")) for name in names]  # _*: helpers
    return {rule.code: rule for rule in sorted(found, key=lambda r: r.code)}


def selected(config: SiteConfig, select: str = "", ignore: str = "") -> list[Rule]:
    """The rules a run uses, each with its effective severity: hugokit.yaml's `select`, `ignore`
    and `severity` with the command line's comma-separated --select (which replaces the
    configured selection) and --ignore (which adds to it). Every unknown code, wherever it was
    written, raises InputError."""
    known = all_rules()
    given = {"--select": _codes(select), "--ignore": _codes(ignore)}
    unknown = [_unknown_code(ref, known) for ref in config.rule_codes if ref.code not in known]
    unknown += [_unknown_code(CodeRef(code, on_command_line(option), option), known)
                for option, codes in given.items() for code in codes if code not in known]
    if unknown:
        raise InputError(unknown)
    severity = dict(config.severity)
    return [rule._replace(severity=severity.get(code, rule.severity)) for code, rule in known.items()
            if runs(config, code, select, ignore)]


def runs(config: SiteConfig, code: str, select: str = "", ignore: str = "") -> bool:
    """Whether a run with this --select and --ignore uses the rule code (without importing any
    rule; selected() is what reports unknown codes)."""
    chosen = _codes(select) or config.select
    return (not chosen or code in chosen) and code not in {*config.ignore, *_codes(ignore)}


def _unknown_code(ref: CodeRef, known: dict[str, Rule]) -> Diagnostic:
    return error(ref.where, "bad-config", f"unknown rule code {quoted(ref.code)} in {ref.what}",
                 did_you_mean(ref.code, list(known)) or "list them with: hugokit rules")


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in text.split(",") if code.strip())


def run(context: Context, rules: list[Rule]) -> list[Diagnostic]:
    """Diagnostics of the given rules that look at the database, in file order."""
    out = [Diagnostic.at(found.where, rule.severity, rule.code, found.message, found.hint, found.fix)
           for rule in rules if rule.check is not None for found in rule.check(context)]
    return sorted(out, key=Diagnostic.sort_key)


def file_findings(rule: Rule, config: SiteConfig, shown: str, data: bytes | OSError) -> list[Finding]:
    """What a per-file rule finds in one content page (data: its bytes, or why it could not be read)."""
    if rule.check_file is None:
        return []
    if isinstance(data, OSError):
        return [Finding(Position(shown), f"cannot read this page: {data.strerror or data}",
                        os_hint(data, "make the file readable"))]
    return list(rule.check_file(config, shown, data))
