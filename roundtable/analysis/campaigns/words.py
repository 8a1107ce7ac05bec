"""Word hashes for a batch of normalised texts, in numpy, without a Python object per word.

A word's hash mixes its length with its first and last eight bytes (read as overlapping 64-bit
windows of the batch buffer): exact for words of up to 16 bytes, and for longer ones a clash
needs the same length, start and end. The exact key of a text sums its word hashes, each times an
odd number that grows with its position, then mixes the sum with the word count.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

_SPACE = 32


def _table() -> bytes:
    table = bytearray(b" " * 128 + bytes(range(128, 256)))
    for c in b"abcdefghijklmnopqrstuvwxyz0123456789_":
        table[c] = c
    for c in b"ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        table[c] = c + 32
    return bytes(table)


_TABLE = _table()
# Masks keeping the first k bytes of a little-endian 64-bit window, k = 0..8.
_KEEP = np.array([(1 << (8 * k)) - 1 for k in range(9)], dtype=np.uint64)


def mix(h: U64) -> U64:
    """splitmix64's finaliser: every output bit depends on every input bit."""
    h = h ^ (h >> np.uint64(30))
    h = h * np.uint64(0xBF58476D1CE4E5B9)
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def _fold_non_ascii(a: npt.NDArray[np.uint8]) -> None:
    """Blank non-ASCII spaces and punctuation, lower Latin-1 capitals, in place."""
    lead = np.flatnonzero(a[:-2] >= 0xC2)
    first, second = a[lead], a[lead + 1]
    # U+2000-U+203F (spaces, dashes, quotes, bullets, ellipsis: UTF-8 E2 80 xx) and
    # U+00A0-U+00BF (C2 A0-BF: guillemets, inverted marks, signs) are not words.
    blank3 = lead[(first == 0xE2) & (second == 0x80)]
    blank2 = lead[(first == 0xC2) & (second >= 0xA0)]
    for k in range(3):
        a[blank3 + k] = _SPACE
    a[blank2] = _SPACE
    a[blank2 + 1] = _SPACE
    # Latin-1 capitals (U+00C0-U+00DE but U+00D7: C3 80-9E) to small letters (C3 A0-BE):
    # `normal_bytes` leaves case to this bulk pass, other scripts keep their case.
    upper = (first == 0xC3) & (second >= 0x80) & (second <= 0x9E) & (second != 0x97)
    a[lead[upper] + 1] = second[upper] + 0x20


def hash_words(texts: list[bytes]) -> tuple[U64, I64, U64]:
    """(word hashes in order, words per text, exact key per text) for `normal_bytes` texts."""
    n = len(texts)
    # 8 spaces of padding on each side: windows never run off the buffer, words never touch.
    buf = b"        " + b" ".join(texts) + b"        "
    a = np.frombuffer(bytearray(buf.translate(_TABLE)), dtype=np.uint8)
    _fold_non_ascii(a)
    word = a != _SPACE
    edge = np.flatnonzero(word[1:] != word[:-1]) + 1
    starts, ends = edge[0::2], edge[1::2]
    length = ends - starts
    windows = np.ndarray(shape=(a.size - 7,), dtype="<u8", buffer=a.data, strides=(1,))
    head = windows[starts] & _KEEP[np.minimum(length, 8)]
    tail_at = np.maximum(ends - 8, starts)
    tail = windows[tail_at] & _KEEP[np.minimum(length, 8)]
    hashes = mix(
        head * np.uint64(0x9E3779B97F4A7C15)
        + tail * np.uint64(0xC2B2AE3D27D4EB4F)
        + length.astype(np.uint64)
    )
    # Which text each word belongs to: text i starts at byte text_starts[i] of `buf`.
    sizes = np.fromiter(map(len, texts), dtype=np.int64, count=n) + 1
    text_starts = np.cumsum(sizes) - sizes + 8
    first = np.searchsorted(starts, text_starts)
    counts = np.diff(np.append(first, starts.size)).astype(np.int64)
    # An odd multiplier per position in the text, 2p + 1: a reordering changes the sum. With
    # g the word's place in the batch and f its text's first, 2(g - f) + 1 = (2g + 1) - 2f, so
    # the sum is two per-text sums (`reduceat`, no per-word owner) in wrapping uint64.
    placed = hashes * (np.arange(hashes.size, dtype=np.uint64) * np.uint64(2) + np.uint64(1))
    keys = _sums(placed, first, counts) - np.uint64(2) * first.astype(np.uint64) * _sums(
        hashes, first, counts
    )
    keys = mix(keys + counts.astype(np.uint64))
    return hashes, counts, keys


def _sums(values: U64, first: I64, counts: I64) -> U64:
    """Per-text sums of `values` (text i owns counts[i] values from first[i]); 0 for none.
    `reduceat` runs each sum to the next index, so texts with no values are left out of it."""
    sums = np.zeros(first.size, dtype=np.uint64)
    some = counts > 0
    if some.any():
        sums[some] = np.add.reduceat(values, first[some])
    return sums


# An odd multiplier per byte position of an id; bytes past the table share its last one.
_ID_POSITION = mix(np.arange(1, 1025, dtype=np.uint64)) | np.uint64(1)


def hash_ids(ids: list[str]) -> U64:
    """A 64-bit hash of each id, the same in every process (unlike `hash`), without a Python
    call per id (blake2b per id took a twentieth of a run). Not collision-proof: two ids
    sharing a hash only make `IdStore.check_unique` compare them."""
    joined = "".join(ids)
    if joined.isascii():
        data = joined.encode("ascii")
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
    else:
        encoded = [i.encode("utf-8") for i in ids]
        data = b"".join(encoded)
        lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(ids))
    firsts = np.cumsum(lengths) - lengths
    position = np.arange(len(data), dtype=np.int64) - np.repeat(firsts, lengths)
    values = (np.frombuffer(data, dtype=np.uint8).astype(np.uint64) + np.uint64(1)) * (
        _ID_POSITION[np.minimum(position, _ID_POSITION.size - 1)]
    )
    return mix(
        _sums(values, firsts, lengths) + lengths.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    )
