"""Reading a well-formed command line from hugokit.commands' declarations, without click.

Only what is unambiguous is read here: a command name, long options (`--name VALUE`,
`--name=VALUE`, flags) and plain arguments, with every value valid. Anything else — help,
--version, short options, `--`, a value that starts with `-`, a folder where a file is wanted,
any mistake — is left to click, so that every message about the command line is click's (a path
is handed over as click hands it: a Path). tests/test_argv.py checks that
both read the same values wherever this one reads anything.
"""
from __future__ import annotations

import os
from pathlib import Path

from hugokit.commands import COMMANDS, Argument, Command, Option


def parse(argv: list[str]) -> tuple[Command, dict[str, object]] | None:
    """The command and its parameters' values, or None for click to handle."""
    if not argv or argv[0] not in COMMANDS:
        return None
    command = COMMANDS[argv[0]]
    values = {param.dest: param.default for param in command.params}
    switches: dict[str, tuple[Option, object]] = {}  # "--name" -> (option, the value a flag sets)
    for param in command.params:
        if isinstance(param, Option):
            for decl in param.decls:
                on, _, off = decl.partition("/")
                switches[on] = (param, True)
                if off:
                    switches[off] = (param, False)
    arguments = [param for param in command.params if isinstance(param, Argument)]
    tokens = iter(argv[1:])
    seen_multiple = False
    for token in tokens:
        if not token.startswith("-"):
            if not arguments or not _valid(arguments[0], token):
                return None
            if arguments[0].multiple:
                values[arguments[0].dest] = (*values[arguments[0].dest], _value(arguments[0], token))  # type: ignore[misc]
                seen_multiple = True
            else:
                values[arguments[0].dest] = _value(arguments[0], token)
                arguments.pop(0)
            continue
        name, equals, value = token.partition("=")
        found = switches.get(name) if name.startswith("--") else None
        if found is None:
            return None
        option, flag_value = found
        if option.flag:
            if equals:
                return None
            values[option.dest] = flag_value
            continue
        if not equals:
            following = next(tokens, None)
            if following is None or following.startswith("-"):
                return None
            value = following
        if not _valid(option, value):
            return None
        read = _value(option, value)
        values[option.dest] = (*values[option.dest], read) if option.multiple else read  # type: ignore[misc]
    if any(argument.required and not (argument.multiple and seen_multiple) for argument in arguments):
        return None
    return command, values


def _valid(param: Option | Argument, value: str) -> bool:
    """Whether click would take the value as it is: one of the choices; for a path, anything but
    an existing folder where a file is wanted (click then explains)."""
    if param.path:
        return bool(value) and (getattr(param, "folder_ok", False) or not os.path.isdir(value))
    return not param.choices or value in param.choices


def _value(param: Option | Argument, value: str) -> object:
    """The value as click hands it over: a path as a Path."""
    return Path(value) if param.path else value
