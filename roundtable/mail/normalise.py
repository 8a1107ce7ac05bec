"""RawMessage -> ParsedMessage (or Quarantined): headers decoded, dates repaired, ids made
stable, one text body chosen, attachments listed. Never raises on mail: any failure while
reading one message becomes a Quarantined record with the reason and the raw bytes.

The stdlib's `compat32` policy is used on purpose: the modern policies raise or mangle on
malformed real-world headers; every header is decoded here, defensively.
"""

from __future__ import annotations

import base64
import binascii
import email
import hashlib
import re
from datetime import UTC, datetime, timedelta, timezone
from email.message import Message
from email.policy import compat32
from email.utils import parseaddr, parsedate_tz

from . import pipermail
from .charsets import decode_bytes, decode_header_value, unfold
from .records import Attachment, ParsedMessage, Quarantined, RawMessage
from .sanitise import enriched_to_text, html_to_text

ATTACHMENT_CAP = 1024 * 1024
MAX_ID = 250
ID_IN_BRACKETS = re.compile(r"<([^<>]*)>")
ZONE = re.compile(r"(?:\s(?P<num>[+-]\d{4})|\s(?P<name>[A-Za-z]{1,5}))\s*(?:\([^)]*\))?\s*$")
KNOWN_ZONES = {
    "UT", "UTC", "GMT", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT",
}  # fmt: skip
EXTRA_DATE_FORMATS = ("%d-%b-%y %H:%M:%S", "%d-%b-%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S")
BASE64_LINE = re.compile(r"^[A-Za-z0-9+/]{8,76}={0,2}$")
IDENTIFYING = ("from", "date", "subject", "message-id", "received", "to", "return-path")


def parse(raw: RawMessage, *, attachment_cap: int = ATTACHMENT_CAP) -> ParsedMessage | Quarantined:
    """Parse one message; never raises."""
    try:
        return _parse(raw, attachment_cap=attachment_cap)
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


def _parse(raw: RawMessage, *, attachment_cap: int) -> ParsedMessage | Quarantined:
    if not raw.data.strip():
        return Quarantined(reason="empty message", raw=raw.data, source=raw.source, index=raw.index)
    message = email.message_from_bytes(raw.data, policy=compat32)
    headers, received = _first_headers(message)
    if not any(name in headers for name in IDENTIFYING):
        return Quarantined(
            reason="no mail headers (From, Date, Subject, Message-ID, Received, To)",
            raw=raw.data,
            source=raw.source,
            index=raw.index,
        )
    notes: list[str] = []
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

    text, html, attachments = _body(message, raw, attachment_cap, notes)

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
            return naive.replace(tzinfo=UTC), "missing"
        return None, "bad"
    year, month, day, hour, minute, second = parts[:6]
    offset = parts[9] or 0
    if not 1970 <= year <= 2100 or abs(offset) > 14 * 3600:
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


def _payload(part: Message) -> bytes:
    data = part.get_payload(decode=True)
    if isinstance(data, bytes):
        return data
    payload = part.get_payload()
    if isinstance(payload, str):
        return payload.encode("ascii", "surrogateescape")
    return b""


def _charset(part: Message) -> str | None:
    try:
        charset = part.get_content_charset()
    except Exception:  # noqa: BLE001
        return None
    return charset if isinstance(charset, str) else None


def _filename(part: Message) -> str:
    try:
        name = part.get_filename() or part.get_param("name") or ""
    except Exception:  # noqa: BLE001
        return ""
    if isinstance(name, tuple):
        name = name[2]
    return decode_header_value(name) if isinstance(name, str) else ""


def _body(
    message: Message, raw: RawMessage, cap: int, notes: list[str]
) -> tuple[str, str, list[Attachment]]:
    texts: list[str] = []
    htmls: list[str] = []
    attachments: list[Attachment] = []
    _walk(message, texts, htmls, attachments, cap, notes, top=True)
    text = "\n\n".join(t.strip("\n") for t in texts if t.strip())
    if raw.format == "pipermail":
        text = _maybe_base64(text, message, notes)
        text, scrubbed = pipermail.split_scrubbed(text)
        for note in scrubbed:
            local = pipermail.local_attachment(raw.attachment_root, note.url)
            data = local.read_bytes() if local is not None else b""
            name = note.name if note.name and note.name != "not available" else ""
            name = name or (note.url.rsplit("/", 1)[-1] if note.url else "attachment")
            if note.kind == "html" and data:
                htmls.append(pipermail.unescape_scrubbed_html(data))
            attachments.append(
                Attachment(
                    filename=name,
                    content_type=note.content_type or "application/octet-stream",
                    size=len(data) if data else note.size,
                    data=data[:cap],
                    truncated=len(data) > cap,
                    url=note.url,
                )
            )
    html = "\n".join(htmls)
    if not text.strip() and html:
        text = html_to_text(html)
        notes.append("text made from the HTML part")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return (text.rstrip() + "\n") if text.strip() else "", html, attachments


def _walk(
    part: Message,
    texts: list[str],
    htmls: list[str],
    attachments: list[Attachment],
    cap: int,
    notes: list[str],
    *,
    top: bool = False,
) -> None:
    ctype = part.get_content_type()
    maintype = ctype.split("/", 1)[0]
    if part.is_multipart() and maintype == "multipart":
        payload = part.get_payload()
        if not isinstance(payload, list):
            return
        children = [child for child in payload if isinstance(child, Message)]
        if ctype == "multipart/alternative":
            plain = [c for c in children if c.get_content_type() == "text/plain"]
            rich = [c for c in children if c.get_content_type() == "text/html"]
            if plain and rich:
                _walk(plain[-1], texts, htmls, attachments, cap, notes)
                htmls.append(decode_bytes(_payload(rich[-1]), _charset(rich[-1])))
                return
        for child in children:
            _walk(child, texts, htmls, attachments, cap, notes)
        return
    filename = _filename(part)
    try:
        disposition = part.get_content_disposition()
    except Exception:  # noqa: BLE001
        disposition = None
    inline = disposition != "attachment" and not filename
    if maintype == "message" or part.is_multipart():
        data = _serialise(part)
        attachments.append(_attachment(filename or "message.eml", ctype, data, cap))
        return
    data = _payload(part)
    if inline and (
        ctype == "text/plain"
        or maintype == "multipart"
        or (top and maintype == "text" and ctype not in ("text/html", "text/enriched"))
    ):
        texts.append(decode_bytes(data, _charset(part)))
    elif inline and ctype == "text/html":
        htmls.append(decode_bytes(data, _charset(part)))
    elif inline and ctype == "text/enriched":
        texts.append(enriched_to_text(decode_bytes(data, _charset(part))))
    else:
        attachments.append(
            _attachment(filename or f"part.{ctype.split('/')[-1]}", ctype, data, cap)
        )


def _serialise(part: Message) -> bytes:
    payload = part.get_payload()
    try:
        if isinstance(payload, list):
            return b"\n".join(p.as_bytes() for p in payload if isinstance(p, Message))
        if isinstance(payload, str):
            return payload.encode("ascii", "surrogateescape")
    except Exception:  # noqa: BLE001
        return b""
    return b""


def _attachment(name: str, ctype: str, data: bytes, cap: int) -> Attachment:
    return Attachment(
        filename=name,
        content_type=ctype,
        size=len(data),
        data=data[:cap],
        truncated=len(data) > cap,
    )


def _maybe_base64(text: str, message: Message, notes: list[str]) -> str:
    """Pipermail dropped the Content-Transfer-Encoding of some bodies: decode what is
    plainly base64 text."""
    if message.get("content-transfer-encoding"):
        return text
    lines = text.strip().split("\n")
    if len(lines) < 2 or not all(BASE64_LINE.match(line.strip()) for line in lines):
        return text
    try:
        data = base64.b64decode("".join(line.strip() for line in lines), validate=True)
    except (binascii.Error, ValueError):
        return text
    decoded = decode_bytes(data, None)
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in decoded)
    if not decoded or printable < 0.95 * len(decoded):
        return text
    notes.append("body was base64 without a transfer encoding header: decoded")
    return decoded


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
