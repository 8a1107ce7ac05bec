"""`roundtable campaigns group --scheduler ...`: the grouping on a Dask cluster. Loaded by
name (cli.ON_A_CLUSTER) only when `--scheduler` is given, so that no other command imports
Dask (docs/campaigns.md, "Start-up")."""

from __future__ import annotations

import argparse
from pathlib import Path

from roundtable.analysis.campaigns.distributed import (
    connect,
    group_on,
    worker_count,
    worker_peak_mib,
)
from roundtable.analysis.campaigns.grouping import Params, Partition
from roundtable.analysis.campaigns.ids import IdStore


def group_distributed(
    source: Path,
    total: int,
    params: Params,
    args: argparse.Namespace,
    extra: dict[str, float | int],
) -> tuple[Partition, IdStore]:
    """The same grouping on a Dask cluster (docs/campaigns.md, "Beyond one machine"); the
    workers read INPUT at its absolute path. No progress bar: Dask's dashboard shows tasks."""
    with connect(args.scheduler) as client:
        workers = worker_count(client)
        # Ranges of about 32 MiB, and at least two per worker so that a slow one is not last.
        parts = args.partitions or max(2 * workers, -(-total // (32 << 20)))
        result = group_on(client, str(source.resolve()), total, params, parts)
        extra.update(workers=workers, partitions=parts, worker_peak_mib=worker_peak_mib(client))
    return result
