"""The demo world as a test fixture: loaded once per module through the real demo command,
rolled back after the module, with API tokens for a few kinds of standing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command

from roundtable.api.actions import do_create_token
from roundtable.lists.models import MailingList
from roundtable.permissions.actor import Actor
from roundtable.processes.models import Process
from roundtable.venues.models import Venue

# Demo accounts by the standing they show (roundtable/demo/world.py).
PEOPLE = {
    "participant": "bill@example.org",
    "government": "bertrand@example.org",
    "secretariat": "itu-secretariat@example.org",
}


@dataclass
class DemoWorld:
    slugs: list[str]
    ids: list[str]
    tokens: dict[str, str]
    users: dict[str, Any]


def load_demo_world() -> DemoWorld:
    call_command("demo", verbosity=0)
    users = {kind: get_user_model().objects.get(email=email) for kind, email in PEOPLE.items()}
    tokens = {
        kind: do_create_token(actor=Actor.person(user), name="tests")[1]
        for kind, user in users.items()
    }
    slugs = [
        *Venue.objects.values_list("slug", flat=True),
        *Process.objects.values_list("slug", flat=True),
        *MailingList.objects.values_list("slug", flat=True),
    ]
    return DemoWorld(slugs=slugs, ids=["1", "2", "3"], tokens=tokens, users=users)
