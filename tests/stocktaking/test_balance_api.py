"""`GET /api/processes/{venue}/{process}/balance` (and its CSV, page and venue-year siblings)
against counts made here, row by row in Python, from the demo world's rows: not through the
stock-taking queries (issue 16, acceptance)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from roundtable.contributions.models import CampaignMember, Contribution
from roundtable.decisions.models import Position
from roundtable.drafting.models import Amendment
from roundtable.lists.models import Message
from roundtable.meetings.models import Intervention
from roundtable.processes.models import Process
from roundtable.stakeholders.models import Accreditation
from tests.support.world import DemoWorld

pytestmark = pytest.mark.django_db


def _group_of(user_id: int, venue_id: int) -> str:
    approved = sorted(
        (a.group.position, a.group.slug)
        for a in Accreditation.objects.filter(user=user_id, venue=venue_id).select_related("group")
        if a.status == "approved"
    )
    return approved[0][1] if approved else ""


def _by_hand(process: Process) -> dict[str, Counter[str]]:
    venue = process.venue_id
    counts: dict[str, Counter[str]] = {}

    def add(measure: str, group: str, n: int = 1) -> None:
        counts.setdefault(measure, Counter())[group] += n

    people: set[int] = set()
    first_group: dict[int, str] = {}
    contributions = [
        c
        for c in Contribution.objects.select_related("group").order_by("submitted_at", "pk")
        if c.call.process_id == process.pk and c.status == "published"
    ]
    in_campaign = dict(CampaignMember.objects.values_list("contribution", "campaign"))
    campaigns: dict[int, list[str]] = {}
    for c in contributions:
        group = c.group.slug if c.group else _group_of(c.author_id, venue)
        add("contributions", group)
        if c.pk in in_campaign:
            campaigns.setdefault(in_campaign[c.pk], []).append(group)
        else:
            add("voices", group)
        add("words", group, c.word_count)
        if c.source_ref:  # an imported feedback: one respondent, not the importing account
            add("participants", group)
            continue
        people.add(c.author_id)
        if c.group:
            first_group.setdefault(c.author_id, c.group.slug)
    for groups in campaigns.values():  # one voice, in the group most members gave
        add("voices", Counter(groups).most_common(1)[0][0])
    for a in Amendment.objects.all():
        if a.document.process_id == process.pk:
            add("amendments_proposed", _group_of(a.proposer_id, venue))
            if a.status == "accepted":
                add("amendments_accepted", _group_of(a.proposer_id, venue))
            people.add(a.proposer_id)
    spoken: dict[str, timedelta] = {}
    for i in Intervention.objects.all():
        if i.meeting.process_id == process.pk and i.ended_at is not None:
            group = _group_of(i.user_id, venue)
            spoken[group] = spoken.get(group, timedelta()) + (i.ended_at - i.started_at)
            people.add(i.user_id)
    for group, total in spoken.items():
        add("speaking_seconds", group, int(total.total_seconds()))
    for p in Position.objects.all():
        if p.adoption.process_id == process.pk:
            add("positions", _group_of(p.user_id, venue))
            people.add(p.user_id)
    users = {u.email: u.pk for u in get_user_model().objects.all()}
    for m in Message.objects.all():
        if m.mailing_list.process_id == process.pk:
            poster = users.get(m.from_addr)
            add("list_posts", _group_of(poster, venue) if poster else "")
            if poster:
                people.add(poster)
    for person in people:
        add("participants", _group_of(person, venue) or first_group.get(person, ""))
    return counts


def _answered(body: dict[str, Any]) -> dict[str, Counter[str]]:
    return {
        measure: Counter({c["group"]: c["count"] for c in rows if c["count"]})
        for measure, rows in body["measures"].items()
        if any(c["count"] for c in rows)
    }


def test_every_demo_process_balance_matches_counts_made_from_the_rows(
    demo_world: DemoWorld,
) -> None:
    client = Client(HTTP_AUTHORIZATION=f"Bearer {demo_world.tokens['secretariat']}")
    counted = set()
    for process in Process.objects.select_related("venue"):
        response = client.get(f"/api/processes/{process.venue.slug}/{process.slug}/balance")
        if response.status_code == 403:
            continue
        assert response.status_code == 200, process.slug
        expected = {k: +v for k, v in _by_hand(process).items() if +v}
        assert _answered(response.json()) == expected, process.slug
        counted |= set(expected)
    # The demo exercises most measures somewhere (so the comparison is not of empty answers).
    assert {"participants", "contributions", "words", "positions"} <= counted, counted


def test_shares_add_up_and_the_csv_says_the_same(demo_world: DemoWorld) -> None:
    client = Client()
    body = client.get("/api/processes/itu/wtpf/balance").json()
    contributions = body["measures"]["contributions"]
    assert (
        sum(c["count"] for c in contributions)
        == Contribution.objects.filter(call__process__slug="wtpf", status="published").count()
    )
    assert round(sum(c["share"] for c in contributions), 6) == 100.0
    response = client.get("/api/processes/itu/wtpf/balance.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    # Rows with a phase are the same measure per phase (test_balance_phases.py).
    from_csv = {
        r["group"]: int(r["count"])
        for r in rows
        if r["measure"] == "contributions" and not r["phase"]
    }
    assert from_csv == {c["group"]: c["count"] for c in contributions}
    assert all(r["group_label"] for r in rows if r["measure"] == "contributions")


def test_a_venue_year_adds_up_its_processes_of_that_year(demo_world: DemoWorld) -> None:
    client = Client(HTTP_AUTHORIZATION=f"Bearer {demo_world.tokens['secretariat']}")
    expected: dict[str, Counter[str]] = {}
    in_2007 = [
        p
        for p in Process.objects.filter(venue__slug="igf")
        if any(ph.starts_on.year <= 2007 <= ph.ends_on.year for ph in p.phases.all())
    ]
    assert in_2007
    for process in in_2007:
        for measure, counts in _by_hand(process).items():
            expected.setdefault(measure, Counter()).update(counts)
    body = client.get("/api/venues/igf/years/2007/balance").json()
    # People active in two processes count once in the year: the demo has one process in 2007.
    assert _answered(body) == {k: +v for k, v in expected.items() if +v}
    assert client.get("/api/venues/igf/years/1999/balance").json()["measures"]["participants"] == []
    assert client.get("/api/venues/igf/years/0/balance").status_code == 422
