"""`roundtable contributions import-haveyoursay FILE --call ID --as EMAIL [--json]`: import a
"Have your say" feedback export as the contributions of call ID, authored by the account EMAIL
(the secretariat that imports). Bad rows are reported with their line numbers; importing the
same file again adds nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require_command

from ...imports import do_import_haveyoursay
from ...models import CallForInput


class Command(BaseCommand):
    help = "Import contributions received elsewhere into a call."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import-haveyoursay", help="Import a 'Have your say' feedbacks.csv into a call."
        )
        imp.add_argument("path", metavar="FILE")
        imp.add_argument("--call", dest="call", type=int, required=True, help="The call's id.")
        imp.add_argument("--as", dest="author", required=True, help="The importing account.")
        imp.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        require_command(right="administer", modality="platform")
        call = CallForInput.objects.filter(pk=options["call"]).first()
        if call is None:
            raise CommandError(f"No call {options['call']}.")
        author = get_user_model().objects.filter(username=options["author"]).first()
        if author is None:
            raise CommandError(f"No account {options['author']!r}.")
        try:
            text = Path(options["path"]).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {options['path']}: {exc}") from None
        report = do_import_haveyoursay(actor=Actor.person(author), call=call, text=text)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "created": report.created,
                        "existing": report.existing,
                        "errors": [{"line": e.line, "message": e.message} for e in report.errors],
                    }
                )
            )
            return
        for error in report.errors:
            self.stderr.write(f"{options['path']}:{error.line}: {error.message}")
        self.stdout.write(
            f"{report.created} contributions imported into “{call.title}”, "
            f"{report.existing} already there, {len(report.errors)} bad rows."
        )
