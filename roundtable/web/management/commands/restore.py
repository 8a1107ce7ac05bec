"""`roundtable restore FILE`: put a backup back and prove its audit chain is whole.

Stop the server and the workers first: the database is replaced under them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from roundtable.permissions.door import require_command
from roundtable.web.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `roundtable backup`, then verify its audit chain."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A backup written by `roundtable backup`.")

    def handle(self, *args: Any, **options: Any) -> None:
        require_command(right="administer", modality="platform")
        try:
            restored = restore_backup(Path(options["file"]))
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        check = restored.verification
        head = restored.manifest["audit_head"]
        if not check.ok or not restored.head_matches:
            problem = check.first_break.problem if check.first_break else "rows or head differ"
            raise CommandError(
                f"Restored, but the audit chain does not verify: {problem}. "
                "Do not open the site on this data; run `roundtable audit verify` for details.",
                returncode=1,
            )
        self.stdout.write(
            f"Restored {restored.manifest['database']} database of "
            f"{restored.manifest['created_at']} and {restored.media_files} uploaded file(s). "
            f"Audit chain intact: {check.checked} events verified, {check.rows_checked} rows "
            f"match; head #{head['sequence']} is the one saved."
        )
