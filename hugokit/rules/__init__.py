"""The rule registry. Each rule is a module here: CODE, SEVERITY, a docstring (its user docs,
shown in the README) and check(context) yielding diagnostics. Adding a module adds the rule."""
from __future__ import annotations

import importlib
import os
from types import ModuleType
from typing import Callable, Iterator, NamedTuple

from hugokit.config import SiteConfig
from hugokit.diagnostics import Diagnostic, InputError, Position, Severity, did_you_mean, error, on_command_line
from hugokit.model import Database
from hugokit.vocab import Vocabularies


class Context(NamedTuple):
    """What rules look at."""

    database: Database
    vocab: Vocabularies
    config: SiteConfig
    content: list[str]  # every file under content/, relative to the site, sorted


class Rule(NamedTuple):
    code: str
    severity: Severity
    doc: str
    fixable: bool
    check: Callable[[Context], Iterator[Diagnostic]]

    @property
    def summary(self) -> str:
        """The docstring's first paragraph, without the leading "code: "."""
        first = " ".join(self.doc.split("\n\n", 1)[0].split())
        return first.removeprefix(f"{self.code}: ")


def _rule(module: ModuleType) -> Rule:
    return Rule(module.CODE, module.SEVERITY, (module.__doc__ or "").strip(), getattr(module, "FIXABLE", False),
                module.check)


def all_rules() -> dict[str, Rule]:
    names = [name[:-3] for name in os.listdir(__path__[0]) if name.endswith(".py") and not name.startswith("_")]
    found = [_rule(importlib.import_module(f"{__name__}.{name}")) for name in names]  # _*: helpers
    return {rule.code: rule for rule in sorted(found, key=lambda r: r.code)}


def narrowed(config: SiteConfig, select: str = "", ignore: str = "") -> SiteConfig:
    """config with a command line's comma-separated rule codes: --select replaces the configured
    selection, --ignore adds to it. An unknown code raises InputError (hugokit.yaml's own codes
    are checked when it is read)."""
    known = all_rules()
    given = {"--select": _codes(select), "--ignore": _codes(ignore)}
    unknown = [unknown_code(code, on_command_line(option), option, known)
               for option, codes in given.items() for code in codes if code not in known]
    if unknown:
        raise InputError(unknown)
    return config._replace(select=given["--select"] or config.select, ignore=config.ignore + given["--ignore"])


def unknown_code(code: str, where: Position, what: str, known: dict[str, Rule]) -> Diagnostic:
    return error(where, "bad-config", f"unknown rule code {code!r} in {what}",
                 did_you_mean(code, list(known)) or "list them with: hugokit rules")


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in text.split(",") if code.strip())


def run(context: Context, select: tuple[str, ...] | list[str] = (),
        ignore: tuple[str, ...] | list[str] = ()) -> list[Diagnostic]:
    """Diagnostics of the chosen rules, in file order."""
    out: list[Diagnostic] = []
    for code, rule in all_rules().items():
        if (select and code not in select) or code in ignore:
            continue
        out.extend(rule.check(context))
    return sorted(out, key=Diagnostic.sort_key)
