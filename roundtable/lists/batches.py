"""An import's sources read in batches and prepared (parsed, normalised, split), in order.

Batches run across source boundaries (few, large transactions) and end at `BATCH_SIZE`
messages or `BATCH_BYTES` bytes; each carries the position where the next one starts, so a
killed import resumes after the last stored batch. With helper processes, each prepares a
batch ahead (bounded, so memory stays flat). Storing a batch is `storing.py`'s part.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from django.conf import settings

from roundtable.mail import pipeline, readers
from roundtable.mail.limits import Limits
from roundtable.mail.pipeline import Prepared
from roundtable.mail.records import RawMessage

from .models import ImportRun

BATCH_BYTES = 64 * 1024 * 1024  # a batch also ends once its messages hold this many bytes
PARALLEL_ABOVE_BYTES = 2 * 1024 * 1024  # sources this large get a helper process
ProgressCallback = Callable[[str, int, int], None]  # (source, source number, messages read)
# (source number, message index where the next batch starts, prepared messages, path)
PreparedBatch = tuple[int, int, list[Prepared], str]


def helper_count(requested: int | None, sources: list[list[str]]) -> int:
    """Helper processes for parsing: one on a multi-core machine for a sizeable import (a
    process start costs more than it saves on a few small files)."""
    if requested is not None:
        return max(0, requested)
    configured = getattr(settings, "ROUNDTABLE_LIST_IMPORT_WORKERS", None)
    if configured is not None:
        return int(configured)
    if (os.cpu_count() or 1) < 2:
        return 0
    size = 0
    for path, _kind in sources:
        try:
            size += Path(path).stat().st_size if Path(path).is_file() else PARALLEL_ABOVE_BYTES
        except OSError:
            continue
        if size >= PARALLEL_ABOVE_BYTES:
            return 1
    return 0


def _die_with_parent() -> None:
    """A helper process must not outlive a killed import (Linux: PR_SET_PDEATHSIG)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)
    except Exception:  # noqa: BLE001, S110 - best effort on other platforms
        pass


def raw_batches(
    run: ImportRun,
    sources: list[list[str]],
    batch_size: int,
    limits: Limits,
    on_progress: ProgressCallback | None = None,
) -> Iterator[tuple[int, int, list[RawMessage], str]]:
    """(source number, message index, raw messages, path): batches run across source
    boundaries (few, large transactions); the position is where the next batch starts."""
    batch: list[RawMessage] = []
    held = 0
    path = ""
    seen = run.read
    for number, (path, kind) in enumerate(sources):
        if number < run.source_position:
            continue
        skip = run.message_position if number == run.source_position else 0
        for raw in readers.read(Path(path), kind, limits):
            if raw.index < skip:
                continue
            batch.append(raw)
            held += len(raw.data)
            seen += 1
            if len(batch) >= batch_size or held >= BATCH_BYTES:
                yield number, raw.index + 1, batch, path
                batch, held = [], 0
        if on_progress:
            on_progress(path, number + 1, seen)
    yield len(sources), 0, batch, path


def prepared_batches(
    run: ImportRun,
    sources: list[list[str]],
    footers: tuple[str, ...],
    limits: Limits,
    batch_size: int,
    workers: int,
    on_progress: ProgressCallback | None = None,
) -> Iterator[PreparedBatch]:
    """Prepare batches in order; with workers, in helper processes a batch ahead each
    (bounded, so memory stays flat)."""
    unprepared = raw_batches(run, sources, batch_size, limits, on_progress)
    if workers <= 0:
        for number, position, raws, path in unprepared:
            prepared = pipeline.prepare(raws, footers, limits)
            del raws
            yield number, position, prepared, path
            del prepared
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_die_with_parent) as pool:
        pending: deque[tuple[int, int, Future[list[Prepared]], str]] = deque()
        for number, position, raws, path in unprepared:
            pending.append(
                (number, position, pool.submit(pipeline.prepare, raws, footers, limits), path)
            )
            del raws  # sent to the helper
            while len(pending) > workers:
                number, position, future, path = pending.popleft()
                yield number, position, future.result(), path
                del future  # a stored batch is not held while the next one comes
        while pending:
            number, position, future, path = pending.popleft()
            yield number, position, future.result(), path
            del future
