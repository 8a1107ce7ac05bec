"""Balance over time (issue 16): the per-phase figures as now (every measure, participants from
five tables by one UNION) beside the previous version's (participants from inputs only; three
measures), and the whole-process balance for scale, in the same run, on one process with seven
phases and N inputs by N/10 authors without accreditation (their group is then found from
their first input: the dearer path).

Run: .venv/bin/python bench/bench_balance_phases.py --keep DIR [--sizes 2k,20k] [--repeat 5]
(SQLite in DIR unless DATABASE_URL is set). The previous version is read from git
(`--before c694bf7`). Not a test: nothing is asserted. Prints medians in ms and `uptime`.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.bench_campaigns import size_arg, uptime  # noqa: E402
from bench.bench_pages import setup_django  # noqa: E402


def previous(commit: str, tmp: Path) -> Any:
    source = subprocess.run(  # noqa: S603
        ["git", "show", f"{commit}:roundtable/stocktaking/queries.py"],  # noqa: S607
        capture_output=True, text=True, check=True, cwd=REPO,
    ).stdout  # fmt: skip
    path = tmp / "previous_queries.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("previous_queries", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["previous_queries"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def world(n: int, slug: str) -> Any:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from roundtable.contributions.models import Contribution
    from roundtable.permissions.actor import Actor
    from roundtable.processes.actions import do_add_phase
    from roundtable.stakeholders.models import StakeholderGroup
    from tests.processes.scenes import scene

    here = scene(process_slug=slug)
    today = timezone.now().date()
    for k in range(1, 7):
        starts_on = today - timedelta(days=3 + 10 * k)
        do_add_phase(actor=Actor.operator("bench"), process=here.process, kind="drafting",
                     title=f"Earlier {k}", starts_on=starts_on,
                     ends_on=starts_on + timedelta(days=9))  # fmt: skip
    user = get_user_model()
    authors = user.objects.bulk_create(
        [user(username=f"{slug}-{i}", email=f"{slug}-{i}@example.org") for i in range(n // 10)]
    )
    groups = list(StakeholderGroup.objects.all())
    now = timezone.now()
    Contribution.objects.bulk_create(
        [
            Contribution(call=here.call, author=authors[i % len(authors)],
                         group=groups[i % len(groups)], title=f"Input {i}", body="x",
                         body_html="<p>x</p>", language="en", word_count=1 + i % 50,
                         submitted_at=now - timedelta(days=10 * (i % 7)))
            for i in range(n)
        ],
        batch_size=1000,
    )  # fmt: skip
    return here


def median_ms(run: Any, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, required=True)
    parser.add_argument("--sizes", type=size_arg, default=size_arg("2k,20k"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--before", default="c694bf7")
    args = parser.parse_args()
    args.keep.mkdir(parents=True, exist_ok=True)
    setup_django(args.keep)
    from django.core.management import call_command
    from django.db import connection

    from roundtable.stocktaking import queries
    from roundtable.stocktaking.phases import phases
    from roundtable.stocktaking.rows import contribution_group, poster_group, rows_of_processes

    old = previous(args.before, args.keep)
    call_command("migrate", verbosity=0)
    print(f"{connection.vendor}, median of {args.repeat} (ms), alternating; {uptime()}")
    print(f"  {'inputs':>8} {'before':>9} {'now':>9} {'whole balance now':>18}")
    for n in args.sizes:
        here = world(n, f"p{n}")
        rows = rows_of_processes(None, [here.process])
        venue = here.venue
        as_before = partial(
            old._phases, rows, venue, contribution_group(venue), poster_group(venue)
        )
        as_now = partial(phases, rows, venue)
        before, now = [], []
        for _ in range(3):  # alternate, so that the machine's load falls on both alike
            before.append(median_ms(as_before, args.repeat))
            now.append(median_ms(as_now, args.repeat))
        whole = median_ms(partial(queries._balance, rows, venue), args.repeat)
        print(f"  {n:>8} {min(before):9.1f} {min(now):9.1f} {whole:18.1f}")
    print(uptime())


if __name__ == "__main__":
    main()
