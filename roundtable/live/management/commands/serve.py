"""`roundtable serve`: the production stack. uvicorn runs the ASGI application in several worker
processes; WhiteNoise serves the static files, collected first, compressed and under hashed names.
DEBUG is off unless ROUNDTABLE_DEBUG says otherwise. See docs/running.md, "Serving"."""

from __future__ import annotations

import os
import subprocess
import sys
from argparse import ArgumentParser, ArgumentTypeError
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection

from roundtable.live.serving import (
    default_workers,
    raise_open_files_limit,
    static_is_current,
    uvicorn_command,
)
from roundtable.permissions.door import require_command


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise ArgumentTypeError(f"not a port number (1-65535): {text!r}")
    return int(text)


def _workers(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 256:
        raise ArgumentTypeError(f"not a number of workers (1-256): {text!r}")
    return int(text)


class Command(BaseCommand):
    help = "Serve Roundtable: uvicorn workers running the ASGI application, until stopped."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--host",
            default=os.environ.get("ROUNDTABLE_HOST", "127.0.0.1"),
            help="Address to listen on (default: ROUNDTABLE_HOST, else 127.0.0.1).",
        )
        parser.add_argument(
            "--port",
            type=_port,
            default=os.environ.get("ROUNDTABLE_PORT") or "8000",
            help="Port (default: ROUNDTABLE_PORT, else 8000).",
        )
        parser.add_argument(
            "--workers",
            type=_workers,
            default=os.environ.get("ROUNDTABLE_WORKERS") or str(default_workers(connection.vendor)),
            help=(
                "Server processes (default: ROUNDTABLE_WORKERS, else one per CPU on PostgreSQL "
                "and one on SQLite)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        require_command(right="administer", modality="platform")
        env = dict(os.environ)
        env.setdefault("ROUNDTABLE_DEBUG", "0")
        env["ROUNDTABLE_STATIC_COLLECTED"] = "1"
        if env.get("ROUNDTABLE_DB_POOL_MAX", "").strip() == "0":
            # No pool (the operator's choice, e.g. behind PgBouncer): each request runs on a
            # thread of its own under ASGI, so a kept connection would never be reused, only
            # left open until PostgreSQL refuses more. One per request, unless told otherwise.
            env.setdefault("CONN_MAX_AGE", "0")
        static_root = Path(settings.STATIC_ROOT)
        if not static_is_current(static_root):
            self.stdout.write(f"Collecting static files into {static_root}")
            subprocess.run(
                [sys.executable, "-m", "roundtable.cli", "collectstatic", "--no-input", "-v", "0"],
                env=env,
                check=True,
            )
        raise_open_files_limit()
        # The door's query opened this process's connection (and pool): not the server's to keep.
        connection.close()
        close_pool = getattr(connection, "close_pool", None)  # PostgreSQL's wrapper only
        if close_pool is not None:
            close_pool()
        command = uvicorn_command(
            host=options["host"], port=options["port"], workers=options["workers"]
        )
        self.stdout.write(
            f"Serving on http://{options['host']}:{options['port']} "
            f"with {options['workers']} worker(s)"
        )
        self.stdout.flush()
        # The command becomes the server: signals (Ctrl-C, a supervisor's TERM) reach uvicorn.
        os.execve(command[0], command, env)  # noqa: S606 (a fixed argv, no shell)
