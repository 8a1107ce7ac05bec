"""Campaign grouping on a Dask cluster: the single-machine steps, partitioned.

1. Map, one task per byte range of the input (lines belong to the range they start in): read,
   sign and find exact copies with a `Grouper` per range, then route each (band, band key) row
   of each usable representative to one reducer, by a hash of the key, with its signature.
2. Shuffle: reducer r receives every map task's rows for r, so each LSH bucket, with every
   representative in it (deduplicated by content hash), lies whole in one reducer.
3. Reduce: per band, each bucket's members are paired with its leader (the smallest content
   hash, as on one machine), pairs verified on their signatures and joined in a local
   union-find; each reducer returns its forest as (content hash, root content hash) pairs.
4. Merge, on the client (which writes GROUPS, so it holds every id anyway): the union of the
   forests over the comments' content hashes; each group is named by its first comment.

The edges are those of `index.components` on one machine (same buckets, same leaders, same
verification), so the partition is the same: docs/campaigns.md, "Beyond one machine".
"""

from __future__ import annotations

import os
import resource
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from dask.delayed import delayed
from distributed import Client, LocalCluster

from roundtable.analysis.campaigns.grouping import Grouper, Params, Partition
from roundtable.analysis.campaigns.ids import IdStore, pack_ids
from roundtable.analysis.campaigns.index import band_keys, candidate_pairs, join, ranks, union
from roundtable.analysis.campaigns.reading import InputError, parse_line
from roundtable.analysis.campaigns.signatures import EMPTY, Signatures
from roundtable.analysis.campaigns.words import mix

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
_BATCH = 1024


@dataclass(frozen=True)
class Rows:
    """One map task's rows for one reducer: (band, key, rep) rows, rep indexing `hashes` and
    `signatures` (each representative sent once per reducer, however many bands it has there)."""

    band: npt.NDArray[np.uint8]
    key: U64
    rep: I64
    hashes: U64
    signatures: Signatures


@dataclass(frozen=True)
class Part:
    """What one byte range sends back to the client: its comments' ids (packed), local line
    numbers, id hashes and content hashes; how many lines it spans; its first bad line."""

    ids: bytes
    lines: I64
    id_hashes: U64
    keys: U64
    line_count: int
    error: tuple[int, str] | None


def ranges(size: int, parts: int) -> list[tuple[int, int]]:
    """`parts` byte ranges covering [0, size), as even as integer division allows."""
    cuts = [size * i // parts for i in range(parts + 1)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a] or [(0, 0)]


def read_range(path: str, start: int, end: int) -> Iterator[bytes]:
    """The lines that start in [start, end): a line straddling `start` belongs to the range
    before, so every line is read by exactly one range."""
    with open(path, "rb") as fh:
        at = start
        if start:
            fh.seek(start - 1)
            at = start - 1 + len(fh.readline())
        while at < end:
            raw = fh.readline()
            if not raw:
                return
            at += len(raw)
            yield raw


def route(keys: U64, band: npt.NDArray[np.uint8], reducers: int) -> I64:
    """The reducer of each (band, key) row: a function of the bucket only."""
    mixed = mix(keys ^ (band.astype(np.uint64) << np.uint64(56)))
    return (mixed % np.uint64(reducers)).astype(np.int64)


def sign_range(
    path: str, start: int, end: int, params: Params, reducers: int
) -> tuple[Part, list[Rows]]:
    """Map: the range's comments signed, and its representatives' band rows per reducer."""
    grouper = Grouper(params)
    ids: list[str] = []
    lines: list[int] = []
    error = None
    batch_ids: list[str] = []
    batch_texts: list[str] = []
    number = 0
    for number, raw in enumerate(read_range(path, start, end), start=1):
        if error is not None or not raw.strip():
            continue
        try:
            ident, text = parse_line(number, raw)
        except InputError as exc:
            error = (exc.line, str(exc).split(": ", 1)[1])
            continue
        batch_ids.append(ident)
        batch_texts.append(text)
        lines.append(number)
        if len(batch_ids) >= _BATCH:
            grouper.add(batch_ids, batch_texts)
            ids += batch_ids
            batch_ids, batch_texts = [], []
    if batch_ids:
        grouper.add(batch_ids, batch_texts)
        ids += batch_ids
    id_hashes = grouper.id_hashes()
    hashes, signatures, rep_of = grouper.reps()
    part = Part(
        ids=pack_ids(ids),
        lines=np.array(lines, dtype=np.int64),
        id_hashes=id_hashes,
        keys=hashes[rep_of],
        line_count=number,
        error=error,
    )
    return part, band_rows(hashes, signatures, params, reducers)


def band_rows(hashes: U64, signatures: Signatures, params: Params, reducers: int) -> list[Rows]:
    usable = np.flatnonzero((signatures != EMPTY).any(axis=1))
    hashes, signatures = hashes[usable], signatures[usable]
    per_band = params.bins // params.bands
    keys = np.concatenate(
        [band_keys(signatures, b, per_band) for b in range(params.bands)]
        or [np.zeros(0, np.uint64)]
    )
    band = np.repeat(np.arange(params.bands, dtype=np.uint8), usable.size)
    rep = np.tile(np.arange(usable.size, dtype=np.int64), params.bands)
    # One stable sort by destination, then slices: a mask per reducer cost a pass each.
    dest = route(keys, band, reducers)
    by_dest = np.argsort(dest, kind="stable")
    bounds = np.searchsorted(dest[by_dest], np.arange(reducers + 1))
    out = []
    for r in range(reducers):
        sel = by_dest[bounds[r] : bounds[r + 1]]
        reps, local = np.unique(rep[sel], return_inverse=True)
        out.append(
            Rows(
                band=band[sel],
                key=keys[sel],
                rep=local.ravel().astype(np.int64),
                hashes=hashes[reps],
                signatures=signatures[reps],
            )
        )
    return out


def join_buckets(pieces: list[Rows], params: Params) -> tuple[U64, U64]:
    """Reduce: this reducer's buckets, verified and joined; its forest as hash pairs."""
    hashes = np.concatenate([p.hashes for p in pieces])
    signatures = np.concatenate([p.signatures for p in pieces])
    base = np.cumsum([0] + [p.hashes.size for p in pieces[:-1]])
    # The same text may come from several ranges: one representative per content hash.
    uniq, first = np.unique(hashes, return_index=True)
    signatures = signatures[first]
    rep = np.searchsorted(
        uniq, hashes[np.concatenate([p.rep + o for p, o in zip(pieces, base, strict=True)])]
    )
    band = np.concatenate([p.band for p in pieces]).astype(np.int64)
    key = np.concatenate([p.key for p in pieces])
    _, once = np.unique(band * max(uniq.size, 1) + rep, return_index=True)
    band, key, rep = band[once], key[once], rep[once]
    parent = np.arange(uniq.size, dtype=np.int64)
    for b in range(params.bands):
        sel = np.flatnonzero(band == b)
        rank, by_rank = ranks(uniq[rep[sel]])
        rows = np.arange(sel.size, dtype=np.int64)
        member, leader = candidate_pairs(key[sel], rows, rank, by_rank)
        join(parent, signatures, rep[sel][member], rep[sel][leader], params.threshold)
    joined = np.flatnonzero(parent != np.arange(uniq.size))
    return uniq[joined], uniq[parent[joined]]


def merge(parts: list[Part], forests: list[tuple[U64, U64]]) -> Partition:
    """The client's step: the forests' union over every comment; groups named as on one
    machine (the position of their first comment in input order)."""
    keys = np.concatenate([p.keys for p in parts])
    reps, rep_of = np.unique(keys, return_inverse=True)
    parent = np.arange(reps.size, dtype=np.int64)
    a = np.concatenate([f[0] for f in forests] or [np.zeros(0, np.uint64)])
    b = np.concatenate([f[1] for f in forests] or [np.zeros(0, np.uint64)])
    union(parent, np.searchsorted(reps, a), np.searchsorted(reps, b))
    root = parent[rep_of.ravel()]
    first = np.full(max(reps.size, 1), keys.size, dtype=np.int64)
    np.minimum.at(first, root, np.arange(keys.size, dtype=np.int64))
    id_hashes = np.sort(np.concatenate([p.id_hashes for p in parts]))
    clash = id_hashes[1:][id_hashes[1:] == id_hashes[:-1]]
    return Partition(group=first[root], duplicate_id_hashes=frozenset(int(h) for h in clash))


def group_on(
    client: Client, path: str, size: int, params: Params, partitions: int
) -> tuple[Partition, IdStore]:
    """The grouping of the JSONL file at `path` (every worker must read it at that path);
    InputError (with the global line) as on one machine."""
    spans = ranges(size, partitions)
    reducers = len(spans)
    maps = [delayed(sign_range, nout=2, pure=True)(path, a, b, params, reducers) for a, b in spans]
    forests = [
        delayed(join_buckets, pure=True)([m[1][r] for m in maps], params) for r in range(reducers)
    ]
    futures = client.compute([m[0] for m in maps] + forests)
    results = client.gather(futures)
    parts: list[Part] = results[: len(spans)]
    offsets = np.cumsum([0] + [p.line_count for p in parts[:-1]])
    for part, offset in zip(parts, offsets, strict=True):
        if part.error is not None:
            raise InputError(int(offset) + part.error[0], part.error[1])
    ids = IdStore()
    for part, offset in zip(parts, offsets, strict=True):
        ids.add_packed(part.ids, part.lines + offset)
    partition = merge(parts, results[len(spans) :])
    ids.check_unique(partition.duplicate_id_hashes)
    return partition, ids


@contextmanager
def connect(scheduler: str) -> Iterator[Client]:
    """A client for `scheduler`: a scheduler's address (tcp://host:8786), or `local[:N]` for a
    LocalCluster of N worker processes on this machine (default: one per core)."""
    if scheduler == "local" or scheduler.startswith("local:"):
        count = scheduler.partition(":")[2]
        if count and not (count.isdigit() and int(count) > 0):
            raise ValueError(f"--scheduler {scheduler}: local:N needs a positive N")
        workers = int(count) if count else os.cpu_count() or 1
        # One thread a worker: the map and reduce steps hold the GIL in their Python parts.
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    with Client(scheduler) as client:
        yield client


def worker_count(client: Client) -> int:
    return max(len(client.scheduler_info().get("workers", {})), 1)


def worker_peak_mib(client: Client) -> float:
    """The largest peak resident memory among the workers (MiB)."""
    peaks = client.run(resource.getrusage, resource.RUSAGE_SELF)
    return round(max((r.ru_maxrss for r in peaks.values()), default=0) / 1024, 1)
