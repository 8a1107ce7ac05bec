"""One-permutation MinHash signatures of word shingles, a batch of comments at a time.

Classic MinHash hashes every shingle once per permutation (128 passes in the reference); one
permutation hashing (Li, Owen and Zhang 2012) hashes each shingle once, sends it to one of
`bins` bins by its low bits and keeps the smallest of its high 16 bits per bin. With numpy
over a whole batch the per-comment Python work is only decoding and normalising the text.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from roundtable.analysis.campaigns.words import mix

EMPTY = np.uint16(0xFFFF)
Signatures = npt.NDArray[np.uint16]

# Odd multipliers, one per word position in a shingle.
_POSITION = np.array(
    [
        0x9E3779B97F4A7C15,
        0xBF58476D1CE4E5B9,
        0x94D049BB133111EB,
        0xD6E8FEB86659FD93,
        0xA0761D6478BD642F,
        0xE7037ED1A0B428DB,
        0x8EBC6AF09C88C6E3,
        0x589965CC75374CC3,
    ],
    dtype=np.uint64,
)
MAX_SHINGLE = len(_POSITION)


def sketch(
    hashes: npt.NDArray[np.uint64], lengths: npt.NDArray[np.int64], *, shingle: int, bins: int
) -> Signatures:
    """One row per text (the text owns `lengths[i]` consecutive `hashes`): `bins` minima,
    EMPTY where no shingle fell.

    A text shorter than `shingle` words is one shingle (all its words); a text with no words
    has an all-EMPTY row, which `index` never buckets.
    """
    if not 1 <= shingle <= MAX_SHINGLE:
        raise ValueError(f"shingle must be 1..{MAX_SHINGLE} words")
    if bins & (bins - 1) or not 8 <= bins <= 1024:
        raise ValueError("bins must be a power of two, 8..1024")
    n = lengths.size
    total = int(lengths.sum())
    ends = np.cumsum(lengths)
    starts = ends - lengths
    span = max(total - shingle + 1, 0)
    h = np.zeros(span, dtype=np.uint64)
    for j in range(shingle):
        h += hashes[j : j + span] * _POSITION[j]
    owner = np.repeat(np.arange(n, dtype=np.int64), lengths)[:span]
    keep = np.arange(span, dtype=np.int64) + shingle <= ends[owner]
    parts = [h[keep]]
    owners = [owner[keep]]
    short = np.flatnonzero((lengths > 0) & (lengths < shingle))
    if short.size:
        short_h = np.zeros(short.size, dtype=np.uint64)
        for j in range(shingle - 1):
            present = lengths[short] > j
            at = np.where(present, starts[short] + j, 0)
            short_h += np.where(present, hashes[at] * _POSITION[j], np.uint64(0))
        parts.append(short_h)
        owners.append(short)
    mixed = mix(np.concatenate(parts))
    slot = np.concatenate(owners) * bins + (mixed & np.uint64(bins - 1)).astype(np.int64)
    value = (mixed >> np.uint64(48)).astype(np.uint16)
    # The top value is EMPTY's; folding it into its neighbour costs nothing measurable.
    np.minimum(value, EMPTY - np.uint16(1), out=value)
    out = np.full(n * bins, EMPTY, dtype=np.uint16)
    np.minimum.at(out, slot, value)
    return out.reshape(n, bins)


def similarity(a: Signatures, b: Signatures) -> npt.NDArray[np.float64]:
    """Estimated Jaccard similarity of row pairs: agreeing bins over bins used by either."""
    used = (a != EMPTY) | (b != EMPTY)
    agree = (a == b) & (a != EMPTY)
    used_n = used.sum(axis=1)
    return np.where(used_n > 0, agree.sum(axis=1) / np.maximum(used_n, 1), 0.0)
