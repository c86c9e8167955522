"""The `hugokit` command (also `python -m hugokit`).

A check of a typical site is over in a tenth of a second, so costs that a long-running program
never notices would dominate it: importing click (see hugokit.commands), the garbage collector
repeatedly scanning the objects that the imports create, and the interpreter tearing every
module down at exit. A well-formed command line is read without click; like mypy, hugokit
collects rarely and, once its output is flushed, ends the process directly (every file it
writes is complete and closed by then).
"""
from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    gc.set_threshold(200_000, 30, 30)
    _hard_exit(run(sys.argv[1:]))


def run(argv: list[str]) -> int:
    """The exit status of one command line, run as the `hugokit` command runs it (the tests run
    every command line through here too)."""
    from hugokit.argv import parse

    parsed = parse(argv)
    try:
        if parsed is None:
            from hugokit.cli import cli

            cli.main(args=argv, prog_name="hugokit")  # always ends in SystemExit
        from hugokit.commands import invoke

        return invoke(*parsed)
    except SystemExit as exc:
        return _status(exc.code)
    except KeyboardInterrupt:
        print("Aborted!", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `hugokit check | head`: the reader stopped reading
        return 1


def _status(code: object) -> int:
    """What the interpreter would make of sys.exit(code)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _hard_exit(status: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`hugokit check | head`), or a closed stream
            status = status or 1
    os._exit(status)


if __name__ == "__main__":
    main()
