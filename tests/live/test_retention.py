"""Old live events are pruned; a viewer resuming from before the pruning is told to reload
instead of silently missing events, and a freshly rendered page never resumes from there."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from roundtable.live.actions import publish
from roundtable.live.models import LiveEvent
from roundtable.live.queries import horizon, latest_event_id
from roundtable.live.retention import prune
from roundtable.live.tasks import prune_live_events, schedule_pruning

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.live.urls")]


def _age(event_id: int, hours: float) -> None:
    LiveEvent.objects.filter(id=event_id).update(at=timezone.now() - timedelta(hours=hours))


def _body(client: Client, after: int) -> str:
    response = client.get("/test-live/stream/c/", headers={"Last-Event-ID": str(after)})
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]


def test_prune_deletes_only_old_events_and_raises_the_horizon() -> None:
    old = [publish(channel="c", kind="floor", data={"n": n}) for n in range(3)]
    other_old = publish(channel="other", kind="floor", data={})
    fresh = publish(channel="c", kind="floor", data={"n": 3})
    for event_id in [*old, other_old]:
        _age(event_id, 49)
    assert horizon() == 0
    assert prune() == 4
    assert list(LiveEvent.objects.values_list("id", flat=True)) == [fresh]
    assert horizon() == other_old
    # Nothing older left: a second run deletes nothing and keeps the horizon.
    assert prune() == 0 and horizon() == other_old
    assert prune(keep=timedelta(0), now=timezone.now() + timedelta(seconds=1)) == 1
    assert horizon() == fresh


def test_a_viewer_resuming_from_before_the_horizon_is_told_to_reload(client: Client) -> None:
    first = publish(channel="c", kind="floor", data={"speaker": "Amina"})
    second = publish(channel="c", kind="floor", data={"speaker": "Bo"})
    third = publish(channel="c", kind="floor", data={"speaker": "Chen"})
    _age(first, 72)
    _age(second, 72)
    prune()
    body = _body(client, first)
    assert "event: reset\n" in body and "id: " not in body
    # From the horizon on, nothing was lost: the usual replay.
    body = _body(client, second)
    assert "event: reset" not in body and f"id: {third}\n" in body


def test_a_page_never_renders_a_resume_point_below_the_horizon() -> None:
    quiet = publish(channel="quiet", kind="floor", data={})
    busy = publish(channel="busy", kind="floor", data={})
    _age(quiet, 100)
    _age(busy, 100)
    prune()
    # The quiet channel has no event left; its page must not resume from 0 and loop on reset.
    assert latest_event_id(channel="quiet") == busy == horizon()


def test_the_task_prunes_and_is_scheduled_once() -> None:
    _age(publish(channel="c", kind="floor", data={}), 49)
    schedule_pruning()
    schedule_pruning()
    waiting = DBTaskResult.objects.filter(task_path=prune_live_events.module_path, status="READY")
    assert waiting.count() == 1
    assert waiting.get().run_after > timezone.now()
    assert prune_live_events.call() == 1
