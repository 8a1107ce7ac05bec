"""PostgreSQL's LISTEN, one connection per server process: how a process hears that another
one published (docs/running.md, "Live updates")."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import psycopg
from django.db import connection
from psycopg.conninfo import make_conninfo

NOTIFY_CHANNEL = "roundtable_live"
RECONNECT_SECONDS = 1.0
# Connection options in DATABASES["default"]["OPTIONS"] that libpq itself takes (the others are
# Django's own, such as isolation_level or pool).
_LIBPQ_OPTIONS = {
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "passfile",
    "service",
    "options",
    "connect_timeout",
    "application_name",
    "target_session_attrs",
}

log = logging.getLogger(__name__)


def _conninfo() -> str:
    given = connection.settings_dict
    parts = {
        "dbname": given.get("NAME"),
        "user": given.get("USER"),
        "password": given.get("PASSWORD"),
        "host": given.get("HOST"),
        "port": str(given.get("PORT") or ""),
    }
    options = {k: v for k, v in (given.get("OPTIONS") or {}).items() if k in _LIBPQ_OPTIONS}
    return make_conninfo(**{k: v for k, v in parts.items() if v}, **options)


async def listen(*, on_news: Callable[[str], None], on_connect: Callable[[], None]) -> None:
    """Call `on_news(channel)` for every notification, for as long as the process lives;
    reconnect after a failure, and call `on_connect()` on each (re)connection, since what was
    published while nobody listened is heard by no one."""
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(
                _conninfo(), autocommit=True
            ) as listening:
                await listening.execute(f"LISTEN {NOTIFY_CHANNEL}")
                on_connect()
                async for note in listening.notifies():
                    _, _, channel = note.payload.partition(":")
                    on_news(channel)
        except asyncio.CancelledError:
            raise
        except (psycopg.Error, OSError):
            log.warning("live: the LISTEN connection failed; reconnecting", exc_info=True)
        await asyncio.sleep(RECONNECT_SECONDS)
