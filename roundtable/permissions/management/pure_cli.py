"""A management command that hands its whole command line to a pure-core CLI.

The pure core's own argparse owns the arguments (so `roundtable X --help` is the core's); the
command only delegates and exits with its code. `roundtable modalities` and
`roundtable campaigns` are such commands.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class PureCliCommand(BaseCommand):
    name = ""
    main: Callable[[list[str]], int]

    def run_from_argv(self, argv: list[str]) -> None:
        # argv is [prog, name, ...]: skip Django's own parser entirely.
        sys.exit(type(self).main(argv[2:]))

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("args", nargs=argparse.REMAINDER)

    def handle(self, *args: str, **options: Any) -> None:
        # For call_command(name, "subcommand", ...).
        code = type(self).main(list(args))
        if code:
            raise CommandError(f"{self.name} exited with {code}", returncode=code)
