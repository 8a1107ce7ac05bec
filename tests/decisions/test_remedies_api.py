"""The endpoints for absent members' votes, each standing against what the door decides: an
absentee ballot (`vote`), naming a proxy or alternate (`name_stand_in`, an officer of the
appointing organization: GNSO Voting Remedy Notification Form), the stand-in's vote
(`vote_as_stand_in`, with the fact `named-stand-in`), and the tally read by everyone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from roundtable.decisions import actions
from roundtable.drafting.authority import where
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide
from tests.decisions.test_api import post
from tests.drafting.scenes import member, published_document, world

pytestmark = pytest.mark.django_db


def test_write_matrix_for_absentee_ballots_stand_ins_and_their_votes(client: Client) -> None:
    w = world(modality="icann-gnso-council", process_slug="council-api")
    c0 = member(w, "c0@example.org", "councilor", "contracted", "rysg")
    absent = member(w, "c1@example.org", "councilor", "contracted", "rrsg")
    holder = member(w, "c2@example.org", "councilor", "non-contracted", "csg")
    standings: dict[str, Any] = {
        "anonymous": None,
        "member": member(w, "plain@example.org"),
        "councillor": c0,
        "officer": member(w, "officer@example.org", "sg-officer"),
        "chair": w.chair,
        "holder": holder,
    }
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair), document=published_document(w),
        closes_at=timezone.now() + timedelta(hours=2), procedure="pdp-approval",
    )  # fmt: skip
    base = f"/api/adoptions/{adoption.pk}"

    def expected(user: Any, right: str, facts: set[str] | None = None) -> int:
        """What the door decides for this standing (None: anonymous), as a status."""
        here = where(w.process)
        context = {**here.context, "facts": facts} if facts is not None else here.context
        who = Actor.person(user) if user is not None else None
        allowed = decide(who, right=right, modality=here.modality, context=context).allowed
        return 201 if allowed else 403

    seen: dict[str, list[int]] = {}
    for name, user in standings.items():
        named = post(client, f"{base}/stand-ins", user,
                     {"member": "c1@example.org", "holder": "c2@example.org", "kind": "proxy"})  # fmt: skip
        assert named.status_code == expected(user, "name_stand_in"), (name, named.content)
        seen.setdefault(name, []).append(named.status_code)
    for name, user in standings.items():
        facts = {"named-stand-in"} if user is holder else set()
        cast = post(client, f"{base}/stand-in-votes", user,
                    {"member": "c1@example.org", "position": "yes"})  # fmt: skip
        assert cast.status_code == expected(user, "vote_as_stand_in", facts), (name, cast.content)
        seen[name].append(cast.status_code)
    for name, user in standings.items():
        ballot = post(client, f"{base}/absentee-ballots", user, {"position": "yes"})
        assert ballot.status_code == expected(user, "vote"), (name, ballot.content)
        seen[name].append(ballot.status_code)
    assert seen["officer"][0] == 201 and seen["holder"][1] == 201 and seen["councillor"][2] == 201
    assert seen["anonymous"] == [403, 403, 403] and seen["member"] == [403, 403, 403]
    # The stand-in's vote is the absent member's, with who cast it.
    tally = client.get(f"{base}/tally")
    assert tally.status_code == 200
    body = tally.json()
    assert body["result"]["arithmetic"]["stand_ins"][0]["via"] == "proxy"
    assert body["words"]["quorum"]
    rows = client.get(base).json()["positions"]
    proxied = [p for p in rows if p["via"] == "proxy"]
    assert proxied and proxied[0]["stakeholder_group"] == "rrsg"
    assert absent.pk  # the member whose vote it is never acted


def test_absentee_after_its_window_is_refused_with_the_rule(client: Client) -> None:
    # GNSO Operating Procedures (quoted 29 Jul 2013): 72 hours from the adjournment.
    w = world(modality="icann-gnso-council", process_slug="council-late")
    late = member(w, "late@example.org", "councilor", "contracted", "rysg")
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair), document=published_document(w),
        closes_at=timezone.now() + timedelta(hours=1), procedure="pdp-initiation",
    )  # fmt: skip
    type(adoption).objects.filter(pk=adoption.pk).update(
        closes_at=timezone.now() - timedelta(hours=73)
    )
    refused = post(
        client, f"/api/adoptions/{adoption.pk}/absentee-ballots", late, {"position": "yes"}
    )
    assert refused.status_code == 400
    assert "pdp-initiation/absentee-window" in refused.json()["error"]["message"]


def test_the_adoption_page_names_a_proxy_and_the_proxy_votes_for_the_member() -> None:
    # GNSO Voting Remedy Notification Form: an officer names the substitute, a sitting
    # Councilor for a proxy; the vote is the absent member's, counted once.
    w = world(modality="icann-gnso-council", process_slug="council-page")
    absent = member(w, "absent@example.org", "councilor", "contracted", "rrsg", name="Absent")
    holder = member(w, "holder@example.org", "councilor", "contracted", "rysg", name="Holder")
    officer = member(w, "officer@example.org", "sg-officer")
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair), document=published_document(w),
        closes_at=timezone.now() + timedelta(hours=2), procedure="pdp-approval",
    )  # fmt: skip
    url = f"/adoptions/{adoption.pk}/"
    clerk = Client()
    clerk.force_login(officer)
    assert 'class="stand-in-form"' in clerk.get(url).content.decode()
    bad = clerk.post(url, {"action": "stand_in", "member": "nobody", "kind": "proxy"}, follow=True)
    assert "Give both addresses and the kind." in bad.content.decode()
    named = clerk.post(
        url,
        {"action": "stand_in", "member": "absent@example.org", "holder": "holder@example.org",
         "kind": "proxy"},
        follow=True,
    )  # fmt: skip
    assert "The proxy or alternate is named." in named.content.decode()
    proxy = Client()
    proxy.force_login(holder)
    page = proxy.get(url).content.decode()
    assert "Vote for Absent" in page
    stand_in = adoption.stand_ins.get()
    cast = proxy.post(
        url, {"action": "stand_in_vote", "stand_in": stand_in.pk, "position": "yes"}, follow=True
    )
    text = cast.content.decode()
    assert "The vote is recorded for the absent member." in text
    assert "cast by Holder, proxy" in text
    row = adoption.positions.get(user=absent)
    assert (row.via, row.cast_by_id) == ("proxy", holder.pk)
