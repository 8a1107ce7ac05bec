"""What bench_queue.py drives: the meetings API (the chair gives the floor), or, where meetings
is absent, the live app's own publish through the tests' URLconf (one event per request)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


class Driver:
    name = "publish"
    asgi_app = "tests.live.asgi:application"
    env = {"DJANGO_SETTINGS_MODULE": "tests.live.settings"}
    stream_path = "/test-live/stream/bench/"

    def prepare(self, env: dict[str, str], *, speakers: int, seed: int) -> None:
        pass

    def chair_request(self, k: int) -> tuple[str, str, bytes, str]:
        """Method, path, body and extra header lines of the chair's k-th request."""
        return "POST", f"/test-live/publish/bench/?sent={k}", b"", ""

    def request_of(self, data: bytes) -> int | None:
        try:
            return int(json.loads(data)["sent"])
        except (ValueError, KeyError, TypeError):
            return None


def make_driver(name: str) -> Driver:
    if name in ("auto", "meetings") and (REPO / "roundtable" / "meetings" / "api.py").exists():
        from queue_meetings import MeetingsDriver

        return MeetingsDriver()
    if name == "meetings":
        raise SystemExit("the meetings API is not on this branch")
    return Driver()


def run_setup(env: dict[str, str], *args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "queue_world.py"), *args],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))
