"""`roundtable audit verify`: recompute the hash chain and name the first broken link."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from roundtable.audit.queries import verify_chain
from roundtable.permissions.door import require_command


class Command(BaseCommand):
    help = "Audit trail tools."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Recompute the hash chain.")
        verify.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        require_command(right="administer", modality="platform")
        result = verify_chain()
        if options["json"]:
            brk = result.first_break
            self.stdout.write(
                json.dumps(
                    {
                        "ok": result.ok,
                        "checked": result.checked,
                        "broken_seq": brk.seq if brk else None,
                        "broken_event_id": brk.event_id if brk else None,
                        "problem": brk.problem if brk else None,
                    }
                )
            )
        elif result.ok:
            self.stdout.write(f"Audit chain intact: {result.checked} events verified.")
        brk = result.first_break
        if brk is not None:
            msg = f"Audit chain broken at event #{brk.seq}"
            if brk.event_id is not None:
                msg += f" (id {brk.event_id})"
            msg += f": {brk.problem}. {result.checked} events before it verified."
            raise CommandError(msg, returncode=1)
