"""A message's body: one text (and HTML) body chosen from its parts, the other parts listed
as attachments, within the limits (see `limits`): a body part over the body limit, or cut by
the message size limit, is shown cut and also kept as an attachment with its real size."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from email.message import Message

from . import pipermail
from .charsets import decode_bytes, decode_header_value
from .limits import read_head
from .records import Attachment, RawMessage
from .sanitise import enriched_to_text, html_to_text

BASE64_LINE = re.compile(r"^[A-Za-z0-9+/]{8,76}={0,2}$")


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


@dataclass(slots=True)
class Collect:
    """What walking a message gathers, and the limits it applies."""

    cap: int
    body_chars: int
    notes: list[str]
    texts: list[str] = field(default_factory=list)
    htmls: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    cut_part: Message | None = None  # the part the message size limit cut short
    dropped: int = 0


def collect(message: Message, raw: RawMessage, found: Collect) -> tuple[str, str, list[Attachment]]:
    if found.dropped:
        found.cut_part = _last_leaf(message)
    _walk(message, found, top=True)
    texts, htmls, attachments, cap = found.texts, found.htmls, found.attachments, found.cap
    text = "\n\n".join(t.strip("\n") for t in texts if t.strip())
    if raw.format == "pipermail":
        text = _maybe_base64(text, message, found.notes)
        text, scrubbed = pipermail.split_scrubbed(text)
        for note in scrubbed:
            local = pipermail.local_attachment(raw.attachment_root, note.url)
            data, size = read_head(local, cap) if local is not None else (b"", 0)
            name = note.name if note.name and note.name != "not available" else ""
            name = name or (note.url.rsplit("/", 1)[-1] if note.url else "attachment")
            if note.kind == "html" and data and size <= cap:
                htmls.append(pipermail.unescape_scrubbed_html(data))
            attachments.append(
                Attachment(
                    filename=name,
                    content_type=note.content_type or "application/octet-stream",
                    size=size if data else note.size,
                    data=data[:cap],
                    truncated=size > cap,
                    url=note.url,
                )
            )
    html = "\n".join(htmls)
    if len(html) > found.body_chars:
        attachments.append(_attachment("body.html", "text/html", html.encode("utf-8"), cap))
        found.notes.append(
            f"HTML body of {len(html)} characters over the body limit: kept as an attachment"
        )
        html = ""
    if not text.strip() and html:
        text = html_to_text(html)
        found.notes.append("text made from the HTML part")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return (text.rstrip() + "\n") if text.strip() else "", html, attachments


def _last_leaf(message: Message) -> Message | None:
    last = None
    for part in message.walk():
        if not part.is_multipart():
            last = part
    return last


def _walk(part: Message, found: Collect, *, top: bool = False) -> None:
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
                _walk(plain[-1], found)
                _inline(rich[-1], "text/html", found)
                return
        for child in children:
            _walk(child, found)
        return
    filename = _filename(part)
    try:
        disposition = part.get_content_disposition()
    except Exception:  # noqa: BLE001
        disposition = None
    inline = disposition != "attachment" and not filename
    if maintype == "message" or part.is_multipart():
        data = _serialise(part)
        found.attachments.append(
            _attachment(filename or "message.eml", ctype, data, found.cap, _extra(part, found))
        )
        return
    if inline and (
        ctype == "text/plain"
        or maintype == "multipart"
        or (top and maintype == "text" and ctype not in ("text/html", "text/enriched"))
    ):
        _inline(part, "text/plain", found)
    elif inline and ctype in ("text/html", "text/enriched"):
        _inline(part, ctype, found)
    else:
        found.attachments.append(
            _attachment(
                filename or f"part.{ctype.split('/')[-1]}", ctype, _payload(part), found.cap,
                _extra(part, found),
            )
        )  # fmt: skip


def _extra(part: Message, found: Collect) -> int:
    """Bytes of this part beyond what is kept (the part the message size limit cut)."""
    return found.dropped if part is found.cut_part else 0


def _inline(part: Message, kind: str, found: Collect) -> None:
    """A body part: kept as the body up to the body limit; a longer (or cut) one is also
    kept as an attachment that records its real size."""
    data = _payload(part)
    text = decode_bytes(data, _charset(part))
    extra = _extra(part, found)
    if len(text) > found.body_chars or extra:
        name = {"text/html": "body.html", "text/enriched": "body.txt"}.get(kind, "body.txt")
        found.attachments.append(_attachment(name, kind, data, found.cap, extra))
        size = len(data) + extra
        found.notes.append(
            f"body part of {size} bytes over the limits: shown cut to {found.body_chars} "
            "characters, kept as an attachment"
        )
        text = text[: found.body_chars]
    if kind == "text/html":
        found.htmls.append(text)
    elif kind == "text/enriched":
        found.texts.append(enriched_to_text(text))
    else:
        found.texts.append(text)


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


def _attachment(name: str, ctype: str, data: bytes, cap: int, extra: int = 0) -> Attachment:
    """`extra`: bytes of the part that were never read (the message size limit cut it)."""
    return Attachment(
        filename=name,
        content_type=ctype,
        size=len(data) + extra,
        data=data[:cap],
        truncated=len(data) > cap or extra > 0,
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
