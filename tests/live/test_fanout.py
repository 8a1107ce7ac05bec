"""Live updates through real uvicorn servers: every viewer of a channel gets every event, in
order; a viewer that drops resumes from its Last-Event-ID and loses nothing; on PostgreSQL an
event published through one process reaches a viewer of another."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.live.servers import Viewer, publish, uvicorn

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_viewer_of_a_channel_gets_every_event_in_order(
    server_database: dict[str, str],
) -> None:
    with uvicorn(server_database) as base:
        first = Viewer(base, "/test-live/stream/room-1/")
        second = Viewer(base, "/test-live/stream/room-1/")
        elsewhere = Viewer(base, "/test-live/stream/room-2/")
        ids = publish(base, "room-1", count=3)
        for viewer in (first, second):
            got = viewer.wait_for(3)
            assert [e.id for e in got] == ids
            assert [e.data["n"] for e in got] == [0, 1, 2] and got[0].kind == "test"
        assert first.status == 200
        assert elsewhere.wait_for(1, timeout=0.5) == []
        for viewer in (first, second, elsewhere):
            viewer.close()


def test_a_viewer_who_drops_resumes_from_its_last_event_id_and_loses_nothing(
    server_database: dict[str, str],
) -> None:
    with uvicorn(server_database) as base:
        viewer = Viewer(base, "/test-live/stream/room-3/")
        [first] = publish(base, "room-3")
        assert [e.id for e in viewer.wait_for(1)] == [first]
        viewer.close()
        missed = publish(base, "room-3", count=2)
        back = Viewer(base, "/test-live/stream/room-3/", last_event_id=first)
        assert [e.id for e in back.wait_for(2)] == missed
        later = publish(base, "room-3")
        assert [e.id for e in back.wait_for(3)] == missed + later
        # A page's first connection says where it stands in the URL instead.
        fresh = Viewer(base, f"/test-live/stream/room-3/?last_event_id={first}")
        assert [e.id for e in fresh.wait_for(3)] == missed + later
        back.close()
        fresh.close()


def test_an_event_published_through_one_process_reaches_a_viewer_of_another(
    server_database: dict[str, str],
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the NOTIFY path needs PostgreSQL (run with --db postgresql)")
    with uvicorn(server_database) as process_a, uvicorn(server_database) as process_b:
        viewer = Viewer(process_b, "/test-live/stream/room-4/")
        ids = publish(process_a, "room-4", count=2)
        assert [e.id for e in viewer.wait_for(2)] == ids
        viewer.close()


def test_a_second_process_on_the_same_database_catches_up_by_polling(
    server_database: dict[str, str],
) -> None:
    env = server_database | {"ROUNDTABLE_LIVE_POLL_SECONDS": "0.2"}
    with uvicorn(env) as process_a, uvicorn(env) as process_b:
        viewer = Viewer(process_b, "/test-live/stream/room-5/")
        ids = publish(process_a, "room-5", count=2)
        assert [e.id for e in viewer.wait_for(2)] == ids
        viewer.close()
