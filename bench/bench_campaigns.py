"""Campaign grouping (issue 17): ours beside the datasketch reference, in the same run.

Run: .venv/bin/python bench/bench_campaigns.py [--sizes 20k,200k,1M] [--seed 1]

For each size, generates (once, seeded) the corpus with ../shared/bench/comments/make_corpus.py
under var/campaigns/, runs the reference (`datasketch_baseline.py`, in a scratch venv this
script makes under var/campaigns/reference-venv with `pip install datasketch numpy`; never a
project dependency) and ours (`roundtable campaigns group`, a subprocess), each measured for
wall time and peak RSS (wait4), scores both with score.py and prints one table plus `uptime`.
The reference's own figure excludes reading the file; ours is the whole command (Django
start-up included), so both are shown. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "var" / "campaigns"
TARGET = 22_000_000


def size_arg(text: str) -> list[int]:
    units = {"k": 1_000, "m": 1_000_000}
    out = []
    for part in text.lower().split(","):
        part = part.strip()
        out.append(int(float(part[:-1]) * units[part[-1]]) if part[-1] in units else int(part))
    return out


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def load_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", shared / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus(shared: Path, n: int, seed: int) -> Path:
    path = WORK / f"corpus-{n}-seed{seed}.jsonl"
    if not path.exists():
        cmd = [sys.executable, str(shared / "make_corpus.py"), "--n", str(n), "--seed", str(seed)]
        subprocess.run([*cmd, "--out", str(path)], check=True, stdout=subprocess.DEVNULL)
    return path


def reference_python() -> Path:
    venv = WORK / "reference-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(python), "-m", "pip", "install", "-q", "datasketch", "numpy"]
        subprocess.run(pip, check=True)
    return python


def measured(cmd: list[str], env: dict[str, str] | None = None) -> tuple[str, float, float]:
    """(stdout, wall seconds, peak RSS MiB) of one child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, env=env, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if proc.returncode:
        raise SystemExit(f"{cmd[:3]} exited with {proc.returncode}")
    return out, wall, usage.ru_maxrss / 1024


def run_reference(shared: Path, path: Path, n: int) -> dict[str, Any]:
    pred, report = WORK / f"pred-reference-{n}.json", WORK / f"run-reference-{n}.json"
    cmd = [str(reference_python()), str(shared / "datasketch_baseline.py"), "--corpus", str(path)]
    _, wall, peak = measured([*cmd, "--pred", str(pred), "--json-out", str(report)])
    own = json.loads(report.read_text())
    return {"pred": pred, "wall": wall, "peak": peak, "own_rate": own["docs_per_s_total_excl_load"]}


def run_ours(path: Path, n: int, threshold: float | None) -> dict[str, Any]:
    pred = WORK / f"pred-ours-{n}.json"
    cmd = [sys.executable, "-m", "roundtable.cli", "campaigns", "group", str(path)]
    cmd += ["--out", str(pred), "--json"]
    if threshold is not None:
        cmd += ["--threshold", str(threshold)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out, wall, peak = measured(cmd, env)
    summary = json.loads(out)
    return {"pred": pred, "wall": wall, "peak": peak, "own_rate": n / summary["seconds"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=size_arg, default=size_arg("20k,200k,1M"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threshold", type=float)
    parser.add_argument(
        "--shared", type=Path, default=ROOT.parent / "shared" / "bench" / "comments"
    )
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    scorer = load_scorer(args.shared)
    rows = []
    for n in args.sizes:
        path = corpus(args.shared, n, args.seed)
        ids, truth = scorer.load_truth(str(path))
        for name in ("reference", "ours"):
            load = uptime().split("load average:")[-1].strip()
            if name == "reference":
                result = run_reference(args.shared, path, n)
            else:
                result = run_ours(path, n, args.threshold)
            quality = scorer.score(ids, truth, json.loads(Path(result["pred"]).read_text()))
            rows.append((name, n, result, quality, load))
            print(f"  done {name} n={n} wall={result['wall']:.1f}s load {load}", file=sys.stderr)
    head = (
        f"{'impl':<10} {'comments':>9} {'c/s wall':>9} {'c/s own':>9} {'peak MiB':>9} "
        f"{'P':>6} {'R':>6} {'F1':>6}  load before (1, 5, 15 min)"
    )
    print(head)
    for name, n, r, q, load in rows:
        print(
            f"{name:<10} {n:>9} {n / r['wall']:>9.0f} {r['own_rate']:>9.0f} {r['peak']:>9.0f} "
            f"{q['pairwise_precision']:>6.4f} {q['pairwise_recall']:>6.4f} {q['pairwise_f1']:>6.4f}  {load}"
        )
    for n in args.sizes:
        ref = next(r for name, m, r, _, _ in rows if name == "reference" and m == n)
        ours = next(r for name, m, r, _, _ in rows if name == "ours" and m == n)
        print(
            f"n={n}: ours/reference comments/s {n / ours['wall'] / (n / ref['wall']):.1f}x wall, "
            f"{ours['own_rate'] / ref['own_rate']:.1f}x own figures"
        )
    ours_rows = sorted((m, r) for name, m, r, _, _ in rows if name == "ours")
    if len(ours_rows) >= 2:
        (n1, r1), (n2, r2) = ours_rows[-2], ours_rows[-1]
        per = (r2["peak"] - r1["peak"]) * 2**20 / (n2 - n1)
        print(
            f"22M extrapolated from {n1}->{n2}: {per:.0f} bytes per comment, "
            f"{(r2['peak'] + per * (TARGET - n2) / 2**20) / 1024:.1f} GiB peak, "
            f"{TARGET / r2['own_rate'] / 60:.0f} min at {r2['own_rate']:.0f} comments/s"
        )
    print(uptime())
    return 0


if __name__ == "__main__":
    sys.exit(main())
