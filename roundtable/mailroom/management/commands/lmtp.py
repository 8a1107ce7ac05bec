"""`roundtable lmtp --host H --port P`: the LMTP server a real MTA delivers to (docs/lists.md,
"Mail in"). Runs until SIGTERM or SIGINT; what it spooled and did not yet process is
processed on the next start."""

from __future__ import annotations

import signal
import sys
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from roundtable.lists.actions import import_limits
from roundtable.permissions.door import require_command

from ...server import DATA_LIMIT_FACTOR, serve


class Command(BaseCommand):
    help = "Run the LMTP server that receives list posts, replies and list commands."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8024)
        parser.add_argument(
            "--poll", type=float, default=5.0, help="Seconds between looks at the spool."
        )
        parser.add_argument(
            "--batch-wait",
            type=float,
            default=0.2,
            help="Seconds to gather a burst of mail before archiving it in one go.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        require_command(right="administer", modality="platform")
        stop = threading.Event()

        def halt(_signum: int, _frame: Any) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, halt)
        signal.signal(signal.SIGINT, halt)

        def ready(controller: Any) -> None:
            sys.stdout.write(f"LMTP listening on {options['host']}:{options['port']}\n")
            sys.stdout.flush()

        serve(
            host=options["host"],
            port=options["port"],
            data_limit=import_limits().message_bytes * DATA_LIMIT_FACTOR,
            stop=stop,
            on_ready=ready,
            poll_seconds=options["poll"],
            batch_wait=options["batch_wait"],
        )
