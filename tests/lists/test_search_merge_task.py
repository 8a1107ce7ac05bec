"""The worker keeps the search index's pending list merged (lists/tasks.py): new messages land
in it (PostgreSQL's GIN `fastupdate`), every lookup reads it whole, and the task merges it and
takes its next turn; it is scheduled once however often workers start."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from roundtable.lists.models import MailingList
from roundtable.lists.tasks import merge_search_index, schedule_search_merge
from tests.support.messages import post_indexed

pytestmark = pytest.mark.django_db

BASE = datetime(2020, 1, 1, tzinfo=UTC)


def _pending_pages_merged() -> int:
    """Merges the pending list and says how many pages it held (gin_clean_pending_list)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list('lists_message_vector'::regclass)")
        return int(cursor.fetchone()[0])


def _waiting() -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(task_path=merge_search_index.module_path, status="READY")
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN pending list")
def test_new_messages_wait_in_the_pending_list_until_the_task_merges_it() -> None:
    mailing_list = MailingList.objects.create(address="merge@example.org", slug="merge")
    _pending_pages_merged()
    post_indexed(mailing_list, 1, "a policy paper", base=BASE)
    assert _pending_pages_merged() >= 1  # a new message does land there
    post_indexed(mailing_list, 2, "another policy paper", base=BASE)
    merge_search_index.call()
    assert _pending_pages_merged() == 0


def test_the_task_takes_its_next_turn_and_is_scheduled_once() -> None:
    schedule_search_merge()
    schedule_search_merge()
    assert len(_waiting()) == 1
    assert _waiting()[0].run_after > timezone.now()
    merge_search_index.call()  # SQLite: nothing to merge, the turn is kept all the same
    assert len(_waiting()) == 2
