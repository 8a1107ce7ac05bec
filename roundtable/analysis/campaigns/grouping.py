"""The streaming grouper: feed comments in batches, keep only the index, get a partition.

Per comment it keeps 12 bytes (the id's hash, to find duplicate ids, and its representative);
per distinct normalised text it keeps the signature (`bins` x 2 bytes), an 8-byte content hash
and an entry in the exact-copy dictionary, and one more entry per distinct text as written. Texts are dropped as soon as they are signed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from roundtable.analysis.campaigns.index import components
from roundtable.analysis.campaigns.normalise import normal_bytes
from roundtable.analysis.campaigns.signatures import Signatures, sketch
from roundtable.analysis.campaigns.words import hash_ids, hash_words


@dataclass(frozen=True)
class Params:
    """threshold: estimated Jaccard similarity of shingle sets above which two comments are one
    campaign; shingle: words per shingle; bins: signature length; bands: LSH bands (bins must
    divide evenly). The defaults are the benchmark's (docs/campaigns.md)."""

    threshold: float = 0.5
    shingle: int = 3
    bins: int = 64
    bands: int = 16

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        if self.bands < 1 or self.bins % self.bands:
            raise ValueError("bands must divide bins")


@dataclass(frozen=True)
class Partition:
    """group[i]: the position (in input order) of the first comment of comment i's group."""

    group: npt.NDArray[np.int64]
    duplicate_id_hashes: frozenset[int]

    @property
    def sizes(self) -> npt.NDArray[np.int64]:
        return np.bincount(self.group, minlength=self.group.size)

    def summary(self) -> dict[str, int]:
        sizes = self.sizes
        return {
            "comments": int(self.group.size),
            "groups": int((sizes > 0).sum()),
            "campaigns": int((sizes > 1).sum()),
            "largest": int(sizes.max()) if sizes.size else 0,
        }


class Grouper:
    """Exact copies first (one signature per distinct normalised text), then near copies."""

    def __init__(self, params: Params | None = None) -> None:
        self.params = params or Params()
        self._raw: dict[int, int] = {}  # hash of the text as given -> representative number
        self._first: dict[int, int] = {}  # exact key -> representative number
        self._order: list[int] = []  # content hash of each representative
        self._signatures: list[npt.NDArray[np.uint16]] = []
        self._rep_of: list[npt.NDArray[np.int64]] = []
        self._id_hashes: list[npt.NDArray[np.uint64]] = []

    def add(self, ids: list[str], texts: list[str]) -> None:
        """One batch (about a thousand comments keep numpy busy and its arrays in cache)."""
        rep_of = np.empty(len(texts), dtype=np.int64)
        # Verbatim copies (a third of a campaign corpus) are found before any normalising:
        # `hash` of a str is computed once in C and is enough to tell copies within one run.
        raw, todo = self._raw, []
        for i, text in enumerate(texts):
            rep = raw.get(hash(text))
            if rep is None:
                todo.append(i)
            else:
                rep_of[i] = rep
        hashes, counts, keys = hash_words([normal_bytes(texts[i]) for i in todo])
        new = np.zeros(len(todo), dtype=bool)
        first, order = self._first, self._order
        for k, (i, key) in enumerate(zip(todo, keys.tolist(), strict=True)):
            rep = first.get(key)
            if rep is None:
                rep = first[key] = len(order)
                order.append(key)
                new[k] = True
            rep_of[i] = raw[hash(texts[i])] = rep
        self._rep_of.append(rep_of)
        self._id_hashes.append(hash_ids(ids))
        if new.any():
            p = self.params
            words = np.repeat(new, counts)
            self._signatures.append(
                sketch(hashes[words], counts[new], shingle=p.shingle, bins=p.bins)
            )

    def reps(self) -> tuple[npt.NDArray[np.uint64], Signatures, npt.NDArray[np.int64]]:
        """(content hash of each representative, their signatures, each comment's
        representative) so far; the dictionaries are cleared, so no more `add` after this."""
        rep_of = np.concatenate(self._rep_of) if self._rep_of else np.zeros(0, np.int64)
        signatures = (
            np.concatenate(self._signatures)
            if self._signatures
            else np.zeros((0, self.params.bins), dtype=np.uint16)
        )
        self._signatures.clear()
        self._first.clear()
        self._raw.clear()
        return np.array(self._order, dtype=np.uint64), signatures, rep_of

    def id_hashes(self) -> npt.NDArray[np.uint64]:
        return np.concatenate(self._id_hashes) if self._id_hashes else np.zeros(0, np.uint64)

    def finish(self) -> Partition:
        p = self.params
        id_hashes = np.sort(self.id_hashes())
        clash = id_hashes[1:][id_hashes[1:] == id_hashes[:-1]]
        order, signatures, rep_of = self.reps()
        rep_root = components(signatures, order, bands=p.bands, threshold=p.threshold)
        # Name each group by its first comment in input order.
        doc_root = rep_root[rep_of]
        first_doc = np.full(max(len(order), 1), rep_of.size, dtype=np.int64)
        np.minimum.at(first_doc, doc_root, np.arange(rep_of.size, dtype=np.int64))
        return Partition(
            group=first_doc[doc_root], duplicate_id_hashes=frozenset(int(h) for h in clash)
        )
