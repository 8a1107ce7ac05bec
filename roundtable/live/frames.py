"""Server-sent-events framing (https://html.spec.whatwg.org/multipage/server-sent-events.html).

A frame is encoded once per event and process, then written to every viewer as the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from roundtable.live.models import LiveEvent

# How long the browser waits before reconnecting after a dropped stream, in milliseconds.
RETRY_MS = 2000
OPENING = f"retry: {RETRY_MS}\n: connected\n\n".encode()
# Seconds between heartbeats: a comment line, so that proxies and load balancers see traffic on
# an idle stream and keep it open.
HEARTBEAT_SECONDS = 15.0


@dataclass(frozen=True)
class Frame:
    id: int
    payload: bytes


def encode(event: LiveEvent) -> Frame:
    # A newline inside a field would end it early; the kind is code-chosen, the data is JSON
    # (whose dumps never writes a raw newline).
    kind = " ".join(event.kind.split())
    data = json.dumps(event.data, ensure_ascii=False, separators=(",", ":"))
    return Frame(event.id, f"id: {event.id}\nevent: {kind}\ndata: {data}\n\n".encode())


HEARTBEAT_FRAME = Frame(0, b": heartbeat\n\n")

# Sent to a viewer resuming from before the retention horizon (retention.py): events it missed
# may be gone, so the page reloads its whole state. No id: the resume point stays as it was.
RESET_FRAME = Frame(0, b"event: reset\ndata: {}\n\n")
