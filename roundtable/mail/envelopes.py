"""Cutting a From_-separated stream (mbox, Pipermail's monthly files) into messages.

Below both `readers` and `pipermail`, which each need it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .limits import Gather

ENVELOPE = re.compile(
    rb"^From (?P<who>\S.*?) +(?P<date>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +"
    rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d\d(?::\d\d)?"
    rb"(?: +[A-Z]{3,5}| +[+-]\d{4})? +\d{4})(?:\s.*)?$"
)
HEADER_LINE = re.compile(rb"^[\x21-\x39\x3b-\x7e]+:")
MBOXRD_ESCAPED = re.compile(rb"^>+From ")


def _strip_eol(line: bytes) -> bytes:
    return line.rstrip(b"\r\n")


def is_envelope(line: bytes) -> bool:
    return ENVELOPE.match(_strip_eol(line)) is not None


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
