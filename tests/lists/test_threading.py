"""Threading in the database, part by part, gives exactly what `threads.thread` gives when it
holds the whole list at once."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from roundtable.lists.actions import do_ensure_list, do_import_archive, do_rethread
from roundtable.lists.models import (
    MailingList,
    Message,
    Thread,
    ThreadingEdge,
    ThreadingNode,
    ThreadingRoot,
)
from roundtable.lists.threading import rethread
from roundtable.mail import threads
from roundtable.mail.records import ThreadItem
from roundtable.permissions.actor import Actor

OPERATOR = Actor.operator("tests")  # imports run by the server's operator

pytestmark = pytest.mark.django_db


def key(message_id: str) -> str:
    return hashlib.sha256(message_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def reference(mailing_list: MailingList) -> dict[str, object]:
    """All the list's messages threaded at once by the pure core, as the database would hold
    them."""
    rows = list(
        Message.objects.filter(mailing_list=mailing_list).values_list(
            "key", "message_id", "references", "subject", "date"
        )
    )
    info = {row[0]: row for row in rows}
    items = [ThreadItem(k, mid, tuple(refs), subject, date) for k, mid, refs, subject, date in rows]
    thread_rows, message_rows = [], []
    for group in threads.thread(items):
        keys = [n.key for n in group.nodes if n.key is not None]
        first = keys[0]
        dates = [info[k][4] for k in keys if info[k][4] is not None]
        placeholders = [
            {"message_id": n.message_id, "depth": n.depth, "order": n.order}
            for n in group.nodes
            if n.key is None
        ]
        thread_rows.append(
            (
                key(group.root_id),
                group.root_id,
                info[first][3],
                min(dates) if dates else None,
                max(dates) if dates else None,
                len(keys),
                placeholders,
            )
        )
        for n in group.nodes:
            if n.key is not None:
                message_rows.append(
                    (n.key, key(group.root_id), n.parent_id or "", n.depth, n.order)
                )
    return {"threads": sorted(thread_rows, key=repr), "messages": sorted(message_rows)}


def stored(mailing_list: MailingList) -> dict[str, object]:
    thread_rows = [
        (t.key, t.root_message_id, t.subject, t.started_at, t.last_at, t.message_count,
         t.placeholders)
        for t in Thread.objects.filter(mailing_list=mailing_list)
    ]  # fmt: skip
    message_rows = list(
        Message.objects.filter(mailing_list=mailing_list).values_list(
            "key", "thread__key", "parent_message_id", "depth", "position"
        )
    )
    return {"threads": sorted(thread_rows, key=repr), "messages": sorted(message_rows)}


def assert_equivalent(mailing_list: MailingList) -> None:
    expected = reference(mailing_list)
    assert stored(mailing_list) == expected
    # small pages: parts and subjects spread over many pages give the same
    Thread.objects.filter(mailing_list=mailing_list).delete()
    assert rethread(mailing_list, page=7) == len(expected["threads"])
    assert stored(mailing_list) == expected
    for model in (ThreadingNode, ThreadingEdge, ThreadingRoot):
        assert not model.objects.exists()


def test_whole_twisted_web_archive_threads_as_at_once(twisted_web: Path) -> None:
    result = do_import_archive(
        actor=OPERATOR, list_address="twisted-web@twistedmatrix.com", paths=[str(twisted_web)]
    )
    mailing_list = MailingList.objects.get(address="twisted-web@twistedmatrix.com")
    assert result.threads == Thread.objects.count() > 1000
    assert_equivalent(mailing_list)


def test_ietf_fixtures_thread_as_at_once(ietf_fixtures: Path) -> None:
    do_import_archive(actor=OPERATOR, list_address="ietf@ietf.org", paths=[str(ietf_fixtures)])
    assert_equivalent(MailingList.objects.get(address="ietf@ietf.org"))


T0 = datetime(2006, 11, 23, tzinfo=UTC)


def add(
    mailing_list: MailingList, mid: str, refs: tuple[str, ...], subject: str, day: float | None
) -> None:
    Message.objects.create(
        mailing_list=mailing_list,
        key=key(f"{mid}\n{subject}"),
        message_id=mid,
        content_hash=key(subject),
        subject=subject,
        date=None if day is None else T0 + timedelta(days=day),
        references=list(refs),
        raw=b"",
    )


def test_subject_fallback_loops_twins_and_undated_roots_as_at_once() -> None:
    """Hand-made hard cases: joins across parts, windows that roll on, undated roots (whose
    date is their earliest child's), reference loops, one Message-ID held twice."""
    mailing_list = do_ensure_list(actor=OPERATOR, address="hard@example.org")
    add(mailing_list, "1", (), "[L] Topic", 0)
    add(mailing_list, "2", (), "Re: [L] Topic", 2)
    add(mailing_list, "3", ("x",), "Re: [L] Topic", 3)
    add(mailing_list, "3b", ("x",), "Re: Topic", 3.5)
    add(mailing_list, "4", (), "Re: topic", 70)
    add(mailing_list, "5", (), "Re: Topic", 100)
    add(mailing_list, "6", (), "Re: Topic", 140)
    add(mailing_list, "u1", (), "Undated", None)
    add(mailing_list, "u2", (), "Re: Undated", None)
    add(mailing_list, "u3", ("u1",), "Re: Undated", None)
    add(mailing_list, "e1", (), "Early", -13000)
    add(mailing_list, "a", ("b",), "Loop", 5)
    add(mailing_list, "b", ("a",), "Re: Loop", 6)
    add(mailing_list, "a", (), "Loop again", 7)
    add(mailing_list, "p1", ("gone", "gone2"), "Re: Lost", 8)
    add(mailing_list, "p2", ("gone",), "Re: Lost", 9)
    add(mailing_list, "p3", (), "Re: Lost", 10)
    do_rethread(mailing_list=mailing_list)
    assert_equivalent(mailing_list)
    assert Message.objects.get(message_id="2").thread.key == key("1")
