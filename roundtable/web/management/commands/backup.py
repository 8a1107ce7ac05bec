"""`roundtable backup FILE`: the database, the uploaded files and the audit head in one tar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from roundtable.permissions.door import require_command
from roundtable.web.backups import BackupError, make_backup


class Command(BaseCommand):
    help = "Back up the database (online), the uploaded files and the audit chain head."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Where to write the backup (a tar file).")

    def handle(self, *args: Any, **options: Any) -> None:
        require_command(right="administer", modality="platform")
        out = Path(options["file"])
        if out.exists():
            raise CommandError(f"{out} exists: choose a new name (a backup never overwrites).")
        try:
            manifest = make_backup(out)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        head = manifest["audit_head"]
        self.stdout.write(
            f"Backup written to {out}: {manifest['database']} database, "
            f"{manifest['media_files']} uploaded file(s), audit chain head #{head['sequence']} "
            f"{head['hash'][:16]}…"
        )
