"""`roundtable campaigns group INPUT.jsonl --out GROUPS.json [--threshold J] [--json]`.

``main(argv) -> int`` owns its arguments (the Django management command only delegates). It
reads one file and writes another, changes no row and shows nothing that is not in its input,
so, like `roundtable modalities`, it does not ask the door. Exit codes: 0 done, 2 bad usage or
input (the message names the line).
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import importlib
import json
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from roundtable.analysis.campaigns.grouping import Grouper, Params, Partition
from roundtable.analysis.campaigns.ids import IdStore
from roundtable.analysis.campaigns.reading import InputError, read_batches
from roundtable.analysis.campaigns.templates import TemplateCounter

#: The module that runs `group --scheduler` (Dask). Dask and `distributed` take about a third
#: of a second to import, which a run on one machine should not pay, so that module is loaded
#: by name only when `--scheduler` is given (house rule: no import inside a function; the
#: name is here, in one place, for readers and tools).
ON_A_CLUSTER = "roundtable.analysis.campaigns.cluster_cli"


# glibc's mallopt parameters (malloc.h).
_M_TRIM_THRESHOLD, _M_TOP_PAD, _M_MMAP_THRESHOLD = -1, -2, -3


def keep_freed_memory() -> None:
    """Let glibc keep the batches' freed buffers for the next batch.

    By default it hands large freed blocks back to the kernel at once, so every batch faulted
    its arrays in again: a fifth of the CPU time of a run was the kernel's (1.2 s of 5 at 200k
    comments, 0.4 s with these settings; docs/campaigns.md). Peak memory is unchanged: the
    same buffers are reused. Elsewhere than glibc this does nothing."""
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, 32 << 20)  # glibc's largest
    mallopt(_M_TRIM_THRESHOLD, 1 << 30)
    mallopt(_M_TOP_PAD, 64 << 20)


def group_names(partition: Partition) -> list[int]:
    """Group numbers 1, 2, ... by first appearance in the input."""
    _, rank = np.unique(partition.group, return_inverse=True)
    names: list[int] = (rank + 1).tolist()
    return names


def write_templates(out: Path, source: Path, partition: Partition) -> None:
    """{group: {"members", "template"}} for every campaign (a second read of the input)."""
    names = group_names(partition)
    sizes = partition.sizes[partition.group]
    counters: dict[int, TemplateCounter] = {}
    at = 0
    for batch in read_batches(source):
        for text in batch.texts:
            if sizes[at] > 1:
                counters.setdefault(names[at], TemplateCounter()).add(text)
            at += 1
    payload = {}
    for name, counter in sorted(counters.items()):
        template = counter.template()
        payload[f"g{name}"] = {"members": template.members, "template": list(template.sentences)}
    out.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_groups(out: Path, ids: IdStore, partition: Partition) -> None:
    """{id: group} as one JSON object; groups are named g1, g2, ... by first appearance."""
    names = group_names(partition)
    tmp = out.with_name(out.name + ".tmp")
    at = 0
    with tmp.open("wb") as fo:
        fo.write(b"{")
        for blob in ids.blobs:
            parts = blob.split(b"\n")
            body = b",\n".join(
                b'%s: "g%d"' % (i, g)
                for i, g in zip(parts, names[at : at + len(parts)], strict=True)
            )
            fo.write((b",\n" if at else b"\n") + body)
            at += len(parts)
        fo.write(b"\n}\n")
    os.replace(tmp, out)


def group_here(
    source: Path, total: int, params: Params, args: argparse.Namespace
) -> tuple[Partition, IdStore]:
    grouper = Grouper(params)
    ids = IdStore()
    show = sys.stderr.isatty() and not args.json
    with Progress(
        TextColumn("grouping"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        disable=not show,
        transient=True,
    ) as bar:
        task = bar.add_task("read", total=total)
        advance = (lambda n: bar.advance(task, n)) if show else None
        for batch in read_batches(source, progress=advance):
            grouper.add(batch.ids, batch.texts)
            ids.add(batch)
        partition = grouper.finish()
        ids.check_unique(partition.duplicate_id_hashes)
    return partition, ids


def group(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    keep_freed_memory()
    source = Path(args.input)
    try:
        params = Params(threshold=args.threshold)
        total = source.stat().st_size
        if args.partitions is not None and (args.partitions < 1 or not args.scheduler):
            raise ValueError("--partitions needs --scheduler and a positive number")
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    extra: dict[str, float | int] = {}
    try:
        if args.scheduler:
            cluster = importlib.import_module(ON_A_CLUSTER)
            partition, ids = cluster.group_distributed(source, total, params, args, extra)
        else:
            partition, ids = group_here(source, total, params, args)
    except InputError as exc:
        print(f"error: {source}: {exc}", file=sys.stderr)
        return 2
    except (ValueError, OSError) as exc:
        # A scheduler that cannot be reached, or a bad `local:N`.
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write_groups(Path(args.out), ids, partition)
    if args.templates:
        write_templates(Path(args.templates), source, partition)
    summary: dict[str, float | int] = dict(partition.summary())
    summary["seconds"] = round(time.perf_counter() - started, 3)
    summary["peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    summary.update(extra)
    if args.json:
        print(json.dumps(summary))
    else:
        print(
            f"{summary['comments']} comments in {summary['groups']} groups, "
            f"{summary['campaigns']} campaigns (largest {summary['largest']}); "
            f"{summary['seconds']} s, {summary['peak_mib']} MiB peak"
        )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roundtable campaigns",
        description="Form letters and their near copies (campaigns) in a corpus of comments.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser(
        "group",
        help="group a JSONL corpus into campaigns",
        description='INPUT: one {"id", "text"} object a line. Writes {id: group} to --out.',
    )
    p.add_argument("input", metavar="INPUT.jsonl")
    p.add_argument("--out", required=True, metavar="GROUPS.json")
    p.add_argument(
        "--threshold",
        type=float,
        default=Params().threshold,
        metavar="J",
        help=f"estimated Jaccard similarity of word 3-gram sets (default {Params().threshold})",
    )
    p.add_argument(
        "--templates",
        metavar="TEMPLATES.json",
        help="also write each campaign's template (reads INPUT a second time)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS|local[:N]",
        help="run on a Dask cluster: a scheduler address, or local:N worker processes here",
    )
    p.add_argument(
        "--partitions",
        type=int,
        metavar="P",
        help="byte ranges of INPUT (with --scheduler; default about 32 MiB each, 2 a worker)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON summary object")
    p.set_defaults(func=group)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else 2
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
