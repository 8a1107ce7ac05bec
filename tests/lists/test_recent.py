"""The home page's recent messages (lists/queries.py list_recent_messages): bounded per list,
the same answer as sorting every message of every visible list."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from roundtable.lists.actions import do_import_archive
from roundtable.lists.models import Message
from roundtable.lists.queries import list_recent_messages
from roundtable.permissions.actor import Actor

pytestmark = pytest.mark.django_db


def archive(path: Path, prefix: str, days: list[int]) -> str:
    path.write_text(
        "".join(
            f"From a@example.org Tue Nov  1 10:00:00 2005\nFrom: A <a@example.org>\n"
            f"Date: {day:02d} Nov 2005 10:00:00 +0000\nSubject: {prefix} {day}\n"
            f"Message-ID: <{prefix}-{day}@example.org>\n\nBody {day}.\n\n"
            for day in days
        )
    )
    return str(path)


@pytest.mark.parametrize("limit", [1, 3, 10])
def test_the_latest_across_lists_match_a_full_sort(tmp_path: Path, limit: int) -> None:
    actor = Actor.operator("test")
    layout = {"alpha": [1, 4, 9, 12, 20], "beta": [2, 3, 5, 21, 22, 23], "gamma": [7]}
    for name, days in layout.items():
        do_import_archive(actor=actor, list_address=f"{name}@example.org",
                          paths=[archive(tmp_path / f"{name}.mbox", name, days)])  # fmt: skip
    everything = Message.objects.filter(date__isnull=False).order_by("-date", "-id")[:limit]
    found = list_recent_messages(viewer=AnonymousUser(), limit=limit)
    assert [m.pk for m in found] == [m.pk for m in everything]
    assert all(m.mailing_list.address.startswith(m.subject.split()[0]) for m in found)
