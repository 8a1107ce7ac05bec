"""Mailman 2 Pipermail archives: monthly `YYYY-Month.txt[.gz]` files and scrubbed attachments.

Pipermail writes addresses as `user at host`, does not always put a blank line before the
`From ` separator, and leaves `From ` lines in bodies unescaped; real separators are told apart
by their shape (`From user at host  Www Mmm dd hh:mm:ss yyyy`) followed by a header line.
Attachments were "scrubbed": replaced in the text by a note with a URL, and stored beside the
archive as `attachments/YYYYMMDD/hash/attachment.htm`, where an HTML part is kept escaped
inside `<tt>`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .limits import Limits, lines, open_capped, stop_at_expansion_cap
from .records import RawMessage

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
MONTHLY_NAME = re.compile(r"^(?P<year>\d{4})-(?P<month>" + "|".join(MONTHS) + r")\.txt(?:\.gz)?$")
OBFUSCATED = re.compile(r"^(?P<user>[^\s@<>()\"]+) at (?P<host>[A-Za-z0-9.\-]+\.[A-Za-z0-9\-]+)")
OBFUSCATED_ENVELOPE = re.compile(rb"^From \S+ at \S+ ")
NEXT_PART = "-------------- next part --------------"
SCRUBBED = re.compile(r"^An? (?:HTML|non-text|embedded) .*(?:attachment|message) was scrubbed")
FIELD = re.compile(r"^(?P<name>Name|Type|Size|Desc|Url|URL)\s*:\s*(?P<value>.*)$")
ATTACHMENT_URL = re.compile(r"/attachments/(?P<day>\d{8})/(?P<hash>[0-9a-f]+)/(?P<file>[^/\s]+)$")
TT = re.compile(r"<tt>\s*(?P<body>.*?)\s*</tt>", re.DOTALL | re.IGNORECASE)
TITLE = re.compile(rb"<title>(?P<title>.*?)</title>", re.DOTALL | re.IGNORECASE)


def monthly_files(folder: Path) -> list[Path]:
    """The monthly archives of a Pipermail folder, oldest first (not alphabetical)."""
    found: list[tuple[int, int, Path]] = []
    for child in folder.iterdir():
        match = MONTHLY_NAME.match(child.name)
        if match and child.is_file():
            found.append((int(match["year"]), MONTHS.index(match["month"]), child))
    found.sort(key=lambda item: (item[0], item[1], item[2].name))
    return [path for _year, _month, path in found]


def is_obfuscated_envelope(line: bytes) -> bool:
    return OBFUSCATED_ENVELOPE.match(line) is not None


def deobfuscate(value: str) -> str:
    """`user at host (Name)` -> `user@host (Name)`; other values unchanged."""
    stripped = value.strip()
    if "@" in stripped:
        return value
    return OBFUSCATED.sub(lambda m: f"{m['user']}@{m['host']}", stripped, count=1)


def read_monthly(path: Path, limits: Limits | None = None) -> Iterator[RawMessage]:
    from .readers import split_on_envelopes

    limits = limits or Limits()
    root = path.parent / "attachments"
    attachment_root = str(root) if root.is_dir() else None
    with open_capped(path, limits) as handle:
        split = split_on_envelopes(lines(handle), unescape=False, cap=limits.message_bytes)
        messages = (
            RawMessage(
                data=gather.data(),
                source=str(path),
                index=index,
                format="pipermail",
                envelope=envelope.rstrip(b"\r\n").decode("latin-1") if envelope else None,
                attachment_root=attachment_root,
                size=gather.size if gather.size > gather.kept else None,
            )
            for index, (envelope, gather) in enumerate(split)
        )
        yield from stop_at_expansion_cap(messages, handle, path, limits)


@dataclass(frozen=True, slots=True)
class ScrubbedNote:
    kind: str  # "html" or "other"
    name: str
    content_type: str
    size: int
    url: str


def split_scrubbed(text: str) -> tuple[str, tuple[ScrubbedNote, ...]]:
    """Take Pipermail's "next part ... was scrubbed" notes out of a text body.

    Inline text parts that follow a `next part` rule stay in the text."""
    if NEXT_PART not in text:
        return text, ()
    chunks = text.split(NEXT_PART)
    kept = [chunks[0].rstrip("\n")]
    notes: list[ScrubbedNote] = []
    for chunk in chunks[1:]:
        lines = chunk.lstrip("\r\n").split("\n")
        if lines and SCRUBBED.match(lines[0]):
            fields: dict[str, str] = {}
            rest_at = len(lines)
            for number, line in enumerate(lines[1:], start=1):
                found = FIELD.match(line.strip())
                if not found:
                    rest_at = number
                    break
                fields[found["name"].lower()] = found["value"].strip().strip("<>")
            size_text = re.sub(r"\D", "", fields.get("size", ""))
            is_html = lines[0].startswith("An HTML")
            notes.append(
                ScrubbedNote(
                    kind="html" if is_html else "other",
                    name=fields.get("name", "") or "",
                    content_type=fields.get("type", "text/html" if is_html else ""),
                    size=int(size_text) if size_text else 0,
                    url=fields.get("url", ""),
                )
            )
            rest = "\n".join(lines[rest_at:]).strip("\n")
            if rest.strip():
                kept.append(rest)
        else:
            kept.append(NEXT_PART + "\n" + "\n".join(lines).strip("\n"))
    return "\n\n".join(part for part in kept if part.strip()) + "\n", tuple(notes)


def local_attachment(root: str | None, url: str) -> Path | None:
    """Where the archive keeps a scrubbed attachment locally, if it does."""
    if not root or not url:
        return None
    found = ATTACHMENT_URL.search(url.strip())
    if not found:
        return None
    path = Path(root) / found["day"] / found["hash"] / found["file"]
    return path if path.is_file() else None


def unescape_scrubbed_html(data: bytes) -> str:
    """Pipermail keeps a scrubbed HTML part escaped inside `<tt>`, with `<br>` for newlines."""
    text = _decode(data)
    found = TT.search(text)
    if not found:
        return text
    body = re.sub(r"<br>\n?", "\n", found["body"], flags=re.IGNORECASE)
    return html.unescape(body.replace("&nbsp;", " "))


def html_part_as_message(data: bytes, *, name: str) -> bytes:
    """Wrap a stand-alone HTML part (a scrubbed attachment, a saved HTML mail) as a message."""
    text = _decode(data)
    if TT.search(text) and "&lt;" in text:
        text = unescape_scrubbed_html(data)
    title = TITLE.search(text.encode("utf-8"))
    subject = html.unescape(title["title"].decode("utf-8")).strip() if title else name
    subject = " ".join(subject.split())
    headers = (
        f"Subject: {_encode_header(subject)}\n"
        "MIME-Version: 1.0\n"
        'Content-Type: text/html; charset="utf-8"\n'
        "Content-Transfer-Encoding: 8bit\n"
        f"X-Roundtable-Imported-From: {_encode_header(name)}\n\n"
    )
    return headers.encode("ascii") + text.encode("utf-8")


def _encode_header(value: str) -> str:
    from email.header import Header

    return Header(value, "utf-8").encode() if not value.isascii() else value


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
