"""Balance over time: the figures per phase (participants: everyone who did anything dated in
the phase; inputs, words, amendments proposed and accepted, speaking time, positions, list posts)
in the API, the CSV and on the page, against counts made here from the demo world's rows in
Python, not through the stock-taking queries (issue 16: "over time")."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from roundtable.contributions.models import Contribution
from roundtable.decisions.models import Position
from roundtable.drafting.models import Amendment
from roundtable.lists.models import Message
from roundtable.meetings.models import FloorRequest, Intervention
from roundtable.processes.models import Phase, Process
from tests.processes.scenes import accredit, person
from tests.stocktaking.test_balance_api import _group_of
from tests.support.world import DemoWorld

pytestmark = pytest.mark.django_db

Counts = dict[tuple[int | None, str], Counter[str]]


def _phase_of(process: Process, when: Any) -> int | None:
    day = timezone.localdate(when)
    for phase in sorted(Phase.objects.filter(process=process), key=lambda p: (p.starts_on, p.pk)):
        if phase.starts_on <= day <= phase.ends_on:
            return phase.pk
    return None


def _by_hand(process: Process) -> Counts:
    venue = process.venue_id
    counts: Counts = {}
    people: dict[int | None, set[int]] = {}  # phase: the people who did something in it

    def add(when: Any, measure: str, group: str, n: int = 1) -> int | None:
        phase = _phase_of(process, when)
        counts.setdefault((phase, measure), Counter())[group] += n
        return phase

    first_group: dict[int, str] = {}
    for c in Contribution.objects.select_related("group", "call").order_by("submitted_at", "pk"):
        if c.call.process_id != process.pk or c.status != "published":
            continue
        group = c.group.slug if c.group else _group_of(c.author_id, venue)
        add(c.submitted_at, "contributions", group)
        add(c.submitted_at, "words", group, c.word_count)
        if c.source_ref:  # an imported input: one respondent, in the input's group
            add(c.submitted_at, "participants", group)
            continue
        people.setdefault(_phase_of(process, c.submitted_at), set()).add(c.author_id)
        if c.group:
            first_group.setdefault(c.author_id, c.group.slug)
    for a in Amendment.objects.select_related("document"):
        if a.document.process_id != process.pk:
            continue
        phase = add(a.proposed_at, "amendments_proposed", _group_of(a.proposer_id, venue))
        people.setdefault(phase, set()).add(a.proposer_id)
        if a.status == "accepted":
            add(a.decided_at or a.proposed_at, "amendments_accepted",
                _group_of(a.proposer_id, venue))  # fmt: skip
    spoken: dict[tuple[int | None, str], timedelta] = {}
    for i in Intervention.objects.select_related("meeting"):
        if i.meeting.process_id != process.pk or i.ended_at is None:
            continue
        key = (_phase_of(process, i.started_at), _group_of(i.user_id, venue))
        spoken[key] = spoken.get(key, timedelta()) + (i.ended_at - i.started_at)
        people.setdefault(key[0], set()).add(i.user_id)
    for (phase, group), total in spoken.items():
        counts.setdefault((phase, "speaking_seconds"), Counter())[group] += int(
            total.total_seconds()
        )
    for p in Position.objects.select_related("adoption"):
        if p.adoption.process_id == process.pk:
            phase = add(p.created_at, "positions", _group_of(p.user_id, venue))
            people.setdefault(phase, set()).add(p.user_id)
    users = {u.email: u.pk for u in get_user_model().objects.all()}
    for m in Message.objects.select_related("mailing_list"):
        if m.mailing_list.process_id != process.pk or m.date is None:
            continue
        poster = users.get(m.from_addr)
        phase = add(m.date, "list_posts", _group_of(poster, venue) if poster else "")
        if poster:
            people.setdefault(phase, set()).add(poster)
    for phase, persons in people.items():
        for who in persons:  # each once per phase, in the group the whole balance gives them
            group = _group_of(who, venue) or first_group.get(who, "")
            counts.setdefault((phase, "participants"), Counter())[group] += 1
    return {key: +value for key, value in counts.items() if +value}


def _answered(body: dict[str, Any]) -> Counts:
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
    # The demo has each of these in some phase (no amendment of it is accepted).
    assert {"participants", "contributions", "words", "amendments_proposed", "speaking_seconds",
            "positions", "list_posts"} <= measures, measures  # fmt: skip


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
    from_csv: Counter[tuple[str, str, str]] = Counter()
    for r in rows:
        if r["phase"]:
            from_csv[(r["phase"], r["measure"], r["group"])] += int(r["count"])
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
    assert +from_csv == +expected and from_csv
    page = client.get(f"/venues/{process.venue.slug}/{process.slug}/balance/")
    html = page.content.decode()
    assert page.status_code == 200 and 'id="chart-phases-contributions"' in html
    arabic = client.get(
        f"/venues/{process.venue.slug}/{process.slug}/balance/", HTTP_ACCEPT_LANGUAGE="ar"
    ).content.decode()
    assert "حسب المرحلة" in arabic
    speaking = client.get("/venues/igf/stock-taking-2007/balance/").content.decode()
    assert 'id="chart-phases-participants"' in speaking
    assert 'id="chart-phases-speaking_seconds"' in speaking and "<td>7 min" in speaking


def _copy(row: Any, **changes: Any) -> Any:
    """A new row like `row` with `changes` (the rows' own dates and people stay the demo's)."""
    row.pk = None
    row._state.adding = True
    for name, value in changes.items():
        setattr(row, name, value)
    row.save()
    return row


def _noon(phase: Phase) -> datetime:
    return datetime.combine(phase.starts_on, datetime.min.time(), UTC) + timedelta(hours=12)


def _participants(client: Client, process: Process) -> dict[int | None, Counter[str]]:
    """Participants per phase, and the whole process's under the key "all"."""
    body = client.get(f"/api/processes/{process.venue.slug}/{process.slug}/balance").json()
    assert _answered(body) == _by_hand(process), process.slug
    found: dict[Any, Counter[str]] = {
        p["phase"]: Counter({c["group"]: c["count"] for c in p["measures"]["participants"]})
        for p in body["phases"]
    }
    found["all"] = Counter({c["group"]: c["count"] for c in body["measures"]["participants"]})
    return found


def _grown(
    before: dict[Any, Counter[str]], after: dict[Any, Counter[str]]
) -> dict[Any, dict[str, int]]:
    grown = {}
    for key in set(before) | set(after):
        change = Counter(after.get(key, Counter()))
        change.subtract(before.get(key, Counter()))
        if any(change.values()):
            grown[key] = {group: n for group, n in change.items() if n}
    return grown


def test_whoever_only_speaks_or_votes_in_a_phase_is_its_participant_once(
    demo_world: DemoWorld, settings: Any
) -> None:
    settings.ROUNDTABLE_PAGE_CACHE_SECONDS = 0  # the figures before and after the new rows
    client = Client(HTTP_AUTHORIZATION=f"Bearer {demo_world.tokens['secretariat']}")
    igf = Process.objects.select_related("venue").get(slug="stock-taking-2007")
    wtpf = Process.objects.select_related("venue").get(venue__slug="itu", slug="wtpf")
    before = {process.pk: _participants(client, process) for process in (igf, wtpf)}
    # Someone who only speaks: a turn at the IGF 2007 consultation, in academia.
    speaker = person("only-speaks@example.org")
    accredit(speaker, igf.venue, "academia")
    turn = Intervention.objects.filter(meeting__process=igf, ended_at__isnull=False).first()
    assert turn is not None
    request = _copy(FloorRequest.objects.get(pk=turn.request_id), user=speaker)
    turn = _copy(turn, request=request, user=speaker)
    # At the WTPF (phases in order: first, second, third, last): someone who only votes, in the
    # second phase, and someone who proposes an amendment in the first and both votes and
    # proposes another in the third (once there).
    first, second, third, *_rest = Phase.objects.filter(process=wtpf).order_by("starts_on", "pk")
    voter, both = person("only-votes@example.org"), person("two-phases@example.org")
    accredit(voter, wtpf.venue, "academia")
    accredit(both, wtpf.venue, "technical-community")
    position = Position.objects.filter(adoption__process=wtpf).first()
    amendment = Amendment.objects.filter(document__process=wtpf).first()
    assert position is not None and amendment is not None
    _copy(position, user=voter, voter_key="only-votes", created_at=_noon(second))
    _copy(position, user=both, voter_key="two-phases", created_at=_noon(third))
    for day in (_noon(first), _noon(third)):
        _copy(amendment, proposer=both, proposed_at=day, status="proposed", decided_at=None)
    assert _grown(before[igf.pk], _participants(client, igf)) == {
        _phase_of(igf, turn.started_at): {"academia": 1},
        "all": {"academia": 1},
    }
    assert _grown(before[wtpf.pk], _participants(client, wtpf)) == {
        first.pk: {"technical-community": 1},
        second.pk: {"academia": 1},
        third.pk: {"technical-community": 1},
        "all": {"academia": 1, "technical-community": 1},
    }
