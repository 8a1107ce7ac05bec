"""Streaming readers: each yields RawMessage values one by one and never holds a whole archive.

Formats: mbox (mboxo and mboxrd), MMDF, Maildir, a single message (.eml and friends), legacy
"headed" mailboxes (messages separated by a blank line and a recurring first header, as some
old IETF archives are), Pipermail monthly archives (see `pipermail`) and Pipermail's scrubbed
HTML attachments.
"""

from __future__ import annotations

import glob
import gzip
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, cast

from . import pipermail
from .records import RawMessage

ENVELOPE = re.compile(
    rb"^From (?P<who>\S.*?) +(?P<date>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +"
    rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d\d(?::\d\d)?"
    rb"(?: +[A-Z]{3,5}| +[+-]\d{4})? +\d{4})(?:\s.*)?$"
)
HEADER_LINE = re.compile(rb"^[\x21-\x39\x3b-\x7e]+:")
MBOXRD_ESCAPED = re.compile(rb"^>+From ")
MMDF_DELIMITER = b"\x01\x01\x01\x01"
YEAR_LINE = re.compile(rb"^\d{4}$")
BOUNDARY = re.compile(rb'boundary="?([^";\s]+)"?', re.IGNORECASE)
MAIL_SUFFIXES = {".eml", ".mail", ".msg"}
SKIPPED_NAMES = re.compile(r"^(readme|license|licence|copying|index\.html?$)", re.IGNORECASE)

FORMATS = ("mbox", "pipermail", "mmdf", "maildir", "eml", "headed", "html")


def _strip_eol(line: bytes) -> bytes:
    return line.rstrip(b"\r\n")


def is_envelope(line: bytes) -> bool:
    return ENVELOPE.match(_strip_eol(line)) is not None


def open_binary(path: Path) -> IO[bytes]:
    if path.suffix == ".gz":
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def _head(path: Path, size: int = 4096) -> bytes:
    with open_binary(path) as handle:
        return handle.read(size)


def detect_format(path: Path) -> str:
    """Say which reader fits a file or folder; 'unknown' when it does not look like mail."""
    if path.is_dir():
        if (path / "cur").is_dir() or (path / "new").is_dir():
            return "maildir"
        return "folder"
    if pipermail.MONTHLY_NAME.match(path.name):
        return "pipermail"
    head = _head(path)
    stripped = head.lstrip(b"\r\n")
    first = stripped.split(b"\n", 1)[0].rstrip(b"\r")
    if stripped.startswith(MMDF_DELIMITER):
        return "mmdf"
    if ENVELOPE.match(first):
        return "pipermail" if pipermail.is_obfuscated_envelope(first) else "mbox"
    lowered = stripped[:200].lower()
    if lowered.startswith((b"<html", b"<!doctype html", b"<tt>", b"<head", b"<body")):
        return "html"
    if HEADER_LINE.match(first):
        if path.suffix.lower() in MAIL_SUFFIXES:
            return "eml"
        return "headed"
    if YEAR_LINE.match(first):
        return "headed"
    return "unknown"


def expand(paths: Iterable[str]) -> Iterator[tuple[Path, str]]:
    """Expand files, folders and globs into (path, format) in a stable order."""
    for spec in paths:
        magic = any(c in spec for c in "*?[")
        matches = (
            sorted(Path(p) for p in glob.glob(spec, recursive=True)) if magic else [Path(spec)]
        )
        for path in matches:
            yield from _expand_one(path)


def _expand_one(path: Path) -> Iterator[tuple[Path, str]]:
    kind = detect_format(path)
    if kind == "folder":
        monthly = pipermail.monthly_files(path)
        if monthly:
            for item in monthly:
                yield item, "pipermail"
            return
        for child in sorted(path.iterdir()):
            if child.name.startswith(".") or SKIPPED_NAMES.match(child.name):
                continue
            if child.is_dir() and child.name == "attachments":
                continue
            if child.suffix.lower() == ".md":
                continue
            yield from _expand_one(child)
        return
    yield path, ("eml" if kind == "unknown" else kind)


def read(path: Path, kind: str) -> Iterator[RawMessage]:
    """Yield the raw messages of one file or Maildir folder."""
    source = str(path)
    if kind == "pipermail":
        yield from pipermail.read_monthly(path)
    elif kind == "mbox":
        with open_binary(path) as handle:
            yield from read_mbox(handle, source=source)
    elif kind == "mmdf":
        with open_binary(path) as handle:
            yield from read_mmdf(handle, source=source)
    elif kind == "maildir":
        yield from read_maildir(path)
    elif kind == "headed":
        with open_binary(path) as handle:
            yield from read_headed(handle, source=source)
    elif kind == "html":
        yield RawMessage(
            data=pipermail.html_part_as_message(_read_all(path), name=path.name),
            source=source,
            index=0,
            format="html",
        )
    else:
        with open_binary(path) as handle:
            data = handle.read()
        first, _sep, rest = data.partition(b"\n")
        envelope = None
        if is_envelope(first):
            envelope, data = _strip_eol(first).decode("latin-1"), rest
        yield RawMessage(data=data, source=source, index=0, format="eml", envelope=envelope)


def _read_all(path: Path) -> bytes:
    with open_binary(path) as handle:
        return handle.read()


def split_on_envelopes(
    lines: Iterable[bytes], *, unescape: bool
) -> Iterator[tuple[bytes | None, list[bytes]]]:
    """Cut a From_-separated stream: a separator is an envelope-shaped line followed by a
    header line. A blank line before it is not required, and a body line starting with
    `From ` that is not followed by a header stays in the body."""
    envelope: bytes | None = None
    current: list[bytes] = []
    pending: bytes | None = None  # an envelope-shaped line waiting for its next line
    started = False
    for line in lines:
        if pending is not None:
            if HEADER_LINE.match(line):
                if started or any(item.strip() for item in current):
                    yield envelope, _trim_separator_blank(current)
                envelope, current, started = pending, [], True
            else:
                current.append(_unescape(pending, unescape))
            pending = None
        if line.startswith(b"From ") and is_envelope(line):
            pending = line
            continue
        current.append(_unescape(line, unescape))
    if pending is not None:
        current.append(_unescape(pending, unescape))
    if started or any(line.strip() for line in current):
        yield envelope, _trim_separator_blank(current)


def _unescape(line: bytes, unescape: bool) -> bytes:
    if unescape and line.startswith(b">") and MBOXRD_ESCAPED.match(line):
        return line[1:]
    return line


def _trim_separator_blank(lines: list[bytes]) -> list[bytes]:
    if lines and lines[-1] in (b"\n", b"\r\n"):
        return lines[:-1]
    return lines


def read_mbox(handle: IO[bytes], *, source: str) -> Iterator[RawMessage]:
    for index, (envelope, lines) in enumerate(split_on_envelopes(handle, unescape=True)):
        yield RawMessage(
            data=b"".join(lines),
            source=source,
            index=index,
            format="mbox",
            envelope=_strip_eol(envelope).decode("latin-1") if envelope else None,
        )


def read_mmdf(handle: IO[bytes], *, source: str) -> Iterator[RawMessage]:
    index = 0
    current: list[bytes] | None = None
    stray: list[bytes] = []
    for line in handle:
        if _strip_eol(line) == MMDF_DELIMITER:
            if current is None:
                current = []
            else:
                yield RawMessage(data=b"".join(current), source=source, index=index, format="mmdf")
                index += 1
                current = None
            continue
        if current is None:
            if line.strip():
                stray.append(line)
            continue
        current.append(line)
    if current:
        yield RawMessage(data=b"".join(current), source=source, index=index, format="mmdf")
        index += 1
    if stray:
        yield RawMessage(data=b"".join(stray), source=source, index=index, format="mmdf")


def read_maildir(path: Path) -> Iterator[RawMessage]:
    index = 0
    for sub in ("cur", "new"):
        folder = path / sub
        if not folder.is_dir():
            continue
        for name in sorted(os.listdir(folder)):
            file = folder / name
            if name.startswith(".") or not file.is_file():
                continue
            yield RawMessage(
                data=file.read_bytes(), source=str(file), index=index, format="maildir"
            )
            index += 1


def read_headed(handle: IO[bytes], *, source: str) -> Iterator[RawMessage]:
    """Old archives with no envelope: a blank line, then the header every message starts
    with (To:, Date:, Received:, a bare year...). Split only where a header block follows
    and never inside an open MIME multipart."""
    index = 0
    key: bytes | None = None
    current: list[bytes] = []
    boundary: bytes | None = None
    boundary_open = False
    in_headers = True
    header_text: list[bytes] = []
    previous_blank = True
    pending: bytes | None = None

    def starts_message(line: bytes) -> bool:
        if key is None:
            return False
        if key == b"<year>":
            return YEAR_LINE.match(_strip_eol(line)) is not None
        return line[: len(key)].lower() == key

    for line in handle:
        if pending is not None:
            if HEADER_LINE.match(line) and (not boundary_open):
                data = b"".join(_trim_separator_blank(current))
                if data.strip():
                    yield RawMessage(data=data, source=source, index=index, format="headed")
                    index += 1
                current, boundary, boundary_open = [], None, False
                in_headers, header_text = True, []
                if key == b"<year>":
                    pending = None  # the year line itself is not a header
            if pending is not None:
                current.append(pending)
                if in_headers:
                    header_text.append(pending)
            pending = None
        stripped = _strip_eol(line)
        if key is None:
            if not stripped:
                continue
            if YEAR_LINE.match(stripped):
                key = b"<year>"
                continue
            key = stripped.split(b":", 1)[0].lower() + b":"
        elif previous_blank and starts_message(line):
            pending = line
            previous_blank = False
            continue
        current.append(line)
        if in_headers:
            if not stripped:
                in_headers = False
                found = BOUNDARY.search(b"".join(header_text))
                if found:
                    boundary, boundary_open = found.group(1), True
            else:
                header_text.append(line)
        elif boundary is not None and stripped == b"--" + boundary + b"--":
            boundary_open = False
        previous_blank = not stripped
    if pending is not None:
        current.append(pending)
    data = b"".join(current)
    if data.strip():
        yield RawMessage(data=data, source=source, index=index, format="headed")
