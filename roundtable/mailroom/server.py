"""`roundtable lmtp`: an LMTP server (aiosmtpd) for a real MTA to deliver to, and the
processor that works through what it spooled.

The asyncio loop only talks to clients; each recipient's judgement and spooling runs in a
thread of its own (the database is synchronous), and the LMTP reply after DATA carries one
line per recipient (RFC 2033), so a refused recipient bounces alone. The processor runs in
the main thread: woken by each spooled message, and at start for what a crash left pending.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP, Envelope, Session

from . import intake
from .processor import process_pending

# Beyond the archive's message limit a message is still taken (and cut, as an import cuts
# it); this far beyond, the client is told at once (552) rather than spooling any more.
DATA_LIMIT_FACTOR = 4
TEMPORARY = "451 4.3.0 Temporary failure, please try again later"
log = logging.getLogger(__name__)


class Handler:
    def __init__(self, wake: threading.Event) -> None:
        self.wake = wake

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        try:
            known = await asyncio.to_thread(intake.known, address)
        except Exception:  # noqa: BLE001 - the database is away: try again later, never bounce
            log.exception("could not route %s", address)
            return TEMPORARY
        if not known:
            return "550 5.1.1 No such recipient here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        raw = envelope.original_content or b""
        mail_from = envelope.mail_from or ""
        lines = [await self._accept(recipient, mail_from, raw) for recipient in envelope.rcpt_tos]
        self.wake.set()
        return "\r\n".join(lines)

    async def _accept(self, recipient: str, mail_from: str, raw: bytes) -> str:
        try:
            return await asyncio.to_thread(intake.accept, recipient, mail_from, raw)
        except Exception:  # noqa: BLE001 - nothing was spooled: the MTA must try again, not bounce
            log.exception("could not take a message for %s", recipient)
            return TEMPORARY


class LMTPController(Controller):
    def __init__(self, handler: Handler, *, host: str, port: int, data_limit: int) -> None:
        super().__init__(handler, hostname=host, port=port, ready_timeout=10.0)
        self.data_limit = data_limit

    def factory(self) -> Any:
        return LMTP(self.handler, data_size_limit=self.data_limit, enable_SMTPUTF8=True,
                    decode_data=False, hostname="roundtable")  # fmt: skip


def serve(*, host: str, port: int, data_limit: int, stop: threading.Event,
          on_ready: Any = None, poll_seconds: float = 5.0, batch_wait: float = 0.2) -> None:  # fmt: skip
    """Serve until `stop` is set; the spool is worked through whenever a message comes (and
    every `poll_seconds`, and at once for what an earlier run left pending). After a message
    comes the processor waits `batch_wait` seconds, so a burst is archived (and the list
    threaded again) once rather than once per message."""
    wake = threading.Event()
    controller = LMTPController(Handler(wake), host=host, port=port, data_limit=data_limit)
    controller.start()
    try:
        if on_ready is not None:
            on_ready(controller)
        wake.set()
        while not stop.is_set():
            if wake.wait(poll_seconds) and batch_wait > 0:
                stop.wait(batch_wait)
            wake.clear()
            if stop.is_set():
                break
            while process_pending():
                pass
    finally:
        controller.stop()
