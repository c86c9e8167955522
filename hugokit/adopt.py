"""What `hugokit init` writes, as text: vocabularies drawn from the publications, and the hooks and
workflow pinned to the installed hugokit. Pure functions; hugokit.cli_init writes the files."""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, NamedTuple, Sequence

from hugokit import REPOSITORY, __version__
from hugokit.model import Publication
from hugokit.render.database_yaml import scalar

if TYPE_CHECKING:
    from hugokit.vocab import Vocabulary

# The hooks' `files:` patterns (as in .pre-commit-hooks.yaml), for a site at the repository's root.
HOOK_FILES = {
    "hugokit-check": r"(data/.+\.ya?ml|content/.+\.(md|markdown|html?)|hugokit\.yaml)",
    "hugokit-build": r"(data/.+\.ya?ml|content/.+|hugokit\.yaml)",
}
EMPTY_DATABASE = ("# The publication database: one entry per publication, in page order. Replace the [] below\n"
                  "# (an empty list) with the entries, for example:\n"
                  "# - title: \"A Paper\"\n#   authors: [Ada Lovelace, Alan Turing]\n#   year: 2024\n"
                  "#   venue: NeurIPS 2024\n#   links: {paper: \"https://arxiv.org/pdf/2401.00001\"}\n"
                  "#   topics: [Selected]\n[]\n")


class Pin(NamedTuple):
    """Where the hooks and the action come from, and the exact revision."""

    repository: str  # a Git URL
    rev: str         # a commit SHA, or a release tag
    exact: bool      # rev is the very commit installed (not a tag assumed to exist)

    @property
    def action(self) -> str:
        """`owner/name@rev` for a workflow's `uses:`."""
        path = re.sub(r"^https://github\.com/|\.git$", "", self.repository)
        return f"{path}@{self.rev}"


def pin(direct_url: str | None, version: str = __version__) -> Pin:
    """The installed hugokit's source: the commit it was installed from when pip recorded one
    (PEP 610's direct_url.json, as for `pip install git+https://…@SHA`), else the release tag."""
    try:
        info = json.loads(direct_url or "null") or {}
    except json.JSONDecodeError:
        info = {}
    vcs = info.get("vcs_info") or {}
    url = str(info.get("url", ""))
    if vcs.get("vcs") == "git" and re.fullmatch(r"[0-9a-f]{40}", str(vcs.get("commit_id", ""))) \
            and url.startswith("https://"):
        return Pin(url, vcs["commit_id"], True)
    return Pin(REPOSITORY, f"v{version}", False)


def installed_pin() -> Pin:
    from importlib import metadata

    try:
        return pin(metadata.distribution("hugokit").read_text("direct_url.json"))
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return pin(None)


def topics_yaml(publications: Sequence[Publication]) -> str:
    """data/topics.yaml: every topic in use, in the order the page first uses it; spellings that
    differ only by case are one topic (as the vocabulary reads them), first spelling first."""
    first: dict[str, str] = {}
    for topic in (topic for pub in publications for topic in pub.topics):
        first.setdefault(topic.casefold(), topic)
    seen = list(first.values())
    lines = ["# The site's topics, in the order the topic filter shows them (written by hugokit init",
             "# from the topics in use). Add a description with `- {name: X, description: ...}`."]
    return "\n".join(lines + [f"- {scalar(topic)}" for topic in seen]) + "\n"


def variant_groups(publications: Sequence[Publication], people: Vocabulary) -> list[tuple[str, list[str]]]:
    """(canonical spelling, its other spellings by frequency) for each person written several ways."""
    from hugokit.rules.author_variant import spelling_groups

    canonical, counts = spelling_groups(publications, people)
    groups: dict[str, list[str]] = {}
    for spelling, best in canonical.items():
        if spelling != best:
            groups.setdefault(best, []).append(spelling)
    return [(best, sorted(others, key=lambda s: (-counts[s], s))) for best, others in groups.items()]


def people_yaml(groups: list[tuple[str, list[str]]], profiles: dict[str, str] | None = None) -> str:
    """The proposal: each group of spellings, and each person imported from a Hugo Blox profile
    with its username (profiles: name -> username), which the page bundles then write."""
    profiles = profiles or {}
    lines = ["# A proposal (written by hugokit init): each person the publications spell several ways,",
             "# under the most frequent spelling. Check every group: two people can share a name, and",
             "# the canonical spelling may be another one. Then `hugokit fix` writes the names as here."] \
        if groups else ["# Written by hugokit init: how the publications name people."]
    if profiles:
        lines.append("# `profile`: the Hugo Blox profile (content/authors/<profile>/) the pages named the person by;")
        lines.append("# the page bundles hugokit generates name it, so Hugo Blox links the person's profile.")
    grouped: set[str] = set()
    for name, aliases in groups:
        lines += [f"- name: {scalar(name)}", f"  aliases: [{', '.join(scalar(a) for a in aliases)}]"]
        username = next((profiles[s] for s in (name, *aliases) if s in profiles), "")
        lines += [f"  profile: {scalar(username)}"] if username else []
        grouped.update((name, *aliases))
    for name, username in profiles.items():
        if name not in grouped:
            lines += [f"- name: {scalar(name)}", f"  profile: {scalar(username)}"]
    return "\n".join(lines) + "\n"


def _site_args(site_dir: str) -> tuple[str, str]:
    """The hooks' `args:` line and `files:` prefix for a site in a subfolder of the repository."""
    if site_dir in ("", "."):
        return "", ""
    return f"        args: [--site, {scalar(site_dir)}]\n", re.escape(site_dir.rstrip("/") + "/")


def pre_commit_repo(where: Pin, site_dir: str) -> str:
    """hugokit's entry in a pre-commit configuration's `repos:` list."""
    args, prefix = _site_args(site_dir)
    hooks = "".join(f"      - id: {hook}\n{args}" + (f"        files: ^{prefix}{HOOK_FILES[hook]}$\n" if prefix else "")
                    for hook in HOOK_FILES)
    return f"  - repo: {where.repository}\n    rev: {where.rev}{_pin_comment(where)}\n    hooks:\n{hooks}"


def pre_commit_config(where: Pin, site_dir: str) -> str:
    return ("# Written by hugokit init. hugokit-check validates the publication database; hugokit-build\n"
            "# regenerates content/publications.md (the commit fails when it was stale; `git add` it).\n"
            "repos:\n" + pre_commit_repo(where, site_dir))


def workflow(where: Pin, site_dir: str) -> str:
    site = site_dir if site_dir not in ("", ".") else "."
    return ("# Written by hugokit init: checks the publications on every pull request, with annotations\n"
            "# on the changed lines and a summary on the run's page.\n"
            "name: Publications\n\n"
            "on:\n  pull_request:\n  push:\n    branches: [main, master]\n\n"
            "permissions:\n  contents: read\n\n"
            "jobs:\n  hugokit:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/checkout@v4\n"
            "        with:\n          submodules: recursive  # a theme kept as a Git submodule\n"
            f"      - uses: {where.action}{_pin_comment(where)}\n"
            "        with:\n"
            f"          site: {scalar(site)}  # the Hugo site's folder in the repository\n"
            "          strict: \"false\"  # \"true\": warnings fail the check too\n")


def _pin_comment(where: Pin) -> str:
    return f"  # hugokit {__version__}" if where.exact else "  # or a commit SHA, if this tag does not exist"


def topics_missing(existing: Sequence[str], publications: Sequence[Publication]) -> list[str]:
    known = {t.casefold() for t in existing}
    return [t for t in dict.fromkeys(x for pub in publications for x in pub.topics) if t.casefold() not in known]

