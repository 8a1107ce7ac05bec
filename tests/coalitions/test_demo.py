"""The demo's three IGF dynamic coalitions: one active with a published output, one overdue
for its report (its list busy), one inactive (no report, its list quiet); loading twice adds
nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.test import Client

from roundtable.coalitions.models import Coalition
from roundtable.coalitions.queries import coalition_activity, get_coalition, list_coalitions
from roundtable.demo.world import load_demo
from roundtable.lists.models import Message
from roundtable.venues.models import Venue

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)


def test_three_coalitions_active_overdue_inactive(shared_dir: Path) -> None:
    load_demo(TODAY)
    load_demo(TODAY)
    igf = Venue.objects.get(slug="igf")
    assert Coalition.objects.filter(venue=igf).count() == 3
    buckets = list_coalitions(viewer=None, venue=igf, today=TODAY)
    states = {e.coalition.name: e for state in ("active", "inactive") for e in buckets[state]}
    rights = states["Dynamic Coalition on Internet Rights and Principles"]
    assert rights.state == "active"
    overdue = states["Dynamic Coalition on Accessibility and Disability"].dormancy
    assert overdue is not None and overdue.report_overdue and not overdue.list_quiet
    quiet = states["Dynamic Coalition on Open Standards"].dormancy
    assert quiet is not None and quiet.report_overdue and quiet.list_quiet
    page = get_coalition(viewer=None, venue=igf, slug=rights.coalition.slug, today=TODAY)
    assert [d.title for d in page.outputs] == [
        "Charter of Human Rights and Principles for the Internet"
    ]
    assert {g.group.slug for g in page.groups} >= {"civil-society", "government", "academia"}
    # Published through the members' consensus call, with a real minority statement from a
    # member of another stakeholder group than the coordinator's.
    (outcome,) = page.outcomes
    assert outcome.binding is False and outcome.adoption is not None
    assert outcome.adoption.adopted and outcome.adoption.kind == "rough-consensus"
    (statement,) = outcome.adoption.minority_statements.all()
    assert statement.group == "private-sector" and statement.author.email == "globaltel@example.org"
    assert (outcome.adoption.closes_at - outcome.adoption.opened_at).days >= 14
    html = Client().get(f"/venues/igf/coalitions/{rights.coalition.slug}/").content.decode()
    assert "should not prescribe network management" in html
    listing = Client().get("/venues/igf/coalitions/").content.decode()
    assert "Dynamic Coalition on Open Standards" in listing


def test_a_coalition_page_shows_its_activity_by_group(shared_dir: Path) -> None:
    load_demo(TODAY)
    rights = Coalition.objects.get(name="Dynamic Coalition on Internet Rights and Principles")
    activity = coalition_activity(viewer=None, coalition=rights)
    assert activity is not None
    # Counted here from the rows, not through the balance's queries.
    posts = Message.objects.filter(mailing_list=rights.mailing_list).count()
    assert posts > 0 and sum(activity.measures["list_posts"].values()) == posts
    html = Client().get(f"/venues/igf/coalitions/{rights.slug}/").content.decode()
    assert 'id="activity-heading"' in html and 'id="chart-list_posts"' in html
    assert f"/venues/igf/{rights.process.slug}/balance/" in html
    pending = Coalition.objects.filter(process=None).first()
    if pending is not None:
        assert coalition_activity(viewer=None, coalition=pending) is None
