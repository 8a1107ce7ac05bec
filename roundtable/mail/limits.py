"""Bounds on what one import reads and keeps, so no archive can exhaust memory.

- `message_bytes`: raw bytes of one message kept; the rest is counted, not kept, and the
  message says how much was dropped.
- `expanded_bytes`: bytes read out of one compressed file (a gzip "bomb" stops there, with a
  recorded reason, instead of being expanded without end).
- `body_chars`: characters of a text or HTML body kept as the body; a longer body part is
  also kept as a (truncated) attachment that records its real size.
- `attachment_bytes`: bytes of an attachment kept; larger ones are listed, truncated.

Lines are read in pieces of at most `LINE_PIECE` bytes, so a file without newlines is never
read into memory at once.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, cast

from .records import RawMessage

MIB = 1024 * 1024
LINE_PIECE = 64 * 1024
MESSAGE_BYTES = 10 * MIB
EXPANDED_BYTES = 1024 * MIB
BODY_CHARS = 1 * MIB
ATTACHMENT_BYTES = 1 * MIB


@dataclass(frozen=True, slots=True)
class Limits:
    message_bytes: int = MESSAGE_BYTES
    expanded_bytes: int = EXPANDED_BYTES
    body_chars: int = BODY_CHARS
    attachment_bytes: int = ATTACHMENT_BYTES


class CappedReader:
    """A binary stream that stops (reads as ended) after `cap` bytes and says whether more
    was there (`overflowed`)."""

    def __init__(self, inner: IO[bytes], cap: int) -> None:
        self.inner = inner
        self.left = cap
        self.read_bytes = 0
        self.overflowed = False

    def _take(self, data: bytes) -> bytes:
        self.left -= len(data)
        self.read_bytes += len(data)
        return data

    def _room(self, size: int) -> int:
        if self.left <= 0:
            if not self.overflowed and self.inner.read(1):
                self.overflowed = True
            return 0
        return self.left if size < 0 else min(size, self.left)

    def read(self, size: int = -1) -> bytes:
        room = self._room(size)
        return self._take(self.inner.read(room)) if room else b""

    def readline(self, size: int = -1) -> bytes:
        room = self._room(size)
        return self._take(self.inner.readline(room)) if room else b""

    def __iter__(self) -> Iterator[bytes]:
        return lines(self)

    def close(self) -> None:
        self.inner.close()

    def __enter__(self) -> CappedReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_capped(path: Path, limits: Limits) -> CappedReader:
    """A file for reading, transparently gunzipped; a compressed file stops expanding at
    `limits.expanded_bytes` (a plain file is read whole, line piece by line piece)."""
    if path.suffix == ".gz":
        return CappedReader(cast(IO[bytes], gzip.open(path, "rb")), limits.expanded_bytes)
    return CappedReader(path.open("rb"), 2**62)


def lines(handle: IO[bytes] | CappedReader, piece: int = LINE_PIECE) -> Iterator[bytes]:
    """The lines of a stream; a line longer than `piece` comes in several pieces (only the
    first starts a line: see `Gather` and the readers, which check `starts_line`)."""
    while True:
        line = handle.readline(piece)
        if not line:
            return
        yield line


def read_head(path: Path, cap: int) -> tuple[bytes, int]:
    """The first `cap` bytes of a plain file and its real size."""
    with path.open("rb") as handle:
        data = handle.read(cap)
    return data, max(len(data), path.stat().st_size)


class Gather:
    """The lines of one message: keeps the first `cap` bytes and counts all of them."""

    __slots__ = ("cap", "has_text", "kept", "last", "last_kept", "parts", "size")

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.kept = 0
        self.size = 0
        self.parts: list[bytes] = []
        self.has_text = False
        self.last = b""
        self.last_kept = False

    def add(self, line: bytes) -> None:
        self.size += len(line)
        self.last = line
        self.last_kept = False
        if not self.has_text and line.strip():
            self.has_text = True
        room = self.cap - self.kept
        if room > 0:
            piece = line if len(line) <= room else line[:room]
            self.parts.append(piece)
            self.kept += len(piece)
            self.last_kept = len(piece) == len(line)

    def trim_separator_blank(self) -> None:
        """Drop the blank line that separates this message from the next one."""
        if self.last not in (b"\n", b"\r\n"):
            return
        self.size -= len(self.last)
        if self.last_kept and self.parts:
            self.parts.pop()
            self.kept -= len(self.last)
        self.last = b""

    def data(self) -> bytes:
        return b"".join(self.parts)


def stop_at_expansion_cap(
    messages: Iterator[RawMessage], handle: CappedReader | None, path: Path, limits: Limits
) -> Iterator[RawMessage]:
    """Pass messages through, one behind, so the last one can be marked as cut when the
    compressed file expanded past the limit; then add the record that says so."""
    previous: RawMessage | None = None
    for message in messages:
        if previous is not None:
            yield previous
        previous = message
    overflowed = handle is not None and handle.overflowed
    if previous is not None:
        if overflowed:
            note = (
                f"cut: reading stopped where the compressed file had expanded to "
                f"{limits.expanded_bytes} bytes (expansion limit)"
            )
            previous = replace(previous, notes=(*previous.notes, note))
        yield previous
    if overflowed:
        compressed = path.stat().st_size
        kept = compressed <= limits.message_bytes
        problem = (
            f"expansion limit: {path.name} ({compressed} bytes compressed) expands past "
            f"{limits.expanded_bytes} bytes; reading stopped there and the rest of the "
            "file was not imported"
            + (" (the compressed file is kept here)" if kept else f" (the file: {path})")
        )
        yield RawMessage(
            # too big to keep: the record holds its reason (one record per file all the same)
            data=path.read_bytes() if kept else problem.encode("utf-8", "surrogateescape"),
            source=str(path),
            index=(previous.index + 1) if previous is not None else 0,
            format="limit",
            problem=problem,
        )
