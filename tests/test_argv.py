"""The command line read without click (hugokit.argv) means exactly what click reads in it, and the
commands a hook or CI runs take that path."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from hypothesis import given, settings, strategies as st

from conftest import REPO
from hugokit.argv import parse
from hugokit.cli import cli
from hugokit.commands import COMMANDS, Option

HUGOKIT = Path(sys.executable).parent / "hugokit"


def click_values(argv: list[str]) -> dict[str, object] | None:
    """What click makes of argv: the command's parameter values, or None for an error or help."""
    group_context = click.Context(cli, info_name="hugokit")
    command = cli.get_command(group_context, argv[0])
    if command is None:
        return None
    try:
        with command.make_context(argv[0], list(argv[1:]), parent=group_context) as context:
            return dict(context.params)
    except (click.exceptions.Exit, click.exceptions.UsageError, click.exceptions.BadParameter):
        return None


NOISE = ["x", "", "-", "--", "-h", "--help", "--bogus", "-o", "--site", "--format=xml"]


def pieces_for(name: str) -> list[list[str]]:
    """Well-formed pieces of a command line of this command: each option used each way, values."""
    pieces: list[list[str]] = []
    for param in COMMANDS[name].params:
        values = list(param.choices) or ["x", "a,b", "", "out.bib", "-x"]
        if not isinstance(param, Option):
            pieces += [[value] for value in values]
            continue
        for decl in param.decls:
            for switch in decl.split("/"):
                if param.flag:
                    pieces += [[switch], [f"{switch}=1"]]
                else:
                    pieces += [[switch, value] for value in values] + [[f"{switch}={value}"] for value in values]
    return pieces


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    name = draw(st.sampled_from(sorted(COMMANDS)))
    chosen = draw(st.lists(st.sampled_from(pieces_for(name) + [[token] for token in NOISE]), max_size=5))
    return [name, *(token for piece in chosen for token in piece)]


@settings(max_examples=300)
@given(command_lines())
def test_whatever_argv_reads_click_reads_the_same(argv: list[str]) -> None:
    ours = parse(argv)
    if ours is not None:
        command, values = ours
        assert command.name == argv[0]
        assert values == click_values(argv)


@pytest.mark.parametrize("argv", [
    ["check"], ["check", "--format", "github"], ["check", "--site", "examples/site", "--strict"],
    ["check", "--format=json", "--select", "bad-link,no-topics"], ["build"], ["build", "--check"],
    ["build", "--diff", "--no-pages", "--site", "."], ["fix", "--diff"], ["rules"], ["rules", "bad-link"],
    ["export", "bibtex"], ["schema"], ["import", "refs.bib", "--partial"], ["export", "bibtex", "--output", "x.bib"],
])
def test_the_commands_hooks_and_ci_run_are_read_without_click(argv: list[str]) -> None:
    parsed = parse(argv)
    assert parsed is not None
    assert parsed[1] == click_values(argv)


@pytest.mark.parametrize("argv", [
    [], ["--version"], ["-h"], ["check", "--help"], ["check", "--format", "xml"], ["check", "--site"],
    ["check", "--strict=yes"], ["export", "bibtex", "--output", str(REPO / "tests")],
    ["export", "bibtex", "-o", "x.bib"], ["rules", "a", "b"],
    ["nonsense"],
])
def test_help_paths_and_mistakes_are_left_to_click(argv: list[str]) -> None:
    assert parse(argv) is None


def test_a_hook_run_never_imports_click() -> None:
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    result = subprocess.run([str(HUGOKIT), "check", "--no-cache"], cwd=REPO / "examples/site", env=env,
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, "")
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert {"hugokit.site", "hugokit.rules._common"} <= imported  # the check ran
    assert "click" not in imported


def test_mistakes_on_the_command_line_get_clicks_messages() -> None:
    result = subprocess.run([str(HUGOKIT), "check", "--format", "xml"], cwd=REPO / "examples/site",
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Invalid value for '--format'" in result.stderr
