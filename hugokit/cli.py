"""The click interface, built from hugokit.commands: help, usage errors, --version.

A command line that hugokit.argv reads by itself never comes here (see hugokit.__main__).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from hugokit import __version__
from hugokit.commands import COMMANDS, Argument, Command, Option, invoke


def _parameter(param: Option | Argument) -> click.Parameter:
    kind: click.ParamType[object] | None = None
    if param.choices:
        kind = click.Choice(list(param.choices))
    elif param.path:
        kind = click.Path(dir_okay=getattr(param, "folder_ok", False), path_type=Path)
    if isinstance(param, Argument):
        return click.Argument([param.dest], type=kind, required=param.required, metavar=param.metavar,
                              nargs=-1 if param.multiple else 1)
    return click.Option([*param.decls, param.dest], type=kind, default=param.default, is_flag=param.flag or None,
                        multiple=param.multiple, metavar=param.metavar, show_default=param.show_default,
                        help=param.help)


def _command(spec: Command) -> click.Command:
    def run(**values: object) -> None:
        sys.exit(invoke(spec, values))

    return click.Command(spec.name, callback=run, params=[_parameter(p) for p in spec.params], help=spec.help)


class _Group(click.Group):
    """Commands are made from their declarations when one is run or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return _command(COMMANDS[name]) if name in COMMANDS else None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hugokit")
def cli() -> None:
    """hugokit: one publication database for a Hugo site, validated, rendered into pages."""
