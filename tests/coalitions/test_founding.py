"""Acceptance (issue 16 part 1): founding by request, the secretariat's review, membership."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from roundtable.audit.queries import list_events_for
from roundtable.coalitions.actions import (
    check_join,
    check_leave,
    check_request_founding,
    check_review_founding,
)
from roundtable.coalitions.models import Coalition
from roundtable.coalitions.queries import get_coalition
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied
from tests.coalitions.scenes import FOUNDED, founded, igf
from tests.processes.scenes import group, person

pytestmark = pytest.mark.django_db

FIELDS = {
    "name": "Dynamic Coalition on Child Online Safety",
    "statement_of_need": "Children need protection online.",
    "action_plan": "Share practice; report yearly.",
    "contacts": "civil@example.org",
}


def test_founders_from_two_groups_are_refused_with_the_rule() -> None:
    s = igf()
    with pytest.raises(ValidationError) as refused:
        check_request_founding(
            actor=Actor.person(s.civil), venue=s.venue, now=FOUNDED,
            founders=s.founders((s.civil, "civil-society"), (s.gov, "government")), **FIELDS,
        )  # fmt: skip
    assert refused.value.code == "founding_groups"
    text = refused.value.messages[0]
    assert "igf-dynamic-coalition/coalition-founding" in text
    assert "these come from 2" in text and "at least 3" in text
    assert "still needed: 1" in text  # what would allow it
    assert not Coalition.objects.exists()


def test_two_founders_of_one_group_count_once() -> None:
    s = igf()
    other = person("civil2@example.org")
    with pytest.raises(ValidationError, match="these come from 2"):
        check_request_founding(
            actor=Actor.person(s.civil), venue=s.venue, now=FOUNDED,
            founders=s.founders((s.civil, "civil-society"), (other, "civil-society"),
                                (s.gov, "government")), **FIELDS,
        )  # fmt: skip


def test_founders_from_three_groups_go_to_review() -> None:
    s = igf()
    coalition = check_request_founding(
        actor=Actor.person(s.civil), venue=s.venue, now=FOUNDED,
        founders=s.founders((s.civil, "civil-society"), (s.gov, "government"),
                            (s.tech, "technical-community")), **FIELDS,
    )  # fmt: skip
    assert coalition.status == Coalition.Status.REVIEW
    assert coalition.process is None and coalition.mailing_list is None
    roles = dict(coalition.members.values_list("user__email", "role"))
    assert roles["civil@example.org"] == "coordinator" and roles["gov@example.org"] == "member"
    assert [e.verb for e in list_events_for(coalition)] == ["coalition.requested"]


def test_nobody_signed_out_founds_and_the_denial_names_the_rule() -> None:
    s = igf()
    with pytest.raises(Denied) as denied:
        check_request_founding(
            actor=Actor.anonymous(), venue=s.venue, founders=[], now=FOUNDED, **FIELDS
        )
    assert denied.value.decision.right == "found_coalition"
    assert denied.value.decision.would_allow  # signing in would


def test_the_requester_must_be_among_the_founders() -> None:
    s = igf()
    with pytest.raises(ValidationError) as refused:
        check_request_founding(
            actor=Actor.person(s.private), venue=s.venue, now=FOUNDED,
            founders=s.founders((s.civil, "civil-society"), (s.gov, "government"),
                                (s.tech, "technical-community")), **FIELDS,
        )  # fmt: skip
    assert refused.value.code == "founder"


def test_only_the_secretariat_reviews_and_approval_makes_process_and_list() -> None:
    s = igf()
    coalition = check_request_founding(
        actor=Actor.person(s.civil), venue=s.venue, now=FOUNDED,
        founders=s.founders((s.civil, "civil-society"), (s.gov, "government"),
                            (s.tech, "technical-community")), **FIELDS,
    )  # fmt: skip
    with pytest.raises(Denied) as denied:
        check_review_founding(actor=Actor.person(s.civil), coalition=coalition, approve=True)
    assert denied.value.decision.rule == "roundtable-coalitions/default-deny"
    approved = check_review_founding(
        actor=Actor.person(s.secretariat), coalition=coalition, approve=True, now=FOUNDED
    )
    assert approved.status == Coalition.Status.APPROVED
    assert approved.process is not None and approved.process.modality == "igf-dynamic-coalition"
    assert approved.mailing_list is not None
    assert approved.mailing_list.process == approved.process
    assert [e.verb for e in list_events_for(approved)] == [
        "coalition.requested",
        "coalition.approved",
    ]
    with pytest.raises(ValidationError) as again:
        check_review_founding(actor=Actor.person(s.secretariat), coalition=approved, approve=False)
    assert again.value.code in {"reason_required", "decided"}


def test_a_declined_request_keeps_its_reason_and_is_hidden_from_others() -> None:
    s = igf()
    coalition = check_request_founding(
        actor=Actor.person(s.civil), venue=s.venue, now=FOUNDED,
        founders=s.founders((s.civil, "civil-society"), (s.gov, "government"),
                            (s.tech, "technical-community")), **FIELDS,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        check_review_founding(actor=Actor.person(s.secretariat), coalition=coalition, approve=False)
    declined = check_review_founding(
        actor=Actor.person(s.secretariat), coalition=coalition, approve=False,
        reason="An existing coalition covers this issue.",
    )  # fmt: skip
    assert declined.status == Coalition.Status.DECLINED and declined.process is None
    page = get_coalition(viewer=s.civil, venue=s.venue, slug=declined.slug, today=FOUNDED.date())
    assert page.state.state == "declined"
    with pytest.raises(Http404):
        get_coalition(viewer=s.private, venue=s.venue, slug=declined.slug, today=FOUNDED.date())


def test_membership_is_open_and_the_page_shows_members_by_group() -> None:
    s = igf()
    coalition = founded(s)
    check_join(actor=Actor.person(s.private), coalition=coalition, group=group("private-sector"))
    page = get_coalition(viewer=None, venue=s.venue, slug=coalition.slug, today=FOUNDED.date())
    by_group = {g.group.slug: [m.member.user.email for m in g.members] for g in page.groups}
    assert by_group == {
        "government": ["gov@example.org"],
        "private-sector": ["private@example.org"],
        "civil-society": ["civil@example.org"],
        "technical-community": ["tech@example.org"],
    }
    check_leave(actor=Actor.person(s.private), coalition=coalition)
    page = get_coalition(viewer=None, venue=s.venue, slug=coalition.slug, today=FOUNDED.date())
    assert "private-sector" not in {g.group.slug for g in page.groups}
    with pytest.raises(Denied):
        check_join(actor=Actor.anonymous(), coalition=coalition, group=group("academia"))
    verbs = [e.verb for e in list_events_for(coalition)]
    assert verbs[-2:] == ["coalition.joined", "coalition.left"]
