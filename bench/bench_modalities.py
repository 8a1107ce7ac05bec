"""Decisions per second for a loaded modality, on one core, beside a reference loop.

Run: .venv/bin/python bench/bench_modalities.py [--n 300000] [--modality itu-wtpf-multistakeholder]

Three figures for the same workload (a fixed mix of rights, standings and phases cycled N
times): ``decide`` alone (what the permission door needs for an allow), ``decide`` plus the
explanation (reason text and, for denials, the would-allow hints) warm (explanations of
repeated queries come from an LRU cache) and cold (cache cleared before every query), and a
reference loop that
does a plain dict lookup plus a function call per item, to show the machine's speed in the
same run. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from roundtable.modalities import Context, Standing, decide, load_modality  # noqa: E402
from roundtable.modalities.engine import clear_explanation_cache  # noqa: E402


def workload(modality_name: str) -> list[tuple[str, Standing, Context]]:
    modality = load_modality(modality_name)
    standings = [
        Standing.nobody(),
        Standing(),
        Standing(groups={"civil-society"}),
        Standing(groups={"civil-society"}, accredited=True),
        Standing(groups={"government"}, categories={"member-state"}, delegation="US"),
        Standing(
            groups={"government"},
            categories={"member-state"},
            delegation="US",
            head_of_delegation=True,
        ),
        Standing(groups={"private-sector"}, categories={"sector-member"}),
        Standing(groups={"civil-society"}, categories={"member-state"}, delegation="US"),
        Standing(roles={"chair"}),
        Standing(groups={"academia"}, categories={"academia"}, accredited=True),
    ]
    contexts = [Context(venue=modality.venue, phase=p.name) for p in modality.phases]
    return list(itertools.product(modality.rights, standings, contexts))


def timed(fn, n: int) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn(n)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300_000)
    parser.add_argument("--modality", default="itu-wtpf-multistakeholder")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    modality = load_modality(args.modality)
    items = workload(args.modality)
    n = args.n
    cycle = [items[i % len(items)] for i in range(n)]
    table = {(r, s, c): True for r, s, c in items}

    def reference(count: int) -> None:
        def f(right: str, standing: Standing, context: Context) -> bool:
            return table[(right, standing, context)]

        for right, standing, context in cycle[:count]:
            f(right, standing, context)

    def decisions(count: int) -> None:
        for right, standing, context in cycle[:count]:
            decide(modality, right=right, standing=standing, context=context)

    def explained(count: int) -> None:
        for right, standing, context in cycle[:count]:
            d = decide(modality, right=right, standing=standing, context=context)
            _ = d.reason
            if not d.allowed:
                _ = d.would_allow

    def explained_cold(count: int) -> None:
        for right, standing, context in cycle[:count]:
            clear_explanation_cache()
            d = decide(modality, right=right, standing=standing, context=context)
            _ = d.reason
            if not d.allowed:
                _ = d.would_allow

    allowed = sum(decide(modality, right=r, standing=s, context=c).allowed for r, s, c in items)
    print(f"python {platform.python_version()} on {platform.machine()}, one core")
    print(
        f"modality {modality.name}: {len(modality.rules)} rules, {len(items)} distinct queries "
        f"({allowed} allowed), N = {n}"
    )
    for label, fn, count in (
        ("reference: dict lookup + call", reference, n),
        ("decide (no explanation)", decisions, n),
        ("decide + explanation (warm)", explained, n),
        ("decide + explanation (cold)", explained_cold, max(n // 10, 1)),
    ):
        best = min(timed(fn, count) for _ in range(args.repeat))
        print(f"{label:32s} {count / best:>12,.0f} per second  ({best / count * 1e6:.2f} us each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
