"""The CLI's input: one JSON object a line with a string (or integer) "id" and a string "text".

Read lazily, in batches; other keys are ignored, blank lines skipped. Bad input raises
`InputError` naming the line, never a traceback. Parsed with orjson: 2-2.5x the standard
library's json.loads on these lines, which took a third of the whole run (docs/campaigns.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson


class InputError(Exception):
    """A line the grouping cannot read (the CLI exits 2 with this message)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass
class Batch:
    """A batch of comments: their ids (as JSON strings, ready for the output), texts and the
    line each came from."""

    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


def parse_line(number: int, raw: bytes) -> tuple[str, str]:
    """The id (as a string) and text of one non-blank line, or InputError naming it."""
    try:
        record = orjson.loads(raw)
    except ValueError as exc:
        raise InputError(number, f"not JSON ({exc})") from None
    if not isinstance(record, dict):
        raise InputError(number, 'not a JSON object with "id" and "text"')
    ident = record.get("id")
    text = record.get("text")
    if isinstance(ident, bool) or not isinstance(ident, str | int):
        raise InputError(number, 'no "id" (a string or an integer)')
    if not isinstance(text, str):
        raise InputError(number, 'no "text" (a string)')
    return str(ident), text


def read_batches(
    path: Path, *, size: int = 4096, progress: Callable[[int], None] | None = None
) -> Iterator[Batch]:
    """The comments of `path`, `size` at a time; `progress(bytes)` after each line read."""
    batch = Batch()
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if progress is not None:
                progress(len(raw))
            if not raw.strip():
                continue
            ident, text = parse_line(number, raw)
            batch.ids.append(ident)
            batch.texts.append(text)
            batch.lines.append(number)
            if len(batch.ids) >= size:
                yield batch
                batch = Batch()
    if batch.ids:
        yield batch
