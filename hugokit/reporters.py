"""Output formats for diagnostics: human, github (workflow commands) and json, chosen by name."""
from __future__ import annotations

import json
import os
from collections import Counter
from typing import Iterable

from hugokit.diagnostics import Diagnostic

JSON_VERSION = 2  # 2: the position key is "column" (was "col")
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
        where = f"{d.path}:{d.line}:{d.col}" if d.line else d.path
        lines.append(f"{where}: {d.severity.value}[{d.code}] {d.message}{hint}")
    return "".join(line + "\n" for line in lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: list[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        # A place without lines (an option, a missing file) is no place in the pull request: the
        # annotation goes on the run, with the place named in its text.
        where = (("file", d.path), ("line", d.line), ("col", d.col)) if d.line else ()
        props = ",".join(f"{k}={_escape_property(str(v))}" for k, v in (*where, ("title", f"hugokit {d.code}")))
        message = ("" if d.line else f"{d.path}: ") + d.message + (f" ({d.hint})" if d.hint else "")
        lines.append(f"::{d.severity.value} {props}::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)


def as_json(diagnostics: list[Diagnostic]) -> str:
    counts = Counter(d.severity.value for d in diagnostics)
    payload = {
        "version": JSON_VERSION,
        "diagnostics": [d.as_dict() for d in diagnostics],
        "summary": {"errors": counts["error"], "warnings": counts["warning"]},
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render(name: str, diagnostics: list[Diagnostic]) -> str:
    return {"human": human, "github": github, "json": as_json}[resolve(name)](diagnostics)


def check_summary_markdown(diagnostics: list[Diagnostic]) -> str:
    """A Markdown report for $GITHUB_STEP_SUMMARY: counts by rule, then each problem."""
    lines = ["## hugokit check", "", f"**{summary(diagnostics)}**", ""]
    if diagnostics:
        counts = Counter((d.code, d.severity.value) for d in diagnostics)
        lines += ["| rule | severity | count |", "|---|---|---|"]
        lines += [f"| `{code}` | {severity} | {n} |" for (code, severity), n in sorted(counts.items())]
        lines += ["", "<details><summary>All problems</summary>", "", "```", human(diagnostics).rstrip(), "```",
                  "", "</details>"]
    return "\n".join(lines) + "\n\n"


def build_summary_markdown(stale: list[str], diff: str) -> str:
    """A Markdown report for $GITHUB_STEP_SUMMARY: the stale generated files and their diff."""
    if not stale:
        return "## hugokit build\n\nAll generated files are up to date.\n\n"
    lines = ["## hugokit build", "", "These generated files are stale; run `hugokit build` and commit them:", ""]
    lines += [f"- `{path}`" for path in stale]
    if diff:
        fence = "````" if "```" in diff else "```"
        lines += ["", f"{fence}diff", diff.rstrip(), fence]
    return "\n".join(lines) + "\n\n"
