"""Time rules (issue 12, procedure 5): reply periods, late input marked as late, extensions.

Sources behind the presets used: ICANN, "Public Comments - Open" (topics opened from 1 January
2012: 21-day comment and 21-day reply periods; "During the Reply period, participants should
address previous comments submitted"; "Comments submitted after the posted Close Date/Time are
not guaranteed to be considered") for icann-public-comment-2012; ICANN announcement of 16
January 2015 ("suspending the public comment reply cycle") for icann-public-comment; ICANN
community wiki, 2 October 2015 (a period "extended ... At the request of the GNSO Council")
for extensions with a published reason. See docs/sources/presets.md.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from roundtable.api.actions import do_create_token
from roundtable.audit.queries import list_events_for
from roundtable.contributions.actions import (
    check_submit_contribution,
    do_open_call,
    do_submit_contribution,
)
from roundtable.contributions.models import CallForInput, Contribution
from roundtable.contributions.periods import check_extend_call, window
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied
from tests.processes.scenes import Scene, accredit, person, scene

pytestmark = pytest.mark.django_db


def _call(s: Scene, *, reply: bool) -> CallForInput:
    """A call whose comment period closed two days ago; its reply period (if any) still open."""
    now = timezone.now()
    return do_open_call(
        actor=Actor.operator("t"),
        process=s.process,
        title="Comments then replies",
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=2),
        reply_closes_at=now + timedelta(days=19) if reply else None,
    )


def _earlier(s: Scene, call: CallForInput, author: Any) -> Contribution:
    return do_submit_contribution(
        actor=Actor.person(author),
        call=call,
        title="A comment of the comment period",
        body="text",
        language="en",
        now=call.closes_at - timedelta(days=1),
    )


def _icann(modality: str) -> tuple[Scene, Any, Any]:
    s = scene(
        venue_slug="icann", modality=modality, phase_kind="open-consultation", process_slug="pc"
    )
    ann, bob = person("ann@example.org"), person("bob@example.org")
    accredit(ann, s.venue, "civil-society")
    accredit(bob, s.venue, "private-sector")
    return s, ann, bob


def test_reply_period_takes_only_replies_to_earlier_contributions() -> None:
    # ICANN 2012: "participants should address previous comments submitted".
    s, ann, bob = _icann("icann-public-comment-2012")
    call = _call(s, reply=True)
    assert window(call, timezone.now()).window == "replies"
    first = _earlier(s, call, ann)
    with pytest.raises(ValidationError) as missing:
        check_submit_contribution(
            actor=Actor.person(bob), call=call, title="New topic", body="b", language="en"
        )
    assert missing.value.code == "reply_required"
    reply = check_submit_contribution(
        actor=Actor.person(bob),
        call=call,
        title="Reply",
        body="I answer",
        language="en",
        replies_to=first,
    )
    assert reply.replies_to == first and not reply.late
    with pytest.raises(ValidationError) as again:  # a reply of the reply period is no target
        check_submit_contribution(
            actor=Actor.person(ann), call=call, title="r", body="b", language="en", replies_to=reply
        )
    assert again.value.code == "reply_target"
    event = next(
        e
        for e in list_events_for(s.process)
        if e.verb == "contribution.submitted" and e.summary["contribution"] == reply.pk
    )
    assert event.summary["replies_to"] == first.pk


def test_reply_period_refused_with_the_rule_of_the_2015_process() -> None:
    # ICANN, 16 January 2015: the reply cycle suspended from 26 January 2015.
    s, ann, bob = _icann("icann-public-comment")
    call = _call(s, reply=True)
    first = _earlier(s, call, ann)
    with pytest.raises(Denied) as refused:
        check_submit_contribution(
            actor=Actor.person(bob), call=call, title="r", body="b", language="en", replies_to=first
        )
    assert refused.value.decision.rule == "icann-public-comment/no-reply-period"


def test_late_input_is_taken_and_marked_where_the_modality_allows_it(client: Client) -> None:
    # ICANN 2012: late comments posted, "not guaranteed to be considered".
    s, ann, _bob = _icann("icann-public-comment-2012")
    call = _call(s, reply=False)
    late = check_submit_contribution(
        actor=Actor.person(ann), call=call, title="After the close", body="b", language="en"
    )
    assert late.late
    page = client.get(f"/calls/{call.pk}/").content.decode()
    assert 'class="late"' in page
    api = client.get(f"/api/calls/{call.pk}/contributions").json()
    assert [c["late"] for c in api] == [True]
    assert client.get(f"/api/calls/{call.pk}").json()["window"] == "late"
    client.force_login(ann)
    mine = client.get(f"/calls/{call.pk}/").content.decode()
    assert "late-notice" in mine  # the form says what is sent now is marked late


def test_late_input_refused_with_the_rule_elsewhere(client: Client) -> None:
    s = scene()  # itu-wtpf-multistakeholder declares no late input: periods.yaml refuses it
    ann = person("ann@example.org")
    accredit(ann, s.venue, "civil-society")
    call = _call(s, reply=False)
    with pytest.raises(Denied) as refused:
        check_submit_contribution(
            actor=Actor.person(ann), call=call, title="t", body="b", language="en"
        )
    assert refused.value.decision.rule == "roundtable-periods/no-late-input"
    token = do_create_token(actor=Actor.person(ann), name="t")[1]
    answer = client.post(
        f"/api/calls/{call.pk}/contributions",
        {"title": "t", "body": "b", "language": "en"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert answer.status_code == 403
    assert answer.json()["error"]["rule"] == "roundtable-periods/no-late-input"
    client.force_login(ann)
    page = client.get(f"/calls/{call.pk}/").content.decode()
    assert "Every period of this call has closed." in page and 'class="refusal"' in page


def test_extension_with_a_reason_is_recorded_and_shown(client: Client) -> None:
    s = scene()
    now = timezone.now()
    new_close = s.call.closes_at + timedelta(days=20)
    with pytest.raises(ValidationError) as no_reason:
        check_extend_call(
            actor=Actor.person(s.secretariat), call=s.call, closes_at=new_close, reason=" "
        )
    assert no_reason.value.code == "reason_required"
    outsider = person("out@example.org")
    with pytest.raises(Denied):
        check_extend_call(
            actor=Actor.person(outsider), call=s.call, closes_at=new_close, reason="why not"
        )
    made = check_extend_call(
        actor=Actor.person(s.secretariat),
        call=s.call,
        closes_at=new_close,
        reason="At the request of the council",
    )
    s.call.refresh_from_db()
    assert s.call.closes_at == new_close and made.previous_closes_at < new_close
    event = next(e for e in list_events_for(s.process) if e.verb == "call.extended")
    assert event.summary["reason"] == "At the request of the council"
    with pytest.raises(ValidationError) as earlier:
        check_extend_call(
            actor=Actor.person(s.secretariat), call=s.call, closes_at=now, reason="shorter"
        )
    assert earlier.value.code == "not_later"
    with pytest.raises(ValidationError) as no_reply:
        check_extend_call(
            actor=Actor.person(s.secretariat),
            call=s.call,
            closes_at=new_close + timedelta(days=1),
            reason="r",
            period="reply",
        )
    assert no_reply.value.code == "no_reply_period"
    page = client.get(f"/calls/{s.call.pk}/").content.decode()
    assert "At the request of the council" in page and 'class="extensions"' in page
    assert 'class="extend"' not in page  # the form is for whoever may manage the process
    shape = client.get(f"/api/calls/{s.call.pk}").json()
    assert shape["extensions"][0]["reason"] == "At the request of the council"
    client.force_login(s.secretariat)
    assert 'class="extend"' in client.get(f"/calls/{s.call.pk}/").content.decode()
    posted = client.post(
        f"/calls/{s.call.pk}/extend/",
        {"period": "comment", "closes_at": "2999-01-01T10:00", "reason": "More time"},
    )
    assert posted.status_code == 302
    s.call.refresh_from_db()
    assert s.call.closes_at.year == 2999


def test_comment_period_extension_may_not_run_into_the_reply_period() -> None:
    s, _ann, _bob = _icann("icann-public-comment-2012")
    call = _call(s, reply=True)
    assert call.reply_closes_at is not None
    with pytest.raises(ValidationError) as overlap:
        check_extend_call(
            actor=Actor.person(s.secretariat),
            call=call,
            closes_at=call.reply_closes_at,
            reason="r",
        )
    assert overlap.value.code == "overlaps_reply"
    longer = check_extend_call(
        actor=Actor.person(s.secretariat),
        call=call,
        closes_at=call.reply_closes_at + timedelta(days=7),
        reason="More replies came in",
        period="reply",
    )
    assert longer.period == "reply"
