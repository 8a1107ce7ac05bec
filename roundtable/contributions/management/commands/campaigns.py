"""`roundtable campaigns ...`: campaign grouping (issue 17) as a management command.

All arguments go to `roundtable.analysis.campaigns.cli.main`, whose argparse owns them; this
command only delegates and exits with its code.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from roundtable.analysis.campaigns.cli import main


class Command(BaseCommand):
    help = (
        "Campaigns (form letters and their near copies): `roundtable campaigns group INPUT.jsonl "
        "--out GROUPS.json`. Run `roundtable campaigns --help` for the options."
    )

    def run_from_argv(self, argv: list[str]) -> None:
        # argv is [prog, "campaigns", ...]: skip Django's own parser entirely.
        sys.exit(main(argv[2:]))

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("args", nargs=argparse.REMAINDER)

    def handle(self, *args: str, **options: Any) -> None:
        # For call_command("campaigns", "group", ...).
        code = main(list(args))
        if code:
            raise CommandError(f"campaigns exited with {code}", returncode=code)
