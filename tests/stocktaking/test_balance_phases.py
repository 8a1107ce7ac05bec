"""Balance over time: the figures per phase (participants who sent inputs, inputs, list posts)
in the API, the CSV and on the page, against counts made here from the demo world's rows in
Python, not through the stock-taking queries (issue 16: "over time")."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from roundtable.contributions.models import Contribution
from roundtable.lists.models import Message
from roundtable.processes.models import Phase, Process
from roundtable.stakeholders.models import Accreditation
from tests.stocktaking.test_balance_api import _group_of
from tests.support.world import DemoWorld

pytestmark = pytest.mark.django_db


def _phase_of(process: Process, when: Any) -> int | None:
    day = timezone.localdate(when)
    for phase in sorted(Phase.objects.filter(process=process), key=lambda p: (p.starts_on, p.pk)):
        if phase.starts_on <= day <= phase.ends_on:
            return phase.pk
    return None


def _by_hand(process: Process) -> dict[tuple[int | None, str], Counter[str]]:
    venue = process.venue_id
    counts: dict[tuple[int | None, str], Counter[str]] = {}
    authors: dict[int | None, set[tuple[int, str]]] = {}
    for c in Contribution.objects.select_related("group", "call"):
        if c.call.process_id != process.pk or c.status != "published":
            continue
        phase = _phase_of(process, c.submitted_at)
        group = c.group.slug if c.group else _group_of(c.author_id, venue)
        counts.setdefault((phase, "contributions"), Counter())[group] += 1
        if c.source_ref:
            counts.setdefault((phase, "participants"), Counter())[group] += 1
        else:
            own = _group_of(c.author_id, venue) or (c.group.slug if c.group else "")
            authors.setdefault(phase, set()).add((c.author_id, own))
    for phase, people in authors.items():
        for _author, group in people:
            counts.setdefault((phase, "participants"), Counter())[group] += 1
    for m in Message.objects.select_related("mailing_list"):
        if m.mailing_list.process_id != process.pk or m.date is None:
            continue
        accredited = sorted(
            (a.group.position, a.group.slug)
            for a in Accreditation.objects.filter(user__email=m.from_addr, venue=venue)
            if a.status == "approved"
        )
        group = accredited[0][1] if accredited else ""
        counts.setdefault((_phase_of(process, m.date), "list_posts"), Counter())[group] += 1
    return {key: +value for key, value in counts.items() if +value}


def _answered(body: dict[str, Any]) -> dict[tuple[int | None, str], Counter[str]]:
    found = {}
    for phase in body["phases"]:
        for measure, rows in phase["measures"].items():
            counted = Counter({r["group"]: r["count"] for r in rows if r["count"]})
            if counted:
                found[(phase["phase"], measure)] = counted
    return found


def test_every_demo_process_per_phase_matches_counts_made_from_the_rows(
    demo_world: DemoWorld,
) -> None:
    client = Client(HTTP_AUTHORIZATION=f"Bearer {demo_world.tokens['secretariat']}")
    measures = set()
    for process in Process.objects.select_related("venue"):
        response = client.get(f"/api/processes/{process.venue.slug}/{process.slug}/balance")
        if response.status_code == 403:
            continue
        body = response.json()
        assert _answered(body) == _by_hand(process), process.slug
        # Every phase of the process, in order of its start, whether or not anything happened.
        phases = Phase.objects.filter(process=process).order_by("starts_on", "pk")
        listed = [p["phase"] for p in body["phases"] if p["phase"] is not None]
        assert listed == [p.pk for p in phases], process.slug
        measures |= {measure for phase, measure in _by_hand(process) if phase is not None}
    assert {"participants", "contributions"} <= measures, measures


def test_the_csv_and_the_page_give_the_phases(demo_world: DemoWorld) -> None:
    client = Client(HTTP_AUTHORIZATION=f"Bearer {demo_world.tokens['secretariat']}")
    process = next(
        p
        for p in Process.objects.select_related("venue")
        if any(k[1] == "contributions" for k in _by_hand(p))
        and client.get(f"/api/processes/{p.venue.slug}/{p.slug}/balance").status_code == 200
    )
    url = f"/api/processes/{process.venue.slug}/{process.slug}/balance"
    body = client.get(url).json()
    rows = list(csv.DictReader(io.StringIO(client.get(url + ".csv").content.decode())))
    from_csv = Counter(
        (r["phase"], r["measure"], r["group"])
        for r in rows
        if r["phase"]
        for _ in range(int(r["count"]))
    )
    expected: Counter[tuple[str, str, str]] = Counter()
    for phase in body["phases"]:
        label = (
            f"{phase['title']} ({phase['starts_on']} – {phase['ends_on']})"
            if phase["phase"] is not None
            else "Outside the phases"
        )
        for measure, cells in phase["measures"].items():
            for c in cells:
                expected[(label, measure, c["group"])] += c["count"]
    assert from_csv == +expected and from_csv
    page = client.get(f"/venues/{process.venue.slug}/{process.slug}/balance/")
    html = page.content.decode()
    assert page.status_code == 200 and 'id="chart-phases-contributions"' in html
    arabic = client.get(
        f"/venues/{process.venue.slug}/{process.slug}/balance/", HTTP_ACCEPT_LANGUAGE="ar"
    ).content.decode()
    assert "حسب المرحلة" in arabic
