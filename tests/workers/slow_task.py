"""A task for the heartbeat test: its first run hangs (as an import would when its worker is
killed in the middle), any later run finishes at once."""

from __future__ import annotations

import time
from pathlib import Path

from django_tasks import task


@task()
def hang_the_first_time(marker: str) -> str:
    path = Path(marker)
    if not path.exists():
        path.write_text("started")
        time.sleep(600)
    path.write_text("finished")
    return "finished"
