"""`roundtable outbox status|flush|resume [--json]`: see and drain the outgoing-mail queue.

`flush` sends what is due now, in this process (`--now` first brings every deferred copy
forward); `resume` only schedules the delivery task for `roundtable worker`.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Count
from django.utils import timezone

from roundtable.permissions.door import require_command

from ...delivery import deliver_due
from ...models import OutgoingMessage
from ...tasks import resume


class Command(BaseCommand):
    help = "Show, flush or resume the outgoing-mail queue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["status", "flush", "resume"])
        parser.add_argument("--json", action="store_true")
        parser.add_argument(
            "--now", action="store_true", help="flush: retry deferred copies now, not later."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        require_command(right="administer", modality="platform")
        result: dict[str, Any]
        if options["action"] == "flush":
            if options["now"]:
                OutgoingMessage.objects.filter(state=OutgoingMessage.QUEUED).update(
                    next_attempt_at=timezone.now()
                )
            result = deliver_due(budget_seconds=float("inf")).as_dict()
        elif options["action"] == "resume":
            due = resume()
            result = {"next_due": due.isoformat() if due else None}
        else:
            counts = OutgoingMessage.objects.values("state").annotate(n=Count("id"))
            result = {row["state"]: row["n"] for row in counts}
        if options["json"]:
            self.stdout.write(json.dumps(result))
        else:
            self.stdout.write("  ".join(f"{key} {value}" for key, value in result.items()))
