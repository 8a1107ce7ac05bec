"""Workers beat; the task a dead worker was running goes back to the queue and another worker
finishes it (a worker killed with -9 in the middle of a task, as the OOM killer would)."""

from __future__ import annotations

import os
import signal
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from roundtable.workers.beats import alive, beat, leave, reclaim_orphans
from roundtable.workers.models import WorkerBeat
from tests.support.subprocesses import manage, query, run, scratch_database, wait
from tests.workers.slow_task import hang_the_first_time


def _running(worker_id: str, started_ago: float) -> DBTaskResult:
    result = hang_the_first_time.enqueue("/nonexistent")
    row = DBTaskResult.objects.get(id=result.id)
    row.status = TaskResultStatus.RUNNING
    row.started_at = timezone.now() - timedelta(seconds=started_ago)
    row.worker_ids = [worker_id]
    row.save()
    return row


@pytest.mark.django_db
def test_only_the_tasks_of_silent_workers_go_back_to_the_queue(settings: object) -> None:
    now = timezone.now()
    beat("living", now=now)
    beat("silent", now=now - timedelta(seconds=61))
    of_living = _running("living", started_ago=300)
    of_silent = _running("silent", started_ago=300)
    of_unknown = _running("never-beat", started_ago=300)
    just_claimed = _running("never-beat-yet", started_ago=5)
    assert [w.worker_id for w in alive(now=now)] == ["living"]
    assert sorted(reclaim_orphans(now=now)) == sorted([str(of_silent.id), str(of_unknown.id)])
    statuses = dict(DBTaskResult.objects.values_list("id", "status"))
    assert statuses[of_living.id] == statuses[just_claimed.id] == TaskResultStatus.RUNNING
    assert statuses[of_silent.id] == statuses[of_unknown.id] == TaskResultStatus.READY
    assert reclaim_orphans(now=now) == []
    leave("living")
    assert not WorkerBeat.objects.filter(worker_id="living").exists()


@pytest.mark.django_db
def test_health_counts_the_workers_alive(client: Client) -> None:
    beat("one")
    beat("two", now=timezone.now() - timedelta(hours=1))
    assert client.get("/healthz").json()["workers"] == {"alive": 1}


def _env(url: str) -> dict[str, str]:
    env = dict(
        os.environ,
        DATABASE_URL=url,
        ROUNDTABLE_DEBUG="0",
        ROUNDTABLE_WORKER_BEAT_SECONDS="0.5",
        ROUNDTABLE_WORKER_STALE_SECONDS="3",
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def _worker(env: dict[str, str], worker_id: str) -> subprocess.Popen[bytes]:
    return manage(
        env, "worker", "--interval", "0.1", "--no-startup-delay", "--no-reload",
        "--worker-id", worker_id,
    )  # fmt: skip


@pytest.mark.own_database
def test_a_task_whose_worker_was_killed_is_finished_by_another(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    with scratch_database(tmp_path) as db:
        env = _env(db)
        workers: list[subprocess.Popen[bytes]] = []
        try:
            run(env, "migrate", "-v0")
            enqueue = (
                "from tests.workers.slow_task import hang_the_first_time; "
                f"hang_the_first_time.enqueue({str(marker)!r})"
            )
            run(env, "shell", "-c", enqueue)
            workers.append(_worker(env, "first"))
            assert wait(marker.exists, 60), "the first worker never started the task"
            assert wait(lambda: query(db, "SELECT count(*) FROM workers_workerbeat")[0][0] == 1, 30)
            os.killpg(workers[0].pid, signal.SIGKILL)
            workers[0].wait(timeout=30)
            workers.append(_worker(env, "second"))

            def finished() -> bool:
                rows = query(
                    db,
                    "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult "
                    "WHERE task_path LIKE '%hang_the_first_time'",
                )
                return bool(rows) and rows[0][0] == "SUCCESSFUL"

            assert wait(finished, 60), "the killed worker's task was never given back"
            assert marker.read_text() == "finished"
            [(worker_ids,)] = query(
                db,
                "SELECT worker_ids FROM django_tasks_database_dbtaskresult "
                "WHERE task_path LIKE '%hang_the_first_time'",
            )
            assert "first" in str(worker_ids) and "second" in str(worker_ids)
        finally:
            for proc in workers:
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGTERM)
                    proc.wait(timeout=30)
        # A worker stopped cleanly leaves no beat behind; the killed one's row is still there.
        rows = query(db, "SELECT worker_id FROM workers_workerbeat")
        assert [row[0] for row in rows] == ["first"]
