"""mboxrd output: `From ` envelope lines, `>From ` escaping of body lines, blank separator."""

from __future__ import annotations

import re
from datetime import datetime

ESCAPE = re.compile(rb"^(>*From )", re.MULTILINE)


def envelope_line(sender: str, date: datetime | None) -> bytes:
    who = sender.strip() or "MAILER-DAEMON"
    who = "".join(who.split())
    when = date.strftime("%a %b %d %H:%M:%S %Y") if date else "Thu Jan  1 00:00:00 1970"
    return f"From {who} {when}\n".encode("ascii", "replace")


def mboxrd_entry(raw: bytes, *, sender: str, date: datetime | None) -> bytes:
    """One message as an mboxrd entry (ends with the blank separator line)."""
    body = raw.replace(b"\r\n", b"\n")
    body = ESCAPE.sub(rb">\1", body)
    if not body.endswith(b"\n"):
        body += b"\n"
    return envelope_line(sender, date) + body + b"\n"
