"""`/healthz` (database and task queue), request ids on answers and log lines, JSON log lines
(issue 15, point 5)."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from roundtable.outputs.request_log import HEADER, AddRequestId, JsonLines

pytestmark = pytest.mark.django_db


def _waiting_task(enqueued_ago: timedelta) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        status="READY",
        args_kwargs={"args": [], "kwargs": {}},
        task_path="roundtable.nothing",
        backend_name="default",
        queue_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - enqueued_ago)
    return task


def test_healthy_site_answers_200_with_what_it_checked(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["tasks"]["ready"] == 0 and body["tasks"]["oldest_ready_seconds"] == 0


def test_a_fresh_task_is_not_a_stalled_queue(client: Client) -> None:
    _waiting_task(timedelta(seconds=5))
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["tasks"]["ready"] == 1


def test_a_task_nobody_picked_up_makes_health_fail(client: Client, settings: object) -> None:
    _waiting_task(timedelta(minutes=20))
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing" and body["database"] == "ok"
    assert body["tasks"]["oldest_ready_seconds"] > 19 * 60


def test_request_id_comes_back_from_the_proxy_or_is_made_here(client: Client) -> None:
    given = client.get("/healthz", headers={HEADER: "proxy-1234abcd"})
    assert given[HEADER] == "proxy-1234abcd"
    for junk in ("<script>", "x" * 200, "short"):
        made = client.get("/healthz", headers={HEADER: junk})
        assert made[HEADER] != junk and len(made[HEADER]) == 32
    one, two = client.get("/"), client.get("/")
    assert one[HEADER] != two[HEADER]


def test_each_request_logs_one_line_with_its_id(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="roundtable.request"):
        response = client.get("/healthz", headers={HEADER: "follow-me-0001"})
    lines = [r for r in caplog.records if r.name == "roundtable.request"]
    assert len(lines) == 1
    assert lines[0].request_id == "follow-me-0001"  # type: ignore[attr-defined]
    assert lines[0].status == response.status_code  # type: ignore[attr-defined]


def test_json_lines_carry_message_level_request_id_and_extras() -> None:
    record = logging.LogRecord(
        "roundtable.request", logging.INFO, __file__, 1, "GET %s", ("/",), None
    )
    record.ms = 1.5
    AddRequestId().filter(record)
    line = json.loads(JsonLines().format(record))
    assert line["message"] == "GET /" and line["level"] == "INFO"
    assert line["request_id"] == "-" and line["ms"] == 1.5
    assert line["at"].endswith("+00:00")
