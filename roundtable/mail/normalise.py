"""RawMessage -> ParsedMessage (or Quarantined): headers decoded, dates repaired, ids made
stable, one text body chosen, attachments listed. Never raises on mail: any failure while
reading one message becomes a Quarantined record with the reason and the raw bytes.

The stdlib's `compat32` policy is used on purpose: the modern policies raise or mangle on
malformed real-world headers; every header is decoded here, defensively.
"""

from __future__ import annotations

import email
import hashlib
import re
from datetime import UTC, datetime, timedelta, timezone
from email.message import Message
from email.policy import compat32
from email.utils import parseaddr, parsedate_tz

from . import body, pipermail
from .charsets import decode_header_value, unfold
from .limits import ATTACHMENT_BYTES, BODY_CHARS
from .records import Attachment, ParsedMessage, Quarantined, RawMessage

ATTACHMENT_CAP = ATTACHMENT_BYTES
MIN_YEAR, MAX_YEAR = 1970, 2100
MIME_PARTS = 1000
BOUNDARY = re.compile(rb'boundary="?([^";\s]+)"?', re.IGNORECASE)
MAX_ID = 250
ID_IN_BRACKETS = re.compile(r"<([^<>]*)>")
ZONE = re.compile(r"(?:\s(?P<num>[+-]\d{4})|\s(?P<name>[A-Za-z]{1,5}))\s*(?:\([^)]*\))?\s*$")
KNOWN_ZONES = {
    "UT", "UTC", "GMT", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT",
}  # fmt: skip
EXTRA_DATE_FORMATS = ("%d-%b-%y %H:%M:%S", "%d-%b-%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S")
BASE64_LINE = re.compile(r"^[A-Za-z0-9+/]{8,76}={0,2}$")
IDENTIFYING = ("from", "date", "subject", "message-id", "received", "to", "return-path")


def parse(
    raw: RawMessage, *, attachment_cap: int = ATTACHMENT_CAP, body_chars: int = BODY_CHARS
) -> ParsedMessage | Quarantined:
    """Parse one message; never raises."""
    if raw.problem:
        return Quarantined(reason=raw.problem, raw=raw.data, source=raw.source, index=raw.index)
    try:
        return _parse(raw, attachment_cap=attachment_cap, body_chars=body_chars)
    except Exception as error:  # noqa: BLE001 - the whole point: real mail must not crash us
        return Quarantined(
            reason=f"unreadable: {type(error).__name__}: {error}"[:500],
            raw=raw.data,
            source=raw.source,
            index=raw.index,
        )


def _first_headers(message: Message) -> tuple[dict[str, str], list[str]]:
    first: dict[str, str] = {}
    received: list[str] = []
    for name, value in message.raw_items():
        key = name.strip().lower()
        text = value if isinstance(value, str) else str(value)
        if key == "received":
            received.append(text)
        first.setdefault(key, text)
    return first, received


def _parse(raw: RawMessage, *, attachment_cap: int, body_chars: int) -> ParsedMessage | Quarantined:
    if not raw.data.strip():
        return Quarantined(reason="empty message", raw=raw.data, source=raw.source, index=raw.index)
    parsed_bytes = _within_parts(raw.data)
    message = email.message_from_bytes(parsed_bytes, policy=compat32)
    headers, received = _first_headers(message)
    if not any(name in headers for name in IDENTIFYING):
        return Quarantined(
            reason="no mail headers (From, Date, Subject, Message-ID, Received, To)",
            raw=raw.data,
            source=raw.source,
            index=raw.index,
        )
    notes: list[str] = list(raw.notes)
    if raw.dropped:
        notes.append(
            f"message of {raw.size} bytes: the first {len(raw.data)} are kept, the last "
            f"{raw.dropped} dropped (message size limit)"
        )
    subject = " ".join(decode_header_value(headers.get("subject", "")).split())
    from_value = decode_header_value(headers.get("from", ""))
    if raw.format == "pipermail":
        from_value = pipermail.deobfuscate(from_value)
    from_name, from_addr = parseaddr(from_value)
    if not from_addr and raw.envelope:
        who = raw.envelope[5:].split("  ")[0].strip()
        from_addr = pipermail.deobfuscate(who).split()[0] if who else ""
    from_name = from_name.strip().strip('"').strip()
    from_addr = from_addr.strip().lower()

    date, date_source = _date(headers.get("date"), received, raw.envelope, notes)

    if len(parsed_bytes) < len(raw.data):
        notes.append(
            f"more than {MIME_PARTS} MIME parts: only those in the first {len(parsed_bytes)} "
            f"bytes are read; the rest ({len(raw.data) - len(parsed_bytes)} bytes) stay in the "
            "raw source"
        )
    dropped = raw.dropped if len(parsed_bytes) == len(raw.data) else 0
    text, html, attachments = body.collect(
        message, raw, body.Collect(attachment_cap, body_chars, notes, dropped=dropped)
    )

    references = _references(headers.get("references", ""), headers.get("in-reply-to", ""))
    message_id = normalise_id(headers.get("message-id", ""))
    content_hash = _content_hash(from_addr, date, subject, text, attachments)
    generated = message_id is None
    if message_id is None:
        message_id = f"{content_hash[:32]}@generated.roundtable.invalid"
        notes.append("message-id missing or empty: generated from the content")
    references = tuple(ref for ref in references if ref != message_id)
    return ParsedMessage(
        message_id=message_id,
        message_id_generated=generated,
        subject=subject,
        from_name=from_name,
        from_addr=from_addr,
        date=date,
        date_source=date_source,
        references=references,
        text=text,
        html=html,
        attachments=tuple(attachments),
        raw=raw.data,
        content_hash=content_hash,
        source=raw.source,
        index=raw.index,
        notes=tuple(notes),
    )


def _within_parts(data: bytes) -> bytes:
    """The message up to its (MIME_PARTS + 1)th part delimiter (a `--boundary` line of a
    declared boundary): a message of a hundred thousand tiny parts would take the parser
    hundreds of megabytes."""
    if b"oundary" not in data:
        return data
    boundaries: list[bytes] = []
    for found in BOUNDARY.finditer(data):
        if found.group(1) not in boundaries:
            boundaries.append(found.group(1))
        if len(boundaries) >= 50:
            break
    delimiter = re.compile(rb"(?m)^--(?:" + b"|".join(map(re.escape, boundaries)) + rb")")
    for count, found in enumerate(delimiter.finditer(data), start=1):
        if count > MIME_PARTS:
            return data[: found.start()]
    return data


def normalise_id(value: str) -> str | None:
    """A Message-ID without brackets or folding whitespace; over-long ids are hashed."""
    text = decode_header_value(value) if value else ""
    found = ID_IN_BRACKETS.search(text)
    ident = found.group(1) if found else (text.split()[0] if text.split() else "")
    ident = "".join(ident.split()).strip("<>")
    if not ident:
        return None
    if len(ident) > MAX_ID:
        digest = hashlib.sha256(ident.encode("utf-8", "surrogateescape")).hexdigest()[:40]
        return f"{digest}@long-id.roundtable.invalid"
    return ident


def _references(references: str, in_reply_to: str) -> tuple[str, ...]:
    found: list[str] = []
    for value in ID_IN_BRACKETS.findall(unfold(references)):
        ident = normalise_id(f"<{value}>")
        if ident and ident not in found:
            found.append(ident)
    reply = unfold(in_reply_to).strip()
    candidates = ID_IN_BRACKETS.findall(reply)
    if not candidates and "@" in reply and " " not in reply:
        candidates = [reply]
    for value in candidates[:1]:
        ident = normalise_id(f"<{value}>")
        if ident:
            if ident in found:
                found.remove(ident)
            found.append(ident)  # the direct parent goes last
    return tuple(found)


def _zone_status(value: str) -> str:
    found = ZONE.search(value)
    if not found:
        return "missing"
    if found["num"]:
        sign = 1 if found["num"][0] == "+" else -1
        hours, minutes = int(found["num"][1:3]), int(found["num"][3:5])
        return "ok" if hours <= 14 and minutes < 60 and sign else "bad"
    name = found["name"].upper()
    if name in KNOWN_ZONES:
        return "ok"
    return "missing" if re.fullmatch(r"\d{4}", found["name"]) else "bad"


def parse_date(value: str) -> tuple[datetime | None, str]:
    """(aware UTC datetime or None, zone status 'ok' | 'missing' | 'bad')."""
    value = unfold(value).strip()
    if not value:
        return None, "missing"
    parts = parsedate_tz(value)
    status = _zone_status(value)
    if parts is None:
        for fmt in EXTRA_DATE_FORMATS:
            try:
                naive = datetime.strptime(value, fmt)  # noqa: DTZ007 - zone unknown: UTC below
            except ValueError:
                continue
            if not MIN_YEAR <= naive.year <= MAX_YEAR:
                return None, "bad"
            return naive.replace(tzinfo=UTC), "missing"
        return None, "bad"
    year, month, day, hour, minute, second = parts[:6]
    offset = parts[9] or 0
    if not MIN_YEAR <= year <= MAX_YEAR or abs(offset) > 14 * 3600:
        return None, "bad"
    try:
        stamp = datetime(
            year, month, day, hour, minute, min(second, 59),
            tzinfo=timezone(timedelta(seconds=offset)),
        )  # fmt: skip
    except (ValueError, OverflowError):
        return None, "bad"
    return stamp.astimezone(UTC), status


def _date(
    header: str | None, received: list[str], envelope: str | None, notes: list[str]
) -> tuple[datetime | None, str]:
    stamp, status = parse_date(decode_header_value(header)) if header else (None, "missing")
    if stamp is not None and status == "ok":
        return stamp, "date"
    for hop in received:
        _route, sep, when = unfold(hop).rpartition(";")
        if sep:
            hop_stamp, hop_status = parse_date(when)
            if hop_stamp is not None and hop_status == "ok":
                notes.append("date taken from the Received header")
                return hop_stamp, "received"
    if stamp is not None:
        notes.append("date without a usable zone: read as UTC")
        return stamp, "date"
    if envelope:
        found = re.search(r"\s((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun).*)$", envelope)
        if found:
            env_stamp, _ = parse_date(found.group(1))
            if env_stamp is not None:
                notes.append("date taken from the envelope line (UTC)")
                return env_stamp, "envelope"
    notes.append("no usable date")
    return None, "none"


def _content_hash(
    from_addr: str, date: datetime | None, subject: str, text: str, attachments: list[Attachment]
) -> str:
    digest = hashlib.sha256()
    for piece in (from_addr, date.isoformat() if date else "", subject, " ".join(text.split())):
        digest.update(piece.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    for item in attachments:
        digest.update(f"{item.filename}:{item.size}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
