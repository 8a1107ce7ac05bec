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
from .limits import (
    MESSAGE_BYTES,
    CappedReader,
    Gather,
    Limits,
    lines,
    open_capped,
    read_head,
    stop_at_expansion_cap,
)
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

HEADER_BYTES = 64 * 1024
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


def read(path: Path, kind: str, limits: Limits | None = None) -> Iterator[RawMessage]:
    """Yield the raw messages of one file or Maildir folder, within `limits`: a message over
    the message limit is cut (its real size recorded); a compressed file that expands past
    the expansion limit stops there, its last message noted as cut and a quarantine record
    saying why the rest of the file was not read."""
    limits = limits or Limits()
    source = str(path)
    if kind == "pipermail":
        yield from pipermail.read_monthly(path, limits)
    elif kind == "maildir":
        yield from read_maildir(path, limits)
    elif kind == "html":
        data, size = _read_capped(path, limits)
        yield RawMessage(
            data=pipermail.html_part_as_message(data, name=path.name),
            source=source,
            index=0,
            format="html",
            size=size if size > len(data) else None,
        )
    elif kind in ("mbox", "mmdf", "headed"):
        with open_capped(path, limits) as handle:
            split = {"mbox": read_mbox, "mmdf": read_mmdf, "headed": read_headed}[kind]
            yield from stop_at_expansion_cap(
                split(handle, source=source, cap=limits.message_bytes), handle, path, limits
            )
    else:
        with open_capped(path, limits) as handle:
            yield from stop_at_expansion_cap(_read_eml(handle, path, limits), handle, path, limits)


def _read_capped(path: Path, limits: Limits) -> tuple[bytes, int]:
    if path.suffix != ".gz":
        return read_head(path, limits.message_bytes)
    with open_capped(path, limits) as handle:
        data = handle.read(limits.message_bytes)
        size = len(data)
        while chunk := handle.read(1024 * 1024):
            size += len(chunk)
        return data, size


def _read_eml(handle: CappedReader, path: Path, limits: Limits) -> Iterator[RawMessage]:
    data = handle.read(limits.message_bytes)
    if path.suffix == ".gz":  # its real size: counted as far as the expansion limit allows
        size = len(data)
        while chunk := handle.read(1024 * 1024):
            size += len(chunk)
    else:
        size = max(len(data), path.stat().st_size)
    first, _sep, rest = data.partition(b"\n")
    envelope = None
    if is_envelope(first):
        envelope, data = _strip_eol(first).decode("latin-1"), rest
        size -= len(first) + 1
    yield RawMessage(
        data=data,
        source=str(path),
        index=0,
        format="eml",
        envelope=envelope,
        size=size if size > len(data) else None,
    )


def split_on_envelopes(
    pieces: Iterable[bytes], *, unescape: bool, cap: int
) -> Iterator[tuple[bytes | None, Gather]]:
    """Cut a From_-separated stream: a separator is an envelope-shaped line followed by a
    header line. A blank line before it is not required, and a body line starting with
    `From ` that is not followed by a header stays in the body. Each message keeps its first
    `cap` bytes (see `Gather`); a line longer than a piece comes in pieces, and only the
    first piece of a line can be an envelope or a header."""
    envelope: bytes | None = None
    current = Gather(cap)
    pending: bytes | None = None  # an envelope-shaped line waiting for its next line
    started = False
    fresh = True  # this piece starts a line
    for line in pieces:
        starts, fresh = fresh, line.endswith(b"\n")
        if pending is not None:
            if starts and HEADER_LINE.match(line):
                if started or current.has_text:
                    current.trim_separator_blank()
                    yield envelope, current
                envelope, current, started = pending, Gather(cap), True
            else:
                current.add(_unescape(pending, unescape))
            pending = None
        if starts and line.startswith(b"From ") and fresh and is_envelope(line):
            pending = line
            continue
        current.add(_unescape(line, unescape) if starts else line)
    if pending is not None:
        current.add(_unescape(pending, unescape))
    if started or current.has_text:
        current.trim_separator_blank()
        yield envelope, current


def _unescape(line: bytes, unescape: bool) -> bytes:
    if unescape and line.startswith(b">") and MBOXRD_ESCAPED.match(line):
        return line[1:]
    return line


def _sized(gather: Gather) -> int | None:
    return gather.size if gather.size > gather.kept else None


def read_mbox(
    handle: IO[bytes] | CappedReader, *, source: str, cap: int = MESSAGE_BYTES
) -> Iterator[RawMessage]:
    pieces = lines(handle)
    for index, (envelope, gather) in enumerate(split_on_envelopes(pieces, unescape=True, cap=cap)):
        yield RawMessage(
            data=gather.data(),
            source=source,
            index=index,
            format="mbox",
            envelope=_strip_eol(envelope).decode("latin-1") if envelope else None,
            size=_sized(gather),
        )


def read_mmdf(
    handle: IO[bytes] | CappedReader, *, source: str, cap: int = MESSAGE_BYTES
) -> Iterator[RawMessage]:
    index = 0
    current: Gather | None = None
    stray = Gather(cap)
    fresh = True
    for line in lines(handle):
        starts, fresh = fresh, line.endswith(b"\n")
        if starts and _strip_eol(line) == MMDF_DELIMITER:
            if current is None:
                current = Gather(cap)
            else:
                yield RawMessage(
                    data=current.data(), source=source, index=index, format="mmdf",
                    size=_sized(current),
                )  # fmt: skip
                index += 1
                current = None
            continue
        if current is None:
            if line.strip():
                stray.add(line)
            continue
        current.add(line)
    if current is not None and current.size:
        yield RawMessage(
            data=current.data(), source=source, index=index, format="mmdf", size=_sized(current)
        )
        index += 1
    if stray.size:
        yield RawMessage(
            data=stray.data(), source=source, index=index, format="mmdf", size=_sized(stray)
        )


def read_maildir(path: Path, limits: Limits | None = None) -> Iterator[RawMessage]:
    cap = (limits or Limits()).message_bytes
    index = 0
    for sub in ("cur", "new"):
        folder = path / sub
        if not folder.is_dir():
            continue
        for name in sorted(os.listdir(folder)):
            file = folder / name
            if name.startswith(".") or not file.is_file():
                continue
            data, size = read_head(file, cap)
            yield RawMessage(
                data=data,
                source=str(file),
                index=index,
                format="maildir",
                size=size if size > len(data) else None,
            )
            index += 1


def read_headed(
    handle: IO[bytes] | CappedReader, *, source: str, cap: int = MESSAGE_BYTES
) -> Iterator[RawMessage]:
    """Old archives with no envelope: a blank line, then the header every message starts
    with (To:, Date:, Received:, a bare year...). Split only where a header block follows
    and never inside an open MIME multipart."""
    index = 0
    key: bytes | None = None
    current = Gather(cap)
    boundary: bytes | None = None
    boundary_open = False
    in_headers = True
    header_text = Gather(HEADER_BYTES)
    previous_blank = True
    pending: bytes | None = None
    fresh = True

    def starts_message(line: bytes) -> bool:
        if key is None:
            return False
        if key == b"<year>":
            return YEAR_LINE.match(_strip_eol(line)) is not None
        return line[: len(key)].lower() == key

    for line in lines(handle):
        starts, fresh = fresh, line.endswith(b"\n")
        if not starts:  # the rest of a long line: never a separator or a header
            current.add(line)
            if in_headers:
                header_text.add(line)
            continue
        if pending is not None:
            if HEADER_LINE.match(line) and (not boundary_open):
                current.trim_separator_blank()
                if current.has_text:
                    yield RawMessage(
                        data=current.data(), source=source, index=index, format="headed",
                        size=_sized(current),
                    )  # fmt: skip
                    index += 1
                current, boundary, boundary_open = Gather(cap), None, False
                in_headers, header_text = True, Gather(HEADER_BYTES)
                if key == b"<year>":
                    pending = None  # the year line itself is not a header
            if pending is not None:
                current.add(pending)
                if in_headers:
                    header_text.add(pending)
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
        current.add(line)
        if in_headers:
            if not stripped:
                in_headers = False
                found = BOUNDARY.search(header_text.data())
                if found:
                    boundary, boundary_open = found.group(1), True
            else:
                header_text.add(line)
        elif boundary is not None and stripped == b"--" + boundary + b"--":
            boundary_open = False
        previous_blank = not stripped
    if pending is not None:
        current.add(pending)
    if current.has_text:
        yield RawMessage(
            data=current.data(), source=source, index=index, format="headed",
            size=_sized(current),
        )  # fmt: skip
