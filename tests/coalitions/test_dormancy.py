"""Acceptance (issue 16 part 1): the yearly report, inactivity and revival; the clock is
passed in (`today`, `now`), never read."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from roundtable.audit.queries import list_events_for
from roundtable.coalitions.actions import (
    check_file_report,
    check_revive,
    check_set_report_date,
    do_set_report_date,
)
from roundtable.coalitions.queries import get_coalition, list_coalitions
from roundtable.lists.models import Message
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied
from tests.coalitions.scenes import founded, igf

pytestmark = pytest.mark.django_db

DUE = date(2026, 12, 1)


def _names(buckets: dict[str, list], state: str) -> list[str]:  # type: ignore[type-arg]
    return [entry.coalition.name for entry in buckets[state]]


def _post(coalition, on: date) -> None:  # type: ignore[no-untyped-def]
    """A list message on that day (the list's activity is read from its archive)."""
    Message.objects.create(
        mailing_list=coalition.mailing_list, key=f"k{on.isoformat()}", message_id=f"<{on}@x>",
        content_hash="0" * 64, date=datetime(on.year, on.month, on.day, 9, tzinfo=UTC),
    )  # fmt: skip


def test_after_the_report_date_without_a_report_it_is_inactive_until_it_reports() -> None:
    s = igf()
    coalition = founded(s)
    check_set_report_date(actor=Actor.person(s.secretariat), venue=s.venue, due_on=DUE)
    _post(coalition, date(2026, 11, 20))
    before = list_coalitions(viewer=None, venue=s.venue, today=date(2026, 12, 1))
    assert _names(before, "active") == [coalition.name]
    after = list_coalitions(viewer=None, venue=s.venue, today=date(2026, 12, 2))
    assert _names(after, "inactive") == [coalition.name] and not after["active"]
    page = get_coalition(viewer=None, venue=s.venue, slug=coalition.slug, today=date(2026, 12, 2))
    dormant = page.state.dormancy
    assert dormant is not None and dormant.report_overdue and not dormant.list_quiet
    assert dormant.due_on == DUE
    # Someone who is not a coordinator cannot file it; a coordinator can, late: revived.
    with pytest.raises(Denied):
        check_file_report(actor=Actor.person(s.private), coalition=coalition, text="x")
    check_file_report(
        actor=Actor.person(s.civil), coalition=coalition, text="We met four times.",
        now=datetime(2026, 12, 5, 10, tzinfo=UTC),
    )  # fmt: skip
    revived = list_coalitions(viewer=None, venue=s.venue, today=date(2026, 12, 6))
    assert _names(revived, "active") == [coalition.name]
    page = get_coalition(viewer=None, venue=s.venue, slug=coalition.slug, today=date(2026, 12, 6))
    assert [r.filed_on for r in page.reports] == [date(2026, 12, 5)]


def test_a_report_filed_before_the_date_keeps_it_active() -> None:
    s = igf()
    coalition = founded(s)
    do_set_report_date(actor=Actor.person(s.secretariat), venue=s.venue, due_on=DUE)
    _post(coalition, date(2026, 11, 1))
    check_file_report(
        actor=Actor.person(s.civil), coalition=coalition, text="Report 2026",
        now=datetime(2026, 11, 15, tzinfo=UTC),
    )  # fmt: skip
    buckets = list_coalitions(viewer=None, venue=s.venue, today=date(2026, 12, 20))
    assert _names(buckets, "active") == [coalition.name]


def test_a_quiet_list_makes_it_inactive_and_the_secretariat_revives_it() -> None:
    s = igf()
    coalition = founded(s)  # on 2026-03-01, no report date set
    assert _names(list_coalitions(viewer=None, venue=s.venue, today=date(2027, 2, 28)), "active")
    quiet = list_coalitions(viewer=None, venue=s.venue, today=date(2027, 3, 1))
    assert _names(quiet, "inactive") == [coalition.name]
    page = get_coalition(viewer=None, venue=s.venue, slug=coalition.slug, today=date(2027, 3, 1))
    assert page.state.dormancy is not None and page.state.dormancy.list_quiet
    with pytest.raises(Denied):
        check_revive(actor=Actor.person(s.civil), coalition=coalition, reason="We are back")
    check_revive(
        actor=Actor.person(s.secretariat), coalition=coalition, reason="New coordinators named.",
        now=datetime(2027, 3, 2, tzinfo=UTC),
    )  # fmt: skip
    revived = list_coalitions(viewer=None, venue=s.venue, today=date(2027, 3, 3))
    assert _names(revived, "active") == [coalition.name]
    assert "coalition.revived" in [e.verb for e in list_events_for(coalition)]


def test_requests_in_review_are_listed_apart() -> None:
    s = igf()
    active = founded(s)
    buckets = list_coalitions(viewer=s.secretariat, venue=s.venue, today=date(2026, 3, 2))
    assert _names(buckets, "active") == [active.name] and not buckets["review"]
