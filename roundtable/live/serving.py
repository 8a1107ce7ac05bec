"""What `roundtable serve` prepares before uvicorn starts (docs/running.md, "Serving")."""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path

from django.contrib.staticfiles import finders

# WhiteNoise's manifest: which hashed name each static file is served under.
MANIFEST = "staticfiles.json"


def static_is_current(static_root: Path) -> bool:
    """Whether the collected static files are newer than every source file: then collecting
    again (a quarter of a minute, compressing every file) would change nothing."""
    manifest = static_root / MANIFEST
    if not manifest.exists():
        return False
    collected_at = manifest.stat().st_mtime
    for finder in finders.get_finders():
        for path, storage in finder.list(ignore_patterns=[]):
            if Path(storage.path(path)).stat().st_mtime > collected_at:
                return False
    return True


def raise_open_files_limit() -> int:
    """Every open stream is a socket: let each worker have as many as the system allows."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        wanted = 1_048_576 if hard == resource.RLIM_INFINITY else hard
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    return soft


def uvicorn_command(*, host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "roundtable.asgi:application",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        # Django speaks no ASGI lifespan; saying so spares a warning at each start.
        "--lifespan",
        "off",
        # Open streams end this long after a stop is asked; browsers reconnect elsewhere.
        "--timeout-graceful-shutdown",
        "5",
        "--no-server-header",
    ]


def default_workers(vendor: str) -> int:
    """One per CPU on PostgreSQL. One on SQLite: it has a single writer anyway, and processes
    sharing a SQLite file hear each other's live events only by polling (docs/running.md)."""
    if vendor == "sqlite":
        return 1
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)
