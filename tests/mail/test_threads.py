from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from roundtable.mail.records import ThreadItem
from roundtable.mail.threads import base_subject, thread

T0 = datetime(2006, 11, 23, tzinfo=UTC)


def item(mid: str, refs: tuple[str, ...] = (), subject: str = "s", day: int = 0) -> ThreadItem:
    return ThreadItem(
        key=mid, message_id=mid, references=refs, subject=subject, date=T0 + timedelta(days=day)
    )


def shape(threads):
    return sorted(
        tuple((n.message_id, n.parent_id, n.depth, n.key is None) for n in t.nodes) for t in threads
    )


def test_placeholder_parent_for_missing_message() -> None:
    threads = thread([item("b", ("a",), day=1), item("c", ("a",), day=2)])
    [only] = threads
    assert only.root_id == "a"
    assert [(n.message_id, n.key, n.depth) for n in only.nodes] == [
        ("a", None, 0),
        ("b", "b", 1),
        ("c", "c", 1),
    ]


def test_single_child_placeholder_is_dropped() -> None:
    [only] = thread([item("b", ("a",))])
    assert only.root_id == "b" and len(only.nodes) == 1


def test_reference_chain_builds_tree_and_is_order_independent() -> None:
    items = [
        item("1", subject="Topic"),
        item("2", ("1",), "Re: Topic", 1),
        item("3", ("1", "2"), "Re: Topic", 2),
        item("4", ("1",), "Re: Topic", 3),
        item("5", subject="Other", day=4),
    ]
    expected = shape(thread(items))
    for _ in range(5):
        random.shuffle(items)
        assert shape(thread(items)) == expected
    big = next(t for t in thread(items) if t.root_id == "1")
    assert [(n.message_id, n.depth) for n in big.nodes] == [("1", 0), ("2", 1), ("3", 2), ("4", 1)]


def test_subject_fallback_is_conservative() -> None:
    items = [
        item("1", subject="[L] Topic"),
        item("2", subject="Re: [L] Topic", day=2),  # no references: joins by subject
        item("3", subject="[L] Topic", day=3),  # not a reply: its own thread
        item("4", ("zzz",), subject="Re: [L] Topic", day=4),  # has references: never by subject
        item("5", subject="Re: [L] Topic", day=400),  # too late: its own thread
    ]
    roots = {t.root_id: [n.message_id for n in t.nodes] for t in thread(items)}
    assert roots["1"] == ["1", "2"]
    assert "3" in roots and "5" in roots
    assert any("4" in ids for ids in roots.values()) and "4" not in roots["1"]


def test_loops_and_duplicate_ids_do_not_break() -> None:
    items = [item("a", ("b",)), item("b", ("a",), day=1), item("a", day=2)]
    items[2] = ThreadItem(key="a2", message_id="a", references=(), subject="s", date=T0)
    threads = thread(items)
    keys = sorted(n.key for t in threads for n in t.nodes if n.key)
    assert keys == ["a", "a2", "b"]


def test_base_subject() -> None:
    assert base_subject("Re: [Twisted-web] RE: Fwd:  Hello   World") == "hello world"
