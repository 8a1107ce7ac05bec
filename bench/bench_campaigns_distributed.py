"""Campaign grouping on a local Dask cluster beside the single-machine run, in the same run.

Run: .venv/bin/python bench/bench_campaigns_distributed.py [--sizes 200k,1M] [--workers 2]

For each size, the seeded corpus of bench_campaigns.py (var/campaigns/), then alternately
`roundtable campaigns group` (one process) and the same with `--scheduler local:N` (a
LocalCluster of N worker processes, started and stopped inside the command, so its start-up is
in the figure), each a subprocess measured for wall time and peak RSS (wait4: the largest of
the command and the worker processes it started; the client's own and the workers' largest
come from the command's summary). Scores both with score.py,
checks the two GROUPS files are the same partition, prints the table and `uptime`. Not a
test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.bench_campaigns import WORK, corpus, load_scorer, measured, size_arg, uptime  # noqa: E402


def run(path: Path, n: int, scheduler: str | None, partitions: int | None) -> dict[str, Any]:
    tag = "local" if scheduler else "one"
    pred = WORK / f"pred-{tag}-{n}.json"
    cmd = [sys.executable, "-m", "roundtable.cli", "campaigns", "group", str(path)]
    cmd += ["--out", str(pred), "--json"]
    if scheduler:
        cmd += ["--scheduler", scheduler]
    if partitions:
        cmd += ["--partitions", str(partitions)]
    out, wall, peak = measured(cmd, dict(os.environ, PYTHONPATH=str(REPO)))
    summary = json.loads(out)
    return {"pred": pred, "wall": wall, "peak": peak, "summary": summary}


def same_partition(a: Path, b: Path) -> bool:
    """The same groups, whatever their names (both name by first comment, so equal too)."""
    return bool(json.loads(a.read_text()) == json.loads(b.read_text()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=size_arg, default=size_arg("200k"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partitions", type=int)
    parser.add_argument(
        "--shared", type=Path, default=REPO.parent / "shared" / "bench" / "comments"
    )
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    scorer = load_scorer(args.shared)
    rows = []
    for n in args.sizes:
        path = corpus(args.shared, n, args.seed)
        ids, truth = scorer.load_truth(str(path))
        results = {}
        for name, scheduler in (("one", None), ("local", f"local:{args.workers}")):
            load = uptime().split("load average:")[-1].strip()
            r = run(path, n, scheduler, args.partitions)
            q = scorer.score(ids, truth, json.loads(Path(r["pred"]).read_text()))
            results[name] = r
            rows.append((name, n, r, q, load))
            print(f"  done {name} n={n} wall={r['wall']:.1f}s load {load}", file=sys.stderr)
        same = same_partition(results["one"]["pred"], results["local"]["pred"])
        print(f"  n={n}: same partition (GROUPS files equal): {same}", file=sys.stderr)
    print(
        f"{'run':<6} {'comments':>9} {'c/s wall':>9} {'c/s own':>9} {'max MiB':>8} {'client MiB':>10} "
        f"{'worker MiB':>10} {'parts':>5} {'F1':>6}  load before (1, 5, 15 min)"
    )
    for name, n, r, q, load in rows:
        s = r["summary"]
        print(
            f"{name:<6} {n:>9} {n / r['wall']:>9.0f} {n / s['seconds']:>9.0f} {r['peak']:>8.0f} "
            f"{s['peak_mib']:>10.0f} "
            f"{s.get('worker_peak_mib', 0):>10.0f} {s.get('partitions', 1):>5} "
            f"{q['pairwise_f1']:>6.4f}  {load}"
        )
    print(uptime())
    return 0


if __name__ == "__main__":
    sys.exit(main())
