"""bench_queue.py's chair on the meetings API: `POST /api/meetings/{id}/floor` with a token,
giving the floor to each of the seeded world's requests in turn; each gives one `queue` event
whose data names the request that now speaks."""

from __future__ import annotations

import json

from queue_drivers import Driver, run_setup


class MeetingsDriver(Driver):
    name = "meetings"
    asgi_app = "roundtable.asgi:application"
    env = {"DJANGO_SETTINGS_MODULE": "roundtable.settings"}

    def __init__(self) -> None:
        self.meeting = 0
        self.token = ""
        self.requests: list[int] = []
        self.stream_path = ""

    def prepare(self, env: dict[str, str], *, speakers: int, seed: int) -> None:
        world = run_setup(env, "--speakers", str(speakers), "--seed", str(seed))
        self.meeting = int(str(world["meeting"]))
        self.token = str(world["token"])
        self.requests = [int(r) for r in world["requests"]]  # type: ignore[attr-defined]
        self.stream_path = str(world["stream"])

    def chair_request(self, k: int) -> tuple[str, str, bytes, str]:
        body = json.dumps({"request": self.requests[k]}).encode()
        headers = f"Authorization: Bearer {self.token}\r\nContent-Type: application/json\r\n"
        return "POST", f"/api/meetings/{self.meeting}/floor", body, headers

    def request_of(self, data: bytes) -> int | None:
        try:
            return self.requests.index(int(json.loads(data)["speaking"]))
        except (ValueError, KeyError, TypeError):
            return None
