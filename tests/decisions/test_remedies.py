"""GNSO Council votes end to end through the decisions app: a PDP recommendation approved by
a majority of each House and three of the four Stakeholder Groups, absentee ballots inside
and after their window, proxies and temporary alternates (named by a stakeholder group
officer), and quorum. Sources: the preset's header and docs/sources/presets.md."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from roundtable.audit.queries import list_events_for
from roundtable.decisions import actions, positions, remedies
from roundtable.decisions.models import Adoption, Position
from roundtable.drafting.authority import decide_for
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied
from tests.drafting.scenes import World, member, published_document, world

pytestmark = pytest.mark.django_db

# Seat plan (ICANN Bylaws 11.3): house, stakeholder group (None: NomCom appointee).
PLAN = (
    [("contracted", "rysg")] * 3 + [("contracted", "rrsg")] * 3 + [("contracted", None)]
    + [("non-contracted", "csg")] * 6 + [("non-contracted", "ncsg")] * 6
    + [("non-contracted", None)]
)  # fmt: skip


def council(w: World) -> list[Any]:
    people = []
    for index, (house, group) in enumerate(PLAN):
        roles = ["councilor", house, *([group] if group else [])]
        people.append(member(w, f"seat{index}@example.org", *roles))
    return people


def gnso(
    procedure: str, closes_in: timedelta = timedelta(hours=2)
) -> tuple[World, list[Any], Adoption]:
    w = world(modality="icann-gnso-council", process_slug=f"council-{procedure}")
    people = council(w)
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair), document=published_document(w),
        closes_at=timezone.now() + closes_in, procedure=procedure,
    )  # fmt: skip
    return w, people, adoption


def vote(people: list[Any], adoption: Adoption, yes: set[int], skip: set[int] = set()) -> None:  # noqa: B006
    for index, user in enumerate(people):
        if index not in skip:
            positions.check_take_position(
                actor=Actor.person(user),
                adoption=adoption,
                position="yes" if index in yes else "no",
            )


def conclude(w: World, adoption: Adoption, after: timedelta = timedelta(0)) -> Adoption:
    actions.check_close_window(actor=Actor.person(w.chair), adoption=adoption)
    adoption.refresh_from_db()
    return actions.do_conclude_adoption(
        actor=Actor.person(w.chair), adoption=adoption, now=adoption.closes_at + after
    )


def test_pdp_recommendation_approved_by_majority_of_each_house_and_three_groups() -> None:
    # Issue 12 (source not found, see docs/sources/presets.md): majority of each House plus a
    # yes from three of the four Stakeholder Groups. 4/7 (RySG 3, NomCom 1) and 7/13 (CSG 6,
    # NCSG 1): RySG, CSG, NCSG say yes.
    w, people, adoption = gnso("pdp-approval")
    vote(people, adoption, yes={0, 1, 2, 6, 7, 8, 9, 10, 11, 12, 13})
    done = conclude(w, adoption)
    assert done.adopted
    supporting = [
        g["group"] for g in done.result["arithmetic"]["stakeholder_groups"] if g["supporting"]
    ]
    assert supporting == ["rysg", "csg", "ncsg"]
    assert Position.objects.get(adoption=done, user=people[0]).stakeholder_group == "rysg"


def test_two_groups_are_not_enough_and_nothing_is_adopted() -> None:
    # Same rule: RySG and CSG alone, even with a majority of each House (4/7, 7/13).
    w, people, adoption = gnso("pdp-approval")
    vote(people, adoption, yes={0, 1, 2, 6, 7, 8, 9, 10, 11, 12, 19})
    assert not conclude(w, adoption).adopted


def test_absentee_ballot_counted_inside_the_window_refused_after_with_the_rule() -> None:
    # GNSO Operating Procedures (quoted by the Secretariat, 29 Jul 2013): absentee ballots
    # "within ... 72 hours from the meeting's adjournment".
    w, people, adoption = gnso("pdp-approval")
    vote(people, adoption, yes={0, 1, 2, 7, 8, 9, 10, 11, 12, 13}, skip={3, 6})
    # The tally waits for absentee ballots while seats are empty.
    actions.check_close_window(actor=Actor.person(w.chair), adoption=adoption)
    adoption.refresh_from_db()
    with pytest.raises(ValidationError) as waiting:
        actions.do_conclude_adoption(
            actor=Actor.person(w.chair), adoption=adoption, now=adoption.closes_at
        )
    assert waiting.value.code == "absentee_open"
    standing = decide_for(Actor.person(people[3]), right="vote", process=w.process).standing
    remedies.do_cast_absentee(
        actor=Actor.person(people[3]), adoption=adoption, standing=standing, position="yes",
        now=adoption.closes_at + timedelta(hours=71),
    )  # fmt: skip
    late = decide_for(Actor.person(people[6]), right="vote", process=w.process).standing
    with pytest.raises(ValidationError) as refused:
        remedies.do_cast_absentee(
            actor=Actor.person(people[6]), adoption=adoption, standing=late, position="yes",
            now=adoption.closes_at + timedelta(hours=72),
        )  # fmt: skip
    assert refused.value.code == "absentee_window"
    assert "pdp-approval/absentee-window" in refused.value.messages[0]
    done = actions.do_conclude_adoption(
        actor=Actor.person(w.chair), adoption=adoption, now=adoption.closes_at + timedelta(hours=73)
    )
    assert done.adopted  # 4/7 with the absentee RrSG vote, 7/13; RySG, RrSG, CSG, NCSG
    assert done.result["arithmetic"]["absentee"]["counted"] == [f"user:{people[3].pk}"]


def test_no_absentee_ballot_where_the_procedure_takes_none() -> None:
    # ICANN Bylaws (2008) Art. X 3.8(c): absentee ballots for PDP initiation, recommendations
    # to the Board and elections, not every motion.
    w, people, adoption = gnso("majority")
    with pytest.raises(ValidationError) as refused:
        remedies.check_cast_absentee(
            actor=Actor.person(people[0]), adoption=adoption, position="yes"
        )
    assert refused.value.code == "absentee_not_permitted"
    assert "majority/absentee-not-permitted" in refused.value.messages[0]


def test_proxy_named_by_an_officer_votes_once_for_the_absent_member() -> None:
    # GNSO Voting Remedy Notification Form: named by an officer of the appointing
    # organization; "For proxy, the substitute must be a sitting GNSO Councilor".
    w, people, adoption = gnso("pdp-approval")
    officer = member(w, "officer@example.org", "sg-officer")
    with pytest.raises(Denied) as not_officer:
        remedies.check_name_stand_in(
            actor=Actor.person(people[1]), adoption=adoption, member=people[3],
            holder=people[4], kind="proxy",
        )  # fmt: skip
    assert not_officer.value.decision.rule == "icann-gnso-council/default-deny"
    outsider = member(w, "outsider@example.org")
    with pytest.raises(ValidationError) as not_sitting:
        remedies.check_name_stand_in(
            actor=Actor.person(officer), adoption=adoption, member=people[3],
            holder=outsider, kind="proxy",
        )  # fmt: skip
    assert not_sitting.value.code == "proxy_not_councillor"
    remedies.check_name_stand_in(
        actor=Actor.person(officer), adoption=adoption, member=people[3], holder=people[4],
        kind="proxy",
    )  # fmt: skip
    # Not named for this member: the door refuses (no fact named-stand-in).
    with pytest.raises(Denied):
        remedies.check_cast_as_stand_in(
            actor=Actor.person(people[5]), adoption=adoption, member=people[3], position="yes"
        )
    remedies.check_cast_as_stand_in(
        actor=Actor.person(people[4]), adoption=adoption, member=people[3], position="yes"
    )
    vote(people, adoption, yes={0, 1, 2, 7, 8, 9, 10, 11, 12, 13}, skip={3})
    row = Position.objects.get(adoption=adoption, user=people[3])
    assert (row.via, row.cast_by) == ("proxy", people[4])
    events = [e for e in list_events_for(adoption) if e.verb == "position.taken"]
    assert any(e.summary.get("cast_by") == people[4].pk for e in events)
    done = conclude(w, adoption)
    assert done.adopted
    assert done.result["arithmetic"]["stand_ins"] == [
        {"voter": f"user:{people[3].pk}", "via": "proxy", "cast_by": f"user:{people[4].pk}"}
    ]


def test_temporary_alternate_is_not_a_serving_councillor() -> None:
    # Voting Remedy Notification Form: "For Temporary Alternate, (a) the substitute may not be
    # a currently serving Councilor".
    w, people, adoption = gnso("pdp-approval")
    officer = member(w, "officer@example.org", "sg-officer")
    with pytest.raises(ValidationError) as sitting:
        remedies.check_name_stand_in(
            actor=Actor.person(officer), adoption=adoption, member=people[3], holder=people[4],
            kind="alternate",
        )  # fmt: skip
    assert sitting.value.code == "alternate_sitting"
    alternate = member(w, "alternate@example.org")
    remedies.check_name_stand_in(
        actor=Actor.person(officer), adoption=adoption, member=people[3], holder=alternate,
        kind="alternate",
    )  # fmt: skip
    row = remedies.check_cast_as_stand_in(
        actor=Actor.person(alternate), adoption=adoption, member=people[3], position="no"
    )
    assert (row.via, row.user, row.chamber, row.stakeholder_group) == (
        "alternate", people[3], "contracted", "rrsg",
    )  # fmt: skip
    # The member arrives and votes: their own vote stands, counted once; the alternate's
    # second attempt is refused.
    positions.check_take_position(actor=Actor.person(people[3]), adoption=adoption, position="yes")
    with pytest.raises(ValidationError) as again:
        remedies.check_cast_as_stand_in(
            actor=Actor.person(alternate), adoption=adoption, member=people[3], position="no"
        )
    assert again.value.code == "voted"
    assert adoption.positions.get(user=people[3]).via == ""


def test_a_vote_below_quorum_is_not_valid_and_the_tally_says_so() -> None:
    # GNSO Secretariat quoting the Operating Procedures (29 Jul 2013): "A quorum is a majority
    # of voting members in each House, which must include at least one member of each
    # Stakeholder Group".
    w, people, adoption = gnso("majority")
    vote(people, adoption, yes={0, 1, 2, *range(7, 20)}, skip={3, 4, 5, 6})
    done = conclude(w, adoption)
    check = done.result["arithmetic"]["quorum_check"]
    assert not done.adopted and check["rule"] == "majority/quorum" and not check["met"]
