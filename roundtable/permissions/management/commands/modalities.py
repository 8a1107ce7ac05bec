"""`roundtable modalities ...`: the modalities CLI as a management command.

All arguments go to `roundtable.modalities.cli.main`, whose argparse owns them; this command
only delegates and exits with its code.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from roundtable.modalities.cli import main


class Command(BaseCommand):
    help = (
        "Participation rules (modalities): list, check, explain, matrix, compare, tally, queue, "
        "docs. Run `roundtable modalities --help` for the subcommands."
    )

    def run_from_argv(self, argv: list[str]) -> None:
        # argv is [prog, "modalities", ...]: skip Django's own parser entirely.
        sys.exit(main(argv[2:]))

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("args", nargs=argparse.REMAINDER)

    def handle(self, *args: str, **options: Any) -> None:
        # For call_command("modalities", "explain", ...).
        code = main(list(args))
        if code:
            raise CommandError(f"modalities exited with {code}", returncode=code)
