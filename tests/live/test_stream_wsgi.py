"""Without ASGI (runserver, the test client) a stream sends what is stored after the viewer's
last event and ends; the browser reconnects after `retry`. Bad resume points are a 400."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from roundtable.live.actions import publish
from roundtable.live.queries import latest_event_id

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.live.urls")]


def _body(client: Client, path: str, **headers: str) -> str:
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/event-stream")
    assert response["Cache-Control"] == "no-cache"
    return b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]


def test_under_wsgi_a_stream_replays_what_is_stored_and_ends(client: Client) -> None:
    first = publish(channel="c", kind="floor", data={"speaker": "Amina"})
    second = publish(channel="c", kind="floor", data={"speaker": "Bo"})
    publish(channel="other", kind="floor", data={})
    assert latest_event_id(channel="c") == second
    body = _body(client, "/test-live/stream/c/", **{"Last-Event-ID": str(first)})
    assert body.startswith("retry: ")
    assert f"id: {second}\nevent: floor\ndata: " in body and '"Bo"' in body
    assert f"id: {first}\n" not in body and body.count("id: ") == 1
    # From the URL on a first connection; the header wins when both are there.
    assert f"id: {second}\n" in _body(client, f"/test-live/stream/c/?last_event_id={first}")
    body = _body(client, "/test-live/stream/c/?last_event_id=0", **{"Last-Event-ID": str(second)})
    assert "id: " not in body
    # No resume point: from now on, so nothing stored is sent.
    assert "id: " not in _body(client, "/test-live/stream/c/")


@pytest.mark.parametrize("junk", ["abc", "-1", "1e9", "9" * 20])
def test_a_bad_resume_point_is_a_400(client: Client, junk: str) -> None:
    assert client.get("/test-live/stream/c/", headers={"Last-Event-ID": junk}).status_code == 400
    assert client.get(f"/test-live/stream/c/?last_event_id={junk}").status_code == 400


def test_a_rolled_back_publish_leaves_nothing(client: Client) -> None:

    before = latest_event_id(channel="c")
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(channel="c", kind="floor", data={})
        raise RuntimeError
    assert latest_event_id(channel="c") == before
