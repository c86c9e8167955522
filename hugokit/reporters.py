"""Output formats for diagnostics: human, github (workflow commands) and json, chosen by name."""
from __future__ import annotations

import json
import os
from collections import Counter
from typing import Iterable

from hugokit.diagnostics import Diagnostic

JSON_VERSION = 1
FORMATS = ("auto", "human", "github", "json")


def resolve(name: str) -> str:
    """`auto` is github inside GitHub Actions, human elsewhere."""
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "human"
    return name


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    counts = Counter(d.severity.value for d in diagnostics)
    parts = [f"{counts[s]} {s}{'' if counts[s] == 1 else 's'}" for s in ("error", "warning") if counts[s]]
    return ", ".join(parts) if parts else "no problems"


def human(diagnostics: list[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        hint = f" ({d.hint})" if d.hint else ""
        lines.append(f"{d.path}:{d.line}:{d.col}: {d.severity.value}[{d.code}] {d.message}{hint}")
    return "".join(line + "\n" for line in lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: list[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        props = ",".join(f"{k}={_escape_property(str(v))}" for k, v in
                         (("file", d.path), ("line", d.line), ("col", d.col), ("title", f"hugokit {d.code}")))
        message = d.message + (f" ({d.hint})" if d.hint else "")
        lines.append(f"::{d.severity.value} {props}::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)


def as_json(diagnostics: list[Diagnostic]) -> str:
    counts = Counter(d.severity.value for d in diagnostics)
    payload = {
        "version": JSON_VERSION,
        "diagnostics": [
            {"path": d.path, "line": d.line, "col": d.col, "severity": d.severity.value,
             "code": d.code, "message": d.message, "hint": d.hint}
            for d in diagnostics
        ],
        "summary": {"errors": counts["error"], "warnings": counts["warning"]},
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render(name: str, diagnostics: list[Diagnostic]) -> str:
    return {"human": human, "github": github, "json": as_json}[resolve(name)](diagnostics)
