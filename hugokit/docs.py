"""Reference sections of the README, generated from the code so that they cannot drift.

`python -m hugokit.docs README.md` rewrites the sections between `<!-- NAME:start -->` and
`<!-- NAME:end -->`; the test suite fails when the README is out of date.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from hugokit.config import KEYS
from hugokit.model import FIELDS
from hugokit.rules import all_rules


def fields_table() -> str:
    rows = ["| field | type | required | meaning |", "|---|---|---|---|"]
    types = {"str": "text", "int": "number", "list": "list of text", "map": "mapping kind → URL"}
    rows += [f"| `{f.name}` | {types[f.kind]} | {'yes' if f.required else ''} | {f.description} |" for f in FIELDS]
    return "\n".join(rows)


def config_table() -> str:
    rows = ["| key | meaning |", "|---|---|"]
    rows += [f"| `{name}` | {key.doc} |" for name, key in KEYS.items()]
    return "\n".join(rows)


def rules_reference() -> str:
    rules = all_rules().values()
    rows = ["| code | severity | `hugokit fix` | what it finds |", "|---|---|---|---|"]
    rows += [f"| [`{r.code}`](#{r.code}) | {r.severity.value} | {'yes' if r.fixable else ''} | {r.summary} |"
             for r in rules]
    details = [f"#### {r.code}\n\n*{r.severity.value}{', fixable' if r.fixable else ''}.* "
               + r.doc.removeprefix(f"{r.code}: ") for r in rules]
    return "\n".join(rows) + "\n\n" + "\n\n".join(details)


SECTIONS = {"fields": fields_table, "config": config_table, "rules": rules_reference}


def update(text: str) -> str:
    for name, make in SECTIONS.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
        if not pattern.search(text):
            raise ValueError(f"the README has no <!-- {name}:start --> … <!-- {name}:end --> section")
        body = make()
        text = pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)  # noqa: B023 (used at once)
    return text


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "README.md")
    old = path.read_text(encoding="utf-8")
    new = update(old)
    if new != old:
        path.write_text(new, encoding="utf-8")
        print(f"updated {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
