"""How bad a bounce is, from its bytes: a delivery status notification (RFC 3464) or not.

The return path (VERP) already says whose copy bounced; this only weighs it, as Mailman does:
a permanent failure (status 5.x.x, or a bounce that is no DSN at all) counts 1, a temporary
failure (4.x.x) counts 0.5, and a "delayed" warning counts nothing.
"""

from __future__ import annotations

import email
import re
from email.message import Message

HARD = 1.0
SOFT = 0.5
WARNING = 0.0

_STATUS = re.compile(rb"^Status:\s*([245])\.\d{1,3}\.\d{1,3}", re.IGNORECASE | re.MULTILINE)
_ACTION = re.compile(rb"^Action:\s*([a-z]+)", re.IGNORECASE | re.MULTILINE)


def _status_block(message: Message) -> bytes | None:
    for part in message.walk():
        if part.get_content_type() == "message/delivery-status":
            payload = part.get_payload()
            if isinstance(payload, list):
                return b"\n".join(item.as_bytes() for item in payload if isinstance(item, Message))
            if isinstance(payload, str):
                return payload.encode("utf-8", "replace")
            return None
    return None


def bounce_weight(raw: bytes) -> float:
    """The score a bounce adds to its recipient (see the module doc)."""
    message = email.message_from_bytes(raw)
    block = _status_block(message)
    if block is None:
        return HARD
    actions = {match.lower() for match in _ACTION.findall(block)}
    statuses = set(_STATUS.findall(block))
    if b"5" in statuses or b"failed" in actions and not statuses:
        return HARD
    if b"4" in statuses and b"failed" in actions:
        return SOFT
    if actions and actions <= {b"delayed", b"relayed", b"delivered", b"expanded"}:
        return WARNING
    if b"4" in statuses:
        return SOFT
    return HARD
