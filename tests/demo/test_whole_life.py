"""On a fresh demo the whole life of a process is there to see: the WTPF's Opinion adopted by
a consensus call (designation, objection addressed, minority statement) and followed up; a
GNSO Council motion carried by a chamber vote with its arithmetic; dated relative to today."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from roundtable.audit.models import Event
from roundtable.contributions.models import CallForInput, Contribution
from roundtable.decisions.models import Adoption, FollowUp, Outcome
from roundtable.demo.world import load_demo
from roundtable.drafting.models import Amendment
from roundtable.processes.clock import current_phase
from roundtable.processes.models import Process

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(shared_dir: Path) -> None:
    load_demo()


def test_wtpf_is_in_follow_up_today_with_the_adoption_behind_it(demo: None) -> None:
    wtpf = Process.objects.get(venue__slug="itu", slug="wtpf")
    today = timezone.now().date()
    phase = current_phase(wtpf.phases.all(), now=timezone.now())
    assert phase is not None and phase.kind == "follow-up"
    adoption_phase = wtpf.phases.get(kind="adoption")
    assert adoption_phase.ends_on < today
    statuses = set(
        Amendment.objects.filter(document__process=wtpf).values_list("status", flat=True)
    )
    assert statuses == {"accepted", "rejected"}


def test_the_demo_is_dated_from_the_clock_it_is_given() -> None:
    """Loaded with another day, the same life is placed around that day."""
    other = date(2031, 5, 4)
    load_demo(today=other)
    wtpf = Adoption.objects.get(process__slug="wtpf")
    assert wtpf.concluded_at.date() == other - timedelta(days=20)  # type: ignore[union-attr]
    gnso = Adoption.objects.get(process__slug="gnso-council")
    assert gnso.concluded_at.date() == other - timedelta(days=10)  # type: ignore[union-attr]


def test_follow_ups_api_lists_actions_with_progress(demo: None) -> None:
    rows = Client().get("/api/venues/itu/follow-ups").json()
    assert len(rows) == 3
    assert {r["status"] for r in rows} == {"in-progress", "done", "planned"}
    notes = [n for r in rows for n in r["notes"]]
    assert len(notes) == 3 and all(n["text"] for n in notes)


def test_concluded_consensus_call_shows_designation_and_minority_statement(demo: None) -> None:
    adoption = Adoption.objects.get(process__slug="wtpf")
    assert adoption.status == "concluded" and adoption.adopted
    assert adoption.result["arithmetic"]["designated_level"] == "consensus"
    objection = adoption.positions.get(position="object")
    assert objection.addressed is True
    outcome = Outcome.objects.get(adoption=adoption)
    page = Client().get(f"/outcomes/{outcome.pk}/").content.decode()
    assert "Level designated by the chair: Consensus" in page
    assert "composition of ITU meetings is for the Plenipotentiary Conference" in page
    data = Client().get(f"/api/outcomes/{outcome.pk}").json()
    assert data["minority_statements"][0]["group"] == "government"
    assert data["result"]["arithmetic"]["minority"] == [objection.voter_key]


def test_gnso_outcome_page_shows_the_chamber_arithmetic(demo: None) -> None:
    adoption = Adoption.objects.get(process__slug="gnso-council")
    assert (adoption.procedure, adoption.kind, adoption.adopted) == (
        "supermajority",
        "chamber-vote",
        True,
    )
    chambers = {c["chamber"]: c for c in adoption.result["arithmetic"]["chambers"]}
    assert (chambers["contracted"]["yes"], chambers["contracted"]["seats"]) == (6, 7)
    assert (chambers["non-contracted"]["yes"], chambers["non-contracted"]["seats"]) == (8, 13)
    outcome = Outcome.objects.get(adoption=adoption)
    page = Client().get(f"/outcomes/{outcome.pk}/").content.decode()
    assert (
        '<tr data-chamber="contracted"><td>Contracted Parties House</td><td>7</td><td>6</td>'
        "<td>1</td>" in page
    )
    assert (
        '<tr data-chamber="non-contracted"><td>Non-Contracted Parties House</td><td>13</td>'
        "<td>8</td><td>3</td>" in page
    )
    # The threshold: two thirds of each house (not met: 8/13), or three quarters of one and a
    # majority of the other (met).
    assert 'data-met="no"' in page and 'data-met="yes"' in page


def test_eu_consultation_shows_its_304_feedbacks_by_stakeholder_group(
    demo: None, shared_dir: Path
) -> None:
    call = CallForInput.objects.get(process__venue__slug="eu", process__slug="ai-act")
    assert call.contributions.count() == 304
    data = Client().get(f"/api/calls/{call.pk}").json()
    counts = {row["group"]: row["count"] for row in data["by_group"]}
    assert sum(counts.values()) == 304
    assert counts == {
        "private-sector": 162,  # 87 companies and 75 business associations
        "civil-society": 87,  # NGOs, trade unions, consumer organisations, citizens
        None: 27,  # respondents who said "other"
        "academia": 20,
        "government": 8,
    }
    page = Client().get(f"/calls/{call.pk}/").content.decode()
    assert "304 contributions" in page
    assert '<tr data-group="private-sector"><th scope="row">Private sector</th><td>162</td>' in page


def test_running_the_demo_again_adds_nothing(demo: None, shared_dir: Path) -> None:
    models = [Contribution, Adoption, Outcome, FollowUp, Amendment, Event, get_user_model()]
    before = {m.__name__: m.objects.count() for m in models}
    assert load_demo() == {"venues": 0, "processes": 0, "participants": 0, "contributions": 0}
    assert {m.__name__: m.objects.count() for m in models} == before
