"""The ids of a corpus in input order, packed, for the GROUPS file and the duplicate check."""

from __future__ import annotations

import json

import numpy as np
import numpy.typing as npt
import orjson

from roundtable.analysis.campaigns.reading import Batch, InputError
from roundtable.analysis.campaigns.words import hash_ids


def pack_ids(ids: list[str]) -> bytes:
    """The ids JSON-encoded (UTF-8, as written to the GROUPS file), one a line."""
    return b"\n".join(map(orjson.dumps, ids))


class IdStore:
    """The ids in input order, JSON-encoded and packed per batch (about their length in
    bytes each, not a Python object each), and the line each came from."""

    def __init__(self) -> None:
        self.blobs: list[bytes] = []
        self.lines: list[np.ndarray] = []

    def add(self, batch: Batch) -> None:
        self.add_packed(pack_ids(batch.ids), np.array(batch.lines, dtype=np.int64))

    def add_packed(self, blob: bytes, lines: npt.NDArray[np.int64]) -> None:
        """A run of ids already packed by `pack_ids` (a worker's partition), with their lines."""
        if lines.size:
            self.blobs.append(blob)
            self.lines.append(lines)

    def encoded(self) -> list[bytes]:
        return [i for blob in self.blobs for i in blob.split(b"\n")]

    def check_unique(self, clashes: frozenset[int]) -> None:
        """Raise InputError at the second line of a repeated id (hash clashes are checked)."""
        if not clashes:
            return
        seen: dict[str, int] = {}
        lines = np.concatenate(self.lines)
        idents = [json.loads(raw) for raw in self.encoded()]
        for at, (ident, h) in enumerate(zip(idents, hash_ids(idents).tolist(), strict=True)):
            if h not in clashes:
                continue
            if ident in seen:
                raise InputError(
                    int(lines[at]), f"duplicate id {ident!r} (first on line {seen[ident]})"
                )
            seen[ident] = int(lines[at])
