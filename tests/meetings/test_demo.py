"""The demo's meetings: the IGF open consultation (hybrid, six languages, MAG members after
the others on an open-consultation day) and a NETmundial plenary with a remote slot under way."""

from __future__ import annotations

from typing import Any

import pytest

from roundtable.meetings.models import LANGUAGES, Meeting
from roundtable.meetings.queries import queue_view

pytestmark = pytest.mark.django_db


def test_demo_meetings(demo_world: Any) -> None:
    igf = Meeting.objects.get(process__slug="stock-taking-2007")
    assert igf.mode == Meeting.Mode.HYBRID and tuple(igf.languages) == LANGUAGES
    waiting = [p.request.user.username for p in queue_view(igf).places]
    assert waiting == ["registry@example.org", "bill@example.org", "avri@example.org"]
    assert [p.request.tier for p in queue_view(igf).places] == [1, 1, 2]

    plenary = Meeting.objects.get(process__venue__slug="netmundial")
    view = queue_view(plenary)
    assert view.current is not None and view.current.remote and view.current.via == "remote"
    assert view.current.slot_seconds == 120
    assert {i.via for i in view.done} == {
        "academia-technical", "private-sector", "civil-society", "governments"
    }  # fmt: skip
    assert [p.via for p in view.places] == ["remote", "governments"]
