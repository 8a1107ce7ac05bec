"""The benchmark's meeting (seeded): a NETmundial plenary under way, a chair with an API token,
and N participants of seeded stakeholder groups who have asked for the floor, in seeded order.
Built through the real actions; prints one JSON line: meeting, token, the floor requests in the
order the chair will give the floor, and the stream's path.

    DJANGO_SETTINGS_MODULE=roundtable.settings python bench/queue_world.py --speakers 100 --seed 13
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GROUPS = ["government", "civil-society", "private-sector", "technical-community", "academia"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--speakers", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from roundtable.api.actions import do_create_token
    from roundtable.meetings.queue import check_ask_floor
    from roundtable.permissions.actor import Actor
    from tests.meetings.scenes import chair, meeting_scene, participant

    rng = random.Random(args.seed)
    here, meeting = meeting_scene("netmundial", "exchange-of-views", venue="bench", slug="plenary")
    presiding = chair(here, "bench-chair@example.org")
    _, token = do_create_token(actor=Actor.person(presiding), name="bench", days=1)
    requests = []
    for n in range(args.speakers):
        speaker = participant(here, f"speaker-{n}@example.org", rng.choice(GROUPS))
        made = check_ask_floor(
            actor=Actor.person(speaker), meeting=meeting, remote=rng.random() < 0.2, paragraph="1"
        )
        requests.append(made.pk)
    rng.shuffle(requests)
    print(
        json.dumps(
            {
                "meeting": meeting.pk,
                "token": token,
                "requests": requests,
                "stream": f"/meetings/{meeting.pk}/events/",
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
